// Marker outlines as unit-size point rings with precomputed outward offsets, so that drawing
// thousands of outlined, antialiased markers per frame is only multiply-adds.
#pragma once

#include <vector>

namespace flameblue::map {

struct ShapeVec {
    float x = 0.0F;
    float y = 0.0F;
};

struct ShapeTemplate {
    using Vec = ShapeVec;
    std::vector<Vec> points;   // ring around (0, 0), radius about 1, y down, "up" = north
    std::vector<Vec> offsets;  // per point: outward miter vector for a 1-pixel offset
    Vec fanCentre;             // the ring is star-shaped around this point

    static ShapeTemplate fromRing(std::vector<Vec> ring, Vec fanCentre = {});
    static const ShapeTemplate& circle();
    static const ShapeTemplate& smallCircle();  // fewer segments, for markers of a few pixels
    static const ShapeTemplate& square();
    static const ShapeTemplate& house();  // a square with a roof: fire stations
    static const ShapeTemplate& diamond();
    static const ShapeTemplate& triangleDown();
    static const ShapeTemplate& headingTip();  // a wedge pointing north, ahead of a disc
    // A plane seen from above, nose north: fuselage, wings, tailplane (outline all, then fill).
    static const std::vector<ShapeTemplate>& aircraftParts();
};

}  // namespace flameblue::map

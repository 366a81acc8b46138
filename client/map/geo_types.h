// Plain value types shared by the map's projection, loaders and layers.
#pragma once

namespace flameblue::map {

// WGS-84 longitude/latitude in degrees.
struct LonLat {
    double lon = 0.0;
    double lat = 0.0;
};

// Web Mercator "world" coordinates normalised to [0, 1] on both axes (x east, y south):
// multiply by MapProjection::worldSizePixels(zoom) to get world pixels at that zoom.
struct WorldPoint {
    double x = 0.0;
    double y = 0.0;
};

// A point in the item's own pixel coordinates (origin top left).
struct ScreenPoint {
    double x = 0.0;
    double y = 0.0;
};

struct WorldRect {
    double minX = 0.0;
    double minY = 0.0;
    double maxX = 0.0;
    double maxY = 0.0;

    bool intersects(const WorldRect& other) const {
        return minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY;
    }
    bool contains(const WorldPoint& p) const {
        return p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY;
    }
};

}  // namespace flameblue::map

// The vector base map, projected and prepared once in a worker thread, then read-only.
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

#include "map/geo_types.h"

namespace flameblue::map {

// A piece of a line (at most a few dozen points) with its bounds, so drawing can skip what
// is off screen.
struct BasemapLine {
    std::vector<WorldPoint> points;
    WorldRect bounds;
    int level = 0;  // rivers: 1 major ... (WDB-II class); borders: 1 Shanxi, 2 neighbour
};

// Triangles as x, y float pairs relative to BasemapData::anchor, in world pixels at
// BasemapData::kFillZoom (floats keep sub-pixel precision there up to zoom 18).
using FillTriangles = std::vector<float>;

// One level of detail: drawn while the zoom is below maxZoom.
struct BasemapLod {
    double maxZoom = 0.0;
    std::vector<BasemapLine> borders;
    std::vector<BasemapLine> rivers;
    std::vector<BasemapLine> lakeShores;
    // Shanxi. The provinces around it are the background colour: filling them too would
    // double the pixels a software rasteriser fills per frame for no information.
    FillTriangles homeFill;
    FillTriangles lakeFill;
};

struct BasemapPlace {
    WorldPoint position;
    QString nameZh;
    QString nameEn;
    QString code;  // adcode for cities, ICAO or IATA for airports
    QString kind;  // airports: "transport" or "general_aviation"
};

struct BasemapData {
    static constexpr double kFillZoom = 12.0;

    std::vector<BasemapLod> lods;  // ascending maxZoom; the last one is full detail
    std::vector<BasemapPlace> cities;
    std::vector<BasemapPlace> airports;
    WorldPoint anchor;
    QStringList warnings;  // files or features that could not be read
    QString error;         // set when nothing usable was loaded

    const BasemapLod* lodFor(double zoom) const {
        for (const BasemapLod& lod : lods) {
            if (zoom < lod.maxZoom) {
                return &lod;
            }
        }
        return lods.empty() ? nullptr : &lods.back();
    }
};

}  // namespace flameblue::map

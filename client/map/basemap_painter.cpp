#include "map/basemap_painter.h"

#include <algorithm>

#include "map/label_atlas.h"
#include "map/map_palette.h"
#include "map/map_projection.h"

namespace flameblue::map {

namespace {

constexpr double kCullMarginPixels = 16.0;
constexpr double kAirportLabelMinZoom = 8.5;
constexpr double kCitySymbolRadius = 4.2;
constexpr double kAirportSymbolRadius = 7.0;

struct RiverStyle {
    int maxLevel;
    double minZoom;
    float width;
    double opacity;
};

// WDB-II classes: 1-4 permanent rivers from major to minor, 5+ intermittent and canals.
constexpr RiverStyle kRiverStyles[] = {
    {1, 0.0, 2.4F, 1.0}, {2, 0.0, 1.7F, 1.0},  {3, 6.5, 1.3F, 0.95},
    {4, 7.5, 1.1F, 0.9}, {99, 8.0, 1.0F, 0.6},
};

const RiverStyle& riverStyle(int level) {
    for (const RiverStyle& s : kRiverStyles) {
        if (level <= s.maxLevel) {
            return s;
        }
    }
    return kRiverStyles[std::size(kRiverStyles) - 1];
}

void drawPieces(const std::vector<BasemapLine>& pieces, const MapProjection& projection,
                const WorldRect& view, std::vector<ScreenPoint>& scratch, ColoredMesh& mesh,
                int level, float width, Rgba color) {
    for (const BasemapLine& piece : pieces) {
        if (piece.level != level || !piece.bounds.intersects(view)) {
            continue;
        }
        scratch.clear();
        for (const WorldPoint& p : piece.points) {
            scratch.push_back(projection.worldToScreen(p));
        }
        mesh.addPolyline(scratch.data(), scratch.size(), width, color);
    }
}

}  // namespace

void paintBasemapLines(const BasemapLod& lod, const MapProjection& projection, ColoredMesh& mesh) {
    const WorldRect view = projection.visibleWorld(kCullMarginPixels);
    const double zoom = projection.zoom();
    // Rivers gain weight as the view closes in.
    const double widen = std::clamp(1.0 + (zoom - 8.0) * 0.15, 0.8, 1.7);
    std::vector<ScreenPoint> scratch;
    const QColor river = MapPalette::river();
    for (const BasemapLine& piece : lod.rivers) {
        const RiverStyle& style = riverStyle(piece.level);
        if (zoom < style.minZoom || !piece.bounds.intersects(view)) {
            continue;
        }
        scratch.clear();
        for (const WorldPoint& p : piece.points) {
            scratch.push_back(projection.worldToScreen(p));
        }
        mesh.addPolyline(scratch.data(), scratch.size(), static_cast<float>(style.width * widen),
                         Rgba::from(river, style.opacity));
    }
    drawPieces(lod.lakeShores, projection, view, scratch, mesh, 0, 1.0F, Rgba::from(river));
    drawPieces(lod.borders, projection, view, scratch, mesh, 2, 1.3F,
               Rgba::from(MapPalette::neighbourBorder()));
    // Shanxi's border: a wide soft band under a crisp line, the map's strongest feature.
    const QColor home = MapPalette::homeBorder();
    drawPieces(lod.borders, projection, view, scratch, mesh, 1, 7.0F, Rgba::from(home, 0.14));
    drawPieces(lod.borders, projection, view, scratch, mesh, 1, 2.0F, Rgba::from(home));
}

void paintBasemapPlaces(const BasemapData& data, const MapProjection& projection,
                        ColoredMesh& mesh) {
    for (const BasemapPlace& city : data.cities) {
        const ScreenPoint p = projection.worldToScreen(city.position);
        const ShapePlacement at{static_cast<float>(p.x), static_cast<float>(p.y),
                                static_cast<float>(kCitySymbolRadius)};
        mesh.addShape(ShapeTemplate::circle(), at, Rgba::from(Qt::white),
                      Rgba::from(MapPalette::place()), 1.8F);
        mesh.addShapeFill(ShapeTemplate::circle(), {at.x, at.y, 1.7F},
                          Rgba::from(MapPalette::place()));
    }
    for (const BasemapPlace& airport : data.airports) {
        const ScreenPoint p = projection.worldToScreen(airport.position);
        const auto x = static_cast<float>(p.x);
        const auto y = static_cast<float>(p.y);
        mesh.addShape(ShapeTemplate::circle(), {x, y, static_cast<float>(kAirportSymbolRadius)},
                      Rgba::from(MapPalette::place()), Rgba::from(Qt::white), 1.2F);
        // Runway heading is not in the data: the symbol points north.
        for (const ShapeTemplate& part : ShapeTemplate::aircraftParts()) {
            mesh.addShapeFill(part, {x, y, static_cast<float>(kAirportSymbolRadius * 0.75)},
                              Rgba::from(Qt::white));
        }
    }
}

void appendBasemapLabels(const BasemapData& data, const MapProjection& projection, bool english,
                         std::vector<LabelPlacement>& labels) {
    auto nameOf = [english](const BasemapPlace& place) {
        const QString& preferred = english ? place.nameEn : place.nameZh;
        return preferred.isEmpty() ? (english ? place.nameZh : place.nameEn) : preferred;
    };
    for (const BasemapPlace& city : data.cities) {
        const ScreenPoint p = projection.worldToScreen(city.position);
        const QString name = nameOf(city);
        labels.push_back({LabelAtlas::key(LabelStyle::City, name), QString(), p.x, p.y,
                          kCitySymbolRadius + 2.0, LabelPlacement::Anchor::Right, true});
    }
    if (projection.zoom() < kAirportLabelMinZoom) {
        return;
    }
    for (const BasemapPlace& airport : data.airports) {
        const ScreenPoint p = projection.worldToScreen(airport.position);
        const QString name = nameOf(airport);
        labels.push_back({LabelAtlas::key(LabelStyle::Airport, name), QString(), p.x, p.y,
                          kAirportSymbolRadius + 2.0, LabelPlacement::Anchor::Right});
    }
}

}  // namespace flameblue::map

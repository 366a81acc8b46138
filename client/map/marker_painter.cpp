#include "map/marker_painter.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "map/label_atlas.h"
#include "map/map_palette.h"
#include "map/map_projection.h"

namespace flameblue::map {

namespace {

constexpr double kCullMarginPixels = 40.0;
// Below this zoom thousands of small markers may show at once: hard edges, fewer segments.
constexpr double kSoftEdgeMinZoom = 10.5;
constexpr float kOutlineWidth = 1.3F;
constexpr float kTrailWidth = 2.5F;
constexpr double kTrailOldestOpacity = 0.05;
constexpr double kTrailNewestOpacity = 0.75;
constexpr int kOutOfServiceStatus = 6;
constexpr int kIncidentReceived = 1;
constexpr int kIncidentUnderControl = 3;
constexpr int kIncidentClosed = 4;
// Ground units carry their callsign from city zoom on; below it they are too many to read.
constexpr double kUnitLabelMinZoom = 11.0;

ShapePlacement placeAt(const ScreenPoint& p, double size, float headingDeg = 0.0F) {
    const double radians = headingDeg * std::numbers::pi / 180.0;
    return {static_cast<float>(p.x), static_cast<float>(p.y), static_cast<float>(size),
            static_cast<float>(std::cos(radians)), static_cast<float>(std::sin(radians))};
}

bool onScreen(const ScreenPoint& p, const MapProjection& projection) {
    return p.x > -kCullMarginPixels && p.y > -kCullMarginPixels &&
           p.x < projection.viewportWidth() + kCullMarginPixels &&
           p.y < projection.viewportHeight() + kCullMarginPixels;
}

QColor clusterColor(const MarkerLayer& layer, const DrawnMarker& m) {
    switch (layer.kind()) {
        case MarkerLayerKind::Units:
            return MapPalette::unitStatusColor(m.status);
        case MarkerLayerKind::Stations:
            return MapPalette::stationClassColor(QString());
        default:
            return MapPalette::water();
    }
}

void paintCluster(const MarkerLayer& layer, const DrawnMarker& m, const ScreenPoint& p,
                  ColoredMesh& mesh) {
    const auto r = static_cast<float>(layer.radiusPixels(m));
    const QColor color = clusterColor(layer, m);
    const auto x = static_cast<float>(p.x);
    const auto y = static_cast<float>(p.y);
    mesh.addRing(x, y, r + 1.0F, r + 4.5F, Rgba::from(color, 0.3));
    mesh.addShape(ShapeTemplate::circle(), placeAt(p, r), Rgba::from(color, 0.92),
                  Rgba::from(Qt::white), 1.8F);
}

void paintUnit(const MarkerRecord& r, double radius, const ScreenPoint& p, ColoredMesh& mesh) {
    const Rgba outline = Rgba::from(MapPalette::markerOutline());
    if (r.highlighted) {
        mesh.addRing(static_cast<float>(p.x), static_cast<float>(p.y),
                     static_cast<float>(radius + 2.5), static_cast<float>(radius + 5.5),
                     Rgba::from(MapPalette::highlight()));
    }
    const double opacity = r.status == kOutOfServiceStatus ? 0.75 : 1.0;
    const Rgba fill = Rgba::from(MapPalette::unitStatusColor(r.status), opacity);
    const ShapePlacement disc = placeAt(p, radius);
    const ShapeTemplate& circle = ShapeTemplate::smallCircle();
    if (r.hasHeading) {
        // Disc and wedge share one outline, so the marker reads as a pointer.
        const ShapePlacement tip = placeAt(p, radius, r.headingDeg);
        mesh.addShapeOutline(ShapeTemplate::headingTip(), tip, outline.withOpacity(opacity),
                             kOutlineWidth);
        mesh.addShapeOutline(circle, disc, outline.withOpacity(opacity), kOutlineWidth);
        mesh.addShapeFill(ShapeTemplate::headingTip(), tip, fill);
        mesh.addShapeFill(circle, disc, fill);
        return;
    }
    mesh.addShape(circle, disc, fill, outline.withOpacity(opacity), kOutlineWidth);
}

void paintAircraft(const MarkerRecord& r, double radius, const ScreenPoint& p, ColoredMesh& mesh) {
    if (r.highlighted) {
        mesh.addRing(static_cast<float>(p.x), static_cast<float>(p.y),
                     static_cast<float>(radius + 1.5), static_cast<float>(radius + 4.5),
                     Rgba::from(MapPalette::highlight()));
    }
    const ShapePlacement at = placeAt(p, radius, r.hasHeading ? r.headingDeg : 0.0F);
    const Rgba outline = Rgba::from(Qt::white);
    for (const ShapeTemplate& part : ShapeTemplate::aircraftParts()) {
        mesh.addShapeOutline(part, at, outline, 1.6F);
    }
    const Rgba fill = Rgba::from(MapPalette::unitStatusColor(r.status).darker(115));
    for (const ShapeTemplate& part : ShapeTemplate::aircraftParts()) {
        mesh.addShapeFill(part, at, fill);
    }
}

// Context traffic: a small grey aircraft, no status colour, no trail.
void paintTraffic(const MarkerRecord& r, double radius, const ScreenPoint& p, ColoredMesh& mesh) {
    const ShapePlacement at = placeAt(p, radius, r.hasHeading ? r.headingDeg : 0.0F);
    const Rgba outline = Rgba::from(Qt::white);
    for (const ShapeTemplate& part : ShapeTemplate::aircraftParts()) {
        mesh.addShapeOutline(part, at, outline, 1.0F);
    }
    const Rgba fill = Rgba::from(MapPalette::traffic());
    for (const ShapeTemplate& part : ShapeTemplate::aircraftParts()) {
        mesh.addShapeFill(part, at, fill);
    }
}

void paintTrail(const MarkerRecord& r, const MapProjection& projection, ColoredMesh& trails) {
    if (r.trail.size() < 2) {
        return;
    }
    std::vector<ScreenPoint> points;
    points.reserve(r.trail.size() + 1);
    for (const WorldPoint& w : r.trail) {
        points.push_back(projection.worldToScreen(w));
    }
    const QColor color = MapPalette::unitStatusColor(r.status).darker(110);
    trails.addPolyline(points.data(), points.size(), kTrailWidth,
                       Rgba::from(color, kTrailOldestOpacity),
                       Rgba::from(color, kTrailNewestOpacity));
}

void paintIncident(const MarkerRecord& r, double radius, const ScreenPoint& p, ColoredMesh& mesh) {
    const auto x = static_cast<float>(p.x);
    const auto y = static_cast<float>(p.y);
    const auto rr = static_cast<float>(radius);
    if (r.highlighted) {
        mesh.addRing(x, y, rr + 4.0F, rr + 7.0F, Rgba::from(MapPalette::highlight()));
    }
    if (r.status == kIncidentReceived) {  // new alarm: an extra ring nobody can miss
        mesh.addRing(x, y, rr + 1.5F, rr + 3.5F, Rgba::from(MapPalette::incidentStatusColor(1)));
    }
    QColor fill = MapPalette::incidentTypeColor(r.category);
    double opacity = 1.0;
    if (r.status == kIncidentUnderControl) {
        opacity = 0.6;
    } else if (r.status == kIncidentClosed) {
        fill = MapPalette::incidentStatusColor(kIncidentClosed);
        opacity = 0.7;
    }
    mesh.addShape(ShapeTemplate::diamond(), placeAt(p, radius * 0.85), Rgba::from(fill, opacity),
                  Rgba::from(MapPalette::markerOutline(), opacity), 1.3F);
    // A dark dot in the middle marks the exact spot.
    mesh.addShape(ShapeTemplate::circle(), placeAt(p, 1.8), Rgba::from(Qt::white),
                  Rgba::from(MapPalette::markerOutline()), 0.8F);
}

void paintStation(const MarkerRecord& r, double radius, const ScreenPoint& p, ColoredMesh& mesh) {
    if (r.highlighted) {
        mesh.addRing(static_cast<float>(p.x), static_cast<float>(p.y),
                     static_cast<float>(radius + 2.0), static_cast<float>(radius + 5.0),
                     Rgba::from(MapPalette::highlight()));
    }
    mesh.addShape(ShapeTemplate::house(), placeAt(p, radius),
                  Rgba::from(MapPalette::stationClassColor(r.category)),
                  Rgba::from(MapPalette::markerOutline()), 1.2F);
    mesh.addShapeFill(ShapeTemplate::square(), placeAt(p, radius * 0.22), Rgba::from(Qt::white));
}

void paintWater(const MarkerRecord& r, double radius, const ScreenPoint& p, ColoredMesh& mesh) {
    const bool point =
        r.category == QLatin1String("hydrant") || r.category == QLatin1String("tank");
    mesh.addShape(point ? ShapeTemplate::circle() : ShapeTemplate::triangleDown(),
                  placeAt(p, point ? radius * 0.85 : radius),
                  Rgba::from(MapPalette::waterKindColor(r.category)),
                  Rgba::from(MapPalette::markerOutline()), 1.0F);
}

}  // namespace

void paintMarkerLayer(MarkerLayer& layer, const MapProjection& projection, ColoredMesh& mesh,
                      ColoredMesh& trails) {
    const auto& records = layer.mirror().records();
    const bool many = layer.kind() == MarkerLayerKind::Units ||
                      layer.kind() == MarkerLayerKind::Stations ||
                      layer.kind() == MarkerLayerKind::Water;
    const bool softEdges = !many || projection.zoom() >= kSoftEdgeMinZoom;
    mesh.setSoftEdges(softEdges);
    for (const DrawnMarker& m : layer.drawn(projection.zoom())) {
        const ScreenPoint p = projection.worldToScreen(m.position);
        const bool visible = onScreen(p, projection);
        if (m.row < 0) {
            if (visible) {
                mesh.setSoftEdges(true);  // a few big discs: always smooth
                paintCluster(layer, m, p, mesh);
                mesh.setSoftEdges(softEdges);
            }
            continue;
        }
        const MarkerRecord& r = records[static_cast<size_t>(m.row)];
        if (layer.kind() == MarkerLayerKind::Aircraft) {
            paintTrail(r, projection, trails);  // a trail may cross the view from off-screen
        }
        if (!visible) {
            continue;
        }
        const double radius = layer.radiusPixels(m);
        switch (layer.kind()) {
            case MarkerLayerKind::Units:
                paintUnit(r, radius, p, mesh);
                break;
            case MarkerLayerKind::Aircraft:
                paintAircraft(r, radius, p, mesh);
                break;
            case MarkerLayerKind::Traffic:
                paintTraffic(r, radius, p, mesh);
                break;
            case MarkerLayerKind::Incidents:
                paintIncident(r, radius, p, mesh);
                break;
            case MarkerLayerKind::Stations:
                paintStation(r, radius, p, mesh);
                break;
            case MarkerLayerKind::Water:
                paintWater(r, radius, p, mesh);
                break;
        }
    }
    mesh.setSoftEdges(true);
}

void appendMarkerLabels(MarkerLayer& layer, const MapProjection& projection,
                        std::vector<LabelPlacement>& labels) {
    const bool traffic = layer.kind() == MarkerLayerKind::Traffic;
    const bool aircraft = layer.kind() == MarkerLayerKind::Aircraft;
    const bool callsigns =
        aircraft || traffic ||
        (layer.kind() == MarkerLayerKind::Units && projection.zoom() >= kUnitLabelMinZoom);
    if (!callsigns && !layer.clusters()) {
        return;
    }
    const auto& records = layer.mirror().records();
    // Placement is greedy in candidate order: highlighted (recommended) units claim space first.
    const std::size_t firstOfLayer = labels.size();
    for (const DrawnMarker& m : layer.drawn(projection.zoom())) {
        const ScreenPoint p = projection.worldToScreen(m.position);
        if (!onScreen(p, projection)) {
            continue;
        }
        if (m.row < 0) {
            LabelPlacement label;
            label.key = LabelAtlas::key(LabelStyle::Count, QString());
            label.digits = QString::number(m.count);
            label.x = p.x;
            label.y = p.y;
            label.offset = layer.radiusPixels(m);  // the disc, an obstacle for other labels
            label.anchor = LabelPlacement::Anchor::Centre;
            labels.push_back(label);
        } else if (callsigns) {
            const MarkerRecord& r = records[static_cast<size_t>(m.row)];
            const QString text = r.label.isEmpty() ? r.itemId : r.label;
            if (text.isEmpty()) {
                continue;
            }
            const LabelStyle style = traffic ? LabelStyle::Traffic : LabelStyle::Callsign;
            labels.push_back({LabelAtlas::key(style, text), QString(), p.x, p.y,
                              layer.radiusPixels(m) + 2.0, LabelPlacement::Anchor::Right});
            if (r.highlighted) {
                std::rotate(labels.begin() + static_cast<std::ptrdiff_t>(firstOfLayer),
                            labels.end() - 1, labels.end());
            }
        }
    }
}

}  // namespace flameblue::map

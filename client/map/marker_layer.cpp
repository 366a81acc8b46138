#include "map/marker_layer.h"

#include <QHash>

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

#include "map/map_palette.h"
#include "map/map_projection.h"

namespace flameblue::map {

namespace {

// Cluster cells are this many pixels wide at the integer zoom below the current one.
constexpr double kClusterCellPixels = 60.0;
// Grid cells for hit-testing, in pixels at the integer zoom.
constexpr double kIndexCellPixels = 64.0;
constexpr int kStatusSlots = 8;

struct ClusterCell {
    double sumX = 0.0;
    double sumY = 0.0;
    int count = 0;
    int firstRow = -1;
    std::array<int, kStatusSlots> statusCounts{};
};

double clusterRadiusPixels(int count) {
    return 9.0 + 2.5 * std::log2(static_cast<double>(count));
}

// Grid cells leave neighbouring clusters overlapping across cell borders: fold every cluster
// whose disc overlaps a bigger one into it, biggest first, so the picture stays readable.
void mergeOverlapping(std::vector<ClusterCell>& cells, double worldSize) {
    std::vector<size_t> order(cells.size());
    for (size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return cells[a].count > cells[b].count; });
    for (size_t oi = 0; oi < order.size(); ++oi) {
        ClusterCell& a = cells[order[oi]];
        if (a.count == 0) {
            continue;
        }
        for (size_t oj = oi + 1; oj < order.size(); ++oj) {
            ClusterCell& b = cells[order[oj]];
            if (b.count == 0) {
                continue;
            }
            const double dx = (a.sumX / a.count - b.sumX / b.count) * worldSize;
            const double dy = (a.sumY / a.count - b.sumY / b.count) * worldSize;
            const double reach = clusterRadiusPixels(a.count) + clusterRadiusPixels(b.count);
            if (dx * dx + dy * dy < reach * reach) {
                a.sumX += b.sumX;
                a.sumY += b.sumY;
                a.count += b.count;
                for (size_t s = 0; s < a.statusCounts.size(); ++s) {
                    a.statusCounts[s] += b.statusCounts[s];
                }
                b.count = 0;
            }
        }
    }
}

}  // namespace

MarkerLayer::MarkerLayer(MarkerLayerKind kind, QObject* owner)
    : m_kind(kind), m_mirror(new MarkerModelMirror(owner)) {}

QString MarkerLayer::name() const {
    switch (m_kind) {
        case MarkerLayerKind::Water:
            return QStringLiteral("water");
        case MarkerLayerKind::Stations:
            return QStringLiteral("stations");
        case MarkerLayerKind::Units:
            return QStringLiteral("units");
        case MarkerLayerKind::Incidents:
            return QStringLiteral("incidents");
        case MarkerLayerKind::Aircraft:
            return QStringLiteral("aircraft");
        case MarkerLayerKind::Traffic:
            return QStringLiteral("traffic");
    }
    return {};
}

bool MarkerLayer::clusters() const {
    return m_kind == MarkerLayerKind::Units;
}

bool MarkerLayer::thinnedOut(double zoom) const {
    return m_kind == MarkerLayerKind::Water && zoom < m_clusterBelowZoom;
}

void MarkerLayer::setClusterBelowZoom(double zoom) {
    if (zoom != m_clusterBelowZoom) {
        m_clusterBelowZoom = zoom;
        m_drawnZoomKey = -1;
    }
}

const std::vector<DrawnMarker>& MarkerLayer::drawn(double zoom) {
    m_sizeZoom = zoom;
    if (thinnedOut(zoom)) {
        static const std::vector<DrawnMarker> kNothing;
        return kNothing;
    }
    const bool clustered = clusters() && zoom < m_clusterBelowZoom;
    // Unclustered drawing does not depend on the zoom at all.
    const int zoomKey = clustered ? static_cast<int>(std::floor(zoom)) : 1000;
    if (m_drawnRevision != m_mirror->revision() || m_drawnZoomKey != zoomKey) {
        rebuildDrawn(zoomKey);
    }
    return m_drawn;
}

void MarkerLayer::rebuildDrawn(int zoomKey) {
    m_drawn.clear();
    m_drawnRevision = m_mirror->revision();
    m_drawnZoomKey = zoomKey;
    m_indexValid = false;
    const auto& records = m_mirror->records();
    if (zoomKey == 1000) {
        for (size_t row = 0; row < records.size(); ++row) {
            const MarkerRecord& r = records[row];
            if (r.hasPosition) {
                m_drawn.push_back({r.position, static_cast<int>(row), 1, r.status});
            }
        }
        return;
    }
    const double worldSize = MapProjection::worldSizePixels(zoomKey);
    const double cell = kClusterCellPixels / worldSize;
    std::unordered_map<std::uint64_t, size_t> cellIndex;
    std::vector<ClusterCell> cells;  // first-seen order keeps the output stable
    for (size_t row = 0; row < records.size(); ++row) {
        const MarkerRecord& r = records[row];
        if (!r.hasPosition) {
            continue;
        }
        if (r.highlighted) {  // a recommended unit must never hide inside a cluster
            m_drawn.push_back({r.position, static_cast<int>(row), 1, r.status});
            continue;
        }
        const auto cx = static_cast<std::uint64_t>(std::floor(r.position.x / cell));
        const auto cy = static_cast<std::uint64_t>(std::floor(r.position.y / cell));
        auto [it, inserted] = cellIndex.try_emplace((cx << 32U) ^ cy, cells.size());
        if (inserted) {
            cells.emplace_back();
            cells.back().firstRow = static_cast<int>(row);
        }
        ClusterCell& c = cells[it->second];
        c.sumX += r.position.x;
        c.sumY += r.position.y;
        ++c.count;
        ++c.statusCounts[static_cast<size_t>(std::clamp(r.status, 0, kStatusSlots - 1))];
    }
    mergeOverlapping(cells, worldSize);
    for (const ClusterCell& c : cells) {
        if (c.count == 0) {
            continue;  // merged into another
        }
        if (c.count == 1) {
            const MarkerRecord& r = records[static_cast<size_t>(c.firstRow)];
            m_drawn.push_back({r.position, c.firstRow, 1, r.status});
            continue;
        }
        const auto majority = std::max_element(c.statusCounts.begin(), c.statusCounts.end());
        m_drawn.push_back({{c.sumX / c.count, c.sumY / c.count},
                           -1,
                           c.count,
                           static_cast<int>(majority - c.statusCounts.begin())});
    }
}

double MarkerLayer::radiusPixels(const DrawnMarker& marker) const {
    if (marker.row < 0) {
        return clusterRadiusPixels(marker.count);
    }
    switch (m_kind) {
        case MarkerLayerKind::Water:
            return 5.5;
        case MarkerLayerKind::Stations:
            // Size by zoom: small over the whole province, full size from zoom 10.
            return 5.0 + 3.0 * std::clamp((m_sizeZoom - 7.0) / 3.0, 0.0, 1.0);
        case MarkerLayerKind::Units:
            return 5.5 + 1.5 * std::clamp((m_sizeZoom - 9.0) / 4.0, 0.0, 1.0);
        case MarkerLayerKind::Incidents:
            return MapPalette::incidentRadius(
                m_mirror->records()[static_cast<size_t>(marker.row)].level);
        case MarkerLayerKind::Aircraft:
            return 11.0;
        case MarkerLayerKind::Traffic:
            return 7.0;  // smaller than the fleet's
    }
    return 6.0;
}

std::optional<MarkerHit> MarkerLayer::hitTest(const MapProjection& projection,
                                              const ScreenPoint& point, double tolerancePixels) {
    const double zoom = projection.zoom();
    const auto& markers = drawn(zoom);
    if (markers.empty()) {
        return std::nullopt;
    }
    const double worldPerPixel = 1.0 / projection.scale();
    // Cells sized at the integer zoom below, so they stay efficient across a zoom step.
    const int indexZoom = static_cast<int>(std::floor(zoom));
    if (!m_indexValid || indexZoom != m_indexZoom) {
        std::vector<WorldPoint> points;
        points.reserve(markers.size());
        for (const DrawnMarker& m : markers) {
            points.push_back(m.position);
        }
        m_index.build(points, kIndexCellPixels / MapProjection::worldSizePixels(indexZoom));
        m_indexValid = true;
        m_indexZoom = indexZoom;
    }
    const double maxRadius = 40.0 + tolerancePixels;
    const WorldPoint at = projection.screenToWorld(point);
    std::optional<MarkerHit> best;
    for (const int i : m_index.query(at, maxRadius * worldPerPixel)) {
        const DrawnMarker& m = markers[static_cast<size_t>(i)];
        const ScreenPoint s = projection.worldToScreen(m.position);
        const double d = std::hypot(s.x - point.x, s.y - point.y);
        if (d <= radiusPixels(m) + tolerancePixels && (!best || d < best->distancePixels)) {
            best = MarkerHit{i, d};
        }
    }
    return best;
}

}  // namespace flameblue::map

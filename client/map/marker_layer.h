// One live layer (stations, units, aircraft, incidents or water): the mirrored model, what
// to draw at the current zoom (records, or grid clusters below the cluster zoom) and
// hit-testing against exactly that.
#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "map/marker_grid_index.h"
#include "map/marker_model_mirror.h"

namespace flameblue::map {

class MapProjection;

// In drawing order, bottom first. Traffic (aircraft that are not the fleet's) lies under the fleet.
enum class MarkerLayerKind { Water, Stations, Units, Incidents, Traffic, Aircraft };
inline constexpr std::size_t kMarkerLayerCount = 6;

// A record drawn on its own (row >= 0) or a cluster of `count` records (row == -1).
struct DrawnMarker {
    WorldPoint position;
    int row = -1;
    int count = 1;
    int status = 0;  // clusters: the most common status among their members
};

struct MarkerHit {
    int drawnIndex = -1;
    double distancePixels = 0.0;
};

class MarkerLayer {
public:
    MarkerLayer(MarkerLayerKind kind, QObject* owner);

    MarkerLayerKind kind() const { return m_kind; }
    // The layer's name in itemAt()/clicked(): "stations", "units", "aircraft"...
    QString name() const;
    MarkerModelMirror& mirror() { return *m_mirror; }
    const MarkerModelMirror& mirror() const { return *m_mirror; }
    bool visible() const { return m_visible; }
    void setVisible(bool visible) { m_visible = visible; }
    // Units cluster below the cluster zoom; water sources are hidden there (thinned out);
    // stations (a few hundred) shrink instead; incidents and aircraft always stand alone.
    bool clusters() const;
    bool thinnedOut(double zoom) const;
    void setClusterBelowZoom(double zoom);

    // What to draw at `zoom`; cached until the data changes or the zoom crosses an integer.
    const std::vector<DrawnMarker>& drawn(double zoom);
    // Radius in pixels of a drawn marker (hit area and drawing agree on it).
    double radiusPixels(const DrawnMarker& marker) const;
    // Nearest drawn marker whose disc, grown by `tolerancePixels`, holds `point`.
    std::optional<MarkerHit> hitTest(const MapProjection& projection, const ScreenPoint& point,
                                     double tolerancePixels);

private:
    void rebuildDrawn(int zoomKey);

    MarkerLayerKind m_kind;
    MarkerModelMirror* m_mirror;
    bool m_visible = true;
    double m_clusterBelowZoom = 9.0;
    double m_sizeZoom = 10.0;
    std::vector<DrawnMarker> m_drawn;
    std::uint64_t m_drawnRevision = UINT64_MAX;
    int m_drawnZoomKey = -1;
    MarkerGridIndex m_index;
    bool m_indexValid = false;
    int m_indexZoom = -1;
};

}  // namespace flameblue::map

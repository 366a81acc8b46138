// MapView: the console's map, a QQuickItem drawing on the Qt Quick scene graph (Qt 6.4 has no
// QtLocation). Web Mercator, north-up; QML API close to QtLocation's Map (center, zoomLevel,
// fromCoordinate, toCoordinate, fitBounds) so that moving to QtLocation later is a swap.
// Base map from GeoJSON loaded in a worker thread; optional raster tiles; live marker layers
// bound to any QAbstractItemModel by role names, one geometry node per layer.
#pragma once

#include <QtQml/qqml.h>
#include <QAbstractItemModel>
#include <QBasicTimer>
#include <QGeoCoordinate>
#include <QPointF>
#include <QQuickItem>
#include <QString>
#include <QStringList>
#include <QVariantAnimation>
#include <QVariantMap>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "map/basemap_data.h"
#include "map/label_atlas.h"
#include "map/label_placement.h"
#include "map/map_projection.h"
#include "map/marker_layer.h"
#include "map/tile_layer.h"

template <typename T>
class QFutureWatcher;

namespace flameblue::map {

class MapSceneNode;

class MapView : public QQuickItem {
    Q_OBJECT
    QML_ELEMENT

    // Camera.
    Q_PROPERTY(QGeoCoordinate center READ center WRITE setCenter NOTIFY centerChanged)
    Q_PROPERTY(qreal zoomLevel READ zoomLevel WRITE setZoomLevel NOTIFY zoomLevelChanged)
    Q_PROPERTY(qreal minimumZoomLevel READ minimumZoomLevel WRITE setMinimumZoomLevel NOTIFY
                   minimumZoomLevelChanged)
    Q_PROPERTY(qreal maximumZoomLevel READ maximumZoomLevel WRITE setMaximumZoomLevel NOTIFY
                   maximumZoomLevelChanged)
    Q_PROPERTY(qreal metersPerPixel READ metersPerPixel NOTIFY metersPerPixelChanged)
    Q_PROPERTY(qreal bearing READ bearing CONSTANT)
    Q_PROPERTY(bool interactive READ interactive WRITE setInteractive NOTIFY interactiveChanged)
    // Picking a place (e.g. where a new incident is): a click then only reports where it
    // landed, with empty layer and itemId, and clusters do not open up; the cursor is a cross.
    Q_PROPERTY(bool placing READ placing WRITE setPlacing NOTIFY placingChanged)

    // Base map and raster.
    Q_PROPERTY(QString basemapDirectory READ basemapDirectory WRITE setBasemapDirectory NOTIFY
                   basemapDirectoryChanged)
    Q_PROPERTY(bool basemapLoaded READ basemapLoaded NOTIFY basemapLoadedChanged)
    Q_PROPERTY(QString basemapError READ basemapError NOTIFY basemapLoadedChanged)
    Q_PROPERTY(QString tileSource READ tileSource WRITE setTileSource NOTIFY tileSourceChanged)
    Q_PROPERTY(QString tileAttribution READ tileAttribution WRITE setTileAttribution NOTIFY
                   attributionChanged)
    Q_PROPERTY(QString attribution READ attribution NOTIFY attributionChanged)
    // Language of the base map's place names: "en" (or "en_…") for English, else Chinese.
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)

    // Live layers.
    Q_PROPERTY(QAbstractItemModel* stationModel READ stationModel WRITE setStationModel NOTIFY
                   stationModelChanged)
    Q_PROPERTY(
        QAbstractItemModel* unitModel READ unitModel WRITE setUnitModel NOTIFY unitModelChanged)
    Q_PROPERTY(QAbstractItemModel* aircraftModel READ aircraftModel WRITE setAircraftModel NOTIFY
                   aircraftModelChanged)
    Q_PROPERTY(QAbstractItemModel* incidentModel READ incidentModel WRITE setIncidentModel NOTIFY
                   incidentModelChanged)
    Q_PROPERTY(
        QAbstractItemModel* waterModel READ waterModel WRITE setWaterModel NOTIFY waterModelChanged)
    Q_PROPERTY(bool showStations READ showStations WRITE setShowStations NOTIFY layersChanged)
    Q_PROPERTY(bool showUnits READ showUnits WRITE setShowUnits NOTIFY layersChanged)
    Q_PROPERTY(bool showAircraft READ showAircraft WRITE setShowAircraft NOTIFY layersChanged)
    Q_PROPERTY(bool showIncidents READ showIncidents WRITE setShowIncidents NOTIFY layersChanged)
    Q_PROPERTY(bool showWater READ showWater WRITE setShowWater NOTIFY layersChanged)
    // Context traffic (not the fleet): off until switched on.
    Q_PROPERTY(QAbstractItemModel* trafficModel READ trafficModel WRITE setTrafficModel NOTIFY
                   trafficModelChanged)
    Q_PROPERTY(bool showTraffic READ showTraffic WRITE setShowTraffic NOTIFY layersChanged)
    Q_PROPERTY(bool showBasemap READ showBasemap WRITE setShowBasemap NOTIFY layersChanged)
    // Below this zoom units, stations and water sources are grid-clustered with a count.
    Q_PROPERTY(
        qreal clusterBelowZoom READ clusterBelowZoom WRITE setClusterBelowZoom NOTIFY layersChanged)

public:
    explicit MapView(QQuickItem* parent = nullptr);
    ~MapView() override;

    QGeoCoordinate center() const;
    void setCenter(const QGeoCoordinate& center);
    qreal zoomLevel() const { return m_projection.zoom(); }
    void setZoomLevel(qreal zoom);
    qreal minimumZoomLevel() const { return m_projection.minimumZoom(); }
    void setMinimumZoomLevel(qreal zoom);
    qreal maximumZoomLevel() const { return m_projection.maximumZoom(); }
    void setMaximumZoomLevel(qreal zoom);
    qreal metersPerPixel() const { return m_projection.metersPerPixel(); }
    qreal bearing() const { return 0.0; }
    bool interactive() const { return m_interactive; }
    void setInteractive(bool interactive);
    bool placing() const { return m_placing; }
    void setPlacing(bool placing);

    QString basemapDirectory() const { return m_basemapDirectory; }
    void setBasemapDirectory(const QString& directory);
    bool basemapLoaded() const { return m_basemap != nullptr; }
    QString basemapError() const { return m_basemapError; }
    QString tileSource() const { return m_tileSource; }
    void setTileSource(const QString& source);
    QString tileAttribution() const { return m_tileAttribution; }
    void setTileAttribution(const QString& text);
    QString attribution() const;
    QString language() const { return m_language; }
    void setLanguage(const QString& language);
    bool englishNames() const { return m_language.startsWith(QLatin1String("en")); }

    QAbstractItemModel* stationModel() const;
    void setStationModel(QAbstractItemModel* model);
    QAbstractItemModel* unitModel() const;
    void setUnitModel(QAbstractItemModel* model);
    QAbstractItemModel* aircraftModel() const;
    void setAircraftModel(QAbstractItemModel* model);
    QAbstractItemModel* trafficModel() const;
    void setTrafficModel(QAbstractItemModel* model);
    QAbstractItemModel* incidentModel() const;
    void setIncidentModel(QAbstractItemModel* model);
    QAbstractItemModel* waterModel() const;
    void setWaterModel(QAbstractItemModel* model);

    bool showStations() const { return layer(MarkerLayerKind::Stations).visible(); }
    void setShowStations(bool show) { setLayerVisible(MarkerLayerKind::Stations, show); }
    bool showUnits() const { return layer(MarkerLayerKind::Units).visible(); }
    void setShowUnits(bool show) { setLayerVisible(MarkerLayerKind::Units, show); }
    bool showAircraft() const { return layer(MarkerLayerKind::Aircraft).visible(); }
    void setShowAircraft(bool show) { setLayerVisible(MarkerLayerKind::Aircraft, show); }
    bool showIncidents() const { return layer(MarkerLayerKind::Incidents).visible(); }
    void setShowIncidents(bool show) { setLayerVisible(MarkerLayerKind::Incidents, show); }
    bool showWater() const { return layer(MarkerLayerKind::Water).visible(); }
    void setShowWater(bool show) { setLayerVisible(MarkerLayerKind::Water, show); }
    bool showTraffic() const { return layer(MarkerLayerKind::Traffic).visible(); }
    void setShowTraffic(bool show) { setLayerVisible(MarkerLayerKind::Traffic, show); }
    bool showBasemap() const { return m_showBasemap; }
    void setShowBasemap(bool show);
    qreal clusterBelowZoom() const { return m_clusterBelowZoom; }
    void setClusterBelowZoom(qreal zoom);

    // Item pixel of a coordinate (NaN, NaN for an invalid one), and back.
    Q_INVOKABLE QPointF fromCoordinate(const QGeoCoordinate& coordinate) const;
    Q_INVOKABLE QGeoCoordinate toCoordinate(const QPointF& point) const;
    // Centre on the box and zoom so that it fits (clamped to the zoom limits).
    Q_INVOKABLE void fitBounds(const QGeoCoordinate& topLeft, const QGeoCoordinate& bottomRight);
    // Zoom to `zoomLevel` keeping the ground under `point` fixed (what the wheel does).
    Q_INVOKABLE void zoomAt(const QPointF& point, qreal zoomLevel);
    // Move the content by (dx, dy) pixels, as a drag does.
    Q_INVOKABLE void pan(qreal dx, qreal dy);
    // The topmost marker within a few pixels of `point`: {layer, itemId, row} (clusters:
    // itemId "" and row -1, plus count); an empty map when there is none.
    Q_INVOKABLE QVariantMap itemAt(const QPointF& point);

    // The texts of the labels on screen after the last layout (city names, callsigns), in
    // placement order; counts of clusters are left out. For tests and tools.
    Q_INVOKABLE QStringList placedLabelTexts() const;

    // The layers, for the renderer and tests (GUI thread, or render thread during sync).
    MarkerLayer& layer(MarkerLayerKind kind) { return *m_layers[static_cast<size_t>(kind)]; }
    const MarkerLayer& layer(MarkerLayerKind kind) const {
        return *m_layers[static_cast<size_t>(kind)];
    }

signals:
    void centerChanged();
    void zoomLevelChanged();
    void minimumZoomLevelChanged();
    void maximumZoomLevelChanged();
    void metersPerPixelChanged();
    void interactiveChanged();
    void placingChanged();
    void basemapDirectoryChanged();
    void basemapLoadedChanged();
    void tileSourceChanged();
    void attributionChanged();
    void languageChanged();
    void stationModelChanged();
    void unitModelChanged();
    void aircraftModelChanged();
    void trafficModelChanged();
    void incidentModelChanged();
    void waterModelChanged();
    void layersChanged();
    // A click (press and release without a drag). layer/itemId are empty on bare map.
    void clicked(const QGeoCoordinate& coordinate, const QString& layer, const QString& itemId);
    void pressAndHold(const QGeoCoordinate& coordinate, const QString& layer,
                      const QString& itemId);
    void doubleClicked(const QGeoCoordinate& coordinate);
    // The marker under the mouse changed (empty strings: none).
    void hovered(const QString& layer, const QString& itemId);

protected:
    QSGNode* updatePaintNode(QSGNode* oldNode, UpdatePaintNodeData* data) override;
    void updatePolish() override;
    void geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) override;
    void itemChange(ItemChange change, const ItemChangeData& value) override;
    void releaseResources() override;

    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void mouseUngrabEvent() override;
    void wheelEvent(QWheelEvent* event) override;
    void hoverMoveEvent(QHoverEvent* event) override;
    void hoverLeaveEvent(QHoverEvent* event) override;
    void touchEvent(QTouchEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void timerEvent(QTimerEvent* event) override;

private:
    friend class MapSceneNode;

    struct Hit {
        QString layer;
        QString itemId;
        int row = -1;
        int count = 0;
        WorldPoint position;
    };

    void setLayerVisible(MarkerLayerKind kind, bool visible);
    void setLayerModel(MarkerLayerKind kind, QAbstractItemModel* model);
    void startBasemapLoad();
    // Emits what changed after any camera move and schedules a frame.
    void cameraChanged(const LonLat& oldCenter, double oldZoom);
    void scheduleFrame();
    std::optional<Hit> hitAt(const QPointF& point);
    void animateZoomTo(const QPointF& anchor, double targetZoom, int durationMs);
    void stopZoomAnimation();
    void computeLabels();

    MapProjection m_projection;
    bool m_interactive = true;
    bool m_placing = false;
    std::array<std::unique_ptr<MarkerLayer>, kMarkerLayerCount> m_layers;
    bool m_showBasemap = true;
    qreal m_clusterBelowZoom = 9.0;

    QString m_basemapDirectory;
    std::shared_ptr<const BasemapData> m_basemap;
    QString m_basemapError;
    QFutureWatcher<std::shared_ptr<const BasemapData>>* m_basemapWatcher = nullptr;
    std::uint64_t m_basemapGeneration = 0;

    QString m_language = QStringLiteral("zh_CN");
    QString m_tileSource;
    QString m_tileAttribution;
    TileLayer* m_tiles = nullptr;
    std::vector<TileLayer::Drawable> m_tileDrawables;

    // Labels are laid out on the GUI thread (polish) and drawn from the atlas at sync.
    LabelAtlas m_labelAtlas;
    std::vector<LabelPlacement> m_labels;
    std::uint64_t m_labelsRevision = 0;
    std::uint64_t m_cameraRevision = 1;
    std::uint64_t m_contentRevision = 1;

    // Interaction state.
    QPointF m_pressPosition;
    QPointF m_lastDragPosition;
    bool m_pressed = false;
    bool m_dragging = false;
    QBasicTimer m_holdTimer;
    QVariantAnimation* m_zoomAnimation = nullptr;
    QPointF m_zoomAnchor;
    double m_zoomTarget = 0.0;
    double m_pinchStartZoom = 0.0;
    double m_pinchStartDistance = 0.0;
    QPointF m_pinchLastCentre;
    QString m_hoveredLayer;
    QString m_hoveredItemId;
};

}  // namespace flameblue::map

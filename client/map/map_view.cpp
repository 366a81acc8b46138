#include "map/map_view.h"

#include <QCursor>
#include <QFutureWatcher>
#include <QQuickWindow>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <limits>

#include "map/basemap_loader.h"
#include "map/tile_layer.h"

namespace flameblue::map {

namespace {

constexpr double kDefaultMinimumZoom = 5.0;
constexpr double kDefaultMaximumZoom = 18.0;
constexpr double kFitPaddingPixels = 24.0;
// Markers count as hit this far outside their drawn radius (a finger or a shaky hand).
constexpr double kHitTolerancePixels = 4.0;
const LonLat kDefaultCenter{112.3, 37.6};  // Shanxi
// What PROVENANCE.md of the bundled base map asks to show.
constexpr const char* kBasemapAttribution =
    "Boundaries: DCW via GMT (LGPL); rivers: GSHHG; places: GeoNames";

}  // namespace

MapView::MapView(QQuickItem* parent) : QQuickItem(parent) {
    setFlag(ItemHasContents, true);
    setFlag(ItemIsFocusScope, true);
    setActiveFocusOnTab(true);
    setAcceptedMouseButtons(Qt::LeftButton);
    setAcceptHoverEvents(true);
    setAcceptTouchEvents(true);
    setClip(true);
    m_projection.setZoomLimits(kDefaultMinimumZoom, kDefaultMaximumZoom);
    m_projection.setCenter(kDefaultCenter);
    m_projection.setZoom(7.0);
    for (const MarkerLayerKind kind :
         {MarkerLayerKind::Water, MarkerLayerKind::Stations, MarkerLayerKind::Units,
          MarkerLayerKind::Incidents, MarkerLayerKind::Traffic, MarkerLayerKind::Aircraft}) {
        auto& slot = m_layers[static_cast<size_t>(kind)];
        slot = std::make_unique<MarkerLayer>(kind, this);
        slot->setVisible(kind != MarkerLayerKind::Traffic);
        slot->setClusterBelowZoom(m_clusterBelowZoom);
        connect(&slot->mirror(), &MarkerModelMirror::changed, this, &MapView::scheduleFrame);
    }
    m_tiles = new TileLayer(this);
    connect(m_tiles, &TileLayer::tilesChanged, this, &MapView::scheduleFrame);
}

MapView::~MapView() = default;

void MapView::scheduleFrame() {
    ++m_contentRevision;
    polish();
    update();
}

QGeoCoordinate MapView::center() const {
    const LonLat c = m_projection.center();
    return {c.lat, c.lon};
}

void MapView::setCenter(const QGeoCoordinate& center) {
    if (!center.isValid()) {
        return;
    }
    stopZoomAnimation();  // a camera set from outside wins over a zoom still in flight
    const LonLat oldCenter = m_projection.center();
    const double oldZoom = m_projection.zoom();
    m_projection.setCenter({center.longitude(), center.latitude()});
    cameraChanged(oldCenter, oldZoom);
}

void MapView::setZoomLevel(qreal zoom) {
    if (!std::isfinite(zoom)) {
        return;
    }
    stopZoomAnimation();
    const LonLat oldCenter = m_projection.center();
    const double oldZoom = m_projection.zoom();
    m_projection.setZoom(zoom);
    cameraChanged(oldCenter, oldZoom);
}

void MapView::setMinimumZoomLevel(qreal zoom) {
    if (zoom == minimumZoomLevel()) {
        return;
    }
    const LonLat oldCenter = m_projection.center();
    const double oldZoom = m_projection.zoom();
    m_projection.setZoomLimits(zoom, std::max(zoom, maximumZoomLevel()));
    emit minimumZoomLevelChanged();
    cameraChanged(oldCenter, oldZoom);
}

void MapView::setMaximumZoomLevel(qreal zoom) {
    if (zoom == maximumZoomLevel()) {
        return;
    }
    const LonLat oldCenter = m_projection.center();
    const double oldZoom = m_projection.zoom();
    m_projection.setZoomLimits(std::min(zoom, minimumZoomLevel()), zoom);
    emit maximumZoomLevelChanged();
    cameraChanged(oldCenter, oldZoom);
}

void MapView::cameraChanged(const LonLat& oldCenter, double oldZoom) {
    const LonLat c = m_projection.center();
    const bool moved = c.lon != oldCenter.lon || c.lat != oldCenter.lat;
    const bool zoomed = m_projection.zoom() != oldZoom;
    if (!moved && !zoomed) {
        return;
    }
    ++m_cameraRevision;
    scheduleFrame();
    if (moved) {
        emit centerChanged();
    }
    if (zoomed) {
        emit zoomLevelChanged();
    }
    emit metersPerPixelChanged();
}

void MapView::setInteractive(bool interactive) {
    if (interactive != m_interactive) {
        m_interactive = interactive;
        emit interactiveChanged();
    }
}

void MapView::setPlacing(bool placing) {
    if (placing != m_placing) {
        m_placing = placing;
        setCursor(QCursor(placing ? Qt::CrossCursor : Qt::ArrowCursor));
        emit placingChanged();
    }
}

void MapView::setBasemapDirectory(const QString& directory) {
    if (directory == m_basemapDirectory) {
        return;
    }
    m_basemapDirectory = directory;
    emit basemapDirectoryChanged();
    startBasemapLoad();
}

void MapView::startBasemapLoad() {
    const bool wasLoaded = m_basemap != nullptr;
    m_basemap.reset();
    m_basemapError.clear();
    const std::uint64_t generation = ++m_basemapGeneration;
    if (wasLoaded) {
        emit basemapLoadedChanged();
    }
    scheduleFrame();
    if (m_basemapDirectory.isEmpty()) {
        return;
    }
    QString path = m_basemapDirectory;
    if (path.startsWith(QLatin1String("file:"))) {
        path = QUrl(path).toLocalFile();
    }
    auto* watcher = new QFutureWatcher<std::shared_ptr<const BasemapData>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_basemapGeneration) {
            return;  // a newer directory was set meanwhile
        }
        auto data = watcher->result();
        if (!data->error.isEmpty()) {
            m_basemapError = data->error;
            qWarning("MapView: %s", qPrintable(data->error));
        } else {
            m_basemap = std::move(data);
            for (const QString& w : m_basemap->warnings) {
                qWarning("MapView: %s", qPrintable(w));
            }
        }
        emit basemapLoadedChanged();
        scheduleFrame();
    });
    watcher->setFuture(QtConcurrent::run([path] { return loadBasemap(path); }));
}

void MapView::setTileSource(const QString& source) {
    if (source == m_tileSource) {
        return;
    }
    m_tileSource = source;
    m_tiles->setSource(source);
    emit tileSourceChanged();
    scheduleFrame();
}

void MapView::setTileAttribution(const QString& text) {
    if (text != m_tileAttribution) {
        m_tileAttribution = text;
        emit attributionChanged();
    }
}

QString MapView::attribution() const {
    QString text = QString::fromLatin1(kBasemapAttribution);
    if (!m_tileSource.isEmpty() && !m_tileAttribution.isEmpty()) {
        text += QStringLiteral("; tiles: ") + m_tileAttribution;
    }
    return text;
}

QAbstractItemModel* MapView::stationModel() const {
    return layer(MarkerLayerKind::Stations).mirror().model();
}
void MapView::setStationModel(QAbstractItemModel* model) {
    if (model != stationModel()) {
        setLayerModel(MarkerLayerKind::Stations, model);
        emit stationModelChanged();
    }
}
QAbstractItemModel* MapView::unitModel() const {
    return layer(MarkerLayerKind::Units).mirror().model();
}
void MapView::setUnitModel(QAbstractItemModel* model) {
    if (model != unitModel()) {
        setLayerModel(MarkerLayerKind::Units, model);
        emit unitModelChanged();
    }
}
QAbstractItemModel* MapView::aircraftModel() const {
    return layer(MarkerLayerKind::Aircraft).mirror().model();
}
void MapView::setAircraftModel(QAbstractItemModel* model) {
    if (model != aircraftModel()) {
        setLayerModel(MarkerLayerKind::Aircraft, model);
        emit aircraftModelChanged();
    }
}
QAbstractItemModel* MapView::trafficModel() const {
    return layer(MarkerLayerKind::Traffic).mirror().model();
}
void MapView::setTrafficModel(QAbstractItemModel* model) {
    if (model != trafficModel()) {
        setLayerModel(MarkerLayerKind::Traffic, model);
        emit trafficModelChanged();
    }
}
QAbstractItemModel* MapView::incidentModel() const {
    return layer(MarkerLayerKind::Incidents).mirror().model();
}
void MapView::setIncidentModel(QAbstractItemModel* model) {
    if (model != incidentModel()) {
        setLayerModel(MarkerLayerKind::Incidents, model);
        emit incidentModelChanged();
    }
}
QAbstractItemModel* MapView::waterModel() const {
    return layer(MarkerLayerKind::Water).mirror().model();
}
void MapView::setWaterModel(QAbstractItemModel* model) {
    if (model != waterModel()) {
        setLayerModel(MarkerLayerKind::Water, model);
        emit waterModelChanged();
    }
}

void MapView::setLayerModel(MarkerLayerKind kind, QAbstractItemModel* model) {
    layer(kind).mirror().setModel(model);
    scheduleFrame();
}

void MapView::setLayerVisible(MarkerLayerKind kind, bool visible) {
    if (layer(kind).visible() != visible) {
        layer(kind).setVisible(visible);
        emit layersChanged();
        scheduleFrame();
    }
}

void MapView::setLanguage(const QString& language) {
    if (language != m_language) {
        m_language = language;
        emit languageChanged();
        scheduleFrame();  // the labels are laid out again at the next polish
    }
}

void MapView::setShowBasemap(bool show) {
    if (show != m_showBasemap) {
        m_showBasemap = show;
        emit layersChanged();
        scheduleFrame();
    }
}

void MapView::setClusterBelowZoom(qreal zoom) {
    if (zoom != m_clusterBelowZoom) {
        m_clusterBelowZoom = zoom;
        for (auto& l : m_layers) {
            l->setClusterBelowZoom(zoom);
        }
        emit layersChanged();
        scheduleFrame();
    }
}

QPointF MapView::fromCoordinate(const QGeoCoordinate& coordinate) const {
    if (!coordinate.isValid()) {
        return {std::numeric_limits<qreal>::quiet_NaN(), std::numeric_limits<qreal>::quiet_NaN()};
    }
    const ScreenPoint p = m_projection.toScreen({coordinate.longitude(), coordinate.latitude()});
    return {p.x, p.y};
}

QGeoCoordinate MapView::toCoordinate(const QPointF& point) const {
    const LonLat c = m_projection.toLonLat(ScreenPoint{point.x(), point.y()});
    return {c.lat, c.lon};
}

void MapView::fitBounds(const QGeoCoordinate& topLeft, const QGeoCoordinate& bottomRight) {
    if (!topLeft.isValid() || !bottomRight.isValid()) {
        return;
    }
    stopZoomAnimation();
    const LonLat oldCenter = m_projection.center();
    const double oldZoom = m_projection.zoom();
    m_projection.fitBounds({topLeft.longitude(), topLeft.latitude()},
                           {bottomRight.longitude(), bottomRight.latitude()}, kFitPaddingPixels);
    cameraChanged(oldCenter, oldZoom);
}

void MapView::zoomAt(const QPointF& point, qreal zoomLevel) {
    const LonLat oldCenter = m_projection.center();
    const double oldZoom = m_projection.zoom();
    m_projection.zoomAround({point.x(), point.y()}, zoomLevel);
    cameraChanged(oldCenter, oldZoom);
}

void MapView::pan(qreal dx, qreal dy) {
    const LonLat oldCenter = m_projection.center();
    const double oldZoom = m_projection.zoom();
    m_projection.panByPixels(dx, dy);
    cameraChanged(oldCenter, oldZoom);
}

std::optional<MapView::Hit> MapView::hitAt(const QPointF& point) {
    // Topmost layer first, as drawn.
    for (const MarkerLayerKind kind :
         {MarkerLayerKind::Aircraft, MarkerLayerKind::Traffic, MarkerLayerKind::Incidents,
          MarkerLayerKind::Units, MarkerLayerKind::Stations, MarkerLayerKind::Water}) {
        MarkerLayer& l = layer(kind);
        if (!l.visible()) {
            continue;
        }
        const auto hit = l.hitTest(m_projection, {point.x(), point.y()}, kHitTolerancePixels);
        if (!hit) {
            continue;
        }
        const DrawnMarker& m = l.drawn(m_projection.zoom())[static_cast<size_t>(hit->drawnIndex)];
        Hit result;
        result.layer = l.name();
        result.row = m.row;
        result.count = m.count;
        result.position = m.position;
        if (m.row >= 0) {
            result.itemId = l.mirror().records()[static_cast<size_t>(m.row)].itemId;
        }
        return result;
    }
    return std::nullopt;
}

QVariantMap MapView::itemAt(const QPointF& point) {
    const auto hit = hitAt(point);
    if (!hit) {
        return {};
    }
    const LonLat c = MapProjection::toLonLat(hit->position);
    return {{QStringLiteral("layer"), hit->layer},
            {QStringLiteral("itemId"), hit->itemId},
            {QStringLiteral("row"), hit->row},
            {QStringLiteral("count"), hit->count},
            {QStringLiteral("coordinate"), QVariant::fromValue(QGeoCoordinate(c.lat, c.lon))}};
}

void MapView::geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) {
    QQuickItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() != oldGeometry.size()) {
        m_projection.setViewportSize(newGeometry.width(), newGeometry.height());
        ++m_cameraRevision;
        scheduleFrame();
    }
}

void MapView::itemChange(ItemChange change, const ItemChangeData& value) {
    QQuickItem::itemChange(change, value);
    if (change == ItemSceneChange || change == ItemDevicePixelRatioHasChanged) {
        scheduleFrame();
    }
}

}  // namespace flameblue::map

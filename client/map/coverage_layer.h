// CoverageLayer: the 5-minute rescue circle over the province, drawn over a MapView as its own
// item (a child of the map, filling it): the coverage grid's cells coloured by modelled
// first-arrival minutes, and the first-due areas of the stations as outlines. The data comes
// from the server's Coverage service (reports.proto): setGrid() takes its grid as sent.
#pragma once

#include <QtQml/qqml.h>
#include <QByteArray>
#include <QColor>
#include <QPointer>
#include <QQuickItem>
#include <QVariantList>

#include <cstdint>
#include <vector>

#include "map/map_view.h"

namespace flameblue::map {

class CoverageLayer : public QQuickItem {
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(flameblue::map::MapView* map READ map WRITE setMap NOTIFY mapChanged)
    Q_PROPERTY(bool showGrid READ showGrid WRITE setShowGrid NOTIFY layersChanged)
    Q_PROPERTY(bool showFirstDue READ showFirstDue WRITE setShowFirstDue NOTIFY layersChanged)
    Q_PROPERTY(double circleSeconds READ circleSeconds WRITE setCircleSeconds NOTIFY legendChanged)
    // [{from, to, color, unreached}] in minutes (to -1: open-ended), fastest first: the bands
    // the grid is coloured in.
    Q_PROPERTY(QVariantList legend READ legend NOTIFY legendChanged)
    // Each area: a list of {lat, lon} maps (or QGeoCoordinates), closed implicitly.
    Q_PROPERTY(QVariantList firstDueAreas READ firstDueAreas WRITE setFirstDueAreas NOTIFY
                   firstDueAreasChanged)
    Q_PROPERTY(int cellCount READ cellCount NOTIFY gridChanged)

public:
    explicit CoverageLayer(QQuickItem* parent = nullptr);

    MapView* map() const { return m_map; }
    void setMap(MapView* map);
    bool showGrid() const { return m_showGrid; }
    void setShowGrid(bool show);
    bool showFirstDue() const { return m_showFirstDue; }
    void setShowFirstDue(bool show);
    double circleSeconds() const { return m_circleSeconds; }
    void setCircleSeconds(double seconds);
    QVariantList legend() const;
    QVariantList firstDueAreas() const { return m_areasVariant; }
    void setFirstDueAreas(const QVariantList& areas);
    int cellCount() const { return m_cells; }

    // The grid as the Coverage service sends it: rows x cols cells from (minLat, minLon), one
    // little-endian uint16 of seconds per cell (65535 outside the province, 65534 unreached).
    Q_INVOKABLE void setGrid(int rows, int cols, double minLat, double minLon, double latStep,
                             double lonStep, const QByteArray& seconds);
    Q_INVOKABLE void clearGrid();

    // The band (index into legend) of a first-arrival time; -1 outside the province.
    int bandOf(std::uint16_t seconds) const;
    QColor bandColor(int band) const;

signals:
    void mapChanged();
    void layersChanged();
    void legendChanged();
    void firstDueAreasChanged();
    void gridChanged();

protected:
    QSGNode* updatePaintNode(QSGNode* old, UpdatePaintNodeData* data) override;

private:
    QPointer<MapView> m_map;
    bool m_showGrid = true;
    bool m_showFirstDue = true;
    double m_circleSeconds = 300.0;
    int m_rows = 0;
    int m_cols = 0;
    int m_cells = 0;
    double m_minLat = 0.0;
    double m_minLon = 0.0;
    double m_latStep = 0.0;
    double m_lonStep = 0.0;
    std::vector<std::int8_t> m_bands;  // per box cell; -1 outside
    QVariantList m_areasVariant;
    std::vector<std::vector<std::pair<double, double>>> m_areas;  // (lat, lon)
};

}  // namespace flameblue::map

// Polls the server's Coverage service (reports.proto) while the map shows the coverage layer:
// a cheap GetCoverage with the last version seen every couple of seconds, and the full grid and
// first-due areas only when the version moved. Results arrive on the Qt thread.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QVariantList>

#include <memory>

#include "net/server_link.h"

namespace flameblue::console {

class QtPoster;

class CoverageFeed : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool active READ active WRITE setActive NOTIFY activeChanged)
    Q_PROPERTY(qulonglong version READ version NOTIFY summaryChanged)
    Q_PROPERTY(double coveredShare READ coveredShare NOTIFY summaryChanged)
    Q_PROPERTY(double placesShare READ placesShare NOTIFY summaryChanged)
    Q_PROPERTY(double circleSeconds READ circleSeconds NOTIFY summaryChanged)
    Q_PROPERTY(int countingUnits READ countingUnits NOTIFY summaryChanged)
    Q_PROPERTY(int places READ places NOTIFY summaryChanged)
    // [{id, nameZh, nameEn, kind, seconds (-1: unreached), unitId}], slowest first.
    Q_PROPERTY(QVariantList placesOutside READ placesOutside NOTIFY summaryChanged)
    // [{id, nameZh, nameEn, seconds, unitId}]: checked stations outside the circle.
    Q_PROPERTY(QVariantList stationGaps READ stationGaps NOTIFY summaryChanged)
    // Each a list of {lat, lon}.
    Q_PROPERTY(QVariantList firstDueAreas READ firstDueAreas NOTIFY firstDueAreasChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY summaryChanged)

public:
    explicit CoverageFeed(ServerLink link, QObject* parent = nullptr);
    ~CoverageFeed() override;

    bool active() const { return m_active; }
    void setActive(bool active);
    qulonglong version() const { return m_version; }
    double coveredShare() const { return m_coveredShare; }
    double placesShare() const { return m_placesShare; }
    double circleSeconds() const { return m_circleSeconds; }
    int countingUnits() const { return m_countingUnits; }
    int places() const { return m_places; }
    QVariantList placesOutside() const { return m_placesOutside; }
    QVariantList stationGaps() const { return m_stationGaps; }
    QVariantList firstDueAreas() const { return m_firstDueAreas; }
    QString lastError() const { return m_lastError; }

    Q_INVOKABLE void refresh();

Q_SIGNALS:
    void activeChanged();
    void summaryChanged();
    void firstDueAreasChanged();
    // The grid as the service sends it (see CoverageLayer::setGrid).
    void gridReceived(int rows, int cols, double minLat, double minLon, double latStep,
                      double lonStep, const QByteArray& seconds);

private:
    struct Net;
    void poll();

    ServerLink m_link;
    std::shared_ptr<QtPoster> m_poster;
    std::unique_ptr<Net> m_net;
    QTimer m_timer;
    bool m_active = false;
    bool m_inFlight = false;
    bool m_haveAreas = false;
    qulonglong m_version = 0;
    double m_coveredShare = 0.0;
    double m_placesShare = 0.0;
    double m_circleSeconds = 300.0;
    int m_countingUnits = 0;
    int m_places = 0;
    QVariantList m_placesOutside;
    QVariantList m_stationGaps;
    QVariantList m_firstDueAreas;
    QString m_lastError;
};

}  // namespace flameblue::console

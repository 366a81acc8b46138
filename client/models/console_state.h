// Everything the console knows about one session, folded from the Subscribe stream: a snapshot
// (staged until it is complete, then merged into the models in place) and the events after it.
// Owns the list models the map and the boards show.
#pragma once

#include <QObject>
#include <QTimer>
#include <QVariantMap>

#include <optional>
#include <vector>

#include "flameblue/v1/dispatch.pb.h"
#include "models/catalog.h"
#include "models/incident_detail.h"
#include "models/incident_list_model.h"
#include "models/model_context.h"
#include "models/recommendation_model.h"
#include "models/station_list_model.h"
#include "models/traffic_list_model.h"
#include "models/unit_filter_model.h"
#include "models/unit_list_model.h"
#include "models/water_source_list_model.h"

namespace flameblue::console {

class ConsoleState : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString sessionId READ sessionId NOTIFY sessionChanged)
    Q_PROPERTY(bool drill READ drill NOTIFY sessionChanged)
    Q_PROPERTY(bool ready READ ready NOTIFY readyChanged)
    Q_PROPERTY(qulonglong seq READ seq NOTIFY seqChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QString selectedIncidentId READ selectedIncidentId WRITE setSelectedIncidentId NOTIFY
                   selectedIncidentIdChanged)
    Q_PROPERTY(Catalog* catalog READ catalog CONSTANT)
    Q_PROPERTY(StationListModel* stations READ stations CONSTANT)
    Q_PROPERTY(UnitListModel* units READ units CONSTANT)
    Q_PROPERTY(UnitListModel* aircraft READ aircraft CONSTANT)
    Q_PROPERTY(IncidentListModel* incidents READ incidents CONSTANT)
    Q_PROPERTY(WaterSourceListModel* waterSources READ waterSources CONSTANT)
    Q_PROPERTY(UnitFilterModel* unitBoard READ unitBoard CONSTANT)
    Q_PROPERTY(UnitFilterModel* aircraftBoard READ aircraftBoard CONSTANT)
    Q_PROPERTY(IncidentDetail* incidentDetail READ incidentDetail CONSTANT)
    Q_PROPERTY(RecommendationModel* recommendation READ recommendation CONSTANT)
    // Context traffic (not the fleet), filled only while the map shows it.
    Q_PROPERTY(TrafficListModel* traffic READ traffic CONSTANT)
    Q_PROPERTY(bool showTraffic READ showTraffic WRITE setShowTraffic NOTIFY showTrafficChanged)

public:
    explicit ConsoleState(QObject* parent = nullptr);

    // The stream, in order (connect these to DispatchConnection's signals).
    void beginSnapshot(const flameblue::v1::SnapshotBegin& begin);
    void addSnapshotChunk(const flameblue::v1::SnapshotChunk& chunk);
    void endSnapshot(qulonglong seq);
    void abortSnapshot();
    void applyEvent(const flameblue::v1::Event& event);
    void applyHeartbeat(qulonglong headSeq, qint64 serverTimeMs);
    void setCatalog(const flameblue::v1::Catalog& catalog);

    QString sessionId() const { return m_sessionId; }
    bool drill() const { return !m_sessionId.isEmpty() && m_sessionId != QLatin1String("live"); }
    bool ready() const { return m_ready; }
    qulonglong seq() const { return m_seq; }
    QString language() const { return m_language; }
    void setLanguage(const QString& language);
    QString selectedIncidentId() const { return m_selectedIncidentId; }
    TrafficListModel* traffic() { return &m_traffic; }
    bool showTraffic() const { return m_showTraffic; }
    void setShowTraffic(bool show);
    void setSelectedIncidentId(const QString& id);

    // A fix older than this is not trusted (the unit is shown at its station).
    void setStaleAfterSeconds(double seconds);
    // Tests drive the clock by hand; otherwise it follows the wall clock, corrected to the
    // server's by its heartbeat.
    void setManualClock(qint64 nowMs);
    qint64 nowMs() const { return m_context.nowMs; }

    Catalog* catalog() { return &m_catalog; }
    StationListModel* stations() { return &m_stations; }
    UnitListModel* units() { return &m_units; }
    UnitListModel* aircraft() { return &m_aircraft; }
    IncidentListModel* incidents() { return &m_incidents; }
    WaterSourceListModel* waterSources() { return &m_waterSources; }
    UnitFilterModel* unitBoard() { return &m_unitBoard; }
    UnitFilterModel* aircraftBoard() { return &m_aircraftBoard; }
    IncidentDetail* incidentDetail() { return &m_incidentDetail; }
    RecommendationModel* recommendation() { return &m_recommendation; }

    // What the map's hover card shows for a marker: {title, lines} in the display language;
    // an empty map for an unknown item or a cluster (empty id). Layers as MapView names them.
    Q_INVOKABLE QVariantMap describeMapItem(const QString& layer, const QString& itemId) const;

Q_SIGNALS:
    void sessionChanged();
    void readyChanged();
    void seqChanged();
    void languageChanged();
    void selectedIncidentIdChanged();
    void showTrafficChanged();
    // A fresh snapshot replaced the state (first load, or the server could not resume).
    void snapshotApplied(const QString& reason);
    // The recommendation shown (or asked for) was worked out on a state that was replaced (a
    // drill seek, a resume that needed a fresh snapshot): it is withdrawn and must be asked
    // for again.
    void recommendationOutdated();

private:
    struct Staging {
        QString reason;
        std::vector<flameblue::v1::Station> stations;
        std::vector<UnitRecord> units;
        std::vector<UnitRecord> aircraft;
        std::vector<flameblue::v1::Incident> incidents;
        std::vector<flameblue::v1::WaterSource> waterSources;
    };

    void applyRemoval(const flameblue::v1::EntityRef& ref);
    void setSeq(qulonglong seq);
    void tick();
    void setNow(qint64 nowMs);
    void refreshNames();

    ModelContext m_context;
    Catalog m_catalog;
    StationListModel m_stations;
    UnitListModel m_units;
    UnitListModel m_aircraft;
    IncidentListModel m_incidents;
    WaterSourceListModel m_waterSources;
    UnitFilterModel m_unitBoard;
    UnitFilterModel m_aircraftBoard;
    IncidentDetail m_incidentDetail;
    RecommendationModel m_recommendation;
    TrafficListModel m_traffic;
    bool m_showTraffic = false;

    std::optional<Staging> m_staging;
    QString m_sessionId;
    QString m_language = QStringLiteral("zh_CN");
    QString m_selectedIncidentId;
    bool m_ready = false;
    qulonglong m_seq = 0;
    qint64 m_clockOffsetMs = 0;
    bool m_manualClock = false;
    QTimer m_clock;
};

}  // namespace flameblue::console

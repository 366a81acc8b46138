#include "models/console_state.h"

#include <QDateTime>

namespace flameblue::console {

namespace pb = ::flameblue::v1;

namespace {
constexpr int kClockTickMs = 2000;
}  // namespace

ConsoleState::ConsoleState(QObject* parent)
    : QObject(parent),
      m_stations(&m_context),
      m_units(&m_context, &m_stations, false),
      m_aircraft(&m_context, &m_stations, true),
      m_incidents(&m_context),
      m_waterSources(&m_context),
      m_incidentDetail(&m_context, &m_incidents, &m_units, &m_aircraft),
      m_recommendation(&m_context) {
    m_recommendation.setLookups(&m_units, &m_aircraft, &m_stations);
    m_context.catalog = &m_catalog;
    m_context.nowMs = QDateTime::currentMSecsSinceEpoch();
    m_unitBoard.setSourceModel(&m_units);
    m_aircraftBoard.setSourceModel(&m_aircraft);
    connect(&m_catalog, &Catalog::changed, this, &ConsoleState::refreshNames);
    // Fixes age by the server's limit (its travel model's), not one of the console's own.
    connect(&m_catalog, &Catalog::changed, this, [this] {
        if (m_catalog.fixStaleAfterSeconds() > 0)
            setStaleAfterSeconds(m_catalog.fixStaleAfterSeconds());
    });
    // The recommended units stand out on the map and the boards.
    connect(&m_recommendation, &RecommendationModel::changed, this, [this] {
        m_units.setRecommended(m_recommendation.unitIds());
        m_aircraft.setRecommended(m_recommendation.unitIds());
    });
    m_clock.setInterval(kClockTickMs);
    connect(&m_clock, &QTimer::timeout, this, &ConsoleState::tick);
    m_clock.start();
}

void ConsoleState::beginSnapshot(const pb::SnapshotBegin& begin) {
    m_staging.emplace();
    m_staging->reason = QString::fromStdString(begin.reason());
    m_staging->stations.reserve(begin.stations());
    m_staging->units.reserve(begin.units());
    m_staging->aircraft.reserve(begin.aircraft());
    m_staging->incidents.reserve(begin.incidents());
    m_staging->waterSources.reserve(begin.water_sources());
    const QString session = QString::fromStdString(begin.session_id());
    if (!session.isEmpty() && session != m_sessionId) {
        m_sessionId = session;
        Q_EMIT sessionChanged();
    }
}

void ConsoleState::addSnapshotChunk(const pb::SnapshotChunk& chunk) {
    if (!m_staging) {
        return;
    }
    Staging& s = *m_staging;
    s.stations.insert(s.stations.end(), chunk.stations().begin(), chunk.stations().end());
    for (const pb::Unit& u : chunk.units()) {
        s.units.push_back(UnitRecord::fromUnit(u));
    }
    for (const pb::Aircraft& a : chunk.aircraft()) {
        s.aircraft.push_back(UnitRecord::fromAircraft(a));
    }
    s.incidents.insert(s.incidents.end(), chunk.incidents().begin(), chunk.incidents().end());
    s.waterSources.insert(s.waterSources.end(), chunk.water_sources().begin(),
                          chunk.water_sources().end());
}

void ConsoleState::endSnapshot(qulonglong seq) {
    if (!m_staging) {
        return;
    }
    Staging s = std::move(*m_staging);
    m_staging.reset();
    // Stations first: units read their station's city and position.
    m_stations.sync(std::move(s.stations));
    m_units.sync(std::move(s.units));
    m_aircraft.sync(std::move(s.aircraft));
    m_waterSources.sync(std::move(s.waterSources));
    m_incidents.sync(std::move(s.incidents));
    setSeq(seq);
    if (!m_ready) {
        m_ready = true;
        Q_EMIT readyChanged();
    }
    Q_EMIT snapshotApplied(s.reason);
    // An answer about the replaced state (after a seek back it may say "nothing more is
    // needed" of units that are not there any more) must not stay on screen.
    const QString asked = m_recommendation.incidentId();
    if (!asked.isEmpty() && (m_recommendation.loaded() || m_recommendation.loading())) {
        m_recommendation.setLoading(asked);
        Q_EMIT recommendationOutdated();
    }
}

void ConsoleState::abortSnapshot() {
    // The old state stays until a complete snapshot or the missed events arrive.
    m_staging.reset();
}

void ConsoleState::applyEvent(const pb::Event& event) {
    if (event.has_position()) {
        const pb::PositionUpdate& p = event.position();
        UnitListModel& model = p.is_aircraft() ? m_aircraft : m_units;
        if (!model.applyFix(p.unit_id(), p.fix())) {
            (p.is_aircraft() ? m_units : m_aircraft).applyFix(p.unit_id(), p.fix());
        }
    }
    for (const pb::Station& s : event.stations()) {
        m_stations.upsert(s);
    }
    if (event.stations_size() > 0) {
        // A moved or renamed station changes its units' city and fallback position.
        for (UnitListModel* model : {&m_units, &m_aircraft}) {
            model->refreshNames();
            model->refreshPositions();
        }
    }
    for (const pb::Unit& u : event.units()) {
        m_units.upsert(UnitRecord::fromUnit(u));
    }
    for (const pb::Aircraft& a : event.aircraft()) {
        m_aircraft.upsert(UnitRecord::fromAircraft(a));
    }
    for (const pb::WaterSource& w : event.water_sources()) {
        m_waterSources.upsert(w);
    }
    for (const pb::Incident& i : event.incidents()) {
        m_incidents.upsert(i);
    }
    for (const pb::EntityRef& ref : event.removed()) {
        applyRemoval(ref);
    }
    setSeq(event.seq());
}

void ConsoleState::applyRemoval(const pb::EntityRef& ref) {
    const std::string& kind = ref.kind();
    if (kind == "station") {
        m_stations.remove(ref.id());
    } else if (kind == "unit" || kind == "aircraft") {
        // The server names an aircraft's removal "unit" too.
        m_units.remove(ref.id());
        m_aircraft.remove(ref.id());
    } else if (kind == "water_source") {
        m_waterSources.remove(ref.id());
    } else if (kind == "incident") {
        m_incidents.remove(ref.id());
    }
}

void ConsoleState::applyHeartbeat(qulonglong headSeq, qint64 serverTimeMs) {
    (void)headSeq;
    if (serverTimeMs > 0) {
        m_clockOffsetMs = serverTimeMs - QDateTime::currentMSecsSinceEpoch();
        if (!m_manualClock) {
            setNow(serverTimeMs);
        }
    }
}

void ConsoleState::setCatalog(const pb::Catalog& catalog) {
    m_catalog.setCatalog(catalog);
}

void ConsoleState::setLanguage(const QString& language) {
    if (m_language == language) {
        return;
    }
    m_language = language;
    m_context.english = !language.startsWith(QLatin1String("zh"));
    m_catalog.setEnglish(m_context.english);  // refreshes every model's names
    Q_EMIT languageChanged();
}

void ConsoleState::refreshNames() {
    m_stations.refreshNames();
    m_units.refreshNames();
    m_aircraft.refreshNames();
    m_incidents.refreshNames();
    m_waterSources.refreshNames();
    m_incidentDetail.refresh();
    m_recommendation.refreshNames();
}

void ConsoleState::setSelectedIncidentId(const QString& id) {
    if (m_selectedIncidentId == id) {
        return;
    }
    m_selectedIncidentId = id;
    m_incidents.setHighlighted(id);
    m_units.setHighlightedIncident(id);
    m_aircraft.setHighlightedIncident(id);
    m_incidentDetail.setIncidentId(id);
    Q_EMIT selectedIncidentIdChanged();
}

void ConsoleState::setStaleAfterSeconds(double seconds) {
    m_context.staleAfterMs = static_cast<qint64>(seconds * 1000.0);
    m_units.refreshPositions();
    m_aircraft.refreshPositions();
}

void ConsoleState::setManualClock(qint64 nowMs) {
    m_manualClock = true;
    m_clock.stop();
    setNow(nowMs);
}

void ConsoleState::tick() {
    if (!m_manualClock) {
        setNow(QDateTime::currentMSecsSinceEpoch() + m_clockOffsetMs);
    }
}

void ConsoleState::setNow(qint64 nowMs) {
    const qint64 previous = std::exchange(m_context.nowMs, nowMs);
    m_units.refreshClock(previous);
    m_aircraft.refreshClock(previous);
}

void ConsoleState::setSeq(qulonglong seq) {
    if (m_seq != seq) {
        m_seq = seq;
        Q_EMIT seqChanged();
    }
}

}  // namespace flameblue::console

namespace flameblue::console {

void ConsoleState::setShowTraffic(bool show) {
    if (show == m_showTraffic)
        return;
    m_showTraffic = show;
    if (!show)
        m_traffic.clear();  // what is not watched goes stale: nothing old stays on the map
    Q_EMIT showTrafficChanged();
}

}  // namespace flameblue::console

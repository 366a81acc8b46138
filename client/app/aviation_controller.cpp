#include "app/aviation_controller.h"

#include <QDateTime>
#include <QPointF>

#include "models/model_context.h"
#include "models/unit_list_model.h"

namespace flameblue::console {

namespace pb = flameblue::v1;

namespace {
// How often the board's figures (ETA, endurance) are asked for again; countdowns tick between.
constexpr int kPollMs = 5000;
constexpr int kTickMs = 1000;
constexpr qint64 kProfileWindowMs = 3600LL * 1000;
constexpr int kProfilePoints = 600;
constexpr int kTrailPoints = static_cast<int>(UnitListModel::kTrailLength);
constexpr qint64 kTrailWindowMs = 30LL * 60 * 1000;
QString doneText(const QString& command) {
    if (command == QLatin1String("AcknowledgeAlert"))
        return AviationController::tr("Alert acknowledged");
    if (command == QLatin1String("SetMissionState"))
        return AviationController::tr("Mission state changed");
    if (command == QLatin1String("RecordDrop"))
        return AviationController::tr("Drop recorded");
    return AviationController::tr("Done");
}
}  // namespace

AviationController::AviationController(DispatchConnection* connection,
                                       AviationClient::Settings settings, QObject* parent)
    : QObject(parent), m_client(std::move(settings)) {
    m_boardView.setSourceModel(&m_board);
    connect(connection, &DispatchConnection::snapshotBegan, this,
            [this](const pb::SnapshotBegin&) { m_stagedAlerts.clear(); });
    connect(connection, &DispatchConnection::snapshotChunkReceived, this,
            &AviationController::onChunk);
    connect(connection, &DispatchConnection::snapshotEnded, this,
            &AviationController::onSnapshotEnded);
    connect(connection, &DispatchConnection::eventReceived, this, &AviationController::onEvent);
    connect(&m_client, &AviationClient::aircraftStatusReceived, this,
            [this](int, const pb::ListAircraftStatusReply& reply) { onStatus(reply); });
    connect(&m_client, &AviationClient::queryFailed, this,
            [this](int, const QString& query, int, const QString&) {
                if (query == QLatin1String("ListAircraftStatus"))
                    m_statusInFlight = false;
            });
    connect(&m_client, &AviationClient::trackReceived, this, &AviationController::onTrack);
    connect(&m_client, &AviationClient::commandSucceeded, this,
            [this](int id, const QString& command) {
                Q_EMIT commandFinished(id, true, command, doneText(command));
                refresh();
            });
    connect(&m_client, &AviationClient::commandFailed, this,
            [this](int id, const QString& command, int, const QString& message) {
                Q_EMIT commandFinished(id, false, command, message);
            });
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this,
            [this] { setNow(QDateTime::currentMSecsSinceEpoch()); });
    m_tick.start();
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &AviationController::refresh);
    m_poll.start();
}

void AviationController::setNow(qint64 nowMs) {
    m_board.setNow(nowMs);
    if (!m_selectedId.isEmpty())
        Q_EMIT selectedChanged();
}

void AviationController::setLanguage(const QString& language) {
    m_board.setLanguage(language);
    m_alerts.refreshTexts();
    Q_EMIT selectedChanged();
}

void AviationController::refresh() {
    if (m_statusInFlight)
        return;
    m_statusInFlight = true;
    m_client.listAircraftStatus();
}

void AviationController::onStatus(const pb::ListAircraftStatusReply& reply) {
    m_statusInFlight = false;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_board.setNow(now);
    m_board.applyStatus(reply, now);
    m_alerts.setAircraftLabels(m_board.names());
    // The map keeps a lost aircraft at its last position, saying so.
    if (m_trailTarget)
        m_trailTarget->setSignalLost(m_board.signalLostIds());
    Q_EMIT selectedChanged();
}

void AviationController::onChunk(const pb::SnapshotChunk& chunk) {
    for (const pb::Alert& a : chunk.alerts())
        m_stagedAlerts.push_back(a);
}

void AviationController::onSnapshotEnded() {
    m_alerts.reset(m_stagedAlerts);
    m_stagedAlerts.clear();
    refresh();
    seedTrails();
    loadProfile();
}

void AviationController::onEvent(const pb::Event& event) {
    for (const pb::Alert& a : event.alerts())
        m_alerts.apply(a);
    bool missionChanged = false;
    for (const pb::Aircraft& a : event.aircraft()) {
        m_board.applyAircraft(a);
        missionChanged = true;
    }
    if (event.has_position() && event.position().is_aircraft()) {
        m_board.applyFix(event.position().unit_id(), event.position().fix());
        if (QString::fromStdString(event.position().unit_id()) == m_selectedId &&
            event.position().fix().has_altitude_m()) {
            QVariantMap p;
            p.insert(QStringLiteral("x"), static_cast<double>(toMs(event.position().fix().time())));
            p.insert(QStringLiteral("y"), event.position().fix().altitude_m());
            m_profile.append(p);
            Q_EMIT altitudeProfileChanged();
        }
    }
    if (missionChanged)
        refresh();  // ETA and endurance depend on the mission
}

void AviationController::setSelectedAircraftId(const QString& id) {
    if (id == m_selectedId)
        return;
    m_selectedId = id;
    m_profile.clear();
    Q_EMIT altitudeProfileChanged();
    Q_EMIT selectedChanged();
    loadProfile();
}

void AviationController::loadProfile() {
    if (m_selectedId.isEmpty())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_profileRequest = m_client.getTrack(m_selectedId, now - kProfileWindowMs, 0, kProfilePoints);
}

void AviationController::seedTrails() {
    if (!m_trailTarget)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int row = 0; row < m_trailTarget->size(); ++row) {
        const QString id =
            m_trailTarget->data(m_trailTarget->index(row), UnitListModel::ItemIdRole).toString();
        m_trailRequests.insert(m_client.getTrack(id, now - kTrailWindowMs, 0, kTrailPoints), id);
    }
}

void AviationController::onTrack(int requestId, const pb::Track& track) {
    if (auto it = m_trailRequests.find(requestId); it != m_trailRequests.end()) {
        m_trailRequests.erase(it);
        std::vector<QGeoCoordinate> history;
        history.reserve(static_cast<std::size_t>(track.points_size()));
        for (const pb::TrackPoint& p : track.points())
            history.emplace_back(p.position().lat(), p.position().lon());
        if (m_trailTarget)
            m_trailTarget->seedTrail(track.aircraft_id(), history);
        return;
    }
    if (requestId != m_profileRequest ||
        QString::fromStdString(track.aircraft_id()) != m_selectedId) {
        return;
    }
    m_profile.clear();
    for (const pb::TrackPoint& p : track.points()) {
        if (!p.has_altitude_m())
            continue;
        QVariantMap point;
        point.insert(QStringLiteral("x"), static_cast<double>(toMs(p.time())));
        point.insert(QStringLiteral("y"), p.altitude_m());
        m_profile.append(point);
    }
    Q_EMIT altitudeProfileChanged();
}

int AviationController::acknowledgeAlert(const QString& alertId) {
    return m_client.acknowledgeAlert(alertId);
}

int AviationController::setMissionState(const QString& aircraftId, int state) {
    return m_client.setMissionState(aircraftId, state, {});
}

int AviationController::recordDrop(const QString& aircraftId) {
    return m_client.recordDrop(aircraftId, {});
}

QVariantList AviationController::nextMissionStates(int state) const {
    // Mirrors the server's table; launching is reached by dispatching the aircraft.
    switch (state) {
        case pb::MISSION_STATE_READY:
            return {pb::MISSION_STATE_MAINTENANCE};
        case pb::MISSION_STATE_LAUNCHING:
            return {pb::MISSION_STATE_EN_ROUTE, pb::MISSION_STATE_READY};
        case pb::MISSION_STATE_EN_ROUTE:
            return {pb::MISSION_STATE_ON_TASK, pb::MISSION_STATE_RETURNING};
        case pb::MISSION_STATE_ON_TASK:
            return {pb::MISSION_STATE_RETURNING};
        case pb::MISSION_STATE_RETURNING:
            return {pb::MISSION_STATE_LANDED, pb::MISSION_STATE_MAINTENANCE};
        case pb::MISSION_STATE_LANDED:
            return {pb::MISSION_STATE_READY, pb::MISSION_STATE_MAINTENANCE};
        case pb::MISSION_STATE_MAINTENANCE:
            return {pb::MISSION_STATE_READY};
        default:
            return {};
    }
}

QString AviationController::missionText(int state) const {
    return AviationBoardModel::missionText(state);
}

}  // namespace flameblue::console

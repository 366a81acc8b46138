#include "app/console_controller.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QQmlEngine>

#include <algorithm>
#include <array>
#include <cmath>

#include "app/display_time.h"
#include "flameblue/v1/entities.pb.h"

namespace flameblue::console {

namespace pb = ::flameblue::v1;

namespace {
constexpr double kMaxLatitude = 90.0;
constexpr double kMaxLongitude = 180.0;
}  // namespace

ConsoleController::ConsoleController(const ConsoleOptions& options, QObject* parent)
    : QObject(parent), m_options(options), m_state(std::make_unique<ConsoleState>()) {
    DispatchConnection::Settings settings;
    settings.address = options.server;
    for (const QString& other : options.servers) {
        if (other != options.server)
            settings.failoverAddresses.append(other);
    }
    settings.operatorName = options.operatorName;
    settings.consoleName = options.consoleName;
    settings.session = options.session;
    settings.tls = options.tls;
    settings.caCertificatesPem = options.caCertificatesPem;
    settings.tlsServerName = options.tlsServerName;
    settings.token = options.token;
    m_connection = std::make_unique<DispatchConnection>(settings);
    AviationClient::Settings aviation;
    static_cast<ServerLink&>(aviation) = settings;  // the same address, TLS and token
    aviation.session = options.session;
    m_aviation = std::make_unique<AviationController>(m_connection.get(), aviation);
    m_aviation->setTrailTarget(m_state->aircraft());
    connect(m_state.get(), &ConsoleState::languageChanged, m_aviation.get(),
            [this] { m_aviation->setLanguage(m_state->language()); });
    ReportsClient::Settings reports;
    static_cast<ServerLink&>(reports) = settings;
    m_reports = std::make_unique<ReportsController>(m_state.get(), reports);
    connect(m_state.get(), &ConsoleState::languageChanged, m_reports.get(),
            &ReportsController::retranslate);
    m_coverage = std::make_unique<CoverageFeed>(static_cast<const ServerLink&>(settings));
    TrafficWatch::Settings traffic;
    static_cast<ServerLink&>(traffic) = settings;
    m_trafficWatch = std::make_unique<TrafficWatch>(traffic);
    connect(m_trafficWatch.get(), &TrafficWatch::snapshotReceived, m_state->traffic(),
            &TrafficListModel::applySnapshot);
    connect(m_state.get(), &ConsoleState::showTrafficChanged, this, [this] {
        // Live traffic only: a drill replays the past, today's sky does not belong in it.
        if (m_state->showTraffic() && !m_state->drill())
            m_trafficWatch->start();
        else
            m_trafficWatch->stop();
    });

    DispatchConnection* c = m_connection.get();
    ConsoleState* s = m_state.get();
    // Every client follows the subscription to the server it failed over to.
    connect(c, &DispatchConnection::serverAddressChanged, this, [this](const QString& address) {
        m_aviation->setServerAddress(address);
        m_trafficWatch->setServerAddress(address);
    });
    connect(c, &DispatchConnection::snapshotBegan, s, &ConsoleState::beginSnapshot);
    connect(c, &DispatchConnection::snapshotChunkReceived, s, &ConsoleState::addSnapshotChunk);
    connect(c, &DispatchConnection::snapshotEnded, s, &ConsoleState::endSnapshot);
    connect(c, &DispatchConnection::snapshotAborted, s, &ConsoleState::abortSnapshot);
    connect(c, &DispatchConnection::eventReceived, s, &ConsoleState::applyEvent);
    connect(c, &DispatchConnection::heartbeatReceived, s, &ConsoleState::applyHeartbeat);
    connect(c, &DispatchConnection::catalogReceived, s, &ConsoleState::setCatalog);
    connect(c, &DispatchConnection::commandSucceeded, this, &ConsoleController::onSucceeded);
    connect(c, &DispatchConnection::commandFailed, this, &ConsoleController::onFailed);
    connect(c, &DispatchConnection::recommendationReceived, this,
            &ConsoleController::onRecommendation);
    connect(c, &DispatchConnection::recommendationFailed, this,
            &ConsoleController::onRecommendationFailed);
    connect(s, &ConsoleState::selectedIncidentIdChanged, this,
            &ConsoleController::requestRecommendation);
    connect(s, &ConsoleState::recommendationOutdated, this,
            &ConsoleController::requestRecommendation);
    connect(c, &DispatchConnection::stateChanged, this, [this] {
        if (m_connection->connected() && !m_state->recommendation()->loaded()) {
            requestRecommendation();
        }
    });

    DisplayTime::instance()->setZone(options.timeZone);
    m_state->setLanguage(options.language);
    m_languages.apply(options.language);
}

ConsoleController::~ConsoleController() {
    m_connection->stop();
}

void ConsoleController::setEngine(QQmlEngine* engine) {
    m_languages.setEngine(engine);
    m_languages.apply(m_state->language());
}

void ConsoleController::start() {
    m_connection->start();
}

void ConsoleController::stop() {
    m_connection->stop();
}

void ConsoleController::setLanguage(const QString& language) {
    if (!supportedLanguages().contains(language) || language == m_state->language()) {
        return;
    }
    m_languages.apply(language);
    m_state->setLanguage(language);  // data-set names and model texts follow
    m_connection->retranslate();
    Q_EMIT languageChanged();
}

int ConsoleController::track(int requestId) {
    ++m_pending;
    Q_EMIT pendingCommandsChanged();
    return requestId;
}

int ConsoleController::refuse(const QString& command, const QString& message) {
    // Refused before it left the console; negative ids never collide with the server's.
    const int requestId = --m_localRequestId;
    QMetaObject::invokeMethod(
        this,
        [this, requestId, command, message] {
            Q_EMIT commandFinished(requestId, false, command, message);
        },
        Qt::QueuedConnection);
    return requestId;
}

int ConsoleController::createIncident(const QString& type, int level, double latitude,
                                      double longitude, const QString& address,
                                      const QString& callerNotes) {
    const QString command = QStringLiteral("CreateIncident");
    if (type.isEmpty()) {
        return refuse(command, tr("Choose the incident type."));
    }
    if (level < kMinLevel || level > kMaxLevel) {
        return refuse(command,
                      tr("The alarm level must be from %1 to %2.").arg(kMinLevel).arg(kMaxLevel));
    }
    if (!(std::abs(latitude) <= kMaxLatitude) || !(std::abs(longitude) <= kMaxLongitude)) {
        return refuse(
            command,
            tr("The position %1, %2 is not a valid coordinate.").arg(latitude).arg(longitude));
    }
    return track(m_connection->createIncident(type, level, latitude, longitude, address.trimmed(),
                                              callerNotes.trimmed()));
}

int ConsoleController::dispatchSelectedUnits() {
    const QString incidentId = m_state->selectedIncidentId();
    QStringList units = m_state->units()->selectedIds();
    units.append(m_state->aircraft()->selectedIds());
    if (incidentId.isEmpty()) {
        return refuse(QStringLiteral("DispatchUnits"), tr("Select an incident first."));
    }
    return dispatchUnits(incidentId, units);
}

int ConsoleController::dispatchUnits(const QString& incidentId, const QStringList& unitIds) {
    if (unitIds.isEmpty()) {
        return refuse(QStringLiteral("DispatchUnits"), tr("Select the units to dispatch."));
    }
    return track(m_connection->dispatchUnits(incidentId, unitIds));
}

int ConsoleController::releaseUnits(const QString& incidentId, const QStringList& unitIds) {
    return track(m_connection->releaseUnits(incidentId, unitIds));
}

int ConsoleController::setUnitStatus(const QString& unitId, int status) {
    return track(m_connection->setUnitStatus(unitId, status));
}

int ConsoleController::setIncidentStatus(const QString& incidentId, int status) {
    return track(m_connection->setIncidentStatus(incidentId, status));
}

int ConsoleController::setIncidentLevel(const QString& incidentId, int level) {
    if (level < kMinLevel || level > kMaxLevel) {
        return refuse(QStringLiteral("UpdateIncident"),
                      tr("The alarm level must be from %1 to %2.").arg(kMinLevel).arg(kMaxLevel));
    }
    DispatchConnection::IncidentChanges changes;
    changes.level = level;
    return track(m_connection->updateIncident(incidentId, changes));
}

int ConsoleController::escalateIncident(const QString& incidentId) {
    const pb::Incident* incident = m_state->incidents()->find(incidentId.toStdString());
    if (!incident) {
        return refuse(QStringLiteral("UpdateIncident"), tr("Unknown incident %1.").arg(incidentId));
    }
    if (incident->level() >= kMaxLevel) {
        return refuse(QStringLiteral("UpdateIncident"),
                      tr("The incident is already at the highest level (%1).").arg(kMaxLevel));
    }
    return setIncidentLevel(incidentId, incident->level() + 1);
}

int ConsoleController::addNote(const QString& incidentId, const QString& text) {
    if (text.trimmed().isEmpty()) {
        return refuse(QStringLiteral("AddNote"), tr("The note is empty."));
    }
    return track(m_connection->addNote(incidentId, text.trimmed()));
}

void ConsoleController::selectIncident(const QString& incidentId) {
    m_state->setSelectedIncidentId(incidentId);
}

void ConsoleController::requestRecommendation() {
    RecommendationModel& r = *m_state->recommendation();
    const QString incidentId = m_state->selectedIncidentId();
    const IncidentDetail& detail = *m_state->incidentDetail();
    // A just-created incident may not have reached the state yet: ask anyway.
    const bool closed = detail.exists() && !detail.open();
    if (incidentId.isEmpty() || closed || !m_recommendationAvailable) {
        m_recommendRequest = 0;
        r.clear();
        return;
    }
    r.setLoading(incidentId);
    m_recommendRequest = m_connection->recommend(incidentId);
}

int ConsoleController::dispatchRecommended(bool chosenOnly) {
    const RecommendationModel& r = *m_state->recommendation();
    if (!r.loaded()) {
        return refuse(QStringLiteral("DispatchUnits"),
                      tr("There is no recommendation to dispatch."));
    }
    return dispatchUnits(r.incidentId(), chosenOnly ? r.chosenUnitIds() : r.unitIds());
}

void ConsoleController::onRecommendation(int requestId,
                                         const flameblue::v1::Recommendation& recommendation) {
    if (requestId == m_recommendRequest) {
        m_state->recommendation()->setRecommendation(recommendation);
    }
}

void ConsoleController::onRecommendationFailed(int requestId, int code, const QString& message) {
    if (requestId != m_recommendRequest) {
        return;
    }
    constexpr int kUnimplemented = 12;  // grpc::StatusCode::UNIMPLEMENTED
    if (code == kUnimplemented) {
        m_recommendationAvailable = false;
        Q_EMIT recommendationAvailableChanged();
    }
    m_state->recommendation()->setError(message);
}

QString ConsoleController::commandTitle(const QString& command) const {
    if (command == QLatin1String("CreateIncident")) {
        return tr("Create incident");
    }
    if (command == QLatin1String("UpdateIncident")) {
        return tr("Update incident");
    }
    if (command == QLatin1String("SetIncidentStatus")) {
        return tr("Incident status");
    }
    if (command == QLatin1String("AddNote")) {
        return tr("Add note");
    }
    if (command == QLatin1String("DispatchUnits")) {
        return tr("Dispatch");
    }
    if (command == QLatin1String("ReleaseUnits")) {
        return tr("Release");
    }
    if (command == QLatin1String("SetUnitStatus")) {
        return tr("Unit status");
    }
    return command;
}

void ConsoleController::onSucceeded(int requestId, const QString& command,
                                    const QString& incidentId, const QStringList& unitIds) {
    --m_pending;
    Q_EMIT pendingCommandsChanged();
    QString message;
    if (command == QLatin1String("CreateIncident")) {
        message = tr("Incident %1 created.").arg(incidentId);
        m_state->setSelectedIncidentId(incidentId);
        Q_EMIT incidentCreated(incidentId);
    } else if (command == QLatin1String("DispatchUnits")) {
        message = tr("%n unit(s) dispatched.", nullptr, static_cast<int>(unitIds.size()));
        for (const QString& id : unitIds) {
            m_state->units()->setSelected(id, false);
            m_state->aircraft()->setSelected(id, false);
        }
    } else if (command == QLatin1String("ReleaseUnits")) {
        message = tr("%n unit(s) released.", nullptr, static_cast<int>(unitIds.size()));
    } else {
        message = tr("%1: done.").arg(commandTitle(command));
    }
    Q_EMIT commandFinished(requestId, true, command, message);
    // What the incident still needs has changed.
    const bool changesNeeds =
        command == QLatin1String("DispatchUnits") || command == QLatin1String("ReleaseUnits") ||
        command == QLatin1String("UpdateIncident") || command == QLatin1String("SetIncidentStatus");
    if (changesNeeds && incidentId == m_state->selectedIncidentId()) {
        requestRecommendation();
    }
}

QVariantList ConsoleController::findPlaces(const QString& text, int limit) const {
    if (!m_placesLoaded) {
        m_placesLoaded = true;
        QFile file(m_options.basemapDirectory + QStringLiteral("/city_seats.geojson"));
        if (file.open(QIODevice::ReadOnly)) {
            const QJsonArray features =
                QJsonDocument::fromJson(file.readAll()).object().value(u"features").toArray();
            for (const auto& f : features) {
                const QJsonObject props = f.toObject().value(u"properties").toObject();
                const QJsonArray xy =
                    f.toObject().value(u"geometry").toObject().value(u"coordinates").toArray();
                if (xy.size() < 2) {
                    continue;  // a name without a position is not offered
                }
                m_places.push_back({props.value(u"name_zh").toString(),
                                    props.value(u"name_en").toString(), xy.at(1).toDouble(),
                                    xy.at(0).toDouble()});
            }
        }
    }
    const QString needle = text.trimmed();
    QVariantList starts;
    QVariantList contains;
    if (needle.isEmpty()) {
        return starts;
    }
    const bool chinese = m_state->language().startsWith(u"zh");
    for (const Place& p : m_places) {
        const bool prefix = p.nameZh.startsWith(needle, Qt::CaseInsensitive) ||
                            p.nameEn.startsWith(needle, Qt::CaseInsensitive);
        if (!prefix && !p.nameZh.contains(needle, Qt::CaseInsensitive) &&
            !p.nameEn.contains(needle, Qt::CaseInsensitive)) {
            continue;
        }
        QVariantMap m;
        m.insert(QStringLiteral("name"), chinese ? p.nameZh : p.nameEn);
        m.insert(QStringLiteral("detail"),
                 tr("City seat · %1, %2").arg(p.latitude, 0, 'f', 5).arg(p.longitude, 0, 'f', 5));
        m.insert(QStringLiteral("latitude"), p.latitude);
        m.insert(QStringLiteral("longitude"), p.longitude);
        (prefix ? starts : contains).append(m);
    }
    starts.append(contains);
    return starts.mid(0, limit);
}

QVariantList ConsoleController::likelyIncidentTypes() const {
    struct Seen {
        int count = 0;
        std::array<int, kMaxLevel + 1> levels{};
    };
    QHash<QString, Seen> seen;
    const IncidentListModel& incidents = *m_state->incidents();
    for (int row = 0; row < incidents.rowCount(); ++row) {
        const QModelIndex i = incidents.index(row);
        Seen& s = seen[i.data(IncidentListModel::CategoryRole).toString()];
        ++s.count;
        const int level = i.data(IncidentListModel::LevelRole).toInt();
        if (level >= kMinLevel && level <= kMaxLevel) {
            ++s.levels.at(static_cast<std::size_t>(level));
        }
    }
    const CatalogListModel& types = *m_state->catalog()->incidentTypes();
    QList<QVariantMap> out;
    for (int row = 0; row < types.rowCount(); ++row) {
        const QModelIndex i = types.index(row);
        const QString id = i.data(CatalogListModel::ItemIdRole).toString();
        const Seen s = seen.value(id);
        int level = kMinLevel;
        for (int l = kMinLevel; l <= kMaxLevel; ++l) {
            if (s.levels.at(static_cast<std::size_t>(l)) >
                s.levels.at(static_cast<std::size_t>(level))) {
                level = l;
            }
        }
        out.append({{QStringLiteral("itemId"), id},
                    {QStringLiteral("name"), i.data(CatalogListModel::NameRole)},
                    {QStringLiteral("count"), s.count},
                    {QStringLiteral("level"), level}});
    }
    std::stable_sort(out.begin(), out.end(), [](const QVariantMap& a, const QVariantMap& b) {
        return a.value(QStringLiteral("count")).toInt() > b.value(QStringLiteral("count")).toInt();
    });
    QVariantList list;
    for (const QVariantMap& m : out) {
        list.append(m);
    }
    return list;
}

void ConsoleController::onFailed(int requestId, const QString& command, int code,
                                 const QString& message) {
    (void)code;
    if (requestId > 0) {
        --m_pending;
        Q_EMIT pendingCommandsChanged();
    }
    Q_EMIT commandFinished(requestId, false, command,
                           tr("%1 refused: %2").arg(commandTitle(command), message));
}

}  // namespace flameblue::console

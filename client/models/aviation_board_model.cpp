#include "models/aviation_board_model.h"

#include <algorithm>
#include <cmath>

#include "models/model_context.h"
#include "models/unit_record.h"

namespace flameblue::console {

namespace pb = flameblue::v1;

namespace {
QVariant optional(std::optional<double> v) {
    return v ? QVariant(*v) : QVariant();
}
}  // namespace

AviationBoardModel::AviationBoardModel(QObject* parent) : QAbstractListModel(parent) {}

int AviationBoardModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

int AviationBoardModel::rowOf(const std::string& id) const {
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].status.aircraft_id() == id)
            return static_cast<int>(i);
    }
    return -1;
}

QString AviationBoardModel::missionText(int state) {
    switch (state) {
        case pb::MISSION_STATE_READY:
            return tr("Ready");
        case pb::MISSION_STATE_LAUNCHING:
            return tr("Launching");
        case pb::MISSION_STATE_EN_ROUTE:
            return tr("En route");
        case pb::MISSION_STATE_ON_TASK:
            return tr("On task");
        case pb::MISSION_STATE_RETURNING:
            return tr("Returning");
        case pb::MISSION_STATE_LANDED:
            return tr("Landed");
        case pb::MISSION_STATE_MAINTENANCE:
            return tr("Maintenance");
        default:
            return tr("Unknown");
    }
}

QString AviationBoardModel::missionText(const pb::AircraftMission& mission, bool signalLost) {
    if (signalLost) {
        return tr("Signal lost");
    }
    switch (mission.state()) {
        case pb::MISSION_STATE_READY:
        case pb::MISSION_STATE_LANDED:
        case pb::MISSION_STATE_MAINTENANCE:
            if (mission.has_airborne_since()) {
                return tr("Airborne");
            }
            break;
        default:
            break;
    }
    return missionText(mission.state());
}

bool AviationBoardModel::signalLost(const pb::AircraftStatus& s) {
    if (!s.mission().has_airborne_since()) {
        return false;
    }
    return std::any_of(s.alerts().begin(), s.alerts().end(), [](const pb::Alert& a) {
        return a.active() && a.kind() == pb::ALERT_KIND_SIGNAL_LOST;
    });
}

QString AviationBoardModel::durationText(std::optional<double> seconds) {
    if (!seconds)
        return QStringLiteral("—");
    const bool negative = *seconds < 0;
    const auto s = static_cast<qint64>(std::llround(std::abs(*seconds)));
    QString text;
    if (s >= 3600) {
        text = tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
    } else if (s >= 60) {
        text = tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    } else {
        text = tr("%1 s").arg(s);
    }
    return negative ? QStringLiteral("−") + text : text;
}

std::optional<double> AviationBoardModel::eta(const Row& r) const {
    if (!r.status.has_eta_s())
        return std::nullopt;
    return std::max(0.0, r.status.eta_s() - static_cast<double>(m_nowMs - r.statusAtMs) / 1000.0);
}

std::optional<double> AviationBoardModel::enduranceLeft(const Row& r) const {
    if (!r.status.has_endurance_left_s())
        return std::nullopt;
    return r.status.endurance_left_s() - static_cast<double>(m_nowMs - r.statusAtMs) / 1000.0;
}

std::optional<double> AviationBoardModel::fixAge(const Row& r) const {
    if (r.lastFixMs <= 0)
        return std::nullopt;
    return std::max(0.0, static_cast<double>(m_nowMs - r.lastFixMs) / 1000.0);
}

QVariant AviationBoardModel::value(const Row& r, int role) const {
    const pb::AircraftStatus& s = r.status;
    const pb::PositionFix& fix = s.last_fix();
    switch (role) {
        case AircraftIdRole:
            return QString::fromStdString(s.aircraft_id());
        case RegistrationRole:
            return QString::fromStdString(s.registration());
        case AircraftNameRole:
            return aircraftName(s.callsign(), s.registration());
        case TypeNameRole:
            return QString::fromStdString(s.type_name().empty() ? s.aircraft_type()
                                                                : s.type_name());
        case RotorcraftRole:
            return s.category() == "rotorcraft";
        case MissionStateRole:
            return static_cast<int>(s.mission().state());
        case MissionTextRole:
            return missionText(s.mission(), signalLost(s));
        case IncidentIdRole:
            return QString::fromStdString(s.mission().incident_id());
        case AltitudeMRole:
            return s.has_last_fix() && fix.has_altitude_m() ? QVariant(fix.altitude_m())
                                                            : QVariant();
        case GroundSpeedKmhRole:
            return s.has_last_fix() && fix.has_speed_kmh() ? QVariant(fix.speed_kmh()) : QVariant();
        case HeadingDegRole:
            return s.has_last_fix() && fix.has_heading_deg() ? QVariant(fix.heading_deg())
                                                             : QVariant();
        case EtaSecondsRole:
            return optional(eta(r));
        case EtaTextRole:
            return durationText(eta(r));
        case EnduranceLeftSecondsRole:
            return optional(enduranceLeft(r));
        case EnduranceTextRole:
            return durationText(enduranceLeft(r));
        case EnduranceLowRole: {
            const auto left = enduranceLeft(r);
            return left && s.has_return_to_base_s() && *left < s.return_to_base_s() + s.reserve_s();
        }
        case FixAgeSecondsRole:
            return optional(fixAge(r));
        case FixAgeTextRole:
            return fixAge(r) ? tr("%1 ago").arg(durationText(fixAge(r))) : tr("no fix");
        case SquawkRole:
            return s.mission().has_squawk()
                       ? QString::number(s.mission().squawk()).rightJustified(4, QLatin1Char('0'))
                       : QString();
        case FlightIdRole:
            return QString::fromStdString(s.mission().flight_id());
        case DropsRole:
            return s.drops();
        case DropsPerHourRole:
            return s.has_drops_per_hour() ? QVariant(s.drops_per_hour()) : QVariant();
        case CycleSecondsRole:
            return s.has_cycle_s() ? QVariant(s.cycle_s()) : QVariant();
        case CycleMeasuredRole:
            return s.cycle_measured();
        case DipSiteIdRole:
            return QString::fromStdString(s.dip_site_id());
        case DipSiteNameRole: {
            const std::string& name = m_chinese ? s.dip_site_name_zh() : s.dip_site_name_en();
            return QString::fromStdString(name.empty() ? s.dip_site_id() : name);
        }
        case AirborneRole:
            return s.mission().has_airborne_since();
        case SignalLostRole:
            return signalLost(s);
        case AlertingRole: {
            for (const pb::Alert& a : s.alerts()) {
                if (a.active() || a.on_banner())
                    return true;
            }
            return false;
        }
        default:
            return {};
    }
}

QVariant AviationBoardModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= count())
        return {};
    return value(m_rows[static_cast<std::size_t>(index.row())], role);
}

QHash<int, QByteArray> AviationBoardModel::roleNames() const {
    return {{AircraftIdRole, "aircraftId"},
            {RegistrationRole, "registration"},
            {AircraftNameRole, "aircraftName"},
            {TypeNameRole, "typeName"},
            {RotorcraftRole, "rotorcraft"},
            {MissionStateRole, "missionState"},
            {MissionTextRole, "missionText"},
            {IncidentIdRole, "incidentId"},
            {AltitudeMRole, "altitudeM"},
            {GroundSpeedKmhRole, "groundSpeedKmh"},
            {HeadingDegRole, "headingDeg"},
            {EtaSecondsRole, "etaSeconds"},
            {EtaTextRole, "etaText"},
            {EnduranceLeftSecondsRole, "enduranceLeftSeconds"},
            {EnduranceTextRole, "enduranceText"},
            {EnduranceLowRole, "enduranceLow"},
            {FixAgeSecondsRole, "fixAgeSeconds"},
            {FixAgeTextRole, "fixAgeText"},
            {SquawkRole, "squawk"},
            {FlightIdRole, "flightId"},
            {DropsRole, "drops"},
            {DropsPerHourRole, "dropsPerHour"},
            {CycleSecondsRole, "cycleSeconds"},
            {CycleMeasuredRole, "cycleMeasured"},
            {DipSiteIdRole, "dipSiteId"},
            {DipSiteNameRole, "dipSiteName"},
            {AlertingRole, "alerting"},
            {AirborneRole, "airborne"},
            {SignalLostRole, "signalLost"}};
}

void AviationBoardModel::applyStatus(const pb::ListAircraftStatusReply& reply, qint64 receivedMs) {
    // Remove rows the reply no longer has, then update or append in the reply's order.
    for (int i = count() - 1; i >= 0; --i) {
        const std::string& id = m_rows[static_cast<std::size_t>(i)].status.aircraft_id();
        const bool kept =
            std::any_of(reply.aircraft().begin(), reply.aircraft().end(),
                        [&](const pb::AircraftStatus& s) { return s.aircraft_id() == id; });
        if (!kept) {
            beginRemoveRows({}, i, i);
            m_rows.erase(m_rows.begin() + i);
            endRemoveRows();
        }
    }
    const int before = count();
    for (const pb::AircraftStatus& s : reply.aircraft()) {
        Row row;
        row.status = s;
        row.statusAtMs = receivedMs;
        if (s.has_fix_age_s())
            row.lastFixMs = receivedMs - static_cast<qint64>(s.fix_age_s() * 1000.0);
        const int i = rowOf(s.aircraft_id());
        if (i >= 0) {
            Row& old = m_rows[static_cast<std::size_t>(i)];
            row.lastFixMs = std::max(row.lastFixMs, old.lastFixMs);
            old = std::move(row);
            Q_EMIT dataChanged(index(i), index(i));
        } else {
            beginInsertRows({}, count(), count());
            m_rows.push_back(std::move(row));
            endInsertRows();
        }
    }
    if (count() != before)
        Q_EMIT countChanged();
}

void AviationBoardModel::applyAircraft(const pb::Aircraft& aircraft) {
    const int i = rowOf(aircraft.id());
    if (i < 0)
        return;  // the next status poll brings it
    Row& r = m_rows[static_cast<std::size_t>(i)];
    if (aircraft.has_mission())
        *r.status.mutable_mission() = aircraft.mission();
    Q_EMIT dataChanged(index(i), index(i));
}

void AviationBoardModel::applyFix(const std::string& aircraftId, const pb::PositionFix& fix) {
    const int i = rowOf(aircraftId);
    if (i < 0)
        return;
    Row& r = m_rows[static_cast<std::size_t>(i)];
    *r.status.mutable_last_fix() = fix;
    r.lastFixMs = std::max(r.lastFixMs, toMs(fix.time()));
    Q_EMIT dataChanged(index(i), index(i));
}

void AviationBoardModel::setNow(qint64 nowMs) {
    if (nowMs == m_nowMs)
        return;
    m_nowMs = nowMs;
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(
            index(0), index(count() - 1),
            {EtaSecondsRole, EtaTextRole, EnduranceLeftSecondsRole, EnduranceTextRole,
             EnduranceLowRole, FixAgeSecondsRole, FixAgeTextRole});
    }
}

void AviationBoardModel::setLanguage(const QString& language) {
    m_chinese = language.startsWith(QLatin1String("zh"));
    refreshTexts();
}

void AviationBoardModel::refreshTexts() {
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0), index(count() - 1));
}

QVariantMap AviationBoardModel::details(const QString& aircraftId) const {
    QVariantMap out;
    const int i = rowOf(aircraftId.toStdString());
    if (i < 0)
        return out;
    const Row& r = m_rows[static_cast<std::size_t>(i)];
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        out.insert(QString::fromLatin1(it.value()), value(r, it.key()));
    out.insert(
        QStringLiteral("cycleText"),
        durationText(r.status.has_cycle_s() ? std::optional(r.status.cycle_s()) : std::nullopt));
    return out;
}

QStringList AviationBoardModel::signalLostIds() const {
    QStringList out;
    for (const Row& r : m_rows) {
        if (signalLost(r.status))
            out.append(QString::fromStdString(r.status.aircraft_id()));
    }
    return out;
}

QHash<QString, QString> AviationBoardModel::names() const {
    QHash<QString, QString> out;
    for (const Row& r : m_rows) {
        out.insert(QString::fromStdString(r.status.aircraft_id()),
                   aircraftName(r.status.callsign(), r.status.registration()));
    }
    return out;
}

}  // namespace flameblue::console

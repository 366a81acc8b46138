#include "models/unit_list_model.h"

#include <algorithm>

#include "models/catalog.h"
#include "models/station_list_model.h"

namespace flameblue::console {

namespace pb = ::flameblue::v1;

UnitListModel::UnitListModel(const ModelContext* context, const StationListModel* stations,
                             bool aircraft, QObject* parent)
    : EntityListModel(parent), m_context(context), m_stations(stations), m_aircraft(aircraft) {
    connect(this, &QAbstractItemModel::rowsInserted, this, &UnitListModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &UnitListModel::countChanged);
}

void UnitListModel::adopt(const UnitRecord* before, UnitRecord& after) {
    if (!after.aircraft) {
        return;
    }
    if (before) {
        after.trail = before->trail;
    }
    if (after.unit.has_last_fix() && after.unit.last_fix().has_position()) {
        const auto& p = after.unit.last_fix().position();
        const QGeoCoordinate c(p.lat(), p.lon());
        if (after.trail.empty() || after.trail.back() != c) {
            after.trail.push_back(c);
        }
    }
    if (after.trail.size() > kTrailLength) {
        after.trail.erase(after.trail.begin(),
                          after.trail.end() - static_cast<std::ptrdiff_t>(kTrailLength));
    }
}

bool UnitListModel::applyFix(const std::string& unitId, const pb::PositionFix& fix) {
    const int row = rowOf(unitId);
    if (row < 0) {
        return false;
    }
    UnitRecord& r = mutableAt(row);
    *r.unit.mutable_last_fix() = fix;
    r.unit.clear_fix_age_s();
    r.unit.set_fix_stale(false);
    QList<int> roles{LatitudeRole,   LongitudeRole, HeadingDegRole,          FixAgeSecondsRole,
                     FixAgeTextRole, FixStaleRole,  PositionFromStationRole, SpeedKmhRole,
                     AltitudeMRole};
    if (r.aircraft) {
        const UnitRecord before = r;
        adopt(&before, r);
        roles.append(TrailRole);
    }
    emitRowChanged(row, roles);
    return true;
}

bool UnitListModel::seedTrail(const std::string& unitId,
                              const std::vector<QGeoCoordinate>& history) {
    const int row = rowOf(unitId);
    if (row < 0 || history.empty()) {
        return false;
    }
    UnitRecord& r = mutableAt(row);
    if (!r.aircraft) {
        return false;
    }
    std::vector<QGeoCoordinate> trail = history;
    // Fixes that arrived while the track was being read follow it.
    auto last = std::find(r.trail.begin(), r.trail.end(), history.back());
    if (last != r.trail.end()) {
        trail.insert(trail.end(), last + 1, r.trail.end());
    } else if (!r.trail.empty() && r.trail.back() != history.back()) {
        trail.push_back(r.trail.back());
    }
    if (trail.size() > kTrailLength) {
        trail.erase(trail.begin(), trail.end() - static_cast<std::ptrdiff_t>(kTrailLength));
    }
    r.trail = std::move(trail);
    emitRowChanged(row, {TrailRole});
    return true;
}

QString UnitListModel::fixAgeText(std::optional<double> seconds) {
    constexpr double kMinute = 60;
    constexpr double kHour = 3600;
    if (!seconds) {
        return tr("no fix");
    }
    if (*seconds < kMinute) {
        return tr("%1 s ago").arg(static_cast<int>(*seconds));
    }
    if (*seconds < kHour) {
        return tr("%1 min ago").arg(static_cast<int>(*seconds / kMinute));
    }
    return tr("%1 h ago").arg(static_cast<int>(*seconds / kHour));
}

std::optional<double> UnitListModel::fixAgeSeconds(const UnitRecord& record, qint64 nowMs) const {
    const pb::Unit& u = record.unit;
    if (u.has_last_fix() && u.last_fix().has_time()) {
        return std::max(0.0, static_cast<double>(nowMs - toMs(u.last_fix().time())) / 1000.0);
    }
    if (u.has_fix_age_s()) {
        return u.fix_age_s();
    }
    return std::nullopt;
}

bool UnitListModel::positionTrusted(const UnitRecord& record, qint64 nowMs) const {
    const pb::Unit& u = record.unit;
    if (!u.has_last_fix() || !u.last_fix().has_position()) {
        return false;
    }
    const auto age = fixAgeSeconds(record, nowMs);
    if (!age) {
        return !u.fix_stale();
    }
    return *age * 1000.0 <= static_cast<double>(m_context->staleAfterMs);
}

QVariant UnitListModel::positionRole(const UnitRecord& record, bool latitude) const {
    const pb::Unit& u = record.unit;
    const bool hasFix = u.has_last_fix() && u.last_fix().has_position();
    // An aircraft in the air is where it was last heard, however long ago: never at its base.
    if (!positionTrusted(record, m_context->nowMs) && !(record.airborne && hasFix)) {
        if (const pb::Station* s = m_stations->find(u.station_id())) {
            return latitude ? s->position().lat() : s->position().lon();
        }
    }
    if (hasFix) {
        return latitude ? u.last_fix().position().lat() : u.last_fix().position().lon();
    }
    return {};
}

QString UnitListModel::cityOf(const UnitRecord& record) const {
    const pb::Station* s = m_stations->find(record.unit.station_id());
    return s ? QString::fromStdString(s->city()) : QString();
}

QString UnitListModel::statusText(int status) const {
    switch (status) {
        case pb::UNIT_STATUS_AVAILABLE:
            return tr("Available");
        case pb::UNIT_STATUS_DISPATCHED:
            return tr("Dispatched");
        case pb::UNIT_STATUS_EN_ROUTE:
            return tr("En route");
        case pb::UNIT_STATUS_ON_SCENE:
            return tr("On scene");
        case pb::UNIT_STATUS_RETURNING:
            return tr("Returning");
        case pb::UNIT_STATUS_OUT_OF_SERVICE:
            return tr("Out of service");
        default:
            return tr("Unknown");
    }
}

QString UnitListModel::callsignOf(const QString& unitId) const {
    const UnitRecord* r = find(unitId.toStdString());
    return r ? r->displayName() : unitId;
}

QVariant UnitListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const UnitRecord& r = at(index.row());
    const pb::Unit& u = r.unit;
    const Catalog* catalog = m_context->catalog;
    const QString id = QString::fromStdString(u.id());
    switch (role) {
        case ItemIdRole:
            return id;
        case LatitudeRole:
            return positionRole(r, true);
        case LongitudeRole:
            return positionRole(r, false);
        case StatusRole:
            return static_cast<int>(u.status());
        case HeadingDegRole:
            return u.has_last_fix() && u.last_fix().has_heading_deg() ? u.last_fix().heading_deg()
                                                                      : 0.0;
        case CategoryRole:
            return QString::fromStdString(u.unit_type());
        case LabelRole:
            if (r.airborne && m_signalLost.contains(id)) {
                return tr("%1 · signal lost, last heard %2")
                    .arg(r.displayName(), fixAgeText(fixAgeSeconds(r, m_context->nowMs)));
            }
            return r.displayName();
        case Qt::DisplayRole:
        case CallsignRole:
            return r.displayName();
        case HighlightedRole:
            return m_selected.contains(id) || m_recommended.contains(id) ||
                   (!m_highlightedIncident.empty() && u.incident_id() == m_highlightedIncident);
        case TrailRole: {
            QVariantList trail;
            trail.reserve(static_cast<qsizetype>(r.trail.size()));
            for (const QGeoCoordinate& c : r.trail) {
                trail.append(QVariant::fromValue(c));
            }
            return trail;
        }
        case NameRole:
            return m_context->pick(u.name_zh(), u.name_en());
        case NameZhRole:
            return QString::fromStdString(u.name_zh());
        case NameEnRole:
            return QString::fromStdString(u.name_en());
        case UnitTypeNameRole:
            if (!catalog) {
                return QString::fromStdString(u.unit_type());
            }
            return catalog->name(
                r.aircraft ? Catalog::Vocabulary::AircraftType : Catalog::Vocabulary::UnitType,
                u.unit_type());
        case StatusTextRole:
            return statusText(u.status());
        case StatusSinceRole:
            return toDateTime(u.has_status_since(), u.status_since());
        case StaffingRole:
            return u.staffing();
        case CrewCapacityRole:
            return u.crew_capacity();
        case StationIdRole:
            return QString::fromStdString(u.station_id());
        case StationNameRole: {
            const pb::Station* s = m_stations->find(u.station_id());
            return s ? m_context->pick(s->name_zh(), s->name_en())
                     : QString::fromStdString(u.station_id());
        }
        case CityRole:
            return cityOf(r);
        case CityNameRole:
            return catalog ? catalog->cityName(cityOf(r)) : cityOf(r);
        case IncidentIdRole:
            return QString::fromStdString(u.incident_id());
        case CapabilitiesRole: {
            QStringList caps;
            for (const std::string& c : u.capabilities()) {
                caps.append(QString::fromStdString(c));
            }
            return caps;
        }
        case CapabilitiesTextRole: {
            QStringList names;
            for (const std::string& c : u.capabilities()) {
                names.append(catalog ? catalog->name(Catalog::Vocabulary::Capability, c)
                                     : QString::fromStdString(c));
            }
            return names.join(m_context->english ? QStringLiteral(", ") : QStringLiteral("、"));
        }
        case FixAgeSecondsRole: {
            const auto age = fixAgeSeconds(r, m_context->nowMs);
            return age ? *age : -1.0;
        }
        case FixAgeTextRole:
            return fixAgeText(fixAgeSeconds(r, m_context->nowMs));
        case FixStaleRole:
            return !positionTrusted(r, m_context->nowMs);
        case PositionFromStationRole:
            return !positionTrusted(r, m_context->nowMs) &&
                   !(r.airborne && u.has_last_fix() && u.last_fix().has_position()) &&
                   m_stations->find(u.station_id());
        case SpeedKmhRole:
            return u.has_last_fix() && u.last_fix().has_speed_kmh()
                       ? QVariant(u.last_fix().speed_kmh())
                       : QVariant();
        case AltitudeMRole:
            return u.has_last_fix() && u.last_fix().has_altitude_m()
                       ? QVariant(u.last_fix().altitude_m())
                       : QVariant();
        case SelectedRole:
            return m_selected.contains(id);
        case RecommendedRole:
            return m_recommended.contains(id);
        case DispatchableRole:
            return u.dispatchable();
        case NextStatusesRole: {
            QVariantList next;
            for (const int st : u.next_statuses())
                next.append(st);
            return next;
        }
        case IsAircraftRole:
            return r.aircraft;
        case RegistrationRole:
            return QString::fromStdString(r.registration);
        case AirborneRole:
            return r.airborne;
        case SignalLostRole:
            return r.airborne && m_signalLost.contains(id);
        default:
            return {};
    }
}

QHash<int, QByteArray> UnitListModel::roleNames() const {
    return map_roles::withMapRoles({
        {TrailRole, "trail"},
        {CallsignRole, "callsign"},
        {NameRole, "name"},
        {NameZhRole, "nameZh"},
        {NameEnRole, "nameEn"},
        {UnitTypeNameRole, "unitTypeName"},
        {StatusTextRole, "statusText"},
        {StatusSinceRole, "statusSince"},
        {StaffingRole, "staffing"},
        {CrewCapacityRole, "crewCapacity"},
        {StationIdRole, "stationId"},
        {StationNameRole, "stationName"},
        {CityRole, "city"},
        {CityNameRole, "cityName"},
        {IncidentIdRole, "incidentId"},
        {CapabilitiesRole, "capabilities"},
        {CapabilitiesTextRole, "capabilitiesText"},
        {FixAgeSecondsRole, "fixAgeSeconds"},
        {FixAgeTextRole, "fixAgeText"},
        {FixStaleRole, "fixStale"},
        {PositionFromStationRole, "positionFromStation"},
        {SpeedKmhRole, "speedKmh"},
        {AltitudeMRole, "altitudeM"},
        {SelectedRole, "selected"},
        {RecommendedRole, "recommended"},
        {DispatchableRole, "dispatchable"},
        {NextStatusesRole, "nextStatuses"},
        {IsAircraftRole, "isAircraft"},
        {RegistrationRole, "registration"},
        {AirborneRole, "airborne"},
        {SignalLostRole, "signalLost"},
    });
}

void UnitListModel::setSelected(const QString& unitId, bool selected) {
    const int row = rowOf(unitId);
    if (row < 0 || m_selected.contains(unitId) == selected) {
        return;
    }
    if (selected) {
        m_selected.insert(unitId);
    } else {
        m_selected.remove(unitId);
    }
    emitRowChanged(row, {SelectedRole, HighlightedRole});
    Q_EMIT selectionChanged();
}

void UnitListModel::toggleSelected(const QString& unitId) {
    setSelected(unitId, !m_selected.contains(unitId));
}

void UnitListModel::clearSelection() {
    if (m_selected.isEmpty()) {
        return;
    }
    const QSet<QString> previous = std::exchange(m_selected, {});
    for (const QString& id : previous) {
        if (const int row = rowOf(id); row >= 0) {
            emitRowChanged(row, {SelectedRole, HighlightedRole});
        }
    }
    Q_EMIT selectionChanged();
}

bool UnitListModel::isSelected(const QString& unitId) const {
    return m_selected.contains(unitId);
}

QStringList UnitListModel::selectedIds() const {
    QStringList ids;
    for (const UnitRecord& r : rows()) {
        const QString id = QString::fromStdString(r.id());
        if (m_selected.contains(id)) {
            ids.append(id);
        }
    }
    return ids;
}

void UnitListModel::setHighlightedIncident(const QString& incidentId) {
    const std::string next = incidentId.toStdString();
    if (next == m_highlightedIncident) {
        return;
    }
    const std::string previous = std::exchange(m_highlightedIncident, next);
    for (int row = 0; row < size(); ++row) {
        const std::string& on = at(row).unit.incident_id();
        if (!on.empty() && (on == previous || on == next)) {
            emitRowChanged(row, {HighlightedRole});
        }
    }
}

void UnitListModel::setRecommended(const QStringList& unitIds) {
    QSet<QString> next(unitIds.begin(), unitIds.end());
    if (next == m_recommended) {
        return;
    }
    const QSet<QString> previous = std::exchange(m_recommended, next);
    for (const QString& id : previous + next) {
        if (const int row = rowOf(id); row >= 0) {
            emitRowChanged(row, {RecommendedRole, HighlightedRole});
        }
    }
}

void UnitListModel::setSignalLost(const QStringList& unitIds) {
    QSet<QString> next(unitIds.begin(), unitIds.end());
    if (next == m_signalLost) {
        return;
    }
    const QSet<QString> previous = std::exchange(m_signalLost, next);
    for (const QString& id : previous + next) {
        if (const int row = rowOf(id); row >= 0) {
            emitRowChanged(row, {SignalLostRole, LabelRole});
        }
    }
}

void UnitListModel::refreshNames() {
    emitAllChanged({NameRole, UnitTypeNameRole, StatusTextRole, StationNameRole, CityNameRole,
                    CapabilitiesTextRole, FixAgeTextRole, LabelRole});
}

void UnitListModel::refreshPositions() {
    emitAllChanged({LatitudeRole, LongitudeRole, FixStaleRole, PositionFromStationRole});
}

void UnitListModel::refreshClock(qint64 previousNowMs) {
    emitAllChanged({FixAgeSecondsRole, FixAgeTextRole});
    for (const QString& id : std::as_const(m_signalLost)) {
        if (const int row = rowOf(id); row >= 0) {
            emitRowChanged(row, {LabelRole});  // the age in the label
        }
    }
    for (int row = 0; row < size(); ++row) {
        const UnitRecord& r = at(row);
        if (positionTrusted(r, previousNowMs) != positionTrusted(r, m_context->nowMs)) {
            emitRowChanged(row,
                           {LatitudeRole, LongitudeRole, FixStaleRole, PositionFromStationRole});
        }
    }
}

}  // namespace flameblue::console

#include "models/traffic_list_model.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace flameblue::console {

namespace pb = ::flameblue::v1;

namespace {
bool byIcao(const pb::TrafficAircraft& a, const pb::TrafficAircraft& b) {
    return a.icao24() < b.icao24();
}
}  // namespace

TrafficListModel::TrafficListModel(QObject* parent) : QAbstractListModel(parent) {}

int TrafficListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant TrafficListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const pb::TrafficAircraft& a = m_rows[static_cast<std::size_t>(index.row())];
    const double nan = std::numeric_limits<double>::quiet_NaN();
    switch (role) {
        case ItemIdRole:
            return QString::fromStdString(a.icao24());
        case LatitudeRole:
            return a.fix().position().lat();
        case LongitudeRole:
            return a.fix().position().lon();
        case StatusRole:
            return 0;
        case HeadingDegRole:
            return a.fix().has_heading_deg() ? a.fix().heading_deg() : nan;
        case CategoryRole:
            return a.rotorcraft() ? QStringLiteral("rotorcraft") : QStringLiteral("fixed_wing");
        case LabelRole:
        case CallsignRole:
            // Without a callsign the address is what a controller would read out.
            return a.callsign().empty() ? QString::fromStdString(a.icao24()).toUpper()
                                        : QString::fromStdString(a.callsign());
        case HighlightedRole:
            return false;
        case AltitudeMRole:
            return a.fix().has_altitude_m() ? a.fix().altitude_m() : nan;
        case SpeedKmhRole:
            return a.fix().has_speed_kmh() ? a.fix().speed_kmh() : nan;
        case SquawkRole:
            return a.has_squawk() ? QString::fromStdString(a.squawk()) : QString();
        case OnGroundRole:
            return a.on_ground();
        case RotorcraftRole:
            return a.rotorcraft();
        case EmergencyRole:
            return a.emergency();
        default:
            return {};
    }
}

QHash<int, QByteArray> TrafficListModel::roleNames() const {
    return map_roles::withMapRoles({
        {CallsignRole, "callsign"},
        {AltitudeMRole, "altitudeM"},
        {SpeedKmhRole, "speedKmh"},
        {SquawkRole, "squawk"},
        {OnGroundRole, "onGround"},
        {RotorcraftRole, "rotorcraft"},
        {EmergencyRole, "emergency"},
    });
}

void TrafficListModel::applySnapshot(const pb::TrafficSnapshot& snapshot) {
    std::vector<pb::TrafficAircraft> incoming;
    incoming.reserve(static_cast<std::size_t>(snapshot.aircraft_size()));
    for (const pb::TrafficAircraft& a : snapshot.aircraft()) {
        const double lat = a.fix().position().lat();
        const double lon = a.fix().position().lon();
        if (a.icao24().empty() || !std::isfinite(lat) || !std::isfinite(lon) ||
            std::abs(lat) > 90.0 || std::abs(lon) > 180.0) {
            continue;  // nothing to place on the map
        }
        incoming.push_back(a);
    }
    std::sort(incoming.begin(), incoming.end(), byIcao);
    incoming.erase(
        std::unique(incoming.begin(), incoming.end(),
                    [](const auto& a, const auto& b) { return a.icao24() == b.icao24(); }),
        incoming.end());
    const int before = rowCount();

    // Walk both sorted lists: remove, update or insert row by row.
    std::size_t row = 0;
    std::size_t next = 0;
    while (row < m_rows.size() || next < incoming.size()) {
        if (next >= incoming.size() ||
            (row < m_rows.size() && byIcao(m_rows[row], incoming[next]))) {
            const int r = static_cast<int>(row);
            beginRemoveRows({}, r, r);
            m_rows.erase(m_rows.begin() + r);
            endRemoveRows();
        } else if (row >= m_rows.size() || byIcao(incoming[next], m_rows[row])) {
            const int r = static_cast<int>(row);
            beginInsertRows({}, r, r);
            m_rows.insert(m_rows.begin() + r, std::move(incoming[next]));
            endInsertRows();
            ++row;
            ++next;
        } else {
            m_rows[row] = std::move(incoming[next]);
            const QModelIndex i = index(static_cast<int>(row));
            Q_EMIT dataChanged(i, i);
            ++row;
            ++next;
        }
    }
    if (rowCount() != before)
        Q_EMIT countChanged();
}

int TrafficListModel::rowOf(const QString& icao24) const {
    const std::string key = icao24.toStdString();
    auto it = std::lower_bound(
        m_rows.begin(), m_rows.end(), key,
        [](const pb::TrafficAircraft& a, const std::string& k) { return a.icao24() < k; });
    return it != m_rows.end() && it->icao24() == key ? static_cast<int>(it - m_rows.begin()) : -1;
}

void TrafficListModel::clear() {
    if (m_rows.empty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
    Q_EMIT countChanged();
}

}  // namespace flameblue::console

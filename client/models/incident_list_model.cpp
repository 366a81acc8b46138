#include "models/incident_list_model.h"

#include <algorithm>

#include "models/catalog.h"

namespace flameblue::console {

namespace pb = ::flameblue::v1;

namespace {
// Newest first; the id breaks ties so that the order is the same on every console.
bool newerThan(const pb::Incident& a, const pb::Incident& b) {
    const qint64 ta = toMs(a.received());
    const qint64 tb = toMs(b.received());
    return ta != tb ? ta > tb : a.id() > b.id();
}
}  // namespace

IncidentListModel::IncidentListModel(const ModelContext* context, QObject* parent)
    : EntityListModel(parent), m_context(context) {
    connect(this, &QAbstractItemModel::rowsInserted, this, &IncidentListModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &IncidentListModel::countChanged);
    // A status change moves the open count without changing the row count.
    connect(this, &QAbstractItemModel::dataChanged, this, &IncidentListModel::countChanged);
}

int IncidentListModel::insertPositionIn(const std::vector<pb::Incident>& rows,
                                        const pb::Incident& incident) const {
    auto it = std::lower_bound(rows.begin(), rows.end(), incident, newerThan);
    return static_cast<int>(it - rows.begin());
}

QStringList IncidentListModel::activeUnitIds(const pb::Incident& incident) {
    QStringList ids;
    for (const pb::Assignment& a : incident.assignments()) {
        if (!a.has_released()) {
            ids.append(QString::fromStdString(a.unit_id()));
        }
    }
    return ids;
}

int IncidentListModel::openCount() const {
    return static_cast<int>(std::count_if(rows().begin(), rows().end(), [](const auto& i) {
        return i.status() != pb::INCIDENT_STATUS_CLOSED;
    }));
}

QString IncidentListModel::statusText(int status) const {
    switch (status) {
        case pb::INCIDENT_STATUS_RECEIVED:
            return tr("Received");
        case pb::INCIDENT_STATUS_ACTIVE:
            return tr("Active");
        case pb::INCIDENT_STATUS_UNDER_CONTROL:
            return tr("Under control");
        case pb::INCIDENT_STATUS_CLOSED:
            return tr("Closed");
        default:
            return tr("Unknown");
    }
}

QString IncidentListModel::idAt(int row) const {
    return row >= 0 && row < size() ? QString::fromStdString(at(row).id()) : QString();
}

QVariant IncidentListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const pb::Incident& i = at(index.row());
    const Catalog* catalog = m_context->catalog;
    switch (role) {
        case ItemIdRole:
            return QString::fromStdString(i.id());
        case LatitudeRole:
            return i.position().lat();
        case LongitudeRole:
            return i.position().lon();
        case StatusRole:
            return static_cast<int>(i.status());
        case HeadingDegRole:
            return 0.0;
        case CategoryRole:
            return QString::fromStdString(i.type());
        case Qt::DisplayRole:
        case LabelRole:
        case TypeNameRole:
            return catalog ? catalog->name(Catalog::Vocabulary::IncidentType, i.type())
                           : QString::fromStdString(i.type());
        case HighlightedRole:
            return !m_highlighted.empty() && i.id() == m_highlighted;
        case LevelRole:
            return i.level();
        case StatusTextRole:
            return statusText(i.status());
        case AddressRole:
            return QString::fromStdString(i.address());
        case DescriptionRole:
            return QString::fromStdString(i.description());
        case CityRole:
            return QString::fromStdString(i.city());
        case CityNameRole:
            return catalog ? catalog->name(Catalog::Vocabulary::City, i.city())
                           : QString::fromStdString(i.city());
        case ReceivedRole:
            return toDateTime(i.has_received(), i.received());
        case FirstDispatchedRole:
            return toDateTime(i.has_first_dispatched(), i.first_dispatched());
        case UnderControlRole:
            return toDateTime(i.has_under_control(), i.under_control());
        case ClosedRole:
            return toDateTime(i.has_closed(), i.closed());
        case ActiveUnitIdsRole:
            return activeUnitIds(i);
        case ActiveUnitCountRole:
            return static_cast<int>(activeUnitIds(i).size());
        case NoteCountRole:
            return i.notes_size();
        case OpenRole:
            return i.status() != pb::INCIDENT_STATUS_CLOSED;
        default:
            return {};
    }
}

QHash<int, QByteArray> IncidentListModel::roleNames() const {
    return map_roles::withMapRoles({
        {LevelRole, "level"},
        {TypeNameRole, "typeName"},
        {StatusTextRole, "statusText"},
        {AddressRole, "address"},
        {DescriptionRole, "description"},
        {CityRole, "city"},
        {CityNameRole, "cityName"},
        {ReceivedRole, "received"},
        {FirstDispatchedRole, "firstDispatched"},
        {UnderControlRole, "underControl"},
        {ClosedRole, "closed"},
        {ActiveUnitIdsRole, "activeUnitIds"},
        {ActiveUnitCountRole, "activeUnitCount"},
        {NoteCountRole, "noteCount"},
        {OpenRole, "open"},
    });
}

void IncidentListModel::setHighlighted(const QString& incidentId) {
    const std::string next = incidentId.toStdString();
    if (next == m_highlighted) {
        return;
    }
    const std::string previous = std::exchange(m_highlighted, next);
    for (const std::string& id : {previous, next}) {
        if (const int row = rowOf(id); row >= 0) {
            emitRowChanged(row, {HighlightedRole});
        }
    }
}

void IncidentListModel::refreshNames() {
    emitAllChanged({Qt::DisplayRole, LabelRole, TypeNameRole, StatusTextRole, CityNameRole});
}

}  // namespace flameblue::console

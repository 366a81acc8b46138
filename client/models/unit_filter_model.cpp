#include "models/unit_filter_model.h"

#include "models/unit_list_model.h"

namespace flameblue::console {

UnitFilterModel::UnitFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setDynamicSortFilter(true);
    setSortRole(UnitListModel::CallsignRole);
    sort(0);
    connect(this, &QAbstractItemModel::rowsInserted, this, &UnitFilterModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &UnitFilterModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &UnitFilterModel::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &UnitFilterModel::countChanged);
}

void UnitFilterModel::setCity(const QString& city) {
    if (m_city != city) {
        m_city = city;
        refilter();
    }
}

void UnitFilterModel::setStatus(int status) {
    if (m_status != status) {
        m_status = status;
        refilter();
    }
}

void UnitFilterModel::setCapability(const QString& capability) {
    if (m_capability != capability) {
        m_capability = capability;
        refilter();
    }
}

void UnitFilterModel::setText(const QString& text) {
    if (m_text != text) {
        m_text = text;
        refilter();
    }
}

void UnitFilterModel::refilter() {
    invalidateFilter();
    Q_EMIT filterChanged();
    Q_EMIT countChanged();
}

QString UnitFilterModel::idAt(int row) const {
    return data(index(row, 0), UnitListModel::ItemIdRole).toString();
}

bool UnitFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_city.isEmpty() && i.data(UnitListModel::CityRole).toString() != m_city) {
        return false;
    }
    if (m_status != 0 && i.data(UnitListModel::StatusRole).toInt() != m_status) {
        return false;
    }
    if (!m_capability.isEmpty() &&
        !i.data(UnitListModel::CapabilitiesRole).toStringList().contains(m_capability)) {
        return false;
    }
    if (!m_text.isEmpty()) {
        const QString needle = m_text.trimmed();
        for (int role : {UnitListModel::CallsignRole, UnitListModel::NameRole,
                         UnitListModel::StationNameRole, UnitListModel::ItemIdRole}) {
            if (i.data(role).toString().contains(needle, Qt::CaseInsensitive)) {
                return true;
            }
        }
        return false;
    }
    return true;
}

bool UnitFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    // Grouped by station (whose ids group by city), then by callsign within it.
    for (int role :
         {UnitListModel::StationIdRole, UnitListModel::CallsignRole, UnitListModel::ItemIdRole}) {
        const QString a = left.data(role).toString();
        const QString b = right.data(role).toString();
        if (a != b) {
            return QString::localeAwareCompare(a, b) < 0;
        }
    }
    return false;
}

}  // namespace flameblue::console

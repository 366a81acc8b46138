#include "models/water_source_list_model.h"

#include "models/catalog.h"

namespace flameblue::console {

WaterSourceListModel::WaterSourceListModel(const ModelContext* context, QObject* parent)
    : EntityListModel(parent), m_context(context) {
    connect(this, &QAbstractItemModel::rowsInserted, this, &WaterSourceListModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &WaterSourceListModel::countChanged);
}

QString WaterSourceListModel::kindName(const std::string& kind) {
    if (kind == "hydrant") {
        return tr("Hydrant");
    }
    if (kind == "reservoir") {
        return tr("Reservoir");
    }
    if (kind == "river") {
        return tr("River");
    }
    if (kind == "lake") {
        return tr("Lake");
    }
    if (kind == "pond") {
        return tr("Pond");
    }
    if (kind == "tank") {
        return tr("Water tank");
    }
    return QString::fromStdString(kind);
}

QVariant WaterSourceListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto& w = at(index.row());
    switch (role) {
        case ItemIdRole:
            return QString::fromStdString(w.id());
        case LatitudeRole:
            return w.position().lat();
        case LongitudeRole:
            return w.position().lon();
        case StatusRole:
            return 0;
        case HeadingDegRole:
            return 0.0;
        case CategoryRole:
            return QString::fromStdString(w.kind());
        case Qt::DisplayRole:
        case LabelRole:
        case NameRole:
            return m_context->pick(w.name_zh(), w.name_en());
        case HighlightedRole:
            return false;
        case NameZhRole:
            return QString::fromStdString(w.name_zh());
        case NameEnRole:
            return QString::fromStdString(w.name_en());
        case KindNameRole:
            return kindName(w.kind());
        case CityRole:
            return QString::fromStdString(w.city());
        case CityNameRole:
            return m_context->catalog
                       ? m_context->catalog->name(Catalog::Vocabulary::City, w.city())
                       : QString::fromStdString(w.city());
        case DipSiteRole:
            return w.dip_site();
        case CapacityM3Role:
            return w.has_capacity_m3() ? QVariant(w.capacity_m3()) : QVariant();
        default:
            return {};
    }
}

QHash<int, QByteArray> WaterSourceListModel::roleNames() const {
    return map_roles::withMapRoles({
        {NameRole, "name"},
        {NameZhRole, "nameZh"},
        {NameEnRole, "nameEn"},
        {KindNameRole, "kindName"},
        {CityRole, "city"},
        {CityNameRole, "cityName"},
        {DipSiteRole, "dipSite"},
        {CapacityM3Role, "capacityM3"},
    });
}

void WaterSourceListModel::refreshNames() {
    emitAllChanged({Qt::DisplayRole, LabelRole, NameRole, KindNameRole, CityNameRole});
}

}  // namespace flameblue::console

#include "models/station_list_model.h"

#include "models/catalog.h"

namespace flameblue::console {

StationListModel::StationListModel(const ModelContext* context, QObject* parent)
    : EntityListModel(parent), m_context(context) {
    connect(this, &QAbstractItemModel::rowsInserted, this, &StationListModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &StationListModel::countChanged);
}

QVariant StationListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto& s = at(index.row());
    const Catalog* catalog = m_context->catalog;
    switch (role) {
        case ItemIdRole:
            return QString::fromStdString(s.id());
        case LatitudeRole:
            return s.position().lat();
        case LongitudeRole:
            return s.position().lon();
        case StatusRole:
            return 0;
        case HeadingDegRole:
            return 0.0;
        case CategoryRole:
            return QString::fromStdString(s.station_class());
        case Qt::DisplayRole:
        case LabelRole:
        case NameRole:
            return m_context->pick(s.name_zh(), s.name_en());
        case HighlightedRole:
            return false;
        case NameZhRole:
            return QString::fromStdString(s.name_zh());
        case NameEnRole:
            return QString::fromStdString(s.name_en());
        case CityRole:
            return QString::fromStdString(s.city());
        case CityNameRole:
            return catalog ? catalog->name(Catalog::Vocabulary::City, s.city())
                           : QString::fromStdString(s.city());
        case CountyRole:
            return QString::fromStdString(s.county());
        case StationClassNameRole:
            return catalog ? catalog->name(Catalog::Vocabulary::StationClass, s.station_class())
                           : QString::fromStdString(s.station_class());
        case IllustrativeRole:
            return s.illustrative();
        case PositionApproximateRole:
            return s.position_approximate();
        default:
            return {};
    }
}

QHash<int, QByteArray> StationListModel::roleNames() const {
    return map_roles::withMapRoles({
        {NameRole, "name"},
        {NameZhRole, "nameZh"},
        {NameEnRole, "nameEn"},
        {CityRole, "city"},
        {CityNameRole, "cityName"},
        {CountyRole, "county"},
        {StationClassNameRole, "stationClassName"},
        {IllustrativeRole, "illustrative"},
        {PositionApproximateRole, "positionApproximate"},
    });
}

void StationListModel::refreshNames() {
    emitAllChanged({Qt::DisplayRole, LabelRole, NameRole, CityNameRole, StationClassNameRole});
}

}  // namespace flameblue::console

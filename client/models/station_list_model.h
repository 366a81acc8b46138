// Fire stations (and the airbase) for the map and for unit look-ups.
#pragma once

#include "flameblue/v1/entities.pb.h"
#include "models/entity_list_model.h"
#include "models/map_roles.h"
#include "models/model_context.h"

namespace flameblue::console {

class StationListModel : public EntityListModel<flameblue::v1::Station> {
    Q_OBJECT
    Q_PROPERTY(int count READ size NOTIFY countChanged)

public:
    enum Role {
        // Read by the map.
        ItemIdRole = map_roles::ItemId,
        LatitudeRole = map_roles::Latitude,
        LongitudeRole = map_roles::Longitude,
        StatusRole = map_roles::Status,
        HeadingDegRole = map_roles::HeadingDeg,
        CategoryRole = map_roles::Category,
        LabelRole = map_roles::Label,
        HighlightedRole = map_roles::Highlighted,
        // Read by lists and details.
        NameRole = map_roles::FirstModelRole,
        NameZhRole,
        NameEnRole,
        CityRole,
        CityNameRole,
        CountyRole,
        StationClassNameRole,
        IllustrativeRole,
        PositionApproximateRole,
    };
    Q_ENUM(Role)

    explicit StationListModel(const ModelContext* context, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Names follow the display language and the catalogue.
    void refreshNames();

Q_SIGNALS:
    void countChanged();

private:
    const ModelContext* m_context;
};

}  // namespace flameblue::console

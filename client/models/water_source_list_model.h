// Hydrants, reservoirs, rivers and helicopter dip sites.
#pragma once

#include "flameblue/v1/entities.pb.h"
#include "models/entity_list_model.h"
#include "models/map_roles.h"
#include "models/model_context.h"

namespace flameblue::console {

class WaterSourceListModel : public EntityListModel<flameblue::v1::WaterSource> {
    Q_OBJECT
    Q_PROPERTY(int count READ size NOTIFY countChanged)

public:
    enum Role {
        ItemIdRole = map_roles::ItemId,
        LatitudeRole = map_roles::Latitude,
        LongitudeRole = map_roles::Longitude,
        StatusRole = map_roles::Status,
        HeadingDegRole = map_roles::HeadingDeg,
        CategoryRole = map_roles::Category,
        LabelRole = map_roles::Label,
        HighlightedRole = map_roles::Highlighted,
        NameRole = map_roles::FirstModelRole,
        NameZhRole,
        NameEnRole,
        KindNameRole,
        CityRole,
        CityNameRole,
        DipSiteRole,
        CapacityM3Role,
    };
    Q_ENUM(Role)

    explicit WaterSourceListModel(const ModelContext* context, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    void refreshNames();

    static QString kindName(const std::string& kind);

Q_SIGNALS:
    void countChanged();

private:
    const ModelContext* m_context;
};

}  // namespace flameblue::console

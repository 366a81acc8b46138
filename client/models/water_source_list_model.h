// Hydrants, reservoirs, rivers and helicopter dip sites.
#pragma once

#include "flameblue/v1/entities.pb.h"
#include "models/entity_list_model.h"
#include "models/model_context.h"

namespace flameblue::console {

class WaterSourceListModel : public EntityListModel<flameblue::v1::WaterSource> {
    Q_OBJECT
    Q_PROPERTY(int count READ size NOTIFY countChanged)

public:
    enum Role {
        ItemIdRole = Qt::UserRole + 1,
        LatitudeRole,
        LongitudeRole,
        StatusRole,
        HeadingDegRole,
        CategoryRole,
        LabelRole,
        HighlightedRole,
        NameRole,
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

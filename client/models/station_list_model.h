// Fire stations (and the airbase) for the map and for unit look-ups.
#pragma once

#include "flameblue/v1/entities.pb.h"
#include "models/entity_list_model.h"
#include "models/model_context.h"

namespace flameblue::console {

class StationListModel : public EntityListModel<flameblue::v1::Station> {
    Q_OBJECT
    Q_PROPERTY(int count READ size NOTIFY countChanged)

public:
    enum Role {
        // Read by the map.
        ItemIdRole = Qt::UserRole + 1,
        LatitudeRole,
        LongitudeRole,
        StatusRole,
        HeadingDegRole,
        CategoryRole,
        LabelRole,
        HighlightedRole,
        // Read by lists and details.
        NameRole,
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

// Context traffic: aircraft the receivers hear that are not the fleet's (airliners, other general
// aviation), from the Traffic service's snapshots. Shown on the map for awareness only.
#pragma once

#include <QAbstractListModel>

#include <vector>

#include "flameblue/v1/traffic.pb.h"
#include "models/map_roles.h"

namespace flameblue::console {

class TrafficListModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

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
        CallsignRole = map_roles::FirstModelRole,
        AltitudeMRole,  // NaN when not heard
        SpeedKmhRole,   // NaN when not heard
        SquawkRole,     // "" when not heard
        OnGroundRole,
        RotorcraftRole,
        EmergencyRole,
    };
    Q_ENUM(Role)

    explicit TrafficListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the traffic with a snapshot: aircraft still heard are updated in place, new ones
    // inserted, ones no longer heard removed (a map keeps its markers steady).
    void applySnapshot(const flameblue::v1::TrafficSnapshot& snapshot);
    void clear();
    // The row of an aircraft by its address, -1 when not listed.
    int rowOf(const QString& icao24) const;

Q_SIGNALS:
    void countChanged();

private:
    std::vector<flameblue::v1::TrafficAircraft> m_rows;  // sorted by icao24
};

}  // namespace flameblue::console

// The roles MapView reads by name: the console's contract with client/map, defined once. Every
// list model shown on the map starts its Role enum with these, in this order.
#pragma once

#include <QByteArray>
#include <QHash>

namespace flameblue::console::map_roles {

enum : int {
    ItemId = Qt::UserRole + 1,
    Latitude,
    Longitude,
    Status,
    HeadingDeg,
    Category,
    Label,
    Highlighted,
    FirstModelRole,  // where a model's own roles begin
};

// The map roles' names plus a model's own.
inline QHash<int, QByteArray> withMapRoles(QHash<int, QByteArray> own) {
    own.insert({
        {ItemId, "itemId"},
        {Latitude, "latitude"},
        {Longitude, "longitude"},
        {Status, "status"},
        {HeadingDeg, "headingDeg"},
        {Category, "category"},
        {Label, "label"},
        {Highlighted, "highlighted"},
    });
    return own;
}

}  // namespace flameblue::console::map_roles

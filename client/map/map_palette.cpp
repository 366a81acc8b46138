#include "map/map_palette.h"

#include <QHash>

#include <algorithm>

namespace flameblue::map {

QColor MapPalette::unitStatusColor(int status) {
    switch (status) {
        case 1:
            return {0x2e, 0x9e, 0x44};  // available: green
        case 2:
            return {0xf2, 0xb1, 0x00};  // dispatched: amber
        case 3:
            return {0xf2, 0x6b, 0x1d};  // en route: orange
        case 4:
            return {0xd7, 0x26, 0x3d};  // on scene: red
        case 5:
            return {0x2f, 0x6f, 0xd6};  // returning: blue
        case 6:
            return {0x8a, 0x90, 0x99};  // out of service: grey
        default:
            return {0xb8, 0xbe, 0xc5};
    }
}

QColor MapPalette::incidentStatusColor(int status) {
    switch (status) {
        case 1:
            return {0xe0, 0x1b, 0x24};  // received: alarm red
        case 2:
            return {0xf2, 0x6b, 0x1d};  // active: orange
        case 3:
            return {0x2f, 0x6f, 0xd6};  // under control: blue
        case 4:
            return {0x8a, 0x90, 0x99};  // closed: grey
        default:
            return {0xb8, 0xbe, 0xc5};
    }
}

QColor MapPalette::incidentTypeColor(const QString& type) {
    static const QHash<QString, QColor> colors = {
        {QStringLiteral("building_fire"), {0xd3, 0x2f, 0x2f}},
        {QStringLiteral("high_rise_fire"), {0xb7, 0x1c, 0x1c}},
        {QStringLiteral("underground_rail_fire"), {0x8e, 0x24, 0x24}},
        {QStringLiteral("chemical_fire"), {0xe6, 0x4a, 0x19}},
        {QStringLiteral("forest_grassland_fire"), {0xef, 0x6c, 0x00}},
        {QStringLiteral("hazmat_leak"), {0x7b, 0x1f, 0xa2}},
        {QStringLiteral("flood_water_rescue"), {0x02, 0x77, 0xbd}},
        {QStringLiteral("geological_disaster"), {0x79, 0x55, 0x48}},
        {QStringLiteral("earthquake"), {0x5d, 0x40, 0x37}},
        {QStringLiteral("mountain_rescue"), {0x55, 0x8b, 0x2f}},
        {QStringLiteral("traffic_accident"), {0xc0, 0x8a, 0x00}},
    };
    return colors.value(type, QColor(0xad, 0x14, 0x57));
}

QColor MapPalette::stationClassColor(const QString& stationClass) {
    static const QHash<QString, QColor> colors = {
        {QStringLiteral("special_service"), {0x9a, 0x0f, 0x0f}},
        {QStringLiteral("class1"), {0xb7, 0x1c, 0x1c}},
        {QStringLiteral("class2"), {0xc6, 0x28, 0x28}},
        {QStringLiteral("small"), {0xe5, 0x5b, 0x5b}},
        {QStringLiteral("township"), {0xe5, 0x73, 0x73}},
        {QStringLiteral("volunteer"), {0xef, 0x9a, 0x9a}},
        {QStringLiteral("chemical_park"), {0x6a, 0x1b, 0x9a}},
        {QStringLiteral("forest_grassland"), {0x2e, 0x7d, 0x32}},
        {QStringLiteral("logistics"), {0x6d, 0x4c, 0x41}},
        {QStringLiteral("reserve_depot"), {0x8d, 0x6e, 0x63}},
        {QStringLiteral("aviation_base"), {0x1a, 0x23, 0x7e}},
    };
    return colors.value(stationClass, QColor(0xc6, 0x28, 0x28));
}

QColor MapPalette::waterKindColor(const QString& kind) {
    if (kind == QLatin1String("hydrant") || kind == QLatin1String("tank")) {
        return {0x0d, 0x47, 0xa1};
    }
    return water();
}

double MapPalette::incidentRadius(int level) {
    return 8.0 + 2.0 * std::clamp(level, 1, 5);
}

}  // namespace flameblue::map

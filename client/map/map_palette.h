// The map's colours in one place, for the C++ layers and (as the MapPalette singleton) for
// QML legends, so that a legend always matches what the map draws.
#pragma once

#include <QtQml/qqml.h>
#include <QColor>
#include <QObject>
#include <QString>

namespace flameblue::map {

class MapPalette : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QColor background READ background CONSTANT)
    Q_PROPERTY(QColor homeLand READ homeLand CONSTANT)
    Q_PROPERTY(QColor neighbourLand READ neighbourLand CONSTANT)
    Q_PROPERTY(QColor homeBorder READ homeBorder CONSTANT)
    Q_PROPERTY(QColor neighbourBorder READ neighbourBorder CONSTANT)
    Q_PROPERTY(QColor river READ river CONSTANT)
    Q_PROPERTY(QColor lake READ lake CONSTANT)
    Q_PROPERTY(QColor place READ place CONSTANT)
    Q_PROPERTY(QColor labelText READ labelText CONSTANT)
    Q_PROPERTY(QColor labelHalo READ labelHalo CONSTANT)
    Q_PROPERTY(QColor markerOutline READ markerOutline CONSTANT)
    Q_PROPERTY(QColor highlight READ highlight CONSTANT)
    Q_PROPERTY(QColor water READ water CONSTANT)

public:
    explicit MapPalette(QObject* parent = nullptr) : QObject(parent) {}

    // Land outside Shanxi: the background itself, so neighbours cost no fill.
    static QColor background() { return {0xeb, 0xe9, 0xe3}; }
    static QColor homeLand() { return {0xfc, 0xfb, 0xf7}; }
    static QColor neighbourLand() { return background(); }
    static QColor homeBorder() { return {0x4a, 0x55, 0x63}; }
    static QColor neighbourBorder() { return {0xa3, 0xa9, 0xb0}; }
    static QColor river() { return {0x5b, 0x9b, 0xd5}; }
    static QColor lake() { return {0xb4, 0xd3, 0xee}; }
    static QColor place() { return {0x37, 0x42, 0x4f}; }
    static QColor labelText() { return {0x21, 0x2b, 0x36}; }
    static QColor labelHalo() { return {0xff, 0xff, 0xff, 0xe6}; }
    static QColor markerOutline() { return {0x1f, 0x26, 0x2e}; }
    static QColor highlight() { return {0xc5, 0x11, 0x62}; }
    static QColor water() { return {0x15, 0x75, 0xd1}; }
    // Context traffic: neutral grey, never a status colour of the fleet.
    static QColor traffic() { return {0x80, 0x86, 0x8e}; }

    // Units and aircraft: 1 available, 2 dispatched, 3 en route, 4 on scene, 5 returning,
    // 6 out of service; anything else is "unknown".
    Q_INVOKABLE static QColor unitStatusColor(int status);
    // Incidents: 1 received, 2 active, 3 under control, 4 closed.
    Q_INVOKABLE static QColor incidentStatusColor(int status);
    // By incident type id (data/incident_types.json): fires red, hazmat purple, water blue...
    Q_INVOKABLE static QColor incidentTypeColor(const QString& type);
    // By station class id (data/station_classes.json).
    Q_INVOKABLE static QColor stationClassColor(const QString& stationClass);
    // By water source kind: hydrants and tanks darker than open water.
    Q_INVOKABLE static QColor waterKindColor(const QString& kind);
    // Marker radius in pixels of an incident of `level` (1..5).
    Q_INVOKABLE static double incidentRadius(int level);
};

}  // namespace flameblue::map

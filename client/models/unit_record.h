// A ground unit or a fleet aircraft in one shape, as the unit list models keep them.
#pragma once

#include <QGeoCoordinate>
#include <QString>

#include <string>
#include <vector>

#include "flameblue/v1/entities.pb.h"

namespace flameblue::console {

// An aircraft's one name on every view: its callsign with its registration ("尧城07 B-70A7");
// either alone when the other is missing (or both are the same). A ground unit's is its
// callsign.
QString aircraftName(const std::string& callsign, const std::string& registration);

// A unit or an aircraft in one shape (aircraft fields mapped onto the unit's).
struct UnitRecord {
    flameblue::v1::Unit unit;
    bool aircraft = false;
    std::string registration;
    std::string icao24;
    std::vector<QGeoCoordinate> trail;  // aircraft: recent fixes, oldest first
    // Aircraft: in the air, as the server says (its sortie's take-off time is set), whatever
    // the mission state.
    bool airborne = false;

    const std::string& id() const { return unit.id(); }
    // How the console names it everywhere (map, boards, alerts, recommendations): the callsign,
    // and for an aircraft its registration after it ("尧城07 B-70A7").
    QString displayName() const;
    bool operator==(const UnitRecord& other) const;

    static UnitRecord fromUnit(const flameblue::v1::Unit& unit);
    static UnitRecord fromAircraft(const flameblue::v1::Aircraft& aircraft);
};

}  // namespace flameblue::console

// A ground unit or a fleet aircraft in one shape, as the unit list models keep them.
#pragma once

#include <QGeoCoordinate>

#include <string>
#include <vector>

#include "flameblue/v1/entities.pb.h"

namespace flameblue::console {

// A unit or an aircraft in one shape (aircraft fields mapped onto the unit's).
struct UnitRecord {
    flameblue::v1::Unit unit;
    bool aircraft = false;
    std::string registration;
    std::string icao24;
    std::vector<QGeoCoordinate> trail;  // aircraft: recent fixes, oldest first

    const std::string& id() const { return unit.id(); }
    bool operator==(const UnitRecord& other) const;

    static UnitRecord fromUnit(const flameblue::v1::Unit& unit);
    static UnitRecord fromAircraft(const flameblue::v1::Aircraft& aircraft);
};

}  // namespace flameblue::console

#pragma once

// The test world's Z-8 at Yaocheng with the published Z-8 figures (DOMAIN.md: cruise 266 km/h,
// endurance 2 h 31 min) and a 30 min reserve, as data/aircraft_types.json has them.

#include "../support/test_world.h"
#include "aviation/fleet_figures.h"

namespace flameblue::testing {

inline constexpr const char* kZ8 = "AV-Z8-01";

inline data::Dataset aviationDataset() {
    data::Dataset d;
    data::AircraftType z8;
    z8.id = "z8";
    z8.name = "Z-8";
    z8.category = "rotorcraft";
    z8.cruiseKmh = 266;
    z8.bucketKmh = 150;
    z8.enduranceMin = 151;
    z8.waterTonnes = 2.6;
    z8.reserveMin = 30;
    d.aircraftTypes.push_back(z8);
    d.launchDelayHotMin = 5;
    d.launchDelayNormalMin = 20;
    data::RosterUnit u;
    u.spec = unit(kZ8, "AV-YC", {"air_water_drop"}, core::UnitKind::Aircraft);
    u.readiness = "hot_standby";
    d.units.push_back(u);
    return d;
}

inline aviation::FleetFigures aviationFigures() {
    const data::Dataset d = aviationDataset();
    dispatch::AirModelConfig c;
    c.maxDistanceKm = 400;
    c.waterDropCapabilities = {"air_water_drop"};
    c.dipSeconds = 30;
    c.dropSeconds = 10;
    c.manoeuvreSeconds = 60;
    c.defaultReadiness = "normal";
    c.airborneLaunchDelayMinutes = 0;
    c.airborneMinSpeedKmh = 60;
    return aviation::FleetFigures(
        d,
        dispatch::AirTravelModel(c, d.launchDelayHotMin, d.launchDelayNormalMin, d.aircraftTypes));
}

}  // namespace flameblue::testing

#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/state.h"
#include "data/dataset.h"
#include "dispatch/air_travel_model.h"

namespace flameblue::aviation {

// What a coordinator watches for one aircraft, worked out at a moment in time.
struct AircraftFigures {
    std::optional<double> fixAgeSeconds;
    // From where the aircraft is (its base before take-off) to its incident.
    std::optional<double> etaSeconds;
    std::optional<double> distanceToIncidentMeters;
    std::optional<double> enduranceLeftSeconds;  // airborne only
    std::optional<double> returnToBaseSeconds;   // at cruise from the current position
    double reserveSeconds = 0.0;
    std::size_t drops = 0;
    std::optional<double> dropsPerHour;
    std::optional<double> cycleSeconds;
    bool cycleMeasured = false;  // from the recorded drops, not the model
    core::Id dipSiteId;          // recorded, or the nearest dip site to the incident

    // Flight time left is below the time home plus the reserve.
    bool lowEndurance() const {
        return enduranceLeftSeconds && returnToBaseSeconds &&
               *enduranceLeftSeconds < *returnToBaseSeconds + reserveSeconds;
    }
};

// The performance figures of the fleet (aircraft types, readiness) and the air travel model,
// applied to the live state. Immutable after construction; safe to share between threads.
class FleetFigures {
public:
    FleetFigures(const data::Dataset& dataset, dispatch::AirTravelModel airModel);

    // `lastHeard` is the newest fix time heard (stored or not), 0 when unknown.
    AircraftFigures compute(const core::State& state, const core::Unit& aircraft, core::TimeMs now,
                            core::TimeMs lastHeard) const;
    const data::AircraftType* type(const std::string& id) const;
    const dispatch::AirTravelModel& airModel() const { return m_air; }

private:
    dispatch::TravelSubject subject(const core::Unit& aircraft, bool airborne, bool bucket) const;
    void addWaterDrop(const core::State& state, const core::Unit& aircraft,
                      const core::AircraftMission& m, const core::LatLon& position,
                      const core::LatLon& base, AircraftFigures& out) const;

    std::vector<data::AircraftType> m_types;
    std::unordered_map<std::string, std::string> m_readiness;  // aircraft id -> readiness
    dispatch::AirTravelModel m_air;
};

}  // namespace flameblue::aviation

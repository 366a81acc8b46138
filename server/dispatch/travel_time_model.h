#pragma once

// The one interface behind which travel times are modelled (DESIGN.md, "Travel time"): the
// default ground model and the air model today, a road-graph model later.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/entities.h"
#include "core/geo.h"
#include "data/dataset.h"

namespace flameblue::dispatch {

enum class TravelMode : std::uint8_t { Ground = 1, Air = 2 };

// How the clock starts before the unit moves.
enum class StartKind : std::uint8_t {
    Turnout = 1,           // crew in quarters: turnout time
    MobileTurnout = 2,     // already on the road with its crew aboard
    LaunchHotStandby = 3,  // aircraft on the ground at hot standby
    LaunchNormal = 4,      // aircraft on the ground at normal readiness
    Airborne = 5,          // aircraft already flying
};

// What a model needs to know about who travels.
struct TravelSubject {
    core::UnitKind kind = core::UnitKind::Ground;
    std::string_view unitType;
    std::string_view stationClass;  // of the home station
    bool mobile = false;            // ground: on the road with crew aboard
    const data::AircraftType* aircraftType = nullptr;
    std::string_view readiness;  // aircraft on the ground: "hot_standby" or "normal"
    bool airborne = false;
    bool bucketRigged = false;  // flies at bucket speed (water-drop work)
};

// One part of a modelled road trip, driven on one class of road.
struct RoadLeg {
    std::string speedClass;
    double straightMeters = 0.0;
    double roadMeters = 0.0;
    double speedKmh = 0.0;
    double seconds = 0.0;  // before any mountain penalty
};

// A travel time with everything that went into it.
struct TravelEstimate {
    TravelMode mode = TravelMode::Ground;
    StartKind start = StartKind::Turnout;
    double startDelaySeconds = 0.0;  // turnout or launch delay
    double travelSeconds = 0.0;      // on the move, penalties included
    double totalSeconds = 0.0;       // start delay + travel
    double greatCircleMeters = 0.0;
    double routeMeters = 0.0;   // modelled road length; the great circle for aircraft
    double detourFactor = 1.0;  // route / great circle
    // Air: the speed flown. Ground: route length over driving time before the mountain penalty.
    double speedKmh = 0.0;
    std::string speedClass;     // ground: the band of the last leg; air: "cruise" or "bucket"
    std::vector<RoadLeg> legs;  // ground only
    double mountainFactor = 1.0;
    std::string mountainZoneId;  // the zone whose factor applied; empty when none
};

class TravelTimeModel {
public:
    virtual ~TravelTimeModel() = default;

    virtual TravelMode mode() const = 0;
    // Seconds from tasking until the unit moves (turnout, launch delay).
    virtual double startDelaySeconds(const TravelSubject& subject) const = 0;
    virtual StartKind startKind(const TravelSubject& subject) const = 0;
    // Seconds on the move from `from` to `to`, which are `greatCircleMeters` apart.
    virtual double movingSeconds(const TravelSubject& subject, const core::LatLon& from,
                                 const core::LatLon& to, double greatCircleMeters) const = 0;
    // Never more than movingSeconds() for any subject and any two points this far apart; it
    // grows with the distance. Lets a spatial search stop early without missing anyone.
    virtual double movingSecondsLowerBound(double greatCircleMeters) const = 0;
    // Never more than startDelaySeconds() for any subject.
    virtual double minStartDelaySeconds() const = 0;
    // The full breakdown.
    virtual TravelEstimate estimate(const TravelSubject& subject, const core::LatLon& from,
                                    const core::LatLon& to) const = 0;
};

}  // namespace flameblue::dispatch

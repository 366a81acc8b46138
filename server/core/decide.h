#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/commands.h"
#include "core/events.h"
#include "core/result.h"
#include "core/service_area.h"
#include "core/state.h"
#include "core/validation.h"

namespace flameblue::core {

// What commands are checked against besides the state: the catalogues from the data set.
struct Reference {
    struct CitySeat {
        std::string id;
        LatLon seat;
    };
    std::set<std::string> incidentTypes;
    std::vector<CitySeat> citySeats;
    // Where incidents may be placed without being marked as mutual aid; none: anywhere.
    std::shared_ptr<const ServiceArea> serviceArea;

    // The city whose seat is nearest; empty when there are no cities.
    std::string nearestCity(const LatLon& p) const;
    // Metres beyond the service area's outline (0 inside it, or when there is no area).
    double metersOutside(const LatLon& p) const;
    // Inside the service area (margin included), or there is no area.
    bool inServiceArea(const LatLon& p) const;
};

// Checks an incident's position (of a new incident, a moved one or a draft alarm): a valid,
// set position inside the service area, or outside it only when `mutualAid` says so.
Status validateIncidentPosition(const Reference& ref, const LatLon& p, bool mutualAid,
                                const char* field);

// Validates a command against the current state and returns the events it produces, or the
// reason it is refused (and then nothing is written). Pure: the caller appends and applies.
Result<std::vector<EventPayload>> decide(const State& state, const Reference& ref,
                                         const CommandContext& ctx, const Command& command);

// "INC-YYYYMMDD-NNNN", numbered per day in China Standard Time (UTC+8).
Id nextIncidentId(const State& state, TimeMs now);

}  // namespace flameblue::core

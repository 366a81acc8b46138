#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/commands.h"
#include "core/events.h"
#include "core/result.h"
#include "core/state.h"

namespace flameblue::core {

// What commands are checked against besides the state: the catalogues from the data set.
struct Reference {
    struct CitySeat {
        std::string id;
        LatLon seat;
    };
    std::set<std::string> incidentTypes;
    std::vector<CitySeat> citySeats;

    // The city whose seat is nearest; empty when there are no cities.
    std::string nearestCity(const LatLon& p) const;
};

// Validates a command against the current state and returns the events it produces, or the
// reason it is refused (and then nothing is written). Pure: the caller appends and applies.
Result<std::vector<EventPayload>> decide(const State& state, const Reference& ref,
                                         const CommandContext& ctx, const Command& command);

// "INC-YYYYMMDD-NNNN", numbered per day in China Standard Time (UTC+8).
Id nextIncidentId(const State& state, TimeMs now);

// Checks shared by the API edge and decide(): field name is used in the message.
Status validatePosition(const LatLon& p, const char* field);
Status validateFix(const PositionFix& fix, TimeMs now, const char* field);
Status validateText(const std::string& text, std::size_t maxBytes, bool required,
                    const char* field);

}  // namespace flameblue::core

#pragma once

// Operators act for the whole province or for a list of cities. A city-scoped operator's command
// may only touch incidents of those cities and units based there; units of another city come by
// mutual aid, which that city or the provincial centre accepts.

#include <string>
#include <vector>

#include "core/commands.h"
#include "core/events.h"
#include "core/result.h"
#include "core/state.h"

namespace flameblue::core {

// The city a unit belongs to: its home station's (empty when the station is unknown).
std::string homeCity(const State& state, const Unit& unit);

// Checks `command` (with the `events` it would write) against ctx.cities; without cities, any.
Status checkScope(const State& state, const CommandContext& ctx, const Command& command,
                  const std::vector<EventPayload>& events);

}  // namespace flameblue::core

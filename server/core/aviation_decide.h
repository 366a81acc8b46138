#pragma once

#include <vector>

#include "core/commands.h"
#include "core/events.h"
#include "core/result.h"
#include "core/state.h"

namespace flameblue::core {

// decide() for the aviation commands: validated against the state, precise refusals.
using Decision = Result<std::vector<EventPayload>>;
Decision decideAviation(const State& s, const CommandContext& ctx, const SetMissionState& c);
Decision decideAviation(const State& s, const CommandContext& ctx, const AcknowledgeAlert& c);
Decision decideAviation(const State& s, const CommandContext& ctx, const RaiseAlert& c);
Decision decideAviation(const State& s, const CommandContext& ctx, const ClearAlert& c);
Decision decideAviation(const State& s, const CommandContext& ctx, const ReportTransponder& c);
Decision decideAviation(const State& s, const CommandContext& ctx, const RecordDrop& c);

// The id the next raised alert gets: "ALR-<n>".
Id nextAlertId(const State& s);
// What an emergency code means, for the alert's detail.
const char* squawkMeaning(int squawk);

constexpr std::size_t kMaxFlightIdBytes = 16;

}  // namespace flameblue::core

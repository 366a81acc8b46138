#pragma once

#include <vector>

#include "aviation/fleet_figures.h"
#include "core/commands.h"
#include "core/state.h"
#include "session/session.h"

namespace flameblue::aviation {

struct AlertRules {
    // A flying aircraft not heard for longer than this has lost its signal.
    core::TimeMs signalLostMs = 60'000;
};

// The commands that bring the monitored alerts (signal lost, low endurance) in line with the
// state at `now`: raise what newly holds, clear what no longer does. Emergency squawks are
// raised by the transponder reports themselves. Pure: the caller submits the commands.
std::vector<core::Command> evaluateAlerts(const core::State& state,
                                          const session::Session::LastHeard& lastHeard,
                                          core::TimeMs now, const AlertRules& rules,
                                          const FleetFigures& figures);

}  // namespace flameblue::aviation

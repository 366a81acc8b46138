// flameblue-drill: runs one command against the Drills service of a server.
#pragma once

#include <ostream>

#include "tools/drill_cli_options.h"

namespace flameblue::tools {

// Exit codes of the tool.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // refused by the server, unreachable, file not written
inline constexpr int kExitUsage = 2;

// Runs `options.command`; results go to `out`, errors (with the server's message) to `err`.
int runDrillCommand(const DrillCliOptions& options, std::ostream& out, std::ostream& err);

}  // namespace flameblue::tools

#pragma once

#include "app/options.h"

namespace flameblue::app {

// Loads the data set, opens the live session's event log, serves it until SIGINT or SIGTERM.
// Returns the process exit code.
int runServer(const AppOptions& options);

}  // namespace flameblue::app

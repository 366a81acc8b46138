#pragma once

#include <string>

#include "core/result.h"

namespace flameblue::app {

// The operators file of a server started without --operators: <stateDir>/operators. On the
// first start it is created with one operator for the local user ($USER, every role, the whole
// province) whose token goes to <stateDir>/token; both files are mode 0600. Prints what it did.
// Returns the operators file's path.
core::Result<std::string> ensureLocalOperator(const std::string& stateDir);

// Where that token file is for a state directory.
std::string localTokenFile(const std::string& stateDir);

}  // namespace flameblue::app

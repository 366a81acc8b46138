#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "store/event_store.h"

namespace flameblue::store {

// Where a session's event log lives: a postgresql:// or postgres:// URI names a PostgreSQL
// database, anything else is the path of a SQLite file.
bool isPostgresLocation(const std::string& location);

// The location as messages may show it: a URI without its password, a path as given.
std::string describeLocation(const std::string& location);

// Checks the location's syntax without opening it (for the command line); the error says why.
core::Status checkLocation(const std::string& location);

// Opens the store at `location` with its defaults. A database that cannot be reached (yet) fails
// with ErrorCode::Unavailable; any other error will not go away by waiting.
core::Result<std::unique_ptr<EventStore>> openStore(const std::string& location);

// Back-off between attempts to open a store that cannot be reached: `first`, doubling up to `max`.
struct OpenRetry {
    std::chrono::milliseconds first{1000};
    std::chrono::milliseconds max{30'000};
};
// Called after a failed attempt with its error and the delay before the next one. It waits (the
// delay, or less) and returns true to try again, false to give up (a shutdown).
using WaitBeforeRetry = std::function<bool(const core::Error& why, std::chrono::milliseconds)>;

// openStore() until it succeeds or fails for a reason other than Unavailable, or `wait` gives up
// (then the last error is returned).
core::Result<std::unique_ptr<EventStore>> openStoreRetrying(const std::string& location,
                                                            const OpenRetry& retry,
                                                            const WaitBeforeRetry& wait);

}  // namespace flameblue::store

#include "store/open_store.h"

#include <algorithm>

#include "store/postgres_event_store.h"

namespace flameblue::store {

bool isPostgresLocation(const std::string& location) {
    return isPostgresUri(location);
}

std::string describeLocation(const std::string& location) {
    return isPostgresLocation(location) ? describePostgresUri(location) : location;
}

core::Status checkLocation(const std::string& location) {
    if (location.empty()) {
        return core::invalidArgument(
            "expected a file path or a postgresql:// URI, got an empty value");
    }
    if (isPostgresLocation(location)) {
        return checkPostgresUri(location);
    }
    return core::Ok{};
}

core::Result<std::unique_ptr<EventStore>> openStore(const std::string& location) {
    if (core::Status valid = checkLocation(location); !valid) {
        return valid.error();
    }
    if (isPostgresLocation(location)) {
        return openPostgresStore(location);
    }
    return openSqliteStore(location);
}

core::Result<std::unique_ptr<EventStore>> openStoreRetrying(const std::string& location,
                                                            const OpenRetry& retry,
                                                            const WaitBeforeRetry& wait) {
    std::chrono::milliseconds delay = retry.first;
    for (;;) {
        auto store = openStore(location);
        if (store || store.error().code != core::ErrorCode::Unavailable) {
            return store;
        }
        if (!wait(store.error(), delay)) {
            return store.error();
        }
        delay = std::min(delay * 2, retry.max);
    }
}

}  // namespace flameblue::store

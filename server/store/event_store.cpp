#include "store/event_store.h"

#include <string>
#include <utility>

namespace flameblue::store {

core::Result<std::vector<core::Event>> EventStore::read(std::uint64_t afterSeq,
                                                        std::uint64_t upToSeq,
                                                        std::size_t limit) const {
    std::vector<core::Event> out;
    if (limit == 0) {
        return out;
    }
    core::Status st = scan(afterSeq, upToSeq, [&](const core::Event& e) {
        out.push_back(e);
        return out.size() < limit;
    });
    if (!st) {
        return st.error();
    }
    return out;
}

core::Status EventStore::scanSubject(const core::Id& subject, std::uint64_t afterSeq,
                                     std::uint64_t upToSeq,
                                     const std::function<bool(const core::Event&)>& fn) const {
    return scan(afterSeq, upToSeq, [&](const core::Event& e) {
        return core::subjectOf(e.payload) != subject || fn(e);
    });
}

core::Result<core::State> recoverState(const EventStore& store) {
    auto snapshot = store.loadLatestSnapshot();
    if (!snapshot) {
        return snapshot.error();
    }
    // Read the end of the log only after the snapshot: a snapshot is taken of events already
    // appended, so a healthy log always reaches at least as far as its newest snapshot.
    const std::uint64_t last = store.lastSeq();
    core::State state;
    if (snapshot->has_value()) {
        state = std::move(**snapshot);
    } else if (store.firstSeq() > 1) {
        return core::Error{core::ErrorCode::Internal,
                           "recover: the log starts at seq " + std::to_string(store.firstSeq()) +
                               " and there is no snapshot to start from"};
    }
    if (state.lastSeq() > last) {
        return core::Error{core::ErrorCode::Internal,
                           "recover: snapshot at seq " + std::to_string(state.lastSeq()) +
                               " is ahead of the log, which ends at seq " + std::to_string(last)};
    }

    std::uint64_t expected = state.lastSeq() + 1;
    bool gap = false;
    core::Status st = store.scan(state.lastSeq(), last, [&](const core::Event& e) {
        if (e.seq != expected) {
            gap = true;
            return false;
        }
        state.apply(e);
        ++expected;
        return true;
    });
    if (!st) {
        return st.error();
    }
    if (gap || state.lastSeq() != last) {
        return core::Error{core::ErrorCode::Internal,
                           "recover: the log has a gap: seq " + std::to_string(expected) +
                               " is missing (log ends at seq " + std::to_string(last) + ")"};
    }
    return state;
}

}  // namespace flameblue::store

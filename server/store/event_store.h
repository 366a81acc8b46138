#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/events.h"
#include "core/result.h"
#include "core/state.h"

namespace flameblue::store {

// The durable event log of one session plus its snapshots.
//
// Thread safety: append() and saveSnapshot() are called from one writer thread at a time; the
// read functions may be called concurrently from any thread, also while an append is running.
class EventStore {
public:
    virtual ~EventStore() = default;

    // Appends events in one transaction and returns only once they are durable (committed and
    // synced). Their seq numbers must continue lastSeq() without a gap. All or nothing.
    // A first seq that does not continue the log's head fails with ErrorCode::Conflict (another
    // writer got there first); a store that cannot be reached fails with ErrorCode::Unavailable.
    virtual core::Status append(std::span<const core::Event> events) = 0;

    // Highest stored seq (0 for an empty log).
    virtual std::uint64_t lastSeq() const = 0;
    // True when other servers append to the same log (one PostgreSQL database shared by several
    // command centres): a seq above this store's lastSeq() may already exist, written by another.
    virtual bool sharedByServers() const { return false; }
    // Lowest seq still readable (events before it were compacted away); 1 for a full log.
    virtual std::uint64_t firstSeq() const = 0;

    // Calls `fn` for each event with afterSeq < seq <= upToSeq in order, until it returns false.
    virtual core::Status scan(std::uint64_t afterSeq, std::uint64_t upToSeq,
                              const std::function<bool(const core::Event&)>& fn) const = 0;
    // Like scan(), only the events whose subject (core::subjectOf) is `subject`, such as one
    // aircraft's fixes for its track.
    virtual core::Status scanSubject(const core::Id& subject, std::uint64_t afterSeq,
                                     std::uint64_t upToSeq,
                                     const std::function<bool(const core::Event&)>& fn) const;
    // Convenience over scan(), at most `limit` events.
    core::Result<std::vector<core::Event>> read(std::uint64_t afterSeq, std::uint64_t upToSeq,
                                                std::size_t limit) const;

    // Stores the state as a snapshot at state.lastSeq(); older snapshots may be pruned.
    virtual core::Status saveSnapshot(const core::State& state) = 0;
    // The newest snapshot, if any.
    virtual core::Result<std::optional<core::State>> loadLatestSnapshot() const = 0;
    // The newest snapshot taken at or before `seq`, if any (for replay and seeking).
    virtual core::Result<std::optional<core::State>> loadSnapshotAtOrBefore(
        std::uint64_t seq) const = 0;

    // Last seq whose event time is <= timeMs (0 if none), for time-based seeking.
    virtual core::Result<std::uint64_t> lastSeqAtOrBefore(core::TimeMs timeMs) const = 0;
};

struct SqliteOptions {
    // FULL: every commit is synced (durable across power loss). NORMAL in WAL mode survives a
    // process crash but not a power cut; only for benchmarks and tests that say so.
    bool fullSync = true;
    // Keep at most this many snapshots.
    int keepSnapshots = 3;
};

// Opens (creating if needed) a SQLite event store in WAL mode at `file`.
core::Result<std::unique_ptr<EventStore>> openSqliteStore(const std::filesystem::path& file,
                                                          const SqliteOptions& options = {});

// A store in memory, for tests and isolated drill sessions that need no durability.
std::unique_ptr<EventStore> makeMemoryStore();

// Reads the whole state back: newest snapshot plus every event after it.
core::Result<core::State> recoverState(const EventStore& store);

}  // namespace flameblue::store

#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/affected.h"
#include "core/commands.h"
#include "core/decide.h"
#include "core/events.h"
#include "core/state.h"
#include "store/event_store.h"

namespace flameblue::session {

// Sees every event of a session once it is durable. stage() runs on the writer thread while the
// event is applied to the served state, with the state after it; commit() follows once the whole
// batch is applied, outside the state lock. Events that could not be stored never reach it.
class CommitObserver {
public:
    virtual ~CommitObserver() = default;
    virtual void stage(const core::Event& event, const core::State& after,
                       const core::Affected& affected) = 0;
    virtual void commit() = 0;
};

// Data derived from the served state and kept at its version (the recommender's unit index):
// follow() runs on the writer thread under the state's exclusive lock, right after each event is
// applied, so whoever reads it under withState() sees it exactly at the state's version. It must
// be quick: readers wait meanwhile. replaced() follows a wholesale replacement of the state (a
// drill's start or seek).
class StateFollower {
public:
    virtual ~StateFollower() = default;
    virtual void follow(const core::Event& event, const core::State& after,
                        const core::Affected& affected) = 0;
    virtual void replaced(const core::State& state) = 0;
};

struct CommandOutcome {
    std::uint64_t firstSeq = 0;  // 0 when the command wrote nothing
    std::uint64_t lastSeq = 0;
    std::vector<core::Event> events;
    // What the events changed, each computed against the state just before its event (a closed
    // incident's released units are named here although they no longer point at it).
    core::Affected affected;
    bool unchanged = false;  // a position identical to the last one, kept as "still heard"
};
using CommandResult = core::Result<CommandOutcome>;

using Clock = std::function<core::TimeMs()>;
core::TimeMs systemNowMs();

struct SessionOptions {
    std::string id = "live";
    // Commands decided and committed together in one transaction (group commit).
    std::size_t maxBatchCommands = 8192;
    // A snapshot is written after this many events, so that start-up folds only the tail.
    std::uint64_t snapshotEveryEvents = 50'000;
    // An unchanged fix is stored again only after this long (decimation keeps fix age honest).
    core::TimeMs fixHeartbeatMs = 60'000;
    // A batch whose append loses the race for the log's head (another server on the same
    // database appended first) is decided again after catching up, at most this many times.
    int maxAppendAttempts = 64;
    Clock clock = systemNowMs;
};

// One session (live or a drill): the state, its event log and the single writer that validates
// commands, appends their events durably, applies them and tells the observer. Commands from
// many threads are queued and committed in groups, so throughput does not pay one sync per
// command while every acknowledgement still waits for durability.
//
// Write-ahead: the writer decides a batch against its own working copy of the state, appends
// the batch's events to the log, and only once they are durable applies them to the served
// state (a short exclusive lock, no I/O under it) and publishes them. Readers never wait for
// the disk, and a failed append leaves the served state, the sequence, the "last heard" times
// and every subscriber exactly as they were; the working copy is reset from the served state.
//
// Several writers, one log: when the store is shared (several servers on one PostgreSQL
// database), the store linearises the appends and refuses one whose first seq does not continue
// the log's head (ErrorCode::Conflict). The writer then catches up (reads the events the other
// writers stored, applies and publishes them like its own), decides the batch's commands again
// against the state after them and appends again, so that every command is judged against the
// whole log and gets the same answer it would get from a single server. requestCatchUp() lets a
// log listener bring in the other writers' events between commands.
class Session {
public:
    using BatchDone = std::function<void(std::vector<CommandResult>)>;
    // Latest time a unit was heard, including unchanged fixes that were not stored again.
    using LastHeard = std::unordered_map<core::Id, core::TimeMs>;

    Session(SessionOptions options, std::unique_ptr<store::EventStore> store,
            core::Reference reference);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // Rebuilds the state from the store (newest snapshot plus the tail).
    core::Status open();
    void start();
    // Finishes the queued commands, writes a snapshot and stops the writer.
    void stop();

    // Queues commands; `done` is called once, on the writer thread, with one result each.
    void submit(core::CommandContext ctx, std::vector<core::Command> commands, BatchDone done);
    // Blocking conveniences.
    CommandResult execute(core::CommandContext ctx, core::Command command);
    std::vector<CommandResult> executeAll(core::CommandContext ctx,
                                          std::vector<core::Command> commands);
    // Events that need no decision (the roster read from the data files at start-up). They were
    // computed against the state as the caller saw it: when another writer appended first they
    // are refused with ErrorCode::Conflict (the state has caught up; compute them again).
    CommandResult appendTrusted(core::CommandContext ctx, std::vector<core::EventPayload> events);
    // Events recorded elsewhere (a drill replaying history): stored and applied with their own
    // time, operator and origin; only the seq is this session's. Blocks until durable.
    CommandResult appendReplayed(std::vector<core::Event> events);
    // Replaces the whole state (a drill's start or seek): appends `marker` at `markerTime`,
    // stores the new state as a snapshot at its seq and tells the observer, whose subscribers
    // then resynchronise. The state's seq continues this session's log. Blocks until durable.
    CommandResult resetState(core::State world, core::CommandContext ctx,
                             core::DrillStateReset marker);

    // Runs `f(state, lastHeard)` under the state's read lock; no event is applied meanwhile.
    template <typename F>
    decltype(auto) withState(F&& f) const {
        std::shared_lock lock(m_stateMutex);
        return f(m_state, m_lastHeard);
    }

    // Queues a catch-up: the writer reads the events that other writers appended to the store
    // after this session's head, applies them and tells the observer, as for its own. Requests
    // made while one is still queued are merged into it. Any thread.
    void requestCatchUp();
    // Catch-ups that failed (the store could not be read); the next request tries again.
    std::uint64_t failedCatchUps() const { return m_failedCatchUps.load(); }

    void setObserver(CommitObserver* observer);
    // The follower registered under `key`, made by `make(state)` from the served state and
    // registered at once when there is none yet, so that it misses no event. Any thread, but not
    // from inside withState().
    std::shared_ptr<StateFollower> follower(
        const void* key,
        const std::function<std::shared_ptr<StateFollower>(const core::State&)>& make);
    const store::EventStore& store() const { return *m_store; }
    const core::Reference& reference() const { return m_reference; }
    const std::string& id() const { return m_options.id; }
    core::TimeMs now() const { return m_options.clock(); }
    std::uint64_t headSeq() const { return m_headSeq.load(); }
    // Seq of the newest event that was not a position fix: caches of derived data (such as the
    // recommender's unit index) need rebuilding when it moves, less urgently for fixes alone.
    std::uint64_t lastChangeSeq() const { return m_lastChangeSeq.load(); }

private:
    struct Pending {
        core::CommandContext ctx;
        std::vector<core::Command> commands;
        std::vector<core::EventPayload> trusted;
        BatchDone done;
        std::vector<core::Event> replayed;
        std::optional<core::State> resetTo;
        core::DrillStateReset resetMarker;
        bool catchUp = false;  // a requestCatchUp(): nothing to decide
    };

    void run();
    void processBatch(std::deque<Pending>& batch);
    void processReset(Pending& pending);
    CommandResult enqueueAndWait(Pending pending);
    // A "last heard" time to record (or, with no time, to forget) once the batch is durable.
    struct HeardChange {
        core::Id unitId;
        std::optional<core::TimeMs> heard;
    };
    // Events of a batch, decided and applied to the working copy, not yet stored.
    struct Draft {
        std::vector<core::Event> events;
        std::vector<core::Affected> affected;  // one per event, against the state before it
        std::vector<HeardChange> heard;
    };

    // Decides (or stages) every pending of the batch that is not settled yet against the
    // working copy, into `results` and `draft`.
    void decideBatch(std::deque<Pending>& batch, const std::vector<bool>& settled,
                     std::vector<std::vector<CommandResult>>& results, Draft& draft);
    core::Result<std::vector<core::EventPayload>> decideOne(const core::CommandContext& ctx,
                                                            const core::Command& command,
                                                            bool& unchanged, Draft& draft);
    void draftEvent(core::Event event, CommandOutcome& outcome, Draft& draft);
    void stageReplayed(std::vector<core::Event> events, CommandOutcome& outcome, Draft& draft);
    void stageEvents(const core::CommandContext& ctx, std::vector<core::EventPayload> payloads,
                     CommandOutcome& outcome, Draft& draft);
    // Applies a durable draft to the served state and tells the observer.
    void publish(Draft& draft);
    // Reads the store's events after the working copy's head (appended by other writers),
    // applies and publishes them. The working copy must equal the served state.
    core::Status catchUp();
    void maybeSnapshot();

    SessionOptions m_options;
    std::unique_ptr<store::EventStore> m_store;
    core::Reference m_reference;

    // The served state: changed only by the writer, under the exclusive lock, after durability.
    mutable std::shared_mutex m_stateMutex;
    core::State m_state;
    LastHeard m_lastHeard;
    // The writer's working copy: equal to m_state between batches; only the writer touches it.
    core::State m_work;
    std::atomic<std::uint64_t> m_headSeq{0};
    std::atomic<std::uint64_t> m_lastChangeSeq{0};
    std::uint64_t m_lastSnapshotSeq = 0;

    std::mutex m_queueMutex;
    std::condition_variable m_queueCv;
    std::deque<Pending> m_queue;
    bool m_stopping = false;
    bool m_catchUpQueued = false;  // guarded by m_queueMutex
    std::thread m_writer;
    std::atomic<std::uint64_t> m_failedCatchUps{0};

    std::atomic<CommitObserver*> m_observer{nullptr};
    // Taken under the state lock (shared to add, exclusive to follow): never the other way.
    std::mutex m_followersMutex;
    std::vector<std::pair<const void*, std::shared_ptr<StateFollower>>> m_followers;
};

}  // namespace flameblue::session

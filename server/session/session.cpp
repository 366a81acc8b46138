#include "session/session.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <limits>

namespace flameblue::session {

using core::Command;
using core::CommandContext;
using core::Event;
using core::EventPayload;

core::TimeMs systemNowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {
// A store that could not be reached (or lost a race for the log's head) says so; anything else
// is an internal failure of the log.
core::ErrorCode storeFailureCode(const core::Error& e) {
    return e.code == core::ErrorCode::Unavailable || e.code == core::ErrorCode::Conflict
               ? e.code
               : core::ErrorCode::Internal;
}

// Events read per step of a catch-up: each step is applied and published before the next read.
constexpr std::size_t kCatchUpChunk = 4096;

bool sameReading(const core::PositionFix& a, const core::PositionFix& b) {
    return a.position == b.position && a.headingDeg == b.headingDeg && a.speedKmh == b.speedKmh &&
           a.altitudeM == b.altitudeM;
}
}  // namespace

Session::Session(SessionOptions options, std::unique_ptr<store::EventStore> store,
                 core::Reference reference)
    : m_options(std::move(options)), m_store(std::move(store)), m_reference(std::move(reference)) {
    if (!m_options.clock) {
        m_options.clock = systemNowMs;
    }
}

Session::~Session() {
    stop();
}

core::Status Session::open() {
    auto recovered = store::recoverState(*m_store);
    if (!recovered) {
        return recovered.error();
    }
    std::unique_lock lock(m_stateMutex);
    m_state = std::move(recovered).value();
    {
        std::lock_guard followers(m_followersMutex);
        for (const auto& [key, follower] : m_followers) {
            follower->replaced(m_state);
        }
    }
    m_work = m_state;
    m_headSeq = m_state.lastSeq();
    m_lastChangeSeq = m_state.lastSeq();
    m_lastSnapshotSeq = m_state.lastSeq();
    return core::Ok{};
}

void Session::start() {
    std::lock_guard lock(m_queueMutex);
    if (m_writer.joinable()) {
        return;
    }
    m_stopping = false;
    m_writer = std::thread([this] { run(); });
}

void Session::stop() {
    {
        std::lock_guard lock(m_queueMutex);
        if (!m_writer.joinable()) {
            return;
        }
        m_stopping = true;
    }
    m_queueCv.notify_all();
    m_writer.join();
    std::shared_lock lock(m_stateMutex);
    if (m_state.lastSeq() > m_lastSnapshotSeq) {
        if (m_store->saveSnapshot(m_state)) {
            m_lastSnapshotSeq = m_state.lastSeq();
        }
    }
}

std::shared_ptr<StateFollower> Session::follower(
    const void* key,
    const std::function<std::shared_ptr<StateFollower>(const core::State&)>& make) {
    std::shared_lock lock(m_stateMutex);
    std::lock_guard followers(m_followersMutex);
    for (const auto& [k, f] : m_followers) {
        if (k == key) {
            return f;
        }
    }
    auto made = make(m_state);
    m_followers.emplace_back(key, made);
    return made;
}

void Session::setObserver(CommitObserver* observer) {
    m_observer = observer;
}

void Session::requestCatchUp() {
    {
        std::lock_guard lock(m_queueMutex);
        if (m_stopping || !m_writer.joinable() || m_catchUpQueued) {
            return;
        }
        Pending p;
        p.catchUp = true;
        m_queue.push_back(std::move(p));
        m_catchUpQueued = true;
    }
    m_queueCv.notify_one();
}

void Session::submit(CommandContext ctx, std::vector<Command> commands, BatchDone done) {
    {
        std::lock_guard lock(m_queueMutex);
        if (m_stopping || !m_writer.joinable()) {
            std::vector<CommandResult> results(
                commands.size(),
                CommandResult(core::Error{core::ErrorCode::FailedPrecondition,
                                          "session " + m_options.id + " is not running"}));
            done(std::move(results));
            return;
        }
        Pending p;
        p.ctx = std::move(ctx);
        p.commands = std::move(commands);
        p.done = std::move(done);
        m_queue.push_back(std::move(p));
    }
    m_queueCv.notify_one();
}

std::vector<CommandResult> Session::executeAll(CommandContext ctx, std::vector<Command> commands) {
    std::promise<std::vector<CommandResult>> promise;
    auto future = promise.get_future();
    submit(std::move(ctx), std::move(commands),
           [&promise](std::vector<CommandResult> r) { promise.set_value(std::move(r)); });
    return future.get();
}

CommandResult Session::execute(CommandContext ctx, Command command) {
    std::vector<Command> one;
    one.push_back(std::move(command));
    return std::move(executeAll(std::move(ctx), std::move(one)).front());
}

CommandResult Session::appendTrusted(CommandContext ctx, std::vector<EventPayload> events) {
    Pending p;
    p.ctx = std::move(ctx);
    p.trusted = std::move(events);
    return enqueueAndWait(std::move(p));
}

CommandResult Session::appendReplayed(std::vector<Event> events) {
    Pending p;
    p.replayed = std::move(events);
    return enqueueAndWait(std::move(p));
}

CommandResult Session::resetState(core::State world, CommandContext ctx,
                                  core::DrillStateReset marker) {
    Pending p;
    p.ctx = std::move(ctx);
    p.resetTo = std::move(world);
    p.resetMarker = std::move(marker);
    return enqueueAndWait(std::move(p));
}

CommandResult Session::enqueueAndWait(Pending pending) {
    std::promise<std::vector<CommandResult>> promise;
    auto future = promise.get_future();
    pending.done = [&promise](std::vector<CommandResult> r) { promise.set_value(std::move(r)); };
    {
        std::lock_guard lock(m_queueMutex);
        if (m_stopping || !m_writer.joinable()) {
            return core::Error{core::ErrorCode::FailedPrecondition, "session is not running"};
        }
        m_queue.push_back(std::move(pending));
    }
    m_queueCv.notify_one();
    return std::move(future.get().front());
}

void Session::run() {
    for (;;) {
        std::deque<Pending> batch;
        {
            std::unique_lock lock(m_queueMutex);
            m_queueCv.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
            if (m_queue.empty()) {
                return;  // stopping, and everything queued is done
            }
            std::size_t commands = 0;
            // A state reset goes alone: nothing queued after it may be decided before it.
            const bool reset = m_queue.front().resetTo.has_value();
            while (!m_queue.empty() && commands < m_options.maxBatchCommands &&
                   (batch.empty() || (!reset && !m_queue.front().resetTo))) {
                commands += std::max<std::size_t>(1, m_queue.front().commands.size());
                if (m_queue.front().catchUp) {
                    m_catchUpQueued = false;
                }
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        if (batch.front().resetTo) {
            processReset(batch.front());
            continue;
        }
        processBatch(batch);
        maybeSnapshot();
    }
}

core::Result<std::vector<EventPayload>> Session::decideOne(const CommandContext& ctx,
                                                           const Command& command, bool& unchanged,
                                                           Draft& draft) {
    unchanged = false;
    auto decided = core::decide(m_work, m_reference, ctx, command);
    if (!decided) {
        return decided;
    }
    if (const auto* report = std::get_if<core::ReportPosition>(&command)) {
        const auto& fix = std::get<core::PositionReported>(decided->front()).fix;
        const core::Unit* unit = m_work.unit(report->unitId);
        if (unit->lastFix) {
            const core::PositionFix& last = *unit->lastFix;
            if (fix.fixTime < last.fixTime) {
                return core::failedPrecondition("fix for unit \"" + report->unitId +
                                                "\" is older than the one already stored");
            }
            if (sameReading(fix, last) && fix.fixTime - last.fixTime < m_options.fixHeartbeatMs) {
                draft.heard.push_back(HeardChange{report->unitId, fix.fixTime});
                unchanged = true;
                return std::vector<EventPayload>{};
            }
        }
        draft.heard.push_back(HeardChange{report->unitId, std::nullopt});
    }
    return decided;
}

void Session::draftEvent(Event event, CommandOutcome& outcome, Draft& draft) {
    core::Affected affected = core::affectedBy(m_work, event.payload);
    m_work.apply(event);
    auto append = [](std::vector<core::Id>& to, const std::vector<core::Id>& from) {
        for (const core::Id& id : from) {
            if (std::find(to.begin(), to.end(), id) == to.end())
                to.push_back(id);
        }
    };
    append(outcome.affected.incidents, affected.incidents);
    append(outcome.affected.units, affected.units);
    append(outcome.affected.stations, affected.stations);
    append(outcome.affected.waterSources, affected.waterSources);
    outcome.affected.removed.insert(outcome.affected.removed.end(), affected.removed.begin(),
                                    affected.removed.end());
    if (outcome.firstSeq == 0) {
        outcome.firstSeq = event.seq;
    }
    outcome.lastSeq = event.seq;
    draft.affected.push_back(std::move(affected));
    draft.events.push_back(std::move(event));
}

void Session::stageEvents(const CommandContext& ctx, std::vector<EventPayload> payloads,
                          CommandOutcome& outcome, Draft& draft) {
    for (EventPayload& payload : payloads) {
        Event event;
        event.seq = m_work.lastSeq() + 1;
        event.time = ctx.now;
        event.operatorId = ctx.operatorId;
        event.origin = ctx.origin;
        event.payload = std::move(payload);
        outcome.events.push_back(event);
        draftEvent(std::move(event), outcome, draft);
    }
}

void Session::stageReplayed(std::vector<Event> events, CommandOutcome& outcome, Draft& draft) {
    for (Event& event : events) {
        event.seq = m_work.lastSeq() + 1;
        event.time = std::max(event.time, m_work.lastEventTime());
        draftEvent(std::move(event), outcome, draft);
    }
}

void Session::publish(Draft& draft) {
    CommitObserver* observer = m_observer.load();
    {
        std::unique_lock lock(m_stateMutex);
        std::lock_guard followers(m_followersMutex);
        for (std::size_t i = 0; i < draft.events.size(); ++i) {
            const Event& event = draft.events[i];
            m_state.apply(event);
            if (!core::isPositionFix(event.payload)) {
                m_lastChangeSeq = event.seq;
            }
            for (const auto& [key, follower] : m_followers) {
                follower->follow(event, m_state, draft.affected[i]);
            }
            if (observer) {
                observer->stage(event, m_state, draft.affected[i]);
            }
        }
        for (const HeardChange& change : draft.heard) {
            if (!change.heard) {
                m_lastHeard.erase(change.unitId);
                continue;
            }
            core::TimeMs& heard = m_lastHeard[change.unitId];
            heard = std::max(heard, *change.heard);
        }
        m_headSeq = m_state.lastSeq();
    }
    // Published outside the state lock so that subscribers may read the state while woken. Only
    // this thread publishes, so batches still go out in sequence order.
    if (observer && !draft.events.empty()) {
        observer->commit();
    }
}

void Session::processReset(Pending& p) {
    CommitObserver* observer = m_observer.load();
    CommandResult result = CommandOutcome{};
    core::State world = std::move(*p.resetTo);
    Event marker;
    marker.seq = m_work.lastSeq() + 1;
    marker.time = p.resetMarker.drillTime;
    marker.operatorId = p.ctx.operatorId;
    marker.origin = p.ctx.origin;
    marker.payload = p.resetMarker;
    world.apply(marker);
    core::Status stored = m_store->append(std::span<const Event>(&marker, 1));
    if (!stored) {
        result = core::Error{storeFailureCode(stored.error()),
                             "event log write failed: " + stored.error().message};
    } else if (core::Status saved = m_store->saveSnapshot(world); !saved) {
        // The marker is durable but the new world is not: a restart folds the marker over the
        // old state as a no-op, so the served state does the same and the reset is refused.
        CommandOutcome ignored;
        Draft draft;
        draftEvent(marker, ignored, draft);
        publish(draft);
        result = core::Error{storeFailureCode(saved.error()),
                             "snapshot write failed: " + saved.error().message};
    } else {
        m_work = world;
        {
            std::unique_lock lock(m_stateMutex);
            m_state = std::move(world);
            m_lastHeard.clear();
            m_headSeq = m_state.lastSeq();
            m_lastChangeSeq = m_state.lastSeq();
            std::lock_guard followers(m_followersMutex);
            for (const auto& [key, follower] : m_followers) {
                follower->replaced(m_state);
            }
            if (observer) {
                observer->stage(marker, m_state, core::Affected{});
            }
        }
        m_lastSnapshotSeq = m_work.lastSeq();
        if (observer) {
            observer->commit();
        }
        CommandOutcome outcome;
        outcome.firstSeq = outcome.lastSeq = marker.seq;
        outcome.events.push_back(marker);
        result = std::move(outcome);
    }
    if (p.done) {
        std::vector<CommandResult> one;
        one.push_back(std::move(result));
        p.done(std::move(one));
    }
}

void Session::decideBatch(std::deque<Pending>& batch, const std::vector<bool>& settled,
                          std::vector<std::vector<CommandResult>>& results, Draft& draft) {
    // Event times never go backwards, even when the wall clock steps back, so that seeking by
    // time in the log stays well defined.
    const core::TimeMs now = std::max(m_options.clock(), m_work.lastEventTime());
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (settled[i]) {
            continue;
        }
        Pending& p = batch[i];
        p.ctx.now = now;
        results[i].clear();
        // Replayed and trusted events are copied: a lost race decides the batch again.
        if (!p.replayed.empty()) {
            CommandOutcome outcome;
            stageReplayed(p.replayed, outcome, draft);
            results[i].emplace_back(std::move(outcome));
            continue;
        }
        if (p.commands.empty()) {
            CommandOutcome outcome;
            stageEvents(p.ctx, p.trusted, outcome, draft);
            results[i].emplace_back(std::move(outcome));
            continue;
        }
        results[i].reserve(p.commands.size());
        for (const Command& command : p.commands) {
            bool unchanged = false;
            auto decided = decideOne(p.ctx, command, unchanged, draft);
            if (!decided) {
                results[i].emplace_back(decided.error());
                continue;
            }
            CommandOutcome outcome;
            outcome.unchanged = unchanged;
            stageEvents(p.ctx, std::move(decided).value(), outcome, draft);
            results[i].emplace_back(std::move(outcome));
        }
    }
}

void Session::processBatch(std::deque<Pending>& batch) {
    std::vector<std::vector<CommandResult>> results(batch.size());
    std::vector<bool> settled(batch.size(), false);
    bool caughtUp = false;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (!batch[i].catchUp) {
            continue;
        }
        settled[i] = true;
        if (!caughtUp) {
            caughtUp = true;
            if (!catchUp()) {
                ++m_failedCatchUps;
            }
        }
    }
    Draft draft;
    core::Status stored = core::Ok{};
    for (int attempt = 1;; ++attempt) {
        draft = Draft{};
        decideBatch(batch, settled, results, draft);
        // The append, with its sync, holds no lock that a reader takes.
        stored = draft.events.empty() ? core::Status(core::Ok{}) : m_store->append(draft.events);
        if (stored) {
            publish(draft);
            break;
        }
        // Nothing of the batch is durable: the served state never saw it and the working copy
        // goes back to it.
        m_work = m_state;
        if (stored.error().code != core::ErrorCode::Conflict) {
            break;
        }
        if (attempt >= m_options.maxAppendAttempts) {
            stored = core::Error{core::ErrorCode::Conflict,
                                 "the log is busy: " + std::to_string(attempt) +
                                     " appends in a row found other servers' events first (" +
                                     stored.error().message + ")"};
            break;
        }
        // Another writer (a server on the same database) appended first: read what it stored,
        // then decide every command again against the state after it, so that each gets the
        // answer it would get from a single server (a unit dispatched meanwhile is refused).
        if (core::Status read = catchUp(); !read) {
            stored = read;
            break;
        }
        // Trusted events were computed by the caller against the state before the other
        // writer's events: refused, the caller computes them again.
        for (std::size_t i = 0; i < batch.size(); ++i) {
            Pending& p = batch[i];
            if (!settled[i] && p.commands.empty() && p.replayed.empty()) {
                settled[i] = true;
                results[i].assign(1, CommandResult(core::conflict(
                                         "another server appended to the log first; nothing "
                                         "was written, compute the events again")));
            }
        }
    }
    if (!stored) {
        // Every command of the batch still pending is refused.
        const core::Error error{storeFailureCode(stored.error()),
                                "event log write failed: " + stored.error().message};
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (settled[i]) {
                continue;
            }
            for (auto& one : results[i]) {
                if (one)
                    one = CommandResult(error);
            }
        }
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (batch[i].done) {
            batch[i].done(std::move(results[i]));
        }
    }
}

core::Status Session::catchUp() {
    for (;;) {
        Draft draft;
        std::optional<core::Error> broken;
        core::Status read = m_store->scan(
            m_work.lastSeq(), std::numeric_limits<std::uint64_t>::max(), [&](const Event& event) {
                if (event.seq != m_work.lastSeq() + 1) {
                    broken =
                        core::Error{core::ErrorCode::Internal,
                                    "catching up with the log: seq " + std::to_string(event.seq) +
                                        " follows seq " + std::to_string(m_work.lastSeq())};
                    return false;
                }
                draft.affected.push_back(core::affectedBy(m_work, event.payload));
                m_work.apply(event);
                if (core::isPositionFix(event.payload)) {
                    // Heard at another server: the stored fix says when.
                    draft.heard.push_back(
                        HeardChange{core::subjectOf(event.payload), std::nullopt});
                }
                draft.events.push_back(event);
                return draft.events.size() < kCatchUpChunk;
            });
        const bool full = draft.events.size() >= kCatchUpChunk;
        // What was read is durable: served and published even when the read stopped early.
        if (!draft.events.empty()) {
            publish(draft);
        }
        if (!read) {
            return read;
        }
        if (broken) {
            return *broken;
        }
        if (!full) {
            return core::Ok{};
        }
    }
}

void Session::maybeSnapshot() {
    if (m_work.lastSeq() - m_lastSnapshotSeq < m_options.snapshotEveryEvents) {
        return;
    }
    // The working copy equals the served state between batches and only this thread uses it.
    if (m_store->saveSnapshot(m_work)) {
        m_lastSnapshotSeq = m_work.lastSeq();
    }
}

}  // namespace flameblue::session

#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "api/mapping.h"
#include "core/state.h"
#include "session/fanout.h"
#include "session/session.h"
#include "store/event_store.h"

namespace flameblue::api {

// One message of a subscription stream plus what filters need to know about it.
struct LiveItem {
    // Snapshot parts, heartbeats: the message. Events leave it empty and carry `event` instead.
    pb::SubscribeResponse message;
    // An event's pb::Event, serialised once when it is published: every subscriber sends these
    // same bytes, alone or in a batch, without building or encoding the message again.
    std::string event;
    bool isEvent() const { return !event.empty(); }
    std::uint64_t seq = 0;  // event seq; 0 for snapshot parts and heartbeats
    // The cities the item concerns (an incident's, and the home cities of the units on it);
    // empty: province-wide (aircraft, alerts, catalogue changes).
    std::vector<std::string> cities;
    bool position = false;
    // Non-empty: the session's state was replaced (a drill seek); the subscriber is sent a
    // fresh snapshot with this reason instead of this item.
    std::string resync;
    // Non-empty: the session has ended (a drill's EndDrill); the stream finishes with NOT_FOUND
    // and this message instead of waiting for events that will never come.
    std::string ended;
};
using LiveFanOut = session::FanOut<LiveItem>;
using LiveItemPtr = std::shared_ptr<const LiveItem>;

// Turns a session's committed events into stream messages, once for all subscribers.
class LivePublisher : public session::CommitObserver {
public:
    LivePublisher(LiveFanOut& fanout, core::TimeMs staleAfterMs, session::Clock clock);

    void stage(const core::Event& event, const core::State& after,
               const core::Affected& affected) override;
    void commit() override;

private:
    LiveFanOut& m_fanout;
    core::TimeMs m_staleAfterMs;
    session::Clock m_clock;
    std::vector<LiveFanOut::Published> m_staged;
};

// A subscriber's city filter: empty lets everything through; otherwise an item passes when it is
// province-wide or concerns one of the cities. Snapshots and events are filtered alike.
class CityFilter {
public:
    CityFilter() = default;
    explicit CityFilter(std::set<std::string> cities) : m_cities(std::move(cities)) {}
    bool empty() const { return m_cities.empty(); }
    bool accepts(const std::vector<std::string>& cities) const;

private:
    std::set<std::string> m_cities;
};

// The cities a unit concerns: its station's and, while committed, its incident's; none for an
// aircraft (aircraft cross city borders; every console sees them).
std::vector<std::string> citiesOfUnit(const core::State& state, const core::Unit& unit);
// The cities an incident concerns: its own and those of the units working on it.
std::vector<std::string> citiesOfIncident(const core::State& state, const core::Incident& incident);

// Builds the event message for `event` applied to `after` (shared by live and catch-up paths).
LiveItemPtr makeEventItem(const core::Event& event, const core::State& after,
                          const core::Affected& affected, const FixContext& fix);

// A snapshot of the state as stream messages: begin, chunks of at most `chunkEntities`, end.
// Only the entities `filter` accepts are in it, and the counts in its beginning are theirs.
std::vector<LiveItemPtr> makeSnapshot(const core::State& state,
                                      const session::Session::LastHeard& lastHeard,
                                      const std::string& sessionId, const FixContext& fix,
                                      const std::string& reason, std::size_t chunkEntities = 500,
                                      const CityFilter& filter = {});

// Rebuilds the events after `afterSeq` up to `upToSeq` from the log, each with its entities as
// they were right after it. Returns an error when they are no longer all stored.
core::Result<std::vector<LiveItemPtr>> catchUp(const store::EventStore& store,
                                               std::uint64_t afterSeq, std::uint64_t upToSeq,
                                               const FixContext& fix);

}  // namespace flameblue::api

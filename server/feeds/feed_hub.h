#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/worker_thread.h"
#include "feeds/aircraft_tracker.h"
#include "feeds/feed_counters.h"
#include "feeds/plausibility.h"

namespace flameblue::feeds {

struct FeedHubOptions {
    // Merged positions are handed on at most this often; in between, a newer position of an
    // aircraft replaces the waiting one, so a flood costs memory per aircraft, not per message.
    double deliverSeconds = 0.05;
    // A position equal to one of an aircraft's recent positions is the same report heard by
    // another receiver (or repeated by one), not a new fix.
    core::TimeMs duplicateWindowMs = 10'000;
    // Aircraft held at once. A new address beyond this takes the place of the other aircraft
    // (not the fleet's) heard longest ago; fleet aircraft are never refused nor pushed out.
    std::size_t maxAircraft = 20'000;
    // Aircraft not heard for this long are forgotten.
    core::TimeMs forgetAfterMs = core::TimeMs{10} * 60 * 1000;
    // Positions that imply an impossible speed are held back (no limits: nothing is).
    PlausibilityOptions plausibility;
};

// A fleet aircraft as the hub needs to know it.
struct FleetAircraft {
    double maxGroundKmh = 0.0;  // the fastest plausible ground speed of its type; 0: not checked
    // Where the session last had it: what the first fix the hub hears is judged against.
    std::optional<TimedPosition> lastFix;
};

struct FeedHubCounters {
    std::atomic<std::uint64_t> received{0};     // positions offered by all feeds
    std::atomic<std::uint64_t> accepted{0};     // new positions
    std::atomic<std::uint64_t> duplicates{0};   // the same position from another receiver
    std::atomic<std::uint64_t> older{0};        // not newer than the position already held
    std::atomic<std::uint64_t> refused{0};      // no room, and no other traffic to push out
    std::atomic<std::uint64_t> evicted{0};      // other traffic pushed out by a new address
    std::atomic<std::uint64_t> implausible{0};  // held back: an impossible move for the type
    std::atomic<std::uint64_t> conflated{0};    // replaced while waiting to be handed on
    std::atomic<std::uint64_t> delivered{0};
    std::atomic<std::uint64_t> transponder{0};  // a new squawk or callsign without a new position
    std::atomic<std::uint64_t> kinematics{0};   // a new altitude, speed or track without one
};

// The one merge point of all aircraft feeds: every SBS client, aircraft.json poller and replay
// hands its batches here. Per ICAO address it keeps the newest position (never going back in
// time), drops the same report heard by several receivers, holds back positions the aircraft
// cannot have reached, fills fields one feed lacks from another (a callsign, a squawk) and hands
// the merged states on from its own thread at a bounded rate, so neither a fast feed nor several
// feeds can flood what comes after it.
class FeedHub {
public:
    using Clock = std::function<core::TimeMs()>;
    using Sink = std::function<void(const std::vector<AircraftTrack>&)>;

    FeedHub(FeedHubOptions options, Clock clock, FeedLog log = {});
    ~FeedHub();
    FeedHub(const FeedHub&) = delete;
    FeedHub& operator=(const FeedHub&) = delete;

    // Sinks are called in order on the hub's thread; add them before start().
    void addSink(Sink sink);
    void start();
    // Hands on what is waiting, then stops.
    void stop();

    // The fleet by ICAO address (replaces what was set before); from any thread.
    void setFleet(std::unordered_map<std::uint32_t, FleetAircraft> fleet);

    // From any feed's thread; never blocks on the sinks. A track whose position is not new (none,
    // repeated or older) is still handed on when it brings a new squawk or callsign, or a newer
    // altitude, speed or track, with the position already held: an emergency code must not wait
    // for the aircraft to move, nor a climb for the next position.
    void submit(std::vector<AircraftTrack> tracks);
    // Hands on what is waiting now, on the caller's thread (tests, and stop()).
    void deliverNow();

    const FeedHubCounters& counters() const { return m_counters; }
    std::size_t aircraftCount() const;
    // The latest position held back, for ListFeeds.
    const LastProblem& lastImplausible() const { return m_problems.last(); }

private:
    static constexpr std::size_t kRecent = 8;
    struct Held {
        AircraftTrack track;
        std::array<AircraftTrack, kRecent> recent;  // recent accepted positions, ring buffer
        std::size_t recentCount = 0;
        std::size_t recentNext = 0;
        core::TimeMs transponderSeen = 0;          // when the squawk and callsign held were heard
        std::list<std::uint32_t>::iterator order;  // place in m_order
        // Held-back fixes that agree with each other: a new track in the making.
        std::optional<AircraftTrack> candidate;
        std::size_t candidateFixes = 0;
    };

    // The held entry for `t`, made room for when new; null when there is no room.
    Held* admit(const AircraftTrack& t, bool& created);
    void forget(std::unordered_map<std::uint32_t, Held>::iterator it);
    bool isDuplicate(const Held& held, const AircraftTrack& t) const;
    // False (counted, logged) for a position the aircraft cannot have reached.
    bool plausible(Held& held, const AircraftTrack& t, core::TimeMs now);
    void merge(Held& held, const AircraftTrack& t) const;
    // Takes a newer squawk or callsign without a new position; true when one changed.
    static bool takeTransponder(Held& held, const AircraftTrack& t);
    // Takes a newer altitude, speed or track without a new position; true when one changed.
    static bool takeKinematics(Held& held, const AircraftTrack& t);
    void queue(const Held& held);
    void run();

    FeedHubOptions m_options;
    Clock m_clock;
    std::vector<Sink> m_sinks;
    FeedHubCounters m_counters;
    ProblemLog m_problems;

    mutable std::mutex m_mutex;
    std::condition_variable m_cv;
    std::unordered_map<std::uint32_t, Held> m_aircraft;
    std::list<std::uint32_t> m_order;  // held aircraft, the one heard longest ago first
    std::unordered_map<std::uint32_t, FleetAircraft> m_fleet;
    std::unordered_map<std::uint32_t, AircraftTrack> m_pending;
    core::TimeMs m_lastExpiry = 0;
    bool m_stopping = false;
    core::WorkerThread m_worker{m_mutex, m_cv, m_stopping};  // after what it refers to
    std::mutex m_deliverMutex;                               // one delivery at a time, in order
};

}  // namespace flameblue::feeds

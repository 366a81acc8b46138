#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/decide.h"
#include "core/result.h"
#include "replay/hand_over_filter.h"
#include "replay/timeline.h"
#include "session/session.h"

namespace flameblue::replay {

struct DrillInfo {
    std::string id;  // "drill-3"
    std::string name;
    std::string source;  // "live" or the scenario's id
    std::string createdBy;
    core::TimeMs createdAtMs = 0;
};

struct HandOverInfo {
    core::Id incidentId;
    core::TimeMs sinceMs = 0;  // drill time
    std::string by;
};

struct Playback {
    bool playing = false;
    double speed = 1.0;
    core::TimeMs drillTimeMs = 0;
    core::TimeMs startMs = 0;
    core::TimeMs endMs = 0;
    bool atEnd = false;
    std::string controller;  // instructor holding the control lease; empty when free
    std::vector<HandOverInfo> handOvers;
    std::uint64_t timelineSeq = 0;  // last history event delivered
};

// One drill: an isolated session fed by the replay of a Timeline at a chosen speed, with the
// drill clock equal to historical time. Playback controls need the control lease: one instructor
// at a time; another is refused until the holder releases it or stays silent for kLeaseMs.
//
// A seek rebuilds the world at the target time from history alone (snapshot plus fold) and
// replaces the session's state (a DrillStateReset event plus a snapshot in the drill log), so
// every console resynchronises. Hand-overs end at a seek; the trainees' decisions stay in the
// drill log (and in the after-action report) but leave the state. Incidents the trainees create
// are numbered like any other; when history later creates one under the same id, history's is
// replayed as "<id>-H".
class Drill {
public:
    static constexpr double kMinSpeed = 0.25;
    static constexpr double kMaxSpeed = 60.0;
    static constexpr core::TimeMs kLeaseMs = 120'000;

    Drill(DrillInfo info, std::unique_ptr<Timeline> timeline,
          std::unique_ptr<store::EventStore> sessionStore, core::Reference reference,
          session::Clock wallClock);
    ~Drill();
    Drill(const Drill&) = delete;
    Drill& operator=(const Drill&) = delete;

    // Opens the session at the state of the range's start, paused.
    core::Status start();
    void stop();

    const DrillInfo& info() const { return m_info; }
    const Timeline& timeline() const { return *m_timeline; }
    session::Session& session() { return *m_session; }
    core::TimeMs drillNow() const { return m_clockMs.load(); }

    core::Status play(const std::string& by);
    core::Status pause(const std::string& by);
    core::Status setSpeed(const std::string& by, double speed);
    // Pauses and advances by `ms` of drill time, or to the next history event when ms <= 0.
    core::Status step(const std::string& by, core::TimeMs ms);
    core::Status seek(const std::string& by, core::TimeMs t);
    core::Status handOver(const std::string& by, const core::Id& incidentId);
    core::Status releaseControl(const std::string& by);
    // Checks (and renews) the lease without changing anything.
    core::Status holdControl(const std::string& by);

    // Advances the drill clock by wallMs × speed while playing and delivers what fell due.
    core::Status advance(core::TimeMs wallMs);
    Playback playback() const;

private:
    core::Status acquireLocked(const std::string& by);
    core::Status deliverUpToLocked(core::TimeMs t);
    core::Status deliverChunkLocked(std::vector<core::Event>& chunk);
    // Keeps history's incidents apart from ones the trainees created under the same id.
    void renameLocked(core::Event& e, const core::State& served);

    DrillInfo m_info;
    std::unique_ptr<Timeline> m_timeline;
    std::unique_ptr<session::Session> m_session;
    session::Clock m_wallClock;
    std::atomic<core::TimeMs> m_clockMs{0};

    mutable std::mutex m_mutex;
    bool m_playing = false;
    double m_speed = 1.0;
    double m_carryMs = 0;        // fractions of a drill millisecond at low speed
    std::uint64_t m_cursor = 1;  // timeline seq delivered up to
    std::string m_controller;
    core::TimeMs m_leaseUntil = 0;
    HandOverFilter m_filter;
    std::vector<HandOverInfo> m_handOvers;
    std::map<core::Id, core::Id> m_renamed;  // history's incident id -> its id in the drill
};

}  // namespace flameblue::replay

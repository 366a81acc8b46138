#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "feeds/aircraft_tracker.h"
#include "session/session.h"

namespace flameblue::app {

// The transponder report for a fleet aircraft whose squawk or flight id in the feed differs
// from what the state knows; nothing when they agree (the feed repeats them in every message).
std::optional<core::Command> transponderChange(const core::State& state, const core::Id& unitId,
                                               const feeds::AircraftTrack& t);

// Binds feed aircraft to the fleet by ICAO address and reports fleet positions, squawks and flight
// ids through the session's command path (validated and logged like any AVL report). An altitude,
// speed or heading heard without a new position is reported as a fix at the position and time
// already reported: the position is not new, and its age stays what it is. Aircraft that are not
// in the fleet are context traffic: counted here, never confused with a fleet aircraft.
class FeedBridge {
public:
    FeedBridge(session::Session& session, std::string origin);

    // Called from a feed's reader thread.
    void onPositions(std::vector<feeds::AircraftTrack> tracks);

    std::uint64_t fleetFixes() const { return m_fleetFixes.load(); }
    // New altitude, speed or heading at a position already reported.
    std::uint64_t fleetUpdates() const { return m_fleetUpdates.load(); }
    std::uint64_t contextFixes() const { return m_contextFixes.load(); }

private:
    session::Session& m_session;
    std::string m_origin;
    std::atomic<std::uint64_t> m_fleetFixes{0};
    std::atomic<std::uint64_t> m_fleetUpdates{0};
    std::atomic<std::uint64_t> m_contextFixes{0};
};

}  // namespace flameblue::app

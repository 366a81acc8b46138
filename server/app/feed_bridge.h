#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "feeds/aircraft_tracker.h"
#include "session/session.h"

namespace flameblue::app {

// Binds feed aircraft to the fleet by ICAO address and reports fleet positions through the
// session's command path (validated and logged like any AVL report). Aircraft that are not in
// the fleet are context traffic: counted here, never confused with a fleet aircraft.
class FeedBridge {
public:
    FeedBridge(session::Session& session, std::string origin);

    // Called from a feed's reader thread.
    void onPositions(std::vector<feeds::AircraftTrack> tracks);

    std::uint64_t fleetFixes() const { return m_fleetFixes.load(); }
    std::uint64_t contextFixes() const { return m_contextFixes.load(); }

private:
    session::Session& m_session;
    std::string m_origin;
    std::atomic<std::uint64_t> m_fleetFixes{0};
    std::atomic<std::uint64_t> m_contextFixes{0};
};

}  // namespace flameblue::app

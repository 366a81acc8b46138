#pragma once

#include <string_view>
#include <vector>

#include "feeds/aircraft_tracker.h"
#include "feeds/feed_counters.h"
#include "feeds/line_splitter.h"

namespace flameblue::feeds {

// Turns SBS-1 bytes (from a socket or a recording) into merged aircraft states: splits lines,
// parses them, counts and reports bad ones at a limited rate, and collects the aircraft that got
// a new position, altitude, speed, track, squawk or callsign since the last take. Not thread-safe:
// one per feed reader.
class SbsDecoder {
public:
    SbsDecoder(FeedCounters& counters, ProblemLog& problems);

    // Every complete line in `bytes`, received at `now`.
    void feed(std::string_view bytes, core::TimeMs now);
    // One line (no line splitting), received at `now`.
    void line(std::string_view line, core::TimeMs now);
    // The stream ended (disconnect, end of file): a half line is dropped and counted.
    void endOfStream();

    // The aircraft with something new (see above) since the last call, each once, newest
    // state (an aircraft heard only by squawk has no position).
    std::vector<AircraftTrack> takeMoved();
    bool hasMoved() const { return !m_moved.empty(); }
    // Forgets aircraft not heard for `maxAgeMs`.
    void expire(core::TimeMs now, core::TimeMs maxAgeMs) { m_tracker.expire(now, maxAgeMs); }
    const AircraftTracker& tracker() const { return m_tracker; }

private:
    FeedCounters& m_counters;
    ProblemLog& m_problems;
    AircraftTracker m_tracker;
    LineSplitter m_splitter{kMaxSbsLineBytes};
    std::vector<std::uint32_t> m_moved;
    core::TimeMs m_now = 0;
};

}  // namespace flameblue::feeds

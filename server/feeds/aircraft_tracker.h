#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/entities.h"
#include "feeds/sbs_message.h"

namespace flameblue::feeds {

// What is known about one aircraft from a feed, merged across message types.
struct AircraftTrack {
    std::uint32_t icao = 0;
    std::string callsign;
    std::optional<core::LatLon> position;
    core::TimeMs positionTime = 0;
    std::optional<double> altitudeFt;  // barometric
    std::optional<double> groundSpeedKt;
    std::optional<double> trackDeg;
    std::optional<double> verticalRateFpm;
    std::optional<int> squawk;
    bool onGround = false;
    bool emergency = false;
    bool rotorcraft = false;  // emitter category A7, when the feed says so
    core::TimeMs lastSeen = 0;
    // When the altitude and the velocity (ground speed, track, vertical rate) held were heard:
    // they change without a new position (SBS types 4 and 5), and a receiver that lags behind
    // must not put back an older value.
    core::TimeMs altitudeTime = 0;
    core::TimeMs velocityTime = 0;
    // Recorded seconds per second: above 1 for a replay played faster than it was recorded, so
    // that the speed a move implies is judged on the recorded clock.
    double pace = 1.0;
};

// What a message or a snapshot changed for one aircraft.
struct TrackUpdate {
    bool position = false;    // a new position fix
    bool kinematics = false;  // altitude, ground speed or track changed without one
};

// Altitude, ground speed and track as a position fix carries them; the vertical rate is not in a
// fix and does not count.
bool sameKinematics(const AircraftTrack& a, const AircraftTrack& b);

// Merges feed messages per ICAO address. Callsign comes from type 1, position from 2/3,
// velocity from 4, altitude from 5/7 (and 2/3), squawk from 6; one aircraft's state builds up
// over several lines. Not thread-safe: one per feed reader.
class AircraftTracker {
public:
    // Applies a message heard at `now`: a new position, and/or an altitude, speed or track that
    // differs from the one held.
    TrackUpdate apply(const SbsMessage& m, core::TimeMs now);
    // Replaces the state from a snapshot source such as aircraft.json: a newer position, and/or
    // newer altitude, speed or track values that differ from the ones held.
    TrackUpdate apply(const AircraftTrack& t);

    const AircraftTrack* find(std::uint32_t icao) const;
    // Forgets aircraft not heard for `maxAgeMs`.
    void expire(core::TimeMs now, core::TimeMs maxAgeMs);
    std::size_t size() const { return m_tracks.size(); }
    std::vector<const AircraftTrack*> all() const;

private:
    std::unordered_map<std::uint32_t, AircraftTrack> m_tracks;
};

// A fix for the event log: metres and km/h from feet and knots.
core::PositionFix toFix(const AircraftTrack& t);

}  // namespace flameblue::feeds

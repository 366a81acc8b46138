#include "feeds/aircraft_tracker.h"

namespace flameblue::feeds {

namespace {
constexpr double kMetersPerFoot = 0.3048;
constexpr double kKmhPerKnot = 1.852;
}  // namespace

bool AircraftTracker::apply(const SbsMessage& m, core::TimeMs now) {
    AircraftTrack& t = m_tracks[m.icao];
    t.icao = m.icao;
    t.lastSeen = now;
    if (m.callsign)
        t.callsign = *m.callsign;
    if (m.altitudeFt)
        t.altitudeFt = m.altitudeFt;
    if (m.groundSpeedKt)
        t.groundSpeedKt = m.groundSpeedKt;
    if (m.trackDeg)
        t.trackDeg = m.trackDeg;
    if (m.verticalRateFpm)
        t.verticalRateFpm = m.verticalRateFpm;
    if (m.squawk)
        t.squawk = m.squawk;
    if (m.onGround)
        t.onGround = *m.onGround;
    if (m.emergency)
        t.emergency = *m.emergency;
    if (m.latDeg && m.lonDeg) {
        t.position = core::LatLon{*m.latDeg, *m.lonDeg};
        t.positionTime = now;
        return true;
    }
    return false;
}

bool AircraftTracker::apply(const AircraftTrack& incoming) {
    AircraftTrack& t = m_tracks[incoming.icao];
    const bool moved = incoming.position && (!t.position || incoming.positionTime > t.positionTime);
    const core::TimeMs keepTime = t.positionTime;
    const auto keepPosition = t.position;
    t = incoming;
    if (!moved) {
        t.position = keepPosition;
        t.positionTime = keepTime;
    }
    return moved;
}

const AircraftTrack* AircraftTracker::find(std::uint32_t icao) const {
    auto it = m_tracks.find(icao);
    return it == m_tracks.end() ? nullptr : &it->second;
}

void AircraftTracker::expire(core::TimeMs now, core::TimeMs maxAgeMs) {
    std::erase_if(m_tracks, [&](const auto& kv) { return now - kv.second.lastSeen > maxAgeMs; });
}

std::vector<const AircraftTrack*> AircraftTracker::all() const {
    std::vector<const AircraftTrack*> out;
    out.reserve(m_tracks.size());
    for (const auto& [icao, t] : m_tracks)
        out.push_back(&t);
    return out;
}

core::PositionFix toFix(const AircraftTrack& t) {
    core::PositionFix fix;
    if (t.position)
        fix.position = *t.position;
    fix.fixTime = t.positionTime;
    if (t.trackDeg)
        fix.headingDeg = *t.trackDeg >= 360.0 ? 0.0 : *t.trackDeg;
    if (t.groundSpeedKt)
        fix.speedKmh = *t.groundSpeedKt * kKmhPerKnot;
    if (t.altitudeFt)
        fix.altitudeM = *t.altitudeFt * kMetersPerFoot;
    return fix;
}

}  // namespace flameblue::feeds

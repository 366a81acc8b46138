#include "feeds/aircraft_tracker.h"

namespace flameblue::feeds {

namespace {
constexpr double kMetersPerFoot = 0.3048;
constexpr double kKmhPerKnot = 1.852;
}  // namespace

bool sameKinematics(const AircraftTrack& a, const AircraftTrack& b) {
    return a.altitudeFt == b.altitudeFt && a.groundSpeedKt == b.groundSpeedKt &&
           a.trackDeg == b.trackDeg;
}

TrackUpdate AircraftTracker::apply(const SbsMessage& m, core::TimeMs now) {
    TrackUpdate update;
    AircraftTrack& t = m_tracks[m.icao];
    const bool known = t.lastSeen != 0;
    t.icao = m.icao;
    t.lastSeen = now;
    if (m.callsign)
        t.callsign = *m.callsign;
    if (m.altitudeFt) {
        update.kinematics = update.kinematics || t.altitudeFt != m.altitudeFt;
        t.altitudeFt = m.altitudeFt;
        t.altitudeTime = now;
    }
    if (m.groundSpeedKt || m.trackDeg || m.verticalRateFpm)
        t.velocityTime = now;
    if (m.groundSpeedKt) {
        update.kinematics = update.kinematics || t.groundSpeedKt != m.groundSpeedKt;
        t.groundSpeedKt = m.groundSpeedKt;
    }
    if (m.trackDeg) {
        update.kinematics = update.kinematics || t.trackDeg != m.trackDeg;
        t.trackDeg = m.trackDeg;
    }
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
        update.position = true;
    }
    // Before any position there is nothing to attach a new altitude or speed to.
    update.kinematics = update.kinematics && known && t.position && !update.position;
    return update;
}

TrackUpdate AircraftTracker::apply(const AircraftTrack& incoming) {
    TrackUpdate update;
    AircraftTrack& t = m_tracks[incoming.icao];
    const AircraftTrack before = t;
    update.position = incoming.position && (!t.position || incoming.positionTime > t.positionTime);
    t = incoming;
    if (!update.position) {
        t.position = before.position;
        t.positionTime = before.positionTime;
        update.kinematics = t.position && before.lastSeen != 0 &&
                            incoming.lastSeen > before.lastSeen &&
                            !sameKinematics(incoming, before);
    }
    return update;
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

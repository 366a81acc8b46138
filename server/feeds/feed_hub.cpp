#include "feeds/feed_hub.h"

#include <algorithm>
#include <chrono>

namespace flameblue::feeds {

namespace {
bool samePosition(const AircraftTrack& a, const AircraftTrack& b) {
    return a.position && b.position && a.position->latDeg == b.position->latDeg &&
           a.position->lonDeg == b.position->lonDeg && a.altitudeFt == b.altitudeFt;
}
}  // namespace

FeedHub::FeedHub(FeedHubOptions options, Clock clock, FeedLog log)
    : m_options(options), m_clock(std::move(clock)), m_problems("aircraft feeds", std::move(log)) {}

FeedHub::~FeedHub() {
    stop();
}

void FeedHub::addSink(Sink sink) {
    m_sinks.push_back(std::move(sink));
}

void FeedHub::start() {
    m_worker.start([this] { run(); });
}

void FeedHub::stop() {
    if (!m_worker.stop())
        return;
    deliverNow();
}

void FeedHub::setFleet(std::unordered_map<std::uint32_t, FleetAircraft> fleet) {
    std::lock_guard lock(m_mutex);
    m_fleet = std::move(fleet);
}

std::size_t FeedHub::aircraftCount() const {
    std::lock_guard lock(m_mutex);
    return m_aircraft.size();
}

FeedHub::Held* FeedHub::admit(const AircraftTrack& t, bool& created) {
    created = false;
    if (auto it = m_aircraft.find(t.icao); it != m_aircraft.end()) {
        m_order.splice(m_order.end(), m_order, it->second.order);
        return &it->second;
    }
    if (m_aircraft.size() >= m_options.maxAircraft) {
        // Room is made by the other traffic heard longest ago; the fleet is never pushed out,
        // and a fleet aircraft is taken even when only the fleet is left.
        auto victim = std::find_if(m_order.begin(), m_order.end(),
                                   [this](std::uint32_t icao) { return !m_fleet.contains(icao); });
        if (victim != m_order.end()) {
            forget(m_aircraft.find(*victim));
            ++m_counters.evicted;
        } else if (!m_fleet.contains(t.icao)) {
            ++m_counters.refused;
            return nullptr;
        }
    }
    created = true;
    Held& held = m_aircraft[t.icao];
    held.order = m_order.insert(m_order.end(), t.icao);
    return &held;
}

void FeedHub::forget(std::unordered_map<std::uint32_t, Held>::iterator it) {
    m_order.erase(it->second.order);
    m_aircraft.erase(it);
}

bool FeedHub::isDuplicate(const Held& held, const AircraftTrack& t) const {
    for (std::size_t i = 0; i < held.recentCount; ++i) {
        const AircraftTrack& r = held.recent[i];
        if (samePosition(r, t) && t.positionTime - r.positionTime <= m_options.duplicateWindowMs)
            return true;
    }
    return false;
}

bool FeedHub::plausible(Held& held, const AircraftTrack& t, core::TimeMs now) {
    const auto fleet = m_fleet.find(t.icao);
    const double limitKmh = fleet != m_fleet.end() ? fleet->second.maxGroundKmh
                                                   : m_options.plausibility.otherMaxGroundKmh;
    std::optional<TimedPosition> reference;
    if (held.track.position)
        reference = TimedPosition{*held.track.position, held.track.positionTime};
    else if (fleet != m_fleet.end())
        reference = fleet->second.lastFix;
    if (limitKmh <= 0.0 || !reference)
        return true;
    const double noiseM = m_options.plausibility.positionNoiseM;
    const TimedPosition next{*t.position, t.positionTime};
    const MoveCheck check = checkMove(*reference, next, limitKmh, noiseM, t.pace);
    if (check.plausible) {
        held.candidate.reset();
        held.candidateFixes = 0;
        return true;
    }
    // Fixes that keep agreeing with each other, far from the last one, mean the last one was
    // wrong (or the aircraft was not heard on its way): after enough of them the track moves.
    const bool continues =
        held.candidate && checkMove({*held.candidate->position, held.candidate->positionTime}, next,
                                    limitKmh, noiseM, t.pace)
                              .plausible;
    held.candidateFixes = continues ? held.candidateFixes + 1 : 1;
    held.candidate = t;
    const std::size_t confirm = m_options.plausibility.confirmFixes;
    if (confirm > 0 && held.candidateFixes >= confirm) {
        held.candidate.reset();
        held.candidateFixes = 0;
        m_problems.note("aircraft " + icaoHex(t.icao) + ": " + std::to_string(confirm) +
                        " agreeing fixes away from the last one; following them from here");
        return true;
    }
    ++m_counters.implausible;
    m_problems.report(now, "aircraft " + icaoHex(t.icao) + ": ",
                      describeImplausible(*t.position, check, limitKmh) + ", held back");
    return false;
}

void FeedHub::merge(Held& held, const AircraftTrack& t) const {
    AircraftTrack& m = held.track;
    const AircraftTrack before = m;
    m = t;
    // What this feed did not hear, another may have: keep it rather than forget it.
    if (m.callsign.empty())
        m.callsign = before.callsign;
    // A receiver that heard the new position may hold an older altitude or speed than another.
    if (!m.altitudeFt || (before.altitudeFt && t.altitudeTime < before.altitudeTime)) {
        m.altitudeFt = before.altitudeFt;
        m.altitudeTime = before.altitudeTime;
    }
    if (before.velocityTime > t.velocityTime) {
        m.groundSpeedKt = before.groundSpeedKt;
        m.trackDeg = before.trackDeg;
        m.verticalRateFpm = before.verticalRateFpm;
        m.velocityTime = before.velocityTime;
    }
    if (!m.groundSpeedKt)
        m.groundSpeedKt = before.groundSpeedKt;
    if (!m.trackDeg)
        m.trackDeg = before.trackDeg;
    if (!m.verticalRateFpm)
        m.verticalRateFpm = before.verticalRateFpm;
    if (!m.squawk)
        m.squawk = before.squawk;
    m.rotorcraft = t.rotorcraft || before.rotorcraft;
    m.lastSeen = std::max(t.lastSeen, before.lastSeen);
}

bool FeedHub::takeTransponder(Held& held, const AircraftTrack& t) {
    // A receiver that lags behind must not put back a code the aircraft no longer shows.
    if (t.lastSeen < held.transponderSeen)
        return false;
    AircraftTrack& m = held.track;
    const bool squawk = t.squawk && t.squawk != m.squawk;
    const bool callsign = !t.callsign.empty() && t.callsign != m.callsign;
    if (!squawk && !callsign)
        return false;
    if (squawk)
        m.squawk = t.squawk;
    if (callsign)
        m.callsign = t.callsign;
    if (t.emergency)
        m.emergency = true;
    held.transponderSeen = t.lastSeen;
    return true;
}

bool FeedHub::takeKinematics(Held& held, const AircraftTrack& t) {
    AircraftTrack& m = held.track;
    if (!m.position)
        return false;  // nothing to attach them to yet
    bool changed = false;
    // Times are in milliseconds: a value heard in the same millisecond as the held one arrived
    // after it, so it is the newer.
    if (t.altitudeFt && t.altitudeTime >= m.altitudeTime) {
        changed = t.altitudeFt != m.altitudeFt;
        m.altitudeFt = t.altitudeFt;
        m.altitudeTime = t.altitudeTime;
    }
    if ((t.groundSpeedKt || t.trackDeg) && t.velocityTime >= m.velocityTime) {
        changed = changed || (t.groundSpeedKt && t.groundSpeedKt != m.groundSpeedKt) ||
                  (t.trackDeg && t.trackDeg != m.trackDeg);
        if (t.groundSpeedKt)
            m.groundSpeedKt = t.groundSpeedKt;
        if (t.trackDeg)
            m.trackDeg = t.trackDeg;
        if (t.verticalRateFpm)
            m.verticalRateFpm = t.verticalRateFpm;
        m.velocityTime = t.velocityTime;
    }
    return changed;
}

void FeedHub::queue(const Held& held) {
    auto [p, inserted] = m_pending.insert_or_assign(held.track.icao, held.track);
    if (!inserted)
        ++m_counters.conflated;
}

void FeedHub::submit(std::vector<AircraftTrack> tracks) {
    const core::TimeMs now = m_clock();
    bool wake = false;
    {
        std::lock_guard lock(m_mutex);
        for (AircraftTrack& t : tracks) {
            const bool hasTransponder = t.squawk || !t.callsign.empty();
            if (!t.position && !hasTransponder)
                continue;
            // A receiver whose clock runs ahead must not lock out the others.
            t.positionTime = std::min(t.positionTime, now);
            t.lastSeen = std::min(t.lastSeen, now);
            t.altitudeTime = std::min(t.altitudeTime, now);
            t.velocityTime = std::min(t.velocityTime, now);
            bool created = false;
            Held* held = admit(t, created);
            if (!held)
                continue;
            if (created) {
                held->track.icao = t.icao;
                held->track.lastSeen = t.lastSeen;
            }
            held->track.lastSeen = std::max(held->track.lastSeen, t.lastSeen);
            // The position held, handed on again (with a new altitude, speed or squawk, or by
            // another receiver that heard the same report in the same millisecond).
            const bool repeated = t.position && held->track.position &&
                                  t.positionTime == held->track.positionTime &&
                                  *t.position == *held->track.position;
            bool newPosition = t.position && !repeated;
            if (newPosition)
                ++m_counters.received;
            bool duplicate = false;
            if (newPosition && isDuplicate(*held, t)) {
                ++m_counters.duplicates;
                newPosition = false;
                duplicate = true;
            } else if (newPosition && held->track.position &&
                       t.positionTime <= held->track.positionTime) {
                ++m_counters.older;
                newPosition = false;
            }
            if (newPosition && !plausible(*held, t, now))
                newPosition = false;
            if (!newPosition) {
                bool transponder = false;
                if (created) {
                    // Heard before any position it could be trusted with (a squawk on the
                    // ground): held without one, so a fleet aircraft's code is not lost.
                    held->track = t;
                    held->track.position.reset();
                    held->track.positionTime = 0;
                    held->transponderSeen = t.lastSeen;
                    transponder = hasTransponder;
                } else {
                    transponder = takeTransponder(*held, t);
                }
                // A duplicate's altitude and speed belong to the report it repeats.
                const bool kinematics = !created && !duplicate && takeKinematics(*held, t);
                if (kinematics)
                    ++m_counters.kinematics;
                if (transponder)
                    ++m_counters.transponder;
                if (repeated && !kinematics && !transponder) {
                    // The held report once more (another receiver in the same millisecond).
                    ++m_counters.received;
                    ++m_counters.duplicates;
                }
                if (kinematics || transponder) {
                    queue(*held);
                    wake = wake || m_pending.size() == 1;
                }
                continue;
            }
            merge(*held, t);
            if (hasTransponder)
                held->transponderSeen = std::max(held->transponderSeen, t.lastSeen);
            held->recent[held->recentNext] = held->track;
            held->recentNext = (held->recentNext + 1) % kRecent;
            held->recentCount = std::min(held->recentCount + 1, kRecent);
            ++m_counters.accepted;
            queue(*held);
            wake = wake || m_pending.size() == 1;
        }
        if (now - m_lastExpiry > 10'000) {
            m_lastExpiry = now;
            for (auto it = m_aircraft.begin(); it != m_aircraft.end();) {
                auto next = std::next(it);
                if (now - it->second.track.lastSeen > m_options.forgetAfterMs)
                    forget(it);
                it = next;
            }
        }
    }
    if (wake)
        m_cv.notify_one();
}

void FeedHub::deliverNow() {
    std::lock_guard deliver(m_deliverMutex);
    std::vector<AircraftTrack> batch;
    {
        std::lock_guard lock(m_mutex);
        batch.reserve(m_pending.size());
        for (auto& [icao, t] : m_pending)
            batch.push_back(std::move(t));
        m_pending.clear();
    }
    if (batch.empty())
        return;
    std::sort(batch.begin(), batch.end(),
              [](const AircraftTrack& a, const AircraftTrack& b) { return a.icao < b.icao; });
    m_counters.delivered += batch.size();
    for (const Sink& sink : m_sinks)
        sink(batch);
}

void FeedHub::run() {
    const auto pause = std::chrono::duration<double>(m_options.deliverSeconds);
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_stopping || !m_pending.empty(); });
            if (m_stopping)
                return;
        }
        deliverNow();
        // Whatever arrives meanwhile waits (conflated) for the next round.
        std::unique_lock lock(m_mutex);
        if (m_cv.wait_for(lock, pause, [this] { return m_stopping; }))
            return;
    }
}

}  // namespace flameblue::feeds

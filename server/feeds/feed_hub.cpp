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

FeedHub::FeedHub(FeedHubOptions options, Clock clock)
    : m_options(options), m_clock(std::move(clock)) {}

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

std::size_t FeedHub::aircraftCount() const {
    std::lock_guard lock(m_mutex);
    return m_aircraft.size();
}

bool FeedHub::isDuplicate(const Held& held, const AircraftTrack& t) const {
    for (std::size_t i = 0; i < held.recentCount; ++i) {
        const AircraftTrack& r = held.recent[i];
        if (samePosition(r, t) && t.positionTime - r.positionTime <= m_options.duplicateWindowMs)
            return true;
    }
    return false;
}

void FeedHub::merge(Held& held, const AircraftTrack& t) const {
    AircraftTrack& m = held.track;
    const AircraftTrack before = m;
    m = t;
    // What this feed did not hear, another may have: keep it rather than forget it.
    if (m.callsign.empty())
        m.callsign = before.callsign;
    if (!m.altitudeFt)
        m.altitudeFt = before.altitudeFt;
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
            if (t.position)
                ++m_counters.received;
            // A receiver whose clock runs ahead must not lock out the others.
            t.positionTime = std::min(t.positionTime, now);
            t.lastSeen = std::min(t.lastSeen, now);
            auto it = m_aircraft.find(t.icao);
            bool newPosition = t.position.has_value();
            if (it == m_aircraft.end()) {
                if (m_aircraft.size() >= m_options.maxAircraft) {
                    ++m_counters.refused;
                    continue;
                }
                it = m_aircraft.emplace(t.icao, Held{}).first;
                if (!newPosition) {
                    // Heard before any position (a squawk on the ground): held and handed on
                    // without one, so a fleet aircraft's code is not lost.
                    it->second.track = t;
                    it->second.transponderSeen = t.lastSeen;
                    ++m_counters.transponder;
                    queue(it->second);
                    wake = wake || m_pending.size() == 1;
                    continue;
                }
            } else {
                Held& held = it->second;
                held.track.lastSeen = std::max(held.track.lastSeen, t.lastSeen);
                if (newPosition && isDuplicate(held, t)) {
                    ++m_counters.duplicates;
                    newPosition = false;
                } else if (newPosition && held.track.position &&
                           t.positionTime <= held.track.positionTime) {
                    ++m_counters.older;
                    newPosition = false;
                }
                if (!newPosition) {
                    if (takeTransponder(held, t)) {
                        ++m_counters.transponder;
                        queue(held);
                        wake = wake || m_pending.size() == 1;
                    }
                    continue;
                }
            }
            Held& held = it->second;
            merge(held, t);
            if (hasTransponder)
                held.transponderSeen = std::max(held.transponderSeen, t.lastSeen);
            held.recent[held.recentNext] = held.track;
            held.recentNext = (held.recentNext + 1) % kRecent;
            held.recentCount = std::min(held.recentCount + 1, kRecent);
            ++m_counters.accepted;
            queue(held);
            wake = wake || m_pending.size() == 1;
        }
        if (now - m_lastExpiry > 10'000) {
            m_lastExpiry = now;
            std::erase_if(m_aircraft, [&](const auto& kv) {
                return now - kv.second.track.lastSeen > m_options.forgetAfterMs;
            });
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

#include "feeds/sbs_decoder.h"

#include <algorithm>

namespace flameblue::feeds {

SbsDecoder::SbsDecoder(FeedCounters& counters, ProblemLog& problems)
    : m_counters(counters), m_problems(problems) {}

void SbsDecoder::feed(std::string_view bytes, core::TimeMs now) {
    m_now = now;
    const std::size_t overlongBefore = m_splitter.overlongLines();
    m_splitter.feed(bytes, [this](std::string_view l) { line(l, m_now); });
    if (const std::size_t n = m_splitter.overlongLines() - overlongBefore; n > 0) {
        m_counters.overlong += n;
        m_problems.report(now, "line longer than 512 bytes");
    }
}

void SbsDecoder::line(std::string_view text, core::TimeMs now) {
    ++m_counters.lines;
    SbsMessage m;
    std::string_view error;
    const SbsParse parsed = parseSbsLine(text, m, error);
    // A new squawk or callsign is news even without a new position (an aircraft on the ground
    // or hovering, whose position repeats, squawking 7700), and so is a new altitude, speed or
    // track (types 4 and 5 between positions).
    bool news = false;
    if (parsed == SbsParse::Message) {
        const AircraftTrack* known = m_tracker.find(m.icao);
        news = (m.squawk && (!known || known->squawk != m.squawk)) ||
               (m.callsign && !m.callsign->empty() && (!known || known->callsign != *m.callsign));
    }
    switch (parsed) {
        case SbsParse::Message:
            ++m_counters.messages;
            if (const TrackUpdate u = m_tracker.apply(m, now); u.position || u.kinematics || news)
                m_moved.push_back(m.icao);
            break;
        case SbsParse::Ignored:
            ++m_counters.ignored;
            break;
        case SbsParse::Malformed:
            ++m_counters.malformed;
            m_problems.report(now, "malformed line: ", error);
            break;
    }
}

void SbsDecoder::endOfStream() {
    const std::size_t before = m_splitter.truncatedLines();
    m_splitter.reset();
    if (m_splitter.truncatedLines() > before) {
        ++m_counters.truncated;
        m_problems.report(m_now, "the stream ended in the middle of a line");
    }
}

std::vector<AircraftTrack> SbsDecoder::takeMoved() {
    std::sort(m_moved.begin(), m_moved.end());
    m_moved.erase(std::unique(m_moved.begin(), m_moved.end()), m_moved.end());
    std::vector<AircraftTrack> batch;
    batch.reserve(m_moved.size());
    for (std::uint32_t icao : m_moved) {
        if (const AircraftTrack* t = m_tracker.find(icao))
            batch.push_back(*t);
    }
    m_moved.clear();
    return batch;
}

}  // namespace flameblue::feeds

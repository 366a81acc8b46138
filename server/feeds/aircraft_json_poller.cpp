#include "feeds/aircraft_json_poller.h"

#include <algorithm>
#include <fstream>
#include <random>

namespace flameblue::feeds {

namespace {
// Aircraft not in the document for this long are forgotten (they are out of range or landed).
constexpr core::TimeMs kForgetAfterMs = core::TimeMs{10} * 60 * 1000;

bool isUrl(const std::string& source) {
    return source.find("://") != std::string::npos;
}
}  // namespace

AircraftJsonPoller::AircraftJsonPoller(AircraftJsonPollerOptions options, Clock clock,
                                       OnPositions onPositions, FeedLog onLog)
    : m_options(std::move(options)),
      m_http(isUrl(m_options.source)),
      m_clock(std::move(clock)),
      m_onPositions(std::move(onPositions)),
      m_problems("aircraft.json " + m_options.source, std::move(onLog)) {
    if (m_http) {
        if (auto url = parseHttpUrl(m_options.source))
            m_url = std::move(url).value();
    }
}

AircraftJsonPoller::~AircraftJsonPoller() {
    stop();
}

core::Status AircraftJsonPoller::validate(const AircraftJsonPollerOptions& options) {
    if (options.source.empty())
        return core::invalidArgument("aircraft.json: no file or URL given");
    if (isUrl(options.source)) {
        auto url = parseHttpUrl(options.source);
        if (!url)
            return url.error();
    }
    if (!(options.intervalSeconds > 0))
        return core::invalidArgument("aircraft.json: the poll interval must be positive");
    return core::Ok{};
}

void AircraftJsonPoller::start() {
    m_worker.start([this] { run(); });
}

void AircraftJsonPoller::stop() {
    m_worker.stop();
}

bool AircraftJsonPoller::sleepFor(double seconds) {
    std::unique_lock lock(m_mutex);
    return !m_cv.wait_for(lock, std::chrono::duration<double>(seconds),
                          [this] { return m_stopping; });
}

core::Result<std::string> AircraftJsonPoller::fetch() const {
    if (m_http) {
        if (m_url.host.empty())
            return core::invalidArgument("not a valid http:// URL");
        HttpGetOptions o;
        o.timeoutSeconds = m_options.timeoutSeconds;
        o.maxBodyBytes = m_options.maxBytes;
        return httpGet(m_url, o);
    }
    std::ifstream in(m_options.source, std::ios::binary);
    if (!in)
        return core::failedPrecondition("cannot open the file");
    std::string text;
    char buffer[64 * 1024];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > m_options.maxBytes)
            return core::invalidArgument("the file is larger than the limit");
    }
    return text;
}

core::Status AircraftJsonPoller::pollOnce() {
    ++m_counters.polls;
    const core::TimeMs now = m_clock();
    auto text = fetch();
    m_lastPollOk = false;
    if (!text) {
        ++m_counters.failures;
        m_problems.report(now, "fetch failed: ", text.error().message);
        return text.error();
    }
    auto doc = parseAircraftJson(*text);
    if (!doc) {
        ++m_counters.failures;
        ++m_counters.malformed;
        m_problems.report(now, "unusable document: ", doc.error().message);
        return doc.error();
    }
    ++m_counters.messages;
    m_lastPollOk = true;
    if (doc->skipped > 0) {
        m_counters.skippedRecords += doc->skipped;
        m_problems.report(now, "skipped record(s): ", doc->firstProblem);
    }
    const core::TimeMs offsetMs = measureClockOffset(doc->documentTime, now);
    std::vector<AircraftTrack> moved;
    for (AircraftTrack& t : doc->aircraft) {
        // A new squawk or flight id counts even when the position has not changed.
        const AircraftTrack* known = m_tracker.find(t.icao);
        const bool news = (t.squawk && (!known || known->squawk != t.squawk)) ||
                          (!t.callsign.empty() && (!known || known->callsign != t.callsign));
        // The tracker compares on the receiver's clock, which is exact between its documents.
        const TrackUpdate u = m_tracker.apply(t);
        if (u.position || u.kinematics || news) {
            if (!u.position) {
                // What is held, with this document's squawk, callsign and kinematics.
                const AircraftTrack* held = m_tracker.find(t.icao);
                t.position = held->position;
                t.positionTime = held->positionTime;
            }
            toServerClock(t, offsetMs, u.position);
            moved.push_back(std::move(t));
        }
    }
    m_tracker.expire(doc->documentTime, kForgetAfterMs);
    std::erase_if(m_lastPositionTime,
                  [this](const auto& kv) { return m_tracker.find(kv.first) == nullptr; });
    if (m_onPositions && !moved.empty())
        m_onPositions(std::move(moved));
    return core::Ok{};
}

core::TimeMs AircraftJsonPoller::measureClockOffset(core::TimeMs documentTime,
                                                    core::TimeMs localNow) {
    // A document that did not change (the receiver stopped writing it) says nothing new about
    // the clocks: taking it would make its old positions look recent.
    if (documentTime > m_lastDocumentTime) {
        m_lastDocumentTime = documentTime;
        m_offsetSamples.emplace_back(localNow, documentTime - localNow);
    }
    const auto windowMs = static_cast<core::TimeMs>(m_options.clockWindowSeconds * 1000.0);
    while (m_offsetSamples.size() > 1 && localNow - m_offsetSamples.front().first > windowMs)
        m_offsetSamples.pop_front();
    // Receiver minus server is largest for the document fetched soonest after it was written.
    core::TimeMs offset = m_offsetSamples.front().second;
    for (const auto& [when, sample] : m_offsetSamples)
        offset = std::max(offset, sample);
    m_clockOffsetMs = offset;
    m_clockOffsetKnown = true;
    return offset;
}

void AircraftJsonPoller::toServerClock(AircraftTrack& t, core::TimeMs offsetMs, bool newPosition) {
    t.lastSeen -= offsetMs;
    t.altitudeTime -= offsetMs;
    t.velocityTime -= offsetMs;
    if (!t.position)
        return;
    t.positionTime -= offsetMs;
    auto [it, first] = m_lastPositionTime.try_emplace(t.icao, t.positionTime);
    if (first)
        return;
    // A position handed on before keeps the time it had; a newer one never lands before it
    // when the measured offset shrinks.
    if (!newPosition)
        t.positionTime = it->second;
    else if (t.positionTime <= it->second)
        t.positionTime = it->second + 1;
    it->second = t.positionTime;
}

std::optional<double> AircraftJsonPoller::receiverClockOffsetSeconds() const {
    if (!m_clockOffsetKnown)
        return std::nullopt;
    return static_cast<double>(m_clockOffsetMs.load()) / 1000.0;
}

void AircraftJsonPoller::run() {
    std::mt19937 jitter(std::random_device{}());
    double backoff = m_options.intervalSeconds;
    bool failing = false;
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                return;
        }
        const bool ok = pollOnce().ok();
        if (ok) {
            if (failing)
                m_problems.note("polling again");
            failing = false;
            backoff = m_options.intervalSeconds;
        } else {
            failing = true;
            backoff = std::min(backoff * 2,
                               std::max(m_options.maxBackoffSeconds, m_options.intervalSeconds));
        }
        const double wait = ok ? m_options.intervalSeconds
                               : backoff * std::uniform_real_distribution<double>(0.8, 1.2)(jitter);
        if (!sleepFor(wait))
            return;
    }
}

}  // namespace flameblue::feeds

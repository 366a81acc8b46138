#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/worker_thread.h"
#include "feeds/aircraft_json.h"
#include "feeds/aircraft_tracker.h"
#include "feeds/feed_counters.h"
#include "feeds/http_get.h"

namespace flameblue::feeds {

struct AircraftJsonPollerOptions {
    // A file path, or an http:// URL such as http://host:8080/data/aircraft.json (readsb, tar1090).
    std::string source;
    double intervalSeconds = 1.0;
    double timeoutSeconds = 5.0;
    double maxBackoffSeconds = 30.0;
    std::size_t maxBytes = kMaxAircraftJsonBytes;
    // How far back the receiver's clock offset is measured (see below).
    double clockWindowSeconds = 60.0;
};

// Polls a readsb / tar1090 aircraft.json document, from a file or over HTTP, at an interval.
// A fetch or a document that fails is counted and logged at a limited rate, and the next poll
// waits longer (doubling up to the maximum back-off) until one succeeds. Aircraft whose position
// is newer than the last poll's, or whose altitude, speed, track, squawk or callsign changed, are
// handed to `onPositions` from the poller's thread.
//
// Ages come from the document itself: `now` minus seen/seen_pos, on the receiver's clock. The
// receiver's clock need not agree with the server's: the offset is measured as the smallest
// difference between the server's clock at a fetch and the document's `now` over the last
// clockWindowSeconds (the document cannot be younger than when it was fetched, so the smallest
// is the closest), and times are moved onto the server's clock by it.
class AircraftJsonPoller {
public:
    using Clock = std::function<core::TimeMs()>;
    using OnPositions = std::function<void(std::vector<AircraftTrack>)>;

    AircraftJsonPoller(AircraftJsonPollerOptions options, Clock clock, OnPositions onPositions,
                       FeedLog onLog);
    ~AircraftJsonPoller();

    // Refuses a malformed URL before any thread starts.
    static core::Status validate(const AircraftJsonPollerOptions& options);

    void start();
    void stop();
    // One fetch and parse, on the caller's thread; returns the error of a failed poll.
    core::Status pollOnce();
    const FeedCounters& counters() const { return m_counters; }
    const LastProblem& lastProblem() const { return m_problems.last(); }
    bool lastPollOk() const { return m_lastPollOk.load(); }
    // The receiver's clock minus the server's, in seconds; nullopt before a document was read.
    std::optional<double> receiverClockOffsetSeconds() const;

private:
    void run();
    core::Result<std::string> fetch() const;
    bool sleepFor(double seconds);  // false when stopping
    // Takes a document's `now` fetched at `localNow`; returns the receiver's clock minus ours.
    core::TimeMs measureClockOffset(core::TimeMs documentTime, core::TimeMs localNow);
    // Moves a track's times onto the server's clock; a fix never goes back in time for an
    // aircraft when the measured offset shrinks.
    void toServerClock(AircraftTrack& t, core::TimeMs offsetMs, bool newPosition);

    AircraftJsonPollerOptions m_options;
    bool m_http = false;
    HttpUrl m_url;
    Clock m_clock;
    OnPositions m_onPositions;
    FeedCounters m_counters;
    ProblemLog m_problems;
    AircraftTracker m_tracker;
    std::atomic<bool> m_lastPollOk{false};
    // Clock offset samples (server time of the fetch, receiver minus server), oldest first.
    std::deque<std::pair<core::TimeMs, core::TimeMs>> m_offsetSamples;
    core::TimeMs m_lastDocumentTime = 0;
    std::atomic<core::TimeMs> m_clockOffsetMs{0};
    std::atomic<bool> m_clockOffsetKnown{false};
    std::unordered_map<std::uint32_t, core::TimeMs> m_lastPositionTime;  // on the server's clock

    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stopping = false;
    core::WorkerThread m_worker{m_mutex, m_cv, m_stopping};  // after what it refers to
};

}  // namespace flameblue::feeds

#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
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
};

// Polls a readsb / tar1090 aircraft.json document, from a file or over HTTP, at an interval.
// A fetch or a document that fails is counted and logged at a limited rate, and the next poll
// waits longer (doubling up to the maximum back-off) until one succeeds. Aircraft whose position
// is newer than the last poll's are handed to `onPositions` from the poller's thread.
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
    bool lastPollOk() const { return m_lastPollOk.load(); }

private:
    void run();
    core::Result<std::string> fetch() const;
    bool sleepFor(double seconds);  // false when stopping

    AircraftJsonPollerOptions m_options;
    bool m_http = false;
    HttpUrl m_url;
    Clock m_clock;
    OnPositions m_onPositions;
    FeedCounters m_counters;
    ProblemLog m_problems;
    AircraftTracker m_tracker;
    std::atomic<bool> m_lastPollOk{false};

    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stopping = false;
    core::WorkerThread m_worker{m_mutex, m_cv, m_stopping};  // after what it refers to
};

}  // namespace flameblue::feeds

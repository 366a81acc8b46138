#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/worker_thread.h"
#include "feeds/aircraft_tracker.h"
#include "feeds/feed_counters.h"
#include "feeds/sbs_decoder.h"

namespace flameblue::feeds {

struct SbsClientOptions {
    std::string host = "127.0.0.1";
    int port = 30003;
    double minBackoffSeconds = 1.0;
    double maxBackoffSeconds = 30.0;
    // Positions are handed on at most this often, as one batch (the newest state per aircraft).
    double flushSeconds = 0.05;
};

// Reads an SBS-1 (BaseStation) feed over TCP, as dump1090 and readsb serve it on port 30003.
// Reconnects with exponential back-off; malformed input is counted and logged at a limited rate,
// never allowed to stall or crash the reader. Every new position is handed to `onPositions`
// (from the reader thread) in batches.
class SbsClient {
public:
    using Clock = std::function<core::TimeMs()>;
    using OnPositions = std::function<void(std::vector<AircraftTrack>)>;
    using OnLog = FeedLog;

    SbsClient(SbsClientOptions options, Clock clock, OnPositions onPositions, OnLog onLog);
    ~SbsClient();

    void start();
    void stop();
    bool connected() const { return m_connected.load(); }
    const FeedCounters& counters() const { return m_counters; }
    const LastProblem& lastProblem() const { return m_problems.last(); }

private:
    void run();
    int connectOnce();  // socket fd, or -1
    void readFrom(int fd);
    void flush(bool force);
    bool sleepFor(double seconds);  // false when stopping

    SbsClientOptions m_options;
    Clock m_clock;
    OnPositions m_onPositions;

    FeedCounters m_counters;
    ProblemLog m_problems;
    SbsDecoder m_decoder{m_counters, m_problems};
    core::TimeMs m_lastFlush = 0;

    std::atomic<bool> m_connected{false};
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stopping = false;
    core::WorkerThread m_worker{m_mutex, m_cv, m_stopping};  // after what it refers to
};

}  // namespace flameblue::feeds

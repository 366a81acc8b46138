#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/worker_thread.h"
#include "cot/cot_endpoint.h"
#include "cot/cot_event.h"

namespace flameblue::cot {

struct CotSenderOptions {
    // Events waiting to be sent; a newer position of a unit replaces its waiting one, and when
    // the queue is full the oldest waiting position is dropped.
    std::size_t queueCapacity = 2'000;
    double minBackoffSeconds = 1.0;
    double maxBackoffSeconds = 30.0;
    double sendTimeoutSeconds = 5.0;  // a TCP peer that stops reading is dropped and redialled
};

struct CotSenderCounters {
    std::atomic<std::uint64_t> queued{0};
    std::atomic<std::uint64_t> sent{0};
    std::atomic<std::uint64_t> conflated{0};  // replaced by a newer position of the same unit
    std::atomic<std::uint64_t> dropped{0};    // queue full: oldest dropped
    std::atomic<std::uint64_t> failures{0};   // send or connect failed
    std::atomic<std::uint64_t> connects{0};
};

// Sends CoT events to one endpoint from its own thread: one UDP datagram per event, or a TCP
// stream of events with reconnection and back-off. post() never blocks on the network.
class CotSender {
public:
    using Log = std::function<void(const std::string&)>;
    using Clock = std::function<std::int64_t()>;  // milliseconds since the epoch

    // Every event is stamped with `clock` (the system clock when none) as it is sent: its time
    // and its _flow-tags_ say when it left, its start when the position was taken.
    CotSender(CotEndpoint endpoint, CotSenderOptions options, Log log, Clock clock = {});
    ~CotSender();
    CotSender(const CotSender&) = delete;
    CotSender& operator=(const CotSender&) = delete;

    void start();
    void stop();
    void post(std::vector<CotEvent> events);
    const CotSenderCounters& counters() const { return m_counters; }
    bool connected() const { return m_connected.load(); }

private:
    void run();
    bool ensureSocket();  // false while the endpoint cannot be reached
    bool peerClosed();    // the TCP receiver has closed its end
    bool sendOne(const std::string& xml);
    void closeSocket();
    void requeue(CotEvent event);   // put back an event that could not be sent
    bool sleepFor(double seconds);  // false when stopping
    void logProblem(const std::string& what);

    CotEndpoint m_endpoint;
    CotSenderOptions m_options;
    Log m_log;
    Clock m_clock;
    CotSenderCounters m_counters;

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::string> m_order;                      // uids, oldest first
    std::unordered_map<std::string, CotEvent> m_waiting;  // by uid
    bool m_stopping = false;
    core::WorkerThread m_worker{m_mutex, m_cv, m_stopping};  // after what it refers to

    int m_fd = -1;
    double m_backoff = 0;
    std::int64_t m_lastLogMs = 0;
    std::uint64_t m_problemsSinceLog = 0;
    std::atomic<bool> m_connected{false};
};

}  // namespace flameblue::cot

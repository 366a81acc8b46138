#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "core/entities.h"

namespace flameblue::feeds {

// What a feed has seen, readable from any thread (for logs and tests).
struct FeedCounters {
    std::atomic<std::uint64_t> lines{0};
    std::atomic<std::uint64_t> messages{0};
    std::atomic<std::uint64_t> ignored{0};
    std::atomic<std::uint64_t> malformed{0};
    std::atomic<std::uint64_t> overlong{0};
    std::atomic<std::uint64_t> truncated{0};
    std::atomic<std::uint64_t> connects{0};
    // Polled sources (aircraft.json): fetches, documents that failed, records skipped.
    std::atomic<std::uint64_t> polls{0};
    std::atomic<std::uint64_t> failures{0};
    std::atomic<std::uint64_t> skippedRecords{0};
};

using FeedLog = std::function<void(const std::string&)>;

// One feed as an operator sees it: what it is, whether it delivers, what it has seen.
struct FeedStatus {
    std::string kind;  // "sbs", "aircraft_json", "sbs_replay", "mqtt"
    std::string source;
    bool up = false;  // connected, last poll succeeded, or replay still playing
    std::uint64_t lines = 0;
    std::uint64_t messages = 0;  // decoded messages (SBS) or documents (aircraft.json)
    std::uint64_t ignored = 0;
    std::uint64_t malformed = 0;
    std::uint64_t overlong = 0;
    std::uint64_t truncated = 0;
    std::uint64_t connects = 0;
    std::uint64_t polls = 0;
    std::uint64_t failures = 0;
    std::uint64_t skippedRecords = 0;
    // The latest problem (a refused connection, an empty document, a malformed line) and when it
    // happened; empty and 0 when there was none.
    std::string lastError;
    core::TimeMs lastErrorTime = 0;
    // aircraft.json: the receiver's clock minus the server's, from the documents' `now`.
    std::optional<double> receiverClockOffsetSeconds;
    // MQTT intake: messages from unknown devices, replayed or out of order, conflated.
    std::uint64_t unknownDevices = 0;
    std::uint64_t replayed = 0;
    std::uint64_t conflated = 0;
};

// The latest problem of a feed, readable from any thread.
class LastProblem {
public:
    void set(core::TimeMs when, std::string what) {
        std::lock_guard lock(m_mutex);
        m_what = std::move(what);
        m_when = when;
    }
    std::pair<std::string, core::TimeMs> get() const {
        std::lock_guard lock(m_mutex);
        return {m_what, m_when};
    }

private:
    mutable std::mutex m_mutex;
    std::string m_what;
    core::TimeMs m_when = 0;
};

// A copy of the counters into a status.
inline FeedStatus statusOf(std::string kind, std::string source, bool up, const FeedCounters& c,
                           const LastProblem& last) {
    FeedStatus s;
    s.kind = std::move(kind);
    s.source = std::move(source);
    s.up = up;
    s.lines = c.lines;
    s.messages = c.messages;
    s.ignored = c.ignored;
    s.malformed = c.malformed;
    s.overlong = c.overlong;
    s.truncated = c.truncated;
    s.connects = c.connects;
    s.polls = c.polls;
    s.failures = c.failures;
    s.skippedRecords = c.skippedRecords;
    std::tie(s.lastError, s.lastErrorTime) = last.get();
    return s;
}

// Reports problems of one feed at a limited rate: the first at once, then at most one line per
// interval saying how many happened since and the latest reason. A flood of bad input costs a
// counter increment, not a log line.
class ProblemLog {
public:
    ProblemLog(std::string feedName, FeedLog log, core::TimeMs intervalMs = 10'000)
        : m_name(std::move(feedName)), m_log(std::move(log)), m_intervalMs(intervalMs) {}

    void report(core::TimeMs now, std::string_view what, std::string_view detail = {}) {
        std::string text(what);
        text.append(detail);
        m_lastProblem.set(now, text);
        ++m_since;
        if (!m_log || (m_logged && now - m_last < m_intervalMs))
            return;
        m_log(m_name + ": " + std::to_string(m_since) + " problem(s), latest: " + text);
        m_logged = true;
        m_last = now;
        m_since = 0;
    }
    // Something worth saying once (connected, recovered); not rate-limited.
    void note(const std::string& what) const {
        if (m_log)
            m_log(m_name + ": " + what);
    }
    const std::string& name() const { return m_name; }
    const LastProblem& last() const { return m_lastProblem; }

private:
    std::string m_name;
    LastProblem m_lastProblem;
    FeedLog m_log;
    core::TimeMs m_intervalMs;
    core::TimeMs m_last = 0;
    bool m_logged = false;
    std::uint64_t m_since = 0;
};

}  // namespace flameblue::feeds

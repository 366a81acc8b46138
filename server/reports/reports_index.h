#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "reports/phase_log.h"
#include "reports/report.h"
#include "session/session.h"
#include "store/event_store.h"

namespace flameblue::reports {

// The live session's phase log, for reports: read from the event log once at start (on its own
// thread, so the server serves meanwhile), then kept current by watching the session. The writer
// never waits for a report: it only queues the events that matter; they are folded in when a
// report is asked for, or on the writer's turn when nobody is computing one.
class ReportsIndex final : public session::CommitObserver {
public:
    explicit ReportsIndex(Thresholds thresholds);
    ~ReportsIndex() override;
    ReportsIndex(const ReportsIndex&) = delete;
    ReportsIndex& operator=(const ReportsIndex&) = delete;

    // Starts reading `store` up to its head on a thread. `units` names units the log's roster
    // events may no longer carry (a compacted log). Call before the session starts writing,
    // with this index already observing it, so that no event falls between the two.
    void load(const store::EventStore& store, const core::State& units);

    void stage(const core::Event& event, const core::State& after,
               const core::Affected& affected) override;
    void commit() override;

    struct Answer {
        Report report;
        std::uint64_t asOfSeq = 0;
    };
    // An error while the log is still being read (Unavailable, saying how far it is) or when
    // reading it failed.
    core::Result<Answer> report(const ReportQuery& query);

    // Events folded in so far (for progress and tests).
    std::uint64_t lastSeq() const { return m_lastSeq.load(); }

private:
    void foldPending();  // with m_logMutex held

    const Thresholds m_thresholds;
    std::mutex m_pendingMutex;
    std::vector<core::Event> m_pending;
    std::mutex m_logMutex;
    PhaseLog m_log;
    std::atomic<bool> m_loaded{false};
    std::atomic<std::uint64_t> m_lastSeq{0};
    std::uint64_t m_loadTarget = 0;
    core::Error m_loadError;  // set, with m_failed, when reading the log failed
    std::atomic<bool> m_failed{false};
    std::thread m_loader;
};

// True for the events a phase log learns from (roster units, incidents, dispatches, statuses).
bool mattersToReports(const core::Event& event);

}  // namespace flameblue::reports

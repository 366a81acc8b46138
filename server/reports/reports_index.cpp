#include "reports/reports_index.h"

#include <variant>

namespace flameblue::reports {

namespace {
constexpr std::size_t kFoldOnWriterAfter = 4096;
}

bool mattersToReports(const core::Event& event) {
    return std::holds_alternative<core::UnitUpserted>(event.payload) ||
           std::holds_alternative<core::IncidentCreated>(event.payload) ||
           std::holds_alternative<core::IncidentUpdated>(event.payload) ||
           std::holds_alternative<core::IncidentStatusChanged>(event.payload) ||
           std::holds_alternative<core::UnitsDispatched>(event.payload) ||
           std::holds_alternative<core::UnitsReleased>(event.payload) ||
           std::holds_alternative<core::UnitStatusChanged>(event.payload);
}

ReportsIndex::ReportsIndex(Thresholds thresholds) : m_thresholds(std::move(thresholds)) {}

ReportsIndex::~ReportsIndex() {
    if (m_loader.joinable()) {
        m_loader.join();
    }
}

void ReportsIndex::load(const store::EventStore& store, const core::State& units) {
    m_loadTarget = store.lastSeq();
    {
        std::lock_guard lock(m_logMutex);
        m_log.seedUnits(units);
    }
    m_loader = std::thread([this, &store] {
        std::lock_guard lock(m_logMutex);
        auto st = store.scan(store.firstSeq() > 0 ? store.firstSeq() - 1 : 0, m_loadTarget,
                             [this](const core::Event& e) {
                                 if (mattersToReports(e)) {
                                     m_log.apply(e);
                                 }
                                 m_lastSeq.store(e.seq);
                                 return true;
                             });
        if (!st) {
            m_loadError = st.error();
            m_failed.store(true);
            std::lock_guard pendingLock(m_pendingMutex);
            m_pending.clear();
            return;
        }
        m_lastSeq.store(m_loadTarget);
        m_loaded.store(true);
        foldPending();
    });
}

void ReportsIndex::stage(const core::Event& event, const core::State& /*after*/,
                         const core::Affected& /*affected*/) {
    if (!mattersToReports(event) || m_failed.load()) {
        return;  // nothing to learn, or nobody will fold it in
    }
    std::lock_guard lock(m_pendingMutex);
    m_pending.push_back(event);
}

void ReportsIndex::commit() {
    {
        std::lock_guard lock(m_pendingMutex);
        if (m_pending.size() < kFoldOnWriterAfter) {
            return;
        }
    }
    // Only when nobody holds the log (a report being computed, the start-up read): the writer
    // never waits here.
    std::unique_lock lock(m_logMutex, std::try_to_lock);
    if (lock.owns_lock() && m_loaded.load()) {
        foldPending();
    }
}

void ReportsIndex::foldPending() {
    std::vector<core::Event> pending;
    {
        std::lock_guard lock(m_pendingMutex);
        pending.swap(m_pending);
    }
    for (const core::Event& e : pending) {
        if (e.seq > m_log.lastSeq()) {
            m_log.apply(e);
        }
    }
    if (!pending.empty()) {
        std::uint64_t last = m_lastSeq.load();
        m_lastSeq.store(std::max(last, pending.back().seq));
    }
}

core::Result<ReportsIndex::Answer> ReportsIndex::report(const ReportQuery& query) {
    if (m_failed.load()) {
        return core::Error{core::ErrorCode::Internal,
                           "reports: reading the event log failed: " + m_loadError.message};
    }
    if (!m_loaded.load()) {
        return core::unavailable("reports: still reading the event log (at seq " +
                                 std::to_string(m_lastSeq.load()) + " of " +
                                 std::to_string(m_loadTarget) + "); try again shortly");
    }
    std::lock_guard lock(m_logMutex);
    foldPending();
    Answer answer;
    answer.report = computeReport(m_log, query, m_thresholds);
    answer.asOfSeq = m_lastSeq.load();
    return answer;
}

}  // namespace flameblue::reports

#include "aviation/alert_monitor.h"

#include <chrono>

namespace flameblue::aviation {

AlertMonitor::AlertMonitor(session::Session& session, const FleetFigures& figures, AlertRules rules,
                           core::TimeMs checkEveryMs)
    : m_session(session), m_figures(figures), m_rules(rules), m_checkEveryMs(checkEveryMs) {}

AlertMonitor::~AlertMonitor() {
    stop();
}

void AlertMonitor::start() {
    m_worker.start([this] { run(); });
}

void AlertMonitor::stop() {
    m_worker.stop();
}

std::size_t AlertMonitor::checkNow() {
    const core::TimeMs now = m_session.now();
    auto commands = m_session.withState([&](const core::State& s, const auto& heard) {
        return evaluateAlerts(s, heard, now, m_rules, m_figures);
    });
    if (commands.empty())
        return 0;
    // A command refused because another path got there first (the state moved meanwhile) is
    // simply re-evaluated on the next check.
    std::size_t written = 0;
    for (const auto& r :
         m_session.executeAll({"system", "aviation monitor", 0}, std::move(commands))) {
        if (r && r->firstSeq != 0)
            ++written;
    }
    return written;
}

void AlertMonitor::run() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_cv.wait_for(lock, std::chrono::milliseconds(m_checkEveryMs));
        if (m_stopping)
            break;
        lock.unlock();
        checkNow();
        lock.lock();
    }
}

}  // namespace flameblue::aviation

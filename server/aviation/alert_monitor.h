#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "aviation/alert_rules.h"
#include "aviation/fleet_figures.h"
#include "core/worker_thread.h"
#include "session/session.h"

namespace flameblue::aviation {

// Checks the fleet on a timer and raises or clears signal-lost and low-endurance alerts through
// the session's command path (validated, logged as "aviation monitor").
class AlertMonitor {
public:
    AlertMonitor(session::Session& session, const FleetFigures& figures, AlertRules rules,
                 core::TimeMs checkEveryMs = 1000);
    ~AlertMonitor();
    AlertMonitor(const AlertMonitor&) = delete;
    AlertMonitor& operator=(const AlertMonitor&) = delete;

    void start();
    void stop();
    // One check at the session's clock; returns the commands that were written (tests).
    std::size_t checkNow();

private:
    void run();

    session::Session& m_session;
    const FleetFigures& m_figures;
    AlertRules m_rules;
    core::TimeMs m_checkEveryMs;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stopping = false;
    core::WorkerThread m_worker{m_mutex, m_cv, m_stopping};  // after what it refers to
};

}  // namespace flameblue::aviation

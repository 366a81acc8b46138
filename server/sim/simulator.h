#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "core/worker_thread.h"
#include "session/session.h"

namespace flameblue::sim {

struct SimulatorOptions {
    // Simulated seconds per wall-clock second.
    double speedFactor = 1.0;
    // Wall-clock seconds between ticks.
    double tickSeconds = 1.0;
    // Turnout before a dispatched ground unit rolls, and launch delay for aircraft (simulated).
    double turnoutSeconds = 60.0;
    double launchSeconds = 300.0;
    // Straight-line speeds, standing in for road travel in the demo.
    double urbanKmh = 40.0;
    double openRoadKmh = 70.0;
    double urbanRadiusMeters = 8000.0;
    // Cruise speed per aircraft type id; types not listed use defaultAircraftKmh.
    std::map<std::string, double> aircraftCruiseKmh;
    double defaultAircraftKmh = 220.0;
    double arrivalMeters = 50.0;
};

// Drives dispatched units to their incident, marks them on scene, and brings released units
// home, reporting positions as AVL would. Everything goes through the session's command path
// (validated, logged with the operator "simulator"), so the live view moves exactly as it
// would with real vehicles.
class Simulator {
public:
    Simulator(session::Session& session, SimulatorOptions options);
    ~Simulator();

    void start();
    void stop();
    // One step of `simSeconds`; public so that tests can drive it without threads.
    void step(double simSeconds);

private:
    void run();
    double speedKmh(const core::Unit& unit, double distanceMeters) const;

    session::Session& m_session;
    SimulatorOptions m_options;
    // Simulated seconds since a unit was dispatched (turnout / launch countdown).
    std::unordered_map<core::Id, double> m_sinceDispatch;

    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stopping = false;
    core::WorkerThread m_worker{m_mutex, m_cv, m_stopping};  // after what it refers to
};

}  // namespace flameblue::sim

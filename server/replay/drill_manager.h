#pragma once

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "replay/after_action.h"
#include "replay/drill.h"
#include "replay/scenario.h"

namespace flameblue::replay {

struct DrillManagerOptions {
    // Each drill keeps its timeline and its own event log in <directory>/<drill id>/.
    std::filesystem::path directory;
    TimelineOptions timeline;
    core::TimeMs tickMs = 100;
    session::Clock wallClock = session::systemNowMs;
    // Drill logs survive a crash of the server but are not synced for power loss: a drill can
    // always be created again from the live log.
    bool fullSync = false;
    // The running world whose roster (stations, units, aircraft, water sources) scenarios are
    // played against.
    std::function<core::State()> currentWorld;
    // What after-action reports model arrivals and recommendations with.
    AfterActionModels afterAction;
};

// Creates, runs and ends drills. One ticker thread advances every playing drill. The live log is
// only read. Ended drills stay in memory (stopped) until the manager goes, so that streams
// still holding one end cleanly.
class DrillManager {
public:
    // Called when a drill's session is ready to serve (before it starts) and when it ends.
    using Hook = std::function<void(Drill&)>;

    DrillManager(DrillManagerOptions options, const store::EventStore& live,
                 core::Reference reference, Hook onOpened, Hook onEnded);
    ~DrillManager();
    DrillManager(const DrillManager&) = delete;
    DrillManager& operator=(const DrillManager&) = delete;

    void start();
    void stop();

    core::Result<std::shared_ptr<Drill>> createFromRange(const std::string& name,
                                                         core::TimeMs fromMs, core::TimeMs toMs,
                                                         const std::string& by);
    // A drill over events made elsewhere (a compiled scenario).
    core::Result<std::shared_ptr<Drill>> createFromEvents(const std::string& name,
                                                          const std::string& source,
                                                          core::State base, core::TimeMs fromMs,
                                                          std::vector<core::Event> events,
                                                          const std::string& by);

    // A drill from a scenario, compiled against the roster of currentWorld().
    core::Result<std::shared_ptr<Drill>> createFromScenario(const Scenario& scenario,
                                                            const std::string& name,
                                                            const std::string& by);

    std::shared_ptr<Drill> find(const std::string& id) const;
    const AfterActionModels& afterActionModels() const { return m_options.afterAction; }
    std::vector<std::shared_ptr<Drill>> list() const;
    core::Status end(const std::string& id);

private:
    using BuildTimeline =
        std::function<core::Result<std::unique_ptr<Timeline>>(std::unique_ptr<store::EventStore>)>;
    core::Result<std::shared_ptr<Drill>> create(const std::string& name, const std::string& source,
                                                const std::string& by, const BuildTimeline& build);
    std::string nextId();
    void run();

    DrillManagerOptions m_options;
    const store::EventStore& m_live;
    core::Reference m_reference;
    Hook m_onOpened;
    Hook m_onEnded;

    mutable std::mutex m_mutex;
    std::map<std::string, std::shared_ptr<Drill>> m_drills;
    std::vector<std::shared_ptr<Drill>> m_ended;
    int m_lastNumber = 0;
    std::mutex m_createMutex;  // one drill built at a time: building reads a whole range

    std::mutex m_tickMutex;
    std::condition_variable m_tickCv;
    bool m_stopping = false;
    std::thread m_ticker;
};

}  // namespace flameblue::replay

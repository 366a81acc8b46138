#include "replay/drill_manager.h"

#include <chrono>
#include <string>

namespace flameblue::replay {

DrillManager::DrillManager(DrillManagerOptions options, const store::EventStore& live,
                           core::Reference reference, Hook onOpened, Hook onEnded)
    : m_options(std::move(options)),
      m_live(live),
      m_reference(std::move(reference)),
      m_onOpened(std::move(onOpened)),
      m_onEnded(std::move(onEnded)) {}

DrillManager::~DrillManager() {
    stop();
    std::lock_guard lock(m_mutex);
    for (auto& [id, drill] : m_drills) {
        drill->stop();
        if (m_onEnded)
            m_onEnded(*drill);
    }
    m_drills.clear();
}

void DrillManager::start() {
    std::lock_guard lock(m_tickMutex);
    if (m_ticker.joinable())
        return;
    m_stopping = false;
    m_ticker = std::thread([this] { run(); });
}

void DrillManager::stop() {
    {
        std::lock_guard lock(m_tickMutex);
        if (!m_ticker.joinable())
            return;
        m_stopping = true;
    }
    m_tickCv.notify_all();
    m_ticker.join();
}

void DrillManager::run() {
    using Clock = std::chrono::steady_clock;
    auto last = Clock::now();
    std::unique_lock lock(m_tickMutex);
    while (!m_stopping) {
        m_tickCv.wait_for(lock, std::chrono::milliseconds(m_options.tickMs));
        if (m_stopping)
            break;
        const auto now = Clock::now();
        const auto wallMs =
            std::chrono::duration_cast<std::chrono::milliseconds>(now - last).count();
        last = now;
        lock.unlock();
        for (const auto& drill : list()) {
            (void)drill->advance(wallMs);  // an error stops nothing else; the next tick retries
        }
        lock.lock();
    }
}

std::string DrillManager::nextId() {
    std::error_code ec;
    for (;;) {
        std::string id = "drill-" + std::to_string(++m_lastNumber);
        if (!std::filesystem::exists(m_options.directory / id, ec)) {
            return id;
        }
    }
}

core::Result<std::shared_ptr<Drill>> DrillManager::createFromRange(const std::string& name,
                                                                   core::TimeMs fromMs,
                                                                   core::TimeMs toMs,
                                                                   const std::string& by) {
    return create(name, "live", by, [&](std::unique_ptr<store::EventStore> target) {
        return Timeline::fromStore(m_live, fromMs, toMs, std::move(target), m_options.timeline);
    });
}

core::Result<std::shared_ptr<Drill>> DrillManager::createFromEvents(
    const std::string& name, const std::string& source, core::State base, core::TimeMs fromMs,
    std::vector<core::Event> events, const std::string& by) {
    return create(name, source, by, [&](std::unique_ptr<store::EventStore> target) {
        return Timeline::fromEvents(std::move(base), fromMs, std::move(events), std::move(target),
                                    m_options.timeline);
    });
}

core::Result<std::shared_ptr<Drill>> DrillManager::create(const std::string& name,
                                                          const std::string& source,
                                                          const std::string& by,
                                                          const BuildTimeline& build) {
    std::lock_guard createLock(m_createMutex);
    std::string id;
    {
        std::lock_guard lock(m_mutex);
        id = nextId();
    }
    const auto dir = m_options.directory / id;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        return core::Error{core::ErrorCode::Internal,
                           "drill " + id + ": cannot create its folder: " + ec.message()};
    }
    auto fail = [&](core::Error e) -> core::Result<std::shared_ptr<Drill>> {
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
        return e;
    };
    store::SqliteOptions sqlite;
    sqlite.fullSync = m_options.fullSync;
    sqlite.keepSnapshots = 1'000'000;  // seeks and resets need every one
    auto timelineStore = store::openSqliteStore(dir / "timeline.db", sqlite);
    if (!timelineStore) {
        return fail(timelineStore.error());
    }
    auto timeline = build(std::move(timelineStore).value());
    if (!timeline) {
        return fail(timeline.error());
    }
    auto sessionStore = store::openSqliteStore(dir / "session.db", sqlite);
    if (!sessionStore) {
        return fail(sessionStore.error());
    }
    DrillInfo info;
    info.id = id;
    info.name = name.empty() ? id : name;
    info.source = source;
    info.createdBy = by;
    info.createdAtMs = m_options.wallClock();
    auto drill =
        std::make_shared<Drill>(std::move(info), std::move(timeline).value(),
                                std::move(sessionStore).value(), m_reference, m_options.wallClock);
    if (m_onOpened)
        m_onOpened(*drill);
    if (auto st = drill->start(); !st) {
        drill->stop();
        if (m_onEnded)
            m_onEnded(*drill);
        std::lock_guard lock(m_mutex);
        m_ended.push_back(drill);
        return fail(st.error());
    }
    std::lock_guard lock(m_mutex);
    m_drills[id] = drill;
    return drill;
}

core::Result<std::shared_ptr<Drill>> DrillManager::createFromScenario(const Scenario& scenario,
                                                                      const std::string& name,
                                                                      const std::string& by) {
    if (!m_options.currentWorld) {
        return core::failedPrecondition("scenario: this server has no roster to play it against");
    }
    auto compiled = compileScenario(scenario, m_options.currentWorld(), m_reference);
    if (!compiled) {
        return compiled.error();
    }
    return createFromEvents(name.empty() ? scenario.titleZh : name, scenario.id,
                            std::move(compiled->base), scenario.startMs,
                            std::move(compiled->events), by);
}

std::shared_ptr<Drill> DrillManager::find(const std::string& id) const {
    std::lock_guard lock(m_mutex);
    auto it = m_drills.find(id);
    return it == m_drills.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<Drill>> DrillManager::list() const {
    std::lock_guard lock(m_mutex);
    std::vector<std::shared_ptr<Drill>> out;
    for (const auto& [id, d] : m_drills)
        out.push_back(d);
    return out;
}

core::Status DrillManager::end(const std::string& id) {
    std::shared_ptr<Drill> drill;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_drills.find(id);
        if (it == m_drills.end()) {
            return core::notFound("drill: no drill \"" + id + "\"");
        }
        drill = it->second;
        m_drills.erase(it);
        m_ended.push_back(drill);
    }
    if (m_onEnded)
        m_onEnded(*drill);
    drill->stop();
    return core::Ok{};
}

}  // namespace flameblue::replay

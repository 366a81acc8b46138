#pragma once

// A recorded stretch of live operation for drill tests: a live session over a SQLite log, driven
// by a manual clock, and the state it had after every step (the reference a replay must match).

#include <atomic>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "../support/test_world.h"
#include "session/session.h"
#include "store/event_store.h"

namespace flameblue::testing {

// Everything of a state but its seq: a drill numbers its own log.
inline bool sameWorld(const core::State& a, const core::State& b) {
    return a.stations() == b.stations() && a.units() == b.units() &&
           a.waterSources() == b.waterSources() && a.incidents() == b.incidents() &&
           a.lastIncidentDay() == b.lastIncidentDay() &&
           a.incidentsOnLastDay() == b.incidentsOnLastDay();
}

class TempFolder {
public:
    TempFolder() {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() /
                 ("fb-replay-" + std::to_string(rd()) + "-" + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempFolder() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

class RecordedLive {
public:
    explicit RecordedLive(const std::filesystem::path& dir) {
        session::SessionOptions o;
        o.id = "live";
        o.snapshotEveryEvents = 9;  // the range starts after a snapshot, with a tail to fold
        o.clock = [this] { return m_now.load(); };
        auto store = store::openSqliteStore(dir / "live.db");
        m_session =
            std::make_unique<session::Session>(o, std::move(store).value(), testReference());
        (void)m_session->open();
        m_session->start();
    }
    ~RecordedLive() { m_session->stop(); }

    session::Session& session() { return *m_session; }
    core::TimeMs now() const { return m_now.load(); }
    void at(core::TimeMs t) { m_now = t; }

    core::Result<session::CommandOutcome> run(core::Command c, const std::string& op = "wang") {
        auto r = m_session->execute({op, "console-1", 0}, std::move(c));
        record();
        return r;
    }
    void trusted(std::vector<core::EventPayload> events) {
        (void)m_session->appendTrusted({"system", "roster", 0}, std::move(events));
        record();
    }
    // The state live had at time t: after every event with time <= t.
    const core::State& stateAt(core::TimeMs t) const {
        auto it = m_states.upper_bound(t);
        return std::prev(it)->second;
    }
    const std::map<core::TimeMs, core::State>& states() const { return m_states; }

    // About an hour of a shift: two incidents from alarm to close, units moving, an escalation.
    void recordShift() {
        at(kT0);
        trusted(rosterEvents());
        core::TimeMs t = kT0 + 60'000;
        auto tick = [&](core::TimeMs dt) {
            t += dt;
            at(t);
        };
        auto move = [&](const char* unitId, double lat, double lon) {
            core::PositionFix f;
            f.position = {lat, lon};
            f.speedKmh = 40;
            f.fixTime = t;
            (void)run(core::ReportPosition{unitId, f}, "avl");
        };
        tick(30'000);
        auto inc1 = run(core::CreateIncident{
            "building_fire", 1, {37.8600, 112.5500}, "迎泽大街 1号", "smoke from 3rd floor", {}});
        m_incident1 = std::get<core::IncidentCreated>(inc1->events.front().payload).id;
        tick(40'000);
        (void)run(core::DispatchUnits{m_incident1, {"TY-E1", "TY-L1"}});
        tick(20'000);
        (void)run(core::SetUnitStatus{"TY-E1", core::UnitStatus::EnRoute, {}}, "avl");
        (void)run(core::SetUnitStatus{"TY-L1", core::UnitStatus::EnRoute, {}}, "avl");
        for (int i = 0; i < 6; ++i) {
            tick(15'000);
            move("TY-E1", 37.8650 - i * 0.0008, 112.5600 - i * 0.0016);
            move("TY-L1", 37.8650 - i * 0.0009, 112.5600 - i * 0.0015);
            move("DT-E1", 40.0800 + i * 0.001, 113.3000);
        }
        tick(20'000);
        (void)run(core::SetUnitStatus{"TY-E1", core::UnitStatus::OnScene, {}}, "avl");
        tick(5'000);
        auto inc2 = run(core::CreateIncident{
            "traffic_accident", 1, {40.0900, 113.2900}, "大同 御河东路", "two cars", {}});
        m_incident2 = std::get<core::IncidentCreated>(inc2->events.front().payload).id;
        tick(30'000);
        (void)run(core::SetUnitStatus{"TY-L1", core::UnitStatus::OnScene, {}}, "avl");
        (void)run(core::UpdateIncident{m_incident1, {}, 2, {}, {}, {}});
        tick(10'000);
        (void)run(core::DispatchUnits{m_incident1, {"TY-E2"}});
        (void)run(core::DispatchUnits{m_incident2, {"DT-E1"}});
        for (int i = 0; i < 5; ++i) {
            tick(20'000);
            move("TY-E2", 37.8200 + i * 0.008, 112.5700 - i * 0.004);
            move("DT-E1", 40.0850 + i * 0.001, 113.2950);
        }
        tick(30'000);
        (void)run(core::SetUnitStatus{"TY-E2", core::UnitStatus::OnScene, {}}, "avl");
        (void)run(core::SetUnitStatus{"DT-E1", core::UnitStatus::OnScene, {}}, "avl");
        (void)run(core::AddNote{m_incident1, "fire knocked down on 3rd floor"});
        tick(300'000);
        (void)run(core::SetIncidentStatus{m_incident1, core::IncidentStatus::UnderControl});
        tick(120'000);
        (void)run(core::ReleaseUnits{m_incident2, {}});
        tick(60'000);
        (void)run(core::ReleaseUnits{m_incident1, {"TY-L1"}});
        tick(600'000);
        (void)run(core::SetIncidentStatus{m_incident1, core::IncidentStatus::Closed});
        for (int i = 0; i < 4; ++i) {
            tick(30'000);
            move("TY-E1", 37.8600 + i * 0.001, 112.5550);
        }
        tick(60'000);
        (void)run(core::SetUnitStatus{"TY-E1", core::UnitStatus::Available, {}}, "avl");
        m_end = t;
    }

    const core::Id& incident1() const { return m_incident1; }
    const core::Id& incident2() const { return m_incident2; }
    core::TimeMs end() const { return m_end; }

private:
    void record() {
        m_session->withState([&](const core::State& s, const auto&) {
            m_states[s.lastEventTime()] = s;
            return 0;
        });
    }

    std::atomic<core::TimeMs> m_now{kT0};
    std::unique_ptr<session::Session> m_session;
    std::map<core::TimeMs, core::State> m_states;
    core::Id m_incident1, m_incident2;
    core::TimeMs m_end = 0;
};

}  // namespace flameblue::testing

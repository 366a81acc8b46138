#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

#include "reports/phase_log.h"
#include "reports/report.h"
#include "reports/reports_index.h"
#include "store/event_store.h"

namespace {

using namespace flameblue;
using namespace flameblue::reports;
using core::UnitStatus;

// 2026-03-01T00:00:00+08:00 in milliseconds since the epoch.
constexpr core::TimeMs kT0 = 1772294400000LL;
constexpr core::TimeMs kS = 1000;

// Builds a log event by event, times given in seconds after kT0.
class LogBuilder {
public:
    LogBuilder() {
        unit("e1", "station-a", "engine");
        unit("e2", "station-a", "engine");
        unit("l1", "station-b", "aerial_ladder");
    }
    void unit(const std::string& id, const std::string& station, const std::string& type) {
        core::UnitSpec spec;
        spec.id = id;
        spec.stationId = station;
        spec.unitType = type;
        add(0, core::UnitUpserted{spec, 4});
    }
    void created(double at, const std::string& id, const std::string& city = "taiyuan",
                 const std::string& type = "building_fire", int level = 1) {
        core::IncidentCreated e;
        e.id = id;
        e.type = type;
        e.level = level;
        e.city = city;
        e.position = {37.87, 112.56};
        e.received = at_(at);
        add(at, e);
    }
    void dispatched(double at, const std::string& incident, std::vector<core::Id> units) {
        add(at, core::UnitsDispatched{incident, std::move(units)});
    }
    void status(double at, const std::string& unit, UnitStatus s) {
        add(at, core::UnitStatusChanged{unit, s, std::nullopt});
    }
    void released(double at, const std::string& incident, std::vector<core::Id> units) {
        add(at, core::UnitsReleased{incident, std::move(units)});
    }
    void incidentStatus(double at, const std::string& id, core::IncidentStatus s) {
        add(at, core::IncidentStatusChanged{id, s});
    }
    // The alarm, then the units dispatched `processing` s later, en route after `turnout`,
    // on scene after `travel`.
    void simple(double at, const std::string& id, double processing, double turnout, double travel,
                const std::string& unitId = "e1") {
        created(at, id);
        dispatched(at + processing, id, {unitId});
        status(at + processing + turnout, unitId, UnitStatus::EnRoute);
        status(at + processing + turnout + travel, unitId, UnitStatus::OnScene);
        status(at + processing + turnout + travel + 600, unitId, UnitStatus::Returning);
        status(at + processing + turnout + travel + 900, unitId, UnitStatus::Available);
    }
    PhaseLog log() const {
        PhaseLog log;
        for (const auto& e : m_events) {
            log.apply(e);
        }
        return log;
    }

private:
    static core::TimeMs at_(double s) { return kT0 + std::llround(s * kS); }
    void add(double at, core::EventPayload p) {
        core::Event e;
        e.seq = m_events.size() + 1;
        e.time = at_(at);
        e.payload = std::move(p);
        m_events.push_back(std::move(e));
    }
    std::vector<core::Event> m_events;
};

Thresholds nfpa() {
    auto t = loadThresholds(std::filesystem::path(FLAMEBLUE_DATA_DIR) / "report_thresholds.json");
    EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
    return t.ok() ? *t : Thresholds{};
}

const PhaseFigures& figures(const ReportGroup& g, Phase p) {
    for (const auto& f : g.phases) {
        if (f.phase == p) {
            return f;
        }
    }
    static const PhaseFigures none;
    ADD_FAILURE() << "no figures for " << toString(p) << " in group " << g.key;
    return none;
}

TEST(PhaseLog, EveryPhaseOfOneIncidentWorkedOutByHand) {
    LogBuilder b;
    b.created(0, "inc-1");
    b.dispatched(45, "inc-1", {"e1", "l1"});
    b.status(70, "e1", UnitStatus::EnRoute);   // turnout 25
    b.status(120, "l1", UnitStatus::EnRoute);  // turnout 75
    b.status(250, "e1", UnitStatus::OnScene);  // travel 180
    b.status(500, "l1", UnitStatus::OnScene);  // travel 380
    b.incidentStatus(1800, "inc-1", core::IncidentStatus::UnderControl);
    b.status(3000, "e1", UnitStatus::Returning);
    b.released(3000, "inc-1", {"l1"});
    b.incidentStatus(3600, "inc-1", core::IncidentStatus::Closed);
    const PhaseLog log = b.log();
    ASSERT_EQ(log.incidents().size(), 1u);
    const auto& inc = log.incidents().front();
    auto s = [&](Phase p) { return incidentPhaseSeconds(log, inc, p); };
    EXPECT_EQ(s(Phase::CallProcessing), 45.0);
    EXPECT_EQ(s(Phase::FirstUnitTravel), 180.0);
    EXPECT_EQ(s(Phase::FullFirstAlarm), 380.0);
    EXPECT_EQ(s(Phase::FirstArrival), 205.0);
    EXPECT_EQ(s(Phase::AlarmToFirstArrival), 250.0);
    EXPECT_EQ(s(Phase::UnderControl), 1800.0);
    EXPECT_EQ(s(Phase::Closed), 3600.0);
    ASSERT_EQ(log.responses().size(), 2u);
    EXPECT_EQ(responsePhaseSeconds(log.responses()[0], Phase::Turnout), 25.0);
    EXPECT_EQ(responsePhaseSeconds(log.responses()[1], Phase::Turnout), 75.0);
    EXPECT_EQ(responsePhaseSeconds(log.responses()[1], Phase::Travel), 380.0);
    EXPECT_EQ(log.responses()[1].stationId, "station-b");
    EXPECT_FALSE(log.responses()[1].cancelled);
}

TEST(PhaseLog, TheFullFirstAlarmWaitsForEveryUnitStillSentAndIgnoresOnesCalledOff) {
    LogBuilder b;
    b.created(0, "inc-1");
    b.dispatched(30, "inc-1", {"e1", "e2", "l1"});
    b.status(60, "e1", UnitStatus::EnRoute);
    b.status(60, "e2", UnitStatus::EnRoute);
    b.status(90, "l1", UnitStatus::EnRoute);
    b.status(200, "e1", UnitStatus::OnScene);
    {
        const PhaseLog log = b.log();
        EXPECT_EQ(incidentPhaseSeconds(log, log.incidents()[0], Phase::FullFirstAlarm),
                  std::nullopt)
            << "two units of the initial assignment are still on their way";
    }
    b.released(220, "inc-1", {"e2"});  // called off before arriving
    b.status(400, "l1", UnitStatus::OnScene);
    const PhaseLog log = b.log();
    EXPECT_TRUE(log.responses()[1].cancelled);
    EXPECT_EQ(incidentPhaseSeconds(log, log.incidents()[0], Phase::FullFirstAlarm), 310.0);
}

TEST(PhaseLog, OnlyTheFirstDispatchIsTheInitialAssignment) {
    LogBuilder b;
    b.created(0, "inc-1");
    b.dispatched(30, "inc-1", {"e1"});
    b.status(40, "e1", UnitStatus::EnRoute);
    b.status(100, "e1", UnitStatus::OnScene);
    b.dispatched(500, "inc-1", {"l1"});  // a second alarm: not the first one's
    b.status(520, "l1", UnitStatus::EnRoute);
    const PhaseLog log = b.log();
    EXPECT_EQ(incidentPhaseSeconds(log, log.incidents()[0], Phase::FullFirstAlarm), 60.0);
    EXPECT_FALSE(log.responses()[1].initialAssignment);
}

TEST(PhaseLog, AUnitSentOnWhileReturningStartsANewResponse) {
    LogBuilder b;
    b.created(0, "inc-1");
    b.dispatched(30, "inc-1", {"e1"});
    b.status(50, "e1", UnitStatus::EnRoute);
    b.status(150, "e1", UnitStatus::OnScene);
    b.status(700, "e1", UnitStatus::Returning);
    b.created(800, "inc-2");
    b.status(810, "e1", UnitStatus::EnRoute);  // not yet inc-2's: counts for nothing
    b.dispatched(820, "inc-2", {"e1"});
    b.status(840, "e1", UnitStatus::EnRoute);
    b.status(900, "e1", UnitStatus::OnScene);
    const PhaseLog log = b.log();
    ASSERT_EQ(log.responses().size(), 2u);
    EXPECT_EQ(log.responses()[0].cleared, kT0 + 700 * kS);
    EXPECT_FALSE(log.responses()[0].cancelled);
    EXPECT_EQ(responsePhaseSeconds(log.responses()[0], Phase::Travel), 100.0);
    EXPECT_EQ(log.responses()[1].incidentId, "inc-2");
    EXPECT_EQ(responsePhaseSeconds(log.responses()[1], Phase::Turnout), 20.0);
    EXPECT_EQ(responsePhaseSeconds(log.responses()[1], Phase::Travel), 60.0);
}

TEST(Fractiles, NearestRankByHand) {
    const std::vector<double> v = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
    EXPECT_EQ(nearestRank(v, 50), 50);
    EXPECT_EQ(nearestRank(v, 80), 80);
    EXPECT_EQ(nearestRank(v, 90), 90);
    EXPECT_EQ(nearestRank(v, 91), 100);
    EXPECT_EQ(nearestRank(v, 100), 100);
    EXPECT_EQ(nearestRank({7}, 90), 7);
    const std::vector<double> three = {1, 2, 3};
    EXPECT_EQ(nearestRank(three, 50), 2);  // rank ceil(1.5) = 2
    EXPECT_EQ(nearestRank(three, 90), 3);
}

TEST(Report, FractilesComplianceAndTheMinuteTableByHand) {
    LogBuilder b;
    // Call processing 10, 20, ... 100 s.
    for (int i = 0; i < 10; ++i) {
        b.simple(i * 10000.0, "inc-" + std::to_string(i), 10.0 * (i + 1), 30, 200);
    }
    const PhaseLog log = b.log();
    const Report r = computeReport(log, {}, nfpa());
    const auto& f = figures(r.total, Phase::CallProcessing);
    EXPECT_EQ(f.count, 10u);
    EXPECT_EQ(f.p50, 50.0);
    EXPECT_EQ(f.p80, 80.0);
    EXPECT_EQ(f.p90, 90.0);
    EXPECT_DOUBLE_EQ(*f.mean, 55.0);
    ASSERT_TRUE(f.threshold);
    EXPECT_EQ(f.threshold->seconds, 60.0);
    EXPECT_DOUBLE_EQ(*f.compliancePercent, 60.0);  // 10..60 of 10..100
    EXPECT_FALSE(f.compliant);                     // 90 % wanted
    ASSERT_EQ(f.cumulativePercent.size(), 15u);
    EXPECT_DOUBLE_EQ(f.cumulativePercent[0], 60.0);   // within 1 minute
    EXPECT_DOUBLE_EQ(f.cumulativePercent[1], 100.0);  // within 2 minutes
    const auto& turnout = figures(r.total, Phase::Turnout);
    EXPECT_EQ(turnout.count, 10u);
    EXPECT_DOUBLE_EQ(*turnout.compliancePercent, 100.0);
    EXPECT_TRUE(turnout.compliant);
    const auto& travel = figures(r.total, Phase::Travel);
    EXPECT_FALSE(travel.threshold) << "travel of every unit has no NFPA threshold of its own";
    EXPECT_FALSE(travel.compliancePercent);
    EXPECT_EQ(travel.p90, 200.0);
}

TEST(Report, AThresholdIsMetAtExactlyItsSecondsAndMissedAMillisecondLater) {
    LogBuilder b;
    b.simple(0, "on-the-mark", 60.0, 80.0, 240.0);
    b.simple(10000, "just-over", 60.001, 80.001, 240.001);
    const Report r = computeReport(b.log(), {}, nfpa());
    EXPECT_DOUBLE_EQ(*figures(r.total, Phase::CallProcessing).compliancePercent, 50.0);
    EXPECT_DOUBLE_EQ(*figures(r.total, Phase::Turnout).compliancePercent, 50.0);
    EXPECT_DOUBLE_EQ(*figures(r.total, Phase::FirstUnitTravel).compliancePercent, 50.0);
    // First arrival (dispatch to scene) 320 s and 320.002 s: both outside the 5-minute circle.
    EXPECT_DOUBLE_EQ(*figures(r.total, Phase::FirstArrival).compliancePercent, 0.0);
}

TEST(Report, GroupsByCityTypeAndLevelAndFilters) {
    LogBuilder b;
    b.created(0, "t1", "taiyuan", "building_fire", 1);
    b.dispatched(20, "t1", {"e1"});
    b.created(100, "d1", "datong", "traffic_accident", 2);
    b.dispatched(190, "d1", {"e2"});
    b.created(200, "d2", "datong", "building_fire", 2);
    b.dispatched(230, "d2", {"l1"});
    const PhaseLog log = b.log();
    ReportQuery q;
    q.groupBy = GroupBy::City;
    q.phases = {Phase::CallProcessing};
    Report r = computeReport(log, q, nfpa());
    ASSERT_EQ(r.groups.size(), 2u);
    EXPECT_EQ(r.groups[0].key, "datong");
    EXPECT_EQ(r.groups[0].incidents, 2u);
    EXPECT_EQ(figures(r.groups[0], Phase::CallProcessing).p90, 90.0);
    EXPECT_DOUBLE_EQ(*figures(r.groups[0], Phase::CallProcessing).compliancePercent, 50.0);
    EXPECT_EQ(r.groups[1].key, "taiyuan");
    EXPECT_EQ(figures(r.groups[1], Phase::CallProcessing).p50, 20.0);
    EXPECT_EQ(r.total.incidents, 3u);

    q.groupBy = GroupBy::IncidentType;
    q.levels = {2};
    r = computeReport(log, q, nfpa());
    ASSERT_EQ(r.groups.size(), 2u);
    EXPECT_EQ(r.groups[0].key, "building_fire");
    EXPECT_EQ(r.groups[0].incidents, 1u);
    EXPECT_EQ(figures(r.groups[0], Phase::CallProcessing).p50, 30.0);
    EXPECT_EQ(r.groups[1].key, "traffic_accident");

    q.groupBy = GroupBy::Province;
    q.levels = {};
    q.cities = {"taiyuan"};
    r = computeReport(log, q, nfpa());
    EXPECT_EQ(r.total.incidents, 1u);
    q.cities = {};
    q.from = kT0 + 100 * kS;  // from d1's alarm on, to before d2's
    q.to = kT0 + 200 * kS;
    r = computeReport(log, q, nfpa());
    EXPECT_EQ(r.total.incidents, 1u);
    EXPECT_EQ(figures(r.total, Phase::CallProcessing).p50, 90.0);
}

TEST(Report, HoursAndMonthsAreChinaStandardTime) {
    LogBuilder b;
    b.created(-30 * 60, "late-february", "taiyuan");     // 2026-02-28 23:30 +08:00
    b.created(7 * 3600 + 5 * 60, "morning", "taiyuan");  // 2026-03-01 07:05 +08:00
    const PhaseLog log = b.log();
    ReportQuery q;
    q.groupBy = GroupBy::Month;
    Report r = computeReport(log, q, nfpa());
    ASSERT_EQ(r.groups.size(), 2u);
    EXPECT_EQ(r.groups[0].key, "2026-02");
    EXPECT_EQ(r.groups[1].key, "2026-03");
    q.groupBy = GroupBy::HourOfDay;
    r = computeReport(log, q, nfpa());
    ASSERT_EQ(r.groups.size(), 2u);
    EXPECT_EQ(r.groups[0].key, "07");
    EXPECT_EQ(r.groups[1].key, "23");
    q.groupBy = GroupBy::Day;
    q.utcOffsetMinutes = 0;  // in UTC both fall on 28 February
    r = computeReport(log, q, nfpa());
    ASSERT_EQ(r.groups.size(), 1u);
    EXPECT_EQ(r.groups[0].key, "2026-02-28");
}

TEST(Report, ByStationOnlyUnitPhasesEachAtTheUnitsHome) {
    LogBuilder b;
    b.created(0, "inc-1");
    b.dispatched(30, "inc-1", {"e1", "l1"});
    b.status(50, "e1", UnitStatus::EnRoute);
    b.status(150, "l1", UnitStatus::EnRoute);
    ReportQuery q;
    q.groupBy = GroupBy::Station;
    const Report r = computeReport(b.log(), q, nfpa());
    ASSERT_EQ(r.groups.size(), 2u);
    EXPECT_EQ(r.groups[0].key, "station-a");
    EXPECT_EQ(r.groups[0].phases.size(), 2u) << "turnout and travel only";
    EXPECT_EQ(figures(r.groups[0], Phase::Turnout).p50, 20.0);
    EXPECT_EQ(figures(r.groups[1], Phase::Turnout).p50, 120.0);
    EXPECT_EQ(r.groups[1].incidents, 1u);
    EXPECT_EQ(r.groups[1].responses, 1u);
    // The total still has every phase.
    EXPECT_EQ(figures(r.total, Phase::CallProcessing).p50, 30.0);
}

TEST(Report, AHighRiseIsJudgedByItsOwnFullAlarmThreshold) {
    LogBuilder b;
    for (const auto& [id, type] :
         {std::pair{"house", "building_fire"}, std::pair{"tower", "high_rise_fire"}}) {
        b.created(0, id, "taiyuan", type);
        b.dispatched(30, id, {id == std::string("house") ? "e1" : "l1"});
        b.status(60, id == std::string("house") ? "e1" : "l1", UnitStatus::EnRoute);
        b.status(60 + 550, id == std::string("house") ? "e1" : "l1", UnitStatus::OnScene);
    }
    const Report r = computeReport(b.log(), {}, nfpa());
    // 550 s: over 480 for the house, within 610 for the tower.
    EXPECT_DOUBLE_EQ(*figures(r.total, Phase::FullFirstAlarm).compliancePercent, 50.0);
}

TEST(Thresholds, TheBundledFileIsNfpa1710AndTheFiveMinuteCircle) {
    const Thresholds t = nfpa();
    ASSERT_TRUE(t.byPhase[static_cast<std::size_t>(Phase::FirstArrival)]);
    EXPECT_EQ(t.byPhase[static_cast<std::size_t>(Phase::FirstArrival)]->seconds, 300);
    EXPECT_EQ(t.forPhase(Phase::FullFirstAlarm, "high_rise_fire")->seconds, 610);
    EXPECT_EQ(t.forPhase(Phase::FullFirstAlarm, "building_fire")->seconds, 480);
    EXPECT_FALSE(t.source.empty());
}

TEST(Thresholds, ErrorsNameTheFileAndTheField) {
    const auto dir = std::filesystem::temp_directory_path() / "flameblue-thresholds-test";
    std::filesystem::create_directories(dir);
    auto load = [&](const std::string& text) {
        std::ofstream(dir / "report_thresholds.json") << text;
        return loadThresholds(dir / "report_thresholds.json");
    };
    auto r = load(R"({"phases": {"turnaround": {"seconds": 60}}})");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("phases.turnaround: not a phase"), std::string::npos)
        << r.error().message;
    r = load(R"({"phases": {"turnout": {"seconds": -5}}})");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("phases.turnout.seconds"), std::string::npos)
        << r.error().message;
    r = load(R"({"phases": {"turnout": {"seconds": 80, "fractile": 120}}})");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("fractile"), std::string::npos) << r.error().message;
    r = load("{not json");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("report_thresholds.json"), std::string::npos);
    std::filesystem::remove_all(dir);
}

}  // namespace

namespace index_test {

using namespace flameblue;
using namespace flameblue::reports;

core::Event incidentEvent(std::uint64_t seq, const std::string& id) {
    core::IncidentCreated c;
    c.id = id;
    c.type = "building_fire";
    c.city = "taiyuan";
    c.position = {37.87, 112.56};
    c.received = kT0 + static_cast<core::TimeMs>(seq) * kS;
    return core::Event{seq, c.received, "op", "test", c};
}

// Waits for the start-up read (its own thread) to end: the index then answers.
core::Result<ReportsIndex::Answer> answerWhenLoaded(ReportsIndex& index) {
    for (int i = 0; i < 10000; ++i) {
        auto a = index.report({});
        if (a.ok() || a.error().code != core::ErrorCode::Unavailable) {
            return a;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return index.report({});
}

TEST(ReportsIndex, ReadsTheLogThenFollowsTheSession) {
    auto store = store::makeMemoryStore();
    std::vector<core::Event> history;
    for (std::uint64_t seq = 1; seq <= 3; ++seq) {
        history.push_back(incidentEvent(seq, "old-" + std::to_string(seq)));
    }
    ASSERT_TRUE(store->append(history).ok());
    ReportsIndex index(nfpa());
    index.load(*store, core::State{});
    const core::State state;
    // Staged while (or after) the log is read: counted once.
    index.stage(history[2], state, {});
    index.stage(incidentEvent(4, "new-4"), state, {});
    index.commit();
    auto answer = answerWhenLoaded(index);
    ASSERT_TRUE(answer.ok()) << answer.error().message;
    EXPECT_EQ(answer->report.total.incidents, 4u);
    EXPECT_EQ(answer->asOfSeq, 4u);
}

TEST(ReportsIndex, TheWriterFoldsALongQueueWhenNobodyAsks) {
    auto store = store::makeMemoryStore();
    ReportsIndex index(nfpa());
    index.load(*store, core::State{});
    ASSERT_TRUE(answerWhenLoaded(index).ok());
    const core::State state;
    for (std::uint64_t seq = 1; seq <= 5000; ++seq) {
        index.stage(incidentEvent(seq, "inc-" + std::to_string(seq)), state, {});
        index.commit();
    }
    EXPECT_GE(index.lastSeq(), 4096u) << "the queue was folded in without a report";
    auto answer = index.report({});
    ASSERT_TRUE(answer.ok());
    EXPECT_EQ(answer->report.total.incidents, 5000u);
}

TEST(ReportsIndex, PositionFixesAreNeverQueued) {
    core::Event fix{1, kT0, "feed", "sbs", core::PositionReported{"heli-1", {}}};
    EXPECT_FALSE(mattersToReports(fix));
    EXPECT_TRUE(mattersToReports(incidentEvent(2, "x")));
}

}  // namespace index_test

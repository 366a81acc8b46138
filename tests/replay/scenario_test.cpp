// Scenario files: the bundled ones load, compile against the Shanxi demo roster and play as a
// drill; a file round-trips; corrupt and future-version files are refused with the field named.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/roster_sync.h"
#include "common/iso_time.h"
#include "core/geo.h"
#include "data/dataset.h"
#include "dispatch/recommender.h"
#include "replay/after_action.h"
#include "replay/drill_manager.h"
#include "replay/scenario.h"
#include "replay_world.h"

using namespace flameblue;
using namespace flameblue::core;
using replay::Scenario;

namespace {

const std::filesystem::path kData = FLAMEBLUE_DATA_DIR;
const char* kBundled[] = {"changzhi-pingshun-forest-fire", "taiyuan-xiaodian-high-rise-fire"};

std::optional<TimeMs> parseIsoTimeOr(const char* text) {
    return common::parseIsoTime(text);
}

std::string readFile(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

class ScenarioTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto ds = data::loadDataset(kData.string());
        ASSERT_TRUE(ds.ok()) << ds.error().message;
        s_reference = app::referenceFrom(*ds);
        s_aircraftTypes = ds->aircraftTypes;
        auto rec = dispatch::Recommender::load(kData, *ds);
        ASSERT_TRUE(rec.ok()) << rec.error().message;
        s_recommender = std::make_unique<dispatch::Recommender>(std::move(rec).value());
        s_roster = State{};
        flameblue::testing::applyAll(s_roster, app::rosterChanges(*ds, State{}));
    }
    static Result<Scenario> bundled(const char* id) {
        return replay::parseScenario(readFile(kData / "scenarios" / (std::string(id) + ".json")));
    }
    static Error errorOf(const std::string& text) {
        auto r = replay::parseScenario(text);
        EXPECT_FALSE(r.ok());
        return r ? Error{} : r.error();
    }
    static inline State s_roster;
    static inline Reference s_reference;
    static inline std::vector<data::AircraftType> s_aircraftTypes;
    static inline std::unique_ptr<dispatch::Recommender> s_recommender;
};

TEST_F(ScenarioTest, BundledScenariosAreConstructedForTrainingAndCompile) {
    for (const char* id : kBundled) {
        auto s = bundled(id);
        ASSERT_TRUE(s.ok()) << id << ": " << s.error().message;
        EXPECT_EQ(s->id, id);
        EXPECT_TRUE(s->constructedForTraining) << id;
        auto compiled = replay::compileScenario(*s, s_roster, s_reference);
        ASSERT_TRUE(compiled.ok()) << id << ": " << compiled.error().message;
        State end = compiled->base;
        for (const Event& e : compiled->events)
            end.apply(e);
        ASSERT_EQ(end.incidents().size(), 1u);
        const Incident& inc = end.incidents().begin()->second;
        EXPECT_EQ(inc.status, IncidentStatus::Closed) << id;
        EXPECT_EQ(inc.level, 3) << id;
        EXPECT_EQ(inc.notes.size(), 2u) << id;
        EXPECT_GE(inc.assignments.size(), 7u) << id;
        for (const Assignment& a : inc.assignments) {
            EXPECT_TRUE(a.onScene.has_value()) << id << " " << a.unitId;
        }
    }
}

TEST_F(ScenarioTest, ChangzhiHelicoptersFlyFromYaochengAndCycleToTheReservoir) {
    auto s = bundled(kBundled[0]);
    ASSERT_TRUE(s.ok());
    auto compiled = replay::compileScenario(*s, s_roster, s_reference);
    ASSERT_TRUE(compiled.ok()) << compiled.error().message;
    const LatLon zhangze = s_roster.waterSource("WS-CZ-01")->position;
    const LatLon yaocheng = s_roster.station(s_roster.unit("AV-Z8-01")->spec.stationId)->position;
    int dips = 0;
    bool leftBase = false;
    for (const Event& e : compiled->events) {
        const auto* p = std::get_if<PositionReported>(&e.payload);
        if (!p || p->unitId != "AV-Z8-01")
            continue;
        if (p->fix.position == zhangze)
            ++dips;
        leftBase = leftBase || distanceMeters(p->fix.position, yaocheng) > 10'000;
    }
    EXPECT_TRUE(leftBase);
    EXPECT_EQ(dips, 2);  // two bucket drops
}

TEST_F(ScenarioTest, AFileRoundTrips) {
    for (const char* id : kBundled) {
        auto s = bundled(id);
        ASSERT_TRUE(s.ok());
        const std::string text = replay::writeScenario(*s);
        auto back = replay::parseScenario(text);
        ASSERT_TRUE(back.ok()) << back.error().message;
        EXPECT_EQ(*back, *s) << id;
        EXPECT_EQ(replay::writeScenario(*back), text) << id;
    }
}

TEST_F(ScenarioTest, CorruptAndFutureFilesAreRefusedWithTheFieldNamed) {
    const std::string good = readFile(kData / "scenarios" / (std::string(kBundled[1]) + ".json"));
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string t = good;
        const auto at = t.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        return t.replace(at, from.size(), to);
    };
    EXPECT_NE(errorOf(good.substr(0, good.size() / 2)).message.find("not valid JSON"),
              std::string::npos);
    EXPECT_NE(errorOf("[1,2]").message.find("expected a JSON object"), std::string::npos);
    const Error future = errorOf(replaced("\"version\": 1", "\"version\": 2"));
    EXPECT_NE(future.message.find("scenario.version"), std::string::npos) << future.message;
    EXPECT_NE(future.message.find("newer"), std::string::npos) << future.message;
    EXPECT_NE(errorOf(replaced("flameblue-scenario", "other")).message.find("scenario.format"),
              std::string::npos);
    const Error action = errorOf(replaced("\"action\": \"note\"", "\"action\": \"explode\""));
    EXPECT_NE(action.message.find("scenario.incidents[0].timeline[4].action"), std::string::npos)
        << action.message;
    const Error time = errorOf(replaced("2025-12-18T19:52:00+08:00", "2025-12-18 19:52"));
    EXPECT_NE(time.message.find("scenario.incidents[0].alarm"), std::string::npos) << time.message;
    const Error outside =
        errorOf(replaced("2025-12-18T19:52:00+08:00", "2025-12-19T19:52:00+08:00"));
    EXPECT_NE(outside.message.find("outside"), std::string::npos) << outside.message;
    EXPECT_NE(
        errorOf(replaced("\"constructed_for_training\": true", "\"constructed_for_training\": 1"))
            .message.find("constructed_for_training"),
        std::string::npos);

    // Parses, but names a unit the roster does not have: compile says where.
    auto unknown = replay::parseScenario(replaced("\"TY-A01-L1\"", "\"TY-X99-L9\""));
    ASSERT_TRUE(unknown.ok());
    auto compiled = replay::compileScenario(*unknown, s_roster, s_reference);
    ASSERT_FALSE(compiled.ok());
    EXPECT_NE(compiled.error().message.find("incident \"xiaodian-tower\" timeline[6]"),
              std::string::npos)
        << compiled.error().message;
    EXPECT_NE(compiled.error().message.find("TY-X99-L9"), std::string::npos);
}

TEST_F(ScenarioTest, AScenarioDrillPlaysFromAlarmToClose) {
    flameblue::testing::TempFolder dir;
    auto liveStore = store::makeMemoryStore();
    replay::DrillManagerOptions o;
    o.directory = dir.path();
    o.currentWorld = [] { return s_roster; };
    replay::DrillManager manager(o, *liveStore, s_reference, nullptr, nullptr);
    auto s = bundled(kBundled[1]);
    ASSERT_TRUE(s.ok());
    auto drill = manager.createFromScenario(*s, "", "instructor");
    ASSERT_TRUE(drill.ok()) << drill.error().message;
    EXPECT_EQ((*drill)->info().source, s->id);
    ASSERT_EQ((*drill)->timeline().incidents().size(), 1u);
    EXPECT_EQ((*drill)->timeline().incidents()[0].alarmMs, s->incidents[0].alarmMs);
    ASSERT_TRUE((*drill)->seek("instructor", (*drill)->timeline().endMs()).ok());
    const State end =
        (*drill)->session().withState([](const State& st, const auto&) { return st; });
    ASSERT_EQ(end.incidents().size(), 1u);
    EXPECT_EQ(end.incidents().begin()->second.status, IncidentStatus::Closed);
    EXPECT_EQ(end.unit("TY-S02-L1")->status, UnitStatus::Available);
    // Live (here: its store) is untouched.
    EXPECT_EQ(liveStore->lastSeq(), 0u);
}

TEST_F(ScenarioTest, AfterActionComparesHistoryTraineesAndTheRecommender) {
    flameblue::testing::TempFolder dir;
    auto liveStore = store::makeMemoryStore();
    replay::DrillManagerOptions o;
    o.directory = dir.path();
    o.currentWorld = [] { return s_roster; };
    o.afterAction = {s_recommender.get(), s_aircraftTypes};
    replay::DrillManager manager(o, *liveStore, s_reference, nullptr, nullptr);
    auto s = bundled(kBundled[1]);
    ASSERT_TRUE(s.ok());
    auto created = manager.createFromScenario(*s, "", "instructor");
    ASSERT_TRUE(created.ok()) << created.error().message;
    replay::Drill& drill = **created;
    const TimeMs alarm = s->incidents[0].alarmMs;
    const Id incidentId = drill.timeline().incidents()[0].id;
    // Hand over just after the alarm, before history dispatched; the trainees send two units.
    ASSERT_TRUE(drill.seek("instructor", alarm + 30'000).ok());
    ASSERT_TRUE(drill.handOver("instructor", incidentId).ok());
    ASSERT_TRUE(drill.session()
                    .execute({"trainee-zhou", "c", 0},
                             DispatchUnits{incidentId, {"TY-S02-E1", "TY-A02-L1"}})
                    .ok());
    ASSERT_TRUE(
        drill.session()
            .execute({"trainee-zhou", "c", 0}, UpdateIncident{incidentId, {}, 3, {}, {}, {}})
            .ok());

    auto report = replay::buildAfterAction(drill, manager.afterActionModels(), alarm);
    ASSERT_TRUE(report.ok()) << report.error().message;
    ASSERT_EQ(report->incidents.size(), 1u);
    const auto& c = report->incidents[0];
    EXPECT_EQ(c.incidentId, incidentId);
    EXPECT_EQ(c.alarmMs, alarm);
    // History: nine units, each with its real arrival.
    ASSERT_EQ(c.actual.size(), 9u);
    for (const auto& u : c.actual) {
        ASSERT_TRUE(u.arrivedMs.has_value()) << u.unitId;
        EXPECT_FALSE(u.modelled);
        EXPECT_GT(*u.arrivedMs, u.dispatchedMs);
    }
    const auto first = std::find_if(c.actual.begin(), c.actual.end(),
                                    [](const auto& u) { return u.unitId == "TY-S02-E1"; });
    ASSERT_NE(first, c.actual.end());
    EXPECT_EQ(*first->arrivedMs, *parseIsoTimeOr("2025-12-18T20:00:00+08:00"));
    // The trainees: their two units, arrivals modelled from quarters (a few minutes away).
    ASSERT_EQ(c.trainees.size(), 1u);
    ASSERT_EQ(c.trainees[0].dispatched.size(), 2u);
    for (const auto& u : c.trainees[0].dispatched) {
        EXPECT_EQ(u.by, "trainee-zhou");
        EXPECT_EQ(u.dispatchedMs, alarm + 30'000);
        ASSERT_TRUE(u.arrivedMs.has_value()) << u.unitId;
        EXPECT_TRUE(u.modelled);
        EXPECT_GT(*u.arrivedMs - u.dispatchedMs, 60'000);
        EXPECT_LT(*u.arrivedMs - u.dispatchedMs, 30 * 60'000);
    }
    ASSERT_EQ(c.trainees[0].escalations.size(), 1u);
    EXPECT_NE(c.trainees[0].escalations[0].find("level 3"), std::string::npos);
    // The recommender at the alarm: a high-rise run card filled from Taiyuan.
    ASSERT_FALSE(c.recommended.empty());
    for (const auto& u : c.recommended) {
        EXPECT_EQ(u.unitId.rfind("TY-", 0), 0u) << u.unitId;
        EXPECT_EQ(u.dispatchedMs, alarm);
        ASSERT_TRUE(u.arrivedMs.has_value());
        EXPECT_FALSE(u.capability.empty());
    }

    const std::string html = replay::toHtml(*report);
    EXPECT_NE(html.find("<!DOCTYPE html>"), std::string::npos);
    EXPECT_NE(html.find(incidentId), std::string::npos);
    EXPECT_NE(html.find("trainee-zhou"), std::string::npos);
    EXPECT_NE(html.find("学员决策 Trainees"), std::string::npos);
    const std::string csv = replay::toCsv(*report);
    const auto lines = std::count(csv.begin(), csv.end(), '\n');
    EXPECT_EQ(static_cast<std::size_t>(lines), 1 + 9 + 2 + c.recommended.size());
}

}  // namespace

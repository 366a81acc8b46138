#include <gtest/gtest.h>

#include "../support/test_world.h"
#include "core/geo.h"
#include "sim/simulator.h"

using namespace flameblue;
using namespace flameblue::core;
using namespace flameblue::testing;

TEST(Simulator, DrivesADispatchedUnitToTheIncidentAndHomeAgain) {
    session::SessionOptions options;
    TimeMs now = kT0;
    options.clock = [&now] { return now; };
    session::Session s(options, store::makeMemoryStore(), testReference());
    ASSERT_TRUE(s.open().ok());
    s.start();
    ASSERT_TRUE(s.appendTrusted({"system", "roster", 0}, rosterEvents()).ok());
    auto created =
        s.execute({"d", "c", 0}, CreateIncident{"building_fire", 1, taiyuanCentre(), "", "", {}});
    ASSERT_TRUE(created.ok());
    const Id fire = std::get<IncidentCreated>(created->events.front().payload).id;
    ASSERT_TRUE(s.execute({"d", "c", 0}, DispatchUnits{fire, {"TY-E2"}}).ok());

    sim::SimulatorOptions simOptions;
    simOptions.turnoutSeconds = 60;
    simOptions.urbanKmh = 36;  // 10 m/s
    sim::Simulator sim(s, simOptions);
    auto unit = [&] {
        return s.withState([](const State& st, const auto&) { return *st.unit("TY-E2"); });
    };

    now += 30'000;
    sim.step(30);
    EXPECT_EQ(unit().status, UnitStatus::Dispatched);  // still turning out
    now += 30'000;
    sim.step(30);
    EXPECT_EQ(unit().status, UnitStatus::EnRoute);

    // TY-S02 is about 5.6 km from the incident: ~560 s at 10 m/s.
    const double startMeters = distanceMeters(
        s.withState([](const State& st, const auto&) { return st.station("TY-S02")->position; }),
        taiyuanCentre());
    double last = startMeters;
    int steps = 0;
    while (unit().status == UnitStatus::EnRoute && steps < 200) {
        now += 10'000;
        sim.step(10);
        ++steps;
        if (unit().lastFix) {
            const double d = distanceMeters(unit().lastFix->position, taiyuanCentre());
            EXPECT_LE(d, last + 1.0);
            last = d;
        }
    }
    EXPECT_EQ(unit().status, UnitStatus::OnScene);
    EXPECT_NEAR(steps * 10.0, startMeters / 10.0, 20.0);
    EXPECT_LT(distanceMeters(unit().lastFix->position, taiyuanCentre()), 1.0);

    ASSERT_TRUE(s.execute({"d", "c", 0}, ReleaseUnits{fire, {}}).ok());
    EXPECT_EQ(unit().status, UnitStatus::Returning);
    for (int i = 0; i < 200 && unit().status == UnitStatus::Returning; ++i) {
        now += 10'000;
        sim.step(10);
    }
    EXPECT_EQ(unit().status, UnitStatus::Available);
    // Every move went through the log as the simulator's own commands.
    std::size_t simEvents = 0;
    ASSERT_TRUE(s.store().scan(0, s.headSeq(), [&](const Event& e) {
        if (e.operatorId == "simulator")
            ++simEvents;
        return true;
    }));
    EXPECT_GT(simEvents, 100u);
    s.stop();
}

#include "aviation/fleet_figures.h"

#include <gtest/gtest.h>

#include "aviation_world.h"
#include "core/geo.h"

using namespace flameblue;
using namespace flameblue::core;
using namespace flameblue::testing;

namespace {

constexpr double kCruiseMps = 266.0 / 3.6;

class FleetFiguresTest : public ::testing::Test {
protected:
    void SetUp() override {
        applyAll(state, rosterEvents());
        accept(CreateIncident{"forest_grassland_fire", 2, fire, "", "", {}}, kT0);
        incident = state.incidents().rbegin()->first;
        accept(DispatchUnits{incident, {kZ8}}, kT0);
    }
    void accept(const Command& c, TimeMs t) {
        auto r = decide(state, ref, CommandContext{"tester", "test", t}, c);
        ASSERT_TRUE(r.ok()) << r.error().message;
        applyAll(state, *r, t);
    }
    aviation::AircraftFigures at(TimeMs now, TimeMs heard = 0) {
        return figures.compute(state, *state.unit(kZ8), now, heard);
    }

    // A forest fire in the Lüliang foothills west of Taiyuan, about 60 km from Yaocheng.
    LatLon fire{37.95, 112.0};
    State state;
    Reference ref = testReference();
    Id incident;
    aviation::FleetFigures figures = aviationFigures();
};

TEST_F(FleetFiguresTest, BeforeTakeOffTheEtaIncludesWhatIsLeftOfTheLaunchDelay) {
    const double flight = greatCircleMeters(yaocheng(), fire) / kCruiseMps;
    // Hot standby: 5 min launch delay; 2 min after tasking 3 min of it are left.
    auto f = at(kT0 + 120'000);
    ASSERT_TRUE(f.etaSeconds.has_value());
    EXPECT_NEAR(*f.etaSeconds, 180.0 + flight, 1.0);
    EXPECT_NEAR(*f.distanceToIncidentMeters, greatCircleMeters(yaocheng(), fire), 1.0);
    EXPECT_FALSE(f.enduranceLeftSeconds.has_value());  // still on the ground
    EXPECT_FALSE(f.fixAgeSeconds.has_value());         // never heard
    // Launch delay over and still not airborne: only the flight is left.
    EXPECT_NEAR(*at(kT0 + 600'000).etaSeconds, flight, 1.0);
}

TEST_F(FleetFiguresTest, InTheAirTheEtaIsFromTheCurrentPosition) {
    accept(SetMissionState{kZ8, MissionState::EnRoute, ""}, kT0 + 300'000);
    const LatLon halfway = destination(fire, 90.0, 30'000.0);
    accept(ReportPosition{kZ8, {halfway, 270.0, 250.0, 1200.0, kT0 + 700'000}}, kT0 + 700'000);
    auto f = at(kT0 + 710'000);
    ASSERT_TRUE(f.etaSeconds.has_value());
    EXPECT_NEAR(*f.etaSeconds, 30'000.0 / kCruiseMps, 2.0);
    EXPECT_NEAR(*f.fixAgeSeconds, 10.0, 1e-9);
    // Endurance counts from take-off (en route at +300 s): 151 min - 410 s.
    ASSERT_TRUE(f.enduranceLeftSeconds.has_value());
    EXPECT_NEAR(*f.enduranceLeftSeconds, 151 * 60.0 - 410.0, 1e-6);
    EXPECT_NEAR(*f.returnToBaseSeconds, greatCircleMeters(halfway, yaocheng()) / kCruiseMps, 1.0);
    EXPECT_DOUBLE_EQ(f.reserveSeconds, 1800.0);
    EXPECT_FALSE(f.lowEndurance());
    // A fix heard but not stored (unchanged) makes the age younger.
    EXPECT_NEAR(*at(kT0 + 710'000, kT0 + 705'000).fixAgeSeconds, 5.0, 1e-9);
}

TEST_F(FleetFiguresTest, DropsGiveTheMeasuredCycleAndRate) {
    accept(SetMissionState{kZ8, MissionState::EnRoute, ""}, kT0 + 300'000);
    accept(SetMissionState{kZ8, MissionState::OnTask, ""}, kT0 + 1'200'000);
    // Before any drop: the modelled cycle from the nearest dip site (Fenhe reservoir).
    auto modelled = at(kT0 + 1'200'000);
    EXPECT_EQ(modelled.dipSiteId, "WS-FENHE");
    EXPECT_FALSE(modelled.cycleMeasured);
    ASSERT_TRUE(modelled.cycleSeconds.has_value());
    const double dipToFire = greatCircleMeters({38.0520, 111.9270}, fire);
    EXPECT_NEAR(*modelled.cycleSeconds, 2 * dipToFire / (150 / 3.6) + 30 + 10 + 60, 1.0);
    EXPECT_DOUBLE_EQ(*modelled.etaSeconds, 0.0);  // on task

    // Three drops 9 minutes apart: 9 min cycle, 6.67 drops per hour.
    for (int i = 0; i < 3; ++i)
        accept(RecordDrop{kZ8, "WS-FENHE"}, kT0 + 1'500'000 + i * 540'000);
    auto measured = at(kT0 + 2'700'000);
    EXPECT_EQ(measured.drops, 3u);
    EXPECT_TRUE(measured.cycleMeasured);
    EXPECT_NEAR(*measured.cycleSeconds, 540.0, 1e-9);
    EXPECT_NEAR(*measured.dropsPerHour, 3600.0 / 540.0, 1e-9);
}

}  // namespace

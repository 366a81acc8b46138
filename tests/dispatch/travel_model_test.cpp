#include <gtest/gtest.h>

#include <random>

#include "dispatch/air_travel_model.h"
#include "dispatch/ground_travel_model.h"
#include "dispatch_world.h"

namespace flameblue::testing {
namespace {

using dispatch::StartKind;
using dispatch::TravelMode;
using dispatch::TravelSubject;

const dispatch::TravelModelConfig& config() {
    return shanxiRecommender().config();
}

// The band arithmetic written out from the file's values, independently of the model.
double expectedDrivingSeconds(double meters) {
    double seconds = 0.0;
    double from = 0.0;
    for (const auto& b : config().ground.speedBands) {
        const double to = b.upToKm ? *b.upToKm * 1000.0 : 1e12;
        const double part = std::max(0.0, std::min(meters, to) - from);
        seconds += part * b.detour / (b.speedKmh / 3.6);
        from = to;
    }
    return seconds;
}

TravelSubject engine() {
    TravelSubject s;
    s.unitType = "engine";
    s.stationClass = "class1";
    return s;
}

TEST(GroundTravelModel, BandsFromTheFileAndNoJumpAtBandEdges) {
    const auto& g = shanxiRecommender().groundModel();
    const auto& bands = config().ground.speedBands;
    ASSERT_GE(bands.size(), 2U);
    // Within the first band: straight x detour at the city speed.
    EXPECT_NEAR(g.bandSeconds(2000.0), 2000.0 * bands[0].detour / (bands[0].speedKmh / 3.6), 1e-9);
    // Time grows with distance and never jumps at a band edge.
    const double edge = *bands[0].upToKm * 1000.0;
    EXPECT_NEAR(g.bandSeconds(edge - 1.0), g.bandSeconds(edge + 1.0), 0.5);
    double previous = 0.0;
    for (double m = 0.0; m < 200'000.0; m += 250.0) {
        const double t = g.bandSeconds(m);
        EXPECT_GE(t, previous);
        previous = t;
    }
    EXPECT_NEAR(g.bandSeconds(100'000.0), expectedDrivingSeconds(100'000.0), 1e-6);
}

TEST(GroundTravelModel, TurnoutFromTheFile) {
    const auto& g = shanxiRecommender().groundModel();
    const auto& t = config().ground;
    EXPECT_EQ(g.startDelaySeconds(engine()), t.defaultTurnoutSeconds);
    EXPECT_EQ(t.defaultTurnoutSeconds, 80.0);  // NFPA 1710 fire turnout, the documented default
    TravelSubject forest = engine();
    forest.unitType = "forest_team";
    forest.stationClass = "forest_grassland";
    EXPECT_EQ(g.startDelaySeconds(forest),
              std::max(t.turnoutSecondsByUnitType.at("forest_team"),
                       t.turnoutSecondsByStationClass.at("forest_grassland")));
    TravelSubject volunteer = engine();
    volunteer.stationClass = "volunteer";
    EXPECT_EQ(g.startDelaySeconds(volunteer), t.turnoutSecondsByStationClass.at("volunteer"));
    TravelSubject rolling = engine();
    rolling.mobile = true;
    EXPECT_EQ(g.startDelaySeconds(rolling), t.mobileTurnoutSeconds);
    EXPECT_EQ(g.startKind(rolling), StartKind::MobileTurnout);
}

TEST(GroundTravelModel, MountainPenaltyWhereTheLineMeetsTheLuliangRange) {
    const auto& g = shanxiRecommender().groundModel();
    const core::LatLon lishi{37.515, 111.15};  // LL-S01, in the Luliang mountains
    const core::LatLon taiyuan{37.8706, 112.5489};
    const core::LatLon yuci{37.695, 112.74};  // JZ-S01, in the Fen valley
    const auto across = g.estimate(engine(), lishi, taiyuan);
    EXPECT_EQ(across.mountainZoneId, "luliang");
    EXPECT_DOUBLE_EQ(across.mountainFactor, config().ground.mountainZones[0].factor);
    EXPECT_NEAR(across.travelSeconds,
                expectedDrivingSeconds(across.greatCircleMeters) * across.mountainFactor, 1e-6);
    const auto valley = g.estimate(engine(), taiyuan, yuci);
    EXPECT_TRUE(valley.mountainZoneId.empty());
    EXPECT_DOUBLE_EQ(valley.mountainFactor, 1.0);
    // Yangquan sits in the Taihang range.
    EXPECT_EQ(g.estimate(engine(), taiyuan, {37.862, 113.59}).mountainZoneId, "taihang");
}

TEST(GroundTravelModel, BreakdownAddsUp) {
    const auto& g = shanxiRecommender().groundModel();
    const auto e = g.estimate(engine(), {37.8706, 112.5489}, {37.695, 112.74});  // to Yuci
    EXPECT_EQ(e.mode, TravelMode::Ground);
    double legs = 0.0;
    double road = 0.0;
    for (const auto& leg : e.legs) {
        legs += leg.seconds;
        road += leg.roadMeters;
    }
    EXPECT_NEAR(e.travelSeconds, legs * e.mountainFactor, 1e-6);
    EXPECT_NEAR(e.routeMeters, road, 1e-6);
    EXPECT_NEAR(e.totalSeconds, e.startDelaySeconds + e.travelSeconds, 1e-9);
    EXPECT_GT(e.detourFactor, 1.0);
    EXPECT_EQ(e.speedClass, "county_road");
}

TEST(TravelModels, LowerBoundsNeverExceedTheModel) {
    const auto& g = shanxiRecommender().groundModel();
    const auto& a = shanxiRecommender().airModel();
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lat(34.6, 40.7);
    std::uniform_real_distribution<double> lon(110.2, 114.6);
    TravelSubject heli;
    heli.kind = core::UnitKind::Aircraft;
    heli.aircraftType = shanxi().findAircraftType("bell412");
    for (int i = 0; i < 2000; ++i) {
        const core::LatLon p{lat(rng), lon(rng)};
        const core::LatLon q{lat(rng), lon(rng)};
        const double d = core::greatCircleMeters(p, q);
        EXPECT_LE(g.movingSecondsLowerBound(d), g.movingSeconds(engine(), p, q, d) + 1e-9);
        heli.bucketRigged = i % 2 == 0;
        EXPECT_LE(a.movingSecondsLowerBound(d), a.movingSeconds(heli, p, q, d) + 1e-9);
    }
}

TEST(AirTravelModel, LaunchByReadinessThenGreatCircleAtCruiseOrBucketSpeed) {
    const auto& a = shanxiRecommender().airModel();
    const data::AircraftType* z8 = shanxi().findAircraftType("z8");
    ASSERT_NE(z8, nullptr);
    TravelSubject s;
    s.kind = core::UnitKind::Aircraft;
    s.aircraftType = z8;
    s.readiness = "hot_standby";
    const core::LatLon base{37.51, 112.48};
    const core::LatLon fire{38.5, 111.6};
    const auto cruise = a.estimate(s, base, fire);
    EXPECT_EQ(cruise.start, StartKind::LaunchHotStandby);
    EXPECT_DOUBLE_EQ(cruise.startDelaySeconds, shanxi().launchDelayHotMin * 60.0);
    EXPECT_NEAR(cruise.travelSeconds, cruise.greatCircleMeters / (z8->cruiseKmh / 3.6), 1e-6);
    s.readiness = "normal";
    s.bucketRigged = true;
    const auto bucket = a.estimate(s, base, fire);
    EXPECT_DOUBLE_EQ(bucket.startDelaySeconds, shanxi().launchDelayNormalMin * 60.0);
    EXPECT_NEAR(bucket.travelSeconds, bucket.greatCircleMeters / (*z8->bucketKmh / 3.6), 1e-6);
    EXPECT_EQ(bucket.speedClass, "bucket");
    s.airborne = true;
    EXPECT_EQ(a.estimate(s, base, fire).start, StartKind::Airborne);
    EXPECT_DOUBLE_EQ(a.startDelaySeconds(s), config().air.airborneLaunchDelayMinutes * 60.0);
}

TEST(AirTravelModel, DropCycleAndEndurance) {
    const auto& a = shanxiRecommender().airModel();
    const data::AircraftType* ka32 = shanxi().findAircraftType("ka32");
    ASSERT_NE(ka32, nullptr);
    TravelSubject s;
    s.kind = core::UnitKind::Aircraft;
    s.aircraftType = ka32;
    s.readiness = "hot_standby";
    s.bucketRigged = true;
    const core::LatLon base{37.51, 112.48};
    const core::LatLon fire{37.45, 111.80};
    const core::WaterSource* dip = shanxi().findWaterSource("WS-LL-01");
    ASSERT_NE(dip, nullptr);
    const auto sortie = a.sortie(s, base, fire, base, dip);
    ASSERT_TRUE(sortie.waterDrop);
    const auto& w = *sortie.waterDrop;
    const double mps = *ka32->bucketKmh / 3.6;
    const double dipToFire = core::greatCircleMeters(dip->position, fire);
    const auto& air = config().air;
    EXPECT_NEAR(w.cycleSeconds,
                2.0 * dipToFire / mps + air.dipSeconds + air.dropSeconds + air.manoeuvreSeconds,
                1e-6);
    EXPECT_NEAR(w.dropsPerHour, 3600.0 / w.cycleSeconds, 1e-9);
    const auto& e = sortie.endurance;
    ASSERT_TRUE(e.known);
    const double out = core::greatCircleMeters(base, fire) / mps;
    EXPECT_NEAR(e.workingSeconds, *ka32->enduranceMin * 60.0 - 2.0 * out - ka32->reserveMin * 60.0,
                1e-6);
    EXPECT_TRUE(e.feasible);
    ASSERT_TRUE(w.dropsWithinEndurance);
    EXPECT_EQ(*w.dropsWithinEndurance, static_cast<int>(e.workingSeconds / w.cycleSeconds));
    // Too far to fly out, work and come back with the reserve.
    const auto far = a.sortie(s, base, {34.8, 110.3}, base, dip);
    EXPECT_FALSE(far.endurance.feasible);
    EXPECT_LE(far.endurance.workingSeconds, 0.0);
}

}  // namespace
}  // namespace flameblue::testing

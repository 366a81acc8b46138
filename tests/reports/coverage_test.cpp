// The province coverage grid on constructed cases: a station emptied shows its gap at once, and
// every incremental update leaves exactly what a full recompute gives.
#include <gtest/gtest.h>

#include <memory>
#include <random>

#include "reports/coverage_grid.h"

namespace flameblue::reports {
namespace {

// Turnout 60 s, then 10 m/s in a straight line (detour 1): a crew reaches 2.4 km in 5 minutes.
dispatch::GroundModelConfig simpleModel(bool mountain) {
    dispatch::GroundModelConfig c;
    c.defaultTurnoutSeconds = 60.0;
    c.mobileTurnoutSeconds = 30.0;
    c.speedBands.push_back({"city", std::nullopt, 36.0, 1.0});
    if (mountain) {
        dispatch::MountainZone z;
        z.id = "ridge";
        z.factor = 1.5;
        z.polygon = {{37.10, 112.10}, {37.10, 112.20}, {37.20, 112.20}, {37.20, 112.10}};
        c.mountainZones.push_back(z);
    }
    c.maxDistanceKm = 150.0;
    return c;
}

constexpr core::LatLon kSouthWest{37.0, 112.0};

CoverageUnit unitAt(const std::string& id, const std::string& station, const core::LatLon& p,
                    double turnout = 60.0) {
    return {id, station, true, p, turnout};
}

void expectSameAsFullRecompute(const CoverageGrid& g) {
    CoverageGrid fresh = g;
    fresh.recomputeAll();
    ASSERT_EQ(fresh.seconds().size(), g.seconds().size());
    for (std::size_t c = 0; c < g.seconds().size(); ++c) {
        ASSERT_EQ(fresh.seconds()[c], g.seconds()[c]) << "cell " << c;
        ASSERT_EQ(fresh.nearest()[c], g.nearest()[c]) << "cell " << c;
    }
}

TEST(ProvinceGrid, CellsInsideAnOutlineAreAtMostTheCellSize) {
    // A 0.5 x 0.5 degree square with a square hole: even-odd.
    const std::vector<std::vector<core::LatLon>> rings = {
        {{37.0, 112.0}, {37.0, 112.5}, {37.5, 112.5}, {37.5, 112.0}},
        {{37.2, 112.2}, {37.2, 112.3}, {37.3, 112.3}, {37.3, 112.2}}};
    const ProvinceGrid g(rings, 1.0);
    ASSERT_GT(g.size(), 0u);
    EXPECT_FALSE(g.cellAt({37.25, 112.25}).has_value()) << "in the hole";
    EXPECT_TRUE(g.cellAt({37.1, 112.1}).has_value());
    EXPECT_FALSE(g.cellAt({36.9, 112.1}).has_value());
    // Every cell is at most 1 km on a side.
    const core::LatLon c = g.centre(0);
    EXPECT_LE(core::greatCircleMeters(c, {c.latDeg + g.latStep(), c.lonDeg}), 1000.5);
    EXPECT_LE(core::greatCircleMeters(c, {c.latDeg, c.lonDeg + g.lonStep()}), 1000.5);
    // About the area: 55.6 km x 44.4 km minus 11.1 km x 8.9 km.
    EXPECT_NEAR(static_cast<double>(g.size()), 55.6 * 44.4 - 11.1 * 8.9, 120.0);
}

TEST(CoverageGrid, AStationEmptiedShowsItsGapAtOnce) {
    const dispatch::GroundTravelModel model(simpleModel(false));
    auto grid = std::make_shared<const ProvinceGrid>(ProvinceGrid::box(kSouthWest, 40, 40, 1.0));
    CoverageGrid cov(grid, model, {300.0, 150'000.0});
    const core::LatLon s1 = grid->centre(*grid->cellAt({37.0 + 10.5 / 111.195, 112.1}));
    const core::LatLon s2 = grid->centre(*grid->cellAt({37.0 + 30.5 / 111.195, 112.35}));
    cov.setUnits({unitAt("S1-E1", "S1", s1), unitAt("S2-E1", "S2", s2)});
    const std::size_t coveredBefore = cov.coveredCells();
    const std::size_t atS1 = *grid->cellAt(s1);
    EXPECT_FLOAT_EQ(cov.seconds()[atS1], 60.0f) << "turnout only, in quarters";
    EXPECT_EQ(cov.nearest()[atS1], 0);
    // Two disjoint circles of 2.4 km: about 2 x pi x 2.4^2 = 36 cells.
    EXPECT_NEAR(static_cast<double>(coveredBefore), 36.0, 8.0);

    // S1's only engine is dispatched to a big incident: its area is now S2's, far away.
    CoverageUnit gone = cov.units()[0];
    gone.counts = false;
    const std::size_t changed = cov.update(gone);
    EXPECT_GT(changed, 0u);
    EXPECT_GT(cov.seconds()[atS1], 300.0f);
    EXPECT_EQ(cov.nearest()[atS1], 1);
    EXPECT_NEAR(cov.seconds()[atS1], 60.0 + core::greatCircleMeters(s1, s2) / 10.0, 0.01);
    EXPECT_NEAR(static_cast<double>(cov.coveredCells()), coveredBefore / 2.0, 4.0);
    EXPECT_EQ(cov.firstArrival(s1).second, 1);
    expectSameAsFullRecompute(cov);

    // Back in quarters: the gap closes again.
    gone.counts = true;
    cov.update(gone);
    EXPECT_FLOAT_EQ(cov.seconds()[atS1], 60.0f);
    EXPECT_EQ(cov.coveredCells(), coveredBefore);
    expectSameAsFullRecompute(cov);
}

TEST(CoverageGrid, EveryIncrementalUpdateEqualsAFullRecompute) {
    const dispatch::GroundTravelModel model(simpleModel(true));
    auto grid = std::make_shared<const ProvinceGrid>(ProvinceGrid::box(kSouthWest, 30, 36, 1.0));
    CoverageGrid cov(grid, model, {300.0, 20'000.0});  // a short cap: some cells unreached
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lat(37.0, 37.0 + 30.0 / 111.195);
    std::uniform_real_distribution<double> lon(112.0, 112.4);
    std::vector<CoverageUnit> units;
    for (int i = 0; i < 12; ++i) {
        units.push_back(unitAt("U" + std::to_string(i), "S" + std::to_string(i / 2),
                               {lat(rng), lon(rng)}, i % 3 == 0 ? 30.0 : 60.0));
    }
    cov.setUnits(units);
    expectSameAsFullRecompute(cov);
    for (int step = 0; step < 150; ++step) {
        CoverageUnit u = cov.units()[rng() % cov.units().size()];
        switch (rng() % 4) {
            case 0:
                u.counts = !u.counts;
                break;
            case 1:
                u.position = {lat(rng), lon(rng)};
                break;
            case 2:
                u.startDelaySeconds = u.startDelaySeconds == 30.0 ? 60.0 : 30.0;
                break;
            default:
                u = unitAt("N" + std::to_string(step), "SN", {lat(rng), lon(rng)});
                break;
        }
        cov.update(u);
        expectSameAsFullRecompute(cov);
    }
}

TEST(CoverageGrid, ReachOutlineFollowsTheModel) {
    const dispatch::GroundTravelModel model(simpleModel(false));
    const core::LatLon at{37.5, 112.5};
    const auto ring = reachOutline(model, at, 60.0, 300.0, 24);
    ASSERT_EQ(ring.size(), 24u);
    for (const auto& p : ring) {
        EXPECT_NEAR(core::greatCircleMeters(at, p), 2400.0, 1.0);
    }
    EXPECT_TRUE(reachOutline(model, at, 400.0, 300.0).empty()) << "turnout beyond the circle";
}

}  // namespace
}  // namespace flameblue::reports

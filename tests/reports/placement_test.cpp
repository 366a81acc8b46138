// Station placement (maximal covering) on constructed cases with known optima: the classic case
// where greedy is beaten, solved exactly by GLPK with greedy's bound holding, and a strip of
// uncovered cells where k sites of known reach have a known best.
#include <gtest/gtest.h>

#include <memory>
#include <numbers>

#include "reports/placement.h"

namespace flameblue::reports {
namespace {

TEST(MaxCover, ExactBeatsGreedyWhereGreedyIsKnownToFailAndTheBoundHolds) {
    // Demand a1 (1), b1 (1), c1 (2), c2 (2). Sites A = {a1, c1}, B = {b1, c2}, C = {c1, c2}.
    // Greedy takes C (4) then A or B (+1) = 5; the optimum is A + B = 6.
    MaxCoverInstance in;
    in.weight = {1.0, 1.0, 2.0, 2.0};
    in.covers = {{0, 2}, {1, 3}, {2, 3}};
    const MaxCoverSolution s = solveMaxCover(in, 2, true, 5.0, 100);
    ASSERT_EQ(s.greedy.size(), 2u);
    EXPECT_EQ(s.greedy[0], 2u);
    EXPECT_DOUBLE_EQ(s.greedyValue, 5.0);
    EXPECT_EQ(s.exactStatus, ExactStatus::Optimal);
    EXPECT_DOUBLE_EQ(s.exactValue, 6.0);
    std::vector<std::size_t> exact = s.exact;
    std::sort(exact.begin(), exact.end());
    EXPECT_EQ(exact, (std::vector<std::size_t>{0, 1}));
    EXPECT_TRUE(s.provenOptimal);
    EXPECT_GE(s.upperBound, 6.0);
}

TEST(MaxCover, GreedyBoundIsValidAndExactOverASubsetIsMarked) {
    // 30 sites over 60 points; the bound from greedy must hold for the exact optimum.
    MaxCoverInstance in;
    in.weight.assign(60, 1.0);
    for (std::uint32_t j = 0; j < 30; ++j) {
        std::vector<std::uint32_t> c;
        for (std::uint32_t d = 0; d < 60; ++d) {
            if ((d * 7 + j * 3) % 11 < 3 || d == j) {
                c.push_back(d);
            }
        }
        in.covers.push_back(c);
    }
    const MaxCoverSolution all = solveMaxCover(in, 4, true, 5.0, 1000);
    ASSERT_EQ(all.exactStatus, ExactStatus::Optimal);
    EXPECT_GE(all.exactValue, all.greedyValue);
    const MaxCoverSolution greedyOnly = solveMaxCover(in, 4, false, 5.0, 1000);
    EXPECT_GE(greedyOnly.upperBound + 1e-9, all.exactValue);
    EXPECT_GE(greedyOnly.greedyValue, (1.0 - 1.0 / std::numbers::e) * all.exactValue - 1e-9);
    const MaxCoverSolution subset = solveMaxCover(in, 4, true, 5.0, 10);
    EXPECT_NE(subset.exactStatus, ExactStatus::Optimal);
    EXPECT_GE(subset.exactValue, subset.greedyValue) << "the greedy sites are in the subset";
}

TEST(Placement, TwoSitesOnAStripOfUncoveredCellsCoverTenCells) {
    // Turnout 60 s then 10 m/s: a site covers the cells within 2.4 km, i.e. 5 cells of a 1 km
    // strip. No unit anywhere: every cell is demand. Two sites cover 10 of 12 cells at best.
    dispatch::GroundModelConfig c;
    c.defaultTurnoutSeconds = 60.0;
    c.mobileTurnoutSeconds = 30.0;
    c.speedBands.push_back({"city", std::nullopt, 36.0, 1.0});
    c.maxDistanceKm = 150.0;
    const dispatch::GroundTravelModel model(c);
    auto grid = std::make_shared<const ProvinceGrid>(ProvinceGrid::box({37.0, 112.0}, 1, 12, 1.0));
    CoverageGrid cov(grid, model, {300.0, 150'000.0});
    cov.setUnits({});
    PlacementOptions o;
    o.k = 2;
    o.startDelaySeconds = 60.0;
    const PlacementAnswer a = placeSites(cov, {}, o);
    EXPECT_EQ(a.candidates, 12u);
    EXPECT_DOUBLE_EQ(a.demand, 12.0);
    ASSERT_EQ(a.greedy.size(), 2u);
    EXPECT_DOUBLE_EQ(a.greedyValue, 10.0);
    EXPECT_EQ(a.greedy[0].cells, 5u);
    EXPECT_EQ(a.exactStatus, ExactStatus::Optimal);
    EXPECT_DOUBLE_EQ(a.exactValue, 10.0);
    EXPECT_TRUE(a.provenOptimal);
    // A mobile site (30 s turnout) reaches 2.7 km: still 5 cells each on this strip; with
    // three sites the whole strip (12 cells) is covered.
    o.k = 3;
    o.startDelaySeconds = 30.0;
    const PlacementAnswer three = placeSites(cov, {}, o);
    EXPECT_DOUBLE_EQ(three.exactValue, 12.0);
    // A place outside the circle weighs as asked.
    o.k = 1;
    o.placeWeight = 100.0;
    const std::vector<CoveragePlace> places = {
        {"seat", "县城", "County seat", "county_seat", grid->centre(11)}};
    const PlacementAnswer seat = placeSites(cov, places, o);
    ASSERT_EQ(seat.greedy.size(), 1u);
    EXPECT_EQ(seat.greedy[0].places, std::vector<std::string>{"seat"});
    EXPECT_DOUBLE_EQ(seat.greedyValue, 105.0) << "the seat and the 5 cells around it";
}

}  // namespace
}  // namespace flameblue::reports

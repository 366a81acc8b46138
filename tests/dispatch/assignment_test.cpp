#include "dispatch/assignment.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "dispatch/spatial_grid.h"

namespace flameblue::dispatch {
namespace {

using Edge = AssignmentProblem::Edge;

TEST(Assignment, OptimalBeatsGreedyWhenAnAllRounderIsTakenEarly) {
    // Slot 0 needs an engine, slot 1 a ladder. Unit 0 is a ladder that can also pump and is
    // nearest; unit 1 an engine just behind it; unit 2 a ladder from far away.
    AssignmentProblem p;
    p.unitCount = 3;
    p.slots = {{{0, 120.0}, {1, 180.0}}, {{0, 120.0}, {2, 2400.0}}};
    const auto greedy = assignGreedy(p);
    EXPECT_EQ(greedy.unitForSlot, (std::vector<int>{0, 2}));
    EXPECT_EQ(*greedy.bottleneckSeconds, 2400.0);
    const auto best = assignOptimal(p);
    EXPECT_EQ(best.unitForSlot, (std::vector<int>{1, 0}));
    EXPECT_EQ(*best.bottleneckSeconds, 180.0);
    EXPECT_EQ(best.totalSeconds, 300.0);
}

TEST(Assignment, FillsAsManySlotsAsPossibleBeforeAnythingElse) {
    // Unit 0 fits both slots; unit 1 only slot 0, but late. Both slots must be filled.
    AssignmentProblem p;
    p.unitCount = 2;
    p.slots = {{{0, 60.0}, {1, 5000.0}}, {{0, 90.0}}};
    const auto best = assignOptimal(p);
    EXPECT_EQ(best.filled, 2);
    EXPECT_EQ(best.unitForSlot, (std::vector<int>{1, 0}));
}

TEST(Assignment, UnfillableSlotStaysEmpty) {
    AssignmentProblem p;
    p.unitCount = 1;
    p.slots = {{{0, 60.0}}, {{0, 70.0}}, {}};
    const auto best = assignOptimal(p);
    EXPECT_EQ(best.filled, 1);
    EXPECT_EQ(best.unitForSlot[2], -1);
    EXPECT_EQ(*best.bottleneckSeconds, 60.0);
}

TEST(Assignment, PreferenceOnlyBreaksTies) {
    // Two equally fast units for two interchangeable slots: the preference decides.
    AssignmentProblem p;
    p.unitCount = 2;
    p.slots = {{{0, 100.0, 0.002}, {1, 100.0, 0.001}}, {{0, 100.0, 0.0}, {1, 100.0, 0.0}}};
    EXPECT_EQ(assignOptimal(p).unitForSlot, (std::vector<int>{1, 0}));
}

// Every assignment, for checking the lexicographic optimum on small problems.
void bruteForce(const AssignmentProblem& p, std::size_t slot, std::vector<int>& cur,
                std::vector<bool>& used, int& bestFilled, double& bestMax, double& bestSum) {
    if (slot == p.slots.size()) {
        int filled = 0;
        double mx = 0.0;
        double sum = 0.0;
        for (std::size_t s = 0; s < cur.size(); ++s) {
            if (cur[s] < 0) {
                continue;
            }
            for (const auto& e : p.slots[s]) {
                if (e.unit == cur[s]) {
                    ++filled;
                    mx = std::max(mx, e.seconds);
                    sum += e.seconds;
                }
            }
        }
        const bool better =
            filled > bestFilled ||
            (filled == bestFilled &&
             (mx < bestMax - 1e-9 || (std::abs(mx - bestMax) < 1e-9 && sum < bestSum - 1e-9)));
        if (better) {
            bestFilled = filled;
            bestMax = mx;
            bestSum = sum;
        }
        return;
    }
    cur[slot] = -1;
    bruteForce(p, slot + 1, cur, used, bestFilled, bestMax, bestSum);
    for (const auto& e : p.slots[slot]) {
        if (!used[static_cast<std::size_t>(e.unit)]) {
            used[static_cast<std::size_t>(e.unit)] = true;
            cur[slot] = e.unit;
            bruteForce(p, slot + 1, cur, used, bestFilled, bestMax, bestSum);
            used[static_cast<std::size_t>(e.unit)] = false;
        }
    }
    cur[slot] = -1;
}

TEST(Assignment, MatchesBruteForceOnRandomProblems) {
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> seconds(60, 3600);
    for (int round = 0; round < 300; ++round) {
        AssignmentProblem p;
        p.unitCount = 1 + static_cast<int>(rng() % 6);
        p.slots.resize(1 + rng() % 5);
        for (auto& slot : p.slots) {
            for (int u = 0; u < p.unitCount; ++u) {
                if (rng() % 3 != 0) {
                    slot.push_back({u, static_cast<double>(seconds(rng))});
                }
            }
        }
        std::vector<int> cur(p.slots.size(), -1);
        std::vector<bool> used(static_cast<std::size_t>(p.unitCount), false);
        int filled = -1;
        double mx = std::numeric_limits<double>::max();
        double sum = std::numeric_limits<double>::max();
        bruteForce(p, 0, cur, used, filled, mx, sum);
        const auto best = assignOptimal(p);
        ASSERT_EQ(best.filled, filled) << "round " << round;
        if (filled > 0) {
            EXPECT_DOUBLE_EQ(*best.bottleneckSeconds, mx) << "round " << round;
            EXPECT_DOUBLE_EQ(best.totalSeconds, sum) << "round " << round;
        }
    }
}

TEST(SpatialGrid, RingWalkFindsTheSameNearestAsAFullScan) {
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> lat(34.6, 40.7);
    std::uniform_real_distribution<double> lon(110.2, 114.6);
    std::vector<SpatialGrid::Entry> entries;
    for (std::uint32_t i = 0; i < 3000; ++i) {
        entries.push_back({{lat(rng), lon(rng)}, i});
    }
    const SpatialGrid grid(entries);
    for (int q = 0; q < 200; ++q) {
        // Some queries fall outside the points' box.
        const core::LatLon at{lat(rng) + (q % 10 == 0 ? 3.0 : 0.0), lon(rng)};
        constexpr std::size_t k = 10;
        std::vector<std::pair<double, std::uint32_t>> best;
        grid.walk(
            at, [&](double ring) { return best.size() >= k && ring > best.front().first; },
            [&](const SpatialGrid::Entry& e) {
                best.emplace_back(core::greatCircleMeters(at, e.position), e.id);
                std::push_heap(best.begin(), best.end());
                if (best.size() > k) {
                    std::pop_heap(best.begin(), best.end());
                    best.pop_back();
                }
            });
        std::sort(best.begin(), best.end());
        std::vector<std::pair<double, std::uint32_t>> all;
        for (const auto& e : entries) {
            all.emplace_back(core::greatCircleMeters(at, e.position), e.id);
        }
        std::sort(all.begin(), all.end());
        all.resize(k);
        EXPECT_EQ(best, all) << "query " << q;
    }
}

}  // namespace
}  // namespace flameblue::dispatch

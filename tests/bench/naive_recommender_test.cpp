// recommend_bench's baseline times every trip as the recommender does: for every unit the
// recommender proposes, the baseline's arrival time is the recommender's to the microsecond.
// (A baseline with another distance function would be measuring different work.)
#include "naive_recommender.h"

#include <gtest/gtest.h>

#include "dispatch/dispatch_world.h"

namespace flameblue::testing {
namespace {

struct Place {
    const char* name;
    core::LatLon position;
};

// City centre, mountains on the western flank, the far north, the south-east.
const Place kPlaces[] = {{"Taiyuan centre", {37.8706, 112.5489}},
                         {"Luliang mountains", {37.62, 111.45}},
                         {"Datong", {40.0936, 113.2914}},
                         {"Jincheng outskirts", {35.55, 112.92}}};

class NaiveBaseline : public ::testing::Test {
protected:
    void SetUp() override {
        m_state = shanxiState();
        // Some units on the road with fresh fixes (mobile), some with stale ones.
        int n = 0;
        for (const auto& u : shanxi().units) {
            if (u.spec.kind != core::UnitKind::Ground || ++n % 5 != 0) {
                continue;
            }
            const core::Station* home = shanxi().findStation(u.spec.stationId);
            core::PositionFix fix;
            fix.position = {home->position.latDeg + 0.03, home->position.lonDeg - 0.02};
            fix.speedKmh = 45.0;
            fix.fixTime = n % 10 == 0 ? kT0 : m_state.lastEventTime();
            applyOne(m_state, core::PositionReported{u.spec.id, fix});
        }
        m_now = nowOf(m_state);
    }

    core::State m_state;
    core::TimeMs m_now = 0;
};

TEST_F(NaiveBaseline, TimesEveryProposedUnitAsTheRecommenderDoes) {
    const dispatch::Recommender& rec = shanxiRecommender();
    int compared = 0;
    for (const Place& place : kPlaces) {
        for (const auto& plan : rec.plans().plans) {
            const auto req = draft(plan.incidentType, 2, place.position, m_now);
            auto r = rec.recommend(m_state, req);
            ASSERT_TRUE(r.ok()) << r.error().message;
            for (const auto& slot : r->slots) {
                std::vector<const dispatch::CandidateUnit*> proposed;
                if (slot.pick) {
                    proposed.push_back(&*slot.pick);
                }
                for (const auto& a : slot.alternatives) {
                    proposed.push_back(&a);
                }
                for (const dispatch::CandidateUnit* c : proposed) {
                    if (c->airSubstitute) {
                        continue;  // stands in for another capability: not a baseline query
                    }
                    const core::Unit* unit = m_state.unit(c->unitId);
                    ASSERT_NE(unit, nullptr) << c->unitId;
                    const auto eta = bench::naiveEtaSeconds(rec, shanxi(), m_state, *unit,
                                                            slot.slot, place.position, m_now);
                    ASSERT_TRUE(eta.has_value()) << c->unitId;
                    EXPECT_NEAR(*eta, c->eta.totalSeconds, 1e-6)
                        << c->unitId << " to " << place.name << " for " << plan.incidentType
                        << " slot " << slot.slot.index;
                    ++compared;
                }
            }
        }
    }
    EXPECT_GT(compared, 200);
}

// The baseline answers the same question: one pick per fillable slot, none twice, and its first
// pick is no later than the recommender's fastest unit for that slot.
TEST_F(NaiveBaseline, PicksTheFastestEligibleUnitPerSlot) {
    const dispatch::Recommender& rec = shanxiRecommender();
    const auto req = draft("building_fire", 2, kPlaces[0].position, m_now);
    auto r = rec.recommend(m_state, req);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const auto picks = bench::naiveRecommend(rec, shanxi(), m_state, req);
    ASSERT_EQ(picks.size(), static_cast<size_t>(r->filledSlots));
    std::set<core::Id> seen;
    for (const auto& p : picks) {
        EXPECT_TRUE(seen.insert(p.unitId).second) << p.unitId;
    }
    double fastest = std::numeric_limits<double>::infinity();
    for (const auto& c : r->slots[0].alternatives) {
        fastest = std::min(fastest, c.eta.totalSeconds);
    }
    fastest = std::min(fastest, r->slots[0].pick->eta.totalSeconds);
    EXPECT_LE(picks[0].etaSeconds, fastest + 1e-6);
}

}  // namespace
}  // namespace flameblue::testing

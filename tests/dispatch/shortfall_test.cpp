// Hand-built states: shortfall reasons, aviation past the threshold, optimal against greedy.
#include <gtest/gtest.h>

#include "dispatch/assignment.h"
#include "dispatch_world.h"

namespace flameblue::testing {
namespace {

using dispatch::AviationReason;
using dispatch::PlanLine;
using dispatch::Recommendation;
using dispatch::ShortfallReason;

const core::LatLon kFire{37.8706, 112.5489};  // central Taiyuan

core::UnitSpec spec(const char* id, const char* station, const char* type,
                    std::vector<std::string> caps) {
    core::UnitSpec u = unit(id, station, std::move(caps));
    u.unitType = type;
    return u;
}

// A world with its own stations and units, recommended by the real travel model and a one-level
// run card for `type`.
class HandBuilt : public ::testing::Test {
protected:
    HandBuilt() {
        applyAll(
            m_state,
            {core::StationUpserted{station("TY-X", "taiyuan", {37.8650, 112.5600})},
             core::StationUpserted{station("TY-Y", "taiyuan", {37.8900, 112.5300})},
             core::StationUpserted{station("DT-X", "datong", {40.08, 113.30})},
             core::StationUpserted{station("YC-X", "taiyuan", {37.51, 112.48}, "aviation_base")}});
    }

    void add(core::UnitSpec u, int staffing) { applyOne(m_state, core::UnitUpserted{u, staffing}); }

    Recommendation recommend(const std::string& type, std::vector<PlanLine> lines,
                             core::TimeMs now = 0) {
        dispatch::ResponsePlans plans;
        dispatch::ResponsePlan plan;
        plan.incidentType = type;
        plan.addsByLevel.resize(5);
        plan.addsByLevel[0] = std::move(lines);
        plans.plans.push_back(plan);
        const dispatch::Recommender rec(shanxi(), plans, shanxiRecommender().config());
        auto r = rec.recommend(m_state, draft(type, 1, kFire, now != 0 ? now : nowOf(m_state)));
        EXPECT_TRUE(r.ok()) << r.error().message;
        return r.ok() ? std::move(r).value() : Recommendation{};
    }

    Recommendation oneRescue() {
        return recommend("traffic_accident", {{"rescue", 1, {}, false, ""}});
    }

    core::State m_state;
};

TEST_F(HandBuilt, NoUnitWithTheCapability) {
    add(spec("TY-X-E1", "TY-X", "engine", {"fire_suppression"}), 5);
    const auto r = oneRescue();
    ASSERT_EQ(r.shortfalls, 1);
    const auto& s = *r.slots[0].shortfall;
    EXPECT_EQ(s.reason, ShortfallReason::NoUnitWithCapability);
    EXPECT_EQ(s.unitsWithCapability, 0);
    EXPECT_FALSE(s.bestPartial);
    EXPECT_NE(s.text.find("no unit anywhere has rescue"), std::string::npos) << s.text;
}

TEST_F(HandBuilt, AllCommittedOrOutOfService) {
    add(spec("TY-X-R1", "TY-X", "rescue", {"rescue"}), 5);
    add(spec("TY-Y-R1", "TY-Y", "rescue", {"rescue"}), 5);
    core::IncidentCreated other;
    other.id = "INC-20261129-0003";
    other.type = "traffic_accident";
    other.position = {37.9, 112.6};
    other.received = kT0;
    applyOne(m_state, other);
    applyOne(m_state, core::UnitsDispatched{other.id, {"TY-X-R1"}});
    applyOne(m_state, core::UnitStatusChanged{"TY-Y-R1", core::UnitStatus::OutOfService, {}});
    const auto r = oneRescue();
    ASSERT_EQ(r.shortfalls, 1);
    const auto& s = *r.slots[0].shortfall;
    EXPECT_EQ(s.reason, ShortfallReason::AllCommitted);
    EXPECT_EQ(s.committed, 1);
    EXPECT_EQ(s.outOfService, 1);
    ASSERT_TRUE(s.bestPartial);
    EXPECT_EQ(s.bestPartial->unitId, "TY-X-R1");
    EXPECT_NE(s.bestPartialNote.find("dispatched for INC-20261129-0003"), std::string::npos)
        << s.bestPartialNote;
}

TEST_F(HandBuilt, Understaffed) {
    add(spec("TY-X-R1", "TY-X", "rescue", {"rescue"}), 1);
    const auto r = oneRescue();
    const auto& s = *r.slots[0].shortfall;
    EXPECT_EQ(s.reason, ShortfallReason::Understaffed);
    ASSERT_TRUE(s.bestPartial);
    EXPECT_EQ(s.bestPartial->unitId, "TY-X-R1");
    const int needed = shanxiRecommender().config().staffing.minFor("rescue");
    EXPECT_NE(s.bestPartialNote.find("1 aboard, needs " + std::to_string(needed)),
              std::string::npos)
        << s.bestPartialNote;
}

TEST_F(HandBuilt, BeyondTheDistanceCapWithTheNeighbouringCityAsBestPartialAnswer) {
    add(spec("DT-X-R1", "DT-X", "rescue", {"rescue"}), 5);
    const auto r = oneRescue();
    const auto& s = *r.slots[0].shortfall;
    EXPECT_EQ(s.reason, ShortfallReason::BeyondDistanceCap);
    ASSERT_TRUE(s.bestPartial);
    EXPECT_EQ(s.bestPartial->unitId, "DT-X-R1");
    EXPECT_GT(s.bestPartial->eta.greatCircleMeters,
              shanxiRecommender().config().ground.maxDistanceKm * 1000.0);
    EXPECT_NE(s.bestPartialNote.find("beyond the 150 km cap"), std::string::npos)
        << s.bestPartialNote;
}

TEST_F(HandBuilt, AllStaleWhenOnlyAnUntrustedFixWouldHaveQualified) {
    // A Datong rescue unit last seen in Taiyuan an hour ago: at its home station it is beyond
    // the cap, and its fix is too old to trust.
    add(spec("DT-X-R1", "DT-X", "rescue", {"rescue"}), 5);
    const core::TimeMs now = nowOf(m_state) + 3'600'000;
    applyOne(m_state,
             core::PositionReported{"DT-X-R1", {{37.88, 112.55}, {}, {}, {}, now - 3'600'000}});
    const auto r = recommend("traffic_accident", {{"rescue", 1, {}, false, ""}}, now);
    const auto& s = *r.slots[0].shortfall;
    EXPECT_EQ(s.reason, ShortfallReason::AllStale);
    EXPECT_EQ(s.stale, 1);
    ASSERT_TRUE(s.bestPartial);
    EXPECT_EQ(s.bestPartial->positionSource, dispatch::PositionSource::HomeStationStaleFix);
}

TEST_F(HandBuilt, TakenByOtherSlots) {
    add(spec("TY-X-E1", "TY-X", "engine", {"fire_suppression"}), 5);
    const auto r = recommend("building_fire", {{"fire_suppression", 2, {}, false, ""}});
    ASSERT_EQ(r.filledSlots, 1);
    ASSERT_EQ(r.shortfalls, 1);
    EXPECT_EQ(r.slots[1].shortfall->reason, ShortfallReason::TakenByOtherSlots) << dump(r);
    EXPECT_EQ(r.slots[1].shortfall->takenByOtherSlots, 1);
}

TEST_F(HandBuilt, AircraftJoinWhenTheBestGroundArrivalIsBeyondTheThreshold) {
    // The only rescue team is 100 km away; a hoist helicopter waits at Yaocheng.
    applyOne(m_state, core::StationUpserted{station("XZ-X", "xinzhou", {38.72, 112.71})});
    add(spec("XZ-X-R1", "XZ-X", "rescue", {"rescue"}), 5);
    add(unit("AV-Z8-01", "YC-X", {"air_rescue"}, core::UnitKind::Aircraft), 4);
    const auto r = oneRescue();
    SCOPED_TRACE(dump(r));
    const auto& slot = r.slots[0];
    EXPECT_EQ(slot.aviation, AviationReason::GroundBeyondThreshold);
    ASSERT_TRUE(slot.pick);
    EXPECT_EQ(slot.pick->unitId, "AV-Z8-01");
    EXPECT_TRUE(slot.pick->airSubstitute);
    EXPECT_EQ(slot.pick->capabilityUsed, "air_rescue");
    ASSERT_EQ(slot.alternatives.size(), 1U);
    EXPECT_EQ(slot.alternatives[0].unitId, "XZ-X-R1");
    EXPECT_GT(slot.alternatives[0].eta.totalSeconds,
              shanxiRecommender().config().aviation.thresholdMinutes * 60.0);

    // With a team close by, aircraft stay out of a traffic accident.
    add(spec("TY-X-R1", "TY-X", "rescue", {"rescue"}), 5);
    const auto near = oneRescue();
    EXPECT_EQ(near.slots[0].aviation, AviationReason::None);
    EXPECT_EQ(near.slots[0].pick->unitId, "TY-X-R1");
}

TEST_F(HandBuilt, OptimalAssignmentBeatsGreedy) {
    // A ladder that also pumps stands next to the fire, an engine 3 km away, and the only
    // other ladder is 40 km out. Greedy sends the ladder as the engine and the far ladder late.
    applyOne(m_state, core::StationUpserted{station("JZ-X", "jinzhong", {37.70, 112.90})});
    add(spec("TY-X-L1", "TY-X", "aerial_ladder", {"aerial_ladder", "fire_suppression"}), 3);
    add(spec("TY-Y-E1", "TY-Y", "engine", {"fire_suppression"}), 5);
    add(spec("JZ-X-L1", "JZ-X", "aerial_ladder", {"aerial_ladder"}), 3);
    const auto r = recommend("building_fire", {{"fire_suppression", 1, {}, false, ""},
                                               {"aerial_ladder", 1, {}, false, ""}});
    SCOPED_TRACE(dump(r));
    ASSERT_EQ(r.filledSlots, 2);
    EXPECT_EQ(r.slots[0].pick->unitId, "TY-Y-E1");
    EXPECT_EQ(r.slots[1].pick->unitId, "TY-X-L1");
    // The engine slot says the ladder was sooner but is needed as the ladder.
    EXPECT_EQ(r.slots[0].explanation.fasterUnitId, "TY-X-L1");
    EXPECT_EQ(r.slots[0].explanation.fasterUnitSlotIndex, 1);

    // Greedy on the same candidates and times.
    dispatch::AssignmentProblem p;
    std::vector<std::string> ids;
    const auto column = [&](const std::string& id) {
        const auto it = std::find(ids.begin(), ids.end(), id);
        if (it != ids.end()) {
            return static_cast<int>(it - ids.begin());
        }
        ids.push_back(id);
        return static_cast<int>(ids.size() - 1);
    };
    for (const auto& s : r.slots) {
        std::vector<dispatch::AssignmentProblem::Edge> edges;
        edges.push_back({column(s.pick->unitId), s.pick->eta.totalSeconds});
        for (const auto& a : s.alternatives) {
            edges.push_back({column(a.unitId), a.eta.totalSeconds});
        }
        if (s.explanation.fasterUnitId) {
            const double t = s.pick->eta.totalSeconds - *s.explanation.fasterUnitSecondsSooner;
            edges.push_back({column(*s.explanation.fasterUnitId), t});
        }
        p.slots.push_back(edges);
    }
    p.unitCount = static_cast<int>(ids.size());
    const auto greedy = dispatch::assignGreedy(p);
    EXPECT_EQ(ids[static_cast<std::size_t>(greedy.unitForSlot[1])], "JZ-X-L1");
    ASSERT_TRUE(r.bottleneckSeconds);
    EXPECT_GT(*greedy.bottleneckSeconds, *r.bottleneckSeconds + 15 * 60.0);
    EXPECT_EQ(dispatch::assignOptimal(p).bottleneckSeconds, r.bottleneckSeconds);
}

}  // namespace
}  // namespace flameblue::testing

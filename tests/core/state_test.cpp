#include <gtest/gtest.h>

#include "../support/test_world.h"
#include "core/affected.h"
#include "core/decide.h"

using namespace flameblue::core;
using namespace flameblue::testing;

namespace {

class StateTest : public ::testing::Test {
protected:
    void SetUp() override { applyAll(state, rosterEvents()); }
    void accept(const Command& c) {
        auto r = decide(state, ref, ctx, c);
        ASSERT_TRUE(r.ok()) << r.error().message;
        applyAll(state, *r, ctx.now, ctx.operatorId);
        ctx.now += 60'000;
    }
    State state;
    Reference ref = testReference();
    CommandContext ctx{"dispatcher-1", "console-a", kT0 + 60'000};
};

TEST_F(StateTest, RosterIsLoaded) {
    EXPECT_EQ(state.stations().size(), 4u);
    EXPECT_EQ(state.units().size(), 5u);
    EXPECT_EQ(state.unit("TY-E1")->staffing, 5);
    EXPECT_EQ(state.unit("AV-Z8-01")->spec.kind, UnitKind::Aircraft);
    EXPECT_TRUE(state.waterSource("WS-FENHE")->dipSite);
    EXPECT_EQ(state.lastSeq(), rosterEvents().size());
}

TEST_F(StateTest, FullIncidentLifeCycleKeepsTheStandardTimestamps) {
    accept(CreateIncident{"building_fire", 1, taiyuanCentre(), "", "", {}});
    const Id id = state.incidents().begin()->first;
    const TimeMs received = state.incident(id)->received;
    accept(DispatchUnits{id, {"TY-E1", "TY-E2"}});
    const TimeMs dispatched = *state.incident(id)->firstDispatched;
    accept(SetUnitStatus{"TY-E1", UnitStatus::EnRoute, {}});
    accept(SetUnitStatus{"TY-E1", UnitStatus::OnScene, {}});
    accept(AddNote{id, "二楼冒烟, 无人员被困"});
    accept(SetIncidentStatus{id, IncidentStatus::UnderControl});
    accept(ReleaseUnits{id, {"TY-E2"}});
    accept(SetIncidentStatus{id, IncidentStatus::Closed});

    const Incident& inc = *state.incident(id);
    EXPECT_EQ(inc.status, IncidentStatus::Closed);
    EXPECT_LT(received, dispatched);
    ASSERT_EQ(inc.assignments.size(), 2u);
    const Assignment& e1 = inc.assignments[0];
    ASSERT_TRUE(e1.enRoute && e1.onScene && e1.released);
    EXPECT_LT(*e1.enRoute, *e1.onScene);
    EXPECT_LT(*inc.underControl, *inc.closed);
    EXPECT_EQ(*e1.released, *inc.closed);  // closing releases what is still there
    ASSERT_EQ(inc.notes.size(), 1u);
    EXPECT_EQ(inc.notes[0].operatorId, "dispatcher-1");
    EXPECT_EQ(inc.notes[0].text, "二楼冒烟, 无人员被困");
    // TY-E2 never left quarters: available. TY-E1 was on scene: returning.
    EXPECT_EQ(state.unit("TY-E2")->status, UnitStatus::Available);
    EXPECT_EQ(state.unit("TY-E1")->status, UnitStatus::Returning);
    EXPECT_TRUE(state.unit("TY-E1")->incidentId.empty());
}

TEST_F(StateTest, ReturningUnitCanBeRetasked) {
    accept(CreateIncident{"building_fire", 1, taiyuanCentre(), "", "", {}});
    const Id first = state.incidents().rbegin()->first;
    accept(DispatchUnits{first, {"TY-E1"}});
    accept(SetUnitStatus{"TY-E1", UnitStatus::OnScene, {}});
    accept(ReleaseUnits{first, {}});
    EXPECT_EQ(state.unit("TY-E1")->status, UnitStatus::Returning);
    accept(CreateIncident{"traffic_accident", 1, taiyuanCentre(), "", "", {}});
    const Id second = state.incidents().rbegin()->first;
    ASSERT_NE(first, second);
    accept(DispatchUnits{second, {"TY-E1"}});
    EXPECT_EQ(state.unit("TY-E1")->incidentId, second);
}

TEST_F(StateTest, FoldIsDeterministic) {
    State other;
    applyAll(other, rosterEvents());
    EXPECT_EQ(state, other);
    accept(CreateIncident{"building_fire", 1, taiyuanCentre(), "", "", {}});
    EXPECT_FALSE(state == other);
}

TEST_F(StateTest, AffectedNamesTheIncidentOfAUnitBeingCleared) {
    accept(CreateIncident{"building_fire", 1, taiyuanCentre(), "", "", {}});
    const Id id = state.incidents().begin()->first;
    accept(DispatchUnits{id, {"TY-E1"}});
    const Affected a = affectedBy(state, UnitStatusChanged{"TY-E1", UnitStatus::Available, {}});
    ASSERT_EQ(a.incidents.size(), 1u);
    EXPECT_EQ(a.incidents[0], id);
}

}  // namespace

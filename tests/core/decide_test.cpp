#include <gtest/gtest.h>

#include "../support/test_world.h"
#include "core/decide.h"

using namespace flameblue::core;
using namespace flameblue::testing;

namespace {

class DecideTest : public ::testing::Test {
protected:
    void SetUp() override { applyAll(state, rosterEvents()); }

    Result<std::vector<EventPayload>> run(const Command& c) { return decide(state, ref, ctx, c); }
    // Decides and applies; fails the test when refused.
    void accept(const Command& c) {
        auto r = run(c);
        ASSERT_TRUE(r.ok()) << r.error().message;
        applyAll(state, *r, ctx.now);
        ctx.now += 5000;
    }
    Id createFire() {
        accept(CreateIncident{"building_fire", 1, taiyuanCentre(), "迎泽大街1号", "smoke", {}});
        return state.incidents().rbegin()->first;
    }

    State state;
    Reference ref = testReference();
    CommandContext ctx{"dispatcher-1", "console-a", kT0 + 60'000};
};

TEST_F(DecideTest, CreateIncidentNumbersPerDayInChinaTime) {
    auto r = run(CreateIncident{"building_fire", 2, taiyuanCentre(), "", "", {}});
    ASSERT_TRUE(r.ok());
    const auto& created = std::get<IncidentCreated>(r->front());
    // Numbered by the Beijing date, not the UTC one.
    EXPECT_EQ(created.id, "INC-20261129-0001");
    EXPECT_EQ(created.city, "taiyuan");
    EXPECT_EQ(created.received, ctx.now);
    applyAll(state, *r);
    auto second = run(CreateIncident{"building_fire", 1, datongCentre(), "", "", {}});
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(std::get<IncidentCreated>(second->front()).id, "INC-20261129-0002");
    EXPECT_EQ(std::get<IncidentCreated>(second->front()).city, "datong");
}

TEST_F(DecideTest, BadIncidentInputNamesTheField) {
    auto nanLat = run(CreateIncident{"building_fire", 1, {std::nan(""), 112.5}, "", "", {}});
    ASSERT_FALSE(nanLat.ok());
    EXPECT_EQ(nanLat.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(nanLat.error().message.find("position.lat"), std::string::npos);

    auto lon = run(CreateIncident{"building_fire", 1, {37.8, 200.0}, "", "", {}});
    ASSERT_FALSE(lon.ok());
    EXPECT_NE(lon.error().message.find("position.lon"), std::string::npos);
    EXPECT_NE(lon.error().message.find("200"), std::string::npos);

    auto level = run(CreateIncident{"building_fire", 6, taiyuanCentre(), "", "", {}});
    ASSERT_FALSE(level.ok());
    EXPECT_NE(level.error().message.find("level"), std::string::npos);

    auto type = run(CreateIncident{"alien_landing", 1, taiyuanCentre(), "", "", {}});
    ASSERT_FALSE(type.ok());
    EXPECT_NE(type.error().message.find("alien_landing"), std::string::npos);

    auto longAddress =
        run(CreateIncident{"building_fire", 1, taiyuanCentre(), std::string(300, 'x'), "", {}});
    ASSERT_FALSE(longAddress.ok());
    EXPECT_NE(longAddress.error().message.find("address"), std::string::npos);

    auto badUtf8 = run(CreateIncident{"building_fire", 1, taiyuanCentre(), "\xff\xfe", "", {}});
    ASSERT_FALSE(badUtf8.ok());
    EXPECT_NE(badUtf8.error().message.find("UTF-8"), std::string::npos);
}

TEST_F(DecideTest, DispatchOnlyAvailableUnitsToOpenIncidents) {
    const Id fire = createFire();
    accept(DispatchUnits{fire, {"TY-E1", "TY-L1"}});
    EXPECT_EQ(state.unit("TY-E1")->status, UnitStatus::Dispatched);
    EXPECT_EQ(state.incident(fire)->status, IncidentStatus::Active);
    ASSERT_TRUE(state.incident(fire)->firstDispatched.has_value());

    auto again = run(DispatchUnits{fire, {"TY-E1"}});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::FailedPrecondition);

    const Id other = createFire();
    auto busy = run(DispatchUnits{other, {"TY-E2", "TY-E1"}});
    ASSERT_FALSE(busy.ok());
    EXPECT_EQ(busy.error().code, ErrorCode::FailedPrecondition);
    EXPECT_NE(busy.error().message.find("TY-E1"), std::string::npos);
    EXPECT_NE(busy.error().message.find(fire), std::string::npos);

    auto unknown = run(DispatchUnits{other, {"NOPE-1"}});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);

    auto noIncident = run(DispatchUnits{"INC-19700101-0001", {"TY-E2"}});
    ASSERT_FALSE(noIncident.ok());
    EXPECT_EQ(noIncident.error().code, ErrorCode::NotFound);

    auto twice = run(DispatchUnits{other, {"TY-E2", "TY-E2"}});
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, ErrorCode::InvalidArgument);
}

TEST_F(DecideTest, OutOfServiceUnitCannotBeDispatched) {
    const Id fire = createFire();
    accept(SetUnitStatus{"TY-E2", UnitStatus::OutOfService, {}});
    auto r = run(DispatchUnits{fire, {"TY-E2"}});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("out_of_service"), std::string::npos);
}

TEST_F(DecideTest, InvalidStatusTransitionIsRefused) {
    auto r = run(SetUnitStatus{"TY-E1", UnitStatus::OnScene, {}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::FailedPrecondition);
    EXPECT_NE(r.error().message.find("available"), std::string::npos);
    auto staffing = run(SetUnitStatus{"TY-E1", UnitStatus::Available, 9});
    ASSERT_FALSE(staffing.ok());
    EXPECT_NE(staffing.error().message.find("staffing"), std::string::npos);
}

TEST_F(DecideTest, ClosingAClosedIncidentIsRefused) {
    const Id fire = createFire();
    accept(SetIncidentStatus{fire, IncidentStatus::Closed});
    auto r = run(SetIncidentStatus{fire, IncidentStatus::Closed});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::FailedPrecondition);
    auto note = run(AddNote{fire, "late note"});
    ASSERT_FALSE(note.ok());
    EXPECT_EQ(note.error().code, ErrorCode::FailedPrecondition);
}

TEST_F(DecideTest, ReleaseNeedsTheUnitOnTheIncident) {
    const Id fire = createFire();
    auto r = run(ReleaseUnits{fire, {"TY-E1"}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::FailedPrecondition);
    auto none = run(ReleaseUnits{fire, {}});
    ASSERT_FALSE(none.ok());
}

TEST_F(DecideTest, FixValidation) {
    PositionFix fix{taiyuanCentre(), 400.0, {}, {}, ctx.now};
    auto heading = run(ReportPosition{"TY-E1", fix});
    ASSERT_FALSE(heading.ok());
    EXPECT_NE(heading.error().message.find("heading_deg"), std::string::npos);
    fix.headingDeg = 90.0;
    fix.fixTime = ctx.now + 3'600'000;
    auto future = run(ReportPosition{"TY-E1", fix});
    ASSERT_FALSE(future.ok());
    EXPECT_NE(future.error().message.find("future"), std::string::npos);
    fix.fixTime = 0;
    auto ok = run(ReportPosition{"TY-E1", fix});
    ASSERT_TRUE(ok.ok());
    EXPECT_EQ(std::get<PositionReported>(ok->front()).fix.fixTime, ctx.now);
    auto unknown = run(ReportPosition{"GHOST", fix});
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
}

TEST_F(DecideTest, UpdateNeedsAChange) {
    const Id fire = createFire();
    auto r = run(UpdateIncident{fire, {}, {}, {}, {}, {}});
    ASSERT_FALSE(r.ok());
    accept(UpdateIncident{fire, {}, 3, {}, {}, {}});
    EXPECT_EQ(state.incident(fire)->level, 3);
}

}  // namespace

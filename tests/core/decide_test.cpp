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

// ---- Positions that are no place (item: an incident anywhere on Earth was accepted) ----

TEST_F(DecideTest, UnsetPositionIsRefusedEverywhere) {
    auto create = run(CreateIncident{"building_fire", 1, {0.0, 0.0}, "", "", {}});
    ASSERT_FALSE(create.ok());
    EXPECT_EQ(create.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(create.error().message.find("position: (0, 0) is an unset position"),
              std::string::npos)
        << create.error().message;

    const Id fire = createFire();
    auto update = run(UpdateIncident{fire, {}, {}, LatLon{0.0, 0.0}, {}, {}});
    ASSERT_FALSE(update.ok());
    EXPECT_NE(update.error().message.find("unset"), std::string::npos) << update.error().message;

    // Unit and aircraft reports are not limited to the province, but (0, 0) is no fix.
    auto report = run(ReportPosition{"AV-Z8-01", PositionFix{{0.0, 0.0}, {}, {}, {}, ctx.now}});
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.error().message.find("fix: (0, 0)"), std::string::npos)
        << report.error().message;
    auto beijing = run(ReportPosition{"AV-Z8-01", PositionFix{{39.9, 116.4}, {}, {}, {}, 0}});
    EXPECT_TRUE(beijing.ok()) << beijing.error().message;
}

// ---- Free text and times (item: blank names, control characters, 1970) ----

TEST_F(DecideTest, ControlCharactersAreRefusedWhereTheyDoNotBelong) {
    auto address =
        run(CreateIncident{"building_fire", 1, taiyuanCentre(), "迎泽大街\n1号", "", {}});
    ASSERT_FALSE(address.ok());
    EXPECT_EQ(address.error().message,
              "address: control character U+000A at byte 12; expected one line of printable "
              "text");
    // C1 controls (U+0085 NEXT LINE) and DEL are control characters too.
    auto c1 = run(CreateIncident{"building_fire",
                                 1,
                                 taiyuanCentre(),
                                 "a\xc2\x85"
                                 "b",
                                 "",
                                 {}});
    ASSERT_FALSE(c1.ok());
    EXPECT_NE(c1.error().message.find("U+0085"), std::string::npos) << c1.error().message;
    auto del = run(CreateIncident{"building_fire", 1, taiyuanCentre(), "a\x7f", "", {}});
    ASSERT_FALSE(del.ok());
    EXPECT_NE(del.error().message.find("U+007F"), std::string::npos) << del.error().message;

    // Descriptions and notes keep line feeds and tabs, nothing else.
    auto multiLine = run(CreateIncident{
        "building_fire", 1, taiyuanCentre(), "迎泽大街1号", "3楼冒烟\n\t报警人: 王先生", {}});
    EXPECT_TRUE(multiLine.ok()) << multiLine.error().message;
    auto bell = run(CreateIncident{"building_fire", 1, taiyuanCentre(), "", "smoke\a", {}});
    ASSERT_FALSE(bell.ok());
    EXPECT_NE(bell.error().message.find("description: control character U+0007 at byte 5"),
              std::string::npos)
        << bell.error().message;
    const Id fire = createFire();
    auto carriageReturn = run(AddNote{fire, "line\r\nnext"});
    ASSERT_FALSE(carriageReturn.ok());
    EXPECT_NE(carriageReturn.error().message.find("text: control character U+000D"),
              std::string::npos);
    auto blankNote = run(AddNote{fire, " \t\u3000 "});
    ASSERT_FALSE(blankNote.ok());
    EXPECT_EQ(blankNote.error().message, "text: must not be empty or blank");
    // An overlong encoding of '/' is not valid UTF-8, though it has the right bit pattern.
    auto overlong = run(AddNote{fire,
                                "a\xc0\xaf"
                                "b"});
    ASSERT_FALSE(overlong.ok());
    EXPECT_EQ(overlong.error().message, "text: not valid UTF-8 at byte 1");
}

TEST_F(DecideTest, ReceivedTimeMustBeCloseToNow) {
    auto epoch = run(CreateIncident{"building_fire", 1, taiyuanCentre(), "", "", TimeMs{1000}});
    ASSERT_FALSE(epoch.ok());
    EXPECT_EQ(epoch.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(epoch.error().message.rfind("received: 1970-01-01T00:00:01Z is outside the accepted "
                                          "window 2026-11-27T20:01:00Z .. 2026-11-28T20:06:00Z",
                                          0),
              0U)
        << epoch.error().message;
    auto future =
        run(CreateIncident{"building_fire", 1, taiyuanCentre(), "", "", ctx.now + 3'600'000});
    ASSERT_FALSE(future.ok());
    EXPECT_NE(future.error().message.find("2026-11-28T21:01:00Z"), std::string::npos)
        << future.error().message;
    // An alarm taken an hour ago and entered now is accepted.
    auto late =
        run(CreateIncident{"building_fire", 1, taiyuanCentre(), "", "", ctx.now - 3'600'000});
    ASSERT_TRUE(late.ok()) << late.error().message;
    EXPECT_EQ(std::get<IncidentCreated>(late->front()).received, ctx.now - 3'600'000);
}

// ---- Refusals name the field, the entity, its state and what was expected ----

TEST_F(DecideTest, FailedPreconditionsNameFieldEntityAndExpectation) {
    const Id fire = createFire();
    accept(DispatchUnits{fire, {"TY-E1"}});
    auto twice = run(DispatchUnits{fire, {"TY-E1"}});
    ASSERT_FALSE(twice.ok());
    EXPECT_EQ(twice.error().code, ErrorCode::FailedPrecondition);
    EXPECT_EQ(twice.error().message,
              "unit_ids: unit \"TY-E1\" is already dispatched on incident \"" + fire +
                  "\"; expected a unit not yet on it");

    const Id other = createFire();
    auto busy = run(DispatchUnits{other, {"TY-E1"}});
    ASSERT_FALSE(busy.ok());
    EXPECT_EQ(busy.error().message, "unit_ids: unit \"TY-E1\" is dispatched on incident \"" + fire +
                                        "\"; expected available or returning");

    auto notThere = run(ReleaseUnits{other, {"TY-E1"}});
    ASSERT_FALSE(notThere.ok());
    EXPECT_EQ(notThere.error().message, "unit_ids: unit \"TY-E1\" is dispatched on incident \"" +
                                            fire + "\"; expected a unit on incident \"" + other +
                                            "\"");

    auto nobody = run(ReleaseUnits{other, {}});
    ASSERT_FALSE(nobody.ok());
    EXPECT_NE(nobody.error().message.find("unit_ids: empty (release every unit), but incident \"" +
                                          other + "\" has no unit on it"),
              std::string::npos)
        << nobody.error().message;

    auto onScene = run(SetUnitStatus{"TY-E2", UnitStatus::OnScene, {}});
    ASSERT_FALSE(onScene.ok());
    EXPECT_EQ(onScene.error().message,
              "status: unit \"TY-E2\" is available and cannot go to on_scene; expected "
              "out_of_service");
    auto same = run(SetUnitStatus{"TY-E2", UnitStatus::Available, {}});
    ASSERT_FALSE(same.ok());
    EXPECT_EQ(same.error().message,
              "status: unit \"TY-E2\" is already available with staffing 4; expected a different "
              "status or staffing");

    accept(SetIncidentStatus{other, IncidentStatus::Closed});
    auto reopen = run(SetIncidentStatus{other, IncidentStatus::UnderControl});
    ASSERT_FALSE(reopen.ok());
    EXPECT_EQ(reopen.error().message, "status: incident \"" + other +
                                          "\" is closed and cannot go to under_control; expected "
                                          "none (it is final)");
    auto late = run(AddNote{other, "late note"});
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, ErrorCode::FailedPrecondition);
    EXPECT_EQ(
        late.error().message.rfind("incident_id: incident \"" + other + "\" is closed since ", 0),
        0U)
        << late.error().message;
    EXPECT_NE(late.error().message.find("; expected an open incident"), std::string::npos);
}

}  // namespace

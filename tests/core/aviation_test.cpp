#include <gtest/gtest.h>

#include "../support/test_world.h"
#include "core/aviation_decide.h"
#include "core/codec.h"
#include "core/decide.h"

using namespace flameblue::core;
using namespace flameblue::testing;

namespace {

constexpr const char* kZ8 = "AV-Z8-01";

class AviationTest : public ::testing::Test {
protected:
    void SetUp() override { applyAll(state, rosterEvents()); }

    Result<std::vector<EventPayload>> run(const Command& c) { return decide(state, ref, ctx, c); }
    std::vector<EventPayload> accept(const Command& c) {
        auto r = run(c);
        EXPECT_TRUE(r.ok()) << r.error().message;
        if (!r.ok())
            return {};
        applyAll(state, *r, ctx.now, ctx.operatorId);
        ctx.now += 5000;
        return *r;
    }
    Error refuse(const Command& c) {
        auto r = run(c);
        EXPECT_FALSE(r.ok());
        return r.ok() ? Error{} : r.error();
    }
    const AircraftMission& mission() { return *state.aviation().mission(kZ8); }
    Id taskToFire() {
        accept(CreateIncident{"forest_grassland_fire", 2, {37.95, 112.20}, "", "", {}});
        const Id inc = state.incidents().rbegin()->first;
        accept(DispatchUnits{inc, {kZ8}});
        return inc;
    }
    std::size_t bannerAlerts() {
        std::size_t n = 0;
        for (const auto& [id, a] : state.aviation().alerts)
            n += a.onBanner() ? 1 : 0;
        return n;
    }

    State state;
    Reference ref = testReference();
    CommandContext ctx{"coordinator-1", "console-av", kT0 + 60'000};
};

TEST(MissionTable, TransitionsAndUnitStatus) {
    using M = MissionState;
    EXPECT_TRUE(canChangeMission(M::Launching, M::EnRoute));
    EXPECT_TRUE(canChangeMission(M::OnTask, M::Returning));
    EXPECT_TRUE(canChangeMission(M::Returning, M::Landed));
    EXPECT_TRUE(canChangeMission(M::Landed, M::Ready));
    EXPECT_FALSE(canChangeMission(M::Ready, M::EnRoute));
    EXPECT_FALSE(canChangeMission(M::Ready, M::Launching));  // only by tasking
    EXPECT_FALSE(canChangeMission(M::OnTask, M::Landed));
    EXPECT_FALSE(canChangeMission(M::Maintenance, M::Launching));
    EXPECT_TRUE(canTaskFrom(M::Returning));
    EXPECT_FALSE(canTaskFrom(M::Maintenance));
    EXPECT_EQ(unitStatusFor(M::OnTask), UnitStatus::OnScene);
    EXPECT_EQ(unitStatusFor(M::Landed), UnitStatus::Available);
    EXPECT_EQ(missionFollowing(UnitStatus::Available, M::Returning), M::Landed);
    EXPECT_EQ(missionFollowing(UnitStatus::Available, M::Launching), M::Ready);
    EXPECT_EQ(missionFollowing(UnitStatus::Available, M::Landed), M::Landed);
}

TEST(Squawk, ValidityAndEmergencies) {
    EXPECT_TRUE(isValidSquawk(7700));
    EXPECT_TRUE(isValidSquawk(1200));
    EXPECT_FALSE(isValidSquawk(7780));  // 8 is not an octal digit
    EXPECT_FALSE(isValidSquawk(10000));
    EXPECT_FALSE(isValidSquawk(-1));
    EXPECT_TRUE(isEmergencySquawk(7500));
    EXPECT_TRUE(isEmergencySquawk(7600));
    EXPECT_TRUE(isEmergencySquawk(7700));
    EXPECT_FALSE(isEmergencySquawk(7000));
}

TEST_F(AviationTest, FleetAircraftStartReadyAndGroundUnitsHaveNoMission) {
    EXPECT_EQ(mission().state, MissionState::Ready);
    EXPECT_EQ(state.aviation().mission("TY-E1"), nullptr);
    EXPECT_EQ(refuse(SetMissionState{"TY-E1", MissionState::Maintenance, ""}).code,
              ErrorCode::FailedPrecondition);
}

TEST_F(AviationTest, DispatchIsTaskingAndTheSortieIsTimestamped) {
    const Id inc = taskToFire();
    EXPECT_EQ(mission().state, MissionState::Launching);
    EXPECT_EQ(mission().incidentId, inc);
    const TimeMs launched = mission().since;

    accept(SetMissionState{kZ8, MissionState::EnRoute, "airborne"});
    EXPECT_EQ(state.unit(kZ8)->status, UnitStatus::EnRoute);
    ASSERT_TRUE(mission().airborneSince.has_value());
    accept(SetMissionState{kZ8, MissionState::OnTask, ""});
    EXPECT_EQ(state.unit(kZ8)->status, UnitStatus::OnScene);
    EXPECT_TRUE(state.incident(inc)->assignments.front().onScene.has_value());
    accept(SetMissionState{kZ8, MissionState::Returning, ""});
    EXPECT_EQ(state.unit(kZ8)->status, UnitStatus::Returning);
    EXPECT_EQ(mission().incidentId, inc);  // still known while flying home
    accept(SetMissionState{kZ8, MissionState::Landed, ""});
    EXPECT_EQ(state.unit(kZ8)->status, UnitStatus::Available);
    EXPECT_FALSE(mission().airborneSince.has_value());

    const auto& h = mission().history;
    ASSERT_EQ(h.size(), 5u);
    EXPECT_EQ(h[0].state, MissionState::Launching);
    EXPECT_EQ(h[0].time, launched);
    EXPECT_EQ(h[4].state, MissionState::Landed);
    for (std::size_t i = 1; i < h.size(); ++i)
        EXPECT_GT(h[i].time, h[i - 1].time);

    accept(SetMissionState{kZ8, MissionState::Ready, ""});
    EXPECT_EQ(mission().state, MissionState::Ready);
    EXPECT_TRUE(mission().incidentId.empty());
}

TEST_F(AviationTest, UnitStatusReportsMoveTheMission) {
    const Id inc = taskToFire();
    accept(SetUnitStatus{kZ8, UnitStatus::EnRoute, {}});
    EXPECT_EQ(mission().state, MissionState::EnRoute);
    accept(SetUnitStatus{kZ8, UnitStatus::OnScene, {}});
    EXPECT_EQ(mission().state, MissionState::OnTask);
    accept(ReleaseUnits{inc, {kZ8}});
    EXPECT_EQ(mission().state, MissionState::Returning);
    accept(SetUnitStatus{kZ8, UnitStatus::Available, {}});
    EXPECT_EQ(mission().state, MissionState::Landed);
    accept(SetUnitStatus{kZ8, UnitStatus::OutOfService, {}});
    EXPECT_EQ(mission().state, MissionState::Maintenance);
}

TEST_F(AviationTest, InvalidMissionChangesAreRefusedPrecisely) {
    auto e = refuse(SetMissionState{kZ8, MissionState::Launching, ""});
    EXPECT_EQ(e.code, ErrorCode::FailedPrecondition);
    EXPECT_NE(e.message.find("DispatchUnits"), std::string::npos) << e.message;
    e = refuse(SetMissionState{kZ8, MissionState::OnTask, ""});
    EXPECT_NE(e.message.find("state: aircraft \"" + std::string(kZ8) +
                             "\" is ready and cannot go to on_task; expected "),
              std::string::npos)
        << e.message;
    e = refuse(SetMissionState{kZ8, MissionState::Ready, ""});
    EXPECT_NE(e.message.find("already ready"), std::string::npos) << e.message;
    EXPECT_EQ(refuse(SetMissionState{"NOPE", MissionState::Ready, ""}).code, ErrorCode::NotFound);
    EXPECT_EQ(refuse(SetMissionState{kZ8, static_cast<MissionState>(9), ""}).code,
              ErrorCode::InvalidArgument);
    accept(SetMissionState{kZ8, MissionState::Maintenance, "gearbox inspection"});
    EXPECT_EQ(state.unit(kZ8)->status, UnitStatus::OutOfService);
    EXPECT_EQ(refuse(DispatchUnits{"X", {kZ8}}).code, ErrorCode::NotFound);
}

TEST_F(AviationTest, TakeOffIsSeenInTheFeedWhileLaunching) {
    taskToFire();
    PositionFix taxi{yaocheng(), 90.0, 15.0, 780.0, ctx.now};
    accept(ReportPosition{kZ8, taxi});
    EXPECT_FALSE(mission().airborneSince.has_value());
    PositionFix climb{{37.60, 112.40}, 320.0, 180.0, 900.0, ctx.now};
    accept(ReportPosition{kZ8, climb});
    ASSERT_TRUE(mission().airborneSince.has_value());
    EXPECT_EQ(*mission().airborneSince, climb.fixTime);
    EXPECT_EQ(mission().state, MissionState::Launching);  // the state is what people report
}

TEST_F(AviationTest, AnAircraftHeardFlyingIsAirborneWhateverItsMissionState) {
    ASSERT_EQ(mission().state, MissionState::Ready);
    PositionFix cruise{{37.60, 112.40}, 45.0, 232.0, 2438.0, ctx.now};
    accept(ReportPosition{kZ8, cruise});
    ASSERT_TRUE(mission().airborneSince.has_value());
    EXPECT_EQ(*mission().airborneSince, cruise.fixTime);
    EXPECT_EQ(mission().state, MissionState::Ready);  // the state is what people report
    // Still flying: the take-off time stays.
    PositionFix later{{37.62, 112.42}, 45.0, 220.0, 2400.0, ctx.now};
    accept(ReportPosition{kZ8, later});
    EXPECT_EQ(*mission().airborneSince, cruise.fixTime);
    // Heard taxiing at its base: landed again.
    PositionFix taxi{yaocheng(), 90.0, 12.0, 780.0, ctx.now};
    accept(ReportPosition{kZ8, taxi});
    EXPECT_FALSE(mission().airborneSince.has_value());
}

TEST_F(AviationTest, Squawk7700RaisesOneAlertUntilTheCodeChanges) {
    auto out = accept(ReportTransponder{kZ8, 7700, "YC01"});
    ASSERT_EQ(out.size(), 2u);
    const auto& raised = std::get<AlertRaised>(out[1]);
    EXPECT_EQ(raised.kind, AlertKind::EmergencySquawk);
    EXPECT_EQ(raised.squawk, 7700);
    EXPECT_EQ(raised.alertId, "ALR-1");
    EXPECT_EQ(mission().squawk, 7700);
    EXPECT_EQ(mission().flightId, "YC01");

    // The same code again (every feed message repeats it): nothing is written.
    EXPECT_TRUE(accept(ReportTransponder{kZ8, 7700, "YC01"}).empty());
    EXPECT_TRUE(accept(ReportTransponder{kZ8, {}, ""}).empty());
    EXPECT_EQ(state.aviation().alerts.size(), 1u);

    // Back to a normal code: the alert is cleared but stays on the banner until acknowledged.
    out = accept(ReportTransponder{kZ8, 1200, ""});
    ASSERT_EQ(out.size(), 2u);
    EXPECT_TRUE(std::holds_alternative<AlertCleared>(out[1]));
    const Alert& a = state.aviation().alerts.at("ALR-1");
    EXPECT_FALSE(a.active());
    EXPECT_TRUE(a.onBanner());
    EXPECT_EQ(mission().flightId, "YC01");
}

TEST_F(AviationTest, ChangingEmergencyCodeReplacesTheAlert) {
    accept(ReportTransponder{kZ8, 7600, ""});
    auto out = accept(ReportTransponder{kZ8, 7700, ""});
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(std::get<AlertCleared>(out[1]).alertId, "ALR-1");
    EXPECT_EQ(std::get<AlertRaised>(out[2]).alertId, "ALR-2");
    EXPECT_EQ(state.aviation().activeAlert(kZ8, AlertKind::EmergencySquawk)->squawk, 7700);
}

TEST_F(AviationTest, BadTransponderReportsAreRefused) {
    EXPECT_EQ(refuse(ReportTransponder{kZ8, 7780, ""}).code, ErrorCode::InvalidArgument);
    EXPECT_EQ(refuse(ReportTransponder{kZ8, 7700, std::string(40, 'X')}).code,
              ErrorCode::InvalidArgument);
    EXPECT_EQ(refuse(ReportTransponder{"TY-E1", 7700, ""}).code, ErrorCode::FailedPrecondition);
    EXPECT_TRUE(state.aviation().alerts.empty());
}

TEST_F(AviationTest, AcknowledgementIsLoggedWithOperatorAndTime) {
    accept(ReportTransponder{kZ8, 7700, ""});
    ASSERT_EQ(bannerAlerts(), 1u);
    const TimeMs ackTime = ctx.now;
    auto out = accept(AcknowledgeAlert{"ALR-1"});
    ASSERT_EQ(out.size(), 1u);
    const Alert& a = state.aviation().alerts.at("ALR-1");
    EXPECT_EQ(a.acknowledgedBy, "coordinator-1");
    EXPECT_EQ(a.acknowledged, ackTime);
    EXPECT_EQ(bannerAlerts(), 0u);
    EXPECT_TRUE(a.active());  // still squawking: acknowledged, not over

    auto e = refuse(AcknowledgeAlert{"ALR-1"});
    EXPECT_EQ(e.code, ErrorCode::FailedPrecondition);
    EXPECT_NE(e.message.find("coordinator-1"), std::string::npos) << e.message;
    EXPECT_EQ(refuse(AcknowledgeAlert{"ALR-9"}).code, ErrorCode::NotFound);
    EXPECT_EQ(refuse(AcknowledgeAlert{""}).code, ErrorCode::InvalidArgument);
}

TEST_F(AviationTest, MonitorAlertsAreRaisedOnceAndSignalLossClosesByItself) {
    accept(RaiseAlert{kZ8, AlertKind::SignalLost, "no fix for 75 s"});
    auto e = refuse(RaiseAlert{kZ8, AlertKind::SignalLost, "no fix for 76 s"});
    EXPECT_EQ(e.code, ErrorCode::FailedPrecondition);
    EXPECT_NE(e.message.find("ALR-1"), std::string::npos) << e.message;
    EXPECT_EQ(refuse(RaiseAlert{kZ8, AlertKind::EmergencySquawk, ""}).code,
              ErrorCode::InvalidArgument);
    accept(RaiseAlert{kZ8, AlertKind::LowEndurance, "34 min left, 38 min needed"});
    EXPECT_EQ(bannerAlerts(), 2u);

    accept(ClearAlert{"ALR-1", "signal restored"});
    EXPECT_EQ(bannerAlerts(), 1u);  // a signal that came back needs no acknowledgement
    EXPECT_EQ(refuse(ClearAlert{"ALR-1", ""}).code, ErrorCode::FailedPrecondition);
    // A new loss later is a new alert.
    accept(RaiseAlert{kZ8, AlertKind::SignalLost, "no fix for 61 s"});
    EXPECT_EQ(state.aviation().activeAlert(kZ8, AlertKind::SignalLost)->id, "ALR-3");
}

TEST_F(AviationTest, DropsAreRecordedWhileOnTaskAtADipSite) {
    const Id inc = taskToFire();
    auto e = refuse(RecordDrop{kZ8, "WS-FENHE"});
    EXPECT_NE(e.message.find("launching"), std::string::npos) << e.message;
    accept(SetMissionState{kZ8, MissionState::EnRoute, ""});
    accept(SetMissionState{kZ8, MissionState::OnTask, ""});
    EXPECT_EQ(refuse(RecordDrop{kZ8, "WS-NONE"}).code, ErrorCode::NotFound);
    accept(RecordDrop{kZ8, "WS-FENHE"});
    accept(RecordDrop{kZ8, ""});
    EXPECT_EQ(mission().drops.size(), 2u);
    EXPECT_EQ(mission().dipSiteId, "WS-FENHE");
    EXPECT_EQ(mission().incidentId, inc);
    EXPECT_GT(mission().drops[1], mission().drops[0]);
}

TEST_F(AviationTest, AviationEventsRoundTripThroughTheCodec) {
    const std::vector<EventPayload> payloads = {
        MissionStateChanged{kZ8, MissionState::OnTask, "在火场"},
        AlertRaised{"ALR-7", AlertKind::EmergencySquawk, kZ8, 7700, "squawk 7700"},
        AlertAcknowledged{"ALR-7"},
        AlertCleared{"ALR-7", "squawk changed to 1200"},
        TransponderChanged{kZ8, 7700, "YC01"},
        TransponderChanged{kZ8, std::nullopt, ""},
        DropRecorded{kZ8, "INC-20261129-0001", "WS-FENHE"},
    };
    for (const EventPayload& p : payloads) {
        const EventKind kind = kindOf(p);
        EXPECT_GE(static_cast<int>(kind), 20);
        EXPECT_LE(static_cast<int>(kind), 29);
        EXPECT_EQ(eventKindFromNumber(static_cast<int>(kind)), kind);
        auto back = decodePayload(kind, encodePayload(p));
        ASSERT_TRUE(back.ok()) << toString(kind) << ": " << back.error().message;
        EXPECT_EQ(*back, p);
        const std::string bytes = encodePayload(p);
        for (std::size_t n = 0; n < bytes.size(); ++n)
            EXPECT_FALSE(decodePayload(kind, bytes.substr(0, n)).ok()) << toString(kind);
    }
    EXPECT_FALSE(eventKindFromNumber(13).has_value());
    EXPECT_FALSE(eventKindFromNumber(26).has_value());
}

TEST_F(AviationTest, SnapshotKeepsMissionsAndAlerts) {
    taskToFire();
    accept(SetMissionState{kZ8, MissionState::EnRoute, ""});
    accept(ReportTransponder{kZ8, 7700, "YC01"});
    accept(AcknowledgeAlert{"ALR-1"});
    auto back = StateCodec::decode(StateCodec::encode(state));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, state);
    EXPECT_EQ(back->aviation().alerts.at("ALR-1").acknowledgedBy, "coordinator-1");
}

TEST_F(AviationTest, SnapshotFromBeforeAviationDerivesMissions) {
    taskToFire();
    std::string bytes = StateCodec::encode(state);
    // Cut the aviation section off: the shape of an older snapshot. It opens with its marker,
    // the number of missions and the first mission's id.
    const std::string marker = std::string("\xA1\x01\x08") + kZ8;
    const auto section = bytes.find(marker);
    ASSERT_NE(section, std::string::npos);
    auto back = StateCodec::decode(std::string_view(bytes).substr(0, section));
    ASSERT_TRUE(back.ok()) << back.error().message;
    ASSERT_NE(back->aviation().mission(kZ8), nullptr);
    EXPECT_EQ(back->aviation().mission(kZ8)->state, MissionState::Launching);
    // Trailing garbage after the section: an error, not a half state.
    bytes.push_back('\x01');
    EXPECT_FALSE(StateCodec::decode(bytes).ok());
}

}  // namespace

// The Aviation service in process: tracks from the log, mission states, alerts and their
// acknowledgement, and what reaches Subscribe.
#include <gtest/gtest.h>

#include "../support/live_server.h"
#include "api/aviation_mapping.h"
#include "flameblue/v1/aviation.grpc.pb.h"

using namespace flameblue;
using namespace flameblue::testing;
namespace pb = flameblue::v1;

namespace {

constexpr const char* kZ8 = "AV-Z8-01";

class AviationApi : public ::testing::Test {
protected:
    void SetUp() override { aviation = pb::Aviation::NewStub(live.channel()); }

    static void asOperator(grpc::ClientContext& ctx, const std::string& op = "coordinator-1") {
        ctx.AddMetadata("x-flameblue-operator", op);
        ctx.AddMetadata("x-flameblue-console", "aviation-console");
    }
    session::CommandResult run(core::Command c) {
        return live.session().execute({"coordinator-1", "test", 0}, std::move(c));
    }
    core::Id taskZ8() {
        EXPECT_TRUE(run(core::CreateIncident{"building_fire", 2, {37.95, 112.2}, "", "", {}}).ok());
        const core::Id inc = live.session().withState(
            [](const core::State& s, const auto&) { return s.incidents().rbegin()->first; });
        EXPECT_TRUE(run(core::DispatchUnits{inc, {kZ8}}).ok());
        return inc;
    }

    LiveServer live;
    std::unique_ptr<pb::Aviation::Stub> aviation;
};

TEST_F(AviationApi, GetTrackReadsTheAircraftsFixesFromTheLog) {
    const core::TimeMs now = session::systemNowMs();
    // Ground units report too; the track holds only the aircraft's fixes.
    for (int i = 0; i < 10; ++i) {
        const core::TimeMs t = now - 600'000 + i * 30'000;
        ASSERT_TRUE(run(core::ReportPosition{
                            kZ8, {{37.60 + i * 0.01, 112.40}, 0.0, 200.0, 500.0 + i * 100.0, t}})
                        .ok());
        ASSERT_TRUE(
            run(core::ReportPosition{"TY-E1", {{37.86, 112.56 + i * 0.001}, 0.0, 30.0, {}, t}})
                .ok());
    }
    grpc::ClientContext ctx;
    pb::GetTrackRequest req;
    req.set_aircraft_id(kZ8);
    pb::Track track;
    ASSERT_TRUE(aviation->GetTrack(&ctx, req, &track).ok());
    ASSERT_EQ(track.points_size(), 10);
    EXPECT_EQ(track.stored_points(), 10u);
    for (int i = 0; i < 10; ++i) {
        EXPECT_NEAR(track.points(i).position().lat(), 37.60 + i * 0.01, 1e-9);
        EXPECT_DOUBLE_EQ(track.points(i).altitude_m(), 500.0 + i * 100.0);
        EXPECT_DOUBLE_EQ(track.points(i).speed_kmh(), 200.0);
    }

    // A time range and thinning.
    grpc::ClientContext ctx2;
    api::toProto(now - 600'000 + 90'000, req.mutable_from());
    api::toProto(now - 600'000 + 240'000, req.mutable_to());
    pb::Track part;
    ASSERT_TRUE(aviation->GetTrack(&ctx2, req, &part).ok());
    EXPECT_EQ(part.points_size(), 6);  // fixes 3..8
    EXPECT_NEAR(part.points(0).position().lat(), 37.63, 1e-9);
    grpc::ClientContext ctx3;
    req.clear_from();
    req.clear_to();
    req.set_max_points(4);
    pb::Track thin;
    ASSERT_TRUE(aviation->GetTrack(&ctx3, req, &thin).ok());
    ASSERT_EQ(thin.points_size(), 4);
    EXPECT_EQ(thin.stored_points(), 10u);
    EXPECT_NEAR(thin.points(0).position().lat(), 37.60, 1e-9);
    EXPECT_NEAR(thin.points(3).position().lat(), 37.69, 1e-9);
}

TEST_F(AviationApi, BadTrackRequestsAreRefusedPrecisely) {
    auto call = [&](pb::GetTrackRequest req) {
        grpc::ClientContext ctx;
        pb::Track t;
        return aviation->GetTrack(&ctx, req, &t);
    };
    pb::GetTrackRequest req;
    EXPECT_EQ(call(req).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    req.set_aircraft_id("TY-E1");
    EXPECT_EQ(call(req).error_code(), grpc::StatusCode::NOT_FOUND);
    req.set_aircraft_id(kZ8);
    req.mutable_from()->set_seconds(2000);
    req.mutable_to()->set_seconds(1000);
    auto st = call(req);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(st.error_message().find("from"), std::string::npos);
    req.clear_from();
    req.clear_to();
    req.mutable_session()->set_id("drill-unknown");
    EXPECT_EQ(call(req).error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(AviationApi, MissionStatesThroughTheServiceAndTheirRefusals) {
    taskZ8();
    auto set = [&](pb::MissionState s, bool withOperator = true) {
        grpc::ClientContext ctx;
        if (withOperator)
            asOperator(ctx);
        pb::SetMissionStateRequest req;
        req.set_aircraft_id(kZ8);
        req.set_state(s);
        pb::CommandReply reply;
        return aviation->SetMissionState(&ctx, req, &reply);
    };
    // Every command names its operator.
    EXPECT_EQ(set(pb::MISSION_STATE_EN_ROUTE, false).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_TRUE(set(pb::MISSION_STATE_EN_ROUTE).ok());
    auto st = set(pb::MISSION_STATE_LANDED);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_NE(st.error_message().find("is en_route and cannot go to landed; expected"),
              std::string::npos)
        << st.error_message();
    EXPECT_EQ(set(static_cast<pb::MissionState>(42)).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);

    grpc::ClientContext ctx;
    pb::GetRequest get;
    get.set_id(kZ8);
    pb::Aircraft a;
    ASSERT_TRUE(live.stub().GetAircraft(&ctx, get, &a).ok());
    EXPECT_EQ(a.mission().state(), pb::MISSION_STATE_EN_ROUTE);
    EXPECT_EQ(a.status(), pb::UNIT_STATUS_EN_ROUTE);
    ASSERT_EQ(a.mission().history_size(), 2);
    EXPECT_EQ(a.mission().history(0).state(), pb::MISSION_STATE_LAUNCHING);
    EXPECT_TRUE(a.mission().has_airborne_since());

    grpc::ClientContext sctx;
    pb::AircraftStatus status;
    ASSERT_TRUE(aviation->GetAircraftStatus(&sctx, get, &status).ok());
    EXPECT_EQ(status.registration(), "B-7951");
    EXPECT_EQ(status.mission().state(), pb::MISSION_STATE_EN_ROUTE);
}

TEST_F(AviationApi, AlertsReachSubscribersAndAcknowledgementIsLogged) {
    grpc::ClientContext sub;
    sub.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    pb::SubscribeRequest req;
    auto reader = live.stub().Subscribe(&sub, req);
    pb::SubscribeResponse r;
    while (reader->Read(&r) && !r.has_snapshot_end()) {
    }

    // The same emergency code over and over: one alert.
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(run(core::ReportTransponder{kZ8, 7700, "YC01"}).ok());
    pb::Event raised;
    while (reader->Read(&r)) {
        if (r.has_event() && r.event().kind() == "alert_raised") {
            raised = r.event();
            break;
        }
    }
    ASSERT_EQ(raised.alerts_size(), 1);
    EXPECT_EQ(raised.alerts(0).kind(), pb::ALERT_KIND_EMERGENCY_SQUAWK);
    EXPECT_EQ(raised.alerts(0).squawk(), 7700);
    EXPECT_TRUE(raised.alerts(0).on_banner());
    ASSERT_EQ(raised.aircraft_size(), 1);
    EXPECT_EQ(raised.aircraft(0).mission().squawk(), 7700);
    const std::string alertId = raised.alerts(0).id();

    grpc::ClientContext ack;
    asOperator(ack, "coordinator-7");
    pb::AcknowledgeAlertRequest ackReq;
    ackReq.set_alert_id(alertId);
    pb::CommandReply reply;
    ASSERT_TRUE(aviation->AcknowledgeAlert(&ack, ackReq, &reply).ok());
    pb::Event acked;
    while (reader->Read(&r)) {
        if (r.has_event() && r.event().kind() == "alert_acknowledged") {
            acked = r.event();
            break;
        }
    }
    EXPECT_EQ(acked.operator_id(), "coordinator-7");
    ASSERT_EQ(acked.alerts_size(), 1);
    EXPECT_EQ(acked.alerts(0).acknowledged_by(), "coordinator-7");
    EXPECT_FALSE(acked.alerts(0).on_banner());
    EXPECT_TRUE(acked.alerts(0).active());

    // In the log with operator and console.
    auto events = live.session().store().read(0, reply.last_seq(), 100'000);
    ASSERT_TRUE(events.ok());
    const core::Event& last = events->back();
    ASSERT_TRUE(std::holds_alternative<core::AlertAcknowledged>(last.payload));
    EXPECT_EQ(last.operatorId, "coordinator-7");
    EXPECT_EQ(last.origin, "aviation-console");

    // A second acknowledgement is refused and names who did it.
    grpc::ClientContext again;
    asOperator(again, "coordinator-8");
    auto st = aviation->AcknowledgeAlert(&again, ackReq, &reply);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_NE(st.error_message().find("coordinator-7"), std::string::npos);

    grpc::ClientContext list;
    pb::ListAlertsRequest listReq;
    pb::ListAlertsReply alerts;
    ASSERT_TRUE(aviation->ListAlerts(&list, listReq, &alerts).ok());
    ASSERT_EQ(alerts.alerts_size(), 1);  // still active (squawking), not on the banner
    EXPECT_EQ(alerts.alerts(0).id(), alertId);

    // A fresh subscriber sees it in the snapshot.
    grpc::ClientContext sub2;
    sub2.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    auto reader2 = live.stub().Subscribe(&sub2, req);
    int inSnapshot = 0;
    while (reader2->Read(&r) && !r.has_snapshot_end()) {
        if (r.has_snapshot_chunk())
            inSnapshot += r.snapshot_chunk().alerts_size();
    }
    EXPECT_EQ(inSnapshot, 1);
    sub.TryCancel();
    sub2.TryCancel();
}

}  // namespace

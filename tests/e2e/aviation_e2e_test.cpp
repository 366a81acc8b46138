// End to end with the real server binary: an SBS-1 stream served over a real TCP socket on
// loopback carries squawk 7700 for a fleet aircraft; the alert reaches a gRPC subscriber once,
// a coordinator acknowledges it and the acknowledgement is logged with the operator.
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "../support/loopback_port.h"
#include "flameblue/v1/aviation.grpc.pb.h"
#include "server_process.h"

using namespace flameblue::e2e;

namespace {

// A loopback listener that plays the part of dump1090's port 30003.
class SbsSource {
public:
    ~SbsSource() {
        if (m_client >= 0)
            ::close(m_client);
    }
    int port() const { return m_listener.port(); }
    bool accept() {
        m_client = m_listener.accept();
        return m_client >= 0;
    }
    bool send(const std::string& lines) {
        return ::send(m_client, lines.data(), lines.size(), MSG_NOSIGNAL) ==
               static_cast<ssize_t>(lines.size());
    }

private:
    flameblue::testing::LoopbackListener m_listener{1};
    int m_client = -1;
};

// The bundled Z-8 (AV-Z8-01, B-70A1) is 780E41 in data/aircraft.json; 7C0001 is other traffic.
std::string emergencyTraffic(double lat) {
    char position[160];
    std::snprintf(position, sizeof position,
                  "MSG,3,,,780E41,,,,,,,2500,,,%.5f,112.40600,,7700,0,-1,0,0\r\n", lat);
    return std::string("MSG,1,,,780E41,,,,,,YC01    ,,,,,,,,,,,0\r\n") +
           "MSG,6,,,780E41,,,,,,,,,,,,,7700,0,-1,0,0\r\n" +
           "MSG,4,,,780E41,,,,,,,,120,10.0,,,0,,,,,0\r\n" +
           "MSG,3,,,7C0001,,,,,,,30000,,,38.00000,113.00000,,7700,0,0,0,0\r\n" + position;
}

TEST(AviationEndToEnd, Squawk7700FromAnSbsFeedIsAlertedOnceAcknowledgedAndLogged) {
    SbsSource sbs;
    TempDir dir("flameblue-aviation-e2e");
    ServerConfig config;
    config.stateDir = dir / "state";
    config.extraArgs = {"--sbs", "127.0.0.1:" + std::to_string(sbs.port())};
    std::string error;
    auto server = ServerProcess::start(config, &error);
    ASSERT_TRUE(server) << error;
    auto dispatch = server->stub();
    auto aviation = flameblue::v1::Aviation::NewStub(server->channel());

    grpc::ClientContext sub;
    withDeadline(sub, std::chrono::seconds(30));
    pb::SubscribeRequest subReq;
    auto reader = dispatch->Subscribe(&sub, subReq);
    pb::SubscribeResponse r;
    while (reader->Read(&r) && !r.has_snapshot_end()) {
    }

    ASSERT_TRUE(sbs.accept());
    for (int i = 0; i < 5; ++i)
        ASSERT_TRUE(sbs.send(emergencyTraffic(37.592 + i * 0.002)));

    pb::Event raised;
    while (reader->Read(&r)) {
        if (r.has_event() && r.event().kind() == "alert_raised") {
            raised = r.event();
            break;
        }
    }
    ASSERT_EQ(raised.alerts_size(), 1) << server->log();
    const pb::Alert& alert = raised.alerts(0);
    EXPECT_EQ(alert.kind(), pb::ALERT_KIND_EMERGENCY_SQUAWK);
    EXPECT_EQ(alert.aircraft_id(), "AV-Z8-01");
    EXPECT_EQ(alert.squawk(), 7700);
    EXPECT_TRUE(alert.on_banner());
    // Fixes from the merged aircraft feeds carry the origin "adsb" (one fix may come from
    // several receivers).
    EXPECT_EQ(raised.origin(), "adsb");
    ASSERT_EQ(raised.aircraft_size(), 1);
    EXPECT_EQ(raised.aircraft(0).mission().flight_id(), "YC01");

    grpc::ClientContext ack;
    asOperator(ack, "coordinator-e2e");
    withDeadline(ack);
    pb::AcknowledgeAlertRequest ackReq;
    ackReq.set_alert_id(alert.id());
    pb::CommandReply reply;
    ASSERT_TRUE(aviation->AcknowledgeAlert(&ack, ackReq, &reply).ok());
    pb::Event acked;
    while (reader->Read(&r)) {
        if (r.has_event() && r.event().kind() == "alert_acknowledged") {
            acked = r.event();
            break;
        }
    }
    EXPECT_EQ(acked.seq(), reply.last_seq());
    EXPECT_EQ(acked.operator_id(), "coordinator-e2e");
    ASSERT_EQ(acked.alerts_size(), 1);
    EXPECT_EQ(acked.alerts(0).acknowledged_by(), "coordinator-e2e");
    EXPECT_FALSE(acked.alerts(0).on_banner());

    // More of the same stream: still one alert (raised once, not per message), and the context
    // aircraft squawking 7700 is not the fleet's concern.
    ASSERT_TRUE(sbs.send(emergencyTraffic(37.61)));
    grpc::ClientContext list;
    withDeadline(list);
    pb::ListAlertsRequest listReq;
    listReq.set_include_closed(true);
    pb::ListAlertsReply alerts;
    ASSERT_TRUE(aviation->ListAlerts(&list, listReq, &alerts).ok());
    ASSERT_EQ(alerts.alerts_size(), 1);
    EXPECT_EQ(alerts.alerts(0).acknowledged_by(), "coordinator-e2e");

    // The acknowledgement survives a restart: it is in the log.
    sub.TryCancel();
    reader.reset();
    dispatch.reset();
    aviation.reset();
    ASSERT_TRUE(server->stop().exited);
    server = ServerProcess::start(config, &error);
    ASSERT_TRUE(server) << error;
    auto after = flameblue::v1::Aviation::NewStub(server->channel());
    grpc::ClientContext list2;
    withDeadline(list2);
    pb::ListAlertsReply again;
    ASSERT_TRUE(after->ListAlerts(&list2, listReq, &again).ok());
    ASSERT_EQ(again.alerts_size(), 1);
    EXPECT_EQ(again.alerts(0).acknowledged_by(), "coordinator-e2e");
    EXPECT_TRUE(again.alerts(0).has_acknowledged());
}

}  // namespace

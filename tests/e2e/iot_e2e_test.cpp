// Building alarm panels and water sensors through a real Mosquitto broker into the real server:
// an alarm becomes a draft on a Subscribe stream, a second detector raises its confidence, the
// dispatcher confirms (an incident) or dismisses it, a silent panel raises a fault, a low dip
// site leaves the recommendation, bad input is counted and lost nowhere, a flood of alarms is
// conflated, and a broker that goes away is reconnected to.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

#include "flameblue/v1/traffic.grpc.pb.h"
#include "server_process.h"
#include "support/mosquitto_broker.h"

using namespace flameblue::e2e;
using namespace std::chrono_literals;
using flameblue::testing::MosquittoBroker;
using flameblue::testing::MqttPublisher;

namespace {

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string panelMessage(const std::string& device, std::uint64_t seq, const std::string& type,
                         const std::string& zone = "") {
    std::string out = R"({"v":1,"device":")" + device + R"(","seq":)" + std::to_string(seq) +
                      R"(,"ts":)" + std::to_string(nowMs()) + R"(,"type":")" + type + "\"";
    if (!zone.empty())
        out += R"(,"zone":")" + zone + "\"";
    out += "}";
    return out;
}

std::string waterMessage(const std::string& device, std::uint64_t seq, const std::string& type,
                         double value) {
    return R"({"v":1,"device":")" + device + R"(","seq":)" + std::to_string(seq) + R"(,"ts":)" +
           std::to_string(nowMs()) + R"(,"type":")" + type + R"(","value":)" +
           std::to_string(value) + "}";
}

// Every event of a Subscribe stream, collected on a thread of its own.
class EventLog {
public:
    explicit EventLog(pb::Dispatch::Stub& stub) {
        withDeadline(m_ctx, 300s);
        m_reader = stub.Subscribe(&m_ctx, pb::SubscribeRequest{});
        m_thread = std::thread([this] {
            pb::SubscribeResponse r;
            while (m_reader->Read(&r)) {
                std::lock_guard lock(m_mutex);
                if (r.has_snapshot_end())
                    m_snapshotDone = true;
                if (r.has_event())
                    m_events.push_back(r.event());
                for (const auto& e : r.events().events())
                    m_events.push_back(e);
                m_cv.notify_all();
            }
        });
    }
    ~EventLog() {
        m_ctx.TryCancel();
        m_thread.join();
    }
    bool waitSnapshot() {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, 30s, [this] { return m_snapshotDone; });
    }
    // The first event (from `from` on) that `match` accepts, waiting up to `timeout`.
    std::optional<pb::Event> waitFor(const std::function<bool(const pb::Event&)>& match,
                                     std::chrono::milliseconds timeout = 20s) {
        std::unique_lock lock(m_mutex);
        std::optional<pb::Event> found;
        m_cv.wait_for(lock, timeout, [&] {
            for (const auto& e : m_events) {
                if (match(e)) {
                    found = e;
                    return true;
                }
            }
            return false;
        });
        return found;
    }
    std::size_t count(const std::function<bool(const pb::Event&)>& match) {
        std::lock_guard lock(m_mutex);
        std::size_t n = 0;
        for (const auto& e : m_events)
            n += match(e) ? 1 : 0;
        return n;
    }

private:
    grpc::ClientContext m_ctx;
    std::unique_ptr<grpc::ClientReader<pb::SubscribeResponse>> m_reader;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<pb::Event> m_events;
    bool m_snapshotDone = false;
};

flameblue::v1::FeedState mqttFeed(ServerProcess& server) {
    auto traffic = flameblue::v1::Traffic::NewStub(server.channel());
    grpc::ClientContext ctx;
    withDeadline(ctx, 5s);
    flameblue::v1::ListFeedsReply reply;
    flameblue::v1::FeedState out;
    if (traffic->ListFeeds(&ctx, {}, &reply).ok()) {
        for (const auto& f : reply.feeds()) {
            if (f.kind() == "mqtt")
                out = f;
        }
    }
    return out;
}

// Polls `f` until it holds or `timeout` passes (bounds a hang, not a speed).
bool eventually(const std::function<bool()>& f, std::chrono::milliseconds timeout = 20s) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < until) {
        if (f())
            return true;
        std::this_thread::sleep_for(50ms);
    }
    return f();
}

class IotE2E : public ::testing::Test {
protected:
    void SetUp() override {
        std::string error;
        broker = MosquittoBroker::start(dir / "broker", &error);
        ASSERT_TRUE(broker) << error;
        ServerConfig config;
        config.stateDir = dir / "state";
        config.extraArgs = {"--mqtt", broker->address(), "--panel-heartbeat-timeout", "2"};
        server = ServerProcess::start(config, &error);
        ASSERT_TRUE(server) << error;
        ASSERT_TRUE(eventually([&] { return mqttFeed(*server).up(); })) << server->log();
        publisher = std::make_unique<MqttPublisher>(broker->port());
        ASSERT_TRUE(publisher->connected());
        stub = server->stub();
    }

    static bool isDraftEvent(const pb::Event& e, const std::string& kind,
                             const std::string& building) {
        return e.kind() == kind && e.alarm_drafts_size() == 1 &&
               e.alarm_drafts(0).building().id() == building;
    }

    TempDir dir{"flameblue-iot-e2e"};
    std::unique_ptr<MosquittoBroker> broker;
    std::unique_ptr<ServerProcess> server;
    std::unique_ptr<MqttPublisher> publisher;
    std::unique_ptr<pb::Dispatch::Stub> stub;
};

TEST_F(IotE2E, AlarmBecomesDraftSecondDetectorRaisesConfidenceAndConfirmCreatesTheIncident) {
    EventLog events(*stub);
    ASSERT_TRUE(events.waitSnapshot());
    ASSERT_TRUE(publisher->publish("flameblue/v1/panel/BLD-TY-01-P1",
                                   panelMessage("BLD-TY-01-P1", 1, "fire_alarm", "3F east")));
    auto raised = events.waitFor(
        [](const pb::Event& e) { return isDraftEvent(e, "alarm_draft_raised", "BLD-TY-01"); });
    ASSERT_TRUE(raised) << server->log();
    const pb::AlarmDraft& d = raised->alarm_drafts(0);
    EXPECT_EQ(d.confidence(), 1);
    EXPECT_EQ(d.status(), pb::ALARM_DRAFT_STATUS_OPEN);
    EXPECT_EQ(d.building().city(), "taiyuan");
    EXPECT_FALSE(d.building().preplan_en().empty());
    EXPECT_FALSE(d.incident_type().empty());
    EXPECT_EQ(d.zones(0), "3F east");

    ASSERT_TRUE(publisher->publish("flameblue/v1/panel/BLD-TY-01-P2",
                                   panelMessage("BLD-TY-01-P2", 1, "fire_alarm")));
    auto corroborated = events.waitFor([](const pb::Event& e) {
        return isDraftEvent(e, "alarm_draft_corroborated", "BLD-TY-01");
    });
    ASSERT_TRUE(corroborated);
    EXPECT_EQ(corroborated->alarm_drafts(0).confidence(), 2);

    pb::ConfirmAlarmDraftRequest confirm;
    confirm.set_draft_id(d.id());
    pb::CommandReply reply;
    grpc::ClientContext cc;
    asOperator(cc);
    withDeadline(cc);
    auto st = stub->ConfirmAlarmDraft(&cc, confirm, &reply);
    ASSERT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(reply.incident().type(), d.incident_type());
    EXPECT_NE(reply.incident().description().find("BLD-TY-01"), std::string::npos);
    auto confirmed = events.waitFor(
        [](const pb::Event& e) { return isDraftEvent(e, "alarm_draft_confirmed", "BLD-TY-01"); });
    ASSERT_TRUE(confirmed);
    EXPECT_EQ(confirmed->alarm_drafts(0).incident_id(), reply.incident().id());

    // A settled draft cannot be settled again.
    pb::DismissAlarmDraftRequest dismiss;
    dismiss.set_draft_id(d.id());
    dismiss.set_reason("test");
    grpc::ClientContext dc;
    asOperator(dc);
    withDeadline(dc);
    st = stub->DismissAlarmDraft(&dc, dismiss, &reply);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << st.error_message();
}

TEST_F(IotE2E, DismissNeedsAReasonAndKeepsIt) {
    EventLog events(*stub);
    ASSERT_TRUE(events.waitSnapshot());
    ASSERT_TRUE(publisher->publish("flameblue/v1/panel/BLD-DT-01-P1",
                                   panelMessage("BLD-DT-01-P1", 7, "fire_alarm")));
    auto raised = events.waitFor(
        [](const pb::Event& e) { return isDraftEvent(e, "alarm_draft_raised", "BLD-DT-01"); });
    ASSERT_TRUE(raised);
    pb::DismissAlarmDraftRequest dismiss;
    dismiss.set_draft_id(raised->alarm_drafts(0).id());
    pb::CommandReply reply;
    {
        grpc::ClientContext c;
        asOperator(c);
        withDeadline(c);
        EXPECT_EQ(stub->DismissAlarmDraft(&c, dismiss, &reply).error_code(),
                  grpc::StatusCode::INVALID_ARGUMENT);
    }
    dismiss.set_reason("cooking smoke, confirmed by the building's staff");
    grpc::ClientContext c;
    asOperator(c);
    withDeadline(c);
    ASSERT_TRUE(stub->DismissAlarmDraft(&c, dismiss, &reply).ok());
    auto dismissed = events.waitFor(
        [](const pb::Event& e) { return isDraftEvent(e, "alarm_draft_dismissed", "BLD-DT-01"); });
    ASSERT_TRUE(dismissed);
    EXPECT_EQ(dismissed->alarm_drafts(0).dismiss_reason(),
              "cooking smoke, confirmed by the building's staff");
    EXPECT_EQ(dismissed->operator_id(), "e2e-operator");
}

TEST_F(IotE2E, APanelThatStopsSendingHeartbeatsRaisesAFaultAndClearsItWhenHeard) {
    EventLog events(*stub);
    ASSERT_TRUE(events.waitSnapshot());
    ASSERT_TRUE(publisher->publish("flameblue/v1/panel/BLD-TY-02-P1",
                                   panelMessage("BLD-TY-02-P1", 1, "heartbeat")));
    auto fault = events.waitFor([](const pb::Event& e) {
        return e.kind() == "panel_fault_raised" && e.panel_faults_size() == 1 &&
               e.panel_faults(0).device_id() == "BLD-TY-02-P1";
    });
    ASSERT_TRUE(fault) << server->log();
    EXPECT_TRUE(fault->panel_faults(0).active());
    EXPECT_NE(fault->panel_faults(0).reason().find("no heartbeat"), std::string::npos);
    ASSERT_TRUE(publisher->publish("flameblue/v1/panel/BLD-TY-02-P1",
                                   panelMessage("BLD-TY-02-P1", 2, "heartbeat")));
    auto cleared = events.waitFor([](const pb::Event& e) {
        return e.kind() == "panel_fault_cleared" && e.panel_faults_size() == 1 &&
               e.panel_faults(0).device_id() == "BLD-TY-02-P1";
    });
    ASSERT_TRUE(cleared);
    EXPECT_FALSE(cleared->panel_faults(0).active());
}

std::set<std::string> dipSitesIn(const pb::Recommendation& r) {
    std::set<std::string> out;
    for (const auto& s : r.slots()) {
        if (!s.pick().water_drop().dip_site_id().empty())
            out.insert(s.pick().water_drop().dip_site_id());
    }
    return out;
}

TEST_F(IotE2E, ALowDipSiteIsOutOfServiceForTheRecommenderAndTheMap) {
    auto recommend = [&] {
        pb::RecommendRequest req;
        req.set_type("forest_grassland_fire");
        req.set_level(3);
        req.mutable_position()->set_lat(38.02);
        req.mutable_position()->set_lon(111.93);
        grpc::ClientContext c;
        asOperator(c);
        withDeadline(c);
        pb::Recommendation r;
        auto st = stub->Recommend(&c, req, &r);
        EXPECT_TRUE(st.ok()) << st.error_message();
        return dipSitesIn(r);
    };
    ASSERT_TRUE(recommend().contains("WS-TY-01"));
    EventLog events(*stub);
    ASSERT_TRUE(events.waitSnapshot());
    ASSERT_TRUE(publisher->publish("flameblue/v1/water/WS-TY-01-LV",
                                   waterMessage("WS-TY-01-LV", 1, "level", 0.4)));
    auto low = events.waitFor([](const pb::Event& e) {
        return e.kind() == "water_reading_reported" && e.water_sources_size() == 1 &&
               e.water_sources(0).id() == "WS-TY-01";
    });
    ASSERT_TRUE(low);
    EXPECT_TRUE(low->water_sources(0).out_of_service());
    EXPECT_FALSE(low->water_sources(0).telemetry_stale());
    EXPECT_DOUBLE_EQ(low->water_sources(0).telemetry().value(), 0.4);
    const auto after = recommend();
    EXPECT_FALSE(after.contains("WS-TY-01"));
    EXPECT_FALSE(after.empty());

    // Back above the minimum: in service again.
    ASSERT_TRUE(publisher->publish("flameblue/v1/water/WS-TY-01-LV",
                                   waterMessage("WS-TY-01-LV", 2, "level", 6.0)));
    ASSERT_TRUE(events.waitFor([](const pb::Event& e) {
        return e.kind() == "water_reading_reported" && e.water_sources_size() == 1 &&
               !e.water_sources(0).out_of_service();
    }));
    EXPECT_TRUE(recommend().contains("WS-TY-01"));
}

TEST_F(IotE2E, BadInputIsCountedAndAFloodOfAlarmsIsConflated) {
    EventLog events(*stub);
    ASSERT_TRUE(events.waitSnapshot());
    const std::string topic = "flameblue/v1/panel/BLD-JC-01-P1";
    publisher->publish(topic, "{not json");
    publisher->publish(topic, R"({"v":2,"device":"BLD-JC-01-P1","seq":1,"ts":1,"type":"reset"})");
    publisher->publish("flameblue/v1/panel/NO-SUCH-PANEL",
                       panelMessage("NO-SUCH-PANEL", 1, "fire_alarm"));
    ASSERT_TRUE(eventually([&] {
        auto f = mqttFeed(*server);
        return f.malformed() >= 2 && f.unknown_devices() >= 1;
    }));
    // 1,000 alarms within a second from one panel, then an old one replayed.
    for (std::uint64_t seq = 10; seq < 1010; ++seq) {
        ASSERT_TRUE(publisher->publish(topic, panelMessage("BLD-JC-01-P1", seq, "fire_alarm")));
        if (seq % 100 == 0)
            std::this_thread::sleep_for(100ms);
    }
    publisher->publish(topic, panelMessage("BLD-JC-01-P1", 5, "fire_alarm"));
    ASSERT_TRUE(eventually([&] {
        auto f = mqttFeed(*server);
        return f.messages() + f.replayed() >= 1001;
    })) << server->log();
    ASSERT_TRUE(events.waitFor(
        [](const pb::Event& e) { return isDraftEvent(e, "alarm_draft_raised", "BLD-JC-01"); }));
    const auto feed = mqttFeed(*server);
    EXPECT_EQ(feed.messages(), 1000U);
    EXPECT_EQ(feed.replayed(), 1U);
    EXPECT_GE(feed.conflated(), 999U);
    EXPECT_EQ(events.count([](const pb::Event& e) {
        return e.alarm_drafts_size() == 1 && e.alarm_drafts(0).building().id() == "BLD-JC-01";
    }),
              1U);
    EXPECT_FALSE(feed.last_error().empty());
    EXPECT_TRUE(server->running());
}

TEST_F(IotE2E, ABrokerThatGoesAwayIsReconnectedToAndHealthSaysSo) {
    broker->kill();
    ASSERT_TRUE(eventually([&] { return !mqttFeed(*server).up(); }));
    EXPECT_FALSE(mqttFeed(*server).last_error().empty());
    ASSERT_TRUE(broker->restart());
    ASSERT_TRUE(eventually([&] { return mqttFeed(*server).up(); }, 60s)) << server->log();
    EXPECT_GE(mqttFeed(*server).connects(), 2U);
    EventLog events(*stub);
    ASSERT_TRUE(events.waitSnapshot());
    MqttPublisher again(broker->port(), "flameblue-test-publisher-2");
    ASSERT_TRUE(again.connected());
    ASSERT_TRUE(again.publish("flameblue/v1/panel/BLD-LF-01-P1",
                              panelMessage("BLD-LF-01-P1", 1, "fire_alarm")));
    EXPECT_TRUE(events.waitFor(
        [](const pb::Event& e) { return isDraftEvent(e, "alarm_draft_raised", "BLD-LF-01"); }));
}

}  // namespace

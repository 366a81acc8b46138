// End to end: an SBS-1 stream served over a real TCP socket on loopback reaches a gRPC
// subscriber as the fleet aircraft's position, with position, altitude, speed and heading.
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "../support/live_server.h"
#include "../support/loopback_port.h"
#include "app/feed_bridge.h"
#include "feeds/feed_hub.h"
#include "feeds/sbs_client.h"

using namespace flameblue;
namespace pb = flameblue::v1;

TEST(FeedEndToEnd, SbsStreamOverTcpReachesASubscriberAsTheFleetAircraft) {
    flameblue::testing::LiveServer live;

    const flameblue::testing::LoopbackListener listener(1);

    app::FeedBridge bridge(live.session(), "sbs test");
    feeds::SbsClientOptions options;
    options.port = listener.port();
    options.flushSeconds = 0.05;
    feeds::SbsClient client(
        options, session::systemNowMs,
        [&](std::vector<feeds::AircraftTrack> t) { bridge.onPositions(std::move(t)); }, nullptr);

    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    pb::SubscribeRequest req;
    auto reader = live.stub().Subscribe(&ctx, req);
    pb::SubscribeResponse r;
    while (reader->Read(&r) && !r.has_heartbeat()) {
    }

    client.start();
    const int fd = listener.accept();
    ASSERT_GE(fd, 0);
    // The test world's Z-8 is 780a51; 7c0001 is other traffic.
    const std::string traffic =
        "MSG,1,,,780A51,,,,,,YC01    ,,,,,,,,,,,0\r\n"
        "MSG,4,,,780A51,,,,,,,,120,275.5,,,-640,,,,,0\r\n"
        "MSG,3,,,7C0001,,,,,,,30000,,,38.00000,113.00000,,,0,0,0,0\r\n"
        "MSG,3,,,780A51,,,,,,,3500,,,37.59200,112.40600,,,0,0,0,0\r\n";
    ASSERT_EQ(::send(fd, traffic.data(), traffic.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(traffic.size()));

    pb::Event position;
    while (reader->Read(&r)) {
        if (r.has_event() && r.event().kind() == "position_reported") {
            position = r.event();
            break;
        }
    }
    ASSERT_EQ(position.position().unit_id(), "AV-Z8-01");
    EXPECT_TRUE(position.position().is_aircraft());
    EXPECT_EQ(position.origin(), "sbs test");
    const pb::PositionFix& fix = position.position().fix();
    EXPECT_DOUBLE_EQ(fix.position().lat(), 37.592);
    EXPECT_DOUBLE_EQ(fix.position().lon(), 112.406);
    EXPECT_NEAR(fix.altitude_m(), 1066.8, 1e-6);  // 3,500 ft
    EXPECT_NEAR(fix.speed_kmh(), 222.24, 1e-6);   // 120 kt
    EXPECT_DOUBLE_EQ(fix.heading_deg(), 275.5);
    EXPECT_GE(bridge.contextFixes(), 1u);  // the other aircraft is not the fleet's

    client.stop();
    ::close(fd);
    ctx.TryCancel();
}

// A fleet helicopter hovering (its position repeats and is dropped as a duplicate) switches to
// 7700: the squawk alone, in an SBS type-6 line, raises the emergency alert.
TEST(FeedEndToEnd, ASquawkWithoutMovementRaisesTheAlert) {
    flameblue::testing::LiveServer live;

    const flameblue::testing::LoopbackListener listener(1);

    app::FeedBridge bridge(live.session(), "sbs test");
    feeds::FeedHubOptions hubOptions;
    hubOptions.deliverSeconds = 0.01;
    feeds::FeedHub hub(hubOptions, session::systemNowMs);
    hub.addSink([&](const std::vector<feeds::AircraftTrack>& t) { bridge.onPositions(t); });
    hub.start();
    feeds::SbsClientOptions options;
    options.port = listener.port();
    options.flushSeconds = 0.05;
    feeds::SbsClient client(
        options, session::systemNowMs,
        [&](std::vector<feeds::AircraftTrack> t) { hub.submit(std::move(t)); }, nullptr);

    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    pb::SubscribeRequest req;
    auto reader = live.stub().Subscribe(&ctx, req);
    pb::SubscribeResponse r;
    while (reader->Read(&r) && !r.has_heartbeat()) {
    }

    client.start();
    const int fd = listener.accept();
    ASSERT_GE(fd, 0);
    auto send = [&](const std::string& text) {
        ASSERT_EQ(::send(fd, text.data(), text.size(), MSG_NOSIGNAL),
                  static_cast<ssize_t>(text.size()));
    };
    const std::string hover = "MSG,3,,,780A51,,,,,,,800,,,37.59200,112.40600,,,0,0,0,0\r\n";
    send("MSG,6,,,780A51,,,,,,,800,,,,,,1200,0,0,0,0\r\n" + hover);
    pb::Event event;
    while (reader->Read(&r)) {
        if (r.has_event() && r.event().kind() == "position_reported")
            break;
    }
    // The hover heard again in a later millisecond: a repeat of the held report, not the same
    // report (which is what it would be within the millisecond, on a fast loopback).
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    send(hover + hover + "MSG,6,,,780A51,,,,,,,800,,,,,,7700,0,-1,0,0\r\n");
    int positions = 0;
    while (reader->Read(&r)) {
        if (!r.has_event())
            continue;
        if (r.event().kind() == "position_reported")
            ++positions;
        if (r.event().kind() == "alert_raised") {
            event = r.event();
            break;
        }
    }
    ASSERT_EQ(event.alerts_size(), 1);
    EXPECT_EQ(event.alerts(0).kind(), pb::ALERT_KIND_EMERGENCY_SQUAWK);
    EXPECT_EQ(event.alerts(0).squawk(), 7700);
    EXPECT_EQ(event.alerts(0).aircraft_id(), "AV-Z8-01");
    EXPECT_EQ(positions, 0);  // the repeated position is not logged again
    EXPECT_GE(hub.counters().duplicates.load(), 1u);

    client.stop();
    hub.stop();
    ::close(fd);
    ctx.TryCancel();
}

// The transponder's altitude between positions (SBS type 5) reaches the console: 2,725 ft, not
// the 2,775 ft of the last position line, at the position and time already reported.
TEST(FeedEndToEnd, AnAltitudeWithoutANewPositionReachesASubscriber) {
    flameblue::testing::LiveServer live;

    const flameblue::testing::LoopbackListener listener(1);

    app::FeedBridge bridge(live.session(), "sbs test");
    feeds::FeedHubOptions hubOptions;
    hubOptions.deliverSeconds = 0.01;
    feeds::FeedHub hub(hubOptions, session::systemNowMs);
    hub.addSink([&](const std::vector<feeds::AircraftTrack>& t) { bridge.onPositions(t); });
    hub.start();
    feeds::SbsClientOptions options;
    options.port = listener.port();
    options.flushSeconds = 0.01;
    feeds::SbsClient client(
        options, session::systemNowMs,
        [&](std::vector<feeds::AircraftTrack> t) { hub.submit(std::move(t)); }, nullptr);

    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    auto reader = live.stub().Subscribe(&ctx, pb::SubscribeRequest{});
    pb::SubscribeResponse r;
    while (reader->Read(&r) && !r.has_heartbeat()) {
    }
    auto nextPosition = [&] {
        while (reader->Read(&r)) {
            if (r.has_event() && r.event().kind() == "position_reported")
                return r.event().position().fix();
        }
        return pb::PositionFix{};
    };

    client.start();
    const int fd = listener.accept();
    ASSERT_GE(fd, 0);
    auto send = [&](const std::string& text) {
        ASSERT_EQ(::send(fd, text.data(), text.size(), MSG_NOSIGNAL),
                  static_cast<ssize_t>(text.size()));
    };
    send("MSG,3,,,780A51,,,,,,,2775,,,37.59200,112.40600,,,0,0,0,0\r\n");
    const pb::PositionFix first = nextPosition();
    ASSERT_NEAR(first.altitude_m(), 845.82, 1e-6);  // 2,775 ft
    send("MSG,5,,,780A51,,,,,,,2725,,,,,,,0,0,0,0\r\n");
    const pb::PositionFix second = nextPosition();
    EXPECT_NEAR(second.altitude_m(), 830.58, 1e-6);  // 2,725 ft
    EXPECT_DOUBLE_EQ(second.position().lat(), 37.592);
    EXPECT_DOUBLE_EQ(second.position().lon(), 112.406);
    EXPECT_EQ(second.time().seconds(), first.time().seconds());  // the position is not new
    EXPECT_EQ(second.time().nanos(), first.time().nanos());

    client.stop();
    hub.stop();
    ::close(fd);
    ctx.TryCancel();
}

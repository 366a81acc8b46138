// The Traffic service and the feed sources behind it: two SBS receivers and a replay merged at
// one point, fleet aircraft reaching Subscribe once, other traffic listed by ListTraffic and
// streamed by WatchTraffic, never as a fleet aircraft.
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>

#include "../feeds/loopback_server.h"
#include "../support/loopback_port.h"
#include "../support/test_world.h"
#include "api/live_feed.h"
#include "api/server.h"
#include "api/traffic_service.h"
#include "app/feed_sources.h"
#include "flameblue/v1/dispatch.grpc.pb.h"
#include "flameblue/v1/traffic.grpc.pb.h"

using namespace flameblue;
namespace pb = flameblue::v1;

namespace {

class TrafficServer {
public:
    explicit TrafficServer(const std::vector<std::string>& sbsFeeds, app::FeedOptions feedOptions)
        : m_session(std::make_unique<session::Session>(session::SessionOptions{},
                                                       store::makeMemoryStore(),
                                                       flameblue::testing::testReference())) {
        EXPECT_TRUE(m_session->open().ok());
        m_publisher = std::make_unique<api::LivePublisher>(m_fanout, 300'000, session::systemNowMs);
        m_session->setObserver(m_publisher.get());
        m_session->start();
        EXPECT_TRUE(
            m_session->appendTrusted({"system", "roster", 0}, flameblue::testing::rosterEvents())
                .ok());
        m_registry.add("live", {m_session.get(), &m_fanout});
        m_sources = std::make_unique<app::FeedSources>(*m_session, sbsFeeds, feedOptions, nullptr);
        m_traffic = std::make_unique<api::TrafficService>(
            api::Authenticator{}, m_sources->traffic(), session::systemNowMs,
            [this] { return m_sources->status(); }, &m_sources->hub());
        api::ServerOptions options;
        options.listen = "127.0.0.1:0";
        // Self-declared operators: this is not about signing in.
        options.insecureDev = true;
        options.extraServices.push_back(m_traffic.get());
        auto server = api::DispatchServer::start(options, m_registry, pb::Catalog{});
        EXPECT_TRUE(server.ok());
        m_server = std::move(server).value();
        m_channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(m_server->port()),
                                        grpc::InsecureChannelCredentials());
    }
    ~TrafficServer() {
        m_sources->stop();
        m_traffic->stop();
        m_server->shutdown();
        m_session->stop();
        m_session->setObserver(nullptr);
    }
    app::FeedSources& sources() { return *m_sources; }
    session::Session& session() { return *m_session; }
    std::unique_ptr<pb::Dispatch::Stub> dispatch() { return pb::Dispatch::NewStub(m_channel); }
    std::unique_ptr<pb::Traffic::Stub> traffic() { return pb::Traffic::NewStub(m_channel); }

private:
    std::unique_ptr<session::Session> m_session;
    api::LiveFanOut m_fanout;
    std::unique_ptr<api::LivePublisher> m_publisher;
    api::SessionRegistry m_registry;
    std::unique_ptr<app::FeedSources> m_sources;
    std::unique_ptr<api::TrafficService> m_traffic;
    std::unique_ptr<api::DispatchServer> m_server;
    std::shared_ptr<grpc::Channel> m_channel;
};

using Receiver = flameblue::testing::LoopbackListener;  // a dump1090 stand-in: an SBS port

void sendAll(int fd, const std::string& s) {
    ASSERT_EQ(::send(fd, s.data(), s.size(), MSG_NOSIGNAL), static_cast<ssize_t>(s.size()));
}

// A file that is removed when the test ends.
struct TempFile {
    std::filesystem::path path;
    explicit TempFile(const std::string& name)
        : path(std::filesystem::temp_directory_path() /
               ("flameblue-" + name + "-" + std::to_string(::getpid()))) {}
    ~TempFile() { std::filesystem::remove(path); }
    void write(const std::string& text) const {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
    }
};

std::optional<core::PositionFix> lastFixOf(session::Session& s, const char* unit) {
    return s.withState([&](const core::State& state, const auto&) {
        const core::Unit* u = state.unit(unit);
        return u ? u->lastFix : std::nullopt;
    });
}

pb::ListFeedsReply listFeeds(TrafficServer& server) {
    grpc::ClientContext ctx;
    pb::ListFeedsReply reply;
    EXPECT_TRUE(server.traffic()->ListFeeds(&ctx, pb::ListFeedsRequest{}, &reply).ok());
    return reply;
}

}  // namespace

TEST(FeedSources, TwoReceiversAndAReplayGiveOneFleetTrackAndContextTraffic) {
    // A replayed recording of a Wusu arrival (context traffic only).
    const auto recording = std::filesystem::temp_directory_path() /
                           ("flameblue-ctx-" + std::to_string(::getpid()) + ".sbs");
    std::ofstream(recording)
        << "MSG,1,1,1,7804A1,1,2026/04/12,13:20:00.000,,,CES2187 ,,,,,,,,,,,0\n"
           "MSG,3,1,1,7804A1,1,2026/04/12,13:20:00.100,,,,4500,,,37.61000,"
           "112.60000,,,0,0,0,0\n";
    app::FeedOptions feedOptions;
    feeds::SbsReplayOptions replay;
    replay.path = recording.string();
    replay.speed = 100;
    feedOptions.sbsReplays.push_back(replay);
    Receiver a, b;
    TrafficServer server({a.address(), b.address()}, feedOptions);

    auto dispatch = server.dispatch();
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));  // a hang
    auto reader = dispatch->Subscribe(&ctx, pb::SubscribeRequest{});
    pb::SubscribeResponse r;
    while (reader->Read(&r) && !r.has_heartbeat()) {
    }

    ASSERT_TRUE(server.sources().start().ok());
    const int fa = a.accept();
    const int fb = b.accept();
    ASSERT_GE(fa, 0);
    ASSERT_GE(fb, 0);
    // Both receivers hear the Z-8 (780a51 in the test world) and an overflight; B is late.
    const std::string z8 =
        "MSG,1,,,780A51,,,,,,YC01    ,,,,,,,,,,,0\r\n"
        "MSG,3,,,780A51,,,,,,,3500,,,37.59200,112.40600,,,0,0,0,0\r\n"
        "MSG,3,,,7806C3,,,,,,,33100,,,37.90000,113.20000,,,0,0,0,0\r\n";
    sendAll(fa, z8);
    sendAll(fb, z8);
    std::vector<pb::Event> positions;
    auto readPositions = [&](std::size_t count) {
        while (positions.size() < count && reader->Read(&r)) {
            if (r.has_event() && r.event().kind() == "position_reported")
                positions.push_back(r.event());
            for (const auto& e : r.events().events()) {
                if (e.kind() == "position_reported")
                    positions.push_back(e);
            }
        }
    };
    // A's next report only once the first has reached subscribers and both receivers' copies
    // are in (the second of each a duplicate): it must not be conflated with the first.
    readPositions(1);
    ASSERT_EQ(positions.size(), 1u);
    const auto& counters = server.sources().hub().counters();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (counters.duplicates.load() < 2 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_EQ(counters.duplicates.load(), 2u) << "the receivers' copies were not all handled";
    // Receivers stamp what they hear with the clock, in milliseconds, and a report no newer than
    // the one held is dropped: the next report comes once the clock has moved past the first.
    const auto& firstTime = positions[0].position().fix().time();
    const std::int64_t firstMs = firstTime.seconds() * 1000 + firstTime.nanos() / 1'000'000;
    while (session::systemNowMs() <= firstMs)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    sendAll(fa,
            "MSG,4,,,780A51,,,,,,,,120,275.5,,,-640,,,,,0\r\n"
            "MSG,3,,,780A51,,,,,,,3600,,,37.59500,112.40000,,,0,0,0,0\r\n");
    readPositions(2);
    ASSERT_EQ(positions.size(), 2u);  // one per distinct report, although two receivers heard it
    EXPECT_EQ(positions[0].position().unit_id(), "AV-Z8-01");
    EXPECT_DOUBLE_EQ(positions[0].position().fix().position().lat(), 37.592);
    EXPECT_DOUBLE_EQ(positions[1].position().fix().position().lat(), 37.595);
    EXPECT_NEAR(positions[1].position().fix().speed_kmh(), 222.24, 1e-6);
    EXPECT_GE(server.sources().hub().counters().duplicates.load(), 1u);

    auto traffic = server.traffic();
    pb::TrafficSnapshot listed;
    flameblue::testing::waitUntil(
        [&] {
            grpc::ClientContext lc;
            listed.Clear();
            return traffic->ListTraffic(&lc, pb::ListTrafficRequest{}, &listed).ok() &&
                   listed.aircraft_size() == 2;
        },
        std::chrono::seconds(60));         // bounds a hang
    ASSERT_EQ(listed.aircraft_size(), 2);  // the arrival and the overflight, not the Z-8
    EXPECT_EQ(listed.aircraft(0).icao24(), "7804a1");
    EXPECT_EQ(listed.aircraft(0).callsign(), "CES2187");
    EXPECT_NEAR(listed.aircraft(0).fix().altitude_m(), 1371.6, 1e-6);
    EXPECT_EQ(listed.aircraft(1).icao24(), "7806c3");
    EXPECT_DOUBLE_EQ(listed.area().south_west().lat(), 33.5);

    // Only what is inside a box, when asked.
    grpc::ClientContext bc;
    pb::ListTrafficRequest near;
    near.mutable_within()->mutable_south_west()->set_lat(37.5);
    near.mutable_within()->mutable_south_west()->set_lon(112.5);
    near.mutable_within()->mutable_north_east()->set_lat(37.7);
    near.mutable_within()->mutable_north_east()->set_lon(112.7);
    pb::TrafficSnapshot inBox;
    ASSERT_TRUE(traffic->ListTraffic(&bc, near, &inBox).ok());
    ASSERT_EQ(inBox.aircraft_size(), 1);
    EXPECT_EQ(inBox.aircraft(0).icao24(), "7804a1");
    grpc::ClientContext badCtx;
    pb::ListTrafficRequest bad;
    bad.mutable_within()->mutable_south_west()->set_lat(38);
    EXPECT_EQ(traffic->ListTraffic(&badCtx, bad, &inBox).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);

    // A stream of snapshots follows the traffic as it changes.
    grpc::ClientContext wc;
    wc.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    pb::WatchTrafficRequest watch;
    watch.set_interval_s(0.5);
    auto stream = traffic->WatchTraffic(&wc, watch);
    pb::TrafficSnapshot snap;
    ASSERT_TRUE(stream->Read(&snap));
    EXPECT_EQ(snap.aircraft_size(), 2);
    sendAll(fa, "MSG,3,,,7806C3,,,,,,,33100,,,37.90000,112.90000,,,0,0,0,0\r\n");
    bool moved = false;
    while (!moved && stream->Read(&snap)) {
        for (const auto& a : snap.aircraft())
            moved = moved || (a.icao24() == "7806c3" && a.fix().position().lon() == 112.9);
    }
    EXPECT_TRUE(moved);
    wc.TryCancel();
    pb::TrafficSnapshot rest;
    while (stream->Read(&rest)) {
    }

    // The receivers and the replay, as an operator checks them.
    grpc::ClientContext fc;
    pb::ListFeedsReply feeds;
    ASSERT_TRUE(traffic->ListFeeds(&fc, pb::ListFeedsRequest{}, &feeds).ok());
    ASSERT_EQ(feeds.feeds_size(), 3);
    EXPECT_EQ(feeds.feeds(0).kind(), "sbs");
    EXPECT_EQ(feeds.feeds(0).source(), a.address());
    EXPECT_TRUE(feeds.feeds(0).up());
    EXPECT_EQ(feeds.feeds(0).connects(), 1u);
    EXPECT_EQ(feeds.feeds(0).messages(), 6u);
    EXPECT_EQ(feeds.feeds(1).messages(), 3u);
    EXPECT_EQ(feeds.feeds(2).kind(), "sbs_replay");
    EXPECT_EQ(feeds.feeds(2).messages(), 2u);
    EXPECT_GE(feeds.positions_duplicate(), 1u);
    EXPECT_EQ(feeds.positions_received(),
              feeds.positions_accepted() + feeds.positions_duplicate() + feeds.positions_older());

    ::close(fa);
    ::close(fb);
    ctx.TryCancel();
    std::filesystem::remove(recording);
}

// 20,500 other aircraft in one receiver's aircraft.json fill the merge point's 20,000-aircraft
// table; the fleet Z-8, listed after them, still reaches the session.
TEST(FeedSources, AFloodOfAddressesNeverLocksOutTheFleet) {
    TempFile file("flood.json");
    const double nowS = static_cast<double>(session::systemNowMs()) / 1000.0;
    std::string doc = "{\"now\": " + std::to_string(nowS) + ", \"aircraft\": [";
    char record[160];
    for (int i = 0; i < 20'500; ++i) {
        std::snprintf(record, sizeof record,
                      R"({"hex": "%06x", "lat": %.5f, "lon": 113.0, "seen": 0.5},)", 0x100000 + i,
                      36.0 + i * 1e-4);
        doc += record;
    }
    doc += R"({"hex": "780a51", "lat": 37.592, "lon": 112.406, "alt_baro": 3500, "seen": 0.1}]})";
    file.write(doc);
    app::FeedOptions options;
    feeds::AircraftJsonPollerOptions poll;
    poll.source = file.path.string();
    poll.intervalSeconds = 0.2;
    options.aircraftJson.push_back(poll);
    TrafficServer server({}, options);
    ASSERT_TRUE(server.sources().start().ok());
    ASSERT_TRUE(flameblue::testing::waitUntil(
        [&] { return lastFixOf(server.session(), "AV-Z8-01").has_value(); }));
    EXPECT_DOUBLE_EQ(lastFixOf(server.session(), "AV-Z8-01")->position.latDeg, 37.592);
    EXPECT_EQ(server.sources().hub().aircraftCount(), 20'000u);
    const auto feeds = listFeeds(server);
    EXPECT_EQ(feeds.aircraft_refused(), 0u);
    EXPECT_EQ(feeds.aircraft_evicted(), 501u);
}

// A receiver whose clock is two hours behind: the Z-8's fix is as old as the document says, and
// ListFeeds shows the offset.
TEST(FeedSources, AReceiverClockBehindDoesNotAgeTheFleet) {
    TempFile file("behind.json");
    const double receiverNowS = static_cast<double>(session::systemNowMs()) / 1000.0 - 7200.0;
    file.write("{\"now\": " + std::to_string(receiverNowS) +
               R"(, "aircraft": [{"hex": "780a51", "lat": 37.592, "lon": 112.406, "seen": 0.1,
               "seen_pos": 0.2}]})");
    app::FeedOptions options;
    feeds::AircraftJsonPollerOptions poll;
    poll.source = file.path.string();
    options.aircraftJson.push_back(poll);
    TrafficServer server({}, options);
    ASSERT_TRUE(server.sources().start().ok());
    ASSERT_TRUE(flameblue::testing::waitUntil(
        [&] { return lastFixOf(server.session(), "AV-Z8-01").has_value(); }));
    const core::TimeMs ageMs =
        session::systemNowMs() - lastFixOf(server.session(), "AV-Z8-01")->fixTime;
    EXPECT_LT(ageMs, 60'000);  // fresh, not 7,200 s old
    const auto feeds = listFeeds(server);
    ASSERT_EQ(feeds.feeds_size(), 1);
    ASSERT_TRUE(feeds.feeds(0).has_receiver_clock_offset_s());
    EXPECT_NEAR(feeds.feeds(0).receiver_clock_offset_s(), -7200.0, 60.0);
    EXPECT_TRUE(feeds.feeds(0).up());
}

TEST(FeedSources, ListFeedsSaysWhyAFeedFails) {
    TempFile empty("empty.json");
    empty.write("");
    const std::string big = R"({"now": 1796000000, "aircraft": [)" + std::string(4000, ' ') + "]}";
    flameblue::testing::LoopbackServer http([&](int fd) {
        flameblue::testing::LoopbackServer::readRequest(fd);
        flameblue::testing::LoopbackServer::sendAll(
            fd,
            "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(big.size()) + "\r\n\r\n" + big);
    });
    app::FeedOptions options;
    feeds::AircraftJsonPollerOptions poll;
    poll.source = empty.path.string();
    options.aircraftJson.push_back(poll);
    poll.source = "http://127.0.0.1:" + std::to_string(http.port()) + "/data/aircraft.json";
    poll.maxBytes = 1024;
    options.aircraftJson.push_back(poll);
    TrafficServer server({}, options);
    const core::TimeMs before = session::systemNowMs();
    ASSERT_TRUE(server.sources().start().ok());
    pb::ListFeedsReply feeds;
    ASSERT_TRUE(flameblue::testing::waitUntil([&] {
        feeds = listFeeds(server);
        return feeds.feeds_size() == 2 && !feeds.feeds(0).last_error().empty() &&
               !feeds.feeds(1).last_error().empty();
    }));
    EXPECT_FALSE(feeds.feeds(0).up());
    EXPECT_NE(feeds.feeds(0).last_error().find("the document is empty"), std::string::npos)
        << feeds.feeds(0).last_error();
    EXPECT_GE(feeds.feeds(0).last_error_time().seconds(), before / 1000);
    EXPECT_FALSE(feeds.feeds(1).up());
    EXPECT_NE(feeds.feeds(1).last_error().find("larger than the limit"), std::string::npos)
        << feeds.feeds(1).last_error();
    EXPECT_GE(feeds.feeds(1).last_error_time().seconds(), before / 1000);
}

// One valid SBS line at 0,0 for the Z-8 over Yaocheng: held back, counted, said why; the
// helicopter stays where it is.
TEST(FeedSources, AnImpossibleJumpIsHeldBackAndShownInListFeeds) {
    Receiver receiver;
    app::FeedOptions options;
    options.plausibility.positionNoiseM = 500;
    options.plausibility.confirmFixes = 3;
    options.typeMaxGroundKmh["z8"] = 399;
    TrafficServer server({receiver.address()}, options);
    ASSERT_TRUE(server.sources().start().ok());
    const int fd = receiver.accept();
    ASSERT_GE(fd, 0);
    sendAll(fd, "MSG,3,,,780A51,,,,,,,2500,,,37.59200,112.40600,,,0,0,0,0\r\n");
    ASSERT_TRUE(flameblue::testing::waitUntil(
        [&] { return lastFixOf(server.session(), "AV-Z8-01").has_value(); }));
    sendAll(fd, "MSG,3,,,780A51,,,,,,,2500,,,0.00000,0.00000,,,0,0,0,0\r\n");
    ASSERT_TRUE(flameblue::testing::waitUntil(
        [&] { return listFeeds(server).positions_implausible() == 1; }));
    sendAll(fd, "MSG,3,,,780A51,,,,,,,2500,,,37.59300,112.40700,,,0,0,0,0\r\n");
    ASSERT_TRUE(flameblue::testing::waitUntil(
        [&] { return lastFixOf(server.session(), "AV-Z8-01")->position.latDeg == 37.593; }));
    const auto feeds = listFeeds(server);
    EXPECT_EQ(feeds.positions_implausible(), 1u);
    EXPECT_NE(feeds.last_implausible().find("0.00000, 0.00000"), std::string::npos)
        << feeds.last_implausible();
    EXPECT_TRUE(feeds.has_last_implausible_time());
    ::close(fd);
}

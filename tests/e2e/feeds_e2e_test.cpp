// The real server with the shipped recording replayed as its aircraft feed: the fleet aircraft
// fly in the live session, the airliners around Wusu are context traffic, and feed options with
// bad values stop the server with a message naming them.
#include <gtest/gtest.h>

#include <set>

#include "flameblue/v1/traffic.grpc.pb.h"
#include "server_process.h"

using namespace flameblue::e2e;
using namespace std::chrono_literals;

TEST(FeedsE2E, TheShippedRecordingFliesTheFleetAndShowsContextTraffic) {
    TempDir dir;
    ServerConfig config;
    config.stateDir = dir / "state";
    // 20 recorded minutes in 6 s.
    config.extraArgs = {"--sbs-replay",
                        std::string(kDataDir) + "/recordings/yaocheng_fire_drill.sbs@200"};
    std::string error;
    auto server = ServerProcess::start(config, &error);
    ASSERT_TRUE(server) << error;

    auto stub = server->stub();
    grpc::ClientContext ctx;
    withDeadline(ctx, 60s);
    auto reader = stub->Subscribe(&ctx, pb::SubscribeRequest{});
    std::set<std::string> flying;
    std::set<std::string> context;
    auto traffic = flameblue::v1::Traffic::NewStub(server->channel());
    pb::SubscribeResponse r;
    while (flying.size() < 3 && reader->Read(&r)) {
        auto look = [&](const pb::Event& e) {
            if (e.kind() == "position_reported") {
                flying.insert(e.position().unit_id());
                EXPECT_TRUE(e.position().is_aircraft());
            }
        };
        if (r.has_event())
            look(r.event());
        for (const auto& e : r.events().events())
            look(e);
        if (context.size() < 2) {
            grpc::ClientContext lc;
            withDeadline(lc, 5s);
            flameblue::v1::TrafficSnapshot snap;
            if (traffic->ListTraffic(&lc, {}, &snap).ok()) {
                for (const auto& a : snap.aircraft())
                    context.insert(a.icao24());
            }
        }
    }
    ctx.TryCancel();
    EXPECT_EQ(flying, (std::set<std::string>{"AV-Z8-01", "AV-KA32-01", "AV-H125-01"}));
    for (const auto& icao : context) {
        // CES2187, CSN6531, CHH7659: never the fleet's 780e4x
        EXPECT_TRUE(icao == "7804a1" || icao == "780b12" || icao == "7806c3")
            << icao << " is not context traffic of the recording";
    }
    EXPECT_FALSE(context.empty());
    EXPECT_TRUE(server->stop().exited);
}

TEST(FeedsE2E, BadFeedOptionsAreRefusedNamingTheOption) {
    TempDir dir;
    const std::string port = "127.0.0.1:0";  // any free port, should a refused option start
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--aircraft-json", "https://receiver/data/aircraft.json"}, "https"},
        {{"--aircraft-json", "http://receiver:8080/data/aircraft.json@0"}, "interval"},
        {{"--sbs-replay", "recording.sbs@fast"}, "--sbs-replay"},
        {{"--traffic-area", "41,109,33,115"}, "--traffic-area"},
        {{"--cot", "ftp://tak:8087"}, "--cot"},
        {{"--cot", "udp://tak"}, "port"},
    };
    for (const auto& [args, expected] : cases) {
        std::vector<std::string> argv = {"--state-dir", (dir / "state").string(), "--listen", port};
        argv.insert(argv.end(), args.begin(), args.end());
        const RunResult r = runServerToExit(argv, 10s);
        ASSERT_FALSE(r.timedOut) << args[0] << " " << args[1];
        EXPECT_TRUE(r.status.exited && r.status.exitCode == 2) << r.status.describe();
        EXPECT_NE(r.output.find(expected), std::string::npos) << r.output;
    }
    const RunResult help = runServerToExit({"--help"}, 10s);
    for (const char* option :
         {"--aircraft-json", "--sbs-replay", "--traffic-area", "--traffic-max-age", "--cot"}) {
        EXPECT_NE(help.output.find(option), std::string::npos) << option;
    }
}

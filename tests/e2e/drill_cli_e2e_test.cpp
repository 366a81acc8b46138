// The instructor's command-line tool against the real server: a drill from a bundled scenario,
// playback, the after-action report written to files, and clear errors for bad input.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>

#include "../support/loopback_port.h"
#include "flameblue/v1/drill.grpc.pb.h"
#include "server_process.h"

namespace flameblue::e2e {
namespace {

using namespace std::chrono_literals;

constexpr const char* kScenario = "changzhi-pingshun-forest-fire";

class DrillCli {
public:
    explicit DrillCli(std::string server) : m_server(std::move(server)) {}

    RunResult run(std::vector<std::string> args) const {
        args.insert(args.end(), {"--server", m_server, "--operator", "instructor-zhao"});
        return runProgramToExit(FLAMEBLUE_DRILL_CLI_BIN, args, 60s);
    }

private:
    std::string m_server;
};

std::string trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
        s.pop_back();
    return s;
}

pb::DrillInfo findDrill(const ServerProcess& server, const std::string& id) {
    auto drills = pb::Drills::NewStub(server.channel());
    grpc::ClientContext ctx;
    asOperator(ctx, "instructor-zhao");
    ctx.AddMetadata("x-flameblue-role", "instructor");
    withDeadline(ctx);
    pb::ListDrillsReply reply;
    EXPECT_TRUE(drills->ListDrills(&ctx, pb::ListDrillsRequest{}, &reply).ok());
    for (const auto& d : reply.drills()) {
        if (d.id() == id)
            return d;
    }
    return {};
}

TEST(DrillCliEndToEnd, CreatesFromAScenarioPlaysSeeksAndWritesTheReport) {
    TempDir dir;
    ServerConfig config;
    config.stateDir = dir / "state";
    std::string error;
    auto server = ServerProcess::start(config, &error);
    ASSERT_TRUE(server) << error;
    const DrillCli cli(server->address());

    RunResult r = cli.run({"scenarios"});
    ASSERT_EQ(r.status.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find(std::string(kScenario) + "\t2025-04-02T12:30:00+08:00"),
              std::string::npos)
        << r.output;

    r = cli.run({"create", "--scenario", kScenario, "--name", "长治林火 第一组"});
    ASSERT_EQ(r.status.exitCode, 0) << r.output;
    const std::string id = trimmed(r.output);
    ASSERT_EQ(id.rfind("drill-", 0), 0U) << r.output;
    const pb::DrillInfo drill = findDrill(*server, id);
    ASSERT_EQ(drill.id(), id);
    EXPECT_EQ(drill.source(), kScenario);
    EXPECT_EQ(drill.name(), "长治林火 第一组");
    EXPECT_EQ(drill.created_by(), "instructor-zhao");
    ASSERT_EQ(drill.incidents_size(), 1);
    const std::string incident = drill.incidents(0).incident_id();

    r = cli.run({"list"});
    ASSERT_EQ(r.status.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find(id + "\t" + kScenario), std::string::npos) << r.output;

    // Seek to the escalation (local time of the scenario, without seconds), then play and pause.
    r = cli.run({"seek", id, "2025-04-02T14:30+08:00"});
    ASSERT_EQ(r.status.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("paused x1 at 2025-04-02T14:30:00+08:00"), std::string::npos)
        << r.output;
    r = cli.run({"speed", id, "30"});
    ASSERT_EQ(r.status.exitCode, 0) << r.output;
    r = cli.run({"play", id});
    ASSERT_EQ(r.status.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("playing x30"), std::string::npos) << r.output;
    r = cli.run({"pause", id});
    ASSERT_EQ(r.status.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("paused x30"), std::string::npos) << r.output;
    // The tool gives the control lease back after each command: a console may take over.
    EXPECT_EQ(findDrill(*server, id).playback().controller(), "");

    // Playing moved the drill clock by however long play took (more on a busy machine): seek
    // back so that the hand-over happens at a known time.
    r = cli.run({"seek", id, "2025-04-02T14:30+08:00"});
    ASSERT_EQ(r.status.exitCode, 0) << r.output;
    r = cli.run({"handover", id, incident});
    ASSERT_EQ(r.status.exitCode, 0) << r.output;
    EXPECT_NE(r.output.find("handed over: " + incident), std::string::npos) << r.output;

    const auto html = dir / "after-action.html";
    r = cli.run({"report", id, "--html", html.string()});
    ASSERT_EQ(r.status.exitCode, 0) << r.output;
    const std::string page = readFile(html);
    EXPECT_NE(page.find("<html"), std::string::npos);
    EXPECT_NE(page.find(incident), std::string::npos);
    EXPECT_NE(page.find("长治林火 第一组"), std::string::npos);
    EXPECT_NE(page.find("平顺森林森林1"), std::string::npos) << "history's first dispatch";
    EXPECT_NE(page.find("Handed over 14:30:00"), std::string::npos) << "the hand-over's time";
    const auto csv = dir / "after-action.csv";
    r = cli.run({"report", id, "--csv", csv.string()});
    ASSERT_EQ(r.status.exitCode, 0) << r.output;
    EXPECT_NE(readFile(csv).find(incident), std::string::npos);

    // A report that cannot be written: an error, and nothing left behind.
    r = cli.run({"report", id, "--html", (dir / "no-such-dir" / "r.html").string()});
    EXPECT_EQ(r.status.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("cannot write"), std::string::npos) << r.output;

    r = cli.run({"end", id});
    ASSERT_EQ(r.status.exitCode, 0) << r.output;
    r = cli.run({"play", id});
    EXPECT_EQ(r.status.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("no drill \"" + id + "\""), std::string::npos) << r.output;
}

TEST(DrillCliEndToEnd, BadArgumentsAndRefusalsGiveClearErrors) {
    TempDir dir;
    ServerConfig config;
    config.stateDir = dir / "state";
    std::string error;
    auto server = ServerProcess::start(config, &error);
    ASSERT_TRUE(server) << error;
    const DrillCli cli(server->address());

    struct Usage {
        std::vector<std::string> args;
        std::string says;
    };
    const std::vector<Usage> usage = {
        {{}, "no command given"},
        {{"launch"}, "unknown command \"launch\""},
        {{"play"}, "play: expected \"play ID\""},
        {{"speed", "drill-1", "100"}, "expected a number from 0.25 to 60"},
        {{"seek", "drill-1", "yesterday"}, "expected a time like 2026-11-29T08:00+08:00"},
        {{"seek", "drill-1", "2026-02-30T08:00+08:00"}, "expected a time like"},
        {{"create"}, "give exactly one of"},
        {{"create", "--scenario", kScenario, "--from", "2026-11-29T08:00+08:00"},
         "give exactly one of"},
        {{"create", "--from", "2026-11-29T08:00+08:00"}, "--to is required"},
        {{"create", "--from", "2026-11-29T08:00+08:00", "--to", "2026-11-29T07:00+08:00"},
         "--to must be after --from"},
        {{"create", "--scenario-file", (dir / "missing.json").string()}, "cannot be read"},
        {{"report", "drill-1"}, "give one of --html FILE or --csv FILE"},
        {{"play", "drill-1", "--html", "x.html"}, "option --html does not apply"},
        {{"list", "--bogus"}, "unknown option --bogus"},
    };
    for (const Usage& u : usage) {
        const RunResult r = cli.run(u.args);
        EXPECT_EQ(r.status.exitCode, 2) << r.output;
        EXPECT_NE(r.output.find(u.says), std::string::npos) << r.output;
    }
    {
        const RunResult r =
            runProgramToExit(FLAMEBLUE_DRILL_CLI_BIN, {"list", "--server", "nowhere"}, 60s);
        EXPECT_EQ(r.status.exitCode, 2) << r.output;
        EXPECT_NE(r.output.find("--server nowhere: expected HOST:PORT"), std::string::npos);
    }

    // Refusals carry the server's message.
    RunResult r = cli.run({"create", "--scenario", "no-such-scenario"});
    EXPECT_EQ(r.status.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("no-such-scenario"), std::string::npos) << r.output;
    r = cli.run({"play", "drill-404"});
    EXPECT_EQ(r.status.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("drill-404"), std::string::npos) << r.output;
    std::ofstream(dir / "bad.json") << R"({"format":"flameblue-scenario","version":7})";
    r = cli.run({"create", "--scenario-file", (dir / "bad.json").string()});
    EXPECT_EQ(r.status.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("newer"), std::string::npos) << r.output;

    // A live period without that incident: refused, and the drill made for it is gone.
    r = cli.run({"create", "--from", "2020-01-01T08:00+08:00", "--to", "2020-01-01T09:00+08:00",
                 "--incident", "INC-NOPE"});
    EXPECT_EQ(r.status.exitCode, 1) << r.output;
    r = cli.run({"list"});
    EXPECT_EQ(r.status.exitCode, 0) << r.output;
    EXPECT_EQ(trimmed(r.output), "") << r.output;

    // The server's address is wrong: a clear message, no hang.
    const flameblue::testing::ClosedLoopbackPort closed;
    const DrillCli nowhere(closed.address());
    r = nowhere.run({"list"});
    EXPECT_EQ(r.status.exitCode, 1) << r.output;
    EXPECT_NE(r.output.find("not reachable"), std::string::npos) << r.output;
}

// A console still watching a drill when it ends is told so and its stream closed.
TEST(DrillCliEndToEnd, EndingADrillClosesItsSubscribersWithAClearStatus) {
    TempDir dir;
    ServerConfig config;
    config.stateDir = dir / "state";
    std::string error;
    auto server = ServerProcess::start(config, &error);
    ASSERT_TRUE(server) << error;
    const DrillCli cli(server->address());
    RunResult r = cli.run({"create", "--scenario", kScenario});
    ASSERT_EQ(r.status.exitCode, 0) << r.output;
    const std::string id = trimmed(r.output);

    auto stub = server->stub();
    grpc::ClientContext ctx;
    withDeadline(ctx, 60s);  // without the closing, the stream would stay open until then
    pb::SubscribeRequest req;
    req.mutable_session()->set_id(id);
    auto reader = stub->Subscribe(&ctx, req);
    pb::SubscribeResponse msg;
    bool snapshotDone = false;
    while (!snapshotDone && reader->Read(&msg))
        snapshotDone = msg.has_snapshot_end();
    ASSERT_TRUE(snapshotDone);

    r = cli.run({"end", id});
    ASSERT_EQ(r.status.exitCode, 0) << r.output;
    while (reader->Read(&msg)) {
    }
    const grpc::Status st = reader->Finish();
    EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_EQ(st.error_message(), "drill " + id + " ended");

    // Subscribing again: refused, not an empty stream that waits forever.
    grpc::ClientContext again;
    withDeadline(again);
    auto late = stub->Subscribe(&again, req);
    while (late->Read(&msg)) {
    }
    EXPECT_EQ(late->Finish().error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace flameblue::e2e

// Signing in with the real programs: the server's first start creates the local operator and its
// token, every call needs a token, and flameblue-admin adds and revokes operators while the
// server runs.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "server_process.h"

namespace flameblue::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string firstLine(const fs::path& p) {
    const std::string text = readFile(p);
    return text.substr(0, text.find('\n'));
}

fs::perms permsOf(const fs::path& p) {
    return fs::status(p).permissions() & fs::perms::all;
}

grpc::Status listStations(pb::Dispatch::Stub& stub, const std::string& token) {
    grpc::ClientContext ctx;
    if (!token.empty())
        ctx.AddMetadata("authorization", "Bearer " + token);
    ctx.AddMetadata("x-flameblue-operator", "self-declared");
    withDeadline(ctx);
    pb::ListStationsReply reply;
    return stub.ListStations(&ctx, pb::ListStationsRequest{}, &reply);
}

grpc::Status createIncident(pb::Dispatch::Stub& stub, const std::string& token) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("authorization", "Bearer " + token);
    withDeadline(ctx);
    pb::CreateIncidentRequest req;
    req.set_type("building_fire");
    req.set_level(1);
    req.mutable_position()->set_lat(37.87);
    req.mutable_position()->set_lon(112.55);
    pb::CommandReply reply;
    return stub.CreateIncident(&ctx, req, &reply);
}

// Polls `call` until it gives `code` or a second has passed.
template <typename Call>
grpc::Status within1s(grpc::StatusCode code, Call call) {
    const auto until = std::chrono::steady_clock::now() + 1s;
    grpc::Status s = call();
    while (s.error_code() != code && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(20ms);
        s = call();
    }
    return s;
}

TEST(OperatorsE2e, TheFirstStartCreatesTheLocalOperatorAndEveryCallSignsIn) {
    TempDir dir;
    ServerConfig config;
    config.stateDir = dir / "state";
    config.signIn = true;
    std::string error;
    auto server = ServerProcess::start(config, &error);
    ASSERT_TRUE(server) << error;
    const fs::path operators = config.stateDir / "operators";
    const fs::path tokenFile = config.stateDir / "token";
    ASSERT_TRUE(fs::exists(operators)) << server->log();
    ASSERT_TRUE(fs::exists(tokenFile));
    EXPECT_EQ(permsOf(operators), fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(permsOf(tokenFile), fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_NE(server->log().find("its token is in " + tokenFile.string()), std::string::npos)
        << server->log();
    const std::string token = firstLine(tokenFile);
    ASSERT_FALSE(token.empty());
    EXPECT_EQ(readFile(operators).find(token), std::string::npos) << "token kept in clear";

    auto stub = server->stub();
    EXPECT_EQ(listStations(*stub, "").error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_TRUE(listStations(*stub, token).ok());
    EXPECT_TRUE(createIncident(*stub, token).ok());

    // An administrator adds a viewer while the server runs, then revokes it.
    const RunResult added =
        runProgramToExit(FLAMEBLUE_ADMIN_BIN,
                         {"--file", operators.string(), "add", "viewer-1", "--roles", "viewer",
                          "--token-out", (dir / "viewer.token").string()},
                         30s);
    ASSERT_EQ(added.status.exitCode, 0) << added.output;
    const std::string viewer = firstLine(dir / "viewer.token");
    EXPECT_TRUE(within1s(grpc::StatusCode::OK, [&] { return listStations(*stub, viewer); }).ok());
    const grpc::Status refused = createIncident(*stub, viewer);
    EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED) << refused.error_message();

    const RunResult revoked = runProgramToExit(
        FLAMEBLUE_ADMIN_BIN, {"--file", operators.string(), "revoke", "viewer-1"}, 30s);
    ASSERT_EQ(revoked.status.exitCode, 0) << revoked.output;
    EXPECT_EQ(
        within1s(grpc::StatusCode::UNAUTHENTICATED, [&] { return listStations(*stub, viewer); })
            .error_code(),
        grpc::StatusCode::UNAUTHENTICATED);
    const RunResult listed =
        runProgramToExit(FLAMEBLUE_ADMIN_BIN, {"--file", operators.string(), "list"}, 30s);
    ASSERT_EQ(listed.status.exitCode, 0) << listed.output;
    EXPECT_NE(listed.output.find("viewer-1\troles=viewer\tscope=province\texpires=never\trevoked"),
              std::string::npos)
        << listed.output;
    const RunResult again = runProgramToExit(
        FLAMEBLUE_ADMIN_BIN, {"--file", operators.string(), "add", "viewer-1", "--roles", "viewer"},
        30s);
    EXPECT_EQ(again.status.exitCode, 1);
    EXPECT_NE(again.output.find("operator \"viewer-1\" already exists"), std::string::npos)
        << again.output;

    // A restart keeps the operators and the local token.
    server->stop();
    auto restarted = ServerProcess::start(config, &error);
    ASSERT_TRUE(restarted) << error;
    EXPECT_TRUE(listStations(*restarted->stub(), token).ok());
    EXPECT_EQ(firstLine(tokenFile), token);
}

TEST(OperatorsE2e, InsecureDevIsForLoopbackOnlyAndNotWithOperators) {
    TempDir dir;
    const RunResult both =
        runServerToExit({"--insecure-dev", "--operators", (dir / "operators").string(),
                         "--state-dir", (dir / "state").string()},
                        30s);
    EXPECT_EQ(both.status.exitCode, 2) << both.output;
    EXPECT_NE(both.output.find("--insecure-dev: not with --operators"), std::string::npos)
        << both.output;
    const RunResult wide =
        runServerToExit({"--insecure-dev", "--listen", "0.0.0.0:0", "--state-dir",
                         (dir / "state").string(), "--data-dir", kDataDir},
                        60s);
    EXPECT_EQ(wide.status.exitCode, 2) << wide.output;
    EXPECT_NE(wide.output.find("listening beyond loopback needs"), std::string::npos)
        << wide.output;
    const RunResult clear = [&] {
        std::ofstream(dir / "clear") << "zhang 0123456789abcdef0123\n";
        return runServerToExit({"--operators", (dir / "clear").string(), "--state-dir",
                                (dir / "state").string(), "--data-dir", kDataDir},
                               60s);
    }();
    EXPECT_EQ(clear.status.exitCode, 2) << clear.output;
    EXPECT_NE(clear.output.find("clear-text token"), std::string::npos) << clear.output;
}

}  // namespace
}  // namespace flameblue::e2e

// A generated year as a fresh machine's demo: flameblue-generate fills a state directory, the
// real server opens it and reports on it, ExportIncident and flameblue-eido give the same
// incident as an EIDO object, and bad command lines are refused with the reason.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "flameblue/v1/reports.grpc.pb.h"
#include "server_process.h"

namespace flameblue::e2e {
namespace {

using namespace std::chrono_literals;

RunResult generate(const std::vector<std::string>& args) {
    return runProgramToExit(FLAMEBLUE_GENERATE_BIN, args, 300s);
}

TEST(YearE2E, AGeneratedYearIsReportedOnAndExportedByTheServer) {
    TempDir dir("flameblue-e2e-year");
    const auto state = dir / "state";
    const RunResult gen = generate({"--state-dir", state.string(), "--incidents", "400", "--days",
                                    "10", "--start", "2026-03-01", "--seed", "5"});
    ASSERT_TRUE(gen.status.exited && gen.status.exitCode == 0) << gen.output;
    EXPECT_NE(gen.output.find("400 incidents"), std::string::npos) << gen.output;

    // A second run into the same directory is refused and leaves the log as it is.
    const auto sizeBefore = std::filesystem::file_size(state / "live.db");
    const RunResult again = generate({"--state-dir", state.string(), "--incidents", "10"});
    EXPECT_EQ(again.status.exitCode, 1) << again.output;
    EXPECT_NE(again.output.find("already holds an event log"), std::string::npos) << again.output;
    EXPECT_EQ(std::filesystem::file_size(state / "live.db"), sizeBefore);

    ServerConfig config;
    config.stateDir = state;
    std::string error;
    auto server = ServerProcess::start(config, &error);
    ASSERT_TRUE(server) << error;
    auto reports = pb::Reports::NewStub(server->channel());

    pb::PhaseReportReply byMonth;
    for (int attempt = 0; attempt < 600; ++attempt) {
        byMonth.Clear();
        grpc::ClientContext ctx;
        withDeadline(ctx);
        pb::PhaseReportRequest req;
        req.set_group_by(pb::REPORT_GROUPING_DAY);
        const grpc::Status st = reports->PhaseReport(&ctx, req, &byMonth);
        if (st.error_code() != grpc::StatusCode::UNAVAILABLE) {
            ASSERT_TRUE(st.ok()) << st.error_message();
            break;
        }
        std::this_thread::sleep_for(100ms);
    }
    EXPECT_EQ(byMonth.total().incidents(), 400u);
    ASSERT_EQ(byMonth.groups_size(), 10);  // every day of the period had alarms
    EXPECT_EQ(byMonth.groups(0).key(), "2026-03-01");
    EXPECT_EQ(byMonth.groups(9).key(), "2026-03-10");

    const std::string id = "INC-20260301-0001";
    pb::ExportIncidentReply exported;
    {
        grpc::ClientContext ctx;
        withDeadline(ctx);
        pb::ExportIncidentRequest req;
        req.set_incident_id(id);
        const grpc::Status st = reports->ExportIncident(&ctx, req, &exported);
        ASSERT_TRUE(st.ok()) << st.error_message();
    }
    EXPECT_EQ(exported.standard(), "NENA-STA-021.1a-2022");
    EXPECT_EQ(exported.eido_version(), "1.0");
    const auto doc = nlohmann::json::parse(exported.eido_json());
    EXPECT_EQ(doc["incidentComponent"]["internalIncidentId"], id);
    EXPECT_FALSE(doc["emergencyResourceComponent"].empty());
    {
        grpc::ClientContext ctx;
        withDeadline(ctx);
        pb::ExportIncidentRequest req;
        req.set_incident_id("INC-20260301-9999");
        pb::ExportIncidentReply none;
        const grpc::Status st = reports->ExportIncident(&ctx, req, &none);
        EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
        EXPECT_NE(st.error_message().find("INC-20260301-9999"), std::string::npos);
    }
    reports.reset();
    server->stop();

    // The command-line export of the same incident from the log gives the same object (the
    // export's own id and time aside).
    const RunResult cli =
        runProgramToExit(FLAMEBLUE_EIDO_BIN, {"--state-dir", state.string(), id}, 60s);
    ASSERT_EQ(cli.status.exitCode, 0) << cli.output;
    auto fromCli = nlohmann::json::parse(cli.output);
    auto fromRpc = doc;
    fromCli.erase("$id");
    fromRpc.erase("$id");
    EXPECT_EQ(fromCli, fromRpc);
    const RunResult unknown =
        runProgramToExit(FLAMEBLUE_EIDO_BIN, {"--state-dir", state.string(), "INC-X"}, 60s);
    EXPECT_EQ(unknown.status.exitCode, 1);
    EXPECT_NE(unknown.output.find("no incident \"INC-X\""), std::string::npos) << unknown.output;
}

TEST(YearE2E, BadCommandLinesAreRefusedWithTheReason) {
    const RunResult noDir = generate({"--incidents", "10"});
    EXPECT_EQ(noDir.status.exitCode, 2);
    EXPECT_NE(noDir.output.find("--state-dir is required"), std::string::npos) << noDir.output;
    const RunResult badCount = generate({"--state-dir", "x", "--incidents", "ten"});
    EXPECT_EQ(badCount.status.exitCode, 2);
    EXPECT_NE(badCount.output.find("--incidents ten"), std::string::npos) << badCount.output;
    const RunResult badDay = generate({"--state-dir", "x", "--start", "2026-13-45"});
    EXPECT_EQ(badDay.status.exitCode, 2);
    EXPECT_NE(badDay.output.find("--start 2026-13-45"), std::string::npos) << badDay.output;
}

}  // namespace
}  // namespace flameblue::e2e

// The Reports service of the real server: phase times of incidents worked through the real
// command path, the same again after a restart that reads them back from the log, and requests
// that name what the server does not know refused with the field.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>

#include "../support/timestamps.h"
#include "flameblue/v1/dispatch.grpc.pb.h"
#include "flameblue/v1/reports.grpc.pb.h"
#include "server_process.h"

namespace flameblue::e2e {
namespace {

using namespace std::chrono_literals;
using Stub = pb::Dispatch::Stub;
using flameblue::testing::secondsAgo;

ServerConfig configIn(const std::filesystem::path& stateDir) {
    ServerConfig config;
    config.stateDir = stateDir;
    return config;
}

template <typename Req>
grpc::Status command(Stub& stub,
                     grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&,
                                                  pb::CommandReply*),
                     const Req& req, pb::CommandReply* reply) {
    grpc::ClientContext ctx;
    asOperator(ctx);
    withDeadline(ctx);
    return (stub.*method)(&ctx, req, reply);
}

grpc::Status report(ServerProcess& server, const pb::PhaseReportRequest& req,
                    pb::PhaseReportReply* out) {
    auto stub = pb::Reports::NewStub(server.channel());
    grpc::ClientContext ctx;
    withDeadline(ctx);
    return stub->PhaseReport(&ctx, req, out);
}

// Reports read the log on their own thread at start: asks until they have.
pb::PhaseReportReply reportWhenReady(ServerProcess& server, const pb::PhaseReportRequest& req) {
    pb::PhaseReportReply out;
    for (int attempt = 0; attempt < 600; ++attempt) {
        out.Clear();
        const grpc::Status st = report(server, req, &out);
        if (st.error_code() != grpc::StatusCode::UNAVAILABLE) {
            EXPECT_TRUE(st.ok()) << st.error_message();
            break;
        }
        std::this_thread::sleep_for(100ms);
    }
    return out;
}

const pb::PhaseFigures* phase(const pb::ReportGroup& g, pb::ReportPhase p) {
    for (const auto& f : g.phases()) {
        if (f.phase() == p)
            return &f;
    }
    return nullptr;
}

TEST(ReportsE2E, PhaseTimesOfIncidentsWorkedThroughTheCommandsSurviveARestart) {
    TempDir dir("flameblue-e2e-reports");
    std::string error;
    auto server = ServerProcess::start(configIn(dir / "state"), &error);
    ASSERT_NE(server, nullptr) << error;
    auto stub = server->stub();

    pb::ListUnitsRequest units;
    units.set_city("taiyuan");
    units.add_statuses(pb::UNIT_STATUS_AVAILABLE);
    pb::ListUnitsReply listed;
    {
        grpc::ClientContext ctx;
        withDeadline(ctx);
        ASSERT_TRUE(stub->ListUnits(&ctx, units, &listed).ok());
    }
    std::vector<std::string> engines;
    for (const auto& u : listed.units()) {
        if (u.unit_type() == "engine" && engines.size() < 2)
            engines.push_back(u.id());
    }
    ASSERT_EQ(engines.size(), 2u);

    // Two incidents in Taiyuan, alarms taken 120 s and 30 s ago: call processing is at least
    // that (the dispatch follows now), and less than a minute more on any machine.
    const std::vector<int> alarmAgo = {120, 30};
    for (std::size_t i = 0; i < 2; ++i) {
        pb::CreateIncidentRequest create;
        create.set_type("building_fire");
        create.set_level(1);
        create.mutable_position()->set_lat(37.87 + 0.01 * static_cast<double>(i));
        create.mutable_position()->set_lon(112.56);
        create.set_address("迎泽大街 " + std::to_string(i + 1) + " 号");
        *create.mutable_received() = secondsAgo(alarmAgo[i]);
        pb::CommandReply created;
        ASSERT_TRUE(command(*stub, &Stub::CreateIncident, create, &created).ok());
        pb::DispatchUnitsRequest dispatch;
        dispatch.set_incident_id(created.incident().id());
        dispatch.add_unit_ids(engines[i]);
        pb::CommandReply reply;
        ASSERT_TRUE(command(*stub, &Stub::DispatchUnits, dispatch, &reply).ok());
        for (auto status : {pb::UNIT_STATUS_EN_ROUTE, pb::UNIT_STATUS_ON_SCENE}) {
            pb::SetUnitStatusRequest set;
            set.set_unit_id(engines[i]);
            set.set_status(status);
            ASSERT_TRUE(command(*stub, &Stub::SetUnitStatus, set, &reply).ok());
        }
    }

    pb::PhaseReportRequest byCity;
    byCity.set_group_by(pb::REPORT_GROUPING_CITY);
    const pb::PhaseReportReply before = reportWhenReady(*server, byCity);
    ASSERT_EQ(before.groups_size(), 1);
    EXPECT_EQ(before.groups(0).key(), "taiyuan");
    EXPECT_EQ(before.groups(0).incidents(), 2u);
    EXPECT_EQ(before.groups(0).responses(), 2u);
    const auto* processing = phase(before.total(), pb::REPORT_PHASE_CALL_PROCESSING);
    ASSERT_NE(processing, nullptr);
    EXPECT_EQ(processing->count(), 2u);
    EXPECT_GE(processing->p50_s(), 30.0);  // nearest rank of two: the smaller
    EXPECT_LT(processing->p50_s(), 90.0);
    EXPECT_GE(processing->p90_s(), 120.0);  // the larger
    EXPECT_LT(processing->p90_s(), 180.0);
    EXPECT_EQ(processing->threshold().seconds(), 60.0);
    EXPECT_DOUBLE_EQ(processing->compliance_percent(), 50.0);
    EXPECT_FALSE(processing->compliant());
    EXPECT_EQ(phase(before.total(), pb::REPORT_PHASE_TURNOUT)->count(), 2u);
    EXPECT_EQ(phase(before.total(), pb::REPORT_PHASE_TRAVEL)->count(), 2u);
    EXPECT_EQ(phase(before.total(), pb::REPORT_PHASE_FIRST_ARRIVAL)->count(), 2u);
    EXPECT_EQ(phase(before.total(), pb::REPORT_PHASE_CLOSED)->count(), 0u) << "still open";
    EXPECT_FALSE(before.threshold_source().empty());

    // Restarted, the server reads the same figures back from the log.
    stub.reset();
    ASSERT_TRUE(server->stop().exited);
    server = ServerProcess::start(configIn(dir / "state"), &error);
    ASSERT_NE(server, nullptr) << error;
    pb::PhaseReportReply after = reportWhenReady(*server, byCity);
    after.set_as_of_seq(before.as_of_seq());
    EXPECT_EQ(after.SerializeAsString(), before.SerializeAsString())
        << "before: " << before.ShortDebugString() << "\nafter: " << after.ShortDebugString();
}

TEST(ReportsE2E, RequestsNamingWhatTheServerDoesNotKnowAreRefusedWithTheField) {
    TempDir dir("flameblue-e2e-reports");
    std::string error;
    auto server = ServerProcess::start(configIn(dir / "state"), &error);
    ASSERT_NE(server, nullptr) << error;
    reportWhenReady(*server, {});

    auto refused = [&](const pb::PhaseReportRequest& req, const std::string& field) {
        pb::PhaseReportReply out;
        const grpc::Status st = report(*server, req, &out);
        EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << req.ShortDebugString();
        EXPECT_NE(st.error_message().find(field), std::string::npos) << st.error_message();
    };
    pb::PhaseReportRequest req;
    req.add_cities("beijing");
    refused(req, "cities: unknown city \"beijing\"");
    req.Clear();
    req.add_incident_types("alien_landing");
    refused(req, "incident_types");
    req.Clear();
    req.add_phases(static_cast<pb::ReportPhase>(42));
    refused(req, "phases: unknown phase 42");
    req.Clear();
    req.add_levels(9);
    refused(req, "levels");
    req.Clear();
    req.set_utc_offset_minutes(5000);
    refused(req, "utc_offset_minutes");
    req.Clear();
    req.set_table_minutes(0);
    refused(req, "table_minutes");
    req.Clear();
    *req.mutable_from() = secondsAgo(0);
    *req.mutable_to() = secondsAgo(3600);
    refused(req, "to: must be after from");
    req.Clear();
    req.set_group_by(static_cast<pb::ReportGrouping>(77));
    refused(req, "group_by");
    // The server carries on.
    pb::PhaseReportReply out;
    EXPECT_TRUE(report(*server, {}, &out).ok());
    EXPECT_TRUE(server->running());
}

}  // namespace
}  // namespace flameblue::e2e

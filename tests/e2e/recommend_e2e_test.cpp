// The recommendation end to end: the real server on the Shanxi demo data, Recommend over gRPC,
// then dispatch what it proposed through the same validated command path as manual dispatch.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "server_process.h"

namespace flameblue::e2e {
namespace {

TEST(RecommendEndToEnd, BuildingFireInTaiyuanGetsTaiyuanUnitsThatCanThenBeDispatched) {
    TempDir dir;
    ServerConfig config;
    config.stateDir = dir / "state";
    std::string error;
    auto server = ServerProcess::start(config, &error);
    ASSERT_TRUE(server) << error;
    auto stub = server->stub();

    // A draft first: what a dispatcher sees while still taking the call.
    pb::RecommendRequest draft;
    draft.set_type("building_fire");
    draft.set_level(1);
    draft.mutable_position()->set_lat(37.8706);
    draft.mutable_position()->set_lon(112.5489);
    pb::Recommendation rec;
    {
        grpc::ClientContext ctx;
        withDeadline(ctx);
        const grpc::Status s = stub->Recommend(&ctx, draft, &rec);
        ASSERT_TRUE(s.ok()) << s.error_message();
    }
    ASSERT_GT(rec.slots_size(), 0);
    EXPECT_EQ(rec.shortfalls(), 0);
    EXPECT_EQ(rec.filled_slots(), rec.slots_size());
    ASSERT_EQ(rec.unit_ids_size(), rec.slots_size());
    for (const auto& slot : rec.slots()) {
        ASSERT_TRUE(slot.has_pick()) << slot.capability();
        EXPECT_EQ(slot.pick().unit_id().rfind("TY-", 0), 0u) << slot.pick().unit_id();
        EXPECT_FALSE(slot.pick().is_aircraft());
        // The breakdown adds up.
        const auto& eta = slot.pick().eta();
        EXPECT_NEAR(eta.start_delay_s() + eta.travel_s(), eta.total_s(), 1e-6);
        EXPECT_FALSE(slot.explanation().text().empty());
    }

    // Invalid drafts are refused with the field named.
    {
        pb::RecommendRequest bad = draft;
        bad.set_level(9);
        grpc::ClientContext ctx;
        withDeadline(ctx);
        pb::Recommendation ignored;
        const grpc::Status s = stub->Recommend(&ctx, bad, &ignored);
        EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        EXPECT_NE(s.error_message().find("level"), std::string::npos);
    }

    // Record the incident, recommend for it, dispatch the proposal.
    pb::CommandReply created;
    {
        grpc::ClientContext ctx;
        asOperator(ctx);
        withDeadline(ctx);
        pb::CreateIncidentRequest req;
        req.set_type("building_fire");
        req.set_level(1);
        *req.mutable_position() = draft.position();
        ASSERT_TRUE(stub->CreateIncident(&ctx, req, &created).ok());
    }
    pb::RecommendRequest forIncident;
    forIncident.set_incident_id(created.incident().id());
    {
        grpc::ClientContext ctx;
        withDeadline(ctx);
        ASSERT_TRUE(stub->Recommend(&ctx, forIncident, &rec).ok());
    }
    pb::CommandReply dispatched;
    {
        grpc::ClientContext ctx;
        asOperator(ctx);
        withDeadline(ctx);
        pb::DispatchUnitsRequest req;
        req.set_incident_id(created.incident().id());
        *req.mutable_unit_ids() = rec.unit_ids();
        const grpc::Status s = stub->DispatchUnits(&ctx, req, &dispatched);
        ASSERT_TRUE(s.ok()) << s.error_message();
    }
    EXPECT_EQ(dispatched.incident().assignments_size(), rec.unit_ids_size());

    // Escalation proposes only what the higher level adds, never the units already there.
    pb::RecommendRequest escalate = forIncident;
    escalate.set_level(2);
    pb::Recommendation more;
    {
        grpc::ClientContext ctx;
        withDeadline(ctx);
        ASSERT_TRUE(stub->Recommend(&ctx, escalate, &more).ok());
    }
    EXPECT_GE(more.already_covered_size(), rec.unit_ids_size());
    for (const auto& id : more.unit_ids()) {
        EXPECT_EQ(std::find(rec.unit_ids().begin(), rec.unit_ids().end(), id), rec.unit_ids().end())
            << id << " is already on the incident";
    }

    // End-to-end latency of the RPC on loopback, printed for the record (not asserted).
    std::vector<double> ms;
    for (int i = 0; i < 50; ++i) {
        grpc::ClientContext ctx;
        withDeadline(ctx);
        pb::Recommendation r;
        const auto t0 = std::chrono::steady_clock::now();
        ASSERT_TRUE(stub->Recommend(&ctx, draft, &r).ok());
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("Recommend RPC on loopback: p50 %.2f ms, p99 %.2f ms (50 calls)\n", ms[25], ms[49]);
    stub.reset();
    EXPECT_TRUE(server->stop().exited);
}

}  // namespace
}  // namespace flameblue::e2e

// The Coverage service of the real server on the bundled Shanxi data: the province grid, a
// station emptied through the real command path showing its gap in the next version and closing
// it again, the "what if closed" answer agreeing, station placement, and bad requests refused.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "flameblue/v1/dispatch.grpc.pb.h"
#include "flameblue/v1/reports.grpc.pb.h"
#include "server_process.h"

namespace flameblue::e2e {
namespace {

using namespace std::chrono_literals;

pb::CoverageReply coverage(ServerProcess& server, std::uint64_t knownVersion = 0,
                           bool grid = false) {
    auto stub = pb::Coverage::NewStub(server.channel());
    grpc::ClientContext ctx;
    withDeadline(ctx);
    pb::CoverageRequest req;
    req.set_known_version(knownVersion);
    req.set_include_grid(grid);
    req.set_include_first_due_areas(grid);
    pb::CoverageReply out;
    const grpc::Status st = stub->GetCoverage(&ctx, req, &out);
    EXPECT_TRUE(st.ok()) << st.error_message();
    return out;
}

bool hasGap(const pb::CoverageSummary& s, const std::string& station) {
    for (const auto& g : s.station_gaps()) {
        if (g.station_id() == station)
            return true;
    }
    return false;
}

// Polls until the version moves past `after` and `done` holds (the worker folds changes in
// within milliseconds; the bound is for slow machines).
pb::CoverageReply waitFor(ServerProcess& server, std::uint64_t after,
                          const std::function<bool(const pb::CoverageSummary&)>& done) {
    pb::CoverageReply r;
    for (int i = 0; i < 200; ++i) {
        r = coverage(server, after);
        if (!r.unchanged() && done(r.summary()))
            return r;
        std::this_thread::sleep_for(25ms);
    }
    ADD_FAILURE() << "coverage did not change as expected";
    return r;
}

void setStatus(pb::Dispatch::Stub& stub, const std::string& unit, pb::UnitStatus status) {
    pb::SetUnitStatusRequest set;
    set.set_unit_id(unit);
    set.set_status(status);
    pb::CommandReply reply;
    grpc::ClientContext ctx;
    asOperator(ctx);
    withDeadline(ctx);
    const grpc::Status st = stub.SetUnitStatus(&ctx, set, &reply);
    ASSERT_TRUE(st.ok()) << unit << ": " << st.error_message();
}

TEST(CoverageE2E, AStationEmptiedShowsItsGapAndPlacementAnswers) {
    TempDir dir("flameblue-e2e-coverage");
    ServerConfig config;
    config.stateDir = dir / "state";
    std::string error;
    auto server = ServerProcess::start(config, &error);
    ASSERT_NE(server, nullptr) << error;
    auto stub = server->stub();
    auto cov = pb::Coverage::NewStub(server->channel());

    const pb::CoverageReply first = coverage(*server, 0, true);
    const auto& s = first.summary();
    EXPECT_GT(s.cells(), 150'000u) << "Shanxi is about 156,000 km2";
    EXPECT_LT(s.cells(), 170'000u);
    EXPECT_LE(s.cell_km(), 1.0);
    EXPECT_GT(s.counting_units(), 50u);
    EXPECT_GT(s.covered_cells(), 0u);
    EXPECT_EQ(s.circle_s(), 300.0);
    EXPECT_EQ(s.capability(), "fire_suppression");
    EXPECT_EQ(s.places(), 11u) << "the city seats";
    EXPECT_FALSE(s.share_basis().empty());
    EXPECT_EQ(first.grid().seconds().size(), 2u * static_cast<std::size_t>(first.grid().rows()) *
                                                 static_cast<std::size_t>(first.grid().cols()));
    EXPECT_GT(first.first_due_areas_size(), 30);
    // Polling with the current version costs nothing.
    EXPECT_TRUE(coverage(*server, first.version()).unchanged());

    // A station whose closure opens a gap at its own position.
    pb::ListStationsReply stations;
    {
        grpc::ClientContext ctx;
        withDeadline(ctx);
        ASSERT_TRUE(stub->ListStations(&ctx, pb::ListStationsRequest(), &stations).ok());
    }
    std::string station;
    pb::StationClosureReply closure;
    for (const auto& st : stations.stations()) {
        if (hasGap(s, st.id()))
            continue;
        pb::StationClosureRequest req;
        req.add_station_ids(st.id());
        pb::StationClosureReply out;
        grpc::ClientContext ctx;
        withDeadline(ctx);
        if (cov->StationClosure(&ctx, req, &out).ok() && hasGap(out.after(), st.id())) {
            station = st.id();
            closure = out;
            break;
        }
    }
    ASSERT_FALSE(station.empty()) << "no station whose closure opens a gap";
    EXPECT_GT(closure.cells_lost(), 0u);
    EXPECT_LT(closure.after().covered_cells(), closure.before().covered_cells());
    ASSERT_GT(closure.unit_ids_size(), 0);

    // Its units are sent away (out of service here): the gap shows in the next version.
    for (const auto& u : closure.unit_ids())
        setStatus(*stub, u, pb::UNIT_STATUS_OUT_OF_SERVICE);
    const pb::CoverageReply emptied =
        waitFor(*server, first.version(), [&](const auto& sum) { return hasGap(sum, station); });
    EXPECT_EQ(emptied.summary().covered_cells(), closure.after().covered_cells())
        << "the live grid agrees with the what-if answer";
    // Back in service: the gap closes.
    for (const auto& u : closure.unit_ids())
        setStatus(*stub, u, pb::UNIT_STATUS_AVAILABLE);
    const pb::CoverageReply restored =
        waitFor(*server, emptied.version(), [&](const auto& sum) { return !hasGap(sum, station); });
    EXPECT_EQ(restored.summary().covered_cells(), s.covered_cells());

    // Two new stations: greedy, its bound and the exact answer.
    pb::PlaceStationsRequest place;
    place.set_k(2);
    place.set_exact(true);
    place.set_candidate_stride(2);
    pb::PlaceStationsReply placed;
    {
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + 60s);
        const grpc::Status st = cov->PlaceStations(&ctx, place, &placed);
        ASSERT_TRUE(st.ok()) << st.error_message();
    }
    ASSERT_EQ(placed.greedy_size(), 2);
    EXPECT_GT(placed.greedy(0).gain(), 0.0);
    EXPECT_GE(placed.upper_bound() + 1e-9, placed.greedy_value());
    EXPECT_NE(placed.exact_status(), "failed") << placed.exact_note();
    EXPECT_GE(placed.exact_value() + 1e-9, placed.greedy_value());
    EXPECT_LE(placed.exact_value(), placed.upper_bound() + 1e-9);

    // Refusals name the field.
    auto refused = [&](const pb::PlaceStationsRequest& req, const std::string& field) {
        pb::PlaceStationsReply out;
        grpc::ClientContext ctx;
        withDeadline(ctx);
        const grpc::Status st = cov->PlaceStations(&ctx, req, &out);
        EXPECT_EQ(st.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << req.ShortDebugString();
        EXPECT_NE(st.error_message().find(field), std::string::npos) << st.error_message();
    };
    pb::PlaceStationsRequest bad;
    bad.set_k(0);
    refused(bad, "k:");
    bad.set_k(2);
    bad.set_place_weight(-1);
    refused(bad, "place_weight");
    pb::StationClosureRequest unknown;
    unknown.add_station_ids("NOPE-S99");
    pb::StationClosureReply out;
    grpc::ClientContext ctx;
    withDeadline(ctx);
    EXPECT_EQ(cov->StationClosure(&ctx, unknown, &out).error_code(), grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace flameblue::e2e

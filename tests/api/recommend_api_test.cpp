// Recommend over gRPC on a live session: the unit index is built by the first request and then
// follows every command, so a unit dispatched a moment ago is never proposed again and a unit
// released is proposed at once. A real server on the bundled Shanxi data set, a real client.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "api/live_feed.h"
#include "api/server.h"
#include "app/roster_sync.h"
#include "data/dataset.h"
#include "dispatch/recommender.h"
#include "flameblue/v1/dispatch.grpc.pb.h"
#include "session/session.h"
#include "store/event_store.h"

using namespace flameblue;
namespace pb = flameblue::v1;

namespace {

class RecommendApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto ds = data::loadDataset(FLAMEBLUE_DATA_DIR);
        ASSERT_TRUE(ds.ok()) << ds.error().message;
        s_dataset = new data::Dataset(std::move(ds).value());
        auto rec = dispatch::Recommender::load(FLAMEBLUE_DATA_DIR, *s_dataset);
        ASSERT_TRUE(rec.ok()) << rec.error().message;
        s_recommender = new dispatch::Recommender(std::move(rec).value());
    }
    static void TearDownTestSuite() {
        delete s_recommender;
        delete s_dataset;
    }

    void SetUp() override {
        m_session = std::make_unique<session::Session>(
            session::SessionOptions{}, store::makeMemoryStore(), app::referenceFrom(*s_dataset));
        ASSERT_TRUE(m_session->open().ok());
        m_session->start();
        ASSERT_TRUE(m_session
                        ->appendTrusted({"system", "roster", 0},
                                        app::rosterChanges(*s_dataset, core::State{}))
                        .ok());
        m_registry.add("live", {m_session.get(), &m_fanout});
        api::ServerOptions options;
        options.listen = "127.0.0.1:0";
        auto server = api::DispatchServer::start(options, m_registry, pb::Catalog{}, s_recommender);
        ASSERT_TRUE(server.ok()) << server.error().message;
        m_server = std::move(server).value();
        m_stub = pb::Dispatch::NewStub(grpc::CreateChannel(
            "127.0.0.1:" + std::to_string(m_server->port()), grpc::InsecureChannelCredentials()));
    }
    void TearDown() override {
        m_server->shutdown();
        m_session->stop();
    }

    static void asOperator(grpc::ClientContext& ctx) {
        ctx.AddMetadata("x-flameblue-operator", "dispatcher-1");
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    }

    pb::Recommendation recommendFor(const std::string& incidentId) {
        pb::RecommendRequest req;
        req.set_incident_id(incidentId);
        req.set_skip_coverage(true);
        grpc::ClientContext ctx;
        asOperator(ctx);
        pb::Recommendation out;
        const grpc::Status s = m_stub->Recommend(&ctx, req, &out);
        EXPECT_TRUE(s.ok()) << s.error_message();
        return out;
    }
    pb::Recommendation recommendDraft(double lat, double lon) {
        pb::RecommendRequest req;
        req.set_type("building_fire");
        req.set_level(2);
        req.mutable_position()->set_lat(lat);
        req.mutable_position()->set_lon(lon);
        req.set_skip_coverage(true);
        grpc::ClientContext ctx;
        asOperator(ctx);
        pb::Recommendation out;
        const grpc::Status s = m_stub->Recommend(&ctx, req, &out);
        EXPECT_TRUE(s.ok()) << s.error_message();
        return out;
    }
    std::string createFire(double lat, double lon) {
        pb::CreateIncidentRequest req;
        req.set_type("building_fire");
        req.set_level(2);
        req.mutable_position()->set_lat(lat);
        req.mutable_position()->set_lon(lon);
        req.set_address("test");
        grpc::ClientContext ctx;
        asOperator(ctx);
        pb::CommandReply reply;
        const grpc::Status s = m_stub->CreateIncident(&ctx, req, &reply);
        EXPECT_TRUE(s.ok()) << s.error_message();
        return reply.incident().id();
    }
    grpc::Status send(const std::string& incidentId, const std::string& unitId, bool release) {
        grpc::ClientContext ctx;
        asOperator(ctx);
        pb::CommandReply reply;
        if (release) {
            pb::ReleaseUnitsRequest req;
            req.set_incident_id(incidentId);
            req.add_unit_ids(unitId);
            return m_stub->ReleaseUnits(&ctx, req, &reply);
        }
        pb::DispatchUnitsRequest req;
        req.set_incident_id(incidentId);
        req.add_unit_ids(unitId);
        return m_stub->DispatchUnits(&ctx, req, &reply);
    }

    static bool proposes(const pb::Recommendation& r, const std::string& unitId) {
        for (const auto& slot : r.slots()) {
            if (slot.has_pick() && slot.pick().unit_id() == unitId) {
                return true;
            }
            for (const auto& alt : slot.alternatives()) {
                if (alt.unit_id() == unitId) {
                    return true;
                }
            }
        }
        return false;
    }

    static data::Dataset* s_dataset;
    static dispatch::Recommender* s_recommender;
    std::unique_ptr<session::Session> m_session;
    api::LiveFanOut m_fanout;
    api::SessionRegistry m_registry;
    std::unique_ptr<api::DispatchServer> m_server;
    std::unique_ptr<pb::Dispatch::Stub> m_stub;
};

data::Dataset* RecommendApiTest::s_dataset = nullptr;
dispatch::Recommender* RecommendApiTest::s_recommender = nullptr;

TEST_F(RecommendApiTest, TheIndexFollowsEveryCommandWithoutARebuild) {
    constexpr double kLat = 37.8706;
    constexpr double kLon = 112.5489;
    const pb::Recommendation first = recommendDraft(kLat, kLon);
    EXPECT_TRUE(first.index_built());
    ASSERT_GT(first.unit_ids_size(), 0);
    const std::string incident = createFire(kLat, kLon);
    for (int round = 0; round < 4; ++round) {
        const pb::Recommendation before = recommendFor(incident);
        EXPECT_FALSE(before.index_built());
        ASSERT_GT(before.unit_ids_size(), 0);
        const std::string unitId = before.unit_ids(0);
        ASSERT_TRUE(send(incident, unitId, false).ok());
        // Right after the dispatch is acknowledged, for the incident and for a new alarm at the
        // same place: the unit is on its way and is proposed nowhere.
        const pb::Recommendation after = recommendFor(incident);
        EXPECT_FALSE(after.index_built());
        EXPECT_EQ(after.state_seq(), m_session->headSeq());
        EXPECT_FALSE(proposes(after, unitId)) << "round " << round << ": " << unitId;
        EXPECT_FALSE(proposes(recommendDraft(kLat, kLon), unitId)) << unitId;
        if (round % 2 == 1) {
            // Released, it drives home and is proposed again at once.
            ASSERT_TRUE(send(incident, unitId, true).ok());
            EXPECT_TRUE(proposes(recommendDraft(kLat, kLon), unitId)) << unitId;
        }
    }
}

}  // namespace

// What the API refuses before anything is written: who is calling, where an incident is, when
// its alarm came in, and text the wire format itself rejects. A real server on the bundled
// Shanxi data set (its province outline included), a real gRPC client.

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

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

constexpr double kBeijingLat = 39.9042;
constexpr double kBeijingLon = 116.4074;

class TrustApiTest : public ::testing::Test {
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
        // Self-declared operators: this is not about signing in.
        options.insecureDev = true;
        auto server = api::DispatchServer::start(options, m_registry, pb::Catalog{}, s_recommender);
        ASSERT_TRUE(server.ok()) << server.error().message;
        m_server = std::move(server).value();
        m_channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(m_server->port()),
                                        grpc::InsecureChannelCredentials());
        m_stub = pb::Dispatch::NewStub(m_channel);
    }
    void TearDown() override {
        m_server->shutdown();
        m_session->stop();
    }

    static void withDeadline(grpc::ClientContext& ctx) {
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    }
    static void asOperator(grpc::ClientContext& ctx, const std::string& op = "dispatcher-1") {
        ctx.AddMetadata("x-flameblue-operator", op);
        withDeadline(ctx);
    }
    static pb::CreateIncidentRequest fireAt(double lat, double lon) {
        pb::CreateIncidentRequest req;
        req.set_type("building_fire");
        req.set_level(1);
        req.mutable_position()->set_lat(lat);
        req.mutable_position()->set_lon(lon);
        return req;
    }
    grpc::Status create(const pb::CreateIncidentRequest& req, pb::CommandReply& reply,
                        const std::string& op = "dispatcher-1") {
        grpc::ClientContext ctx;
        asOperator(ctx, op);
        return m_stub->CreateIncident(&ctx, req, &reply);
    }

    static data::Dataset* s_dataset;
    static dispatch::Recommender* s_recommender;
    std::unique_ptr<session::Session> m_session;
    api::LiveFanOut m_fanout;
    api::SessionRegistry m_registry;
    std::unique_ptr<api::DispatchServer> m_server;
    std::shared_ptr<grpc::Channel> m_channel;
    std::unique_ptr<pb::Dispatch::Stub> m_stub;
};

data::Dataset* TrustApiTest::s_dataset = nullptr;
dispatch::Recommender* TrustApiTest::s_recommender = nullptr;

TEST_F(TrustApiTest, MissingOrBlankOperatorIsUnauthenticated) {
    const std::uint64_t head = m_session->headSeq();
    pb::CommandReply reply;
    {
        grpc::ClientContext ctx;
        withDeadline(ctx);
        const grpc::Status s = m_stub->CreateIncident(&ctx, fireAt(37.87, 112.55), &reply);
        EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << s.error_message();
        EXPECT_EQ(s.error_message(),
                  "x-flameblue-operator: missing; every command must name its operator");
    }
    // Spaces, and percent-encoded spaces and tabs (how the console sends other characters).
    for (const std::string blank : {"   ", "%20%09%20", "%E3%80%80"}) {
        const grpc::Status s = create(fireAt(37.87, 112.55), reply, blank);
        EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << blank;
        EXPECT_EQ(s.error_message(),
                  "x-flameblue-operator: blank; every command must name its operator")
            << blank;
    }
    // A control character, sent percent-encoded, is no part of a name.
    grpc::Status s = create(fireAt(37.87, 112.55), reply, "%E7%8E%8B%0Aadmin");
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(s.error_message(),
              "x-flameblue-operator: control character U+000A at byte 3; expected one line of "
              "printable text");
    s = create(fireAt(37.87, 112.55), reply, "wang%G1");
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(s.error_message().find("broken percent-encoding"), std::string::npos);
    EXPECT_EQ(m_session->headSeq(), head);
    // 王 percent-encoded is a name.
    s = create(fireAt(37.87, 112.55), reply, "%E7%8E%8B");
    EXPECT_TRUE(s.ok()) << s.error_message();
}

TEST_F(TrustApiTest, IncidentsOutsideShanxiNeedMutualAid) {
    const std::uint64_t head = m_session->headSeq();
    pb::CommandReply reply;
    grpc::Status s = create(fireAt(0, 0), reply);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(s.error_message().find("position: (0, 0) is an unset position"), std::string::npos)
        << s.error_message();
    s = create(fireAt(kBeijingLat, kBeijingLon), reply);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(s.error_message().find("outside the Shanxi (山西省) service area"), std::string::npos)
        << s.error_message();
    EXPECT_EQ(m_session->headSeq(), head);

    pb::CreateIncidentRequest aid = fireAt(kBeijingLat, kBeijingLon);
    aid.set_mutual_aid(true);
    s = create(aid, reply);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(reply.incident().city(), "datong");
    ASSERT_EQ(reply.incident().notes_size(), 1);
    EXPECT_NE(reply.incident().notes(0).text().find("cross-province mutual aid"),
              std::string::npos);
    EXPECT_EQ(reply.incident().notes(0).operator_id(), "dispatcher-1");
}

TEST_F(TrustApiTest, DraftRecommendationsOutsideShanxiNeedMutualAid) {
    pb::RecommendRequest req;
    req.set_type("building_fire");
    req.set_level(1);
    req.mutable_position()->set_lat(kBeijingLat);
    req.mutable_position()->set_lon(kBeijingLon);
    req.set_skip_coverage(true);
    {
        grpc::ClientContext ctx;
        asOperator(ctx);
        pb::Recommendation out;
        const grpc::Status s = m_stub->Recommend(&ctx, req, &out);
        EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        EXPECT_NE(s.error_message().find("mutual_aid"), std::string::npos) << s.error_message();
    }
    req.set_mutual_aid(true);
    grpc::ClientContext ctx;
    asOperator(ctx);
    pb::Recommendation out;
    const grpc::Status s = m_stub->Recommend(&ctx, req, &out);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_GT(out.slots_size(), 0);
}

TEST_F(TrustApiTest, ReceivedTimeOf1970IsRefused) {
    pb::CreateIncidentRequest req = fireAt(37.87, 112.55);
    req.mutable_received()->set_seconds(1);
    pb::CommandReply reply;
    const grpc::Status s = create(req, reply);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(s.error_message().rfind("received: 1970-01-01T00:00:01Z is outside the accepted "
                                      "window ",
                                      0),
              0U)
        << s.error_message();
}

// proto3 string fields must be UTF-8: the request fails to parse inside gRPC, before any
// Flameblue code runs. This pins down what a client then sees (documented in README).
TEST_F(TrustApiTest, InvalidUtf8InAStringFieldFailsInsideGrpc) {
    const std::uint64_t head = m_session->headSeq();
    // AddNoteRequest{incident_id (2): "INC-1", text (3): "bad \xff\xfe"}.
    const std::string text = "bad \xff\xfe";
    std::string bytes =
        std::string("\x12\x05") + "INC-1" + "\x1a" + static_cast<char>(text.size()) + text;
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1), response;
    grpc::GenericStub generic(m_channel);
    grpc::ClientContext ctx;
    asOperator(ctx);
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    grpc::Status status;
    generic.UnaryCall(&ctx, "/flameblue.v1.Dispatch/AddNote", grpc::StubOptions(), &request,
                      &response, [&](grpc::Status s) {
                          std::lock_guard lock(m);
                          status = std::move(s);
                          done = true;
                          cv.notify_one();
                      });
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return done; });
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED) << status.error_message();
    EXPECT_EQ(status.error_message(), "");
    EXPECT_EQ(m_session->headSeq(), head);
}

}  // namespace

// Integration tests: a real server on an ephemeral loopback port, a real gRPC client.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <thread>

#include "../support/live_server.h"
#include "api/live_feed.h"
#include "api/server.h"
#include "flameblue/v1/dispatch.grpc.pb.h"

using namespace flameblue;
namespace pb = flameblue::v1;

namespace {

class ApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_live = std::make_unique<flameblue::testing::LiveServer>(3);
        m_session = &m_live->session();
        m_channel = m_live->channel();
        m_stub = &m_live->stub();
    }

    static void asOperator(grpc::ClientContext& ctx, const std::string& op = "dispatcher-1") {
        ctx.AddMetadata("x-flameblue-operator", op);
        ctx.AddMetadata("x-flameblue-console", "test-console");
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    }

    grpc::Status createFire(pb::CommandReply& reply, double lat = 37.8706, double lon = 112.5489) {
        grpc::ClientContext ctx;
        asOperator(ctx);
        pb::CreateIncidentRequest req;
        req.set_type("building_fire");
        req.set_level(1);
        req.mutable_position()->set_lat(lat);
        req.mutable_position()->set_lon(lon);
        req.set_address("迎泽大街");
        return m_stub->CreateIncident(&ctx, req, &reply);
    }

    // Reads one subscription until its heartbeat (end of snapshot or catch-up).
    struct Stream {
        grpc::ClientContext ctx;
        std::unique_ptr<grpc::ClientReader<pb::SubscribeResponse>> reader;
        std::vector<pb::SubscribeResponse> preamble;
    };
    std::unique_ptr<Stream> subscribe(std::uint64_t afterSeq, bool excludePositions = false,
                                      const std::vector<std::string>& cities = {}) {
        auto s = std::make_unique<Stream>();
        s->ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
        pb::SubscribeRequest req;
        req.set_after_seq(afterSeq);
        req.mutable_filter()->set_exclude_positions(excludePositions);
        for (const std::string& city : cities)
            req.mutable_filter()->add_cities(city);
        s->reader = m_stub->Subscribe(&s->ctx, req);
        pb::SubscribeResponse r;
        while (s->reader->Read(&r)) {
            s->preamble.push_back(r);
            if (r.has_heartbeat())
                break;
        }
        return s;
    }
    static pb::Event nextEvent(Stream& s) {
        pb::SubscribeResponse r;
        EXPECT_TRUE(s.reader->Read(&r));
        EXPECT_TRUE(r.has_event());
        return r.event();
    }

    grpc::Status dispatch(const std::string& incident, const std::vector<std::string>& units,
                          pb::CommandReply& reply) {
        grpc::ClientContext ctx;
        asOperator(ctx);
        pb::DispatchUnitsRequest req;
        req.set_incident_id(incident);
        for (const std::string& u : units)
            req.add_unit_ids(u);
        return m_stub->DispatchUnits(&ctx, req, &reply);
    }

    struct SnapshotContent {
        std::set<std::string> stations, units, aircraft, incidents, waterSources;
        std::uint32_t countedUnits = 0, countedIncidents = 0, countedStations = 0;
    };
    static SnapshotContent contentOf(const Stream& s) {
        SnapshotContent c;
        for (const auto& r : s.preamble) {
            if (r.has_snapshot_begin()) {
                c.countedUnits = r.snapshot_begin().units();
                c.countedIncidents = r.snapshot_begin().incidents();
                c.countedStations = r.snapshot_begin().stations();
            }
            if (!r.has_snapshot_chunk())
                continue;
            const auto& chunk = r.snapshot_chunk();
            for (const auto& x : chunk.stations())
                c.stations.insert(x.id());
            for (const auto& x : chunk.units())
                c.units.insert(x.id());
            for (const auto& x : chunk.aircraft())
                c.aircraft.insert(x.id());
            for (const auto& x : chunk.incidents())
                c.incidents.insert(x.id());
            for (const auto& x : chunk.water_sources())
                c.waterSources.insert(x.id());
        }
        return c;
    }

    std::unique_ptr<flameblue::testing::LiveServer> m_live;
    session::Session* m_session = nullptr;
    std::shared_ptr<grpc::Channel> m_channel;
    pb::Dispatch::Stub* m_stub = nullptr;
};

TEST_F(ApiTest, SubscribeSendsASnapshotInChunksThenLiveEvents) {
    auto stream = subscribe(0);
    ASSERT_GE(stream->preamble.size(), 4u);
    const auto& begin = stream->preamble.front();
    ASSERT_TRUE(begin.has_snapshot_begin());
    EXPECT_EQ(begin.snapshot_begin().session_id(), "live");
    EXPECT_EQ(begin.snapshot_begin().seq(), flameblue::testing::rosterEvents().size());
    EXPECT_EQ(begin.snapshot_begin().units(), 4u);
    EXPECT_EQ(begin.snapshot_begin().aircraft(), 1u);
    std::size_t units = 0, aircraft = 0, stations = 0, chunks = 0;
    for (const auto& r : stream->preamble) {
        if (!r.has_snapshot_chunk())
            continue;
        ++chunks;
        units += r.snapshot_chunk().units_size();
        aircraft += r.snapshot_chunk().aircraft_size();
        stations += r.snapshot_chunk().stations_size();
    }
    EXPECT_EQ(units, 4u);
    EXPECT_EQ(aircraft, 1u);
    EXPECT_EQ(stations, 4u);
    EXPECT_GE(chunks, 3u);  // chunks of at most 3 entities

    pb::CommandReply reply;
    ASSERT_TRUE(createFire(reply).ok());
    const pb::Event e = nextEvent(*stream);
    EXPECT_EQ(e.kind(), "incident_created");
    EXPECT_EQ(e.seq(), reply.first_seq());
    EXPECT_EQ(e.operator_id(), "dispatcher-1");
    EXPECT_EQ(e.origin(), "test-console");
    ASSERT_EQ(e.incidents_size(), 1);
    EXPECT_EQ(e.incidents(0).id(), reply.incident().id());
    EXPECT_EQ(e.incidents(0).city(), "taiyuan");
    EXPECT_EQ(e.incidents(0).address(), "迎泽大街");
    stream->ctx.TryCancel();
}

TEST_F(ApiTest, ResumeDeliversExactlyTheMissedEvents) {
    pb::CommandReply fire;
    ASSERT_TRUE(createFire(fire).ok());
    std::uint64_t head = 0;
    {
        auto stream = subscribe(0);
        head = stream->preamble.back().heartbeat().head_seq();
        stream->ctx.TryCancel();
    }
    EXPECT_EQ(head, fire.last_seq());
    // Events happen while the console is away.
    std::vector<std::uint64_t> missed;
    for (const char* text : {"一", "二", "三"}) {
        grpc::ClientContext ctx;
        asOperator(ctx);
        pb::AddNoteRequest req;
        req.set_incident_id(fire.incident().id());
        req.set_text(text);
        pb::CommandReply r;
        ASSERT_TRUE(m_stub->AddNote(&ctx, req, &r).ok());
        missed.push_back(r.first_seq());
    }
    {
        grpc::ClientContext ctx;
        asOperator(ctx);
        pb::DispatchUnitsRequest req;
        req.set_incident_id(fire.incident().id());
        req.add_unit_ids("TY-E1");
        pb::CommandReply r;
        ASSERT_TRUE(m_stub->DispatchUnits(&ctx, req, &r).ok());
        missed.push_back(r.first_seq());
    }
    auto stream = subscribe(head);
    std::vector<std::uint64_t> got;
    for (const auto& r : stream->preamble) {
        EXPECT_FALSE(r.has_snapshot_begin()) << "a resume within reach needs no snapshot";
        if (r.has_event())
            got.push_back(r.event().seq());
    }
    EXPECT_EQ(got, missed);
    // The catch-up events carry the entities as they were right after each event.
    const auto& noteTwo = stream->preamble[1].event();
    ASSERT_EQ(noteTwo.incidents_size(), 1);
    EXPECT_EQ(noteTwo.incidents(0).notes_size(), 2);
    const auto& dispatched = stream->preamble[3].event();
    EXPECT_EQ(dispatched.kind(), "units_dispatched");
    ASSERT_EQ(dispatched.units_size(), 1);
    EXPECT_EQ(dispatched.units(0).status(), pb::UNIT_STATUS_DISPATCHED);
    EXPECT_EQ(stream->preamble.back().heartbeat().head_seq(), missed.back());
    stream->ctx.TryCancel();
}

TEST_F(ApiTest, CityFilterAppliesToTheSnapshotAsToTheEvents) {
    pb::CommandReply fire;
    ASSERT_TRUE(createFire(fire).ok());  // in Taiyuan
    {
        auto datong = subscribe(0, false, {"datong"});
        const SnapshotContent c = contentOf(*datong);
        EXPECT_EQ(c.stations, (std::set<std::string>{"DT-S01"}));
        EXPECT_EQ(c.units, (std::set<std::string>{"DT-E1"}));
        EXPECT_EQ(c.aircraft, (std::set<std::string>{"AV-Z8-01"}));  // aircraft always
        EXPECT_TRUE(c.incidents.empty());
        EXPECT_TRUE(c.waterSources.empty());
        EXPECT_EQ(c.countedUnits, 1u);
        EXPECT_EQ(c.countedIncidents, 0u);
        EXPECT_EQ(c.countedStations, 1u);

        // Datong's engine sent to help in Taiyuan: Datong's console sees it go.
        pb::CommandReply sent;
        ASSERT_TRUE(dispatch(fire.incident().id(), {"DT-E1"}, sent).ok());
        const pb::Event e = nextEvent(*datong);
        EXPECT_EQ(e.seq(), sent.first_seq());
        EXPECT_EQ(e.kind(), "units_dispatched");
        datong->ctx.TryCancel();
    }
    // A Datong console that starts now sees the Taiyuan incident its engine works on.
    auto later = subscribe(0, false, {"datong"});
    const SnapshotContent c = contentOf(*later);
    EXPECT_EQ(c.incidents, (std::set<std::string>{fire.incident().id()}));
    EXPECT_EQ(c.units, (std::set<std::string>{"DT-E1"}));
    later->ctx.TryCancel();

    auto taiyuan = subscribe(0, false, {"taiyuan"});
    const SnapshotContent t = contentOf(*taiyuan);
    EXPECT_EQ(t.units, (std::set<std::string>{"TY-E1", "TY-E2", "TY-L1", "DT-E1"}));
    EXPECT_EQ(t.waterSources, (std::set<std::string>{"WS-FENHE"}));
    taiyuan->ctx.TryCancel();
}

TEST_F(ApiTest, ClosingAnIncidentRepliesWithTheUnitsItSentHome) {
    pb::CommandReply fire;
    ASSERT_TRUE(createFire(fire).ok());
    pb::CommandReply sent;
    ASSERT_TRUE(dispatch(fire.incident().id(), {"TY-E1", "TY-E2"}, sent).ok());
    ASSERT_EQ(sent.units_size(), 2);

    grpc::ClientContext ctx;
    asOperator(ctx);
    pb::SetIncidentStatusRequest req;
    req.set_incident_id(fire.incident().id());
    req.set_status(pb::INCIDENT_STATUS_CLOSED);
    pb::CommandReply closed;
    ASSERT_TRUE(m_stub->SetIncidentStatus(&ctx, req, &closed).ok());
    EXPECT_EQ(closed.incident().status(), pb::INCIDENT_STATUS_CLOSED);
    std::set<std::string> units;
    for (const auto& u : closed.units()) {
        units.insert(u.id());
        EXPECT_EQ(u.status(), pb::UNIT_STATUS_RETURNING) << u.id();
        EXPECT_TRUE(u.incident_id().empty()) << u.id();
    }
    EXPECT_EQ(units, (std::set<std::string>{"TY-E1", "TY-E2"}));
}

TEST_F(ApiTest, ResumeFromAnUnknownFutureGetsAFreshSnapshot) {
    auto stream = subscribe(1'000'000);
    ASSERT_FALSE(stream->preamble.empty());
    ASSERT_TRUE(stream->preamble.front().has_snapshot_begin());
    EXPECT_EQ(stream->preamble.front().snapshot_begin().reason(), "gap");
    stream->ctx.TryCancel();
}

TEST_F(ApiTest, TwoDispatchersRacingForOneUnitOneWins) {
    std::vector<std::string> incidents;
    for (int i = 0; i < 6; ++i) {
        pb::CommandReply r;
        ASSERT_TRUE(createFire(r).ok());
        incidents.push_back(r.incident().id());
    }
    std::atomic<int> ok{0}, refused{0};
    std::vector<std::thread> threads;
    for (const auto& inc : incidents) {
        threads.emplace_back([&, inc] {
            grpc::ClientContext ctx;
            asOperator(ctx, "dispatcher-" + inc);
            pb::DispatchUnitsRequest req;
            req.set_incident_id(inc);
            req.add_unit_ids("TY-L1");
            pb::CommandReply reply;
            const grpc::Status s = m_stub->DispatchUnits(&ctx, req, &reply);
            if (s.ok()) {
                ++ok;
            } else if (s.error_code() == grpc::StatusCode::FAILED_PRECONDITION &&
                       s.error_message().find("TY-L1") != std::string::npos) {
                ++refused;
            }
        });
    }
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(ok, 1);
    EXPECT_EQ(refused, 5);
}

TEST_F(ApiTest, BadInputGetsAPreciseErrorAndWritesNothing) {
    const std::uint64_t head = m_session->headSeq();
    pb::CommandReply reply;
    grpc::Status s = createFire(reply, std::nan(""), 112.5);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(s.error_message().find("position.lat"), std::string::npos) << s.error_message();

    s = createFire(reply, 37.8, 181.0);
    EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(s.error_message().find("181"), std::string::npos);

    {
        grpc::ClientContext ctx;  // no operator
        pb::CreateIncidentRequest req;
        req.set_type("building_fire");
        req.set_level(1);
        req.mutable_position()->set_lat(37.8);
        req.mutable_position()->set_lon(112.5);
        s = m_stub->CreateIncident(&ctx, req, &reply);
        EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
        EXPECT_NE(s.error_message().find("x-flameblue-operator"), std::string::npos);
    }
    {
        grpc::ClientContext ctx;
        asOperator(ctx);
        pb::SetUnitStatusRequest req;
        req.set_unit_id("NO-SUCH-UNIT");
        req.set_status(pb::UNIT_STATUS_OUT_OF_SERVICE);
        s = m_stub->SetUnitStatus(&ctx, req, &reply);
        EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
        EXPECT_NE(s.error_message().find("NO-SUCH-UNIT"), std::string::npos);
    }
    {
        grpc::ClientContext ctx;
        asOperator(ctx);
        pb::SetUnitStatusRequest req;
        req.set_unit_id("TY-E1");
        req.set_status(pb::UNIT_STATUS_ON_SCENE);
        s = m_stub->SetUnitStatus(&ctx, req, &reply);
        EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    }
    {
        grpc::ClientContext ctx;
        asOperator(ctx);
        pb::GetRequest req;
        req.mutable_session()->set_id("drill-that-does-not-exist");
        req.set_id("TY-E1");
        pb::Unit unit;
        s = m_stub->GetUnit(&ctx, req, &unit);
        EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
    }
    EXPECT_EQ(m_session->headSeq(), head);
}

TEST_F(ApiTest, PositionStreamAcceptsGoodFixesAndNamesTheBadOnes) {
    auto positions = subscribe(0, false);
    auto board = subscribe(0, true);  // an incident board: no positions
    grpc::ClientContext ctx;
    asOperator(ctx, "avl-gateway");
    pb::ReportPositionsReply reply;
    auto writer = m_stub->ReportPositions(&ctx, &reply);
    pb::PositionBatch batch;
    auto add = [&](const char* unit, double lat, double lon) {
        auto* r = batch.add_reports();
        r->set_unit_id(unit);
        r->mutable_fix()->mutable_position()->set_lat(lat);
        r->mutable_fix()->mutable_position()->set_lon(lon);
        r->mutable_fix()->set_heading_deg(45);
    };
    add("TY-E1", 37.86, 112.55);
    add("TY-E2", 95.0, 112.55);     // bad latitude
    add("GHOST-9", 37.86, 112.55);  // unknown unit
    add("AV-Z8-01", 37.60, 112.41);
    ASSERT_TRUE(writer->Write(batch));
    batch.clear_reports();
    add("TY-E1", 37.86, 112.55);  // identical again: kept as heard, not stored
    ASSERT_TRUE(writer->Write(batch));
    writer->WritesDone();
    ASSERT_TRUE(writer->Finish().ok());
    EXPECT_EQ(reply.accepted(), 2u);
    EXPECT_EQ(reply.unchanged(), 1u);
    EXPECT_EQ(reply.rejected(), 2u);
    ASSERT_EQ(reply.rejections_size(), 2);
    EXPECT_NE(reply.rejections(0).reason().find("lat"), std::string::npos);
    EXPECT_EQ(reply.rejections(1).unit_id(), "GHOST-9");

    const pb::Event first = nextEvent(*positions);
    EXPECT_EQ(first.kind(), "position_reported");
    EXPECT_EQ(first.position().unit_id(), "TY-E1");
    EXPECT_FALSE(first.position().is_aircraft());
    EXPECT_DOUBLE_EQ(first.position().fix().position().lat(), 37.86);
    const pb::Event second = nextEvent(*positions);
    EXPECT_TRUE(second.position().is_aircraft());

    // The board sees the next state change but none of the fixes.
    pb::CommandReply fire;
    ASSERT_TRUE(createFire(fire).ok());
    EXPECT_EQ(nextEvent(*board).kind(), "incident_created");
    positions->ctx.TryCancel();
    board->ctx.TryCancel();
}

TEST_F(ApiTest, HealthServiceAnswersServing) {
    grpc::GenericStub generic(m_channel);
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    // grpc.health.v1.HealthCheckRequest{service: ""} is the empty message.
    grpc::ByteBuffer request(nullptr, 0), response;
    std::mutex m;
    std::condition_variable cv;
    bool done = false;
    grpc::Status status;
    generic.UnaryCall(&ctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request,
                      &response, [&](grpc::Status s) {
                          std::lock_guard lock(m);
                          status = s;
                          done = true;
                          cv.notify_one();
                      });
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return done; });
    ASSERT_TRUE(status.ok()) << status.error_message();
    std::vector<grpc::Slice> slices;
    ASSERT_TRUE(response.Dump(&slices).ok());
    std::string bytes;
    for (const auto& s : slices)
        bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
    // HealthCheckResponse{status: SERVING (1)}: field 1, varint 1.
    EXPECT_EQ(bytes, std::string("\x08\x01", 2));
}

TEST_F(ApiTest, ListsFilterByCityStatusAndCapability) {
    grpc::ClientContext ctx;
    pb::ListUnitsRequest req;
    req.set_city("taiyuan");
    req.add_capabilities("high_rise");
    pb::ListUnitsReply reply;
    ASSERT_TRUE(m_stub->ListUnits(&ctx, req, &reply).ok());
    ASSERT_EQ(reply.units_size(), 1);
    EXPECT_EQ(reply.units(0).id(), "TY-L1");
    EXPECT_TRUE(reply.units(0).fix_stale());  // never heard: use its station

    grpc::ClientContext ctx2;
    pb::ListUnitsRequest air;
    pb::ListAircraftReply aircraft;
    ASSERT_TRUE(m_stub->ListAircraft(&ctx2, air, &aircraft).ok());
    ASSERT_EQ(aircraft.aircraft_size(), 1);
    EXPECT_EQ(aircraft.aircraft(0).icao24(), "780a51");
    EXPECT_EQ(aircraft.aircraft(0).base_station_id(), "AV-YC");
}

}  // namespace

namespace {

TEST(ApiBatching, WaitingEventsArriveBatchedInSequenceOrder) {
    flameblue::testing::LiveServer live;
    grpc::ClientContext sub;
    sub.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    pb::SubscribeRequest req;
    req.set_max_events_per_message(64);
    auto reader = live.stub().Subscribe(&sub, req);
    pb::SubscribeResponse r;
    while (reader->Read(&r) && !r.has_heartbeat()) {
    }
    // 300 notes committed in one group: they are waiting at once, so they travel in batches.
    auto created = live.session().execute(
        {"dispatcher-1", "test", 0},
        core::CreateIncident{"building_fire", 1, flameblue::testing::taiyuanCentre(), "", "", {}});
    ASSERT_TRUE(created.ok());
    const auto id = std::get<core::IncidentCreated>(created->events.front().payload).id;
    std::vector<core::Command> notes;
    for (int i = 1; i < 300; ++i)
        notes.emplace_back(core::AddNote{id, "note " + std::to_string(i)});
    for (const auto& r : live.session().executeAll({"dispatcher-1", "test", 0}, notes)) {
        ASSERT_TRUE(r.ok());
    }

    std::vector<std::uint64_t> seqs;
    int messages = 0, largest = 0;
    while (seqs.size() < 300 && reader->Read(&r)) {
        ++messages;
        if (r.has_event()) {
            seqs.push_back(r.event().seq());
        } else if (r.has_events()) {
            largest = std::max(largest, r.events().events_size());
            for (const auto& e : r.events().events())
                seqs.push_back(e.seq());
        }
    }
    ASSERT_EQ(seqs.size(), 300u);
    for (std::size_t i = 1; i < seqs.size(); ++i)
        EXPECT_EQ(seqs[i], seqs[i - 1] + 1);
    EXPECT_LE(largest, 64);
    EXPECT_GT(largest, 1);
    EXPECT_LT(messages, 300);
    sub.TryCancel();
}

}  // namespace

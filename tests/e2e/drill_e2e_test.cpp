// Drills end to end: the real server, a stretch of live operation, a drill made from it over the
// Drills service, watched through the same Subscribe path as live, and a trainee acting in it.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <functional>
#include <mutex>
#include <thread>

#include "flameblue/v1/drill.grpc.pb.h"
#include "server_process.h"

namespace flameblue::e2e {
namespace {

using namespace std::chrono_literals;

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void setTime(std::int64_t ms, google::protobuf::Timestamp* t) {
    t->set_seconds(ms / 1000);
    t->set_nanos(static_cast<int>(ms % 1000) * 1'000'000);
}

std::int64_t msOf(const google::protobuf::Timestamp& t) {
    return t.seconds() * 1000 + t.nanos() / 1'000'000;
}

void asInstructor(grpc::ClientContext& ctx, const std::string& op = "instructor-zhao") {
    asOperator(ctx, op);
    ctx.AddMetadata("x-flameblue-role", "instructor");
    withDeadline(ctx);
}

// Reads a Subscribe stream on its own thread; waits for a message matching a predicate.
class Stream {
public:
    Stream(pb::Dispatch::Stub& stub, const std::string& session) {
        pb::SubscribeRequest req;
        req.mutable_session()->set_id(session);
        m_reader = stub.Subscribe(&m_ctx, req);
        m_thread = std::thread([this] {
            pb::SubscribeResponse msg;
            while (m_reader->Read(&msg)) {
                std::lock_guard lock(m_mutex);
                m_queue.push_back(msg);
                m_cv.notify_all();
            }
            (void)m_reader->Finish();
            std::lock_guard lock(m_mutex);
            m_done = true;
            m_cv.notify_all();
        });
    }
    ~Stream() {
        m_ctx.TryCancel();
        m_thread.join();
    }
    // Skips messages until one matches; nullopt after `timeout`.
    std::optional<pb::SubscribeResponse> waitFor(
        const std::function<bool(const pb::SubscribeResponse&)>& match,
        std::chrono::milliseconds timeout = 60s) {  // bounds a hang
        const auto until = std::chrono::steady_clock::now() + timeout;
        std::unique_lock lock(m_mutex);
        for (;;) {
            while (!m_queue.empty()) {
                pb::SubscribeResponse m = std::move(m_queue.front());
                m_queue.pop_front();
                if (match(m))
                    return m;
            }
            if (m_done || !m_cv.wait_until(lock, until, [this] { return !m_queue.empty(); }))
                return std::nullopt;
        }
    }

private:
    grpc::ClientContext m_ctx;
    std::unique_ptr<grpc::ClientReader<pb::SubscribeResponse>> m_reader;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<pb::SubscribeResponse> m_queue;
    bool m_done = false;
    std::thread m_thread;
};

bool hasEventOfKind(const pb::SubscribeResponse& m, const std::string& kind) {
    if (m.has_event())
        return m.event().kind() == kind;
    for (const auto& e : m.events().events()) {
        if (e.kind() == kind)
            return true;
    }
    return false;
}

pb::Incident getIncident(pb::Dispatch::Stub& stub, const std::string& session,
                         const std::string& id, grpc::Status* status) {
    grpc::ClientContext ctx;
    withDeadline(ctx);
    pb::GetRequest req;
    req.mutable_session()->set_id(session);
    req.set_id(id);
    pb::Incident out;
    *status = stub.GetIncident(&ctx, req, &out);
    return out;
}

TEST(DrillEndToEnd, ReplayOfALivePeriodThroughSubscribeWithTraineesAndSeek) {
    TempDir dir;
    ServerConfig config;
    config.stateDir = dir / "state";
    std::string error;
    auto server = ServerProcess::start(config, &error);
    ASSERT_TRUE(server) << error;
    auto stub = server->stub();
    auto drills = pb::Drills::NewStub(server->channel());

    // A stretch of live operation: an alarm, a dispatch, a unit on scene, a note.
    std::this_thread::sleep_for(20ms);
    const std::int64_t from = nowMs();
    std::this_thread::sleep_for(20ms);
    pb::CommandReply created;
    {
        grpc::ClientContext ctx;
        asOperator(ctx);
        withDeadline(ctx);
        pb::CreateIncidentRequest req;
        req.set_type("building_fire");
        req.set_level(1);
        req.mutable_position()->set_lat(37.8706);
        req.mutable_position()->set_lon(112.5489);
        req.set_address("迎泽大街");
        ASSERT_TRUE(stub->CreateIncident(&ctx, req, &created).ok());
    }
    const std::string incidentId = created.incident().id();
    pb::Recommendation rec;
    {
        grpc::ClientContext ctx;
        withDeadline(ctx);
        pb::RecommendRequest req;
        req.set_incident_id(incidentId);
        ASSERT_TRUE(stub->Recommend(&ctx, req, &rec).ok());
        ASSERT_GT(rec.unit_ids_size(), 1);
    }
    std::this_thread::sleep_for(20ms);
    {
        grpc::ClientContext ctx;
        asOperator(ctx);
        withDeadline(ctx);
        pb::DispatchUnitsRequest req;
        req.set_incident_id(incidentId);
        req.add_unit_ids(rec.unit_ids(0));
        pb::CommandReply reply;
        ASSERT_TRUE(stub->DispatchUnits(&ctx, req, &reply).ok());
    }
    std::this_thread::sleep_for(20ms);
    {
        grpc::ClientContext ctx;
        asOperator(ctx);
        withDeadline(ctx);
        pb::AddNoteRequest req;
        req.set_incident_id(incidentId);
        req.set_text("second floor, two trapped");
        pb::CommandReply reply;
        ASSERT_TRUE(stub->AddNote(&ctx, req, &reply).ok());
    }
    std::this_thread::sleep_for(20ms);
    const std::int64_t to = nowMs();
    grpc::Status st;
    const pb::Incident liveIncident = getIncident(*stub, "live", incidentId, &st);
    ASSERT_TRUE(st.ok());
    std::string headError;
    const auto liveHead = headSeq(*stub, &headError);
    ASSERT_TRUE(liveHead) << headError;

    // Only instructors run drills.
    pb::CreateDrillRequest create;
    create.set_name("迎泽 building fire");
    setTime(from, create.mutable_range()->mutable_from());
    setTime(to, create.mutable_range()->mutable_to());
    pb::DrillInfo drill;
    {
        grpc::ClientContext ctx;
        asOperator(ctx, "dispatcher-li");
        withDeadline(ctx);
        EXPECT_EQ(drills->CreateDrill(&ctx, create, &drill).error_code(),
                  grpc::StatusCode::PERMISSION_DENIED);
    }
    {
        // A range with no events.
        pb::CreateDrillRequest empty = create;
        setTime(to + 3'600'000, empty.mutable_range()->mutable_from());
        setTime(to + 7'200'000, empty.mutable_range()->mutable_to());
        grpc::ClientContext ctx;
        asInstructor(ctx);
        const grpc::Status s = drills->CreateDrill(&ctx, empty, &drill);
        EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        EXPECT_NE(s.error_message().find("no events"), std::string::npos) << s.error_message();
    }
    {
        grpc::ClientContext ctx;
        asInstructor(ctx);
        const grpc::Status s = drills->CreateDrill(&ctx, create, &drill);
        ASSERT_TRUE(s.ok()) << s.error_message();
    }
    const std::string drillId = drill.id();
    EXPECT_EQ(drillId.rfind("drill-", 0), 0u);
    EXPECT_GE(drill.events(), 3u);
    EXPECT_FALSE(drill.playback().playing());
    EXPECT_EQ(msOf(drill.playback().drill_time()), from);
    ASSERT_EQ(drill.incidents_size(), 1);
    EXPECT_EQ(drill.incidents(0).incident_id(), incidentId);

    // A console joins the drill like live: snapshot, then events as playback goes.
    Stream console(*stub, drillId);
    auto snap = console.waitFor([](const auto& m) { return m.has_snapshot_begin(); });
    ASSERT_TRUE(snap);
    EXPECT_EQ(snap->snapshot_begin().session_id(), drillId);
    EXPECT_EQ(snap->snapshot_begin().incidents(), 0u);  // before the alarm
    pb::PlaybackState playback;
    {
        grpc::ClientContext ctx;
        asInstructor(ctx);
        pb::StepRequest req;
        req.set_drill_id(drillId);
        ASSERT_TRUE(drills->Step(&ctx, req, &playback).ok());
    }
    EXPECT_TRUE(
        console.waitFor([](const auto& m) { return hasEventOfKind(m, "incident_created"); }));

    // Seek to the end: a fresh snapshot with reason "seek", the incident as live had it.
    {
        grpc::ClientContext ctx;
        asInstructor(ctx);
        pb::SeekRequest req;
        req.set_drill_id(drillId);
        setTime(to, req.mutable_time());
        const grpc::Status s = drills->Seek(&ctx, req, &playback);
        ASSERT_TRUE(s.ok()) << s.error_message();
        EXPECT_EQ(msOf(playback.drill_time()), to);
        EXPECT_EQ(playback.controller(), "instructor-zhao");
    }
    auto seekSnap = console.waitFor([](const auto& m) { return m.has_snapshot_begin(); });
    ASSERT_TRUE(seekSnap);
    EXPECT_EQ(seekSnap->snapshot_begin().reason(), "seek");
    EXPECT_EQ(seekSnap->snapshot_begin().incidents(), 1u);
    const pb::Incident drillIncident = getIncident(*stub, drillId, incidentId, &st);
    ASSERT_TRUE(st.ok()) << st.error_message();
    EXPECT_EQ(drillIncident.SerializeAsString(), liveIncident.SerializeAsString());

    // A second instructor cannot take playback over; outside the range is refused.
    {
        grpc::ClientContext ctx;
        asInstructor(ctx, "instructor-qian");
        pb::DrillRef ref;
        ref.set_drill_id(drillId);
        const grpc::Status s = drills->Play(&ctx, ref, &playback);
        EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
        EXPECT_NE(s.error_message().find("instructor-zhao"), std::string::npos);
    }
    {
        grpc::ClientContext ctx;
        asInstructor(ctx);
        pb::SeekRequest req;
        req.set_drill_id(drillId);
        setTime(to + 60'000, req.mutable_time());
        EXPECT_EQ(drills->Seek(&ctx, req, &playback).error_code(),
                  grpc::StatusCode::INVALID_ARGUMENT);
    }

    // A trainee acts in the drill through the Dispatch service; live never sees it.
    {
        grpc::ClientContext ctx;
        asOperator(ctx, "trainee-sun");
        withDeadline(ctx);
        pb::AddNoteRequest req;
        req.mutable_session()->set_id(drillId);
        req.set_incident_id(incidentId);
        req.set_text("trainee: request ladder");
        pb::CommandReply reply;
        const grpc::Status s = stub->AddNote(&ctx, req, &reply);
        ASSERT_TRUE(s.ok()) << s.error_message();
    }
    EXPECT_TRUE(console.waitFor([](const auto& m) { return hasEventOfKind(m, "note_added"); }));
    EXPECT_EQ(getIncident(*stub, drillId, incidentId, &st).notes_size(),
              liveIncident.notes_size() + 1);
    EXPECT_EQ(getIncident(*stub, "live", incidentId, &st).SerializeAsString(),
              liveIncident.SerializeAsString());
    const auto liveHeadAfter = headSeq(*stub, &headError);
    ASSERT_TRUE(liveHeadAfter) << headError;
    EXPECT_EQ(*liveHeadAfter, *liveHead);

    // Playback at 60x reaches the end of the range.
    {
        grpc::ClientContext ctx;
        asInstructor(ctx);
        pb::SeekRequest req;
        req.set_drill_id(drillId);
        setTime(from, req.mutable_time());
        ASSERT_TRUE(drills->Seek(&ctx, req, &playback).ok());
    }
    {
        grpc::ClientContext ctx;
        asInstructor(ctx);
        pb::SetSpeedRequest req;
        req.set_drill_id(drillId);
        req.set_speed(60);
        ASSERT_TRUE(drills->SetSpeed(&ctx, req, &playback).ok());
    }
    {
        grpc::ClientContext ctx;
        asInstructor(ctx);
        pb::DrillRef ref;
        ref.set_drill_id(drillId);
        ASSERT_TRUE(drills->Play(&ctx, ref, &playback).ok());
    }
    EXPECT_TRUE(console.waitFor([](const auto& m) { return hasEventOfKind(m, "note_added"); }));
    const auto playDeadline = std::chrono::steady_clock::now() + 60s;  // bounds a hang
    while (!playback.at_end() && std::chrono::steady_clock::now() < playDeadline) {
        std::this_thread::sleep_for(50ms);
        grpc::ClientContext ctx;
        asInstructor(ctx);
        pb::DrillRef ref;
        ref.set_drill_id(drillId);
        ASSERT_TRUE(drills->GetPlaybackState(&ctx, ref, &playback).ok());
    }
    EXPECT_TRUE(playback.at_end());
    EXPECT_FALSE(playback.playing());

    // The after-action report: history's dispatch beside the recommender's proposal, as HTML.
    {
        grpc::ClientContext ctx;
        asInstructor(ctx);
        pb::AfterActionRequest req;
        req.set_drill_id(drillId);
        req.set_format("html");
        pb::AfterActionReport report;
        const grpc::Status s = drills->GetAfterActionReport(&ctx, req, &report);
        ASSERT_TRUE(s.ok()) << s.error_message();
        ASSERT_EQ(report.incidents_size(), 1);
        const auto& c = report.incidents(0);
        ASSERT_EQ(c.actual_size(), 1);
        EXPECT_EQ(c.actual(0).unit_id(), rec.unit_ids(0));
        EXPECT_GT(c.recommended_size(), 1);
        EXPECT_EQ(c.recommended(0).unit_id(), rec.unit_ids(0));
        EXPECT_EQ(report.file_name(), drillId + "-after-action.html");
        EXPECT_NE(report.content().find(incidentId), std::string::npos);
        std::ofstream(dir / "after-action.html") << report.content();
        req.set_format("pdf");
        grpc::ClientContext again;
        asInstructor(again);
        EXPECT_EQ(drills->GetAfterActionReport(&again, req, &report).error_code(),
                  grpc::StatusCode::INVALID_ARGUMENT);
    }

    // Ending the drill removes its session.
    {
        grpc::ClientContext ctx;
        asInstructor(ctx);
        pb::DrillRef ref;
        ref.set_drill_id(drillId);
        pb::EndDrillReply reply;
        ASSERT_TRUE(drills->EndDrill(&ctx, ref, &reply).ok());
    }
    getIncident(*stub, drillId, incidentId, &st);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::NOT_FOUND);
    {
        grpc::ClientContext ctx;
        asInstructor(ctx);
        pb::ListDrillsReply list;
        ASSERT_TRUE(drills->ListDrills(&ctx, pb::ListDrillsRequest{}, &list).ok());
        EXPECT_EQ(list.drills_size(), 0);
    }
    EXPECT_TRUE(server->stop().exited);
}

TEST(DrillEndToEnd, ScenarioDrillsFromBundledFilesAndRefusedFiles) {
    TempDir dir;
    ServerConfig config;
    config.stateDir = dir / "state";
    std::string error;
    auto server = ServerProcess::start(config, &error);
    ASSERT_TRUE(server) << error;
    auto stub = server->stub();
    auto drills = pb::Drills::NewStub(server->channel());

    pb::ListScenariosReply scenarios;
    {
        grpc::ClientContext ctx;
        asInstructor(ctx);
        ASSERT_TRUE(drills->ListScenarios(&ctx, pb::ListScenariosRequest{}, &scenarios).ok());
    }
    ASSERT_EQ(scenarios.scenarios_size(), 2) << scenarios.DebugString();
    EXPECT_EQ(scenarios.problems_size(), 0);
    for (const auto& s : scenarios.scenarios()) {
        EXPECT_TRUE(s.constructed_for_training()) << s.id();
    }

    pb::CreateDrillRequest create;
    create.mutable_scenario()->set_bundled_id("changzhi-pingshun-forest-fire");
    pb::DrillInfo drill;
    {
        grpc::ClientContext ctx;
        asInstructor(ctx);
        const grpc::Status s = drills->CreateDrill(&ctx, create, &drill);
        ASSERT_TRUE(s.ok()) << s.error_message();
    }
    EXPECT_EQ(drill.source(), "changzhi-pingshun-forest-fire");
    ASSERT_EQ(drill.incidents_size(), 1);
    EXPECT_EQ(drill.incidents(0).type(), "forest_grassland_fire");

    // Seek to the helicopters' bucket work: both aircraft committed to the fire.
    pb::PlaybackState playback;
    {
        grpc::ClientContext ctx;
        asInstructor(ctx);
        pb::SeekRequest req;
        req.set_drill_id(drill.id());
        *req.mutable_time() = drill.incidents(0).alarm();
        req.mutable_time()->set_seconds(req.time().seconds() + 2 * 3600);
        ASSERT_TRUE(drills->Seek(&ctx, req, &playback).ok());
    }
    for (const char* id : {"AV-Z8-01", "AV-KA32-01"}) {
        grpc::ClientContext ctx;
        withDeadline(ctx);
        pb::GetRequest req;
        req.mutable_session()->set_id(drill.id());
        req.set_id(id);
        pb::Aircraft aircraft;
        const grpc::Status s = stub->GetAircraft(&ctx, req, &aircraft);
        ASSERT_TRUE(s.ok()) << s.error_message();
        EXPECT_EQ(aircraft.incident_id(), drill.incidents(0).incident_id()) << id;
    }

    // A file of a newer version, a corrupt one, an unknown bundled id.
    struct Bad {
        std::string content;
        grpc::StatusCode code;
        std::string says;
    };
    const std::vector<Bad> bad = {
        {R"({"format":"flameblue-scenario","version":7})", grpc::StatusCode::INVALID_ARGUMENT,
         "newer"},
        {R"({"format":"flameblue-scenario","version":1,"id":)", grpc::StatusCode::INVALID_ARGUMENT,
         "not valid JSON"},
    };
    for (const Bad& b : bad) {
        pb::CreateDrillRequest req;
        req.mutable_scenario()->set_content(b.content);
        grpc::ClientContext ctx;
        asInstructor(ctx);
        const grpc::Status s = drills->CreateDrill(&ctx, req, &drill);
        EXPECT_EQ(s.error_code(), b.code) << b.content;
        EXPECT_NE(s.error_message().find(b.says), std::string::npos) << s.error_message();
    }
    {
        pb::CreateDrillRequest req;
        req.mutable_scenario()->set_bundled_id("no-such-scenario");
        grpc::ClientContext ctx;
        asInstructor(ctx);
        EXPECT_EQ(drills->CreateDrill(&ctx, req, &drill).error_code(), grpc::StatusCode::NOT_FOUND);
    }
    // Live never saw any of it.
    grpc::ClientContext ctx;
    withDeadline(ctx);
    pb::ListIncidentsRequest req;
    pb::ListIncidentsReply incidents;
    ASSERT_TRUE(stub->ListIncidents(&ctx, req, &incidents).ok());
    EXPECT_EQ(incidents.incidents_size(), 0);
    EXPECT_TRUE(server->stop().exited);
}

}  // namespace
}  // namespace flameblue::e2e

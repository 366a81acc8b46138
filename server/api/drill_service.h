#pragma once

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

#include "api/auth.h"
#include "api/live_feed.h"
#include "api/session_registry.h"
#include "flameblue/v1/drill.grpc.pb.h"
#include "replay/drill_manager.h"
#include "session/observer_list.h"

namespace flameblue::api {

// Serves drill sessions like live: each drill gets a fan-out and a publisher, and is entered in
// the registry while it runs. Ended drills keep theirs until this goes (streams may hold them).
class DrillSessionHost {
public:
    DrillSessionHost(SessionRegistry& registry, core::TimeMs staleAfterMs);
    ~DrillSessionHost();

    // Another observer of each drill's session besides its publisher (an export); called as a
    // drill opens, may return null. Set before drills open.
    using ExtraObserver = std::function<session::CommitObserver*(replay::Drill&)>;
    void alsoObserve(ExtraObserver extra) { m_extra = std::move(extra); }

    void opened(replay::Drill& drill);
    void ended(replay::Drill& drill);

private:
    struct Served {
        std::unique_ptr<LiveFanOut> fanout;
        std::unique_ptr<LivePublisher> publisher;
        std::unique_ptr<session::ObserverList> observers;  // with the extra observer
        session::Session* session = nullptr;
    };
    SessionRegistry& m_registry;
    core::TimeMs m_staleAfterMs;
    ExtraObserver m_extra;
    std::mutex m_mutex;
    std::map<std::string, Served> m_served;
    std::vector<Served> m_ended;
};

// Runs jobs one after another on its own thread: drill calls that take a while (building a
// timeline, a seek) never block gRPC's callback threads.
class JobQueue {
public:
    JobQueue();
    ~JobQueue();
    void post(std::function<void()> job);

private:
    void run();
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<std::function<void()>> m_jobs;
    bool m_stopping = false;
    std::thread m_thread;
};

// The Drills gRPC service (see drill.proto): instructor-only.
class DrillService final : public pb::Drills::CallbackService {
public:
    static constexpr const char* kRoleKey = Authenticator::kRoleKey;

    // The instructor role comes from the authenticator (the operators file, the instructors
    // file, or on --insecure-dev the kRoleKey metadata).
    // `scenarioDir` holds the bundled scenario files (<id>.json).
    DrillService(replay::DrillManager& drills, Authenticator auth,
                 std::filesystem::path scenarioDir);

    grpc::ServerUnaryReactor* CreateDrill(grpc::CallbackServerContext* ctx,
                                          const pb::CreateDrillRequest* req,
                                          pb::DrillInfo* out) override;
    grpc::ServerUnaryReactor* ListDrills(grpc::CallbackServerContext* ctx,
                                         const pb::ListDrillsRequest* req,
                                         pb::ListDrillsReply* out) override;
    grpc::ServerUnaryReactor* ListScenarios(grpc::CallbackServerContext* ctx,
                                            const pb::ListScenariosRequest* req,
                                            pb::ListScenariosReply* out) override;
    grpc::ServerUnaryReactor* Play(grpc::CallbackServerContext* ctx, const pb::DrillRef* req,
                                   pb::PlaybackState* out) override;
    grpc::ServerUnaryReactor* Pause(grpc::CallbackServerContext* ctx, const pb::DrillRef* req,
                                    pb::PlaybackState* out) override;
    grpc::ServerUnaryReactor* SetSpeed(grpc::CallbackServerContext* ctx,
                                       const pb::SetSpeedRequest* req,
                                       pb::PlaybackState* out) override;
    grpc::ServerUnaryReactor* Step(grpc::CallbackServerContext* ctx, const pb::StepRequest* req,
                                   pb::PlaybackState* out) override;
    grpc::ServerUnaryReactor* Seek(grpc::CallbackServerContext* ctx, const pb::SeekRequest* req,
                                   pb::PlaybackState* out) override;
    grpc::ServerUnaryReactor* HandOver(grpc::CallbackServerContext* ctx,
                                       const pb::HandOverRequest* req,
                                       pb::PlaybackState* out) override;
    grpc::ServerUnaryReactor* ReleaseControl(grpc::CallbackServerContext* ctx,
                                             const pb::DrillRef* req,
                                             pb::PlaybackState* out) override;
    grpc::ServerUnaryReactor* GetPlaybackState(grpc::CallbackServerContext* ctx,
                                               const pb::DrillRef* req,
                                               pb::PlaybackState* out) override;
    grpc::ServerUnaryReactor* GetAfterActionReport(grpc::CallbackServerContext* ctx,
                                                   const pb::AfterActionRequest* req,
                                                   pb::AfterActionReport* out) override;
    grpc::ServerUnaryReactor* EndDrill(grpc::CallbackServerContext* ctx, const pb::DrillRef* req,
                                       pb::EndDrillReply* out) override;

private:
    using Control = std::function<core::Status(replay::Drill&, const std::string& by)>;
    // Checks the role, finds the drill, runs `control` on the job queue and answers with the
    // playback state.
    grpc::ServerUnaryReactor* control(grpc::CallbackServerContext* ctx, const std::string& method,
                                      const std::string& drillId, pb::PlaybackState* out,
                                      Control control,
                                      const std::optional<core::Error>& invalid = std::nullopt);
    static std::string rpc(const char* method);
    core::Result<replay::Scenario> scenarioFrom(const pb::ScenarioSource& source) const;

    replay::DrillManager& m_drills;
    Authenticator m_auth;
    std::filesystem::path m_scenarioDir;
    JobQueue m_createJobs;  // building timelines
    JobQueue m_controlJobs;
};

void toProto(const replay::Playback& p, const std::string& drillId, pb::PlaybackState* out);
void toProto(replay::Drill& drill, pb::DrillInfo* out);

// Reads an instructors file: one operator id per line; '#' starts a comment.
core::Result<std::set<std::string>> loadInstructors(const std::string& path);

}  // namespace flameblue::api

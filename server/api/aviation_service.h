#pragma once

#include <grpcpp/grpcpp.h>

#include "api/auth.h"
#include "api/session_registry.h"
#include "aviation/fleet_figures.h"
#include "flameblue/v1/aviation.grpc.pb.h"

namespace flameblue::api {

struct AviationServiceOptions {
    // Points per GetTrack answer at most (and the default).
    int maxTrackPoints = 5000;
    // Longest time range one GetTrack may ask for.
    core::TimeMs maxTrackRangeMs = 7LL * 24 * 3600 * 1000;
    core::TimeMs defaultTrackRangeMs = 3600LL * 1000;
    // Fixes stored up to this long after they were taken (a crew app that was out of coverage)
    // are still found by the time range.
    core::TimeMs lateFixMs = 30LL * 60 * 1000;
};

// The Aviation gRPC service (callback API): tracks from the event log, mission states, alert
// acknowledgement, water drops and each aircraft's live figures. Works on any session.
class AviationService final : public pb::Aviation::CallbackService {
public:
    // `figures` may be null: statuses then carry the mission but no ETA or endurance.
    AviationService(SessionRegistry& sessions, Authenticator auth,
                    const aviation::FleetFigures* figures, AviationServiceOptions options = {});

    grpc::ServerUnaryReactor* GetTrack(grpc::CallbackServerContext* ctx,
                                       const pb::GetTrackRequest* req, pb::Track* out) override;
    grpc::ServerUnaryReactor* SetMissionState(grpc::CallbackServerContext* ctx,
                                              const pb::SetMissionStateRequest* req,
                                              pb::CommandReply* reply) override;
    grpc::ServerUnaryReactor* AcknowledgeAlert(grpc::CallbackServerContext* ctx,
                                               const pb::AcknowledgeAlertRequest* req,
                                               pb::CommandReply* reply) override;
    grpc::ServerUnaryReactor* RecordDrop(grpc::CallbackServerContext* ctx,
                                         const pb::RecordDropRequest* req,
                                         pb::CommandReply* reply) override;
    grpc::ServerUnaryReactor* ListAlerts(grpc::CallbackServerContext* ctx,
                                         const pb::ListAlertsRequest* req,
                                         pb::ListAlertsReply* out) override;
    grpc::ServerUnaryReactor* GetAircraftStatus(grpc::CallbackServerContext* ctx,
                                                const pb::GetRequest* req,
                                                pb::AircraftStatus* out) override;
    grpc::ServerUnaryReactor* ListAircraftStatus(grpc::CallbackServerContext* ctx,
                                                 const pb::ListAircraftStatusRequest* req,
                                                 pb::ListAircraftStatusReply* out) override;

private:
    bool admit(grpc::CallbackServerContext* ctx, grpc::ServerUnaryReactor* reactor,
               const pb::SessionRef& ref, const std::string& method, Caller& caller,
               SessionHandle& handle);
    grpc::ServerUnaryReactor* runCommand(grpc::CallbackServerContext* ctx,
                                         const std::string& method, const pb::SessionRef& ref,
                                         core::Result<core::Command> command,
                                         pb::CommandReply* reply, const std::string& subject);
    static std::string rpc(const char* method);
    void fill(const session::Session& session, const core::State& s,
              const session::Session::LastHeard& heard, const core::Unit& u,
              pb::AircraftStatus* out) const;
    aviation::AircraftFigures figuresFor(const session::Session& session, const core::State& s,
                                         const session::Session::LastHeard& heard,
                                         const core::Unit& u) const;

    SessionRegistry& m_sessions;
    Authenticator m_auth;
    const aviation::FleetFigures* m_figures;
    AviationServiceOptions m_options;
};

}  // namespace flameblue::api

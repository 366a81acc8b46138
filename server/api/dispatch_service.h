#pragma once

#include <grpcpp/grpcpp.h>

#include <map>
#include <mutex>

#include "api/auth.h"
#include "api/session_registry.h"
#include "api/subscribe_reactor.h"
#include "dispatch/recommender.h"
#include "flameblue/v1/dispatch.grpc.pb.h"

namespace flameblue::api {

struct ServiceOptions {
    SubscribeLimits subscribe;
    // Position reports accepted in one batch message.
    int maxReportsPerBatch = 10'000;
};

// The Dispatch gRPC service (callback API). Handlers translate and validate the request, hand
// the command to the session's writer and finish the call when it is durable; nothing blocks.
// Subscribe writes encoded messages (see SubscribeReactor): on the wire it is the same method,
// with the same request and response messages.
class DispatchService final
    : public pb::Dispatch::WithRawCallbackMethod_Subscribe<pb::Dispatch::CallbackService> {
public:
    // `recommender` may be null: Recommend then answers UNAVAILABLE.
    DispatchService(SessionRegistry& sessions, Authenticator auth, pb::Catalog catalog,
                    ServiceOptions options, const dispatch::Recommender* recommender);

    grpc::ServerUnaryReactor* CreateIncident(grpc::CallbackServerContext* ctx,
                                             const pb::CreateIncidentRequest* req,
                                             pb::CommandReply* reply) override;
    grpc::ServerUnaryReactor* UpdateIncident(grpc::CallbackServerContext* ctx,
                                             const pb::UpdateIncidentRequest* req,
                                             pb::CommandReply* reply) override;
    grpc::ServerUnaryReactor* SetIncidentStatus(grpc::CallbackServerContext* ctx,
                                                const pb::SetIncidentStatusRequest* req,
                                                pb::CommandReply* reply) override;
    grpc::ServerUnaryReactor* AddNote(grpc::CallbackServerContext* ctx,
                                      const pb::AddNoteRequest* req,
                                      pb::CommandReply* reply) override;
    grpc::ServerUnaryReactor* DispatchUnits(grpc::CallbackServerContext* ctx,
                                            const pb::DispatchUnitsRequest* req,
                                            pb::CommandReply* reply) override;
    grpc::ServerUnaryReactor* ReleaseUnits(grpc::CallbackServerContext* ctx,
                                           const pb::ReleaseUnitsRequest* req,
                                           pb::CommandReply* reply) override;
    grpc::ServerUnaryReactor* SetUnitStatus(grpc::CallbackServerContext* ctx,
                                            const pb::SetUnitStatusRequest* req,
                                            pb::CommandReply* reply) override;
    grpc::ServerReadReactor<pb::PositionBatch>* ReportPositions(
        grpc::CallbackServerContext* ctx, pb::ReportPositionsReply* reply) override;

    grpc::ServerUnaryReactor* GetIncident(grpc::CallbackServerContext* ctx,
                                          const pb::GetRequest* req, pb::Incident* out) override;
    grpc::ServerUnaryReactor* GetUnit(grpc::CallbackServerContext* ctx, const pb::GetRequest* req,
                                      pb::Unit* out) override;
    grpc::ServerUnaryReactor* GetAircraft(grpc::CallbackServerContext* ctx,
                                          const pb::GetRequest* req, pb::Aircraft* out) override;
    grpc::ServerUnaryReactor* GetStation(grpc::CallbackServerContext* ctx,
                                         const pb::GetRequest* req, pb::Station* out) override;
    grpc::ServerUnaryReactor* ListIncidents(grpc::CallbackServerContext* ctx,
                                            const pb::ListIncidentsRequest* req,
                                            pb::ListIncidentsReply* out) override;
    grpc::ServerUnaryReactor* ListUnits(grpc::CallbackServerContext* ctx,
                                        const pb::ListUnitsRequest* req,
                                        pb::ListUnitsReply* out) override;
    grpc::ServerUnaryReactor* ListAircraft(grpc::CallbackServerContext* ctx,
                                           const pb::ListUnitsRequest* req,
                                           pb::ListAircraftReply* out) override;
    grpc::ServerUnaryReactor* ListStations(grpc::CallbackServerContext* ctx,
                                           const pb::ListStationsRequest* req,
                                           pb::ListStationsReply* out) override;
    grpc::ServerUnaryReactor* ListWaterSources(grpc::CallbackServerContext* ctx,
                                               const pb::ListWaterSourcesRequest* req,
                                               pb::ListWaterSourcesReply* out) override;
    grpc::ServerUnaryReactor* GetCatalog(grpc::CallbackServerContext* ctx,
                                         const pb::GetCatalogRequest* req,
                                         pb::Catalog* out) override;

    grpc::ServerUnaryReactor* Recommend(grpc::CallbackServerContext* ctx,
                                        const pb::RecommendRequest* req,
                                        pb::Recommendation* out) override;

    // The request is a pb::SubscribeRequest; each response a pb::SubscribeResponse.
    grpc::ServerWriteReactor<grpc::ByteBuffer>* Subscribe(grpc::CallbackServerContext* ctx,
                                                          const grpc::ByteBuffer* req) override;
    grpc::ServerUnaryReactor* ConfirmAlarmDraft(grpc::CallbackServerContext* ctx,
                                                const pb::ConfirmAlarmDraftRequest* req,
                                                pb::CommandReply* reply) override;
    grpc::ServerUnaryReactor* DismissAlarmDraft(grpc::CallbackServerContext* ctx,
                                                const pb::DismissAlarmDraftRequest* req,
                                                pb::CommandReply* reply) override;

    grpc::ServerUnaryReactor* RequestMutualAid(grpc::CallbackServerContext* ctx,
                                               const pb::RequestMutualAidRequest* req,
                                               pb::CommandReply* reply) override;
    grpc::ServerUnaryReactor* AnswerMutualAid(grpc::CallbackServerContext* ctx,
                                              const pb::AnswerMutualAidRequest* req,
                                              pb::CommandReply* reply) override;
    grpc::ServerUnaryReactor* ListMutualAidRequests(grpc::CallbackServerContext* ctx,
                                                    const pb::ListMutualAidRequestsRequest* req,
                                                    pb::ListMutualAidRequestsReply* out) override;

private:
    // Resolves caller and session, or finishes the call with the error and returns false.
    bool admit(grpc::CallbackServerContext* ctx, grpc::ServerUnaryReactor* reactor,
               const pb::SessionRef& ref, const std::string& method, Caller& caller,
               SessionHandle& handle);
    grpc::ServerUnaryReactor* runCommand(grpc::CallbackServerContext* ctx,
                                         const std::string& method, const pb::SessionRef& ref,
                                         core::Result<core::Command> command,
                                         pb::CommandReply* reply, const std::string& subject);
    template <typename Fill>
    grpc::ServerUnaryReactor* query(grpc::CallbackServerContext* ctx, const std::string& method,
                                    const pb::SessionRef& ref, Fill fill);
    static std::string rpc(const char* method);

    SessionRegistry& m_sessions;
    const dispatch::Recommender* m_recommender;
    Authenticator m_auth;
    pb::Catalog m_catalog;
    ServiceOptions m_options;
};

}  // namespace flameblue::api

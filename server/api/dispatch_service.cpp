#include "api/dispatch_service.h"

#include "api/command_call.h"
#include "api/report_positions_reactor.h"

namespace flameblue::api {

DispatchService::DispatchService(SessionRegistry& sessions, Authenticator auth, pb::Catalog catalog,
                                 ServiceOptions options, const dispatch::Recommender* recommender)
    : m_sessions(sessions),
      m_recommender(recommender),
      m_auth(std::move(auth)),
      m_catalog(std::move(catalog)),
      m_options(options) {}

std::string DispatchService::rpc(const char* method) {
    return rpcName(pb::Dispatch::service_full_name(), method);
}

bool DispatchService::admit(grpc::CallbackServerContext* ctx, grpc::ServerUnaryReactor* reactor,
                            const pb::SessionRef& ref, const std::string& method, Caller& caller,
                            SessionHandle& handle) {
    return admitToSession(m_auth, m_sessions, ctx, reactor, ref, method, caller, handle);
}

grpc::ServerUnaryReactor* DispatchService::runCommand(
    grpc::CallbackServerContext* ctx, const std::string& method, const pb::SessionRef& ref,
    core::Result<core::Command> command, pb::CommandReply* reply, const std::string& subject) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    Caller caller;
    SessionHandle handle;
    if (!admit(ctx, reactor, ref, method, caller, handle)) {
        return reactor;
    }
    session::Session* session = handle.session;
    const core::TimeMs staleMs = m_options.subscribe.staleAfterMs;
    // The incident and units the command changed, named by the session against the state before
    // each event: a closed incident's released units no longer point at it afterwards.
    auto fill = [session, staleMs](const session::CommandOutcome& done, pb::CommandReply* out) {
        const core::Affected& affected = done.affected;
        session->withState([&](const core::State& state, const auto& heard) {
            if (!affected.incidents.empty()) {
                if (const auto* inc = state.incident(affected.incidents.front())) {
                    toProto(*inc, out->mutable_incident());
                }
            }
            for (const core::Id& id : affected.units) {
                const core::Unit* u = state.unit(id);
                if (!u)
                    continue;
                FixContext fix{session->now(), staleMs, 0};
                if (auto it = heard.find(id); it != heard.end())
                    fix.lastHeard = it->second;
                toProto(*u, fix, out->add_units());
            }
        });
    };
    submitCommand(m_auth, *session, caller, method, subject, std::move(command), reactor, reply,
                  fill);
    return reactor;
}

grpc::ServerUnaryReactor* DispatchService::CreateIncident(grpc::CallbackServerContext* ctx,
                                                          const pb::CreateIncidentRequest* req,
                                                          pb::CommandReply* reply) {
    auto build = [&]() -> core::Result<core::Command> {
        if (!req->has_position())
            return core::invalidArgument("position: required");
        core::CreateIncident c;
        c.type = req->type();
        c.level = req->level();
        c.position = {req->position().lat(), req->position().lon()};
        c.address = req->address();
        c.description = req->description();
        if (req->has_received())
            c.received = fromProto(req->received());
        c.mutualAid = req->mutual_aid();
        return core::Command{std::move(c)};
    };
    return runCommand(ctx, rpc(__func__), req->session(), build(), reply, {});
}

grpc::ServerUnaryReactor* DispatchService::ConfirmAlarmDraft(
    grpc::CallbackServerContext* ctx, const pb::ConfirmAlarmDraftRequest* req,
    pb::CommandReply* reply) {
    core::ConfirmAlarmDraft c;
    c.draftId = req->draft_id();
    if (!req->type().empty())
        c.type = req->type();
    if (req->level() != 0)
        c.level = req->level();
    c.description = req->description();
    return runCommand(ctx, rpc(__func__), req->session(), core::Command{std::move(c)}, reply,
                      req->draft_id());
}

grpc::ServerUnaryReactor* DispatchService::DismissAlarmDraft(
    grpc::CallbackServerContext* ctx, const pb::DismissAlarmDraftRequest* req,
    pb::CommandReply* reply) {
    core::DismissAlarmDraft c{req->draft_id(), req->reason()};
    return runCommand(ctx, rpc(__func__), req->session(), core::Command{std::move(c)}, reply,
                      req->draft_id());
}

grpc::ServerUnaryReactor* DispatchService::UpdateIncident(grpc::CallbackServerContext* ctx,
                                                          const pb::UpdateIncidentRequest* req,
                                                          pb::CommandReply* reply) {
    core::UpdateIncident c;
    c.id = req->incident_id();
    if (req->has_type())
        c.type = req->type();
    if (req->has_level())
        c.level = req->level();
    if (req->has_position())
        c.position = core::LatLon{req->position().lat(), req->position().lon()};
    if (req->has_address())
        c.address = req->address();
    if (req->has_description())
        c.description = req->description();
    c.mutualAid = req->mutual_aid();
    return runCommand(ctx, rpc(__func__), req->session(), core::Command{std::move(c)}, reply,
                      req->incident_id());
}

grpc::ServerUnaryReactor* DispatchService::SetIncidentStatus(
    grpc::CallbackServerContext* ctx, const pb::SetIncidentStatusRequest* req,
    pb::CommandReply* reply) {
    auto build = [&]() -> core::Result<core::Command> {
        auto status = fromProto(req->status());
        if (!status)
            return status.error();
        return core::Command{core::SetIncidentStatus{req->incident_id(), *status}};
    };
    return runCommand(ctx, rpc(__func__), req->session(), build(), reply, req->incident_id());
}

grpc::ServerUnaryReactor* DispatchService::AddNote(grpc::CallbackServerContext* ctx,
                                                   const pb::AddNoteRequest* req,
                                                   pb::CommandReply* reply) {
    return runCommand(ctx, rpc(__func__), req->session(),
                      core::Command{core::AddNote{req->incident_id(), req->text()}}, reply,
                      req->incident_id());
}

grpc::ServerUnaryReactor* DispatchService::DispatchUnits(grpc::CallbackServerContext* ctx,
                                                         const pb::DispatchUnitsRequest* req,
                                                         pb::CommandReply* reply) {
    std::vector<core::Id> units{req->unit_ids().begin(), req->unit_ids().end()};
    if (req->request_mutual_aid()) {
        core::RequestMutualAid c{req->incident_id(), std::move(units), req->mutual_aid_note()};
        return runCommand(ctx, rpc(__func__), req->session(), core::Command{std::move(c)}, reply,
                          req->incident_id());
    }
    core::DispatchUnits c{req->incident_id(), std::move(units)};
    return runCommand(ctx, rpc(__func__), req->session(), core::Command{std::move(c)}, reply,
                      req->incident_id());
}

grpc::ServerUnaryReactor* DispatchService::RequestMutualAid(grpc::CallbackServerContext* ctx,
                                                            const pb::RequestMutualAidRequest* req,
                                                            pb::CommandReply* reply) {
    core::RequestMutualAid c{
        req->incident_id(), {req->unit_ids().begin(), req->unit_ids().end()}, req->note()};
    return runCommand(ctx, rpc(__func__), req->session(), core::Command{std::move(c)}, reply,
                      req->incident_id());
}

grpc::ServerUnaryReactor* DispatchService::AnswerMutualAid(grpc::CallbackServerContext* ctx,
                                                           const pb::AnswerMutualAidRequest* req,
                                                           pb::CommandReply* reply) {
    core::AnswerMutualAid c{req->request_id(), req->accept(), req->reason()};
    return runCommand(ctx, rpc(__func__), req->session(), core::Command{std::move(c)}, reply,
                      req->request_id());
}

grpc::ServerUnaryReactor* DispatchService::ReleaseUnits(grpc::CallbackServerContext* ctx,
                                                        const pb::ReleaseUnitsRequest* req,
                                                        pb::CommandReply* reply) {
    core::ReleaseUnits c{req->incident_id(), {req->unit_ids().begin(), req->unit_ids().end()}};
    return runCommand(ctx, rpc(__func__), req->session(), core::Command{std::move(c)}, reply,
                      req->incident_id());
}

grpc::ServerUnaryReactor* DispatchService::SetUnitStatus(grpc::CallbackServerContext* ctx,
                                                         const pb::SetUnitStatusRequest* req,
                                                         pb::CommandReply* reply) {
    auto build = [&]() -> core::Result<core::Command> {
        auto status = fromProto(req->status());
        if (!status)
            return status.error();
        core::SetUnitStatus c{req->unit_id(), *status, {}};
        if (req->has_staffing())
            c.staffing = req->staffing();
        return core::Command{std::move(c)};
    };
    return runCommand(ctx, rpc(__func__), req->session(), build(), reply, req->unit_id());
}

grpc::ServerReadReactor<pb::PositionBatch>* DispatchService::ReportPositions(
    grpc::CallbackServerContext* ctx, pb::ReportPositionsReply* reply) {
    auto who = m_auth.authorize(*ctx, rpc(__func__));
    std::shared_ptr<void> slot;
    if (who) {
        auto opened = m_auth.openStream(*who, "ReportPositions", 0);
        if (opened) {
            slot = std::move(opened).value();
        } else {
            m_auth.recordError(*who, rpc(__func__), opened.error());
            who = opened.error();
        }
    }
    return new ReportPositionsReactor(m_sessions, std::move(who), std::move(slot), reply,
                                      m_options.maxReportsPerBatch);
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* DispatchService::Subscribe(
    grpc::CallbackServerContext* ctx, const grpc::ByteBuffer* raw) {
    SessionHandle handle;
    grpc::Status refused = grpc::Status::OK;
    pb::SubscribeRequest req;
    {
        grpc::ByteBuffer copy(*raw);  // shares the slices; parsing consumes the buffer
        refused = grpc::SerializationTraits<pb::SubscribeRequest>::Deserialize(&copy, &req);
    }
    std::shared_ptr<void> slot;
    if (refused.ok()) {
        if (auto who = m_auth.authorize(*ctx, rpc(__func__)); !who) {
            refused = toGrpc(who.error());
        } else if (auto opened = m_auth.openStream(*who, "subscriptions",
                                                   m_auth.limits().maxSubscriptionsPerOperator);
                   !opened) {
            m_auth.recordError(*who, rpc(__func__), opened.error());
            refused = toGrpc(opened.error());
        } else {
            slot = std::move(opened).value();
        }
    }
    if (refused.ok() && !m_sessions.find(req.session().id(), handle)) {
        refused = grpc::Status(grpc::StatusCode::NOT_FOUND,
                               "session: no session \"" + req.session().id() + "\"");
    }
    if (!refused.ok()) {
        class Refusal : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
        public:
            explicit Refusal(const grpc::Status& s) { Finish(s); }
            void OnDone() override { delete this; }
        };
        return new Refusal(refused);
    }
    auto* reactor = new SubscribeReactor(handle, req, m_options.subscribe);
    reactor->holdSlot(std::move(slot));
    return reactor;
}

}  // namespace flameblue::api

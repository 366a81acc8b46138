#include "api/dispatch_service.h"

#include "api/report_positions_reactor.h"

namespace flameblue::api {

DispatchService::DispatchService(SessionRegistry& sessions, Authenticator auth, pb::Catalog catalog,
                                 ServiceOptions options, const dispatch::Recommender* recommender)
    : m_sessions(sessions),
      m_recommender(recommender),
      m_auth(std::move(auth)),
      m_catalog(std::move(catalog)),
      m_options(options) {}

bool DispatchService::admit(grpc::CallbackServerContext* ctx, grpc::ServerUnaryReactor* reactor,
                            const pb::SessionRef& ref, bool command, Caller& caller,
                            SessionHandle& handle) {
    // Reads need no operator name on loopback; with tokens every call must carry one.
    if (command || m_auth.usesTokens()) {
        auto who = m_auth.identify(*ctx);
        if (!who) {
            reactor->Finish(toGrpc(who.error()));
            return false;
        }
        caller = std::move(who).value();
    }
    if (!m_sessions.find(ref.id(), handle)) {
        reactor->Finish(
            grpc::Status(grpc::StatusCode::NOT_FOUND, "session: no session \"" + ref.id() + "\""));
        return false;
    }
    return true;
}

grpc::ServerUnaryReactor* DispatchService::runCommand(grpc::CallbackServerContext* ctx,
                                                      const pb::SessionRef& ref,
                                                      core::Result<core::Command> command,
                                                      pb::CommandReply* reply) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    Caller caller;
    SessionHandle handle;
    if (!admit(ctx, reactor, ref, true, caller, handle)) {
        return reactor;
    }
    if (!command) {
        reactor->Finish(toGrpc(command.error()));
        return reactor;
    }
    session::Session* session = handle.session;
    const core::TimeMs staleMs = m_options.subscribe.staleAfterMs;
    std::vector<core::Command> commands{std::move(command).value()};
    session->submit(
        core::CommandContext{caller.operatorId, caller.origin, 0}, std::move(commands),
        [reactor, reply, session, staleMs](std::vector<session::CommandResult> results) {
            const session::CommandResult& r = results.front();
            if (!r) {
                reactor->Finish(toGrpc(r.error()));
                return;
            }
            reply->set_first_seq(r->firstSeq);
            reply->set_last_seq(r->lastSeq);
            // Named by the session against the state before each event: a closed incident's
            // released units no longer point at it afterwards.
            const core::Affected& affected = r->affected;
            session->withState([&](const core::State& state, const auto& heard) {
                if (!affected.incidents.empty()) {
                    if (const auto* inc = state.incident(affected.incidents.front())) {
                        toProto(*inc, reply->mutable_incident());
                    }
                }
                for (const core::Id& id : affected.units) {
                    const core::Unit* u = state.unit(id);
                    if (!u)
                        continue;
                    FixContext fix{session->now(), staleMs, 0};
                    if (auto it = heard.find(id); it != heard.end())
                        fix.lastHeard = it->second;
                    toProto(*u, fix, reply->add_units());
                }
            });
            reactor->Finish(grpc::Status::OK);
        });
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
    return runCommand(ctx, req->session(), build(), reply);
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
    return runCommand(ctx, req->session(), core::Command{std::move(c)}, reply);
}

grpc::ServerUnaryReactor* DispatchService::DismissAlarmDraft(
    grpc::CallbackServerContext* ctx, const pb::DismissAlarmDraftRequest* req,
    pb::CommandReply* reply) {
    core::DismissAlarmDraft c{req->draft_id(), req->reason()};
    return runCommand(ctx, req->session(), core::Command{std::move(c)}, reply);
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
    return runCommand(ctx, req->session(), core::Command{std::move(c)}, reply);
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
    return runCommand(ctx, req->session(), build(), reply);
}

grpc::ServerUnaryReactor* DispatchService::AddNote(grpc::CallbackServerContext* ctx,
                                                   const pb::AddNoteRequest* req,
                                                   pb::CommandReply* reply) {
    return runCommand(ctx, req->session(),
                      core::Command{core::AddNote{req->incident_id(), req->text()}}, reply);
}

grpc::ServerUnaryReactor* DispatchService::DispatchUnits(grpc::CallbackServerContext* ctx,
                                                         const pb::DispatchUnitsRequest* req,
                                                         pb::CommandReply* reply) {
    core::DispatchUnits c{req->incident_id(), {req->unit_ids().begin(), req->unit_ids().end()}};
    return runCommand(ctx, req->session(), core::Command{std::move(c)}, reply);
}

grpc::ServerUnaryReactor* DispatchService::ReleaseUnits(grpc::CallbackServerContext* ctx,
                                                        const pb::ReleaseUnitsRequest* req,
                                                        pb::CommandReply* reply) {
    core::ReleaseUnits c{req->incident_id(), {req->unit_ids().begin(), req->unit_ids().end()}};
    return runCommand(ctx, req->session(), core::Command{std::move(c)}, reply);
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
    return runCommand(ctx, req->session(), build(), reply);
}

grpc::ServerReadReactor<pb::PositionBatch>* DispatchService::ReportPositions(
    grpc::CallbackServerContext* ctx, pb::ReportPositionsReply* reply) {
    auto who = m_auth.identify(*ctx);
    return new ReportPositionsReactor(m_sessions, std::move(who), reply,
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
    if (refused.ok() && m_auth.usesTokens()) {
        if (auto who = m_auth.identify(*ctx); !who)
            refused = toGrpc(who.error());
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
    return new SubscribeReactor(handle, req, m_options.subscribe);
}

}  // namespace flameblue::api

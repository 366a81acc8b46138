#include "api/audit_service.h"

#include "api/audit.h"
#include "api/mapping.h"

namespace flameblue::api {

grpc::ServerUnaryReactor* AuditService::QueryAudit(grpc::CallbackServerContext* ctx,
                                                   const ::flameblue::v1::QueryAuditRequest* req,
                                                   ::flameblue::v1::QueryAuditReply* out) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    if (!m_auth.admit(ctx, reactor, rpcName(::flameblue::v1::Audit::service_full_name(), __func__)))
        return reactor;
    constexpr std::uint32_t kMaxLimit = 5000;
    if (req->limit() > kMaxLimit) {
        reactor->Finish(
            {grpc::StatusCode::INVALID_ARGUMENT, "limit: at most " + std::to_string(kMaxLimit) +
                                                     ", got " + std::to_string(req->limit())});
        return reactor;
    }
    AuditFilter f;
    f.operatorId = req->operator_id();
    f.console = req->console();
    f.method = req->method();
    f.subject = req->subject();
    if (req->has_from())
        f.fromMs = fromProto(req->from());
    if (req->has_to())
        f.toMs = fromProto(req->to());
    if (f.fromMs && f.toMs && *f.toMs <= *f.fromMs) {
        reactor->Finish({grpc::StatusCode::INVALID_ARGUMENT, "to: must be after from"});
        return reactor;
    }
    f.refusedOnly = req->refused_only();
    if (req->limit() != 0)
        f.limit = req->limit();
    if (auto log = m_auth.audit()) {
        for (const AuditEntry& e : log->query(f)) {
            auto* p = out->add_entries();
            p->set_id(e.id);
            toProto(e.timeMs, p->mutable_time());
            p->set_operator_id(e.operatorId);
            p->set_console(e.console);
            p->set_peer(e.peer);
            p->set_method(e.method);
            p->set_code(e.code);
            p->set_message(e.message);
            p->set_subject(e.subject);
        }
    }
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

}  // namespace flameblue::api

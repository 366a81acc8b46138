#pragma once

#include <grpcpp/grpcpp.h>

#include "api/auth.h"
#include "flameblue/v1/audit.grpc.pb.h"

namespace flameblue::api {

// The Audit service: queries the audit trail the authenticator keeps.
class AuditService final : public ::flameblue::v1::Audit::CallbackService {
public:
    explicit AuditService(Authenticator auth) : m_auth(std::move(auth)) {}

    grpc::ServerUnaryReactor* QueryAudit(grpc::CallbackServerContext* ctx,
                                         const ::flameblue::v1::QueryAuditRequest* req,
                                         ::flameblue::v1::QueryAuditReply* out) override;

private:
    Authenticator m_auth;
};

}  // namespace flameblue::api

#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/audit.h"
#include "api/audit_service.h"
#include "api/auth.h"
#include "api/aviation_service.h"
#include "api/dispatch_service.h"
#include "api/drill_service.h"
#include "api/session_registry.h"
#include "core/result.h"

namespace flameblue::api {

struct ServerOptions {
    std::string listen = "127.0.0.1:50051";
    // Required together with an operators file when listening beyond loopback.
    std::string tlsCertFile;
    std::string tlsKeyFile;
    std::string operatorsFile;
    // Self-declared identities (x-flameblue-operator) instead of tokens: loopback only, for
    // development; every console is warned.
    bool insecureDev = false;
    // PEM CA certificate(s) for client certificates (mutual TLS); a verified certificate whose
    // common name an operator has (cert=) signs that operator in.
    std::string tlsClientCaFile;
    // Operator ids that hold the instructor role too (drills).
    std::string instructorsFile;
    // The audit trail's file (JSON lines); empty: kept in memory only.
    std::string auditFile;
    AccessLimits limits;
    bool reflection = true;
    // Prints reloads of the operators file; default: standard error.
    std::function<void(const std::string&)> log;
    // The authenticator to use, when the caller built it (to share it with extra services);
    // otherwise built from the options above by makeAuthenticator().
    std::optional<Authenticator> auth;
    // Bundled drill scenario files.
    std::string scenariosDir;
    ServiceOptions service;
    // More services to serve beside Dispatch (e.g. Traffic); they must outlive the server.
    std::vector<grpc::Service*> extraServices;
};

// The authenticator the options describe: the operators file (watched for changes) with the
// instructors file and the audit trail, or self-declared identities with insecureDev. Neither is
// refused.
core::Result<Authenticator> makeAuthenticator(const ServerOptions& options);

// The gRPC server: the Dispatch and Aviation services, the Drills service (with a drill manager),
// the standard health service and server reflection.
class DispatchServer {
public:
    // `recommender` may be null (no recommendations); it must outlive the server.
    static core::Result<std::unique_ptr<DispatchServer>> start(
        const ServerOptions& options, SessionRegistry& sessions, pb::Catalog catalog,
        const dispatch::Recommender* recommender = nullptr,
        const aviation::FleetFigures* fleet = nullptr, replay::DrillManager* drills = nullptr);
    ~DispatchServer();

    // The port actually bound (useful with port 0).
    int port() const { return m_port; }
    const Authenticator& authenticator() const { return *m_auth; }
    void shutdown();
    void wait();

private:
    DispatchServer() = default;

    std::unique_ptr<DispatchService> m_service;
    std::unique_ptr<AviationService> m_aviation;
    std::unique_ptr<DrillService> m_drillService;
    std::unique_ptr<AuditService> m_audit;
    std::unique_ptr<grpc::Server> m_server;
    int m_port = 0;
    std::optional<Authenticator> m_auth;
};

}  // namespace flameblue::api

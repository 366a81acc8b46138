#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

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
    // Operator ids with the instructor role (drills), when tokens are in use.
    std::string instructorsFile;
    // Bundled drill scenario files.
    std::string scenariosDir;
    ServiceOptions service;
    // More services to serve beside Dispatch (e.g. Traffic); they must outlive the server.
    std::vector<grpc::Service*> extraServices;
};

// True for 127.0.0.0/8, ::1 and localhost.
bool isLoopbackAddress(const std::string& hostPort);

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
    void shutdown();
    void wait();

private:
    DispatchServer() = default;

    std::unique_ptr<DispatchService> m_service;
    std::unique_ptr<AviationService> m_aviation;
    std::unique_ptr<DrillService> m_drillService;
    std::unique_ptr<grpc::Server> m_server;
    int m_port = 0;
};

}  // namespace flameblue::api

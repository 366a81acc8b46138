#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>

#include "api/server.h"

namespace flameblue::app {

// While the server waits for its event store (a database that is not up yet), the standard gRPC
// health service answers on the listen address with NOT_SERVING, for the server as a whole and
// for each of its services, so that load balancers and orchestrators see it is alive but not
// ready. Nothing else is served. Stopped (the port freed) before the real server starts.
class StartupHealth {
public:
    // Null when it cannot serve there (the real server start reports why) or when the address
    // would need TLS that is not configured.
    static std::unique_ptr<StartupHealth> start(const api::ServerOptions& options);
    ~StartupHealth();
    StartupHealth(const StartupHealth&) = delete;
    StartupHealth& operator=(const StartupHealth&) = delete;

    int port() const { return m_port; }

private:
    StartupHealth() = default;

    std::unique_ptr<grpc::Server> m_server;
    int m_port = 0;
};

}  // namespace flameblue::app

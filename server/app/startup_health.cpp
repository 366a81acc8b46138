#include "app/startup_health.h"

#include <grpcpp/health_check_service_interface.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "common/net_address.h"

namespace flameblue::app {

namespace {

bool readFile(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return false;
    }
    std::ostringstream s;
    s << in.rdbuf();
    out = s.str();
    return true;
}

// The services api::DispatchServer marks SERVING once it runs.
constexpr const char* kServices[] = {"flameblue.v1.Dispatch", "flameblue.v1.Aviation",
                                     "flameblue.v1.Drills"};

}  // namespace

std::unique_ptr<StartupHealth> StartupHealth::start(const api::ServerOptions& options) {
    std::shared_ptr<grpc::ServerCredentials> credentials;
    if (!options.tlsCertFile.empty() || !options.tlsKeyFile.empty()) {
        std::string cert;
        std::string key;
        if (!readFile(options.tlsCertFile, cert) || !readFile(options.tlsKeyFile, key)) {
            return nullptr;
        }
        grpc::SslServerCredentialsOptions ssl;
        ssl.pem_key_cert_pairs.push_back({key, cert});
        credentials = grpc::SslServerCredentials(ssl);
    } else if (common::isLoopbackAddress(options.listen)) {
        credentials = grpc::InsecureServerCredentials();
    } else {
        return nullptr;
    }
    grpc::EnableDefaultHealthCheckService(true);
    std::unique_ptr<StartupHealth> health(new StartupHealth());
    grpc::ServerBuilder builder;
    builder.AddListeningPort(options.listen, credentials, &health->m_port);
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    health->m_server = builder.BuildAndStart();
    if (!health->m_server || health->m_port == 0) {
        return nullptr;
    }
    if (auto* service = health->m_server->GetHealthCheckService()) {
        service->SetServingStatus(false);
        for (const char* name : kServices) {
            service->SetServingStatus(name, false);
        }
    }
    return health;
}

StartupHealth::~StartupHealth() {
    if (m_server) {
        m_server->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(500));
        m_server->Wait();
    }
}

}  // namespace flameblue::app

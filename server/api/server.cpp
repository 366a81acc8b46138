#include "api/server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "common/net_address.h"

namespace flameblue::api {

namespace {
core::Result<std::string> readFile(const std::string& path, const char* what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return core::invalidArgument(std::string(what) + " " + path + ": cannot be read");
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

core::Result<Authenticator> makeAuthenticator(const ServerOptions& options) {
    auto audit = std::make_shared<AuditLog>();
    if (!options.auditFile.empty()) {
        if (auto st = audit->openFile(options.auditFile); !st)
            return st.error();
    }
    Authenticator auth;
    if (!options.operatorsFile.empty()) {
        auto log =
            options.log ? options.log : [](const std::string& line) { std::cerr << line << "\n"; };
        auto dir = OperatorDirectory::open(options.operatorsFile, log);
        if (!dir)
            return dir.error();
        (*dir)->watch();
        auth = Authenticator(std::move(dir).value(), options.limits);
    } else if (options.insecureDev) {
        auth.setLimits(options.limits);
    } else {
        return core::invalidArgument(
            "no operators: give --operators FILE (see flameblue-admin), or --insecure-dev for "
            "self-declared identities on loopback");
    }
    if (!options.instructorsFile.empty()) {
        auto loaded = loadInstructors(options.instructorsFile);
        if (!loaded)
            return loaded.error();
        auth.addInstructors(*loaded);
    }
    auth.setAudit(std::move(audit));
    return auth;
}

core::Result<std::unique_ptr<DispatchServer>> DispatchServer::start(
    const ServerOptions& options, SessionRegistry& sessions, pb::Catalog catalog,
    const dispatch::Recommender* recommender, const aviation::FleetFigures* fleet,
    replay::DrillManager* drills) {
    const bool loopback = common::isLoopbackAddress(options.listen);
    std::shared_ptr<grpc::ServerCredentials> credentials;
    std::optional<Authenticator> built = options.auth;
    if (!built) {
        auto made = makeAuthenticator(options);
        if (!made)
            return made.error();
        built = std::move(made).value();
    }
    Authenticator auth = *built;
    if (!options.tlsCertFile.empty() || !options.tlsKeyFile.empty()) {
        auto cert = readFile(options.tlsCertFile, "TLS certificate");
        if (!cert)
            return cert.error();
        auto key = readFile(options.tlsKeyFile, "TLS key");
        if (!key)
            return key.error();
        grpc::SslServerCredentialsOptions ssl;
        ssl.pem_key_cert_pairs.push_back({*key, *cert});
        if (!options.tlsClientCaFile.empty()) {
            auto ca = readFile(options.tlsClientCaFile, "TLS client CA");
            if (!ca)
                return ca.error();
            ssl.pem_root_certs = *ca;
            // A certificate is optional (tokens still work) and verified when presented.
            ssl.client_certificate_request = GRPC_SSL_REQUEST_CLIENT_CERTIFICATE_AND_VERIFY;
        }
        credentials = grpc::SslServerCredentials(ssl);
    } else if (!options.tlsClientCaFile.empty()) {
        return core::invalidArgument("--tls-client-ca " + options.tlsClientCaFile +
                                     ": client certificates need --tls-cert and --tls-key");
    } else {
        credentials = grpc::InsecureServerCredentials();
    }
    if (!loopback && (options.tlsCertFile.empty() || !auth.usesTokens())) {
        return core::invalidArgument(
            "--listen " + options.listen +
            ": listening beyond loopback needs --tls-cert, --tls-key and --operators (and no "
            "--insecure-dev)");
    }

    grpc::EnableDefaultHealthCheckService(true);
    if (options.reflection)
        grpc::reflection::InitProtoReflectionServerBuilderPlugin();

    std::unique_ptr<DispatchServer> server(new DispatchServer());
    server->m_auth = auth;
    server->m_aviation = std::make_unique<AviationService>(sessions, auth, fleet);
    if (drills) {
        server->m_drillService =
            std::make_unique<DrillService>(*drills, auth, options.scenariosDir);
    }
    server->m_audit = std::make_unique<AuditService>(auth);
    server->m_service = std::make_unique<DispatchService>(
        sessions, std::move(auth), std::move(catalog), options.service, recommender);
    grpc::ServerBuilder builder;
    builder.AddListeningPort(options.listen, credentials, &server->m_port);
    builder.RegisterService(server->m_service.get());
    for (grpc::Service* extra : options.extraServices)
        builder.RegisterService(extra);
    builder.RegisterService(server->m_aviation.get());
    if (server->m_drillService) {
        builder.RegisterService(server->m_drillService.get());
    }
    builder.RegisterService(server->m_audit.get());
    builder.SetMaxReceiveMessageSize(16 * 1024 * 1024);
    // gRPC would otherwise share the port with a second server (SO_REUSEPORT), splitting
    // consoles between two event logs. "Address in use" is the right answer.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    // Bounded receive windows: a reporter that sends faster than batches commit is held back by
    // flow control instead of parking seconds of stale fixes in the server.
    builder.AddChannelArgument(GRPC_ARG_HTTP2_BDP_PROBE, 0);
    builder.AddChannelArgument(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 256 * 1024);
    // Keepalive pings let a console on a dead network path notice within half a minute, and
    // let idle subscriptions through NAT and firewalls stay open.
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 20'000);
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10'000);
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
    builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10'000);
    server->m_server = builder.BuildAndStart();
    if (!server->m_server || server->m_port == 0) {
        return core::invalidArgument("--listen " + options.listen +
                                     ": cannot listen there (address in use or invalid)");
    }
    if (auto* health = server->m_server->GetHealthCheckService()) {
        health->SetServingStatus(true);
        health->SetServingStatus("flameblue.v1.Dispatch", true);
        health->SetServingStatus("flameblue.v1.Aviation", true);
        health->SetServingStatus("flameblue.v1.Audit", true);
        if (server->m_drillService)
            health->SetServingStatus("flameblue.v1.Drills", true);
    }
    return server;
}

DispatchServer::~DispatchServer() {
    shutdown();
}

void DispatchServer::shutdown() {
    if (m_server) {
        // Give open streams a moment to end cleanly, then cancel them.
        m_server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
        m_server->Wait();
        m_server.reset();
    }
}

void DispatchServer::wait() {
    if (m_server)
        m_server->Wait();
}

}  // namespace flameblue::api

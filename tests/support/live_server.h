#pragma once

// A live session served over gRPC on an ephemeral loopback port, with the test world's roster.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>

#include "api/live_feed.h"
#include "api/server.h"
#include "flameblue/v1/dispatch.grpc.pb.h"
#include "test_world.h"

namespace flameblue::testing {

class LiveServer {
public:
    explicit LiveServer(std::size_t snapshotChunkEntities = 500) {
        m_session = std::make_unique<session::Session>(session::SessionOptions{},
                                                       store::makeMemoryStore(), testReference());
        EXPECT_TRUE(m_session->open().ok());
        m_publisher = std::make_unique<api::LivePublisher>(m_fanout, 300'000, session::systemNowMs);
        m_session->setObserver(m_publisher.get());
        m_session->start();
        EXPECT_TRUE(m_session->appendTrusted({"system", "roster", 0}, rosterEvents()).ok());
        m_registry.add("live", {m_session.get(), &m_fanout});
        api::ServerOptions options;
        options.listen = "127.0.0.1:0";
        // Self-declared operators: this is not about signing in.
        options.insecureDev = true;
        options.service.subscribe.snapshotChunkEntities = snapshotChunkEntities;
        v1::Catalog catalog;
        catalog.add_incident_types()->set_id("building_fire");
        auto server = api::DispatchServer::start(options, m_registry, catalog);
        EXPECT_TRUE(server.ok()) << (server.ok() ? "" : server.error().message);
        m_server = std::move(server).value();
        m_channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(m_server->port()),
                                        grpc::InsecureChannelCredentials());
        m_stub = v1::Dispatch::NewStub(m_channel);
    }

    ~LiveServer() {
        m_server->shutdown();
        m_session->stop();
        m_session->setObserver(nullptr);
    }

    session::Session& session() { return *m_session; }
    v1::Dispatch::Stub& stub() { return *m_stub; }
    std::shared_ptr<grpc::Channel> channel() { return m_channel; }

private:
    std::unique_ptr<session::Session> m_session;
    api::LiveFanOut m_fanout;
    std::unique_ptr<api::LivePublisher> m_publisher;
    api::SessionRegistry m_registry;
    std::unique_ptr<api::DispatchServer> m_server;
    std::shared_ptr<grpc::Channel> m_channel;
    std::unique_ptr<v1::Dispatch::Stub> m_stub;
};

}  // namespace flameblue::testing

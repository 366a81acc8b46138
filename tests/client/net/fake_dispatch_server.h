// An in-process Dispatch server with scripted answers, for the console's network layer tests:
// it records what the console sent (metadata, after_seq) and can drop the stream on demand.
#pragma once

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "flameblue/v1/dispatch.grpc.pb.h"

namespace flameblue::console::test {

class FakeDispatchServer final : public flameblue::v1::Dispatch::Service {
public:
    FakeDispatchServer();
    ~FakeDispatchServer() override;

    std::string address() const { return "127.0.0.1:" + std::to_string(m_port); }

    // The event log: Subscribe sends every event after the request's after_seq (a snapshot
    // at seq 10 first when after_seq is 0).
    void appendEvent(const flameblue::v1::Event& event);
    // Several at once: they reach a batching console as one EventBatch.
    void appendEvents(const std::vector<flameblue::v1::Event>& events);
    // Ends every open Subscribe with UNAVAILABLE, as a server going away would.
    void dropStreams();
    // Also sends this event again after a resume, to check that duplicates are ignored.
    void setResendLastOnResume(bool resend) { m_resendLast = resend; }

    std::vector<std::uint64_t> subscribeAfterSeqs() const;
    std::multimap<std::string, std::string> lastMetadata() const;
    int openStreams() const;
    std::uint32_t maxEventsPerMessage() const {
        std::lock_guard lock(m_mutex);
        return m_maxEventsPerMessage;
    }

    grpc::Status Subscribe(grpc::ServerContext* context,
                           const flameblue::v1::SubscribeRequest* request,
                           grpc::ServerWriter<flameblue::v1::SubscribeResponse>* writer) override;
    grpc::Status CreateIncident(grpc::ServerContext* context,
                                const flameblue::v1::CreateIncidentRequest* request,
                                flameblue::v1::CommandReply* reply) override;
    grpc::Status GetCatalog(grpc::ServerContext* context,
                            const flameblue::v1::GetCatalogRequest* request,
                            flameblue::v1::Catalog* reply) override;

private:
    void record(const grpc::ServerContext& context);

    std::unique_ptr<grpc::Server> m_server;
    int m_port = 0;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::vector<flameblue::v1::Event> m_events;
    std::vector<std::uint64_t> m_afterSeqs;
    std::multimap<std::string, std::string> m_metadata;
    int m_dropGeneration = 0;
    int m_open = 0;
    std::uint32_t m_maxEventsPerMessage = 0;
    bool m_resendLast = false;
    bool m_stopping = false;
};

}  // namespace flameblue::console::test

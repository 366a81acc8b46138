// One Subscribe call as a gRPC callback reactor. Responses are batched and handed to the Qt
// thread through a QtPoster; the reactor never blocks a gRPC thread.
#pragma once

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "flameblue/v1/dispatch.grpc.pb.h"
#include "net/qt_poster.h"

namespace flameblue::console {

class SubscribeStream : public grpc::ClientReadReactor<flameblue::v1::SubscribeResponse>,
                        public std::enable_shared_from_this<SubscribeStream> {
public:
    using Responses = std::vector<flameblue::v1::SubscribeResponse>;
    // Both run on the poster's thread; the stream pointer tells a current stream from an old one.
    struct Handlers {
        std::function<void(SubscribeStream*, Responses&&)> received;
        std::function<void(SubscribeStream*, const grpc::Status&)> finished;
    };

    SubscribeStream(std::shared_ptr<grpc::Channel> channel, std::shared_ptr<QtPoster> poster,
                    Handlers handlers);
    ~SubscribeStream() override = default;
    SubscribeStream(const SubscribeStream&) = delete;
    SubscribeStream& operator=(const SubscribeStream&) = delete;

    // Starts the call. The stream keeps itself alive until gRPC reports it done.
    void start(const flameblue::v1::SubscribeRequest& request,
               const std::vector<std::pair<std::string, std::string>>& metadata);
    // Ends the call from any thread; `finished` follows with CANCELLED.
    void cancel() { m_context.TryCancel(); }
    // Waits until gRPC has released the call (for an orderly shutdown).
    bool waitDone(std::chrono::milliseconds timeout);

    void OnReadDone(bool ok) override;
    void OnDone(const grpc::Status& status) override;

private:
    std::shared_ptr<grpc::Channel> m_channel;
    std::unique_ptr<flameblue::v1::Dispatch::Stub> m_stub;
    std::shared_ptr<QtPoster> m_poster;
    Handlers m_handlers;
    grpc::ClientContext m_context;
    flameblue::v1::SubscribeRequest m_request;
    flameblue::v1::SubscribeResponse m_incoming;
    std::shared_ptr<SubscribeStream> m_self;

    std::mutex m_mutex;
    Responses m_pending;         // read but not yet taken by the Qt thread
    bool m_drainQueued = false;  // a drain is queued on the Qt thread

    // Whether gRPC has released the call; apart, because OnDone may not touch the stream once
    // it has handed it to the Qt thread.
    struct DoneLatch {
        std::mutex mutex;
        std::condition_variable cv;
        bool done = false;
    };
    std::shared_ptr<DoneLatch> m_latch = std::make_shared<DoneLatch>();
};

}  // namespace flameblue::console

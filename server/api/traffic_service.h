#pragma once

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "api/auth.h"
#include "feeds/context_traffic.h"
#include "feeds/feed_counters.h"
#include "feeds/feed_hub.h"
#include "flameblue/v1/traffic.grpc.pb.h"

namespace flameblue::api {

namespace pbt = ::flameblue::v1;

// The Traffic gRPC service: the context traffic (aircraft heard that are not the fleet's) as a
// list and as a stream of snapshots. One thread paces every open stream; exactly one write is in
// flight per stream, and a stream whose console reads slowly just gets fewer snapshots.
class TrafficService final : public pbt::Traffic::CallbackService {
public:
    using Clock = std::function<core::TimeMs()>;
    using FeedStatusSource = std::function<std::vector<feeds::FeedStatus>()>;

    // `feeds` and `hub` may be empty/null: ListFeeds then lists nothing.
    TrafficService(Authenticator auth, const feeds::ContextTraffic& traffic, Clock clock,
                   FeedStatusSource feeds = {}, const feeds::FeedHub* hub = nullptr);
    ~TrafficService() override;
    TrafficService(const TrafficService&) = delete;
    TrafficService& operator=(const TrafficService&) = delete;

    grpc::ServerUnaryReactor* ListTraffic(grpc::CallbackServerContext* ctx,
                                          const pbt::ListTrafficRequest* req,
                                          pbt::TrafficSnapshot* out) override;
    grpc::ServerWriteReactor<pbt::TrafficSnapshot>* WatchTraffic(
        grpc::CallbackServerContext* ctx, const pbt::WatchTrafficRequest* req) override;
    grpc::ServerUnaryReactor* ListFeeds(grpc::CallbackServerContext* ctx,
                                        const pbt::ListFeedsRequest* req,
                                        pbt::ListFeedsReply* out) override;

    // Ends open streams; call before the gRPC server shuts down.
    void stop();

    struct Watch;  // one open WatchTraffic stream

private:
    void run();

    Authenticator m_auth;
    const feeds::ContextTraffic& m_traffic;
    Clock m_clock;
    FeedStatusSource m_feeds;
    const feeds::FeedHub* m_hub;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<std::shared_ptr<Watch>> m_watches;
    bool m_stopping = false;
    std::thread m_thread;
};

// Builds a snapshot of `traffic` as of `now`, limited to `within` when it has corners.
void makeTrafficSnapshot(const feeds::ContextTraffic& traffic, core::TimeMs now,
                         const pbt::GeoBox& within, pbt::TrafficSnapshot* out);

}  // namespace flameblue::api

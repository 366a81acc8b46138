#pragma once

#include <grpcpp/grpcpp.h>

#include <deque>
#include <memory>
#include <mutex>
#include <set>

#include "api/live_feed.h"
#include "api/session_registry.h"

namespace flameblue::api {

constexpr std::uint32_t kMaxEventsPerMessage = 2000;

struct SubscribeLimits {
    core::TimeMs staleAfterMs = 300'000;
    // A resume further behind than this gets a fresh snapshot instead of the backlog.
    std::uint64_t maxCatchUpEvents = 100'000;
    // Undelivered state-changing events a subscriber may hold before it is resynchronised.
    std::size_t maxBacklog = 200'000;
    std::size_t snapshotChunkEntities = 500;
    // Undelivered items a subscriber may hold before its positions are conflated (a newer fix
    // of a unit replaces the one still waiting): below this it is keeping up and gets every fix.
    std::size_t conflateAbove = 8192;
};

// One Subscribe stream: snapshot or catch-up first, then live events from the fan-out. Exactly
// one write is in flight; new events wake the reactor from the session's writer thread.
//
// Messages are written as encoded SubscribeResponse bytes: events go out as the bytes they were
// serialised to once at publication, framed alone or as an EventBatch, so that a subscriber's
// write costs a copy of bytes rather than a copy and an encoding of every event in it.
class SubscribeReactor : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
public:
    SubscribeReactor(SessionHandle handle, const pb::SubscribeRequest& request,
                     const SubscribeLimits& limits);

    // Keeps `slot` (the operator's and the address's stream count) until the stream ends.
    void holdSlot(std::shared_ptr<void> slot) { m_slot = std::move(slot); }

    void OnWriteDone(bool ok) override;
    void OnCancel() override;
    void OnDone() override;

private:
    // Lets the fan-out wake a reactor that may already be gone.
    struct Link {
        std::mutex mutex;
        SubscribeReactor* reactor = nullptr;
    };

    void start(std::uint64_t afterSeq);
    void resyncLocked(const std::string& reason);
    void pumpLocked();
    LiveItemPtr nextLocked();
    bool accepts(const LiveItem& item) const;
    void finishLocked(const grpc::Status& status);
    void writeLocked(const std::string& bytes);

    SessionHandle m_handle;
    SubscribeLimits m_limits;
    std::shared_ptr<void> m_slot;
    bool m_excludePositions = false;
    CityFilter m_cities;

    std::shared_ptr<Link> m_link;
    std::shared_ptr<LiveFanOut::Subscriber> m_subscriber;

    std::mutex m_mutex;
    std::deque<LiveItemPtr> m_preamble;  // snapshot or catch-up, sent before live items
    std::string m_wire;                  // the next message's bytes, built here
    std::string m_batchBody;             // the events of the next EventBatch, framed
    grpc::ByteBuffer m_out;              // the message in flight
    bool m_inFlight = false;
    int m_maxBatch = 1;
    std::uint64_t m_floorSeq = 0;  // live events at or below this were covered already
    bool m_finished = false;
};

}  // namespace flameblue::api

#include "net/subscribe_stream.h"

namespace flameblue::console {

namespace pb = ::flameblue::v1;

SubscribeStream::SubscribeStream(std::shared_ptr<grpc::Channel> channel,
                                 std::shared_ptr<QtPoster> poster, Handlers handlers)
    : m_channel(std::move(channel)),
      m_stub(pb::Dispatch::NewStub(m_channel)),
      m_poster(std::move(poster)),
      m_handlers(std::move(handlers)) {}

void SubscribeStream::start(const pb::SubscribeRequest& request,
                            const std::vector<std::pair<std::string, std::string>>& metadata) {
    m_request = request;
    for (const auto& [key, value] : metadata) {
        m_context.AddMetadata(key, value);
    }
    m_self = shared_from_this();
    m_stub->async()->Subscribe(&m_context, &m_request, this);
    StartRead(&m_incoming);
    StartCall();
}

void SubscribeStream::OnReadDone(bool ok) {
    if (!ok) {
        return;  // OnDone follows with the status
    }
    bool queueDrain = false;
    {
        std::lock_guard lock(m_mutex);
        m_pending.push_back(std::move(m_incoming));
        queueDrain = !m_drainQueued;
        m_drainQueued = true;
    }
    m_incoming.Clear();
    if (queueDrain) {
        // One queued drain per burst: a flood of position fixes costs one hop to the Qt thread.
        std::shared_ptr<SubscribeStream> self = shared_from_this();
        m_poster->post([self] {
            Responses batch;
            {
                std::lock_guard lock(self->m_mutex);
                batch.swap(self->m_pending);
                self->m_drainQueued = false;
            }
            self->m_handlers.received(self.get(), std::move(batch));
        });
    }
    StartRead(&m_incoming);
}

void SubscribeStream::OnDone(const grpc::Status& status) {
    // The stream's last reference goes to the Qt thread with the end, and this thread touches
    // nothing of it afterwards: the stream (its context, its channel) must not be released on
    // a gRPC callback thread. gRPC 1.51 shuts the callback threads' queue down when the last
    // channel using it goes, and from one of those threads it frees the queue under itself.
    // The poster and the latch are held here, as the stream may be gone before post() returns.
    const std::shared_ptr<QtPoster> poster = m_poster;
    const std::shared_ptr<DoneLatch> latch = m_latch;
    // Queued after any pending drain, so every response read arrives before the end.
    poster->post(
        [self = std::move(m_self), status] { self->m_handlers.finished(self.get(), status); });
    {
        std::lock_guard lock(latch->mutex);
        latch->done = true;
    }
    latch->cv.notify_all();
}

bool SubscribeStream::waitDone(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_latch->mutex);
    return m_latch->cv.wait_for(lock, timeout, [this] { return m_latch->done; });
}

}  // namespace flameblue::console

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
    std::shared_ptr<SubscribeStream> self = std::move(m_self);
    // Queued after any pending drain, so every response read arrives before the end.
    m_poster->post([self, status] { self->m_handlers.finished(self.get(), status); });
    {
        std::lock_guard lock(m_mutex);
        m_done = true;
    }
    m_doneCv.notify_all();
}

bool SubscribeStream::waitDone(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    return m_doneCv.wait_for(lock, timeout, [this] { return m_done; });
}

}  // namespace flameblue::console

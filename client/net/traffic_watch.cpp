#include "net/traffic_watch.h"

#include <grpcpp/grpcpp.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "flameblue/v1/traffic.grpc.pb.h"
#include "net/qt_poster.h"
#include "net/server_link_net.h"

namespace flameblue::console {

namespace pb = flameblue::v1;

struct TrafficWatch::Net {
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<pb::Traffic::Stub> stub;
    Metadata metadata;

    std::mutex mutex;
    std::condition_variable cv;
    bool stopping = false;
    grpc::ClientContext* context = nullptr;  // the open call, to cancel it
    std::thread thread;
};

TrafficWatch::TrafficWatch(Settings settings, QObject* parent)
    : QObject(parent),
      m_settings(std::move(settings)),
      m_poster(std::make_shared<QtPoster>(this)),
      m_net(std::make_unique<Net>()) {
    m_net->channel = makeChannel(m_settings);
    m_net->stub = pb::Traffic::NewStub(m_net->channel);
    m_net->metadata = identityMetadata(m_settings);
}

TrafficWatch::~TrafficWatch() {
    stop();
    m_poster->detach();
}

bool TrafficWatch::running() const {
    return m_net->thread.joinable();
}

void TrafficWatch::start() {
    if (m_net->thread.joinable())
        return;
    {
        std::lock_guard lock(m_net->mutex);
        m_net->stopping = false;
    }
    m_net->thread = std::thread([this, generation = m_generation] {
        Net& net = *m_net;
        for (;;) {
            grpc::ClientContext context;
            for (const auto& [key, value] : net.metadata)
                context.AddMetadata(key, value);
            {
                std::lock_guard lock(net.mutex);
                if (net.stopping)
                    return;
                net.context = &context;
            }
            pb::WatchTrafficRequest request;
            request.set_interval_s(m_settings.intervalSeconds);
            auto reader = net.stub->WatchTraffic(&context, request);
            auto snapshot = std::make_shared<pb::TrafficSnapshot>();
            while (reader->Read(snapshot.get())) {
                m_poster->post([this, generation, snapshot] {
                    if (generation == m_generation)
                        Q_EMIT snapshotReceived(*snapshot);
                });
                snapshot = std::make_shared<pb::TrafficSnapshot>();
            }
            const grpc::Status status = reader->Finish();
            std::unique_lock lock(net.mutex);
            net.context = nullptr;
            if (net.stopping)
                return;
            m_poster->post([this, generation, code = static_cast<int>(status.error_code()),
                            message = QString::fromStdString(status.error_message())] {
                if (generation == m_generation)
                    Q_EMIT streamFailed(code, message);
            });
            if (net.cv.wait_for(lock, m_settings.retry, [&net] { return net.stopping; }))
                return;
        }
    });
}

void TrafficWatch::setServerAddress(const QString& address) {
    if (address == m_settings.address)
        return;
    const bool wasRunning = running();
    stop();
    m_settings.address = address;
    m_net->channel = makeChannel(m_settings);
    m_net->stub = pb::Traffic::NewStub(m_net->channel);
    if (wasRunning)
        start();
}

void TrafficWatch::stop() {
    ++m_generation;
    {
        std::lock_guard lock(m_net->mutex);
        m_net->stopping = true;
        if (m_net->context)
            m_net->context->TryCancel();
    }
    m_net->cv.notify_all();
    if (m_net->thread.joinable())
        m_net->thread.join();
}

}  // namespace flameblue::console

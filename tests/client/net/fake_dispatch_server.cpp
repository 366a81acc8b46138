#include "fake_dispatch_server.h"

#include <chrono>

namespace flameblue::console::test {

namespace pb = ::flameblue::v1;

namespace {
constexpr std::uint64_t kSnapshotSeq = 10;
}

FakeDispatchServer::FakeDispatchServer() {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &m_port);
    builder.RegisterService(this);
    m_server = builder.BuildAndStart();
}

FakeDispatchServer::~FakeDispatchServer() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    m_server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
}

void FakeDispatchServer::appendEvent(const pb::Event& event) {
    appendEvents({event});
}

void FakeDispatchServer::appendEvents(const std::vector<pb::Event>& events) {
    {
        std::lock_guard lock(m_mutex);
        m_events.insert(m_events.end(), events.begin(), events.end());
    }
    m_changed.notify_all();
}

void FakeDispatchServer::dropStreams() {
    {
        std::lock_guard lock(m_mutex);
        ++m_dropGeneration;
    }
    m_changed.notify_all();
}

std::vector<std::uint64_t> FakeDispatchServer::subscribeAfterSeqs() const {
    std::lock_guard lock(m_mutex);
    return m_afterSeqs;
}

std::multimap<std::string, std::string> FakeDispatchServer::lastMetadata() const {
    std::lock_guard lock(m_mutex);
    return m_metadata;
}

int FakeDispatchServer::openStreams() const {
    std::lock_guard lock(m_mutex);
    return m_open;
}

void FakeDispatchServer::record(const grpc::ServerContext& context) {
    std::lock_guard lock(m_mutex);
    m_metadata.clear();
    for (const auto& [key, value] : context.client_metadata()) {
        m_metadata.emplace(std::string(key.data(), key.size()),
                           std::string(value.data(), value.size()));
    }
}

grpc::Status FakeDispatchServer::Subscribe(grpc::ServerContext* context,
                                           const pb::SubscribeRequest* request,
                                           grpc::ServerWriter<pb::SubscribeResponse>* writer) {
    record(*context);
    std::uint64_t sent = request->after_seq();
    int generation = 0;
    {
        std::lock_guard lock(m_mutex);
        m_afterSeqs.push_back(sent);
        m_maxEventsPerMessage = request->max_events_per_message();
        generation = m_dropGeneration;
        ++m_open;
    }
    struct Closer {
        FakeDispatchServer* self;
        ~Closer() {
            std::lock_guard lock(self->m_mutex);
            --self->m_open;
        }
    } closer{this};

    pb::SubscribeResponse r;
    if (sent == 0) {
        pb::SnapshotBegin* begin = r.mutable_snapshot_begin();
        begin->set_session_id("live");
        begin->set_seq(kSnapshotSeq);
        begin->set_reason("new");
        begin->set_units(1);
        writer->Write(r);
        r.Clear();
        pb::Unit* u = r.mutable_snapshot_chunk()->add_units();
        u->set_id("TY-S01-E1");
        u->set_callsign("太原特勤1水罐");
        u->set_status(pb::UNIT_STATUS_AVAILABLE);
        writer->Write(r);
        r.Clear();
        r.mutable_snapshot_end()->set_seq(kSnapshotSeq);
        writer->Write(r);
        sent = kSnapshotSeq;
    } else if (m_resendLast) {
        std::lock_guard lock(m_mutex);
        for (const pb::Event& e : m_events) {
            if (e.seq() == sent) {
                r.Clear();
                *r.mutable_event() = e;
                writer->Write(r);
            }
        }
    }
    r.Clear();
    r.mutable_heartbeat()->set_head_seq(sent);
    writer->Write(r);

    std::unique_lock lock(m_mutex);
    while (!m_stopping && !context->IsCancelled()) {
        if (m_dropGeneration != generation) {
            return grpc::Status(grpc::StatusCode::UNAVAILABLE, "fake server going away");
        }
        // Waiting events go out in one EventBatch when the console asked for batches.
        const bool batch = request->max_events_per_message() > 1;
        std::vector<pb::SubscribeResponse> out;
        for (const pb::Event& e : m_events) {
            if (e.seq() <= sent) {
                continue;
            }
            if (batch && !out.empty() && out.back().has_events()) {
                *out.back().mutable_events()->add_events() = e;
            } else {
                out.emplace_back();
                *(batch ? out.back().mutable_events()->add_events() : out.back().mutable_event()) =
                    e;
            }
            sent = e.seq();
        }
        if (!out.empty()) {
            lock.unlock();
            for (const pb::SubscribeResponse& message : out) {
                writer->Write(message);
            }
            lock.lock();
        }
        m_changed.wait_for(lock, std::chrono::milliseconds(20));
    }
    return grpc::Status::CANCELLED;
}

grpc::Status FakeDispatchServer::CreateIncident(grpc::ServerContext* context,
                                                const pb::CreateIncidentRequest* request,
                                                pb::CommandReply* reply) {
    record(*context);
    if (request->level() < 1 || request->level() > 5) {
        return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            "level: expected 1 to 5, got " + std::to_string(request->level()));
    }
    reply->mutable_incident()->set_id("INC-1");
    reply->mutable_incident()->set_address(request->address());
    reply->set_first_seq(11);
    reply->set_last_seq(11);
    return grpc::Status::OK;
}

grpc::Status FakeDispatchServer::GetCatalog(grpc::ServerContext* context,
                                            const pb::GetCatalogRequest* request,
                                            pb::Catalog* reply) {
    (void)context;
    (void)request;
    pb::CatalogEntry* e = reply->add_cities();
    e->set_id("taiyuan");
    e->set_name_zh("太原市");
    e->set_name_en("Taiyuan");
    return grpc::Status::OK;
}

}  // namespace flameblue::console::test

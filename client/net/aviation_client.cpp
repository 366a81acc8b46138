#include "net/aviation_client.h"

#include <grpcpp/grpcpp.h>

#include "flameblue/v1/aviation.grpc.pb.h"
#include "net/qt_poster.h"
#include "net/server_link_net.h"

namespace flameblue::console {

namespace pb = flameblue::v1;

namespace {

void toTimestamp(qint64 ms, google::protobuf::Timestamp* out) {
    out->set_seconds(ms / 1000);
    out->set_nanos(static_cast<int>(ms % 1000) * 1'000'000);
}

template <typename Request, typename Reply>
struct Call {
    std::shared_ptr<pb::Aviation::Stub> stub;
    grpc::ClientContext context;
    Request request;
    Reply reply;
};

}  // namespace

// The callback-API method of the stub, as a callable (the methods are overloaded).
#define AVIATION_RPC(Name)                                                      \
    [](auto* async, auto* context, auto* request, auto* reply, auto callback) { \
        async->Name(context, request, reply, std::move(callback));              \
    }

struct AviationClient::Net {
    std::shared_ptr<grpc::Channel> channel;
    std::shared_ptr<pb::Aviation::Stub> stub;
    std::vector<std::pair<std::string, std::string>> metadata;
};

AviationClient::AviationClient(Settings settings, QObject* parent)
    : QObject(parent),
      m_settings(std::move(settings)),
      m_poster(std::make_shared<QtPoster>(this)),
      m_net(std::make_unique<Net>()) {
    m_net->channel = makeChannel(m_settings);
    m_net->stub = pb::Aviation::NewStub(m_net->channel);
    m_net->metadata = identityMetadata(m_settings);
}

void AviationClient::setServerAddress(const QString& address) {
    if (address == m_settings.address)
        return;
    m_settings.address = address;
    m_net->channel = makeChannel(m_settings);
    m_net->stub = pb::Aviation::NewStub(m_net->channel);
}

AviationClient::~AviationClient() {
    m_poster->detach();
}

template <typename Request, typename Reply, typename Method, typename Done>
int AviationClient::call(Method method, Request request, Done done) {
    const int id = ++m_nextRequestId;
    auto c = std::make_shared<Call<Request, Reply>>();
    c->stub = m_net->stub;
    c->request = std::move(request);
    for (const auto& [key, value] : m_net->metadata)
        c->context.AddMetadata(key, value);
    c->context.set_deadline(std::chrono::system_clock::now() + m_settings.deadline);
    method(c->stub->async(), &c->context, &c->request, &c->reply,
           [c, id, poster = m_poster, done](const grpc::Status& status) mutable {
               // Released on the Qt thread with the work, not here (see SubscribeStream::OnDone).
               poster->post([c = std::move(c), id, status, done = std::move(done)] {
                   done(id, status, c->reply);
               });
           });
    return id;
}

template <typename Request, typename Method>
int AviationClient::command(const char* name, Method method, Request request) {
    const QString command = QString::fromLatin1(name);
    return call<Request, pb::CommandReply>(
        method, std::move(request),
        [this, command](int id, const grpc::Status& status, const pb::CommandReply&) {
            if (status.ok()) {
                Q_EMIT commandSucceeded(id, command);
            } else {
                Q_EMIT commandFailed(id, command, static_cast<int>(status.error_code()),
                                     QString::fromStdString(status.error_message()));
            }
        });
}

int AviationClient::listAircraftStatus() {
    pb::ListAircraftStatusRequest req;
    req.mutable_session()->set_id(m_settings.session.toStdString());
    return call<pb::ListAircraftStatusRequest, pb::ListAircraftStatusReply>(
        AVIATION_RPC(ListAircraftStatus), std::move(req),
        [this](int id, const grpc::Status& status, const pb::ListAircraftStatusReply& reply) {
            if (status.ok()) {
                Q_EMIT aircraftStatusReceived(id, reply);
            } else {
                Q_EMIT queryFailed(id, QStringLiteral("ListAircraftStatus"),
                                   static_cast<int>(status.error_code()),
                                   QString::fromStdString(status.error_message()));
            }
        });
}

int AviationClient::getTrack(const QString& aircraftId, qint64 fromMs, qint64 toMs, int maxPoints) {
    pb::GetTrackRequest req;
    req.mutable_session()->set_id(m_settings.session.toStdString());
    req.set_aircraft_id(aircraftId.toStdString());
    if (fromMs > 0)
        toTimestamp(fromMs, req.mutable_from());
    if (toMs > 0)
        toTimestamp(toMs, req.mutable_to());
    req.set_max_points(maxPoints);
    return call<pb::GetTrackRequest, pb::Track>(
        AVIATION_RPC(GetTrack), std::move(req),
        [this](int id, const grpc::Status& status, const pb::Track& track) {
            if (status.ok()) {
                Q_EMIT trackReceived(id, track);
            } else {
                Q_EMIT queryFailed(id, QStringLiteral("GetTrack"),
                                   static_cast<int>(status.error_code()),
                                   QString::fromStdString(status.error_message()));
            }
        });
}

int AviationClient::setMissionState(const QString& aircraftId, int state, const QString& note) {
    pb::SetMissionStateRequest req;
    req.mutable_session()->set_id(m_settings.session.toStdString());
    req.set_aircraft_id(aircraftId.toStdString());
    req.set_state(static_cast<pb::MissionState>(state));
    req.set_note(note.toStdString());
    return command("SetMissionState", AVIATION_RPC(SetMissionState), std::move(req));
}

int AviationClient::acknowledgeAlert(const QString& alertId) {
    pb::AcknowledgeAlertRequest req;
    req.mutable_session()->set_id(m_settings.session.toStdString());
    req.set_alert_id(alertId.toStdString());
    return command("AcknowledgeAlert", AVIATION_RPC(AcknowledgeAlert), std::move(req));
}

int AviationClient::recordDrop(const QString& aircraftId, const QString& dipSiteId) {
    pb::RecordDropRequest req;
    req.mutable_session()->set_id(m_settings.session.toStdString());
    req.set_aircraft_id(aircraftId.toStdString());
    req.set_dip_site_id(dipSiteId.toStdString());
    return command("RecordDrop", AVIATION_RPC(RecordDrop), std::move(req));
}

}  // namespace flameblue::console

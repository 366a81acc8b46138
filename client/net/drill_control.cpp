#include "net/drill_control.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>

#include <QDateTime>
#include <QDir>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

#include "flameblue/v1/drill.grpc.pb.h"
#include "net/qt_poster.h"
#include "net/server_link_net.h"

namespace flameblue::console {

namespace pb = flameblue::v1;

namespace {
constexpr const char* kRoleKey = "x-flameblue-role";
constexpr double kSpeeds[] = {0.25, 0.5, 1, 2, 5, 10, 30, 60};

qint64 toMs(const google::protobuf::Timestamp& t) {
    return t.seconds() * 1000 + t.nanos() / 1'000'000;
}
void setMs(qint64 ms, google::protobuf::Timestamp* t) {
    t->set_seconds(ms / 1000);
    t->set_nanos(static_cast<int>(ms % 1000) * 1'000'000);
}
template <typename Reply>
struct Call {
    grpc::ClientContext context;
    Reply reply;
};
}  // namespace

struct DrillControl::Net {
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<pb::Drills::Stub> stub;

    template <typename Request, typename Reply, typename Method>
    void call(const Settings& s, const std::shared_ptr<QtPoster>& poster, Method method,
              const Request& request, std::function<void(const grpc::Status&, Reply&&)> done) {
        auto c = std::make_shared<Call<Reply>>();
        for (const auto& [key, value] : identityMetadata(s))
            c->context.AddMetadata(key, value);
        c->context.AddMetadata(kRoleKey, "instructor");
        c->context.set_deadline(std::chrono::system_clock::now() + s.deadline);
        auto req = std::make_shared<Request>(request);
        method(stub->async(), &c->context, req.get(), &c->reply,
               [c, req, poster, done](const grpc::Status& status) mutable {
                   // Released on the Qt thread with the work (see SubscribeStream::OnDone).
                   poster->post([c = std::move(c), req = std::move(req), status,
                                 done = std::move(done)] { done(status, std::move(c->reply)); });
               });
    }
};

DrillControl::DrillControl(Settings settings, QObject* parent)
    : QObject(parent),
      m_settings(std::move(settings)),
      m_poster(std::make_shared<QtPoster>(this)),
      m_net(std::make_unique<Net>()) {
    m_poll.setInterval(static_cast<int>(m_settings.pollInterval.count()));
    connect(&m_poll, &QTimer::timeout, this, &DrillControl::refresh);
}

DrillControl::~DrillControl() {
    m_poster->detach();
}

bool DrillControl::inDrill() const {
    return !m_settings.session.isEmpty() && m_settings.session != QLatin1String("live");
}

double DrillControl::position() const {
    if (m_endMs <= m_startMs)
        return 0.0;
    return std::clamp(
        static_cast<double>(m_drillTimeMs - m_startMs) / static_cast<double>(m_endMs - m_startMs),
        0.0, 1.0);
}

QVariantList DrillControl::speeds() const {
    QVariantList out;
    for (double s : kSpeeds)
        out.push_back(s);
    return out;
}

void DrillControl::setLastError(const QString& e) {
    if (e == m_lastError)
        return;
    m_lastError = e;
    Q_EMIT lastErrorChanged();
}

void DrillControl::setEnded() {
    if (m_ended)
        return;
    m_ended = true;
    m_poll.stop();
    Q_EMIT endedChanged();
}

void DrillControl::start() {
    if (!m_settings.instructor || !inDrill() || m_polling)
        return;
    m_polling = true;
    m_net->channel = makeChannel(m_settings);
    m_net->stub = pb::Drills::NewStub(m_net->channel);
    m_net->call<pb::ListDrillsRequest, pb::ListDrillsReply>(
        m_settings, m_poster,
        [](auto* a, auto* c, auto* q, auto* r, auto cb) { a->ListDrills(c, q, r, std::move(cb)); },
        pb::ListDrillsRequest{},
        [this](const grpc::Status& status, pb::ListDrillsReply&& r) {
            if (!status.ok()) {
                setLastError(QString::fromStdString(status.error_message()));
                return;
            }
            for (const auto& d : r.drills()) {
                if (QString::fromStdString(d.id()) == m_settings.session) {
                    applyInfo(d);
                    return;
                }
            }
            setLastError(tr("The server has no drill %1.").arg(m_settings.session));
            setEnded();
        });
    m_poll.start();
}

void DrillControl::applyInfo(const pb::DrillInfo& info) {
    m_name = QString::fromStdString(info.name());
    m_incidents.clear();
    applyPlayback(info.playback());
    for (const auto& m : info.incidents()) {
        const qint64 alarm = toMs(m.alarm());
        QVariantMap x;
        x.insert(QStringLiteral("id"), QString::fromStdString(m.incident_id()));
        x.insert(QStringLiteral("type"), QString::fromStdString(m.type()));
        x.insert(QStringLiteral("level"), m.level());
        x.insert(QStringLiteral("alarmMs"), alarm);
        const double span = static_cast<double>(std::max<qint64>(1, m_endMs - m_startMs));
        x.insert(QStringLiteral("position"),
                 std::clamp(static_cast<double>(alarm - m_startMs) / span, 0.0, 1.0));
        m_incidents.push_back(x);
    }
    m_ready = true;
    Q_EMIT infoChanged();
}

void DrillControl::applyPlayback(const pb::PlaybackState& p) {
    m_playing = p.playing();
    m_speed = p.speed();
    m_drillTimeMs = toMs(p.drill_time());
    m_startMs = toMs(p.start());
    m_endMs = toMs(p.end());
    m_controller = QString::fromStdString(p.controller());
    m_handedOver.clear();
    for (const auto& h : p.hand_overs())
        m_handedOver.push_back(QString::fromStdString(h.incident_id()));
    Q_EMIT playbackChanged();
}

template <typename Request, typename Method>
void DrillControl::control(Method method, Request request, const QString& what) {
    if (!m_net->stub || m_ended)
        return;
    request.set_drill_id(m_settings.session.toStdString());
    m_net->call<Request, pb::PlaybackState>(
        m_settings, m_poster, method, request,
        [this, what](const grpc::Status& status, pb::PlaybackState&& p) {
            if (!status.ok()) {
                const QString message = QString::fromStdString(status.error_message());
                setLastError(message);
                if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
                    setEnded();
                    return;
                }
                Q_EMIT controlFinished(false, tr("%1 refused: %2").arg(what, message));
                return;
            }
            setLastError({});
            applyPlayback(p);
            Q_EMIT controlFinished(true, what);
        });
}

void DrillControl::refresh() {
    control([](auto* a, auto* c, auto* q, auto* r,
               auto cb) { a->GetPlaybackState(c, q, r, std::move(cb)); },
            pb::DrillRef{}, QString());
}

void DrillControl::play() {
    control([](auto* a, auto* c, auto* q, auto* r, auto cb) { a->Play(c, q, r, std::move(cb)); },
            pb::DrillRef{}, tr("Play"));
}

void DrillControl::pause() {
    control([](auto* a, auto* c, auto* q, auto* r, auto cb) { a->Pause(c, q, r, std::move(cb)); },
            pb::DrillRef{}, tr("Pause"));
}

void DrillControl::releaseControl() {
    control([](auto* a, auto* c, auto* q, auto* r,
               auto cb) { a->ReleaseControl(c, q, r, std::move(cb)); },
            pb::DrillRef{}, tr("Release control"));
}

void DrillControl::setSpeed(double speed) {
    pb::SetSpeedRequest r;
    r.set_speed(speed);
    control(
        [](auto* a, auto* c, auto* q, auto* r, auto cb) { a->SetSpeed(c, q, r, std::move(cb)); }, r,
        tr("Speed"));
}

void DrillControl::step() {
    control([](auto* a, auto* c, auto* q, auto* r, auto cb) { a->Step(c, q, r, std::move(cb)); },
            pb::StepRequest{}, tr("Step"));
}

void DrillControl::seekTo(double position) {
    pb::SeekRequest r;
    const double p = std::clamp(position, 0.0, 1.0);
    setMs(m_startMs + static_cast<qint64>(p * static_cast<double>(m_endMs - m_startMs)),
          r.mutable_time());
    control([](auto* a, auto* c, auto* q, auto* r, auto cb) { a->Seek(c, q, r, std::move(cb)); }, r,
            tr("Seek"));
}

void DrillControl::handOver(const QString& incidentId) {
    pb::HandOverRequest r;
    r.set_incident_id(incidentId.toStdString());
    control(
        [](auto* a, auto* c, auto* q, auto* r, auto cb) { a->HandOver(c, q, r, std::move(cb)); }, r,
        tr("Hand over"));
}

QUrl DrillControl::suggestedReportFile() const {
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    return QUrl::fromLocalFile(
        QDir(folder).filePath(m_settings.session + QStringLiteral("-after-action.html")));
}

void DrillControl::saveReport(const QUrl& file) {
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (!m_net->stub || !QDir::isAbsolutePath(path)) {
        Q_EMIT reportSaved(false, tr("No report file chosen."));
        return;
    }
    pb::AfterActionRequest request;
    request.set_drill_id(m_settings.session.toStdString());
    request.set_format("html");
    m_net->call<pb::AfterActionRequest, pb::AfterActionReport>(
        m_settings, m_poster,
        [](auto* a, auto* c, auto* q, auto* r, auto cb) {
            a->GetAfterActionReport(c, q, r, std::move(cb));
        },
        request,
        [this, path](const grpc::Status& status, pb::AfterActionReport&& report) {
            if (!status.ok()) {
                Q_EMIT reportSaved(
                    false,
                    tr("Report refused: %1").arg(QString::fromStdString(status.error_message())));
                return;
            }
            // Written whole or not at all: an existing file is replaced only on success.
            QSaveFile out(path);
            const std::string& content = report.content();
            if (!out.open(QIODevice::WriteOnly) ||
                out.write(content.data(), static_cast<qint64>(content.size())) !=
                    static_cast<qint64>(content.size()) ||
                !out.commit()) {
                Q_EMIT reportSaved(false,
                                   tr("Cannot write the report to %1: %2")
                                       .arg(QDir::toNativeSeparators(path), out.errorString()));
                return;
            }
            Q_EMIT reportSaved(true, tr("Report saved to %1").arg(QDir::toNativeSeparators(path)));
        });
}

}  // namespace flameblue::console

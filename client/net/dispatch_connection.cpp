#include "net/dispatch_connection.h"

#include <QDateTime>

#include <grpcpp/grpcpp.h>

#include <cmath>

#include "flameblue/v1/dispatch.grpc.pb.h"
#include "net/dispatch_connection_net.h"
#include "net/qt_poster.h"
#include "net/server_link_net.h"
#include "net/subscribe_stream.h"

namespace flameblue::console {

namespace pb = ::flameblue::v1;

namespace {

constexpr int kMaxMessageBytes = 64 * 1024 * 1024;
constexpr std::chrono::milliseconds kStopWait{2000};
// Province-wide position traffic arrives in batches rather than one message per fix.
constexpr std::uint32_t kMaxEventsPerMessage = 256;

std::shared_ptr<grpc::Channel> makeDispatchChannel(const DispatchConnection::Settings& s) {
    grpc::ChannelArguments args;
    // Notice a dead network path within half a minute (the server permits pings every 10 s).
    args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 20'000);
    args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10'000);
    args.SetInt(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
    args.SetInt(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
    // A channel of our own per attempt: our back-off decides when to retry, not a shared
    // subchannel still waiting out its own.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetMaxReceiveMessageSize(kMaxMessageBytes);
    return makeChannel(s, args);
}

// Refusals that retrying with the same credentials cannot cure.
bool credentialsRefused(int code) {
    return code == grpc::StatusCode::UNAUTHENTICATED || code == grpc::StatusCode::PERMISSION_DENIED;
}

qint64 toMs(const google::protobuf::Timestamp& t) {
    return t.seconds() * 1000 + t.nanos() / 1'000'000;
}

}  // namespace

DispatchConnection::DispatchConnection(Settings settings, QObject* parent)
    : QObject(parent),
      m_settings(std::move(settings)),
      m_poster(std::make_shared<QtPoster>(this)),
      m_net(std::make_unique<Net>()),
      m_backoff(m_settings.backoff) {
    m_addresses.append(m_settings.address);
    // A drill lives on the server that runs it; only the live session is on every server.
    const bool live = m_settings.session.isEmpty() || m_settings.session == QLatin1String("live");
    for (const QString& a : m_settings.failoverAddresses) {
        if (live && !m_addresses.contains(a))
            m_addresses.append(a);
    }
    m_net->metadata = identityMetadata(m_settings);
    m_sessionId = m_settings.session.isEmpty() ? QStringLiteral("live") : m_settings.session;
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        m_countdownTimer.stop();
        openStream();
    });
    m_countdownTimer.setInterval(200);
    connect(&m_countdownTimer, &QTimer::timeout, this, &DispatchConnection::updateCountdown);
}

DispatchConnection::~DispatchConnection() {
    stop();
    m_poster->detach();
}

void DispatchConnection::start() {
    if (m_running) {
        return;
    }
    m_running = true;
    openStream();
}

void DispatchConnection::stop() {
    m_running = false;
    m_retryTimer.stop();
    m_countdownTimer.stop();
    if (auto stream = std::move(m_net->stream)) {
        stream->cancel();
        stream->waitDone(kStopWait);
    }
    if (m_inSnapshot) {
        m_inSnapshot = false;
        Q_EMIT snapshotAborted();
    }
    setState(State::Idle);
}

void DispatchConnection::reconnectNow() {
    if (m_running && (m_state == State::WaitingToReconnect || m_state == State::Refused)) {
        m_retryTimer.stop();
        m_countdownTimer.stop();
        openStream();
    }
}

void DispatchConnection::openStream() {
    // A fresh channel per attempt, shared with the commands sent while it is current.
    Settings current = m_settings;
    current.address = serverAddress();
    m_net->channel = makeDispatchChannel(current);
    m_net->stub = pb::Dispatch::NewStub(m_net->channel);
    SubscribeStream::Handlers handlers{
        [this](SubscribeStream* s, SubscribeStream::Responses&& items) {
            onStreamItems(s, std::move(items));
        },
        [this](SubscribeStream* s, const grpc::Status& status) {
            onStreamFinished(s, status.error_code(), statusMessage(status));
        }};
    auto stream = std::make_shared<SubscribeStream>(m_net->channel, m_poster, std::move(handlers));
    m_net->stream = stream;
    m_streamDelivered = false;
    m_reconnectSeconds = 0;
    Q_EMIT reconnectSecondsChanged();
    setState(State::Connecting);

    pb::SubscribeRequest request;
    request.mutable_session()->set_id(m_settings.session.toStdString());
    request.set_after_seq(m_lastSeq);
    request.set_max_events_per_message(kMaxEventsPerMessage);
    stream->start(request, m_net->metadata);
}

void DispatchConnection::onStreamItems(SubscribeStream* stream,
                                       std::vector<pb::SubscribeResponse>&& items) {
    if (stream != m_net->stream.get()) {
        return;  // a stream we already gave up on
    }
    if (!m_streamDelivered) {
        m_streamDelivered = true;
        m_attemptsWithoutDelivery = 0;
        m_backoff.reset();
        m_failureCode = -1;
        setLastError({});
        setState(State::Connected);
        // The vocabularies may have changed while we were away (a restart with edited data).
        fetchCatalog();
    }
    for (const pb::SubscribeResponse& item : items) {
        handle(item);
    }
}

void DispatchConnection::handle(const pb::SubscribeResponse& item) {
    switch (item.item_case()) {
        case pb::SubscribeResponse::kSnapshotBegin: {
            const QString session = QString::fromStdString(item.snapshot_begin().session_id());
            if (!session.isEmpty() && session != m_sessionId) {
                m_sessionId = session;
                Q_EMIT sessionIdChanged();
            }
            m_inSnapshot = true;
            Q_EMIT snapshotBegan(item.snapshot_begin());
            break;
        }
        case pb::SubscribeResponse::kSnapshotChunk:
            if (m_inSnapshot) {
                Q_EMIT snapshotChunkReceived(item.snapshot_chunk());
            }
            break;
        case pb::SubscribeResponse::kSnapshotEnd:
            if (m_inSnapshot) {
                m_inSnapshot = false;
                // The new state replaces ours, also when it is older (a server restored from
                // an earlier log): the server's word is the truth.
                m_lastSeq = item.snapshot_end().seq();
                Q_EMIT lastSeqChanged();
                ++m_snapshotCount;
                Q_EMIT snapshotCountChanged();
                Q_EMIT snapshotEnded(m_lastSeq);
            }
            break;
        case pb::SubscribeResponse::kEvent:
            handleEvent(item.event());
            break;
        case pb::SubscribeResponse::kEvents:
            for (const pb::Event& event : item.events().events()) {
                handleEvent(event);
            }
            break;
        case pb::SubscribeResponse::kHeartbeat:
            // Everything up to head_seq that our subscription carries has been sent before it.
            if (!m_inSnapshot) {
                setLastSeq(std::max<qulonglong>(m_lastSeq, item.heartbeat().head_seq()));
            }
            Q_EMIT heartbeatReceived(item.heartbeat().head_seq(),
                                     toMs(item.heartbeat().server_time()));
            break;
        case pb::SubscribeResponse::ITEM_NOT_SET:
            break;
    }
}

void DispatchConnection::handleEvent(const pb::Event& event) {
    // Events at or below the last sequence number were seen before a reconnection.
    if (!m_inSnapshot && event.seq() > m_lastSeq) {
        setLastSeq(event.seq());
        Q_EMIT eventReceived(event);
    }
}

void DispatchConnection::onStreamFinished(SubscribeStream* stream, int code,
                                          const QString& message) {
    if (stream != m_net->stream.get()) {
        return;
    }
    m_net->stream.reset();
    if (m_inSnapshot) {
        m_inSnapshot = false;
        Q_EMIT snapshotAborted();
    }
    if (credentialsRefused(code)) {
        // The same token again would be refused again: say so and wait for the dispatcher.
        setFailure(code, message);
        setState(m_running ? State::Refused : State::Idle);
        return;
    }
    if (code == grpc::StatusCode::NOT_FOUND && !m_settings.session.isEmpty() &&
        m_settings.session != QLatin1String("live")) {
        // The drill ended: the console keeps its last picture and stops asking.
        m_failureCode = -1;
        setLastError(message);
        setState(m_running ? State::SessionEnded : State::Idle);
        return;
    }
    setFailure(code, message);
    if (m_running) {
        reconnectAfterFailure();
    } else {
        setState(State::Idle);
    }
}

void DispatchConnection::reconnectAfterFailure() {
    ++m_attemptsWithoutDelivery;
    if (m_addresses.size() < 2) {
        scheduleReconnect();
        return;
    }
    // The next server of the same log; the subscription resumes there after m_lastSeq.
    m_addressIndex = (m_addressIndex + 1) % static_cast<int>(m_addresses.size());
    Q_EMIT serverAddressChanged(serverAddress());
    if (m_attemptsWithoutDelivery < m_addresses.size()) {
        openStream();
    } else {
        m_attemptsWithoutDelivery = 0;
        scheduleReconnect();  // every server failed in turn: wait before the next round
    }
}

QString DispatchConnection::describeFailure(int code, const QString& message) const {
    if (credentialsRefused(code)) {
        return tr("The server refused this console's credentials (%1). Check the operator "
                  "token, then retry.")
            .arg(message);
    }
    const QString detail = message.isEmpty() ? tr("code %1").arg(code) : message;
    const bool tlsFailure = message.contains(QLatin1String("SSL"), Qt::CaseInsensitive) ||
                            message.contains(QLatin1String("handshake"), Qt::CaseInsensitive) ||
                            message.contains(QLatin1String("certificate"), Qt::CaseInsensitive);
    if (m_settings.tls && tlsFailure) {
        return tr("The secure connection failed; check the CA certificate and the server "
                  "name (%1).")
            .arg(detail);
    }
    switch (code) {
        case grpc::StatusCode::UNAVAILABLE:
            return tr("The server cannot be reached (%1).").arg(detail);
        case grpc::StatusCode::DEADLINE_EXCEEDED:
            return tr("The server did not answer in time (%1).").arg(detail);
        case grpc::StatusCode::RESOURCE_EXHAUSTED:
            return tr("The server is overloaded (%1).").arg(detail);
        default:
            return tr("The connection to the server ended (%1).").arg(detail);
    }
}

void DispatchConnection::setFailure(int code, const QString& message) {
    m_failureCode = code;
    m_failureMessage = message;
    setLastError(describeFailure(code, message));
}

void DispatchConnection::retranslate() {
    if (m_failureCode >= 0) {
        setLastError(describeFailure(m_failureCode, m_failureMessage));
    }
}

void DispatchConnection::scheduleReconnect() {
    const auto delay = m_backoff.next();
    m_waitMs = delay.count();
    m_waitClock.start();
    m_retryTimer.start(delay);
    m_countdownTimer.start();
    setState(State::WaitingToReconnect);
    updateCountdown();
}

void DispatchConnection::updateCountdown() {
    const qint64 remainingMs = std::max<qint64>(0, m_waitMs - m_waitClock.elapsed());
    const int seconds = static_cast<int>((remainingMs + 999) / 1000);
    if (seconds != m_reconnectSeconds) {
        m_reconnectSeconds = seconds;
        Q_EMIT reconnectSecondsChanged();
    }
}

void DispatchConnection::setState(State state) {
    if (m_state != state) {
        m_state = state;
        Q_EMIT stateChanged();
    }
}

void DispatchConnection::setLastSeq(qulonglong seq) {
    if (m_lastSeq != seq) {
        m_lastSeq = seq;
        Q_EMIT lastSeqChanged();
    }
}

void DispatchConnection::setLastError(const QString& error) {
    if (m_lastError != error) {
        m_lastError = error;
        Q_EMIT lastErrorChanged();
    }
}

}  // namespace flameblue::console

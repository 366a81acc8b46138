// The console's connection to a dispatch server: one live subscription that survives server
// restarts and network loss (back-off, resume after the last sequence number), and commands
// as asynchronous calls. Lives on the Qt thread; gRPC work is handed to it, never done on it.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

#include "flameblue/v1/dispatch.pb.h"
#include "net/reconnect_backoff.h"
#include "net/server_link.h"

namespace flameblue::console {

class QtPoster;
class SubscribeStream;

class DispatchConnection : public QObject {
    Q_OBJECT
    // The server in use; with several (fail-over), the one the console moved to last.
    Q_PROPERTY(QString serverAddress READ serverAddress NOTIFY serverAddressChanged)
    Q_PROPERTY(QStringList serverAddresses READ serverAddresses CONSTANT)
    Q_PROPERTY(QString operatorName READ operatorName CONSTANT)
    Q_PROPERTY(QString consoleName READ consoleName CONSTANT)
    Q_PROPERTY(QString sessionId READ sessionId NOTIFY sessionIdChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool connected READ connected NOTIFY stateChanged)
    // The server refused the console's credentials: no automatic retry until reconnectNow().
    Q_PROPERTY(bool refused READ refused NOTIFY stateChanged)
    Q_PROPERTY(bool sessionEnded READ sessionEnded NOTIFY stateChanged)
    Q_PROPERTY(bool secure READ secure CONSTANT)
    Q_PROPERTY(int reconnectSeconds READ reconnectSeconds NOTIFY reconnectSecondsChanged)
    Q_PROPERTY(qulonglong lastSeq READ lastSeq NOTIFY lastSeqChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY lastErrorChanged)
    Q_PROPERTY(int snapshotCount READ snapshotCount NOTIFY snapshotCountChanged)

public:
    // SessionEnded: the drill this console is in has ended (or no longer exists); nothing will
    // come back, so no automatic retry.
    enum class State { Idle, Connecting, Connected, WaitingToReconnect, Refused, SessionEnded };
    Q_ENUM(State)

    struct Settings : ServerLink {
        // Servers of the same log to move to, in order, when the one in use cannot be reached
        // (`address` is the first). The subscription resumes after the last sequence seen.
        QStringList failoverAddresses;
        QString session;  // empty: the live session
        ReconnectBackoff::Settings backoff;
        std::chrono::milliseconds commandDeadline{10000};
    };

    explicit DispatchConnection(Settings settings, QObject* parent = nullptr);
    ~DispatchConnection() override;
    DispatchConnection(const DispatchConnection&) = delete;
    DispatchConnection& operator=(const DispatchConnection&) = delete;

    // Opens the subscription and keeps it open until stop().
    void start();
    void stop();
    // Skips the remaining back-off wait, or tries again after the credentials were refused.
    Q_INVOKABLE void reconnectNow();

    QString serverAddress() const { return m_addresses.value(m_addressIndex); }
    QStringList serverAddresses() const { return m_addresses; }
    QString operatorName() const { return m_settings.operatorName; }
    QString consoleName() const { return m_settings.consoleName; }
    QString sessionId() const { return m_sessionId; }
    State state() const { return m_state; }
    bool connected() const { return m_state == State::Connected; }
    bool refused() const { return m_state == State::Refused; }
    bool sessionEnded() const { return m_state == State::SessionEnded; }
    bool secure() const { return m_settings.tls; }
    int reconnectSeconds() const { return m_reconnectSeconds; }
    qulonglong lastSeq() const { return m_lastSeq; }
    QString lastError() const { return m_lastError; }
    // Words the console wrote itself (the last error) again in the display language, after the
    // language changed.
    void retranslate();
    int snapshotCount() const { return m_snapshotCount; }

    // Commands. Each returns a request id; commandSucceeded or commandFailed follows with it.
    int createIncident(const QString& type, int level, double latitude, double longitude,
                       const QString& address, const QString& description);
    struct IncidentChanges {
        std::optional<QString> type;
        std::optional<int> level;
        std::optional<QString> address;
        std::optional<QString> description;
    };
    int updateIncident(const QString& incidentId, const IncidentChanges& changes);
    int setIncidentStatus(const QString& incidentId, int status);
    int addNote(const QString& incidentId, const QString& text);
    int dispatchUnits(const QString& incidentId, const QStringList& unitIds);
    int releaseUnits(const QString& incidentId, const QStringList& unitIds);
    int setUnitStatus(const QString& unitId, int status, std::optional<int> staffing = {});
    // Queries the vocabularies; catalogReceived follows.
    void fetchCatalog();
    // Asks for the recommended response to an incident (level 0: the incident's own level);
    // recommendationReceived or recommendationFailed follows with the returned id.
    int recommend(const QString& incidentId, int level = 0);

Q_SIGNALS:
    void sessionIdChanged();
    // The console moved to another server (fail-over); other clients follow it.
    void serverAddressChanged(const QString& address);
    void stateChanged();
    void reconnectSecondsChanged();
    void lastSeqChanged();
    void lastErrorChanged();
    void snapshotCountChanged();

    // The stream, in order. A snapshot that is cut short ends in snapshotAborted.
    void snapshotBegan(const flameblue::v1::SnapshotBegin& begin);
    void snapshotChunkReceived(const flameblue::v1::SnapshotChunk& chunk);
    void snapshotEnded(qulonglong seq);
    void snapshotAborted();
    void eventReceived(const flameblue::v1::Event& event);
    void heartbeatReceived(qulonglong headSeq, qint64 serverTimeMs);
    void catalogReceived(const flameblue::v1::Catalog& catalog);

    void recommendationReceived(int requestId, const flameblue::v1::Recommendation& recommendation);
    void recommendationFailed(int requestId, int code, const QString& message);

    void commandSucceeded(int requestId, const QString& command, const QString& incidentId,
                          const QStringList& unitIds);
    // `message` is the server's reason (which field, what value), or the transport's.
    void commandFailed(int requestId, const QString& command, int code, const QString& message);

private:
    struct Net;

    void openStream();
    void onStreamItems(SubscribeStream* stream,
                       std::vector<flameblue::v1::SubscribeResponse>&& items);
    void onStreamFinished(SubscribeStream* stream, int code, const QString& message);
    void handle(const flameblue::v1::SubscribeResponse& item);
    void handleEvent(const flameblue::v1::Event& event);
    void scheduleReconnect();
    // After a transport failure: the next server at once while some of the list is untried
    // since the last stream that delivered, else the back-off wait.
    void reconnectAfterFailure();
    // The dispatcher's words for a stream that ended, in the display language: what happened
    // and what to check, with the transport's own message after it.
    QString describeFailure(int code, const QString& message) const;
    // Sets the last error from the stream's end, keeping what it came from for retranslate().
    void setFailure(int code, const QString& message);
    void updateCountdown();
    template <typename Request, typename Method>
    int sendCommand(const char* name, Request request, Method method);
    void failLater(int requestId, const QString& command, const QString& message);

    void setState(State state);
    void setLastSeq(qulonglong seq);
    void setLastError(const QString& error);

    Settings m_settings;
    QStringList m_addresses;
    int m_addressIndex = 0;
    // Servers tried since a stream last delivered.
    int m_attemptsWithoutDelivery = 0;
    std::shared_ptr<QtPoster> m_poster;
    std::unique_ptr<Net> m_net;
    ReconnectBackoff m_backoff;
    QTimer m_retryTimer;
    QTimer m_countdownTimer;
    QElapsedTimer m_waitClock;
    qint64 m_waitMs = 0;

    bool m_running = false;
    bool m_streamDelivered = false;
    bool m_inSnapshot = false;
    State m_state = State::Idle;
    QString m_sessionId;
    QString m_lastError;
    // The last failure described in m_lastError (code -1: none, or words not written here).
    int m_failureCode = -1;
    QString m_failureMessage;
    qulonglong m_lastSeq = 0;
    int m_reconnectSeconds = 0;
    int m_snapshotCount = 0;
    int m_nextRequestId = 0;
};

}  // namespace flameblue::console

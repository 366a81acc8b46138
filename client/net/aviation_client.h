// Calls to the server's Aviation service (tracks, mission states, alert acknowledgement, drops,
// live aircraft figures). Replies arrive as signals on the Qt thread; gRPC stays in here.
#pragma once

#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

#include "flameblue/v1/aviation.pb.h"
#include "net/server_link.h"

namespace flameblue::console {

class QtPoster;

class AviationClient : public QObject {
    Q_OBJECT

public:
    struct Settings : ServerLink {
        QString session;  // empty: the live session
        std::chrono::milliseconds deadline{10000};
    };

    explicit AviationClient(Settings settings, QObject* parent = nullptr);
    // Another server of the same log (the console failed over): later calls go there; calls
    // already sent finish where they are.
    void setServerAddress(const QString& address);
    ~AviationClient() override;
    AviationClient(const AviationClient&) = delete;
    AviationClient& operator=(const AviationClient&) = delete;

    // Each returns a request id that the matching signal carries.
    int listAircraftStatus();
    // `fromMs`/`toMs` 0: the server's default (the last hour).
    int getTrack(const QString& aircraftId, qint64 fromMs, qint64 toMs, int maxPoints);
    int setMissionState(const QString& aircraftId, int state, const QString& note);
    int acknowledgeAlert(const QString& alertId);
    int recordDrop(const QString& aircraftId, const QString& dipSiteId);

Q_SIGNALS:
    void aircraftStatusReceived(int requestId, const flameblue::v1::ListAircraftStatusReply& reply);
    void trackReceived(int requestId, const flameblue::v1::Track& track);
    void commandSucceeded(int requestId, const QString& command);
    // `message` is the server's reason or the transport's; `code` the gRPC status code.
    void commandFailed(int requestId, const QString& command, int code, const QString& message);
    void queryFailed(int requestId, const QString& query, int code, const QString& message);

private:
    struct Net;
    template <typename Request, typename Reply, typename Method, typename Done>
    int call(Method method, Request request, Done done);
    template <typename Request, typename Method>
    int command(const char* name, Method method, Request request);

    Settings m_settings;
    std::shared_ptr<QtPoster> m_poster;
    std::unique_ptr<Net> m_net;
    int m_nextRequestId = 0;
};

}  // namespace flameblue::console

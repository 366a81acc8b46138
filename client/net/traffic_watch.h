// Watches the server's context traffic (Traffic.WatchTraffic) while the console shows it.
// Snapshots arrive as signals on the Qt thread; gRPC stays in here. A dropped stream is opened
// again after a pause until stop().
#pragma once

#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

#include "flameblue/v1/traffic.pb.h"
#include "net/server_link.h"

namespace flameblue::console {

class QtPoster;

class TrafficWatch : public QObject {
    Q_OBJECT

public:
    struct Settings : ServerLink {
        double intervalSeconds = 2.0;
        std::chrono::milliseconds retry{3000};
    };

    explicit TrafficWatch(Settings settings, QObject* parent = nullptr);
    ~TrafficWatch() override;
    TrafficWatch(const TrafficWatch&) = delete;
    TrafficWatch& operator=(const TrafficWatch&) = delete;

    void start();
    // Ends the stream; no snapshot is delivered after this returns.
    void stop();
    bool running() const;
    // Another server of the same log (the console failed over): a running watch reopens there.
    void setServerAddress(const QString& address);

Q_SIGNALS:
    void snapshotReceived(const flameblue::v1::TrafficSnapshot& snapshot);
    // The stream ended with an error (it is opened again); `code` is the gRPC status code.
    void streamFailed(int code, const QString& message);

private:
    struct Net;
    Settings m_settings;
    std::shared_ptr<QtPoster> m_poster;
    std::unique_ptr<Net> m_net;
    int m_generation = 0;  // Qt thread: snapshots of an earlier start() are dropped
};

}  // namespace flameblue::console

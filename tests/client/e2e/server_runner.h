// Runs the real flameblue-server as a child process for the console's end-to-end tests, and
// talks to it over gRPC the way a second console would.
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

#include "flameblue/v1/dispatch.grpc.pb.h"

namespace flameblue::console::test {

class ServerRunner {
public:
    // A fresh state directory; the server picks its port when it first starts.
    ServerRunner();
    ~ServerRunner();
    ServerRunner(const ServerRunner&) = delete;
    ServerRunner& operator=(const ServerRunner&) = delete;

    // Starts (or restarts, on the same port and state directory) and waits until it answers.
    bool start(const QStringList& extraArgs = {});
    // For a server started with --tls-cert and --operators: talk to it over TLS trusting
    // `caPem` (naming it `serverName` when not empty), with this operator token.
    void useTls(const QString& caPem, const QString& token, const QString& serverName = {});
    // SIGTERM and wait for the exit.
    bool stop();
    // SIGKILL (a server lost without warning) and wait for the exit.
    bool kill();

    QString address() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    QString log() const;
    std::unique_ptr<flameblue::v1::Dispatch::Stub> stub() const;
    // The newest sequence number: the seq of a fresh subscription's snapshot.
    quint64 headSeq() const;

private:
    enum class Launch { Serving, PortTaken, Failed };
    Launch launch(const QStringList& extraArgs);
    QString logSince(qint64 offset) const;

    QTemporaryDir m_stateDir;
    QProcess m_process;
    int m_port = 0;
    QString m_logPath;
    QString m_caPem;
    QString m_token;
    QString m_serverName;
};

}  // namespace flameblue::console::test

#include "server_runner.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <grpcpp/grpcpp.h>

#include "../../support/loopback_port.h"

namespace flameblue::console::test {

namespace pb = ::flameblue::v1;

ServerRunner::ServerRunner() {
    m_logPath = m_stateDir.filePath(QStringLiteral("server.log"));
}

ServerRunner::~ServerRunner() {
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool ServerRunner::start(const QStringList& extraArgs) {
    // A restart asks for the port of the first start (consoles reconnect there); should another
    // program hold it for a moment, the server says it cannot listen and is started again.
    constexpr int kAttempts = 10;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        switch (launch(extraArgs)) {
            case Launch::Serving:
                return true;
            case Launch::PortTaken:
                QThread::msleep(200);
                continue;
            case Launch::Failed:
                return false;
        }
    }
    return false;
}

ServerRunner::Launch ServerRunner::launch(const QStringList& extraArgs) {
    const qint64 logStart = QFileInfo(m_logPath).size();
    // The first start lets the server pick a free port and reads back the one it reports.
    const QString listen = m_port == 0 ? QStringLiteral("127.0.0.1:0") : address();
    m_process.setProgram(QStringLiteral(FLAMEBLUE_SERVER_BIN));
    QStringList args{QStringLiteral("--listen"),    listen,
                     QStringLiteral("--state-dir"), m_stateDir.path(),
                     QStringLiteral("--data-dir"),  QStringLiteral(FLAMEBLUE_DATA_DIR)};
    args += extraArgs;
    // Self-declared operators unless the test signs them in.
    if (!extraArgs.contains(QStringLiteral("--operators")))
        args += QStringLiteral("--insecure-dev");
    // Tests about other things send commands faster than an operator's hands.
    if (!extraArgs.contains(QStringLiteral("--rate-limit")))
        args += {QStringLiteral("--rate-limit"), QStringLiteral("0")};
    m_process.setArguments(args);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_logPath, QIODevice::Append);
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        return Launch::Failed;
    }
    // Ready when it answers a query; the deadline only bounds a hang.
    QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        if (m_port == 0) {
            m_port = flameblue::testing::reportedServerPort(logSince(logStart).toStdString())
                         .value_or(0);
        }
        if (m_port != 0) {
            grpc::ClientContext ctx;
            ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
            if (!m_token.isEmpty()) {
                ctx.AddMetadata("authorization", "Bearer " + m_token.toStdString());
            }
            pb::ListStationsRequest request;
            pb::ListStationsReply reply;
            if (stub()->ListStations(&ctx, request, &reply).ok()) {
                return Launch::Serving;
            }
        }
        m_process.waitForFinished(100);  // notices an exit, unlike a plain sleep
    }
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return Launch::Failed;
    }
    return m_port != 0 && logSince(logStart).contains(QLatin1String("cannot listen"))
               ? Launch::PortTaken
               : Launch::Failed;
}

bool ServerRunner::stop() {
    m_process.terminate();
    return m_process.waitForFinished(15000);
}

bool ServerRunner::kill() {
    m_process.kill();
    return m_process.waitForFinished(15000);
}

QString ServerRunner::log() const {
    return logSince(0);
}

QString ServerRunner::logSince(qint64 offset) const {
    QFile f(m_logPath);
    if (!f.open(QIODevice::ReadOnly) || !f.seek(offset)) {
        return {};
    }
    return QString::fromUtf8(f.readAll());
}

void ServerRunner::useTls(const QString& caPem, const QString& token, const QString& serverName) {
    m_caPem = caPem;
    m_token = token;
    m_serverName = serverName;
}

std::unique_ptr<pb::Dispatch::Stub> ServerRunner::stub() const {
    if (m_caPem.isEmpty()) {
        return pb::Dispatch::NewStub(
            grpc::CreateChannel(address().toStdString(), grpc::InsecureChannelCredentials()));
    }
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = m_caPem.toStdString();
    grpc::ChannelArguments args;
    if (!m_serverName.isEmpty()) {
        args.SetSslTargetNameOverride(m_serverName.toStdString());
    }
    return pb::Dispatch::NewStub(
        grpc::CreateCustomChannel(address().toStdString(), grpc::SslCredentials(ssl), args));
}

quint64 ServerRunner::headSeq() const {
    auto s = stub();
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    pb::SubscribeRequest request;
    request.mutable_filter()->set_exclude_positions(true);
    auto reader = s->Subscribe(&ctx, request);
    pb::SubscribeResponse response;
    quint64 seq = 0;
    if (reader->Read(&response) && response.has_snapshot_begin()) {
        seq = response.snapshot_begin().seq();
    }
    ctx.TryCancel();
    reader->Finish();
    return seq;
}

}  // namespace flameblue::console::test

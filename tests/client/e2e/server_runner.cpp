#include "server_runner.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QTcpServer>
#include <QThread>

#include <grpcpp/grpcpp.h>

namespace flameblue::console::test {

namespace pb = ::flameblue::v1;

namespace {
int freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
}  // namespace

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
    if (m_port == 0) {
        m_port = freePort();
    }
    m_process.setProgram(QStringLiteral(FLAMEBLUE_SERVER_BIN));
    m_process.setArguments(QStringList{QStringLiteral("--listen"), address(),
                                       QStringLiteral("--state-dir"), m_stateDir.path(),
                                       QStringLiteral("--data-dir"),
                                       QStringLiteral(FLAMEBLUE_DATA_DIR)} +
                           extraArgs);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_logPath, QIODevice::Append);
    m_process.start();
    if (!m_process.waitForStarted(5000)) {
        return false;
    }
    // Ready when it answers a query.
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        grpc::ClientContext ctx;
        ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
        if (!m_token.isEmpty()) {
            ctx.AddMetadata("authorization", "Bearer " + m_token.toStdString());
        }
        pb::ListStationsRequest request;
        pb::ListStationsReply reply;
        if (stub()->ListStations(&ctx, request, &reply).ok()) {
            return true;
        }
        QThread::msleep(100);
    }
    return false;
}

bool ServerRunner::stop() {
    m_process.terminate();
    return m_process.waitForFinished(15000);
}

QString ServerRunner::log() const {
    QFile f(m_logPath);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
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

// The console against a real flameblue-server that requires TLS and operator tokens, as it
// must off loopback: the console's own command line (--ca-cert, --token-file), its connection
// and controller. A self-signed certificate is made for each run with the openssl tool.
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <grpcpp/grpcpp.h>

#include <memory>

#include "../support/frame_wait.h"
#include "app/aviation_controller.h"
#include "app/console_controller.h"
#include "app/console_ui.h"
#include "flameblue/v1/aviation_types.pb.h"
#include "flameblue/v1/entities.pb.h"
#include "server_runner.h"

using namespace flameblue::console;
namespace pb = ::flameblue::v1;

namespace {

constexpr int kConnectTimeoutMs = 30000;
constexpr const char* kOperator = "tls-dispatcher";

bool writeFile(const QString& path, const QByteArray& content) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

QString readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// A self-signed certificate for 127.0.0.1 and localhost (it is its own CA).
bool makeCertificate(const QString& dir, const QString& name) {
    QProcess openssl;
    openssl.start(
        QStringLiteral("openssl"),
        {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
         QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
         QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
         QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"),
         QStringLiteral("-keyout"), dir + QLatin1Char('/') + name + QStringLiteral(".key"),
         QStringLiteral("-out"), dir + QLatin1Char('/') + name + QStringLiteral(".pem")});
    return openssl.waitForFinished(60000) && openssl.exitStatus() == QProcess::NormalExit &&
           openssl.exitCode() == 0;
}

std::unique_ptr<ConsoleController> consoleWith(const QStringList& extraArgs, QString* error) {
    QStringList args{QStringLiteral("flameblue-console"), QStringLiteral("--operator"),
                     QStringLiteral("named-on-the-command-line"), QStringLiteral("--lang"),
                     QStringLiteral("en")};
    args += extraArgs;
    const auto options = parseConsoleOptions(args, error);
    return options ? std::make_unique<ConsoleController>(*options) : nullptr;
}

}  // namespace

class ConsoleTlsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY2(makeCertificate(m_dir.path(), QStringLiteral("server")), "openssl req failed");
        QVERIFY2(makeCertificate(m_dir.path(), QStringLiteral("other")), "openssl req failed");
        // The operator and its token as an administrator makes them (the file keeps it hashed).
        QCOMPARE(
            QProcess::execute(QStringLiteral(FLAMEBLUE_ADMIN_BIN),
                              {QStringLiteral("--file"), path("operators"), QStringLiteral("add"),
                               QString::fromLatin1(kOperator), QStringLiteral("--roles"),
                               QStringLiteral("dispatcher,aviation,supervisor"),
                               QStringLiteral("--token-out"), path("token")}),
            0);
        m_token = readFile(path("token")).trimmed().toStdString();
        QVERIFY(!m_token.empty());
        QVERIFY(!readFile(path("operators")).contains(QString::fromStdString(m_token)));
        QVERIFY(writeFile(path("wrong-token"), "not-the-token\n"));
        m_server.useTls(readFile(path("server.pem")), QString::fromStdString(m_token));
        QVERIFY2(m_server.start({QStringLiteral("--tls-cert"), path("server.pem"),
                                 QStringLiteral("--tls-key"), path("server.key"),
                                 QStringLiteral("--operators"), path("operators")}),
                 qPrintable(m_server.log()));
    }

    void connectsWithCaAndTokenAndActsAsTheTokensOperator() {
        QString error;
        auto console = consoleWith(
            {QStringLiteral("--server"), m_server.address(), QStringLiteral("--ca-cert"),
             path("server.pem"), QStringLiteral("--token-file"), path("token")},
            &error);
        QVERIFY2(console, qPrintable(error));
        QVERIFY(console->connection()->secure());
        console->start();
        QTRY_VERIFY_WITH_TIMEOUT(console->state()->ready(), kConnectTimeoutMs);
        QVERIFY(console->connection()->connected());
        QVERIFY(console->state()->units()->rowCount() > 100);  // the demo roster

        QSignalSpy finished(console.get(), &ConsoleController::commandFinished);
        QSignalSpy created(console.get(), &ConsoleController::incidentCreated);
        console->createIncident(QStringLiteral("building_fire"), 1, 37.8700, 112.5500,
                                QStringLiteral("Yingze Street"), QString());
        QTRY_COMPARE_WITH_TIMEOUT(created.size(), 1, kConnectTimeoutMs);
        const QString incidentId = created.at(0).at(0).toString();
        finished.clear();
        console->addNote(incidentId, QStringLiteral("caller on the third floor"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kConnectTimeoutMs);
        QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(3).toString()));

        // The server took the operator from the token, not from --operator.
        auto stub = m_server.stub();
        grpc::ClientContext ctx;
        ctx.AddMetadata("authorization", "Bearer " + m_token);
        pb::GetRequest get;
        get.set_id(incidentId.toStdString());
        pb::Incident incident;
        const grpc::Status status = stub->GetIncident(&ctx, get, &incident);
        QVERIFY2(status.ok(), status.error_message().c_str());
        QCOMPARE(incident.notes_size(), 1);
        QCOMPARE(QString::fromStdString(incident.notes(0).operator_id()),
                 QString::fromLatin1(kOperator));

        // The aviation view's calls go over the same TLS link with the same token.
        QSignalSpy aviationDone(console->aviation(), &AviationController::commandFinished);
        console->aviation()->setMissionState(QStringLiteral("AV-Z8-01"),
                                             pb::MISSION_STATE_MAINTENANCE);
        QTRY_COMPARE_WITH_TIMEOUT(aviationDone.size(), 1, kConnectTimeoutMs);
        QVERIFY2(aviationDone.at(0).at(1).toBool(),
                 qPrintable(aviationDone.at(0).at(3).toString()));
        grpc::ClientContext unitCtx;
        unitCtx.AddMetadata("authorization", "Bearer " + m_token);
        get.set_id("AV-Z8-01");
        pb::Aircraft aircraft;
        const grpc::Status unitStatus = stub->GetAircraft(&unitCtx, get, &aircraft);
        QVERIFY2(unitStatus.ok(), unitStatus.error_message().c_str());
        QCOMPARE(aircraft.mission().state(), pb::MISSION_STATE_MAINTENANCE);
    }

    void wrongTokenIsRefusedWithAClearReasonAndNoRetryLoop() {
        QString error;
        auto console = consoleWith(
            {QStringLiteral("--server"), m_server.address(), QStringLiteral("--ca-cert"),
             path("server.pem"), QStringLiteral("--token-file"), path("wrong-token")},
            &error);
        QVERIFY2(console, qPrintable(error));
        DispatchConnection* c = console->connection();
        // With its window, to see what the dispatcher sees.
        QQmlApplicationEngine engine;
        QVERIFY(loadConsoleUi(engine, *console));
        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().value(0));
        QVERIFY(window);
        console->start();
        QTRY_VERIFY_WITH_TIMEOUT(c->refused(), kConnectTimeoutMs);
        auto* bannerText = window->findChild<QObject*>(QStringLiteral("bannerText"));
        auto* bannerError = window->findChild<QObject*>(QStringLiteral("bannerError"));
        QVERIFY(bannerText && bannerError);
        QTRY_COMPARE(bannerText->property("text").toString(),
                     QStringLiteral("Not signed in to %1").arg(m_server.address()));
        QVERIFY(bannerError->property("text").toString().contains(
            QLatin1String("unknown operator token")));
        QVERIFY(flameblue::testing::waitForFrame(window));
        QDir().mkpath(QStringLiteral(FLAMEBLUE_ARTIFACT_DIR));
        QVERIFY(window->grabWindow().save(
            QStringLiteral(FLAMEBLUE_ARTIFACT_DIR "/console_refused_token.png")));
        QVERIFY2(c->lastError().contains(QLatin1String("refused this console's credentials")),
                 qPrintable(c->lastError()));
        QVERIFY2(c->lastError().contains(QLatin1String("unknown operator token")),
                 qPrintable(c->lastError()));
        // No automatic retry: refused is a state of its own, with no reconnect scheduled (a
        // retry would be WaitingToReconnect with a countdown).
        QVERIFY(c->refused());
        QCOMPARE(c->state(), DispatchConnection::State::Refused);
        QCOMPARE(c->reconnectSeconds(), 0);
        QVERIFY(!console->state()->ready());
        // Retry now tries once more, and is refused again.
        c->reconnectNow();
        QCOMPARE(c->state(), DispatchConnection::State::Connecting);
        QTRY_VERIFY_WITH_TIMEOUT(c->refused(), kConnectTimeoutMs);
    }

    void untrustedServerCertificateIsReportedAsATlsFailure() {
        QString error;
        auto console = consoleWith(
            {QStringLiteral("--server"), m_server.address(), QStringLiteral("--ca-cert"),
             path("other.pem"), QStringLiteral("--token-file"), path("token")},
            &error);
        QVERIFY2(console, qPrintable(error));
        DispatchConnection* c = console->connection();
        console->start();
        QTRY_VERIFY_WITH_TIMEOUT(c->state() == DispatchConnection::State::WaitingToReconnect,
                                 kConnectTimeoutMs);
        QVERIFY(!c->connected());
        QVERIFY2(!c->lastError().isEmpty(), "no reason given");
        QVERIFY(!console->state()->ready());
    }

    void plainConsoleCannotReadTheTlsServer() {
        QString error;
        auto console = consoleWith({QStringLiteral("--server"), m_server.address()}, &error);
        QVERIFY2(console, qPrintable(error));
        console->start();
        QTRY_VERIFY_WITH_TIMEOUT(
            console->connection()->state() == DispatchConnection::State::WaitingToReconnect,
            kConnectTimeoutMs);
        QVERIFY(!console->state()->ready());
    }

    void badCredentialOptionsAreClearErrors() {
        QString error;
        QVERIFY(!consoleWith({QStringLiteral("--ca-cert"), path("missing.pem")}, &error));
        QVERIFY2(error.contains(QLatin1String("--ca-cert")) &&
                     error.contains(QLatin1String("cannot be read")),
                 qPrintable(error));
        QVERIFY(!consoleWith({QStringLiteral("--ca-cert"), path("token")}, &error));
        QVERIFY2(error.contains(QLatin1String("no PEM certificate")), qPrintable(error));
        QVERIFY(!consoleWith({QStringLiteral("--server"), QStringLiteral("10.1.2.3:50051"),
                              QStringLiteral("--token-file"), path("token")},
                             &error));
        QVERIFY2(error.contains(QLatin1String("needs TLS")), qPrintable(error));
        QVERIFY(!consoleWith({QStringLiteral("--tls-server-name"), QStringLiteral("x")}, &error));
        QVERIFY2(error.contains(QLatin1String("needs --tls")), qPrintable(error));
    }

private:
    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    QTemporaryDir m_dir;
    test::ServerRunner m_server;
    std::string m_token;
};

QTEST_MAIN(ConsoleTlsTest)
#include "console_tls_test.moc"

// Console fail-over between two real servers of one PostgreSQL log: the console's server is
// killed with SIGKILL in the middle of a command burst, the console moves to the other server
// and resumes after the last sequence number it saw: every event once, none missed, no second
// snapshot.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "../../support/pg_cluster.h"
#include "net/dispatch_connection.h"
#include "server_runner.h"

namespace flameblue::console::test {
namespace {

namespace pb = ::flameblue::v1;
constexpr int kPatienceMs = 60000;

// Creates incidents at one server until told to stop or the server stops answering.
class Writer {
public:
    Writer(std::unique_ptr<pb::Dispatch::Stub> stub, std::string name)
        : m_stub(std::move(stub)), m_name(std::move(name)) {
        m_thread = std::thread([this] { run(); });
    }
    ~Writer() { stop(); }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void stop() {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    int acknowledged() const { return m_acknowledged.load(); }

private:
    void run() {
        int n = 0;
        while (!m_stop) {
            grpc::ClientContext ctx;
            ctx.AddMetadata("x-flameblue-operator", m_name);
            ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
            pb::CreateIncidentRequest request;
            request.set_type("building_fire");
            request.set_level(1);
            request.mutable_position()->set_lat(37.80 + 0.001 * (n % 100));
            request.mutable_position()->set_lon(112.55);
            request.set_address(m_name + " " + std::to_string(++n));
            pb::CommandReply reply;
            if (m_stub->CreateIncident(&ctx, request, &reply).ok())
                ++m_acknowledged;
            else
                return;  // the server is gone
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }

    std::unique_ptr<pb::Dispatch::Stub> m_stub;
    std::string m_name;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_acknowledged{0};
    std::thread m_thread;
};

}  // namespace

class ConsoleFailoverTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        std::string error;
        m_cluster = flameblue::testing::PgCluster::start(&error);
        QVERIFY2(m_cluster, error.c_str());
        const QStringList store{QStringLiteral("--store"),
                                QString::fromStdString(m_cluster->uri())};
        QVERIFY2(m_a.start(store), qPrintable(m_a.log()));
        QVERIFY2(m_b.start(store), qPrintable(m_b.log()));
    }

    void killedServerIsLeftForTheNextAndTheStreamResumesExactly() {
        DispatchConnection::Settings settings;
        settings.address = m_a.address();
        settings.failoverAddresses = {m_b.address()};
        settings.operatorName = QStringLiteral("console-failover");
        DispatchConnection connection(settings);
        QCOMPARE(connection.serverAddresses(), (QStringList{m_a.address(), m_b.address()}));

        std::vector<quint64> seen;
        QObject::connect(&connection, &DispatchConnection::eventReceived,
                         [&seen](const pb::Event& e) { seen.push_back(e.seq()); });
        QSignalSpy moved(&connection, &DispatchConnection::serverAddressChanged);
        connection.start();
        QTRY_VERIFY_WITH_TIMEOUT(connection.connected() && connection.snapshotCount() == 1,
                                 kPatienceMs);
        QCOMPARE(connection.serverAddress(), m_a.address());
        const quint64 snapshotSeq = connection.lastSeq();

        // Commands at both servers: the console's own server writes events the other has to
        // read from the log, so the console may be ahead of it when it moves.
        Writer atA(m_a.stub(), "dispatcher-a");
        Writer atB(m_b.stub(), "dispatcher-b");
        QTRY_VERIFY_WITH_TIMEOUT(seen.size() >= 40, kPatienceMs);

        QVERIFY(m_a.kill());
        QElapsedTimer sinceKill;
        sinceKill.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            connection.connected() && connection.serverAddress() == m_b.address(), kPatienceMs);
        const qint64 failoverMs = sinceKill.elapsed();
        QVERIFY(moved.count() >= 1);
        QCOMPARE(moved.last().at(0).toString(), m_b.address());

        // More commands after the move reach the console from its new server.
        const int ackedAtB = atB.acknowledged();
        QTRY_VERIFY_WITH_TIMEOUT(atB.acknowledged() >= ackedAtB + 20, kPatienceMs);
        atA.stop();
        atB.stop();
        QVERIFY(atA.acknowledged() > 0);
        const quint64 head = m_b.headSeq();
        QTRY_COMPARE_WITH_TIMEOUT(static_cast<quint64>(connection.lastSeq()), head, kPatienceMs);

        // Resumed after its last sequence number: no second snapshot, every event of the log
        // after the snapshot exactly once, in order.
        QCOMPARE(connection.snapshotCount(), 1);
        QVERIFY(!seen.empty());
        QCOMPARE(seen.front(), snapshotSeq + 1);
        for (std::size_t i = 1; i < seen.size(); ++i) {
            QVERIFY2(
                seen[i] == seen[i - 1] + 1,
                qPrintable(QStringLiteral("after seq %1 came %2").arg(seen[i - 1]).arg(seen[i])));
        }
        QCOMPARE(seen.back(), head);
        qInfo(
            "fail-over: %lld ms from SIGKILL of the console's server to the console "
            "resumed at the other; %zu events seen once each (%d acknowledged at the killed "
            "server, %d at the other)",
            static_cast<long long>(failoverMs), seen.size(), atA.acknowledged(),
            atB.acknowledged());
        connection.stop();
    }

    void aDeadServerInTheListIsSkippedAndAllDownMeansWaiting() {
        // Only B is left from the test above; a list of a dead address then B reaches B, and
        // with B stopped too the console waits (back-off) instead of spinning between them.
        DispatchConnection::Settings settings;
        settings.address = m_a.address();  // killed above
        settings.failoverAddresses = {m_b.address()};
        settings.operatorName = QStringLiteral("console-failover");
        settings.backoff.initial = std::chrono::milliseconds(200);
        DispatchConnection connection(settings);
        connection.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            connection.connected() && connection.serverAddress() == m_b.address(), kPatienceMs);
        QVERIFY(m_b.stop());
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), DispatchConnection::State::WaitingToReconnect,
                                  kPatienceMs);
        connection.stop();
    }

    void aDrillIsNotFollowedToAnotherServer() {
        DispatchConnection::Settings settings;
        settings.address = m_a.address();
        settings.failoverAddresses = {m_b.address()};
        settings.session = QStringLiteral("drill-1");
        DispatchConnection connection(settings);
        QCOMPARE(connection.serverAddresses(), QStringList{m_a.address()});
    }

private:
    std::unique_ptr<flameblue::testing::PgCluster> m_cluster;
    ServerRunner m_a;
    ServerRunner m_b;
};

}  // namespace flameblue::console::test

QTEST_GUILESS_MAIN(flameblue::console::test::ConsoleFailoverTest)
#include "console_failover_test.moc"

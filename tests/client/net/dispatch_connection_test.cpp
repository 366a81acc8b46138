// DispatchConnection against an in-process fake server: the stream reaches the Qt thread in
// order, commands carry the operator and return the server's reasons, a lost stream comes back
// after a back-off and resumes after the last sequence number without duplicates.
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QUrl>

#include "../../support/loopback_port.h"
#include "fake_dispatch_server.h"
#include "net/dispatch_connection.h"
#include "net/reconnect_backoff.h"

using namespace flameblue::console;
namespace pb = ::flameblue::v1;
using std::chrono::milliseconds;

namespace {

DispatchConnection::Settings settingsFor(const std::string& address) {
    DispatchConnection::Settings s;
    s.address = QString::fromStdString(address);
    s.operatorName = QStringLiteral("张伟");
    s.consoleName = QStringLiteral("taiyuan-desk-3");
    s.backoff.initial = milliseconds(200);
    s.backoff.maximum = milliseconds(1000);
    s.commandDeadline = milliseconds(5000);
    return s;
}

pb::Event unitEvent(std::uint64_t seq, pb::UnitStatus status) {
    pb::Event e;
    e.set_seq(seq);
    e.set_kind("unit_status_changed");
    e.set_subject("TY-S01-E1");
    pb::Unit* u = e.add_units();
    u->set_id("TY-S01-E1");
    u->set_status(status);
    return e;
}

}  // namespace

class DispatchConnectionTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void backoffGrowsToItsCeiling() {
        ReconnectBackoff::Settings s;
        s.jitter = 0;
        ReconnectBackoff plain(s);
        QList<long long> delays;
        for (int i = 0; i < 7; ++i) {
            delays.append(plain.next().count());
        }
        QCOMPARE(delays, (QList<long long>{1000, 2000, 4000, 8000, 16000, 30000, 30000}));
        plain.reset();
        QCOMPARE(plain.next().count(), 1000);

        ReconnectBackoff jittered(ReconnectBackoff::Settings{}, 42);
        for (int i = 0; i < 50; ++i) {
            const double nominal = static_cast<double>(jittered.nominal().count());
            const double d = static_cast<double>(jittered.next().count());
            QVERIFY(d >= nominal * 0.8 - 1 && d <= std::min(nominal * 1.2, 30000.0) + 1);
        }
    }

    void streamArrivesInOrderOnTheQtThread() {
        test::FakeDispatchServer server;
        DispatchConnection connection(settingsFor(server.address()));
        QSignalSpy began(&connection, &DispatchConnection::snapshotBegan);
        QSignalSpy chunks(&connection, &DispatchConnection::snapshotChunkReceived);
        QSignalSpy ended(&connection, &DispatchConnection::snapshotEnded);
        QSignalSpy catalog(&connection, &DispatchConnection::catalogReceived);
        QList<quint64> seqs;
        bool onQtThread = true;
        connect(&connection, &DispatchConnection::eventReceived, this, [&](const pb::Event& e) {
            onQtThread = onQtThread && QThread::currentThread() == thread();
            seqs.append(e.seq());
        });
        QCOMPARE(connection.state(), DispatchConnection::State::Idle);
        connection.start();
        QTRY_VERIFY(connection.connected());
        QTRY_COMPARE(ended.count(), 1);
        QCOMPARE(began.count(), 1);
        QCOMPARE(chunks.count(), 1);
        QCOMPARE(ended.at(0).at(0).toULongLong(), 10u);
        QCOMPARE(connection.sessionId(), QStringLiteral("live"));
        QCOMPARE(connection.snapshotCount(), 1);
        QTRY_COMPARE(catalog.count(), 1);

        server.appendEvent(unitEvent(11, pb::UNIT_STATUS_DISPATCHED));
        server.appendEvent(unitEvent(12, pb::UNIT_STATUS_EN_ROUTE));
        QTRY_COMPARE(seqs, (QList<quint64>{11, 12}));
        // A batch of three in one stream message, unpacked in order.
        QVERIFY(server.maxEventsPerMessage() > 1);
        server.appendEvents({unitEvent(13, pb::UNIT_STATUS_ON_SCENE),
                             unitEvent(14, pb::UNIT_STATUS_RETURNING),
                             unitEvent(15, pb::UNIT_STATUS_AVAILABLE)});
        QTRY_COMPARE(seqs, (QList<quint64>{11, 12, 13, 14, 15}));
        QVERIFY(onQtThread);
        QCOMPARE(connection.lastSeq(), 15u);

        // The operator's identity travels in the metadata (percent-encoded when not ASCII).
        const auto md = server.lastMetadata();
        QVERIFY(md.count("x-flameblue-operator") == 1);
        QCOMPARE(QUrl::fromPercentEncoding(
                     QByteArray::fromStdString(md.find("x-flameblue-operator")->second)),
                 QStringLiteral("张伟"));
        QCOMPARE(md.find("x-flameblue-console")->second, std::string("taiyuan-desk-3"));
        connection.stop();
        QCOMPARE(connection.state(), DispatchConnection::State::Idle);
    }

    void commandsReturnTheServersReason() {
        test::FakeDispatchServer server;
        DispatchConnection connection(settingsFor(server.address()));
        connection.start();
        QTRY_VERIFY(connection.connected());
        QSignalSpy ok(&connection, &DispatchConnection::commandSucceeded);
        QSignalSpy failed(&connection, &DispatchConnection::commandFailed);

        const int bad = connection.createIncident(QStringLiteral("building_fire"), 9, 37.86, 112.55,
                                                  QStringLiteral("迎泽大街"), {});
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).toInt(), bad);
        QCOMPARE(failed.at(0).at(1).toString(), QStringLiteral("CreateIncident"));
        QCOMPARE(failed.at(0).at(2).toInt(), int(grpc::StatusCode::INVALID_ARGUMENT));
        QCOMPARE(failed.at(0).at(3).toString(), QStringLiteral("level: expected 1 to 5, got 9"));

        const int good = connection.createIncident(QStringLiteral("building_fire"), 2, 37.86,
                                                   112.55, QStringLiteral("迎泽大街"), {});
        QTRY_COMPARE(ok.count(), 1);
        QCOMPARE(ok.at(0).at(0).toInt(), good);
        QCOMPARE(ok.at(0).at(2).toString(), QStringLiteral("INC-1"));
        const auto md = server.lastMetadata();
        QVERIFY(md.count("x-flameblue-operator") == 1);
    }

    void lostStreamResumesAfterLastSeq() {
        test::FakeDispatchServer server;
        server.setResendLastOnResume(true);
        DispatchConnection connection(settingsFor(server.address()));
        QList<quint64> seqs;
        connect(&connection, &DispatchConnection::eventReceived, this,
                [&](const pb::Event& e) { seqs.append(e.seq()); });
        QSignalSpy state(&connection, &DispatchConnection::stateChanged);
        connection.start();
        QTRY_VERIFY(connection.connected());
        server.appendEvent(unitEvent(11, pb::UNIT_STATUS_DISPATCHED));
        QTRY_COMPARE(connection.lastSeq(), 11u);

        server.dropStreams();
        QTRY_VERIFY(!connection.connected());
        QCOMPARE(connection.state(), DispatchConnection::State::WaitingToReconnect);
        QVERIFY(connection.reconnectSeconds() >= 1);
        QVERIFY(connection.lastError().contains(QStringLiteral("going away")));
        // Missed while away.
        server.appendEvent(unitEvent(12, pb::UNIT_STATUS_EN_ROUTE));
        server.appendEvent(unitEvent(13, pb::UNIT_STATUS_ON_SCENE));

        QTRY_VERIFY_WITH_TIMEOUT(connection.connected(), 10000);
        QTRY_COMPARE(seqs, (QList<quint64>{11, 12, 13}));  // 11 again was ignored
        const auto afterSeqs = server.subscribeAfterSeqs();
        QVERIFY(afterSeqs.size() >= 2);
        QCOMPARE(afterSeqs.front(), 0u);
        QCOMPARE(afterSeqs.back(), 11u);
        QCOMPARE(connection.snapshotCount(), 1);  // resumed, not reloaded
    }

    void closingConsolesWithTheirStreamsOpenIsClean() {
        // Console after console connects and goes away while its stream is open: each time the
        // stream's end comes on a gRPC thread while the console lets go of its channel. The
        // stream, and with it the channel, used to be released last on that gRPC thread, which
        // aborted the process now and then (a callback queue freed under its own thread).
        test::FakeDispatchServer server;
        for (int round = 0; round < 200; ++round) {
            auto connection = std::make_unique<DispatchConnection>(settingsFor(server.address()));
            connection->start();
            QVERIFY(QTest::qWaitFor([&] { return connection->connected(); }, 60000));
            connection.reset();
        }
        QVERIFY(QTest::qWaitFor([&] { return server.openStreams() == 0; }, 60000));
    }

    void closingConsolesWithCommandsInFlightIsClean() {
        // The same with a command on its way: its answer comes on a gRPC thread once the console
        // is gone, and the call (its stub, its channel) must not be released last there either.
        test::FakeDispatchServer server;
        for (int round = 0; round < 200; ++round) {
            auto connection = std::make_unique<DispatchConnection>(settingsFor(server.address()));
            connection->start();
            QVERIFY(QTest::qWaitFor([&] { return connection->connected(); }, 60000));
            connection->createIncident(QStringLiteral("building_fire"), 2, 37.86, 112.55,
                                       QStringLiteral("迎泽大街 1 号"), QString());
            connection.reset();
        }
        QVERIFY(QTest::qWaitFor([&] { return server.openStreams() == 0; }, 60000));
    }

    void noServerMeansWaitingAndFailedCommands() {
        const flameblue::testing::ClosedLoopbackPort nobody;  // held, and nothing listens there
        DispatchConnection connection(settingsFor(nobody.address()));
        connection.start();
        QTRY_COMPARE(connection.state(), DispatchConnection::State::WaitingToReconnect);
        QVERIFY(!connection.connected());
        QSignalSpy failed(&connection, &DispatchConnection::commandFailed);
        connection.addNote(QStringLiteral("INC-1"), QStringLiteral("测试"));
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(2).toInt(), int(grpc::StatusCode::UNAVAILABLE));
        // Attempts keep coming, further apart each time.
        QSignalSpy state(&connection, &DispatchConnection::stateChanged);
        QTRY_VERIFY_WITH_TIMEOUT(state.count() >= 4, 10000);
        connection.stop();
    }
};

QTEST_GUILESS_MAIN(DispatchConnectionTest)
#include "dispatch_connection_test.moc"

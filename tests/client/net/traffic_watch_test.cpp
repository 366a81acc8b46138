// TrafficWatch against an in-process Traffic service: snapshots reach the Qt thread, a dropped
// stream is opened again, and nothing arrives after stop().
#include <grpcpp/grpcpp.h>

#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <chrono>
#include <thread>

#include "flameblue/v1/traffic.grpc.pb.h"
#include "net/traffic_watch.h"

using namespace flameblue::console;
namespace pb = flameblue::v1;

namespace {

// Sends a snapshot per interval; the first call ends after two (a dropped stream).
class FakeTraffic final : public pb::Traffic::Service {
public:
    grpc::Status WatchTraffic(grpc::ServerContext* ctx, const pb::WatchTrafficRequest* req,
                              grpc::ServerWriter<pb::TrafficSnapshot>* writer) override {
        const int call = ++calls;
        lastInterval = req->interval_s();
        lastOperator.clear();
        auto it = ctx->client_metadata().find("x-flameblue-operator");
        if (it != ctx->client_metadata().end())
            lastOperator = std::string(it->second.data(), it->second.size());
        for (int n = 0; !ctx->IsCancelled(); ++n) {
            if (call == 1 && n == 2)
                return {grpc::StatusCode::UNAVAILABLE, "receiver restarting"};
            pb::TrafficSnapshot s;
            pb::TrafficAircraft* a = s.add_aircraft();
            a->set_icao24("7c0003");
            a->set_callsign("CSN3287");
            a->mutable_fix()->mutable_position()->set_lat(37.7 + 0.01 * n);
            a->mutable_fix()->mutable_position()->set_lon(112.6);
            if (!writer->Write(s))
                break;
            ++written;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return grpc::Status::OK;
    }
    std::atomic<int> calls{0};
    std::atomic<int> written{0};
    std::atomic<double> lastInterval{0};
    std::string lastOperator;
};

}  // namespace

class TrafficWatchTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void receivesReconnectsAndStops();
};

void TrafficWatchTest::receivesReconnectsAndStops() {
    FakeTraffic service;
    int port = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&service);
    std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
    QVERIFY(server);

    TrafficWatch::Settings settings;
    settings.address = QStringLiteral("127.0.0.1:%1").arg(port);
    settings.operatorName = QStringLiteral("wang");
    settings.intervalSeconds = 0.5;
    settings.retry = std::chrono::milliseconds(100);
    TrafficWatch watch(settings);
    QSignalSpy snapshots(&watch, &TrafficWatch::snapshotReceived);
    QSignalSpy failures(&watch, &TrafficWatch::streamFailed);
    QVERIFY(!watch.running());
    watch.start();
    QVERIFY(watch.running());
    QTRY_VERIFY_WITH_TIMEOUT(failures.count() >= 1 && snapshots.count() >= 4, 10000);
    QCOMPARE(failures.first().at(0).toInt(), static_cast<int>(grpc::StatusCode::UNAVAILABLE));
    QVERIFY(service.calls.load() >= 2);  // opened again after the drop
    QCOMPARE(service.lastInterval.load(), 0.5);
    QCOMPARE(service.lastOperator, std::string("wang"));
    const auto first = snapshots.first().at(0).value<pb::TrafficSnapshot>();
    QCOMPARE(first.aircraft_size(), 1);
    QCOMPARE(first.aircraft(0).callsign(), std::string("CSN3287"));

    // Stop while snapshots are on their way: wait, without delivering anything on this thread,
    // until the service has written two more, so that the reader has handed some over.
    const int target = service.written.load() + 2;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (service.written.load() < target && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    QVERIFY(service.written.load() >= target);
    watch.stop();
    QVERIFY(!watch.running());
    // stop() has joined the reader: whatever it handed over is queued here already. Deliver all
    // of it; none of it may come out as a snapshot.
    const int seen = snapshots.count();
    QCoreApplication::sendPostedEvents();
    QCOMPARE(snapshots.count(), seen);  // nothing after stop()
    server->Shutdown();
}

QTEST_GUILESS_MAIN(TrafficWatchTest)
#include "traffic_watch_test.moc"

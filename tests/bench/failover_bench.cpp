// Console fail-over: three real flameblue-server processes on one PostgreSQL database (fsync
// on), one console connection given all three, commands flowing all the while. Each round kills
// the console's server with SIGKILL and times the user's wait: from the kill until the console
// is connected to another server and holds every event acknowledged before the kill. Counts
// events seen twice or never. The killed server is started again before the next round.
// Target: <= 5 s, nothing missed, nothing twice.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "../support/pg_cluster.h"
#include "bench_summary.h"
#include "net/dispatch_connection.h"
#include "server_runner.h"

namespace {

namespace pb = ::flameblue::v1;
using flameblue::console::DispatchConnection;
using flameblue::console::test::ServerRunner;

constexpr int kServers = 3;
constexpr qint64 kGiveUpMs = 60000;

// Creates incidents at whichever server answers, about 50 a second, and keeps the highest
// sequence number acknowledged.
class Writer {
public:
    explicit Writer(const std::vector<ServerRunner*>& servers) {
        for (ServerRunner* s : servers)
            m_stubs.push_back(s->stub());
        m_thread = std::thread([this] { run(); });
    }
    ~Writer() {
        m_stop = true;
        m_thread.join();
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    quint64 ackedSeq() const { return m_acked.load(); }
    int acknowledged() const { return m_count.load(); }

private:
    void run() {
        std::size_t at = 0;
        int n = 0;
        while (!m_stop) {
            grpc::ClientContext ctx;
            ctx.AddMetadata("x-flameblue-operator", "failover-bench");
            ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
            pb::CreateIncidentRequest request;
            request.set_type("building_fire");
            request.set_level(1);
            request.mutable_position()->set_lat(37.80 + 0.001 * (n % 100));
            request.mutable_position()->set_lon(112.55);
            request.set_address("fail-over bench " + std::to_string(++n));
            pb::CommandReply reply;
            if (m_stubs[at]->CreateIncident(&ctx, request, &reply).ok()) {
                ++m_count;
                m_acked.store(std::max<quint64>(m_acked.load(), reply.last_seq()));
            } else {
                at = (at + 1) % m_stubs.size();
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }

    std::vector<std::unique_ptr<pb::Dispatch::Stub>> m_stubs;
    std::atomic<bool> m_stop{false};
    std::atomic<quint64> m_acked{0};
    std::atomic<int> m_count{0};
    std::thread m_thread;
};

double quantile(std::vector<double> v, double q) {
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    int rounds = 5;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == "--rounds")
            rounds = std::max(1, std::atoi(argv[i + 1]));
    }

    flameblue::testing::PgCluster::Options pgOptions;
    pgOptions.durable = true;
    std::string error;
    auto cluster = flameblue::testing::PgCluster::start(pgOptions, &error);
    if (!cluster) {
        std::fprintf(stderr, "failover_bench: %s\n", error.c_str());
        return 1;
    }
    const QStringList store{QStringLiteral("--store"), QString::fromStdString(cluster->uri())};
    std::vector<std::unique_ptr<ServerRunner>> servers;
    std::vector<ServerRunner*> raw;
    QStringList addresses;
    for (int i = 0; i < kServers; ++i) {
        servers.push_back(std::make_unique<ServerRunner>());
        if (!servers.back()->start(store)) {
            std::fprintf(stderr, "failover_bench: server %d did not start:\n%s\n", i,
                         qPrintable(servers.back()->log()));
            return 1;
        }
        raw.push_back(servers.back().get());
        addresses.append(servers.back()->address());
    }

    DispatchConnection::Settings settings;
    settings.address = addresses.front();
    settings.failoverAddresses = addresses.mid(1);
    settings.operatorName = QStringLiteral("failover-bench");
    DispatchConnection connection(settings);
    std::vector<quint64> seen;
    QObject::connect(&connection, &DispatchConnection::eventReceived,
                     [&seen](const pb::Event& e) { seen.push_back(e.seq()); });
    connection.start();
    auto waitUntil = [&](auto done) {
        QElapsedTimer t;
        t.start();
        while (!done()) {
            if (t.elapsed() > kGiveUpMs)
                return false;
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            QThread::usleep(500);
        }
        return true;
    };
    if (!waitUntil([&] { return connection.connected() && connection.snapshotCount() == 1; })) {
        std::fprintf(stderr, "failover_bench: the console did not connect\n");
        return 1;
    }
    const quint64 snapshotSeq = connection.lastSeq();

    Writer writer(raw);
    std::vector<double> waits;
    int failedRounds = 0;
    for (int round = 0; round < rounds; ++round) {
        // Let commands flow for a moment at full strength.
        waitUntil([&] { return writer.acknowledged() >= (round + 1) * 50; });
        const QString victim = connection.serverAddress();
        const int index = static_cast<int>(addresses.indexOf(victim));
        const quint64 ackedBefore = writer.ackedSeq();
        QElapsedTimer sinceKill;
        sinceKill.start();
        servers[static_cast<std::size_t>(index)]->kill();
        const bool resumed = waitUntil([&] {
            return connection.connected() && connection.serverAddress() != victim &&
                   connection.lastSeq() >= ackedBefore;
        });
        if (resumed)
            waits.push_back(static_cast<double>(sinceKill.nsecsElapsed()) / 1e6);
        else
            ++failedRounds;
        std::printf("  round %d: killed %s, resumed at %s after %.0f ms\n", round + 1,
                    qPrintable(victim), qPrintable(connection.serverAddress()),
                    resumed ? waits.back() : -1.0);
        if (!servers[static_cast<std::size_t>(index)]->start(store)) {
            std::fprintf(stderr, "failover_bench: %s did not start again\n", qPrintable(victim));
            return 1;
        }
    }
    // Everything acknowledged reaches the console; then count what it saw.
    const quint64 finalAcked = writer.ackedSeq();
    waitUntil([&] { return connection.lastSeq() >= finalAcked; });
    connection.stop();
    if (std::getenv("FAILOVER_BENCH_DEBUG"))
        std::printf("  snapshots %d, snapshot seq %llu\n", connection.snapshotCount(),
                    static_cast<unsigned long long>(snapshotSeq));
    std::size_t twice = 0;
    std::size_t missed = 0;
    quint64 expect = snapshotSeq + 1;
    for (quint64 s : seen) {
        if (s < expect)
            ++twice;
        else {
            if (s > expect && std::getenv("FAILOVER_BENCH_DEBUG"))
                std::printf("  gap: %llu..%llu\n", static_cast<unsigned long long>(expect),
                            static_cast<unsigned long long>(s - 1));
            missed += s - expect;
            expect = s + 1;
        }
    }

    const double p50 = quantile(waits, 0.5);
    const double mx = quantile(waits, 1.0);
    const bool met = failedRounds == 0 && mx <= 5000.0 && twice == 0 && missed == 0;
    std::printf(
        "failover_bench: %d servers on one PostgreSQL database (fsync on), one console given "
        "all of them, %d rounds of SIGKILL of its server with commands flowing\n",
        kServers, rounds);
    std::printf("  resumed at another server: p50 %.0f ms, max %.0f ms (%d rounds not resumed)\n",
                p50, mx, failedRounds);
    std::printf("  events seen %zu, twice %zu, never %zu; commands acknowledged %d\n", seen.size(),
                twice, missed, writer.acknowledged());
    using flameblue::bench::format;
    using flameblue::bench::summaryLine;
    summaryLine("failover_bench",
                format("SIGKILL of the console's server to the console resumed at another, max "
                       "of %d",
                       rounds),
                format("%.0f ms (p50 %.0f ms)", mx, p50), "-", "<= 5 s",
                flameblue::bench::verdict(met));
    summaryLine("failover_bench", "events seen twice / never (of all after the snapshot)",
                format("%zu / %zu (of %zu)", twice, missed, seen.size()), "-", "0 / 0",
                flameblue::bench::verdict(twice == 0 && missed == 0));
    return 0;
}

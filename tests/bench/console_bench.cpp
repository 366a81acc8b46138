// Console start-up and memory with the real programs: starts flameblue-server on the Shanxi
// demo data, then flameblue-console --report-startup several times, and measures the time from
// starting the console process to the first frame with the whole province drawn (snapshot
// applied, base map and every live layer on screen). Then keeps one console running while the
// simulator drives the units of a dozen dispatched incidents, and reports its memory.
//
// Run under Xvfb with Mesa's OpenGL (the offscreen platform skips the map's geometry):
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/bench/console_bench [--runs N]
//       [--traffic-seconds S]
// Target: start to a fully drawn province map <= 2 s.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QThread>

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "bench_summary.h"
#include "server_runner.h"

namespace pb = ::flameblue::v1;
using flameblue::console::test::ServerRunner;

namespace {

constexpr int kDrawnTimeoutMs = 60000;
constexpr int kDefaultRuns = 7;
constexpr int kDefaultTrafficSeconds = 60;

struct Memory {
    long rssKb = -1;
    long hwmKb = -1;
};

Memory memoryOf(qint64 pid) {
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    Memory m;
    if (!f.open(QIODevice::ReadOnly)) {
        return m;
    }
    for (const QByteArray& line : f.readAll().split('\n')) {
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.size() >= 2 && parts[0] == "VmRSS:") {
            m.rssKb = parts[1].toLong();
        } else if (parts.size() >= 2 && parts[0] == "VmHWM:") {
            m.hwmKb = parts[1].toLong();
        }
    }
    return m;
}

struct Drawn {
    bool ok = false;
    double outsideMs = 0;  // QProcess::start to the line read here
    double insideMs = 0;   // the console's own figure, from the kernel's process start time
    QString error;
};

class Console {
public:
    explicit Console(const QString& server) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!env.contains(QStringLiteral("QSG_RHI_BACKEND"))) {
            env.insert(QStringLiteral("QSG_RHI_BACKEND"), QStringLiteral("opengl"));
        }
        m_process.setProcessEnvironment(env);
        m_process.setProgram(QStringLiteral(FLAMEBLUE_CONSOLE_BIN));
        m_process.setArguments({QStringLiteral("--server"), server, QStringLiteral("--operator"),
                                QStringLiteral("bench"), QStringLiteral("--lang"),
                                QStringLiteral("zh_CN"), QStringLiteral("--report-startup")});
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
    }
    ~Console() { stop(); }
    Console(const Console&) = delete;
    Console& operator=(const Console&) = delete;

    Drawn startAndWaitDrawn() {
        Drawn d;
        QElapsedTimer clock;
        clock.start();
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            d.error = QStringLiteral("cannot start the console: ") + m_process.errorString();
            return d;
        }
        static const QRegularExpression drawn(
            QStringLiteral("province drawn (\\d+) ms after start"));
        QByteArray out;
        while (clock.elapsed() < kDrawnTimeoutMs) {
            if (m_process.state() != QProcess::Running) {
                d.error = QStringLiteral("the console exited: ") +
                          QString::fromLocal8Bit(m_process.readAllStandardError()).trimmed();
                return d;
            }
            if (m_process.waitForReadyRead(50)) {
                out += m_process.readAllStandardOutput();
            }
            const auto match = drawn.match(QString::fromLocal8Bit(out));
            if (match.hasMatch()) {
                d.outsideMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
                d.insideMs = match.captured(1).toDouble();
                d.ok = true;
                return d;
            }
        }
        d.error = QStringLiteral("no drawn report within %1 s").arg(kDrawnTimeoutMs / 1000);
        return d;
    }
    qint64 pid() const { return m_process.processId(); }
    bool running() const { return m_process.state() == QProcess::Running; }
    void stop() {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(10000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }

private:
    QProcess m_process;
};

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

void addOperator(grpc::ClientContext& ctx) {
    ctx.AddMetadata("x-flameblue-operator", "bench");
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
}

// One building fire per city seat, each sent its full recommended response: the simulator
// then drives a few dozen units across the province.
int dispatchAcrossProvince(pb::Dispatch::Stub& stub) {
    struct Seat {
        double lat;
        double lon;
    };
    const std::vector<Seat> seats = {{37.869, 112.560}, {40.094, 113.291}, {37.858, 113.563},
                                     {36.184, 113.105}, {35.502, 112.833}, {39.330, 112.427},
                                     {37.684, 112.755}, {35.023, 110.993}, {38.409, 112.733},
                                     {36.089, 111.519}, {37.524, 111.128}};
    int dispatched = 0;
    for (const Seat& s : seats) {
        pb::CreateIncidentRequest create;
        create.set_type("building_fire");
        create.set_level(2);
        create.mutable_position()->set_lat(s.lat + 0.02);
        create.mutable_position()->set_lon(s.lon + 0.02);
        create.set_address("bench");
        pb::CommandReply created;
        grpc::ClientContext c1;
        addOperator(c1);
        if (!stub.CreateIncident(&c1, create, &created).ok()) {
            continue;
        }
        pb::RecommendRequest recommend;
        recommend.set_incident_id(created.incident().id());
        pb::Recommendation rec;
        grpc::ClientContext c2;
        addOperator(c2);
        if (!stub.Recommend(&c2, recommend, &rec).ok() || rec.unit_ids().empty()) {
            continue;
        }
        pb::DispatchUnitsRequest dispatch;
        dispatch.set_incident_id(created.incident().id());
        *dispatch.mutable_unit_ids() = rec.unit_ids();
        pb::CommandReply reply;
        grpc::ClientContext c3;
        addOperator(c3);
        if (stub.DispatchUnits(&c3, dispatch, &reply).ok()) {
            dispatched += rec.unit_ids_size();
        }
    }
    return dispatched;
}

int intOption(const QStringList& args, const QString& name, int fallback) {
    const auto i = args.indexOf(name);
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1).toInt() : fallback;
}

}  // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    const int runs = std::max(1, intOption(args, QStringLiteral("--runs"), kDefaultRuns));
    const int trafficSeconds =
        std::max(0, intOption(args, QStringLiteral("--traffic-seconds"), kDefaultTrafficSeconds));
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
        std::fprintf(stderr, "console_bench: no display; run it under xvfb-run -a\n");
        return 2;
    }

    ServerRunner server;
    if (!server.start(
            {QStringLiteral("--simulate"), QStringLiteral("--sim-speed"), QStringLiteral("5")})) {
        std::fprintf(stderr, "console_bench: the server did not start:\n%s\n",
                     qPrintable(server.log()));
        return 1;
    }
    std::printf("server %s on the demo data, head seq %llu\n", qPrintable(server.address()),
                static_cast<unsigned long long>(server.headSeq()));

    std::vector<double> outside;
    std::vector<double> inside;
    for (int run = 1; run <= runs; ++run) {
        Console console(server.address());
        const Drawn d = console.startAndWaitDrawn();
        if (!d.ok) {
            std::fprintf(stderr, "run %d: %s\n", run, qPrintable(d.error));
            return 1;
        }
        const Memory m = memoryOf(console.pid());
        std::printf(
            "run %d: start to drawn province %.0f ms (console's own figure %.0f ms), "
            "VmRSS %ld kB\n",
            run, d.outsideMs, d.insideMs, m.rssKb);
        std::fflush(stdout);
        outside.push_back(d.outsideMs);
        inside.push_back(d.insideMs);
    }

    Console console(server.address());
    const Drawn d = console.startAndWaitDrawn();
    if (!d.ok) {
        std::fprintf(stderr, "memory run: %s\n", qPrintable(d.error));
        return 1;
    }
    QThread::msleep(2000);
    const Memory atStart = memoryOf(console.pid());
    const quint64 seqBefore = server.headSeq();
    auto stub = server.stub();
    const int dispatched = dispatchAcrossProvince(*stub);
    QElapsedTimer traffic;
    traffic.start();
    // A sample every 15 s: growth that keeps going would be a leak, a plateau is caches.
    constexpr qint64 kSampleMs = 15000;
    qint64 nextSampleMs = kSampleMs;
    while (traffic.elapsed() < trafficSeconds * 1000LL && console.running()) {
        QThread::msleep(200);
        if (traffic.elapsed() >= nextSampleMs) {
            const Memory m = memoryOf(console.pid());
            std::printf("  traffic %3lld s: VmRSS %ld kB, VmHWM %ld kB\n", nextSampleMs / 1000,
                        m.rssKb, m.hwmKb);
            std::fflush(stdout);
            nextSampleMs += kSampleMs;
        }
    }
    if (!console.running()) {
        std::fprintf(stderr, "the console stopped during the traffic\n");
        return 1;
    }
    const Memory afterTraffic = memoryOf(console.pid());
    const quint64 seqAfter = server.headSeq();

    std::printf(
        "\nconsole start to a fully drawn province map over %d runs: median %.0f ms, "
        "max %.0f ms (console's own: median %.0f ms, max %.0f ms); target <= 2000 ms\n",
        runs, percentile(outside, 0.5), percentile(outside, 1.0), percentile(inside, 0.5),
        percentile(inside, 1.0));
    std::printf("console memory 2 s after drawn: VmRSS %ld kB, VmHWM %ld kB\n", atStart.rssKb,
                atStart.hwmKb);
    std::printf(
        "console memory after %d s of simulated traffic (%d units dispatched to 11 "
        "incidents, %llu events): VmRSS %ld kB, VmHWM %ld kB\n",
        trafficSeconds, dispatched, static_cast<unsigned long long>(seqAfter - seqBefore),
        afterTraffic.rssKb, afterTraffic.hwmKb);

    using flameblue::bench::format;
    const double medianMs = percentile(outside, 0.5);
    const double maxMs = percentile(outside, 1.0);
    flameblue::bench::summaryLine(
        "console_bench", format("console start to a fully drawn province map, median of %d", runs),
        format("%.0f ms", medianMs), "-", "<= 2000 ms",
        flameblue::bench::verdict(medianMs <= 2000.0));
    flameblue::bench::summaryLine("console_bench", "console start to a drawn map, slowest run",
                                  format("%.0f ms", maxMs), "-", "<= 2000 ms",
                                  flameblue::bench::verdict(maxMs <= 2000.0));
    flameblue::bench::summaryLine(
        "console_bench", format("console VmRSS after %d s of simulated traffic", trafficSeconds),
        format("%ld MB (%ld MB when drawn)", afterTraffic.rssKb / 1024, atStart.rssKb / 1024));
    return 0;
}

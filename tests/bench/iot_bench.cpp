// Building alarm panels through a real Mosquitto broker into the real server: 10,000 monitored
// panel devices each sending a heartbeat every 60 s, plus 100 fire alarms per second (each from a
// detector not heard in alarm before, so each one is an event), for --seconds. Measures, per
// alarm, from the moment it is handed to the broker to the moment a Subscribe stream delivers the
// draft event it caused (alarm_draft_raised or alarm_draft_corroborated), and the server's CPU
// time over the load window from /proc/<pid>/stat. Targets: p99 <= 500 ms, server CPU <= 50 % of
// one core, nothing lost.
//
//   iot_bench [--seconds N] [--devices N] [--alarms-per-second N]
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "../e2e/server_process.h"
#include "bench_summary.h"
#include "flameblue/v1/traffic.grpc.pb.h"
#include "support/mosquitto_broker.h"

using namespace flameblue::e2e;
using namespace std::chrono_literals;
using flameblue::bench::format;
using flameblue::bench::summaryLine;
using flameblue::bench::verdict;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    int seconds = 30;
    int devices = 10'000;
    int alarmsPerSecond = 100;
};

constexpr int kPanelsPerBuilding = 4;

std::string deviceId(int i) {
    return format("BENCH-B%05d-P%d", i / kPanelsPerBuilding, i % kPanelsPerBuilding + 1);
}

// A registry of devices / 4 buildings spread over central Taiyuan.
void writeBuildings(const std::filesystem::path& file, int devices) {
    std::ofstream out(file);
    out << R"({"notice":"benchmark buildings","buildings":[)";
    const int buildings = (devices + kPanelsPerBuilding - 1) / kPanelsPerBuilding;
    for (int b = 0; b < buildings; ++b) {
        const double lat = 37.80 + 0.0012 * (b % 100);
        const double lon = 112.48 + 0.0015 * (b / 100);
        out << (b ? "," : "") << format(R"({"id":"BENCH-B%05d",)", b)
            << R"("name_zh":"基准楼","name_en":"Benchmark building","kind":"high_rise",)"
            << R"("city":"taiyuan",)" << format(R"("lat":%.5f,"lon":%.5f,)", lat, lon)
            << R"("floors":30,"devices":[)";
        for (int p = 0; p < kPanelsPerBuilding && b * kPanelsPerBuilding + p < devices; ++p)
            out << (p ? "," : "") << R"({"id":")" << deviceId(b * kPanelsPerBuilding + p)
                << R"(","zone":"floor"})";
        out << "]}";
    }
    out << R"(],"recommendations":{"high_rise":{"incident_type":"high_rise_fire","level":2}}})";
}

std::int64_t wallMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string message(const std::string& device, std::uint64_t seq, const char* type) {
    return R"({"v":1,"device":")" + device + R"(","seq":)" + std::to_string(seq) + R"(,"ts":)" +
           std::to_string(wallMs()) + R"(,"type":")" + type + "\"}";
}

// utime + stime of a process, in seconds.
double cpuSeconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string all;
    std::getline(in, all);
    const auto close = all.rfind(')');
    if (close == std::string::npos)
        return 0.0;
    std::istringstream rest(all.substr(close + 2));
    std::string field;
    double utime = 0;
    double stime = 0;
    // Fields after the command: state is field 3; utime is 14 and stime 15.
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14)
            utime = std::stod(field);
        if (i == 15)
            stime = std::stod(field);
    }
    return (utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::string loadAverage() {
    std::ifstream f("/proc/loadavg");
    std::string a, b, c;
    f >> a >> b >> c;
    return a + " " + b + " " + c;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const int v = std::atoi(argv[i + 1]);
        if (a == "--seconds")
            o.seconds = std::max(1, v);
        else if (a == "--devices")
            o.devices = std::max(kPanelsPerBuilding, v);
        else if (a == "--alarms-per-second")
            o.alarmsPerSecond = std::max(1, v);
    }
    const int alarms = std::min(o.devices, o.seconds * o.alarmsPerSecond);
    TempDir tmp("flameblue-iot-bench");
    writeBuildings(tmp / "buildings.json", o.devices);
    std::string error;
    auto broker = flameblue::testing::MosquittoBroker::start(tmp / "broker", &error);
    if (!broker) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    ServerConfig config;
    config.stateDir = tmp / "state";
    config.extraArgs = {"--mqtt", broker->address(), "--buildings",
                        (tmp / "buildings.json").string()};
    auto server = ServerProcess::start(config, &error);
    if (!server) {
        std::fprintf(stderr, "server did not start: %s\n", error.c_str());
        return 1;
    }
    auto traffic = flameblue::v1::Traffic::NewStub(server->channel());
    auto mqttUp = [&] {
        grpc::ClientContext c;
        withDeadline(c, 5s);
        flameblue::v1::ListFeedsReply r;
        if (!traffic->ListFeeds(&c, {}, &r).ok())
            return false;
        for (const auto& f : r.feeds()) {
            if (f.kind() == "mqtt")
                return f.up();
        }
        return false;
    };
    for (int i = 0; i < 200 && !mqttUp(); ++i)
        std::this_thread::sleep_for(50ms);

    // Alarm i is from device i; its publish time is recorded before it is handed over.
    std::vector<Clock::time_point> published(static_cast<std::size_t>(alarms));
    std::vector<std::atomic<bool>> sent(static_cast<std::size_t>(alarms));
    std::unordered_map<std::string, int> index;
    for (int i = 0; i < alarms; ++i)
        index.emplace(deviceId(i), i);
    std::mutex mutex;
    std::vector<double> latencies;
    std::atomic<bool> snapshotDone{false};
    grpc::ClientContext subCtx;
    auto stub = server->stub();
    auto reader = stub->Subscribe(&subCtx, pb::SubscribeRequest{});
    std::thread subscriber([&] {
        pb::SubscribeResponse r;
        auto look = [&](const pb::Event& e) {
            if (e.alarm_drafts_size() != 1 ||
                (e.kind() != "alarm_draft_raised" && e.kind() != "alarm_draft_corroborated"))
                return;
            const auto now = Clock::now();
            const auto& devices = e.alarm_drafts(0).devices();
            auto it = index.find(devices.at(devices.size() - 1));
            if (it == index.end() || !sent[static_cast<std::size_t>(it->second)].load())
                return;
            const auto ms = std::chrono::duration<double, std::milli>(
                                now - published[static_cast<std::size_t>(it->second)])
                                .count();
            std::lock_guard lock(mutex);
            latencies.push_back(ms);
        };
        while (reader->Read(&r)) {
            if (r.has_snapshot_end())
                snapshotDone = true;
            if (r.has_event())
                look(r.event());
            for (const auto& e : r.events().events())
                look(e);
        }
    });
    while (!snapshotDone)
        std::this_thread::sleep_for(10ms);

    flameblue::testing::MqttPublisher publisher(broker->port(), "iot-bench");
    if (!publisher.connected()) {
        std::fprintf(stderr, "cannot connect to the broker\n");
        return 1;
    }
    const std::string loadBefore = loadAverage();
    const double cpu0 = cpuSeconds(server->pid());
    const auto t0 = Clock::now();
    const auto end = t0 + std::chrono::seconds(o.seconds);
    const double heartbeatsPerSecond = o.devices / 60.0;
    std::uint64_t heartbeats = 0;
    int alarmed = 0;
    std::vector<std::uint64_t> seq(static_cast<std::size_t>(o.devices), 0);
    std::uint64_t failed = 0;
    while (Clock::now() < end) {
        const double elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
        // Heartbeats round-robin over all devices, alarms in device order.
        const auto dueBeats = static_cast<std::uint64_t>(elapsed * heartbeatsPerSecond);
        while (heartbeats < dueBeats) {
            const auto d =
                static_cast<std::size_t>(heartbeats % static_cast<std::uint64_t>(o.devices));
            failed +=
                publisher.publish("flameblue/v1/panel/" + deviceId(static_cast<int>(d)),
                                  message(deviceId(static_cast<int>(d)), ++seq[d], "heartbeat"))
                    ? 0
                    : 1;
            ++heartbeats;
        }
        const int dueAlarms = std::min(alarms, static_cast<int>(elapsed * o.alarmsPerSecond));
        while (alarmed < dueAlarms) {
            const auto d = static_cast<std::size_t>(alarmed);
            const std::string id = deviceId(alarmed);
            const std::string payload = message(id, ++seq[d], "fire_alarm");
            published[d] = Clock::now();
            sent[d] = true;
            failed += publisher.publish("flameblue/v1/panel/" + id, payload) ? 0 : 1;
            ++alarmed;
        }
        std::this_thread::sleep_for(2ms);
    }
    const double window = std::chrono::duration<double>(Clock::now() - t0).count();
    const double cpu1 = cpuSeconds(server->pid());
    // Late draft events still count (their latency says how late).
    const auto drainUntil = Clock::now() + 10s;
    while (Clock::now() < drainUntil) {
        {
            std::lock_guard lock(mutex);
            if (latencies.size() >= static_cast<std::size_t>(alarmed))
                break;
        }
        std::this_thread::sleep_for(20ms);
    }
    subCtx.TryCancel();
    subscriber.join();
    const std::string loadAfter = loadAverage();
    std::vector<double> lat;
    {
        std::lock_guard lock(mutex);
        lat = latencies;
    }
    const double p50 = percentile(lat, 0.50);
    const double p99 = percentile(lat, 0.99);
    const double pmax = lat.empty() ? 0.0 : *std::max_element(lat.begin(), lat.end());
    const double cpuPercent = 100.0 * (cpu1 - cpu0) / window;
    const auto missing = static_cast<long>(alarmed) - static_cast<long>(lat.size());
    std::printf("iot_bench: %d devices (heartbeat every 60 s: %.0f/s), %d alarms/s for %.1f s\n",
                o.devices, heartbeatsPerSecond, o.alarmsPerSecond, window);
    std::printf("  published %llu heartbeats and %d alarms (%llu refused by the client)\n",
                static_cast<unsigned long long>(heartbeats), alarmed,
                static_cast<unsigned long long>(failed));
    std::printf(
        "  alarm -> draft on a subscriber: p50 %.1f ms, p99 %.1f ms, max %.1f ms; %zu of "
        "%d drafts delivered, %ld missing\n",
        p50, p99, pmax, lat.size(), alarmed, missing);
    std::printf("  server CPU: %.1f %% of one core over the load window\n", cpuPercent);
    std::printf("  load average %s before, %s after (the machine may be shared)\n",
                loadBefore.c_str(), loadAfter.c_str());
    summaryLine("iot_bench", "alarm to draft on a subscriber, p99", format("%.1f ms", p99), "-",
                "<= 500 ms", verdict(p99 <= 500.0 && missing == 0));
    summaryLine("iot_bench", "alarm to draft, p50", format("%.1f ms", p50));
    summaryLine("iot_bench", "drafts missing", format("%ld of %d", missing, alarmed), "-", "0",
                verdict(missing == 0));
    summaryLine("iot_bench", "server CPU under 10,000 heartbeats/min + 100 alarms/s",
                format("%.1f %% of one core", cpuPercent), "-", "<= 50 %",
                verdict(cpuPercent <= 50.0));
    server->stop();
    return 0;
}

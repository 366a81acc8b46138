// Several command centres on one PostgreSQL database: how long after a command is acknowledged at
// one server its event reaches the consoles of the others.
//
//   multisite_bench [--servers 3] [--subscribers 10] [--rate 2000] [--seconds 20]
//                   [--writers 16] [--warmup 3]
//
// The bench starts a throw-away PostgreSQL cluster (fsync on) and `servers` real flameblue-server
// processes on its database, `subscribers` gRPC consoles on each (Subscribe, every event), and
// `writers` client threads per server sending UpdateIncident commands (each thread its own
// incident, a new description each time) paced to `rate` commands in all per second. Every
// command writes one event that is never conflated. Propagation is from the moment the command's
// reply reached its client (acknowledged, durable) to the moment a console of another server has
// decoded the event: steady clock on both sides, same machine (an event that is there before the
// reply reached its own client counts as 0 ms). As an upper bound the bench also prints the time
// from the command's sending, which includes the decision, the durable commit and the reply. An
// event that a console of another server never receives within the drain time counts as
// dropped.
//
// Target (issue #10): p99 <= 50 ms at 2,000 events/s with 3 servers and 10 subscribers each.
// Everything (the database, every server, writer and console) shares this machine's cores; the
// load average is printed before and after.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "../e2e/server_process.h"
#include "bench_summary.h"
#include "pg_cluster.h"

namespace {

namespace fs = std::filesystem;
using namespace flameblue::e2e;
using flameblue::testing::PgCluster;
using SteadyClock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr double kDrainSeconds = 20.0;

struct Options {
    int servers = 3;
    int subscribers = 10;
    double rate = 2000.0;
    double seconds = 20.0;
    double warmup = 3.0;
    int writers = 16;
};

bool parse(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
        if (!v) {
            std::fprintf(stderr, "multisite_bench: %s needs a value\n", a.c_str());
            return false;
        }
        if (a == "--servers")
            o.servers = std::atoi(v);
        else if (a == "--subscribers")
            o.subscribers = std::atoi(v);
        else if (a == "--rate")
            o.rate = std::atof(v);
        else if (a == "--seconds")
            o.seconds = std::atof(v);
        else if (a == "--warmup")
            o.warmup = std::atof(v);
        else if (a == "--writers")
            o.writers = std::atoi(v);
        else {
            std::fprintf(stderr, "multisite_bench: unknown argument %s\n", a.c_str());
            return false;
        }
        ++i;
    }
    if (o.servers < 2 || o.subscribers < 1 || o.rate <= 0 || o.seconds <= 0 || o.writers < 1) {
        std::fprintf(stderr, "multisite_bench: needs at least 2 servers, 1 subscriber, 1 writer\n");
        return false;
    }
    return true;
}

std::string loadAverage() {
    std::ifstream f("/proc/loadavg");
    std::string a, b, c;
    f >> a >> b >> c;
    return a + " " + b + " " + c;
}

// One console: the arrival time of every event seq it decodes.
struct Console {
    int server = 0;
    grpc::ClientContext ctx;
    std::unique_ptr<pb::Dispatch::Stub> stub;
    std::unique_ptr<grpc::ClientReader<pb::SubscribeResponse>> reader;
    std::thread thread;
    std::mutex mutex;
    std::unordered_map<std::uint64_t, SteadyClock::time_point> arrivals;
    std::atomic<bool> ready{false};
    std::atomic<std::uint64_t> head{0};
};

struct Ack {
    std::uint64_t seq = 0;
    int server = 0;
    SteadyClock::time_point sent;
    SteadyClock::time_point at;
};

double quantile(std::vector<double>& v, double q) {
    if (v.empty())
        return 0.0;
    const std::size_t i =
        std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
    return v[i];
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse(argc, argv, o))
        return 2;
    const std::string loadBefore = loadAverage();
    std::string error;
    PgCluster::Options clusterOptions;
    clusterOptions.durable = true;
    if (const char* dir = std::getenv("FLAMEBLUE_BENCH_DIR"))
        clusterOptions.parent = dir;
    auto cluster = PgCluster::start(clusterOptions, &error);
    if (!cluster) {
        std::fprintf(stderr, "multisite_bench: %s\n", error.c_str());
        return 1;
    }
    TempDir tmp("flameblue-multisite-bench");
    std::vector<std::unique_ptr<ServerProcess>> servers;
    for (int s = 0; s < o.servers; ++s) {
        ServerConfig config;
        config.stateDir = tmp / ("server-" + std::to_string(s));
        config.extraArgs = {"--store", cluster->uri()};
        auto server = ServerProcess::start(config, &error);
        if (!server) {
            std::fprintf(stderr, "multisite_bench: server %d: %s\n", s, error.c_str());
            return 1;
        }
        servers.push_back(std::move(server));
    }

    // Every writer's incident, created at its own server.
    const int writerCount = o.writers * o.servers;
    std::vector<std::string> incidents(static_cast<std::size_t>(writerCount));
    for (int w = 0; w < writerCount; ++w) {
        auto stub = servers[static_cast<std::size_t>(w % o.servers)]->stub();
        pb::CreateIncidentRequest r;
        r.set_type("building_fire");
        r.set_level(1);
        r.mutable_position()->set_lat(37.8706);
        r.mutable_position()->set_lon(112.5489);
        r.set_address("multisite bench " + std::to_string(w));
        grpc::ClientContext ctx;
        asOperator(ctx, "bench-" + std::to_string(w));
        withDeadline(ctx);
        pb::CommandReply reply;
        const grpc::Status st = stub->CreateIncident(&ctx, r, &reply);
        if (!st.ok()) {
            std::fprintf(stderr, "multisite_bench: CreateIncident: %s\n",
                         st.error_message().c_str());
            return 1;
        }
        incidents[static_cast<std::size_t>(w)] = reply.incident().id();
    }

    std::vector<std::unique_ptr<Console>> consoles;
    for (int s = 0; s < o.servers; ++s) {
        for (int c = 0; c < o.subscribers; ++c) {
            auto console = std::make_unique<Console>();
            console->server = s;
            console->stub = servers[static_cast<std::size_t>(s)]->stub();
            pb::SubscribeRequest req;
            req.set_max_events_per_message(256);
            console->reader = console->stub->Subscribe(&console->ctx, req);
            Console* self = console.get();
            console->thread = std::thread([self] {
                pb::SubscribeResponse msg;
                auto take = [self](const pb::Event& e) {
                    const auto now = SteadyClock::now();
                    std::lock_guard lock(self->mutex);
                    self->arrivals.emplace(e.seq(), now);
                    self->head = std::max<std::uint64_t>(self->head, e.seq());
                };
                while (self->reader->Read(&msg)) {
                    if (msg.has_snapshot_begin()) {
                        self->head = msg.snapshot_begin().seq();
                    } else if (msg.has_snapshot_end()) {
                        self->ready = true;
                    } else if (msg.has_event()) {
                        take(msg.event());
                    } else if (msg.has_events()) {
                        for (const pb::Event& e : msg.events().events())
                            take(e);
                    }
                }
                self->reader->Finish();
            });
            consoles.push_back(std::move(console));
        }
    }
    for (auto& c : consoles) {
        while (!c->ready)
            std::this_thread::sleep_for(10ms);
    }

    // Writers: open loop, each on its own schedule; acknowledged events after the warm-up count.
    std::mutex acksMutex;
    std::vector<Ack> acks;
    std::atomic<std::uint64_t> sent{0}, failed{0};
    std::string firstFailure;
    std::vector<double> commandMs;
    const auto start = SteadyClock::now() + 200ms;
    const auto measureFrom = start + std::chrono::duration_cast<SteadyClock::duration>(
                                         std::chrono::duration<double>(o.warmup));
    const auto end = measureFrom + std::chrono::duration_cast<SteadyClock::duration>(
                                       std::chrono::duration<double>(o.seconds));
    const auto interval = std::chrono::duration_cast<SteadyClock::duration>(
        std::chrono::duration<double>(writerCount / o.rate));
    std::vector<std::thread> writers;
    for (int w = 0; w < writerCount; ++w) {
        writers.emplace_back([&, w] {
            const int server = w % o.servers;
            auto stub = servers[static_cast<std::size_t>(server)]->stub();
            std::vector<Ack> mine;
            std::vector<double> rtt;
            auto next = start + interval * w / writerCount;
            for (std::uint64_t n = 0; next < end; ++n, next += interval) {
                std::this_thread::sleep_until(next);
                pb::UpdateIncidentRequest r;
                r.set_incident_id(incidents[static_cast<std::size_t>(w)]);
                r.set_description("tick " + std::to_string(n));
                grpc::ClientContext ctx;
                asOperator(ctx, "bench-" + std::to_string(w));
                withDeadline(ctx);
                pb::CommandReply reply;
                const auto before = SteadyClock::now();
                const grpc::Status st = stub->UpdateIncident(&ctx, r, &reply);
                const auto at = SteadyClock::now();
                ++sent;
                if (!st.ok()) {
                    if (failed++ == 0) {
                        std::lock_guard lock(acksMutex);
                        firstFailure = std::to_string(st.error_code()) + " " + st.error_message();
                    }
                    continue;
                }
                if (before >= measureFrom) {
                    mine.push_back(Ack{reply.last_seq(), server, before, at});
                    rtt.push_back(std::chrono::duration<double, std::milli>(at - before).count());
                }
            }
            std::lock_guard lock(acksMutex);
            acks.insert(acks.end(), mine.begin(), mine.end());
            commandMs.insert(commandMs.end(), rtt.begin(), rtt.end());
        });
    }
    for (auto& t : writers)
        t.join();
    std::uint64_t maxSeq = 0;
    for (const Ack& a : acks)
        maxSeq = std::max(maxSeq, a.seq);
    const auto drainUntil = SteadyClock::now() + std::chrono::duration_cast<SteadyClock::duration>(
                                                     std::chrono::duration<double>(kDrainSeconds));
    for (auto& c : consoles) {
        while (c->head < maxSeq && SteadyClock::now() < drainUntil)
            std::this_thread::sleep_for(10ms);
    }
    const std::string loadAfter = loadAverage();

    std::vector<double> propagation;
    std::vector<double> fromSend;
    std::uint64_t dropped = 0, early = 0;
    for (auto& c : consoles) {
        std::lock_guard lock(c->mutex);
        for (const Ack& a : acks) {
            if (a.server == c->server)
                continue;
            const auto it = c->arrivals.find(a.seq);
            if (it == c->arrivals.end()) {
                ++dropped;
                continue;
            }
            fromSend.push_back(
                std::chrono::duration<double, std::milli>(it->second - a.sent).count());
            double ms = std::chrono::duration<double, std::milli>(it->second - a.at).count();
            if (ms < 0) {
                ++early;  // reached the other server's console before the reply reached its client
                ms = 0;
            }
            propagation.push_back(ms);
        }
    }
    for (auto& c : consoles)
        c->ctx.TryCancel();
    for (auto& c : consoles)
        c->thread.join();

    const double achieved = static_cast<double>(acks.size()) / o.seconds;
    const double p50 = quantile(propagation, 0.50);
    const double p90 = quantile(propagation, 0.90);
    const double p99 = quantile(propagation, 0.99);
    const double mx = quantile(propagation, 1.0);
    const double s50 = quantile(fromSend, 0.50);
    const double s99 = quantile(fromSend, 0.99);
    const double c50 = quantile(commandMs, 0.50);
    const double c99 = quantile(commandMs, 0.99);
    std::printf(
        "multisite_bench: %d servers on one PostgreSQL database (fsync on), %d consoles each, "
        "%d writers, %.0f commands/s asked, %.1f s measured\n",
        o.servers, o.subscribers, writerCount, o.rate, o.seconds);
    std::printf("  load average before %s, after %s (%u cores)\n", loadBefore.c_str(),
                loadAfter.c_str(), std::thread::hardware_concurrency());
    std::printf("  acknowledged          %zu (%.0f events/s), failed %llu\n", acks.size(), achieved,
                static_cast<unsigned long long>(failed.load()));
    if (!firstFailure.empty())
        std::printf("  first failure         %s\n", firstFailure.c_str());
    std::printf("  command round trip    p50 %.1f ms  p99 %.1f ms\n", c50, c99);
    std::printf("  propagation, ack at one server -> console of another (%zu deliveries)\n",
                propagation.size());
    std::printf("                        p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms\n", p50,
                p90, p99, mx);
    std::printf(
        "  dropped               %llu (never reached a console of another server within "
        "%.0f s)\n",
        static_cast<unsigned long long>(dropped), kDrainSeconds);
    std::printf("  before the ack        %llu (counted as 0 ms)\n",
                static_cast<unsigned long long>(early));
    const bool rateMet = achieved >= 0.95 * o.rate;
    const bool met = p99 <= 50.0 && dropped == 0;
    std::printf("  target p99 <= 50 ms, nothing dropped: %s%s\n", met ? "met" : "MISSED",
                rateMet ? "" : " (the asked rate was not reached)");

    using flameblue::bench::format;
    using flameblue::bench::summaryLine;
    summaryLine("multisite_bench",
                format("propagation p99, ack at one server to a console of another (%d servers x "
                       "%d consoles)",
                       o.servers, o.subscribers),
                format("%.1f ms", p99), "-", "<= 50 ms, none dropped",
                flameblue::bench::verdict(met));
    summaryLine("multisite_bench", "propagation p50", format("%.1f ms", p50));
    summaryLine("multisite_bench", "command sent to a console of another server, p50 / p99",
                format("%.1f / %.1f ms", s50, s99));
    summaryLine("multisite_bench", "acknowledged events/s (asked)",
                format("%.0f (%.0f)", achieved, o.rate), "-", format(">= %.0f", 0.95 * o.rate),
                flameblue::bench::verdict(rateMet));
    summaryLine("multisite_bench", "events dropped", std::to_string(dropped), "-", "0",
                flameblue::bench::verdict(dropped == 0));
    summaryLine("multisite_bench", "command round trip p99", format("%.1f ms", c99));
    for (auto& s : servers)
        s->stop();
    return 0;
}

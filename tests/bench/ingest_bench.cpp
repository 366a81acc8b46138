// Position-fix ingest with live subscribers, snapshot time for a new subscriber, and memory with
// a million stored events: a load tool with its own main that prints figures and a summary.
//
// The server runs in this process, wired the way server_app.cpp wires it: a durable SQLite store
// (synchronous=FULL) in a fresh temp dir, a live Session, a LivePublisher feeding a LiveFanOut,
// both registered in a SessionRegistry and served by a DispatchServer on 127.0.0.1:0. Every client
// is a real gRPC client on its own channel (its own TCP connection, as separate consoles would
// be), so what is measured includes encoding, HTTP/2 flow control and the fan-out.
//
//   ingest_bench [--seconds 10] [--reporters 4] [--batch 500] [--subscribers 10]
//                [--units 10000] [--events 1000000] [--snapshots 5] [--rate 0] [--prefill 0]
//                [--unpaced]
//
// --rate caps the offered load (fixes/s) to see latency at a given rate rather than at
// saturation; by default reporters send as fast as the server commits. --prefill fills the log
// before the live phases: appends slow down as the log grows (see the writer line per phase), so
// the ingest figure on a fresh log is the best case.
//
// Phases: A = reporters + 10 live subscribers; B = the same plus one subscriber that never reads;
// C = the same load while new subscribers ask for snapshots. Then the log is filled up to
// --events position events and memory, file size and recovery time are measured.
//
// Clients and server share this machine's cores: subscriber threads decoding ~10 x the ingest
// rate in messages compete with the server for CPU, so the figures are a floor for a server
// with its consoles elsewhere. Files go to $FLAMEBLUE_BENCH_DIR or the system temp dir; on
// tmpfs fsync is free and the figures say nothing about durability.
#include <grpcpp/grpcpp.h>
#include <malloc.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api/live_feed.h"
#include "api/server.h"
#include "api/session_registry.h"
#include "bench_summary.h"
#include "core/geo.h"
#include "flameblue/v1/dispatch.grpc.pb.h"
#include "session/session.h"
#include "store/event_store.h"

namespace {

using namespace flameblue;
namespace pb = flameblue::v1;
using SteadyClock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------------------------
// Options and small helpers

struct Options {
    double seconds = 10.0;
    double rate = 0;  // offered fixes/s; 0: as fast as the server accepts
    int reporters = 4;
    int batch = 500;
    int subscribers = 10;
    int units = 10'000;
    std::uint64_t events = 1'000'000;
    std::uint64_t prefill = 0;  // events in the log before the live phases
    int snapshots = 5;
    bool unpaced = false;
};

Options parseOptions(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
        auto need = [&]() -> const char* {
            if (!value) {
                std::fprintf(stderr, "ingest_bench: %s needs a value\n", arg.c_str());
                std::exit(2);
            }
            ++i;
            return value;
        };
        if (arg == "--seconds") {
            o.seconds = std::atof(need());
        } else if (arg == "--reporters") {
            o.reporters = std::atoi(need());
        } else if (arg == "--batch") {
            o.batch = std::atoi(need());
        } else if (arg == "--subscribers") {
            o.subscribers = std::atoi(need());
        } else if (arg == "--units") {
            o.units = std::atoi(need());
        } else if (arg == "--events") {
            o.events = std::strtoull(need(), nullptr, 10);
        } else if (arg == "--snapshots") {
            o.snapshots = std::atoi(need());
        } else if (arg == "--prefill") {
            o.prefill = std::strtoull(need(), nullptr, 10);
        } else if (arg == "--rate") {
            o.rate = std::atof(need());
        } else if (arg == "--unpaced") {
            o.unpaced = true;
        } else {
            std::fprintf(stderr,
                         "usage: ingest_bench [--seconds S] [--reporters N] [--batch N] "
                         "[--subscribers N] [--units N] [--events N] [--snapshots N] [--rate "
                         "FIXES_PER_S] [--prefill EVENTS] [--unpaced]\n");
            std::exit(2);
        }
    }
    // Bounded: the whole run is meant to stay within a few minutes.
    o.seconds = std::clamp(o.seconds, 1.0, 60.0);
    o.rate = std::clamp(o.rate, 0.0, 1e7);
    o.reporters = std::clamp(o.reporters, 1, 16);
    o.batch = std::clamp(o.batch, 1, 10'000);
    o.subscribers = std::clamp(o.subscribers, 1, 64);
    o.units = std::clamp(o.units, o.reporters, 200'000);
    o.events = std::clamp<std::uint64_t>(o.events, 0, 20'000'000);
    o.prefill = std::clamp<std::uint64_t>(o.prefill, 0, 20'000'000);
    o.snapshots = std::clamp(o.snapshots, 1, 50);
    return o;
}

// Wall-clock milliseconds with a fraction: events carry the server's system-clock time.
double wallMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(system_clock::now().time_since_epoch()).count();
}

double secondsSince(SteadyClock::time_point t0) {
    return std::chrono::duration<double>(SteadyClock::now() - t0).count();
}

std::string withCommas(std::uint64_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    const std::size_t first = digits.size() % 3;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && i >= first && (i - first) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

std::string ms(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, v < 10.0 ? "%.1f ms" : "%.0f ms", v);
    return buf;
}

std::string mib(std::uint64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

struct Memory {
    std::uint64_t rssKb = 0;
    std::uint64_t hwmKb = 0;
};

Memory readMemory() {
    Memory m;
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            m.rssKb = std::strtoull(line.c_str() + 6, nullptr, 10);
        } else if (line.rfind("VmHWM:", 0) == 0) {
            m.hwmKb = std::strtoull(line.c_str() + 6, nullptr, 10);
        }
    }
    return m;
}

void printMemory(const char* when) {
    const Memory m = readMemory();
    std::printf("memory: %-44s VmRSS %s, VmHWM %s\n", when, mib(m.rssKb * 1024).c_str(),
                mib(m.hwmKb * 1024).c_str());
}

std::uint64_t fileSize(const std::filesystem::path& p) {
    std::error_code ec;
    const auto n = std::filesystem::file_size(p, ec);
    return ec ? 0 : n;
}

// CPU use over an interval, in cores: this process (server and clients together), the rest of
// the machine, and idle. Others building or testing on the machine skew every figure; this says
// by how much.
struct CpuSample {
    SteadyClock::time_point at;
    double processSeconds = 0;
    std::uint64_t busyTicks = 0;
    std::uint64_t totalTicks = 0;
};

CpuSample sampleCpu() {
    CpuSample c;
    c.at = SteadyClock::now();
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    auto secs = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
    };
    c.processSeconds = secs(ru.ru_utime) + secs(ru.ru_stime);
    std::ifstream in("/proc/stat");
    std::string cpu;
    std::uint64_t v[8] = {};
    in >> cpu >> v[0] >> v[1] >> v[2] >> v[3] >> v[4] >> v[5] >> v[6] >> v[7];
    for (std::uint64_t x : v) {
        c.totalTicks += x;
    }
    c.busyTicks = c.totalTicks - v[3] - v[4];  // minus idle and iowait
    return c;
}

struct CpuUse {
    double self = 0;
    double others = 0;
    double idle = 0;
};

CpuUse cpuBetween(const CpuSample& a, const CpuSample& b) {
    CpuUse u;
    const double wall = std::chrono::duration<double>(b.at - a.at).count();
    const double cores = std::max(1u, std::thread::hardware_concurrency());
    if (wall <= 0 || b.totalTicks <= a.totalTicks) {
        return u;
    }
    const double busy = static_cast<double>(b.busyTicks - a.busyTicks) /
                        static_cast<double>(b.totalTicks - a.totalTicks) * cores;
    u.self = (b.processSeconds - a.processSeconds) / wall;
    u.others = std::max(0.0, busy - u.self);
    u.idle = std::max(0.0, cores - busy);
    return u;
}

std::string describe(const CpuUse& u) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "this process %.2f cores, other processes %.2f, idle %.2f",
                  u.self, u.others, u.idle);
    return buf;
}

struct LatencySummary {
    std::size_t count = 0;
    double p50 = 0;
    double p99 = 0;
    double max = 0;
};

LatencySummary summarize(std::vector<float> v) {
    LatencySummary s;
    s.count = v.size();
    if (v.empty()) {
        return s;
    }
    auto at = [&v](double q) {
        const auto k = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size()))) - 1;
        const std::size_t i = std::min(k, v.size() - 1);
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
        return static_cast<double>(v[i]);
    };
    s.p50 = at(0.50);
    s.p99 = at(0.99);
    s.max = *std::max_element(v.begin(), v.end());
    return s;
}

// Each client gets its own subchannel (TCP connection), as separate consoles and AVL gateways
// would: on one shared connection a stalled stream would share the connection's flow control
// and the test would say nothing about isolation.
//
// Every call also sets wait_for_ready, as a console or gateway would: a connection attempt that
// fails once under load (seen here: "failed to connect to all addresses") is retried instead of
// failing the call.
std::shared_ptr<grpc::Channel> newChannel(const std::string& target) {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetMaxReceiveMessageSize(64 * 1024 * 1024);
    return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

// ---------------------------------------------------------------------------------------------
// The synthetic province: stations and units spread over Shanxi's bounding box.

struct CitySeat {
    const char* id;
    double lat;
    double lon;
};
// Prefecture seats from data/cities.json: stations take the nearest one as their city, so the
// city filter and cityOf() do the same work as with the real roster.
constexpr CitySeat kCities[] = {
    {"taiyuan", 37.86944, 112.56028},  {"datong", 40.09361, 113.29139},
    {"yangquan", 37.8575, 113.56333},  {"changzhi", 36.18389, 113.10528},
    {"jincheng", 35.50222, 112.83278}, {"shuozhou", 39.33009, 112.42653},
    {"jinzhong", 37.68403, 112.75471}, {"yuncheng", 35.02306, 110.99278},
    {"xinzhou", 38.40917, 112.73333},  {"linfen", 36.08889, 111.51889},
    {"lvliang", 37.52356, 111.12796},
};
constexpr double kLatMin = 34.6, kLatMax = 40.7, kLonMin = 110.3, kLonMax = 114.5;
constexpr int kStations = 200;

core::Reference shanxiReference() {
    core::Reference ref;
    ref.incidentTypes = {"building_fire", "forest_grassland_fire", "traffic_accident"};
    for (const CitySeat& c : kCities) {
        ref.citySeats.push_back({c.id, {c.lat, c.lon}});
    }
    return ref;
}

// Deterministic spread, so that two runs measure the same roster.
class Lcg {
public:
    explicit Lcg(std::uint32_t seed) : m_state(seed) {}
    double unit() {
        m_state = m_state * 1664525u + 1013904223u;
        return static_cast<double>(m_state >> 8) / static_cast<double>(1u << 24);
    }

private:
    std::uint32_t m_state;
};

std::string unitId(int i) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "BX-U%05d", i);
    return buf;
}

struct Province {
    std::vector<std::string> unitIds;
    std::vector<core::LatLon> home;  // where each unit moves around
};

Province makeProvince(int units) {
    Province p;
    Lcg rng(20261129);
    for (int i = 0; i < units; ++i) {
        p.unitIds.push_back(unitId(i));
        p.home.push_back({kLatMin + rng.unit() * (kLatMax - kLatMin),
                          kLonMin + rng.unit() * (kLonMax - kLonMin)});
    }
    return p;
}

// A fix that differs from the unit's previous one at every step, so none is decimated.
core::PositionFix fixAt(const core::LatLon& home, std::uint64_t step, core::TimeMs t) {
    const double a = static_cast<double>(step) * 0.05;
    core::PositionFix f;
    f.position = {home.latDeg + 0.01 * std::sin(a), home.lonDeg + 0.01 * std::cos(a)};
    f.headingDeg = std::fmod(static_cast<double>(step) * 7.0, 360.0);
    f.speedKmh = 20.0 + static_cast<double>(step % 60);
    f.fixTime = t;
    return f;
}

// Roster and a first fix per unit, as the data files and the AVL feed would give at start-up.
std::vector<core::EventPayload> makeRoster(const Province& p, core::TimeMs now) {
    std::vector<core::EventPayload> out;
    Lcg rng(7);
    std::vector<std::string> stationIds;
    for (int s = 0; s < kStations; ++s) {
        core::Station st;
        char id[24];
        std::snprintf(id, sizeof id, "BX-S%03d", s);
        st.id = id;
        st.nameZh = std::string(id) + "站";
        st.nameEn = std::string(id) + " station";
        st.position = {kLatMin + rng.unit() * (kLatMax - kLatMin),
                       kLonMin + rng.unit() * (kLonMax - kLonMin)};
        double best = 1e18;
        for (const CitySeat& c : kCities) {
            const double d = core::greatCircleMeters(st.position, {c.lat, c.lon});
            if (d < best) {
                best = d;
                st.city = c.id;
            }
        }
        st.county = "bench";
        st.stationClass = "class1";
        stationIds.push_back(st.id);
        out.emplace_back(core::StationUpserted{std::move(st)});
    }
    for (std::size_t i = 0; i < p.unitIds.size(); ++i) {
        core::UnitSpec u;
        u.id = p.unitIds[i];
        u.callsign = u.id;
        u.nameZh = u.id + "车";
        u.nameEn = u.id;
        u.kind = core::UnitKind::Ground;
        u.unitType = "engine";
        u.stationId = stationIds[i % stationIds.size()];
        u.capabilities = {"fire_suppression", "rescue"};
        u.crewCapacity = 6;
        out.emplace_back(core::UnitUpserted{std::move(u), 5});
    }
    for (std::size_t i = 0; i < p.unitIds.size(); ++i) {
        out.emplace_back(core::PositionReported{p.unitIds[i], fixAt(p.home[i], 0, now)});
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// The server, wired as in server_app.cpp.

// Times the session's writer thread from outside, forwarding every call to the LivePublisher: the
// time from a batch's first staged event to commit() (the rest of decide/apply/stage plus the
// durable append), the time commit() takes (fan-out to every subscriber queue, waking reactors),
// and the longest pause between batches (done callbacks, snapshots, waiting for work).
class WriterProbe : public session::CommitObserver {
public:
    struct Stats {
        std::vector<std::uint64_t> events;  // per committed batch
        std::vector<float> appendMs;
        std::vector<float> publishMs;
        double maxPauseMs = 0;
    };

    explicit WriterProbe(session::CommitObserver& next) : m_next(next) {}

    void stage(const core::Event& event, const core::State& after,
               const core::Affected& affected) override {
        if (m_staged++ == 0) {
            m_firstStage = SteadyClock::now();
        }
        m_next.stage(event, after, affected);
    }
    void commit() override {
        if (m_staged == 0) {
            m_next.commit();  // a batch of refused or unchanged commands: nothing to time
            return;
        }
        const auto t0 = SteadyClock::now();
        m_next.commit();
        const auto t1 = SteadyClock::now();
        std::lock_guard lock(m_mutex);
        m_stats.events.push_back(m_staged);
        m_stats.appendMs.push_back(toMs(t0 - m_firstStage));
        m_stats.publishMs.push_back(toMs(t1 - t0));
        if (m_lastCommit) {
            m_stats.maxPauseMs = std::max(m_stats.maxPauseMs,
                                          static_cast<double>(toMs(m_firstStage - *m_lastCommit)));
        }
        m_lastCommit = t1;
        m_staged = 0;
    }

    // Returns what was measured since the last call and starts afresh.
    Stats take() {
        std::lock_guard lock(m_mutex);
        m_lastCommit.reset();
        return std::exchange(m_stats, {});
    }

private:
    static float toMs(SteadyClock::duration d) {
        return std::chrono::duration<float, std::milli>(d).count();
    }

    session::CommitObserver& m_next;
    // Writer thread only.
    std::uint64_t m_staged = 0;
    SteadyClock::time_point m_firstStage;
    std::mutex m_mutex;
    std::optional<SteadyClock::time_point> m_lastCommit;  // guarded by m_mutex
    Stats m_stats;                                        // guarded by m_mutex
};

struct Server {
    std::filesystem::path dbFile;
    std::unique_ptr<session::Session> live;
    api::LiveFanOut fanout;
    std::unique_ptr<api::LivePublisher> publisher;
    std::unique_ptr<WriterProbe> probe;
    api::SessionRegistry sessions;
    std::unique_ptr<api::DispatchServer> grpcServer;
    std::string target;

    void stop() {
        if (grpcServer) {
            grpcServer->shutdown();
            grpcServer.reset();
        }
        if (live) {
            live->stop();
            live->setObserver(nullptr);
        }
    }
};

// The run's scratch directory, removed on every way out.
std::filesystem::path g_scratchDir;

[[noreturn]] void fail(const std::string& what) {
    std::fflush(stdout);
    std::fprintf(stderr, "ingest_bench: %s\n", what.c_str());
    if (!g_scratchDir.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(g_scratchDir, ignored);
    }
    // Server and client threads are still running: skip static destructors.
    std::_Exit(1);
}

// ---------------------------------------------------------------------------------------------
// Live subscribers: each reads its stream continuously on its own thread and records, per
// phase, how many position events it got and how long after the server accepted them.

constexpr int kPhases = 3;
std::atomic<int> g_phase{0};

struct PhaseStats {
    std::uint64_t delivered = 0;
    std::vector<float> latencyMs;    // Event.time (server accepted) -> received here
    std::vector<float> acceptLagMs;  // fix time (reporter built it) -> Event.time; first sub only
};

class LiveSubscriber {
public:
    LiveSubscriber(std::string target, int index) : m_target(std::move(target)), m_index(index) {}
    ~LiveSubscriber() { stop(); }

    void start() {
        m_channel = newChannel(m_target);
        m_stub = pb::Dispatch::NewStub(m_channel);
        m_ctx.set_wait_for_ready(true);
        m_thread = std::thread([this] { run(); });
    }

    void stop() {
        if (m_thread.joinable()) {
            m_ctx.TryCancel();
            m_thread.join();
        }
    }

    bool snapshotDone() const { return m_snapshotDone.load(); }
    double snapshotSeconds() const { return m_snapshotSeconds.load(); }
    std::uint64_t lastSeq() const { return m_lastSeq.load(); }
    bool failed() const { return m_failed.load(); }
    int resyncs() const { return m_resyncs.load(); }

    PhaseStats takePhase(int phase) {
        std::lock_guard lock(m_mutex);
        return std::exchange(m_phases[static_cast<std::size_t>(phase)], {});
    }

private:
    void recordEvent(const pb::Event& e, double now) {
        // Event.time has millisecond resolution: latencies read up to 1 ms high.
        const double sent = static_cast<double>(e.time().seconds()) * 1000.0 +
                            static_cast<double>(e.time().nanos()) / 1e6;
        const int phase = g_phase.load(std::memory_order_relaxed);
        {
            std::lock_guard lock(m_mutex);
            PhaseStats& s = m_phases[static_cast<std::size_t>(phase)];
            ++s.delivered;
            s.latencyMs.push_back(static_cast<float>(now - sent));
            if (m_index == 1 && e.has_position()) {
                const auto& ft = e.position().fix().time();
                const double fixMs = static_cast<double>(ft.seconds()) * 1000.0 +
                                     static_cast<double>(ft.nanos()) / 1e6;
                s.acceptLagMs.push_back(static_cast<float>(sent - fixMs));
            }
        }
        m_lastSeq.store(e.seq());
    }

    void run() {
        pb::SubscribeRequest req;
        req.set_after_seq(0);
        // A console asks for batches: one message per event cannot keep up with the province.
        req.set_max_events_per_message(500);
        const auto t0 = SteadyClock::now();
        auto reader = m_stub->Subscribe(&m_ctx, req);
        pb::SubscribeResponse msg;
        while (reader->Read(&msg)) {
            const double now = wallMs();
            switch (msg.item_case()) {
                case pb::SubscribeResponse::kSnapshotBegin:
                    if (m_snapshotDone) {
                        ++m_resyncs;  // the server gave up on us and sent a fresh snapshot
                    }
                    break;
                case pb::SubscribeResponse::kSnapshotEnd:
                    if (!m_snapshotDone) {
                        m_snapshotSeconds = secondsSince(t0);
                        m_lastSeq = msg.snapshot_end().seq();
                        m_snapshotDone = true;
                    }
                    break;
                case pb::SubscribeResponse::kEvent:
                    recordEvent(msg.event(), now);
                    break;
                case pb::SubscribeResponse::kEvents:
                    for (const pb::Event& e : msg.events().events())
                        recordEvent(e, now);
                    break;
                default:
                    break;
            }
        }
        const grpc::Status st = reader->Finish();
        if (!st.ok() && st.error_code() != grpc::StatusCode::CANCELLED) {
            std::fprintf(stderr, "subscriber %d: stream ended: %s\n", m_index,
                         st.error_message().c_str());
            m_failed = true;
        }
    }

    std::string m_target;
    int m_index;
    std::shared_ptr<grpc::Channel> m_channel;
    std::unique_ptr<pb::Dispatch::Stub> m_stub;
    grpc::ClientContext m_ctx;
    std::thread m_thread;

    std::atomic<bool> m_snapshotDone{false};
    std::atomic<double> m_snapshotSeconds{0};
    std::atomic<std::uint64_t> m_lastSeq{0};
    std::atomic<bool> m_failed{false};
    std::atomic<int> m_resyncs{0};

    std::mutex m_mutex;
    std::array<PhaseStats, kPhases> m_phases;
};

// Waits until every subscriber has received the event at `head`; returns the seconds it took,
// or a negative value on timeout.
double drainTo(const std::vector<std::unique_ptr<LiveSubscriber>>& subs, std::uint64_t head,
               double timeoutSeconds) {
    const auto t0 = SteadyClock::now();
    for (;;) {
        bool all = true;
        for (const auto& s : subs) {
            all = all && s->lastSeq() >= head;
        }
        if (all) {
            return secondsSince(t0);
        }
        if (secondsSince(t0) > timeoutSeconds) {
            return -1.0;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

// ---------------------------------------------------------------------------------------------
// Reporters: ReportPositions client streams, each owning a disjoint share of the units so that
// every unit's fixes arrive in time order (an older fix than the stored one is refused).

struct ReporterState {
    std::vector<std::size_t> units;  // indexes into Province
    std::vector<std::uint64_t> steps;
    std::size_t cursor = 0;
};

// Keeps the reporters at most a few batches ahead of what the server has committed.
//
// ReportPositions acknowledges nothing until the stream ends, and HTTP/2 flow control (with BDP
// probing growing the windows) lets a client park megabytes of batches in the server's transport:
// unpaced, 3 s of writing took 17 s to commit and fixes were up to 15 s old when accepted. An AVL
// gateway cannot see commits; the bench can (headSeq) and uses it, so that the figure is the rate
// the server sustains and each phase ends on time. --unpaced shows the other behaviour.
class Pacer {
public:
    // rate: fixes per second offered at most (0: as fast as the server takes them).
    Pacer(const session::Session& live, std::uint64_t maxAhead, bool paced, double rate)
        : m_live(live),
          m_base(live.headSeq()),
          m_maxAhead(maxAhead),
          m_paced(paced),
          m_rate(rate),
          m_t0(SteadyClock::now()) {}

    // Waits until `n` more fixes may be sent; false once `until` has passed.
    bool admit(std::uint64_t n, SteadyClock::time_point until) {
        for (;;) {
            const auto now = SteadyClock::now();
            if (now >= until) {
                return false;
            }
            std::uint64_t sent = m_sent.load();
            bool ok = !m_paced || sent + n <= m_live.headSeq() - m_base + m_maxAhead;
            if (ok && m_rate > 0) {
                const double allowed = m_rate * std::chrono::duration<double>(now - m_t0).count();
                ok = static_cast<double>(sent + n) <= allowed + static_cast<double>(n);
            }
            if (ok && m_sent.compare_exchange_weak(sent, sent + n)) {
                return true;
            }
            if (!ok) {
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
        }
    }

private:
    const session::Session& m_live;
    const std::uint64_t m_base;
    const std::uint64_t m_maxAhead;
    const bool m_paced;
    const double m_rate;
    const SteadyClock::time_point m_t0;
    std::atomic<std::uint64_t> m_sent{0};
};

struct ReportTotals {
    std::uint64_t accepted = 0;
    std::uint64_t unchanged = 0;
    std::uint64_t rejected = 0;
    std::uint64_t sent = 0;
    std::vector<std::string> problems;
};

ReportTotals runReporter(const std::string& target, int index, const Province& province,
                         ReporterState& state, int batchSize, Pacer& pacer,
                         SteadyClock::time_point until) {
    ReportTotals totals;
    auto channel = newChannel(target);
    auto stub = pb::Dispatch::NewStub(channel);
    grpc::ClientContext ctx;
    ctx.set_wait_for_ready(true);
    ctx.AddMetadata("x-flameblue-operator", "bench");
    ctx.AddMetadata("x-flameblue-console", "bench-avl-" + std::to_string(index));
    pb::ReportPositionsReply reply;
    auto writer = stub->ReportPositions(&ctx, &reply);
    pb::PositionBatch batch;
    for (int k = 0; k < batchSize; ++k) {
        batch.add_reports();
    }
    while (pacer.admit(static_cast<std::uint64_t>(batchSize), until)) {
        const core::TimeMs now = session::systemNowMs();
        for (int k = 0; k < batchSize; ++k) {
            const std::size_t slot = state.cursor++ % state.units.size();
            const std::size_t u = state.units[slot];
            const core::PositionFix f = fixAt(province.home[u], ++state.steps[slot], now);
            pb::PositionReport* r = batch.mutable_reports(k);
            r->set_unit_id(province.unitIds[u]);
            pb::PositionFix* pf = r->mutable_fix();
            pf->mutable_position()->set_lat(f.position.latDeg);
            pf->mutable_position()->set_lon(f.position.lonDeg);
            pf->set_heading_deg(*f.headingDeg);
            pf->set_speed_kmh(*f.speedKmh);
            pf->mutable_time()->set_seconds(now / 1000);
            pf->mutable_time()->set_nanos(static_cast<int>(now % 1000) * 1'000'000);
        }
        if (!writer->Write(batch)) {
            break;  // the server ended the call; Finish() says why
        }
        totals.sent += static_cast<std::uint64_t>(batchSize);
    }
    writer->WritesDone();
    const grpc::Status st = writer->Finish();
    if (!st.ok()) {
        totals.problems.push_back("reporter " + std::to_string(index) + ": " + st.error_message());
    }
    totals.accepted = reply.accepted();
    totals.unchanged = reply.unchanged();
    totals.rejected = reply.rejected();
    for (const auto& r : reply.rejections()) {
        totals.problems.push_back(r.unit_id() + ": " + r.reason());
    }
    return totals;
}

struct IngestResult {
    ReportTotals totals;
    double seconds = 0;  // from the first write to the last acknowledgement
    double fixesPerSecond = 0;
    std::uint64_t firstSeq = 0;  // events of this phase: (firstSeq, lastSeq]
    std::uint64_t lastSeq = 0;
    CpuUse cpu;
    WriterProbe::Stats writer;
};

struct IngestPlan {
    std::string target;
    const Province* province = nullptr;
    std::vector<ReporterState>* states = nullptr;
    const session::Session* live = nullptr;
    int batch = 500;
    double seconds = 10;
    bool paced = true;
    double rate = 0;
    WriterProbe* probe = nullptr;
};

IngestResult runIngest(const IngestPlan& plan, const std::function<void()>& whileRunning = {}) {
    const session::Session& live = *plan.live;
    std::vector<ReporterState>& states = *plan.states;
    const int batchSize = plan.batch;
    IngestResult r;
    r.firstSeq = live.headSeq();
    const CpuSample cpu0 = sampleCpu();
    plan.probe->take();
    // Three batches per stream: one being committed, one queued behind it, one on the wire.
    Pacer pacer(live, states.size() * 3 * static_cast<std::uint64_t>(batchSize), plan.paced,
                plan.rate);
    const auto t0 = SteadyClock::now();
    const auto until = t0 + std::chrono::duration_cast<SteadyClock::duration>(
                                std::chrono::duration<double>(plan.seconds));
    std::vector<ReportTotals> totals(states.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < states.size(); ++i) {
        threads.emplace_back([&, i] {
            totals[i] = runReporter(plan.target, static_cast<int>(i), *plan.province, states[i],
                                    batchSize, pacer, until);
        });
    }
    if (whileRunning) {
        whileRunning();
    }
    for (auto& t : threads) {
        t.join();
    }
    r.seconds = secondsSince(t0);
    r.lastSeq = live.headSeq();
    r.cpu = cpuBetween(cpu0, sampleCpu());
    r.writer = plan.probe->take();
    for (const auto& t : totals) {
        r.totals.accepted += t.accepted;
        r.totals.unchanged += t.unchanged;
        r.totals.rejected += t.rejected;
        r.totals.sent += t.sent;
        for (const auto& p : t.problems) {
            if (r.totals.problems.size() < 5) {
                r.totals.problems.push_back(p);
            }
        }
    }
    r.fixesPerSecond = static_cast<double>(r.totals.accepted) / r.seconds;
    return r;
}

// Appends position events through the session until the log holds `upTo` events: trusted
// PositionReported batches go through the same writer, fold, observer and durable append as the
// reports, minus gRPC and decide(), so that a million events take seconds rather than a minute.
struct BulkResult {
    std::uint64_t added = 0;
    double seconds = 0;
    std::uint64_t perSecond() const {
        return seconds > 0 ? static_cast<std::uint64_t>(static_cast<double>(added) / seconds) : 0;
    }
};

BulkResult bulkLoad(session::Session& live, const Province& province, std::uint64_t upTo) {
    constexpr std::size_t kBulkBatch = 20'000;
    // Steps far from the reporters' so that no bulk fix repeats a reported one.
    static std::uint64_t step = 1'000'000;
    BulkResult r;
    const std::uint64_t before = live.headSeq();
    const auto t0 = SteadyClock::now();
    std::size_t u = 0;
    while (live.headSeq() < upTo) {
        const std::size_t n = std::min<std::uint64_t>(kBulkBatch, upTo - live.headSeq());
        std::vector<core::EventPayload> batch;
        batch.reserve(n);
        const core::TimeMs now = session::systemNowMs();
        for (std::size_t k = 0; k < n; ++k) {
            batch.emplace_back(
                core::PositionReported{province.unitIds[u], fixAt(province.home[u], step, now)});
            if (++u == province.unitIds.size()) {
                u = 0;
                ++step;
            }
        }
        if (auto res = live.appendTrusted({"avl", "bench bulk", 0}, std::move(batch)); !res) {
            fail("bulk append: " + res.error().message);
        }
    }
    r.seconds = secondsSince(t0);
    r.added = live.headSeq() - before;
    return r;
}

// ---------------------------------------------------------------------------------------------
// Snapshot for a new subscriber: Subscribe call to SnapshotEnd.

struct SnapshotProbe {
    double seconds = -1;
    std::uint64_t units = 0;
    std::uint64_t bytes = 0;
};

SnapshotProbe probeSnapshot(const std::string& target) {
    SnapshotProbe p;
    auto channel = newChannel(target);
    // Connect first: the figure is the server's snapshot, not TCP and HTTP/2 set-up.
    channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(5));
    auto stub = pb::Dispatch::NewStub(channel);
    grpc::ClientContext ctx;
    ctx.set_wait_for_ready(true);
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    pb::SubscribeRequest req;
    const auto t0 = SteadyClock::now();
    auto reader = stub->Subscribe(&ctx, req);
    pb::SubscribeResponse msg;
    while (reader->Read(&msg)) {
        p.bytes += msg.ByteSizeLong();
        if (msg.has_snapshot_chunk()) {
            p.units += static_cast<std::uint64_t>(msg.snapshot_chunk().units_size());
        } else if (msg.has_snapshot_end()) {
            p.seconds = secondsSince(t0);
            break;
        }
    }
    ctx.TryCancel();
    while (reader->Read(&msg)) {
    }
    reader->Finish();
    return p;
}

// ---------------------------------------------------------------------------------------------
// Reporting

struct PhaseReport {
    std::string name;
    IngestResult ingest;
    LatencySummary all;
    LatencySummary acceptLag;
    std::vector<LatencySummary> perSub;
    std::vector<std::uint64_t> delivered;
    double drainSeconds = 0;
    // Events a live subscriber did not get (conflated), summed over subscribers, and the p99
    // with those ranked as later than any delivered one: what the verdict is taken on.
    std::uint64_t conflated = 0;
    double p99Counted = 0;
};

PhaseReport collectPhase(const std::string& name, int phase, const IngestResult& ingest,
                         std::vector<std::unique_ptr<LiveSubscriber>>& subs, double drainSeconds) {
    PhaseReport r;
    r.name = name;
    r.ingest = ingest;
    r.drainSeconds = drainSeconds;
    std::vector<float> all;
    for (auto& s : subs) {
        PhaseStats st = s->takePhase(phase);
        r.delivered.push_back(st.delivered);
        all.insert(all.end(), st.latencyMs.begin(), st.latencyMs.end());
        if (!st.acceptLagMs.empty()) {
            r.acceptLag = summarize(std::move(st.acceptLagMs));
        }
        r.perSub.push_back(summarize(std::move(st.latencyMs)));
    }
    const std::uint64_t events = ingest.lastSeq - ingest.firstSeq;
    for (const std::uint64_t got : r.delivered) {
        r.conflated += events > got ? events - got : 0;
    }
    {
        std::vector<float> counted = all;
        counted.insert(counted.end(), r.conflated, std::numeric_limits<float>::infinity());
        r.p99Counted = summarize(std::move(counted)).p99;
    }
    r.all = summarize(std::move(all));
    return r;
}

void printPhase(const PhaseReport& r, int subscribers) {
    const std::uint64_t events = r.ingest.lastSeq - r.ingest.firstSeq;
    std::printf("ingest: %d subscribers%s: %s fixes/s; delivery latency p50 %s p99 %s max %s\n",
                subscribers, r.name.c_str(),
                withCommas(static_cast<std::uint64_t>(r.ingest.fixesPerSecond)).c_str(),
                ms(r.all.p50).c_str(), ms(r.all.p99).c_str(), ms(r.all.max).c_str());
    std::printf(
        "  %s fixes sent, %s accepted, %s unchanged, %s rejected in %.2f s; %s events "
        "written; backlog drained %s after the last acknowledgement\n",
        withCommas(r.ingest.totals.sent).c_str(), withCommas(r.ingest.totals.accepted).c_str(),
        withCommas(r.ingest.totals.unchanged).c_str(), withCommas(r.ingest.totals.rejected).c_str(),
        r.ingest.seconds, withCommas(events).c_str(),
        r.drainSeconds < 0 ? "NOT (timed out)" : ms(r.drainSeconds * 1000.0).c_str());
    std::printf("  CPU (%u cores): %s\n", std::thread::hardware_concurrency(),
                describe(r.ingest.cpu).c_str());
    {
        const WriterProbe::Stats& w = r.ingest.writer;
        std::uint64_t total = 0, most = 0;
        for (auto n : w.events) {
            total += n;
            most = std::max(most, n);
        }
        const LatencySummary append = summarize(w.appendMs);
        const LatencySummary publish = summarize(w.publishMs);
        std::printf(
            "  writer: %s batches of %s fixes on average (max %s); build + durable append "
            "p50 %s p99 %s max %s; publish to the fan-out p50 %s p99 %s max %s; longest "
            "pause between batches %s\n",
            withCommas(w.events.size()).c_str(),
            withCommas(w.events.empty() ? 0 : total / w.events.size()).c_str(),
            withCommas(most).c_str(), ms(append.p50).c_str(), ms(append.p99).c_str(),
            ms(append.max).c_str(), ms(publish.p50).c_str(), ms(publish.p99).c_str(),
            ms(publish.max).c_str(), ms(w.maxPauseMs).c_str());
    }
    std::printf(
        "  fix age when the server accepted it (reporter -> Event.time, sub-01): p50 %s p99 "
        "%s max %s\n",
        ms(r.acceptLag.p50).c_str(), ms(r.acceptLag.p99).c_str(), ms(r.acceptLag.max).c_str());
    for (const auto& p : r.ingest.totals.problems) {
        std::printf("  problem: %s\n", p.c_str());
    }
    std::printf("  %-10s %10s %10s %9s %9s %9s\n", "subscriber", "delivered", "conflated", "p50",
                "p99", "max");
    for (std::size_t i = 0; i < r.perSub.size(); ++i) {
        const std::uint64_t got = r.delivered[i];
        const std::uint64_t skipped = events > got ? events - got : 0;
        std::printf("  sub-%02zu     %10s %10s %9s %9s %9s\n", i + 1, withCommas(got).c_str(),
                    withCommas(skipped).c_str(), ms(r.perSub[i].p50).c_str(),
                    ms(r.perSub[i].p99).c_str(), ms(r.perSub[i].max).c_str());
    }
}

struct SnapshotSummary {
    double median = 0;
    double max = 0;
    std::uint64_t units = 0;
    std::uint64_t bytes = 0;
};

SnapshotSummary summarizeSnapshots(std::vector<SnapshotProbe> probes) {
    SnapshotSummary s;
    std::vector<double> t;
    for (const auto& p : probes) {
        t.push_back(p.seconds);
        s.units = p.units;
        s.bytes = p.bytes;
    }
    if (t.empty()) {
        return s;
    }
    std::sort(t.begin(), t.end());
    s.median = t[t.size() / 2];
    s.max = t.back();
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    const Options opt = parseOptions(argc, argv);
    const auto runStart = SteadyClock::now();
    {
        std::ifstream in("/proc/loadavg");
        std::string l1, l5, l15;
        in >> l1 >> l5 >> l15;
        std::printf("machine: %u cores, load average %s %s %s at start\n",
                    std::thread::hardware_concurrency(), l1.c_str(), l5.c_str(), l15.c_str());
    }
    printMemory("at start");

    // A fresh directory for the whole run, removed at the end.
    const char* benchDir = std::getenv("FLAMEBLUE_BENCH_DIR");
    const std::filesystem::path root = benchDir && *benchDir
                                           ? std::filesystem::path(benchDir)
                                           : std::filesystem::temp_directory_path();
    std::string pattern = root / "flameblue-ingest-XXXXXX";
    if (!mkdtemp(pattern.data())) {
        fail("mkdtemp in " + root.string() + ": " + std::strerror(errno));
    }
    const std::filesystem::path dir = pattern;
    g_scratchDir = dir;
    struct RemoveDir {
        std::filesystem::path p;
        ~RemoveDir() {
            std::error_code ignored;
            std::filesystem::remove_all(p, ignored);
        }
    } removeDir{dir};

    // ---- Server ----------------------------------------------------------------------------
    const Province province = makeProvince(opt.units);
    auto server = std::make_unique<Server>();
    server->dbFile = dir / "live.db";
    {
        auto store = store::openSqliteStore(server->dbFile, {.fullSync = true});
        if (!store) {
            fail(store.error().message);
        }
        session::SessionOptions sessionOptions;
        sessionOptions.id = "live";
        server->live = std::make_unique<session::Session>(sessionOptions, std::move(store).value(),
                                                          shanxiReference());
        if (auto st = server->live->open(); !st) {
            fail(st.error().message);
        }
        server->publisher = std::make_unique<api::LivePublisher>(
            server->fanout, api::SubscribeLimits{}.staleAfterMs, session::systemNowMs);
        server->probe = std::make_unique<WriterProbe>(*server->publisher);
        server->live->setObserver(server->probe.get());
        server->live->start();
        const auto t0 = SteadyClock::now();
        auto roster = server->live->appendTrusted({"system", "bench roster", 0},
                                                  makeRoster(province, session::systemNowMs()));
        if (!roster) {
            fail("roster: " + roster.error().message);
        }
        std::printf(
            "setup: roster of %d stations and %s units with a first fix each: %s events "
            "in %.2f s; store %s (fullSync)\n",
            kStations, withCommas(province.unitIds.size()).c_str(),
            withCommas(roster->events.size()).c_str(), secondsSince(t0), server->dbFile.c_str());
        server->sessions.add(api::SessionRegistry::kLive, {server->live.get(), &server->fanout});
        api::ServerOptions serverOptions;
        serverOptions.listen = "127.0.0.1:0";
        // Self-declared operators: this is not about signing in.
        serverOptions.insecureDev = true;
        auto started = api::DispatchServer::start(serverOptions, server->sessions, pb::Catalog{});
        if (!started) {
            fail(started.error().message);
        }
        server->grpcServer = std::move(started).value();
        server->target = "127.0.0.1:" + std::to_string(server->grpcServer->port());
    }
    session::Session& live = *server->live;
    const std::string& target = server->target;
    printMemory("server up with the roster");

    if (opt.prefill > live.headSeq()) {
        const BulkResult pre = bulkLoad(live, province, opt.prefill);
        std::printf("setup: prefilled the log with %s position events in %.2f s (%s events/s)\n",
                    withCommas(pre.added).c_str(), pre.seconds,
                    withCommas(pre.perSecond()).c_str());
    }

    // ---- Live subscribers -------------------------------------------------------------------
    std::vector<std::unique_ptr<LiveSubscriber>> subs;
    for (int i = 0; i < opt.subscribers; ++i) {
        subs.push_back(std::make_unique<LiveSubscriber>(target, i + 1));
    }
    for (auto& s : subs) {
        s->start();
    }
    {
        const auto t0 = SteadyClock::now();
        for (;;) {
            bool all = true;
            for (const auto& s : subs) {
                all = all && s->snapshotDone();
            }
            if (all) {
                break;
            }
            if (secondsSince(t0) > 30.0) {
                fail("subscribers did not get their snapshots within 30 s");
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        double worst = 0;
        for (const auto& s : subs) {
            worst = std::max(worst, s->snapshotSeconds());
        }
        std::printf(
            "setup: %d subscribers connected at once, all snapshots received; slowest "
            "%s\n",
            opt.subscribers, ms(worst * 1000.0).c_str());
    }

    std::vector<ReporterState> reporters(static_cast<std::size_t>(opt.reporters));
    for (std::size_t u = 0; u < province.unitIds.size(); ++u) {
        ReporterState& r = reporters[u % reporters.size()];
        r.units.push_back(u);
        r.steps.push_back(0);
    }
    IngestPlan plan;
    plan.target = target;
    plan.province = &province;
    plan.states = &reporters;
    plan.live = &live;
    plan.batch = opt.batch;
    plan.seconds = opt.seconds;
    plan.paced = !opt.unpaced;
    plan.rate = opt.rate;
    plan.probe = server->probe.get();
    std::printf("load: %d reporter streams, batches of %d fixes, %.0f s per phase, %s\n\n",
                opt.reporters, opt.batch, opt.seconds,
                opt.rate > 0 ? ("offered at most " +
                                withCommas(static_cast<std::uint64_t>(opt.rate)) + " fixes/s")
                                   .c_str()
                : opt.unpaced ? "unpaced (writers run ahead of the server)"
                              : "as fast as the server commits");

    // ---- Phase A: live subscribers only ------------------------------------------------------
    g_phase = 0;
    const IngestResult ingestA = runIngest(plan);
    const double drainA = drainTo(subs, ingestA.lastSeq, 20.0);
    const PhaseReport phaseA = collectPhase(" (phase A)", 0, ingestA, subs, drainA);
    printPhase(phaseA, opt.subscribers);
    std::printf("\n");

    // ---- Phase B: plus one subscriber that never reads ---------------------------------------
    auto stalledChannel = newChannel(target);
    auto stalledStub = pb::Dispatch::NewStub(stalledChannel);
    grpc::ClientContext stalledCtx;
    stalledCtx.set_wait_for_ready(true);
    stalledCtx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(600));
    std::unique_ptr<grpc::ClientReader<pb::SubscribeResponse>> stalled =
        stalledStub->Subscribe(&stalledCtx, pb::SubscribeRequest{});
    // Let it take in its snapshot and stall there, as a console that hangs after connecting.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    g_phase = 1;
    const IngestResult ingestB = runIngest(plan);
    const double drainB = drainTo(subs, ingestB.lastSeq, 20.0);
    const PhaseReport phaseB = collectPhase(" + 1 stalled (phase B)", 1, ingestB, subs, drainB);
    printPhase(phaseB, opt.subscribers);

    // Now the stalled one reads: conflation should have kept its backlog to about one fix per
    // unit, however many fixes it missed.
    std::uint64_t stalledEvents = 0, stalledMessages = 0;
    double stalledCatchUp = -1;
    bool stalledResynced = false;
    {
        const std::uint64_t head = live.headSeq();
        const auto t0 = SteadyClock::now();
        std::atomic<bool> reading{true};
        std::thread watchdog([&] {
            while (reading && secondsSince(t0) < 20.0) {
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
            if (reading) {
                stalledCtx.TryCancel();
            }
        });
        pb::SubscribeResponse msg;
        int snapshotBegins = 0;
        while (stalled->Read(&msg)) {
            ++stalledMessages;
            if (msg.has_snapshot_begin()) {
                stalledResynced = ++snapshotBegins > 1;
            } else if (msg.has_event()) {
                ++stalledEvents;
                if (msg.event().seq() >= head) {
                    stalledCatchUp = secondsSince(t0);
                    break;
                }
            }
        }
        reading = false;
        watchdog.join();
        stalledCtx.TryCancel();
        while (stalled->Read(&msg)) {
        }
        stalled->Finish();
        stalled.reset();
        std::printf(
            "  stalled subscriber, reading at last: %s messages incl. %s events to reach seq %s "
            "(%s events written since it subscribed) in %s%s: what HTTP/2 had buffered for it "
            "before it stalled plus at most one fix per unit from its conflated queue\n",
            withCommas(stalledMessages).c_str(), withCommas(stalledEvents).c_str(),
            withCommas(head).c_str(), withCommas(ingestB.lastSeq - ingestA.lastSeq).c_str(),
            stalledCatchUp < 0 ? "NOT (timed out)" : ms(stalledCatchUp * 1000.0).c_str(),
            stalledResynced ? " (it was resynchronised with a fresh snapshot)" : "");
        std::printf(
            "  the %d others' p99 without the stalled subscriber (phase A) %s, with it "
            "(phase B) %s\n\n",
            opt.subscribers, ms(phaseA.all.p99).c_str(), ms(phaseB.all.p99).c_str());
    }

    // ---- Snapshots for new subscribers ------------------------------------------------------
    std::vector<SnapshotProbe> idleProbes;
    for (int i = 0; i < opt.snapshots; ++i) {
        idleProbes.push_back(probeSnapshot(target));
    }
    const SnapshotSummary idleSnap = summarizeSnapshots(idleProbes);
    std::printf("snapshot: new subscriber, server idle: median %s max %s (%s units, %s)\n",
                ms(idleSnap.median * 1000.0).c_str(), ms(idleSnap.max * 1000.0).c_str(),
                withCommas(idleSnap.units).c_str(), mib(idleSnap.bytes).c_str());

    // ---- Phase C: snapshots under load ------------------------------------------------------
    g_phase = 2;
    std::vector<SnapshotProbe> loadProbes;
    const IngestResult ingestC = runIngest(plan, [&] {
        // Spread over the phase, starting once the load is steady.
        const double gap = opt.seconds / (opt.snapshots + 1);
        for (int i = 0; i < opt.snapshots; ++i) {
            std::this_thread::sleep_for(std::chrono::duration<double>(gap * 0.8));
            loadProbes.push_back(probeSnapshot(target));
        }
    });
    const double drainC = drainTo(subs, ingestC.lastSeq, 20.0);
    const SnapshotSummary loadSnap = summarizeSnapshots(loadProbes);
    std::printf("snapshot: new subscriber, under load: median %s max %s (%d snapshots)\n",
                ms(loadSnap.median * 1000.0).c_str(), ms(loadSnap.max * 1000.0).c_str(),
                opt.snapshots);
    const PhaseReport phaseC = collectPhase(" + new snapshots (phase C)", 2, ingestC, subs, drainC);
    printPhase(phaseC, opt.subscribers);
    int resyncs = 0;
    bool subFailed = false;
    for (const auto& s : subs) {
        resyncs += s->resyncs();
        subFailed = subFailed || s->failed();
    }
    std::printf("  subscriber resyncs (fresh snapshot because of overflow): %d%s\n\n", resyncs,
                subFailed ? "; a subscriber stream FAILED" : "");
    printMemory("after the live phases, subscribers connected");
    for (auto& s : subs) {
        s->stop();
    }
    subs.clear();

    // ---- Memory with a million stored events ------------------------------------------------
    // The rest goes in through the session (bulkLoad), durable as everything else.
    const BulkResult bulk = bulkLoad(live, province, opt.events);
    std::printf(
        "memory: bulk load of %s position events through the session in %.2f s (%s events/s, "
        "durable batches of 20,000)\n",
        withCommas(bulk.added).c_str(), bulk.seconds, withCommas(bulk.perSecond()).c_str());
    const std::uint64_t stored = live.store().lastSeq();
    const Memory loaded = readMemory();
    malloc_trim(0);
    const Memory trimmed = readMemory();
    const std::uint64_t dbBytes = fileSize(server->dbFile);
    const std::uint64_t walBytes = fileSize(server->dbFile.string() + "-wal");
    std::printf(
        "memory: %s units, %s events stored: VmRSS %s (%s after malloc_trim), VmHWM %s; "
        "SQLite %s + wal %s\n",
        withCommas(province.unitIds.size()).c_str(), withCommas(stored).c_str(),
        mib(loaded.rssKb * 1024).c_str(), mib(trimmed.rssKb * 1024).c_str(),
        mib(loaded.hwmKb * 1024).c_str(), mib(dbBytes).c_str(), mib(walBytes).c_str());

    // ---- Recovery -------------------------------------------------------------------------
    // As after a crash: a second store on the same file while the live session still runs, so
    // start-up folds the newest periodic snapshot plus the tail written after it.
    double crashOpen = 0;
    std::uint64_t crashTail = 0;
    {
        const auto t0 = SteadyClock::now();
        auto store = store::openSqliteStore(server->dbFile, {.fullSync = true});
        if (!store) {
            fail("reopen: " + store.error().message);
        }
        session::Session again(session::SessionOptions{}, std::move(store).value(),
                               shanxiReference());
        if (auto st = again.open(); !st) {
            fail("reopen: " + st.error().message);
        }
        crashOpen = secondsSince(t0);
        // How much start-up had to fold on top of the snapshot; read after the timing.
        auto snap = again.store().loadLatestSnapshot();
        const std::uint64_t snapSeq = snap && snap->has_value() ? (*snap)->lastSeq() : 0;
        crashTail = again.store().lastSeq() - snapSeq;
        const std::size_t units =
            again.withState([](const core::State& s, const auto&) { return s.units().size(); });
        std::printf(
            "recovery: start-up with a %s-event tail after the newest snapshot (as after "
            "a crash): Session::open %s (%s units)\n",
            withCommas(crashTail).c_str(), ms(crashOpen * 1000.0).c_str(),
            withCommas(units).c_str());
    }
    server->stop();
    server->live.reset();  // closes the store: the last connection checkpoints the WAL
    const std::uint64_t dbClosed = fileSize(server->dbFile);
    double cleanOpen = 0;
    {
        const auto t0 = SteadyClock::now();
        auto store = store::openSqliteStore(server->dbFile, {.fullSync = true});
        if (!store) {
            fail("reopen: " + store.error().message);
        }
        session::Session again(session::SessionOptions{}, std::move(store).value(),
                               shanxiReference());
        if (auto st = again.open(); !st) {
            fail("reopen: " + st.error().message);
        }
        cleanOpen = secondsSince(t0);
        std::printf(
            "recovery: start-up after a clean stop (snapshot at the last event): store "
            "open + Session::open %s; file %s after checkpoint\n",
            ms(cleanOpen * 1000.0).c_str(), mib(dbClosed).c_str());
    }
    server.reset();

    // ---- Summary -------------------------------------------------------------------------------
    auto verdict = [](bool ok) { return ok ? "ok" : "MISSED"; };
    std::printf(
        "\nsummary (%s, %d reporters x %d fixes/batch, %d subscribers, %s units; run "
        "took %.0f s)\n",
        root.c_str(), opt.reporters, opt.batch, opt.subscribers,
        withCommas(province.unitIds.size()).c_str(), secondsSince(runStart));
    std::printf("  %-54s %-30s %-13s %s\n", "figure", "value", "target", "");
    auto row = [](const std::string& what, const std::string& value, const std::string& target,
                  const char* v) {
        std::printf("  %-54s %-30s %-13s %s\n", what.c_str(), value.c_str(), target.c_str(), v);
    };
    for (const PhaseReport* p : {&phaseA, &phaseB, &phaseC}) {
        // With --rate the offered load is the figure, not what the server could take.
        row("ingest" + p->name,
            withCommas(static_cast<std::uint64_t>(p->ingest.fixesPerSecond)) + " fixes/s",
            ">= 20,000/s",
            opt.rate > 0 ? "(rate capped)" : verdict(p->ingest.fixesPerSecond >= 20'000));
        row("  delivery latency p50 / p99 / max (delivered)",
            ms(p->all.p50) + " / " + ms(p->all.p99) + " / " + ms(p->all.max), "", "");
        row("  delivery p99, conflated ranked last",
            std::isfinite(p->p99Counted) ? ms(p->p99Counted)
                                         : std::string("none: over 1 % conflated"),
            "p99 <= 100 ms", verdict(p->p99Counted <= 100.0));
        std::uint64_t minGot = ~0ull, maxGot = 0;
        for (auto g : p->delivered) {
            minGot = std::min(minGot, g);
            maxGot = std::max(maxGot, g);
        }
        const std::uint64_t events = p->ingest.lastSeq - p->ingest.firstSeq;
        row("  delivered per subscriber (min..max)",
            withCommas(minGot) + ".." + withCommas(maxGot) + " of " + withCommas(events), "", "");
        char cpu[64];
        std::snprintf(cpu, sizeof cpu, "%.2f / %.2f / %.2f", p->ingest.cpu.self,
                      p->ingest.cpu.others, p->ingest.cpu.idle);
        row("  cores: this process / other processes / idle", cpu, "", "");
    }
    row("others' p99 without / with the stalled subscriber",
        ms(phaseA.all.p99) + " / " + ms(phaseB.all.p99), "", "");
    row("stalled subscriber: events when it read at last",
        withCommas(stalledEvents) + " of " + withCommas(ingestB.lastSeq - ingestA.lastSeq) +
            " written",
        "", "");
    row("snapshot to new subscriber, idle, median / max",
        ms(idleSnap.median * 1000.0) + " / " + ms(idleSnap.max * 1000.0), "<= 1 s",
        verdict(idleSnap.max <= 1.0));
    row("snapshot to new subscriber, under load, median / max",
        ms(loadSnap.median * 1000.0) + " / " + ms(loadSnap.max * 1000.0), "<= 1 s",
        verdict(loadSnap.max <= 1.0));
    row("VmRSS with " + withCommas(stored) + " events stored",
        mib(loaded.rssKb * 1024) + " (trim " + mib(trimmed.rssKb * 1024) + ")", "", "");
    row("VmHWM (peak, clients included)", mib(loaded.hwmKb * 1024), "", "");
    row("SQLite file + wal while running", mib(dbBytes) + " + " + mib(walBytes), "", "");
    row("start-up, snapshot + " + withCommas(crashTail) + "-event tail", ms(crashOpen * 1000.0), "",
        "");
    row("start-up after clean stop", ms(cleanOpen * 1000.0), "", "");

    using flameblue::bench::summaryLine;
    for (const PhaseReport* p : {&phaseA, &phaseB, &phaseC}) {
        const std::string phase = "ingest" + p->name;
        summaryLine(
            "ingest_bench", phase + ", fixes/s",
            withCommas(static_cast<std::uint64_t>(p->ingest.fixesPerSecond)) + " fixes/s", "-",
            opt.rate > 0 ? "(rate capped)" : ">= 20,000/s",
            opt.rate > 0 ? "-" : flameblue::bench::verdict(p->ingest.fixesPerSecond >= 20'000));
        const std::uint64_t owed = (p->ingest.lastSeq - p->ingest.firstSeq) * p->delivered.size();
        summaryLine("ingest_bench",
                    phase + ", delivery p99 over every event (conflated ranked last)",
                    std::isfinite(p->p99Counted)
                        ? ms(p->p99Counted)
                        : flameblue::bench::format(
                              "none: %.1f %% conflated (over 1 %%)",
                              100.0 * static_cast<double>(p->conflated) /
                                  static_cast<double>(std::max<std::uint64_t>(1, owed))),
                    "-", "<= 100 ms", flameblue::bench::verdict(p->p99Counted <= 100.0));
        summaryLine("ingest_bench", phase + ", events conflated at live subscribers",
                    withCommas(p->conflated) + " of " + withCommas(owed));
    }
    summaryLine("ingest_bench", "snapshot to a new subscriber under load, max",
                ms(loadSnap.max * 1000.0), "-", "<= 1 s",
                flameblue::bench::verdict(loadSnap.max <= 1.0));
    summaryLine("ingest_bench", "VmRSS with " + withCommas(stored) + " events stored",
                mib(loaded.rssKb * 1024));
    summaryLine("ingest_bench",
                "start-up after a crash, snapshot + " + withCommas(crashTail) + "-event tail",
                ms(crashOpen * 1000.0));
    return 0;
}

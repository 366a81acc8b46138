// Drills over a day of a province: a generated 24-hour live log (thousands of units moving,
// hundreds of incidents, about a million events), then
//   - drill creation from the whole day (copying the range into the drill's timeline),
//   - seek to random times over gRPC, timed until a console subscribed to the drill (a real
//     Subscribe stream) has received the complete new state: the instructor's and trainees' wait,
//   - playback at 60x: every 100 ms tick must deliver 6 s of history well within 100 ms,
//   - storage: the live log and the drill's files.
// The server runs in this process as flameblue-server wires drills (DrillSessionHost, the Drills
// and Dispatch services on 127.0.0.1:0). A load tool with its own main; it prints its figures
// and the machine-readable summary (bench_summary.h).
//
//   drill_bench [--events N] [--units N] [--incidents N] [--seeks N] [--keep]
//
// Files go to $FLAMEBLUE_BENCH_DIR or the system temp dir (on tmpfs, fsync is free).
#include <grpcpp/grpcpp.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "api/drill_service.h"
#include "api/server.h"
#include "api/session_registry.h"
#include "bench_summary.h"
#include "flameblue/v1/dispatch.grpc.pb.h"
#include "flameblue/v1/drill.grpc.pb.h"
#include "replay/drill_manager.h"
#include "snapshot_watch.h"
#include "store/event_store.h"

namespace {

using namespace flameblue;
namespace pb = flameblue::v1;
using Clock = std::chrono::steady_clock;

struct Config {
    std::size_t events = 1'000'000;
    int units = 3'000;
    int incidents = 400;
    int seeks = 200;
    bool keep = false;
};

// 2026-11-29 00:00 Beijing time.
constexpr core::TimeMs kDayStart = 1'795'881'600'000;
constexpr core::TimeMs kDayMs = 24 * 3600 * 1000;

double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

std::uintmax_t sizeOf(const std::filesystem::path& p) {
    std::uintmax_t total = 0;
    std::error_code ec;
    if (std::filesystem::is_regular_file(p, ec))
        return std::filesystem::file_size(p, ec);
    for (const auto& e : std::filesystem::recursive_directory_iterator(p, ec)) {
        if (e.is_regular_file(ec))
            total += e.file_size(ec);
    }
    return total;
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::ceil(p / 100.0 * v.size())) - 1;
    return v[std::min(i, v.size() - 1)];
}

// Writes a plausible day: roster at midnight; incidents through the day, each with an alarm,
// dispatches of 2-6 units, en route with fixes every 15 s, on scene, sometimes an escalation and a
// note, under control, release, return with fixes, available; and patrol/relocation moves of
// other units filling the log up to the target count. Times never decrease.
class DayLog {
public:
    DayLog(const Config& c, store::EventStore& out) : m_config(c), m_out(out), m_rng(7) {}

    void write() {
        std::vector<Pending> plan;
        roster();
        planIncidents(plan);
        planPatrols(plan);
        std::stable_sort(plan.begin(), plan.end(),
                         [](const Pending& a, const Pending& b) { return a.time < b.time; });
        for (auto& p : plan) {
            emit(p.time, p.op, std::move(p.payload));
            if (m_state.lastSeq() >= m_config.events)
                break;
        }
        flush();
    }

private:
    struct Pending {
        core::TimeMs time;
        const char* op;
        core::EventPayload payload;
    };

    void emit(core::TimeMs t, const char* op, core::EventPayload p) {
        core::Event e;
        e.seq = m_state.lastSeq() + 1;
        e.time = std::max(t, m_state.lastEventTime());
        e.operatorId = op;
        e.origin = op[0] == 'a' ? "avl" : "console-3";
        e.payload = std::move(p);
        m_state.apply(e);
        m_batch.push_back(std::move(e));
        if (m_batch.size() >= 5000)
            flush();
        if (m_state.lastSeq() % 50'000 == 0) {
            flush();
            (void)m_out.saveSnapshot(m_state);
        }
    }
    void flush() {
        if (!m_batch.empty()) {
            if (auto st = m_out.append(m_batch); !st) {
                std::fprintf(stderr, "append: %s\n", st.error().message.c_str());
                std::exit(1);
            }
        }
        m_batch.clear();
    }

    core::LatLon randomPlace() {
        std::uniform_real_distribution<double> lat(34.8, 40.6), lon(110.5, 114.0);
        return {lat(m_rng), lon(m_rng)};
    }

    void roster() {
        const int stations = m_config.units / 6;
        for (int s = 0; s < stations; ++s) {
            core::Station st;
            st.id = "ST-" + std::to_string(s);
            st.nameZh = st.id;
            st.nameEn = st.id;
            st.city = "city" + std::to_string(s % 11);
            st.stationClass = "class1";
            st.position = randomPlace();
            m_stationPos.push_back(st.position);
            emit(kDayStart, "system", core::StationUpserted{st});
        }
        for (int u = 0; u < m_config.units; ++u) {
            core::UnitSpec spec;
            spec.id = "U-" + std::to_string(u);
            spec.callsign = spec.id;
            spec.kind = u % 150 == 0 ? core::UnitKind::Aircraft : core::UnitKind::Ground;
            spec.unitType = "engine";
            spec.stationId = "ST-" + std::to_string(u % stations);
            spec.capabilities = {"fire_suppression"};
            spec.crewCapacity = 6;
            emit(kDayStart, "system", core::UnitUpserted{spec, 5});
        }
    }

    // A drive of `n` fixes from a to b starting at t, every 15 s.
    void drive(std::vector<Pending>& plan, const std::string& unit, core::LatLon a, core::LatLon b,
               core::TimeMs t, int n) {
        for (int i = 1; i <= n; ++i) {
            const double f = static_cast<double>(i) / n;
            core::PositionFix fix;
            fix.position = {a.latDeg + (b.latDeg - a.latDeg) * f,
                            a.lonDeg + (b.lonDeg - a.lonDeg) * f};
            fix.speedKmh = 50;
            fix.headingDeg = 90;
            fix.fixTime = t + i * 15'000;
            plan.push_back({fix.fixTime, "avl", core::PositionReported{unit, fix}});
        }
    }

    void planIncidents(std::vector<Pending>& plan) {
        std::uniform_int_distribution<core::TimeMs> when(60'000, kDayMs - 4 * 3600'000);
        std::uniform_int_distribution<int> crews(2, 6), unitPick(0, m_config.units - 1);
        int number = 0;
        std::vector<core::TimeMs> busyUntil(m_config.units, 0);
        for (int i = 0; i < m_config.incidents; ++i) {
            const core::TimeMs t0 = kDayStart + when(m_rng);
            char id[40];
            std::snprintf(id, sizeof id, "INC-20261129-%04d", ++number);
            const core::LatLon where = randomPlace();
            plan.push_back({t0, "dispatcher",
                            core::IncidentCreated{id, "building_fire", 1, where, "address",
                                                  "caller", "city" + std::to_string(i % 11), t0}});
            std::vector<core::Id> sent;
            const int n = crews(m_rng);
            for (int k = 0; k < n * 3 && static_cast<int>(sent.size()) < n; ++k) {
                const int u = unitPick(m_rng);
                if (busyUntil[u] < t0) {
                    busyUntil[u] = t0 + 4 * 3600'000;
                    sent.push_back("U-" + std::to_string(u));
                }
            }
            const core::TimeMs td = t0 + 60'000;
            plan.push_back({td, "dispatcher", core::UnitsDispatched{id, sent}});
            for (const auto& u : sent) {
                const int idx = std::stoi(u.substr(2));
                const core::LatLon home = m_stationPos[idx % m_stationPos.size()];
                plan.push_back({td + 60'000, "avl",
                                core::UnitStatusChanged{u, core::UnitStatus::EnRoute, {}}});
                drive(plan, u, home, where, td + 60'000, 40);  // 10 minutes out
                plan.push_back({td + 700'000, "avl",
                                core::UnitStatusChanged{u, core::UnitStatus::OnScene, {}}});
                plan.push_back({td + 3 * 3600'000 + 60'000, "avl",
                                core::UnitStatusChanged{u, core::UnitStatus::Returning, {}}});
                drive(plan, u, where, home, td + 3 * 3600'000 + 60'000, 40);
                plan.push_back({td + 3 * 3600'000 + 700'000, "avl",
                                core::UnitStatusChanged{u, core::UnitStatus::Available, {}}});
            }
            if (i % 4 == 0) {
                plan.push_back({td + 1'200'000, "dispatcher",
                                core::IncidentUpdated{id, {}, 2, {}, {}, {}, {}}});
            }
            plan.push_back({td + 1'300'000, "dispatcher", core::NoteAdded{id, "progress note"}});
            plan.push_back({td + 2 * 3600'000, "dispatcher",
                            core::IncidentStatusChanged{id, core::IncidentStatus::UnderControl}});
            plan.push_back({td + 3 * 3600'000, "dispatcher", core::UnitsReleased{id, sent}});
            plan.push_back({td + 3 * 3600'000 + 30'000, "dispatcher",
                            core::IncidentStatusChanged{id, core::IncidentStatus::Closed}});
        }
    }

    // Patrols and relocations of every unit through the day until the log is full.
    void planPatrols(std::vector<Pending>& plan) {
        std::uniform_int_distribution<core::TimeMs> when(0, kDayMs - 1'200'000);
        std::uniform_int_distribution<int> unitPick(0, m_config.units - 1);
        while (plan.size() + m_state.lastSeq() < m_config.events + 1000) {
            const int u = unitPick(m_rng);
            const core::LatLon home = m_stationPos[u % m_stationPos.size()];
            const core::LatLon there{home.latDeg + 0.02, home.lonDeg + 0.03};
            drive(plan, "U-" + std::to_string(u), home, there, kDayStart + when(m_rng), 60);
        }
    }

    const Config& m_config;
    store::EventStore& m_out;
    std::mt19937 m_rng;
    core::State m_state;
    std::vector<core::Event> m_batch;
    std::vector<core::LatLon> m_stationPos;
};

// A console on a drill: one Subscribe stream over gRPC, read on its own thread, every message
// noted with the moment it arrived.
class DrillConsole {
public:
    DrillConsole(const std::string& target, const std::string& drillId)
        : m_stub(pb::Dispatch::NewStub(
              grpc::CreateChannel(target, grpc::InsecureChannelCredentials()))) {
        m_ctx.AddMetadata("x-flameblue-operator", "trainee");
        pb::SubscribeRequest req;
        req.mutable_session()->set_id(drillId);
        req.set_max_events_per_message(256);  // as the console asks
        m_reader = m_stub->Subscribe(&m_ctx, req);
        m_thread = std::thread([this] { read(); });
    }
    ~DrillConsole() { stop(); }
    DrillConsole(const DrillConsole&) = delete;
    DrillConsole& operator=(const DrillConsole&) = delete;

    // Waits until a snapshot for `reason` of state `seq` or later has fully arrived.
    std::optional<bench::SnapshotWatch::Snapshot> waitFor(const std::string& reason,
                                                          std::uint64_t seq,
                                                          std::chrono::seconds timeout) {
        std::unique_lock lock(m_mutex);
        std::optional<bench::SnapshotWatch::Snapshot> found;
        m_changed.wait_for(lock, timeout, [&] {
            found = m_watch.firstAtOrAfter(reason, seq);
            return found.has_value() || m_ended;
        });
        return found;
    }
    std::uint64_t events() {
        std::lock_guard lock(m_mutex);
        return m_watch.events();
    }
    void stop() {
        if (m_thread.joinable()) {
            m_ctx.TryCancel();
            m_thread.join();
        }
    }

private:
    void read() {
        pb::SubscribeResponse m;
        while (m_reader->Read(&m)) {
            const auto at = Clock::now();
            std::lock_guard lock(m_mutex);
            m_watch.onMessage(m, at);
            m_changed.notify_all();
        }
        (void)m_reader->Finish();
        std::lock_guard lock(m_mutex);
        m_ended = true;
        m_changed.notify_all();
    }

    std::unique_ptr<pb::Dispatch::Stub> m_stub;
    grpc::ClientContext m_ctx;
    std::unique_ptr<grpc::ClientReader<pb::SubscribeResponse>> m_reader;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bench::SnapshotWatch m_watch;
    bool m_ended = false;
    std::thread m_thread;
};

}  // namespace

int main(int argc, char** argv) {
    Config config;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> long { return i + 1 < argc ? std::atol(argv[++i]) : 0; };
        if (a == "--events") {
            config.events = static_cast<std::size_t>(next());
        } else if (a == "--units") {
            config.units = static_cast<int>(next());
        } else if (a == "--incidents") {
            config.incidents = static_cast<int>(next());
        } else if (a == "--seeks") {
            config.seeks = static_cast<int>(next());
        } else if (a == "--keep") {
            config.keep = true;
        } else {
            std::fprintf(stderr, "drill_bench: unknown argument %s\n", a.c_str());
            return 2;
        }
    }
    const char* root = std::getenv("FLAMEBLUE_BENCH_DIR");
    std::string pattern =
        (root && *root ? std::filesystem::path(root) : std::filesystem::temp_directory_path()) /
        "flameblue-drill-bench-XXXXXX";
    if (!mkdtemp(pattern.data())) {
        std::perror("mkdtemp");
        return 1;
    }
    const std::filesystem::path dir = pattern;

    // The live log of one day, written as the live server would (snapshot every 50,000).
    auto t = Clock::now();
    {
        auto live = store::openSqliteStore(dir / "live.db", {.fullSync = false});
        if (!live) {
            std::fprintf(stderr, "%s\n", live.error().message.c_str());
            return 1;
        }
        DayLog(config, **live).write();
    }
    const double generateMs = msSince(t);
    auto live = store::openSqliteStore(dir / "live.db");
    if (!live) {
        std::fprintf(stderr, "%s\n", live.error().message.c_str());
        return 1;
    }
    const std::uint64_t liveEvents = (*live)->lastSeq();
    std::printf(
        "live log: %llu events, %d units, %d incidents over 24 h; %.1f MB "
        "(written in %.1f s)\n",
        static_cast<unsigned long long>(liveEvents), config.units, config.incidents,
        sizeOf(dir / "live.db") / 1e6, generateMs / 1000);

    // The server as flameblue-server wires drills: a DrillSessionHost registers each drill's
    // session with its fan-out, and the Drills and Dispatch services serve them over gRPC.
    api::SessionRegistry sessions;
    api::DrillSessionHost host(sessions, api::SubscribeLimits{}.staleAfterMs);
    replay::DrillManagerOptions options;
    options.directory = dir / "drills";
    replay::DrillManager manager(
        options, **live, core::Reference{}, [&host](replay::Drill& d) { host.opened(d); },
        [&host](replay::Drill& d) { host.ended(d); });
    api::ServerOptions serverOptions;
    serverOptions.listen = "127.0.0.1:0";
    // Self-declared operators and no command rate limit: this is about seeking, back to back.
    serverOptions.insecureDev = true;
    serverOptions.limits.commandsPerSecond = 0;
    auto server = api::DispatchServer::start(serverOptions, sessions, pb::Catalog{}, nullptr,
                                             nullptr, &manager);
    if (!server) {
        std::fprintf(stderr, "server: %s\n", server.error().message.c_str());
        return 1;
    }
    const std::string target = "127.0.0.1:" + std::to_string((*server)->port());

    // Drill creation from the whole day.
    t = Clock::now();
    auto created = manager.createFromRange("day", kDayStart, kDayStart + kDayMs, "bench");
    const double createMs = msSince(t);
    if (!created) {
        std::fprintf(stderr, "create: %s\n", created.error().message.c_str());
        return 1;
    }
    replay::Drill& drill = **created;
    std::printf("drill creation (whole day, %llu events): %.1f s; drill files %.1f MB\n",
                static_cast<unsigned long long>(drill.timeline().eventCount()), createMs / 1000,
                sizeOf(options.directory) / 1e6);

    // A console on the drill: a Subscribe stream over gRPC; and the instructor's Drills stub.
    DrillConsole console(target, drill.info().id);
    if (!console.waitFor("new", 0, std::chrono::seconds(120))) {
        std::fprintf(stderr, "the console did not receive the drill's first snapshot\n");
        return 1;
    }
    auto instructor =
        pb::Drills::NewStub(grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));

    // Seek to random times: from sending Seek until the console has the whole new state.
    std::mt19937 rng(11);
    std::uniform_int_distribution<core::TimeMs> pick(kDayStart, kDayStart + kDayMs);
    std::vector<double> servedMs;
    std::vector<double> replyMs;
    int incomplete = 0;
    for (int i = 0; i < config.seeks; ++i) {
        pb::SeekRequest req;
        req.set_drill_id(drill.info().id);
        const core::TimeMs when = pick(rng);
        req.mutable_time()->set_seconds(when / 1000);
        req.mutable_time()->set_nanos(static_cast<int>(when % 1000) * 1'000'000);
        grpc::ClientContext ctx;
        ctx.AddMetadata("x-flameblue-operator", "bench");
        ctx.AddMetadata(api::DrillService::kRoleKey, "instructor");
        pb::PlaybackState reply;
        t = Clock::now();
        const grpc::Status st = instructor->Seek(&ctx, req, &reply);
        replyMs.push_back(msSince(t));
        if (!st.ok()) {
            std::fprintf(stderr, "seek: %s\n", st.error_message().c_str());
            return 1;
        }
        // The seek's marker is the drill session's newest event now (the drill is paused).
        const auto served =
            console.waitFor("seek", drill.session().headSeq(), std::chrono::seconds(120));
        if (!served) {
            std::fprintf(stderr, "seek %d: the console never received the new state\n", i);
            return 1;
        }
        incomplete += served->complete ? 0 : 1;
        servedMs.push_back(std::chrono::duration<double, std::milli>(served->at - t).count());
    }
    std::printf(
        "seek to %d random times, until the console has the new state: p50 %.1f ms, p99 %.1f "
        "ms, max %.1f ms (target p99 <= 500 ms); Seek's reply alone: p50 %.1f ms, p99 %.1f ms; "
        "incomplete snapshots %d\n",
        config.seeks, percentile(servedMs, 50), percentile(servedMs, 99),
        *std::max_element(servedMs.begin(), servedMs.end()), percentile(replyMs, 50),
        percentile(replyMs, 99), incomplete);

    // Playback at 60x: 100 ms ticks, each delivering 6 s of history, run back to back.
    (void)drill.seek("bench", kDayStart);
    (void)drill.setSpeed("bench", 60);
    (void)drill.play("bench");
    std::vector<double> tickMs;
    const std::uint64_t before = console.events();
    t = Clock::now();
    while (drill.playback().playing) {
        const auto tick = Clock::now();
        if (auto st = drill.advance(100); !st) {
            std::fprintf(stderr, "advance: %s\n", st.error().message.c_str());
            return 1;
        }
        tickMs.push_back(msSince(tick));
    }
    const double playMs = msSince(t);
    std::printf(
        "playback at 60x of the whole day: %zu ticks of 100 ms (6 s of history each); "
        "work per tick p50 %.2f ms, p99 %.2f ms, max %.1f ms; the day took %.1f s of "
        "work (%.0fx real time flat out, 60x needs 1440 s)\n",
        tickMs.size(), percentile(tickMs, 50), percentile(tickMs, 99),
        *std::max_element(tickMs.begin(), tickMs.end()), playMs / 1000,
        static_cast<double>(kDayMs) / playMs);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::printf("console received %llu events during playback\n",
                static_cast<unsigned long long>(console.events() - before));
    std::printf("storage: live log %.1f MB; drill timeline %.1f MB; drill session log %.1f MB\n",
                sizeOf(dir / "live.db") / 1e6,
                sizeOf(options.directory / drill.info().id / "timeline.db") / 1e6,
                sizeOf(options.directory / drill.info().id / "session.db") / 1e6);
    using bench::format;
    const double seekP99 = percentile(servedMs, 99);
    bench::summaryLine("drill_bench", "seek p99, until a console has the new state",
                       format("%.0f ms", seekP99), "-", "<= 500 ms",
                       bench::verdict(seekP99 <= 500.0 && incomplete == 0));
    bench::summaryLine("drill_bench", "seek p50, until a console has the new state",
                       format("%.0f ms", percentile(servedMs, 50)));
    bench::summaryLine("drill_bench", "seek p99, Seek reply alone",
                       format("%.0f ms", percentile(replyMs, 99)));
    const double tickP99 = percentile(tickMs, 99);
    bench::summaryLine("drill_bench", "60x playback work per 100 ms tick, p99",
                       format("%.2f ms", tickP99), "-", "< 100 ms",
                       bench::verdict(tickP99 < 100.0));
    bench::summaryLine("drill_bench",
                       format("drill creation from a 24-hour log of %llu events",
                              static_cast<unsigned long long>(liveEvents)),
                       format("%.1f s", createMs / 1000));
    console.stop();
    (*server)->shutdown();
    if (!config.keep) {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    } else {
        std::printf("files kept in %s\n", dir.c_str());
    }
    return 0;
}

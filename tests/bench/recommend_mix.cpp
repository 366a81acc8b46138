#include "recommend_mix.h"

#include <grpcpp/grpcpp.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>
#include <utility>

#include "api/live_feed.h"
#include "api/server.h"
#include "api/session_registry.h"
#include "flameblue/v1/dispatch.grpc.pb.h"
#include "naive_recommender.h"
#include "session/session.h"
#include "store/event_store.h"

namespace flameblue::bench {

namespace {

namespace pb = flameblue::v1;
using SteadyClock = std::chrono::steady_clock;

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "recommend_bench: %s\n", what.c_str());
    std::exit(1);
}

double msBetween(SteadyClock::time_point a, SteadyClock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

void addCaller(grpc::ClientContext& ctx, const char* console) {
    ctx.AddMetadata("x-flameblue-operator", "bench");
    ctx.AddMetadata("x-flameblue-console", console);
}

// The session, its fan-out and the gRPC server, wired as the server program wires them.
struct ServedLive {
    std::filesystem::path dir;
    std::unique_ptr<session::Session> session;
    api::LiveFanOut fanout;
    std::unique_ptr<api::LivePublisher> publisher;
    api::SessionRegistry sessions;
    std::unique_ptr<api::DispatchServer> server;
    std::string target;

    ~ServedLive() {
        if (server) {
            server->shutdown();
        }
        server.reset();
        if (session) {
            session->stop();
        }
        session.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
};

core::Reference referenceOf(const data::Dataset& ds) {
    core::Reference ref;
    for (const auto& t : ds.incidentTypes) {
        ref.incidentTypes.insert(t.id);
    }
    for (const auto& c : ds.cities) {
        ref.citySeats.push_back({c.id, c.seat});
    }
    return ref;
}

std::unique_ptr<ServedLive> serve(const RecommendWorld& world, session::Clock clock) {
    auto live = std::make_unique<ServedLive>();
    const char* root = std::getenv("FLAMEBLUE_BENCH_DIR");
    std::string pattern =
        (root && *root ? std::filesystem::path(root) : std::filesystem::temp_directory_path()) /
        "flameblue-recommend-XXXXXX";
    if (!mkdtemp(pattern.data())) {
        fail(std::string("mkdtemp: ") + std::strerror(errno));
    }
    live->dir = pattern;
    auto store = store::openSqliteStore(live->dir / "live.db", {.fullSync = true});
    if (!store) {
        fail(store.error().message);
    }
    session::SessionOptions options;
    options.id = api::SessionRegistry::kLive;
    options.clock = clock;
    live->session = std::make_unique<session::Session>(options, std::move(store).value(),
                                                       referenceOf(world.dataset));
    if (auto st = live->session->open(); !st) {
        fail(st.error().message);
    }
    live->publisher = std::make_unique<api::LivePublisher>(
        live->fanout, api::SubscribeLimits{}.staleAfterMs, clock);
    live->session->setObserver(live->publisher.get());
    live->session->start();
    auto seeded = live->session->appendTrusted({"system", "bench province", 0}, world.events);
    if (!seeded) {
        fail("seeding the session: " + seeded.error().message);
    }
    live->sessions.add(api::SessionRegistry::kLive, {live->session.get(), &live->fanout});
    api::ServerOptions serverOptions;
    serverOptions.listen = "127.0.0.1:0";
    auto started = api::DispatchServer::start(serverOptions, live->sessions, pb::Catalog{},
                                              world.recommender.get());
    if (!started) {
        fail(started.error().message);
    }
    live->server = std::move(started).value();
    live->target = "127.0.0.1:" + std::to_string(live->server->port());
    return live;
}

// AVL: every ground unit in turn reports a fix near its station, in batches every 100 ms.
void reportFixes(const RecommendWorld& world, const std::string& target, double perSecond,
                 const session::Clock& clock, const std::atomic<bool>& stop,
                 std::atomic<std::uint64_t>& sent, MixResult& out, std::mutex& outMutex) {
    std::vector<core::LatLon> homes;
    for (const auto& id : world.groundUnits) {
        homes.push_back(world.state.station(world.state.unit(id)->spec.stationId)->position);
    }
    auto stub =
        pb::Dispatch::NewStub(grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
    grpc::ClientContext ctx;
    addCaller(ctx, "bench-avl");
    pb::ReportPositionsReply reply;
    auto writer = stub->ReportPositions(&ctx, &reply);
    std::size_t cursor = 0;
    double owed = 0.0;
    auto next = SteadyClock::now();
    while (!stop) {
        next += std::chrono::milliseconds(100);
        std::this_thread::sleep_until(next);
        owed += perSecond / 10.0;
        pb::PositionBatch batch;
        const core::TimeMs now = clock();
        for (; owed >= 1.0; owed -= 1.0) {
            const std::size_t u = cursor % world.groundUnits.size();
            const double step = static_cast<double>(cursor++ / world.groundUnits.size());
            pb::PositionReport* r = batch.add_reports();
            r->set_unit_id(world.groundUnits[u]);
            pb::PositionFix* f = r->mutable_fix();
            // Driving round its station, a new place every fix (identical fixes are not stored).
            f->mutable_position()->set_lat(homes[u].latDeg + 0.004 * std::sin(step + u));
            f->mutable_position()->set_lon(homes[u].lonDeg + 0.004 * std::cos(step + u));
            f->set_speed_kmh(40.0);
            f->set_heading_deg(std::fmod(step * 37.0, 360.0));
            f->mutable_time()->set_seconds(now / 1000);
            f->mutable_time()->set_nanos(static_cast<int>(now % 1000) * 1'000'000);
        }
        if (batch.reports_size() == 0) {
            continue;
        }
        if (!writer->Write(batch)) {
            break;
        }
        sent += static_cast<std::uint64_t>(batch.reports_size());
    }
    writer->WritesDone();
    const grpc::Status st = writer->Finish();
    std::lock_guard lock(outMutex);
    out.fixesAccepted = reply.accepted() + reply.unchanged();
    if (!st.ok()) {
        out.problems.push_back("ReportPositions: " + st.error_message());
    }
    for (const auto& r : reply.rejections()) {
        out.problems.push_back("fix for " + r.unit_id() + " rejected: " + r.reason());
    }
}

// Dispatchers: send a free unit to an open incident, release it a few commands later.
void runCommands(const RecommendWorld& world, const std::string& target, double perSecond,
                 const std::atomic<bool>& stop, MixResult& out, std::mutex& outMutex) {
    auto stub =
        pb::Dispatch::NewStub(grpc::CreateChannel(target, grpc::InsecureChannelCredentials()));
    std::deque<std::pair<core::Id, core::Id>> onScene;  // (incident, unit)
    std::size_t nextUnit = 0;
    std::size_t nextIncident = 0;
    const auto interval = std::chrono::duration<double>(1.0 / perSecond);
    auto next = SteadyClock::now();
    while (!stop) {
        next += std::chrono::duration_cast<SteadyClock::duration>(interval);
        std::this_thread::sleep_until(next);
        grpc::ClientContext ctx;
        addCaller(ctx, "bench-console");
        pb::CommandReply reply;
        grpc::Status st;
        if (onScene.size() >= 5) {
            pb::ReleaseUnitsRequest req;
            req.set_incident_id(onScene.front().first);
            req.add_unit_ids(onScene.front().second);
            onScene.pop_front();
            st = stub->ReleaseUnits(&ctx, req, &reply);
        } else {
            const core::Id& unit = world.freeGroundUnits[nextUnit++ % world.freeGroundUnits.size()];
            const core::Id& incident = world.incidents[nextIncident++ % world.incidents.size()];
            pb::DispatchUnitsRequest req;
            req.set_incident_id(incident);
            req.add_unit_ids(unit);
            st = stub->DispatchUnits(&ctx, req, &reply);
            if (st.ok()) {
                onScene.emplace_back(incident, unit);
            }
        }
        std::lock_guard lock(outMutex);
        if (st.ok()) {
            ++out.commandsOk;
        } else {
            ++out.commandsFailed;
            if (out.problems.size() < 10) {
                out.problems.push_back("command: " + st.error_message());
            }
        }
    }
}

}  // namespace

MixResult runServedMix(const RecommendWorld& world, const MixOptions& options) {
    const auto clockStart = SteadyClock::now();
    // The session's clock runs from the synthetic world's "now", so fix ages mean what they say.
    const session::Clock clock = [clockStart] {
        return kRecommendNow + std::chrono::duration_cast<std::chrono::milliseconds>(
                                   SteadyClock::now() - clockStart)
                                   .count();
    };
    auto live = serve(world, clock);
    MixResult out;
    std::mutex outMutex;
    std::atomic<bool> stop{false};
    std::atomic<std::uint64_t> fixesSent{0};
    std::thread avl([&] {
        reportFixes(world, live->target, options.fixesPerSecond, clock, stop, fixesSent, out,
                    outMutex);
    });
    std::thread consoles(
        [&] { runCommands(world, live->target, options.commandsPerSecond, stop, out, outMutex); });

    auto stub = pb::Dispatch::NewStub(
        grpc::CreateChannel(live->target, grpc::InsecureChannelCredentials()));
    const auto span = [](double seconds) {
        return std::chrono::duration_cast<SteadyClock::duration>(
            std::chrono::duration<double>(seconds));
    };
    const auto interval = span(1.0 / options.recommendsPerSecond);
    const auto start = SteadyClock::now();
    const auto measureFrom = start + span(options.warmupSeconds);
    const auto productEnd = measureFrom + span(options.seconds);
    std::uint64_t headAtStart = 0;
    std::size_t i = 0;
    // The product: Recommend over gRPC, as a console asks.
    for (auto next = start; SteadyClock::now() < productEnd; ++i) {
        next += interval;
        std::this_thread::sleep_until(next);
        const bool measuring = SteadyClock::now() >= measureFrom;
        if (measuring && headAtStart == 0) {
            headAtStart = live->session->headSeq();
        }
        const dispatch::RecommendRequest& r = world.mixed[i % world.mixed.size()];
        pb::RecommendRequest req;
        req.set_type(r.type);
        req.set_level(r.level);
        req.mutable_position()->set_lat(r.position->latDeg);
        req.mutable_position()->set_lon(r.position->lonDeg);
        grpc::ClientContext ctx;
        addCaller(ctx, "bench-console");
        pb::Recommendation reply;
        const auto t0 = SteadyClock::now();
        const grpc::Status st = stub->Recommend(&ctx, req, &reply);
        const auto t1 = SteadyClock::now();
        if (!st.ok()) {
            fail("Recommend: " + st.error_message());
        }
        const bool rebuilt = reply.index_built();
        if (measuring) {
            out.serverMs.push_back(reply.compute_ms());
            out.clientMs.push_back(msBetween(t0, t1));
            (rebuilt ? out.rebuiltMs : out.reusedMs).push_back(reply.compute_ms());
        }
    }
    out.seconds = std::chrono::duration<double>(SteadyClock::now() - measureFrom).count();
    out.eventsWritten = live->session->headSeq() - headAtStart;
    // The baseline, next, under the same load for as long: the same requests at the same rate,
    // each on the session's state under its read lock, as the service reads it. (Run beside the
    // product, its long lock holds would change the product's conditions.)
    const auto baselineEnd = SteadyClock::now() + span(options.seconds);
    i = 0;
    for (auto next = SteadyClock::now(); SteadyClock::now() < baselineEnd; ++i) {
        next += interval;
        std::this_thread::sleep_until(next);
        dispatch::RecommendRequest naive = world.mixed[i % world.mixed.size()];
        naive.now = clock();
        const auto b0 = SteadyClock::now();
        const auto picks = live->session->withState([&](const core::State& s, const auto&) {
            return naiveRecommend(*world.recommender, world.dataset, s, naive);
        });
        out.baselineMs.push_back(msBetween(b0, SteadyClock::now()));
        if (picks.empty()) {
            out.problems.push_back("the baseline found no unit for a " + naive.type);
        }
    }
    stop = true;
    avl.join();
    consoles.join();
    out.fixesSent = fixesSent;
    return out;
}

}  // namespace flameblue::bench

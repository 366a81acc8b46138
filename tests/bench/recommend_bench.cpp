// Full-plan recommendations over 10,000 synthetic ground units and 100 aircraft.
//
// The synthetic province copies whole stations of the bundled demo roster (so capabilities,
// unit mixes and staffing are drawn like the demo set) to random places: half near the eleven
// city seats, half anywhere in Shanxi. 100 aircraft of the demo types sit at ten bases. About
// 7 % of units are committed to other incidents, 3 % out of service, 10 % report fresh fixes
// near their station and 5 % stale ones. Incidents fall at random places (half near cities).
//
//   recommend_bench                      all benchmarks, then a p50/p99 summary
//   recommend_bench --benchmark_filter=Recommend
//
// Each benchmark times every iteration itself; the summary lists p50 and p99 per benchmark.
// The baseline scans every unit for every slot with the Vincenty distance and fills slots
// greedily in run-card order: no index, no assignment, no explanations, no coverage.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <time.h>

#include "core/state.h"
#include "core/status_machine.h"
#include "data/dataset.h"
#include "dispatch/recommender.h"

namespace {

using namespace flameblue;

constexpr std::size_t kGroundUnits = 10'000;
constexpr std::size_t kAircraft = 100;
constexpr std::size_t kAircraftBases = 10;
constexpr std::size_t kRequests = 4096;
constexpr core::TimeMs kT0 = 1'795'896'000'000;
constexpr core::TimeMs kNow = kT0 + 86'400'000;

struct World {
    data::Dataset dataset;  // the demo catalogs plus the synthetic aircraft (for readiness)
    core::State state;
    std::unique_ptr<dispatch::Recommender> recommender;
    std::shared_ptr<const dispatch::UnitIndex> index;
    std::vector<dispatch::RecommendRequest> buildingFires;  // building_fire level 2: 7 slots
    std::vector<dispatch::RecommendRequest> mixed;          // any type with >= 5 slots at L2
};

core::LatLon randomPlace(std::mt19937& rng, const data::Dataset& ds, double spreadDeg) {
    std::uniform_real_distribution<double> lat(34.7, 40.6);
    std::uniform_real_distribution<double> lon(110.4, 114.4);
    if (rng() % 2 == 0) {
        return {lat(rng), lon(rng)};
    }
    const auto& seat = ds.cities[rng() % ds.cities.size()].seat;
    std::normal_distribution<double> off(0.0, spreadDeg);
    return {seat.latDeg + off(rng), seat.lonDeg + off(rng)};
}

class EventLog {
public:
    explicit EventLog(core::State& s) : m_state(s) {}
    void add(core::EventPayload p) {
        core::Event e;
        e.seq = m_state.lastSeq() + 1;
        e.time = m_time;
        m_time += 10;
        e.payload = std::move(p);
        m_state.apply(e);
    }

private:
    core::State& m_state;
    core::TimeMs m_time = kT0;
};

std::unique_ptr<World> buildWorld() {
    auto world = std::make_unique<World>();
    auto demo = data::loadDataset(FLAMEBLUE_DATA_DIR);
    if (!demo.ok()) {
        std::fprintf(stderr, "%s\n", demo.error().message.c_str());
        std::exit(1);
    }
    world->dataset = std::move(demo).value();
    data::Dataset& ds = world->dataset;
    std::mt19937 rng(20261129);
    EventLog log(world->state);
    for (const auto& w : ds.waterSources) {
        log.add(core::WaterSourceUpserted{w});
    }

    // Ground stations copied whole from demo stations that have ground units.
    std::vector<const core::Station*> templates;
    for (const auto& s : ds.stations) {
        const auto units = ds.unitsAt(s.id);
        if (!units.empty() && units.front()->spec.kind == core::UnitKind::Ground) {
            templates.push_back(&s);
        }
    }
    std::vector<core::Id> groundIds;
    for (int n = 0; groundIds.size() < kGroundUnits; ++n) {
        const core::Station& t = *templates[rng() % templates.size()];
        core::Station s = t;
        char id[32];
        std::snprintf(id, sizeof id, "SYN-%05d", n);
        s.id = id;
        s.position = randomPlace(rng, ds, 0.12);
        log.add(core::StationUpserted{s});
        for (const data::RosterUnit* u : ds.unitsAt(t.id)) {
            if (groundIds.size() == kGroundUnits) {
                break;
            }
            core::UnitSpec spec = u->spec;
            spec.id = s.id + spec.id.substr(t.id.size());
            spec.stationId = s.id;
            log.add(core::UnitUpserted{spec, u->staffing});
            groundIds.push_back(spec.id);
        }
    }

    // Aircraft bases and 100 aircraft of the demo types, readiness mixed.
    std::vector<data::RosterUnit> demoAircraft;
    for (const auto& u : ds.units) {
        if (u.spec.kind == core::UnitKind::Aircraft) {
            demoAircraft.push_back(u);
        }
    }
    const core::Station* yaocheng = ds.findStation("AV-YC");
    for (std::size_t b = 0; b < kAircraftBases; ++b) {
        core::Station base = *yaocheng;
        base.id = "SYN-AB-" + std::to_string(b);
        if (b > 0) {
            base.position = ds.cities[b % ds.cities.size()].seat;
        }
        log.add(core::StationUpserted{base});
    }
    for (std::size_t a = 0; a < kAircraft; ++a) {
        data::RosterUnit u = demoAircraft[a % demoAircraft.size()];
        u.spec.id = "SYN-AV-" + std::to_string(a);
        u.spec.stationId = "SYN-AB-" + std::to_string(a % kAircraftBases);
        u.readiness = rng() % 3 == 0 ? "hot_standby" : "normal";
        log.add(core::UnitUpserted{u.spec, u.staffing});
        ds.units.push_back(u);
    }

    // Live status: committed, out of service, fresh and stale fixes.
    std::vector<core::Id> incidents;
    for (int i = 0; i < 50; ++i) {
        core::IncidentCreated inc;
        inc.id = "INC-20261129-" + std::to_string(1000 + i);
        inc.type = "building_fire";
        inc.position = randomPlace(rng, ds, 0.1);
        inc.received = kT0;
        log.add(inc);
        incidents.push_back(inc.id);
    }
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    std::normal_distribution<double> jitter(0.0, 0.02);
    for (const auto& id : groundIds) {
        const double r = u01(rng);
        const core::Unit* unit = world->state.unit(id);
        const core::LatLon home = world->state.station(unit->spec.stationId)->position;
        if (r < 0.07) {
            log.add(core::UnitsDispatched{incidents[rng() % incidents.size()], {id}});
        } else if (r < 0.10) {
            log.add(core::UnitStatusChanged{id, core::UnitStatus::OutOfService, {}});
        } else if (r < 0.20) {
            const auto age = static_cast<core::TimeMs>(u01(rng) * 200'000);
            log.add(core::PositionReported{id,
                                           {{home.latDeg + jitter(rng), home.lonDeg + jitter(rng)},
                                            {},
                                            40.0,
                                            {},
                                            kNow - age}});
        } else if (r < 0.25) {
            log.add(core::PositionReported{
                id, {{home.latDeg + jitter(rng), home.lonDeg + jitter(rng)}, {}, 0.0, {}, kT0}});
        }
    }

    auto plans = dispatch::loadResponsePlans(FLAMEBLUE_DATA_DIR, ds);
    auto config = dispatch::loadTravelModelConfig(FLAMEBLUE_DATA_DIR, ds);
    if (!plans.ok() || !config.ok()) {
        std::fprintf(stderr, "cannot load the dispatch files\n");
        std::exit(1);
    }
    world->recommender = std::make_unique<dispatch::Recommender>(ds, std::move(plans).value(),
                                                                 std::move(config).value());
    world->index = world->recommender->index(world->state, kNow);

    std::vector<std::string> types;
    for (const auto& p : world->recommender->plans().plans) {
        if (world->recommender->plans().slotsFor(p.incidentType, 2).size() >= 5) {
            types.push_back(p.incidentType);
        }
    }
    for (std::size_t i = 0; i < kRequests; ++i) {
        dispatch::RecommendRequest req;
        req.type = "building_fire";
        req.level = 2;
        req.position = randomPlace(rng, ds, 0.08);
        req.now = kNow;
        world->buildingFires.push_back(req);
        req.type = types[rng() % types.size()];
        world->mixed.push_back(req);
    }
    return world;
}

World& world() {
    static const std::unique_ptr<World> w = buildWorld();
    return *w;
}

// Per-iteration wall-clock and thread CPU times, microseconds, by benchmark name. On a shared
// machine the wall-clock tail includes time the thread was preempted; the CPU time does not.
struct Samples {
    std::vector<double> wall;
    std::vector<double> cpu;
};
std::map<std::string, Samples>& latencies() {
    static std::map<std::string, Samples> l;
    return l;
}

double threadCpuMicros() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

template <typename F>
void timed(benchmark::State& state, const std::string& name, F&& once) {
    Samples& out = latencies()[name];
    out = {};
    std::size_t i = 0;
    for (auto _ : state) {
        const double c0 = threadCpuMicros();
        const auto t0 = std::chrono::steady_clock::now();
        once(i++);
        const auto t1 = std::chrono::steady_clock::now();
        const double c1 = threadCpuMicros();
        out.wall.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
        out.cpu.push_back(c1 - c0);
    }
}

void recommendAll(benchmark::State& state, const std::vector<dispatch::RecommendRequest>& reqs,
                  const std::string& name) {
    World& w = world();
    std::size_t filled = 0;
    std::size_t slots = 0;
    timed(state, name, [&](std::size_t i) {
        auto r = w.recommender->recommend(*w.index, w.state, reqs[i % reqs.size()]);
        filled += static_cast<std::size_t>(r->filledSlots);
        slots += r->slots.size();
        benchmark::DoNotOptimize(r);
    });
    state.counters["slots_per_request"] =
        static_cast<double>(slots) / static_cast<double>(state.iterations());
    state.counters["filled_share"] = static_cast<double>(filled) / static_cast<double>(slots);
}

void BM_RecommendBuildingFireL2(benchmark::State& state) {
    recommendAll(state, world().buildingFires, "recommend building_fire L2 (7 slots)");
}
BENCHMARK(BM_RecommendBuildingFireL2)->Iterations(20'000)->Unit(benchmark::kMicrosecond);

void BM_RecommendMixedTypesL2(benchmark::State& state) {
    recommendAll(state, world().mixed, "recommend mixed types L2 (5-10 slots)");
}
BENCHMARK(BM_RecommendMixedTypesL2)->Iterations(20'000)->Unit(benchmark::kMicrosecond);

// The naive baseline: every unit for every slot, Vincenty distance, greedy in slot order.
std::vector<core::Id> naiveRecommend(const World& w, const dispatch::RecommendRequest& req) {
    const auto& rec = *w.recommender;
    const auto& cfg = rec.config();
    const core::LatLon fire = *req.position;
    std::set<core::Id> used;
    std::vector<core::Id> picks;
    for (const auto& slot : rec.plans().slotsFor(req.type, req.level)) {
        const core::Id* best = nullptr;
        double bestSeconds = std::numeric_limits<double>::infinity();
        for (const auto& [id, u] : w.state.units()) {
            const auto& caps = u.spec.capabilities;
            const bool air = u.spec.kind == core::UnitKind::Aircraft;
            if (used.contains(id) || (slot.air && !air) ||
                std::find(caps.begin(), caps.end(), slot.capability) == caps.end() ||
                !core::canDispatchFrom(u.status) ||
                u.staffing < cfg.staffing.minFor(u.spec.unitType)) {
                continue;
            }
            const core::Station* home = w.state.station(u.spec.stationId);
            const bool fresh = u.lastFix && static_cast<double>(req.now - u.lastFix->fixTime) <=
                                                cfg.staleFixSeconds * 1000.0;
            if (!fresh && home == nullptr) {
                continue;
            }
            const core::LatLon from = fresh ? u.lastFix->position : home->position;
            const double d = core::distanceMeters(from, fire);
            dispatch::TravelSubject subject;
            subject.kind = u.spec.kind;
            subject.unitType = u.spec.unitType;
            subject.stationClass = home != nullptr ? std::string_view(home->stationClass) : "";
            subject.aircraftType = air ? w.dataset.findAircraftType(u.spec.aircraftType) : nullptr;
            subject.bucketRigged = cfg.isWaterDropCapability(slot.capability);
            const dispatch::TravelTimeModel& model =
                air ? static_cast<const dispatch::TravelTimeModel&>(rec.airModel())
                    : rec.groundModel();
            const double seconds =
                model.startDelaySeconds(subject) + model.movingSeconds(subject, from, fire, d);
            if (seconds < bestSeconds) {
                bestSeconds = seconds;
                best = &id;
            }
        }
        if (best != nullptr) {
            used.insert(*best);
            picks.push_back(*best);
        }
    }
    return picks;
}

void BM_NaiveAllPairsBuildingFireL2(benchmark::State& state) {
    World& w = world();
    timed(state, "naive all-pairs building_fire L2 (7 slots)", [&](std::size_t i) {
        benchmark::DoNotOptimize(naiveRecommend(w, w.buildingFires[i % w.buildingFires.size()]));
    });
}
BENCHMARK(BM_NaiveAllPairsBuildingFireL2)->Iterations(200)->Unit(benchmark::kMillisecond);

void BM_IndexBuild(benchmark::State& state) {
    World& w = world();
    timed(state, "index build (10,100 units)",
          [&](std::size_t) { benchmark::DoNotOptimize(w.recommender->index(w.state, kNow)); });
}
BENCHMARK(BM_IndexBuild)->Iterations(200)->Unit(benchmark::kMillisecond);

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
    return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    const auto t0 = std::chrono::steady_clock::now();
    const World& w = world();
    const auto t1 = std::chrono::steady_clock::now();
    std::printf("synthetic world: %zu units and aircraft, %zu stations, built in %.0f ms\n",
                w.state.units().size(), w.state.stations().size(),
                std::chrono::duration<double, std::milli>(t1 - t0).count());
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::printf("\n%-44s %8s %10s %10s %10s %10s %10s\n", "per request (us)", "samples", "wall p50",
                "wall p99", "wall max", "cpu p50", "cpu p99");
    for (const auto& [name, v] : latencies()) {
        if (v.wall.empty()) {
            continue;
        }
        std::printf("%-44s %8zu %10.1f %10.1f %10.1f %10.1f %10.1f\n", name.c_str(), v.wall.size(),
                    percentile(v.wall, 0.50), percentile(v.wall, 0.99),
                    *std::max_element(v.wall.begin(), v.wall.end()), percentile(v.cpu, 0.50),
                    percentile(v.cpu, 0.99));
    }
    return 0;
}

#include "recommend_world.h"

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

namespace flameblue::bench {

namespace {

constexpr std::size_t kGroundUnits = 10'000;
constexpr std::size_t kAircraft = 100;
constexpr std::size_t kAircraftBases = 10;
constexpr std::size_t kRequests = 4096;

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
    EventLog(core::State& s, std::vector<core::EventPayload>& out) : m_state(s), m_out(out) {}
    void add(core::EventPayload p) {
        m_out.push_back(p);
        core::Event e;
        e.seq = m_state.lastSeq() + 1;
        e.time = m_time;
        m_time += 10;
        e.payload = std::move(p);
        m_state.apply(e);
    }

private:
    core::State& m_state;
    std::vector<core::EventPayload>& m_out;
    core::TimeMs m_time = kRecommendT0;
};

}  // namespace

std::unique_ptr<RecommendWorld> buildRecommendWorld(const char* dataDir) {
    auto world = std::make_unique<RecommendWorld>();
    auto demo = data::loadDataset(dataDir);
    if (!demo.ok()) {
        std::fprintf(stderr, "%s\n", demo.error().message.c_str());
        std::exit(1);
    }
    world->dataset = std::move(demo).value();
    data::Dataset& ds = world->dataset;
    std::mt19937 rng(20261129);
    EventLog log(world->state, world->events);
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
        inc.received = kRecommendT0;
        log.add(inc);
        incidents.push_back(inc.id);
    }
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    std::normal_distribution<double> jitter(0.0, 0.02);
    for (const auto& id : groundIds) {
        const double r = u01(rng);
        if (r >= 0.10) {
            world->freeGroundUnits.push_back(id);
        }
        const core::Unit* unit = world->state.unit(id);
        const core::LatLon home = world->state.station(unit->spec.stationId)->position;
        if (r < 0.07) {
            log.add(core::UnitsDispatched{incidents[rng() % incidents.size()], {id}});
            continue;
        }
        if (r < 0.10) {
            log.add(core::UnitStatusChanged{id, core::UnitStatus::OutOfService, {}});
        } else if (r < 0.20) {
            const auto age = static_cast<core::TimeMs>(u01(rng) * 200'000);
            log.add(core::PositionReported{id,
                                           {{home.latDeg + jitter(rng), home.lonDeg + jitter(rng)},
                                            {},
                                            40.0,
                                            {},
                                            kRecommendNow - age}});
        } else if (r < 0.25) {
            log.add(core::PositionReported{id,
                                           {{home.latDeg + jitter(rng), home.lonDeg + jitter(rng)},
                                            {},
                                            0.0,
                                            {},
                                            kRecommendT0}});
        }
    }

    auto plans = dispatch::loadResponsePlans(dataDir, ds);
    auto config = dispatch::loadTravelModelConfig(dataDir, ds);
    if (!plans.ok() || !config.ok()) {
        std::fprintf(stderr, "cannot load the dispatch files\n");
        std::exit(1);
    }
    world->recommender = std::make_unique<dispatch::Recommender>(ds, std::move(plans).value(),
                                                                 std::move(config).value());
    world->index = world->recommender->index(world->state, kRecommendNow);

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
        req.now = kRecommendNow;
        world->buildingFires.push_back(req);
        req.type = types[rng() % types.size()];
        world->mixed.push_back(req);
    }
    world->groundUnits = std::move(groundIds);
    world->incidents = std::move(incidents);
    return world;
}

}  // namespace flameblue::bench

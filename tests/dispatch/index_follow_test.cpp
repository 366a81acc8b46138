// The unit index kept at the state's version event by event answers exactly like an index built
// afresh from the same state: after random sequences of status changes, dispatches, releases,
// position fixes and roster changes (units and stations added, changed and removed), at request
// times that leave fixes fresh or stale.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>

#include "core/affected.h"
#include "core/status_machine.h"
#include "dispatch_world.h"

namespace flameblue::testing {
namespace {

// Everything a dispatcher sees of a recommendation, numbers included.
std::string fullDump(const dispatch::Recommendation& r) {
    std::string out = dump(r);
    const auto unitLine = [&out](const char* what, const dispatch::CandidateUnit& c) {
        char line[160];
        std::snprintf(line, sizeof line, " %s %s %.6f s from %.6f,%.6f (%d) status %d staff %d\n",
                      what, c.unitId.c_str(), c.eta.totalSeconds, c.from.latDeg, c.from.lonDeg,
                      static_cast<int>(c.positionSource), static_cast<int>(c.status), c.staffing);
        out += line;
    };
    for (const auto& s : r.slots) {
        if (s.pick) {
            unitLine("pick", *s.pick);
        }
        if (s.shortfall) {
            const dispatch::Shortfall& f = *s.shortfall;
            out += " shortfall " + std::to_string(f.unitsWithCapability) + "/" +
                   std::to_string(f.committed) + "/" + std::to_string(f.outOfService) + "/" +
                   std::to_string(f.understaffed) + "/" + std::to_string(f.stale) + "/" +
                   std::to_string(f.beyondCap) + "/" + std::to_string(f.takenByOtherSlots) + " " +
                   f.bestPartialNote + "\n";
            if (f.bestPartial) {
                unitLine("partial", *f.bestPartial);
            }
        }
    }
    for (const auto& id : r.unitIds) {
        out += " unit " + id + "\n";
    }
    out += " stations affected " + std::to_string(r.coverage.stationsAffected) + "\n";
    for (const auto& g : r.coverage.gaps) {
        for (const auto& id : g.lostCoverUnitIds) {
            out += " lost " + id + "\n";
        }
        if (g.moveUp) {
            out += " move up " + g.moveUp->unitId + " to " + g.moveUp->toStationId + "\n";
        }
    }
    return out;
}

// A state that changes one random event at a time, with its followed index.
class World {
public:
    explicit World(std::uint32_t seed) : m_rng(seed), m_state(shanxiState()) {
        m_now = nowOf(m_state);
        m_index = shanxiRecommender().index(m_state, m_now);
        for (const auto& [id, s] : m_state.stations()) {
            m_stationIds.push_back(id);
        }
    }

    core::State& state() { return m_state; }
    const dispatch::UnitIndex& index() const { return *m_index; }
    core::TimeMs now() const { return m_now; }
    std::mt19937& rng() { return m_rng; }

    void apply(core::EventPayload payload) {
        m_now += 1000;
        core::Event e;
        e.seq = m_state.lastSeq() + 1;
        e.time = m_now;
        e.operatorId = "tester";
        e.origin = "test";
        e.payload = std::move(payload);
        const core::Affected affected = core::affectedBy(m_state, e.payload);
        m_state.apply(e);
        m_index->follow(e, m_state, affected);
    }

    void randomEvent() {
        const int kind = pick(100);
        if (kind < 45) {
            fix();
        } else if (kind < 60) {
            status();
        } else if (kind < 72) {
            dispatch();
        } else if (kind < 80) {
            release();
        } else if (kind < 84) {
            closeIncident();
        } else if (kind < 90) {
            upsertUnit();
        } else if (kind < 93) {
            removeUnit();
        } else if (kind < 97) {
            upsertStation();
        } else if (kind < 98) {
            removeStation();
        } else {
            upsertDipSite();
        }
    }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }
    double jitter(double sd) { return std::normal_distribution<double>(0.0, sd)(m_rng); }

    const core::Unit& someUnit() {
        auto it = m_state.units().begin();
        std::advance(it, pick(static_cast<int>(m_state.units().size())));
        return it->second;
    }
    core::LatLon near(const core::Unit& u) {
        const core::Station* st = m_state.station(u.spec.stationId);
        const core::LatLon at = st != nullptr ? st->position : taiyuanCentre();
        return {at.latDeg + jitter(0.05), at.lonDeg + jitter(0.05)};
    }

    void fix() {
        const core::Unit& u = someUnit();
        core::PositionFix f;
        f.position = near(u);
        f.speedKmh = pick(2) == 0 ? 0.0 : 60.0;
        // Some fixes already old when they arrive (a feed catching up).
        f.fixTime = m_now - (pick(4) == 0 ? 400'000 : pick(30'000));
        apply(core::PositionReported{u.spec.id, f});
    }
    void status() {
        const core::Unit& u = someUnit();
        static constexpr core::UnitStatus kStatuses[] = {
            core::UnitStatus::Available, core::UnitStatus::Returning,
            core::UnitStatus::OutOfService, core::UnitStatus::EnRoute};
        std::optional<int> staffing;
        if (pick(3) == 0) {
            staffing = pick(7);
        }
        apply(core::UnitStatusChanged{u.spec.id, kStatuses[pick(4)], staffing});
    }
    void dispatch() {
        core::Id incident;
        if (m_incidents.empty() || pick(4) == 0) {
            char id[32];
            std::snprintf(id, sizeof id, "INC-20261129-%04d", ++m_incidentCount);
            incident = id;
            core::IncidentCreated c;
            c.id = incident;
            c.type = "building_fire";
            c.level = 1;
            c.position = near(someUnit());
            c.address = "test";
            c.city = "taiyuan";
            c.received = m_now;
            apply(c);
            m_incidents.push_back(incident);
        } else {
            incident =
                m_incidents[static_cast<std::size_t>(pick(static_cast<int>(m_incidents.size())))];
        }
        std::vector<core::Id> units;
        for (int i = 0; i < 3; ++i) {
            const core::Unit& u = someUnit();
            if (core::canDispatchFrom(u.status)) {
                units.push_back(u.spec.id);
            }
        }
        if (!units.empty()) {
            apply(core::UnitsDispatched{incident, units});
        }
    }
    void release() {
        for (const auto& [id, u] : m_state.units()) {
            if (!u.incidentId.empty() && pick(8) == 0) {
                apply(core::UnitsReleased{u.incidentId, {id}});
                return;
            }
        }
    }
    void closeIncident() {
        if (m_incidents.empty()) {
            return;
        }
        const std::size_t i = static_cast<std::size_t>(pick(static_cast<int>(m_incidents.size())));
        apply(core::IncidentStatusChanged{m_incidents[i], core::IncidentStatus::Closed});
        m_incidents.erase(m_incidents.begin() + static_cast<std::ptrdiff_t>(i));
    }
    void upsertUnit() {
        core::UnitSpec spec = someUnit().spec;
        switch (pick(3)) {
            case 0: {  // a new unit, copied from another, at another station
                char id[32];
                std::snprintf(id, sizeof id, "TEST-U%04d", ++m_unitCount);
                spec.id = id;
                spec.callsign = id;
                if (spec.kind == core::UnitKind::Ground) {
                    spec.stationId = m_stationIds[static_cast<std::size_t>(
                        pick(static_cast<int>(m_stationIds.size())))];
                }
                break;
            }
            case 1:  // a capability more or less
                if (!spec.capabilities.empty() && pick(2) == 0) {
                    spec.capabilities.pop_back();
                } else {
                    spec.capabilities.emplace_back("rescue");
                    std::sort(spec.capabilities.begin(), spec.capabilities.end());
                    spec.capabilities.erase(
                        std::unique(spec.capabilities.begin(), spec.capabilities.end()),
                        spec.capabilities.end());
                }
                break;
            default:  // moved to another station (or one that does not exist)
                spec.stationId = pick(5) == 0 ? std::string("NO-SUCH-STATION")
                                              : m_stationIds[static_cast<std::size_t>(
                                                    pick(static_cast<int>(m_stationIds.size())))];
                break;
        }
        apply(core::UnitUpserted{spec, 4 + pick(3)});
    }
    void removeUnit() { apply(core::EntityRemoved{core::EntityKind::Unit, someUnit().spec.id}); }
    void upsertStation() {
        core::Station st;
        if (pick(3) == 0) {
            char id[32];
            std::snprintf(id, sizeof id, "TEST-S%04d", ++m_stationCount);
            st = *m_state.station(m_stationIds[static_cast<std::size_t>(
                pick(static_cast<int>(m_stationIds.size())))]);
            st.id = id;
            m_stationIds.push_back(st.id);
        } else {
            const auto* existing = m_state.station(m_stationIds[static_cast<std::size_t>(
                pick(static_cast<int>(m_stationIds.size())))]);
            if (existing == nullptr) {
                return;
            }
            st = *existing;
        }
        st.position = {st.position.latDeg + jitter(0.03), st.position.lonDeg + jitter(0.03)};
        if (pick(3) == 0) {
            st.stationClass = st.stationClass == "class1" ? "small" : "class1";
        }
        apply(core::StationUpserted{st});
    }
    void removeStation() {
        const core::Id& id =
            m_stationIds[static_cast<std::size_t>(pick(static_cast<int>(m_stationIds.size())))];
        if (m_state.station(id) != nullptr) {
            apply(core::EntityRemoved{core::EntityKind::Station, id});
        }
    }
    void upsertDipSite() {
        core::WaterSource ws;
        ws.id = "TEST-W" + std::to_string(++m_waterCount);
        ws.nameZh = ws.id;
        ws.nameEn = ws.id;
        ws.kind = "reservoir";
        ws.city = "taiyuan";
        ws.position = {37.0 + jitter(1.0), 112.5 + jitter(1.0)};
        ws.dipSite = true;
        apply(core::WaterSourceUpserted{ws});
    }

    std::mt19937 m_rng;
    core::State m_state;
    core::TimeMs m_now = 0;
    std::shared_ptr<dispatch::UnitIndex> m_index;
    std::vector<core::Id> m_stationIds;
    std::vector<core::Id> m_incidents;
    int m_incidentCount = 0;
    int m_unitCount = 0;
    int m_stationCount = 0;
    int m_waterCount = 0;
};

void expectSameAnswers(World& w, int round) {
    const auto& rec = shanxiRecommender();
    const auto fresh = rec.index(w.state(), w.now());
    ASSERT_EQ(fresh->stateSeq(), w.index().stateSeq());
    std::uniform_real_distribution<double> lat(35.0, 40.5);
    std::uniform_real_distribution<double> lon(110.8, 114.2);
    static const char* const kTypes[] = {"building_fire", "traffic_accident",
                                         "forest_grassland_fire", "chemical_fire"};
    for (int q = 0; q < 6; ++q) {
        core::LatLon at{lat(w.rng()), lon(w.rng())};
        if (q % 2 == 0) {  // where the units are
            at = {37.87 + (lat(w.rng()) - 37.75) / 20.0, 112.55 + (lon(w.rng()) - 112.5) / 20.0};
        }
        // Now, and later: fixes turn stale without any event.
        const core::TimeMs when = w.now() + (q % 3 == 2 ? 400'000 : 0);
        const auto req = draft(kTypes[q % 4], 1 + q % 3, at, when);
        const auto followed = rec.recommend(w.index(), w.state(), req);
        const auto built = rec.recommend(*fresh, w.state(), req);
        ASSERT_TRUE(followed.ok() && built.ok());
        ASSERT_EQ(fullDump(*followed), fullDump(*built)) << "round " << round << " query " << q;
    }
}

TEST(IndexFollow, AnswersLikeAFreshIndexAfterRandomChanges) {
    for (const std::uint32_t seed : {1U, 2U, 3U}) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        World w(seed);
        for (int round = 0; round < 12; ++round) {
            for (int i = 0; i < 60; ++i) {
                w.randomEvent();
            }
            expectSameAnswers(w, round);
            if (::testing::Test::HasFatalFailure()) {
                return;
            }
        }
    }
}

TEST(IndexFollow, AJustDispatchedUnitIsNeverRecommended) {
    World w(7);
    const auto& rec = shanxiRecommender();
    const core::LatLon at = taiyuanCentre();
    for (int round = 0; round < 5; ++round) {
        const auto before =
            rec.recommend(w.index(), w.state(), draft("building_fire", 2, at, w.now()));
        ASSERT_TRUE(before.ok());
        ASSERT_FALSE(before->unitIds.empty());
        const core::Id sent = before->unitIds.front();
        core::IncidentCreated c;
        c.id = "INC-20261129-09" + std::to_string(10 + round);
        c.type = "building_fire";
        c.level = 2;
        c.position = at;
        c.address = "test";
        c.city = "taiyuan";
        c.received = w.now();
        w.apply(c);
        w.apply(core::UnitsDispatched{c.id, {sent}});
        // The very next request, at the same millisecond.
        const auto after =
            rec.recommend(w.index(), w.state(), draft("building_fire", 2, at, w.now()));
        ASSERT_TRUE(after.ok());
        for (const auto& slot : after->slots) {
            ASSERT_FALSE(slot.pick && slot.pick->unitId == sent) << fullDump(*after);
            for (const auto& alt : slot.alternatives) {
                ASSERT_NE(alt.unitId, sent) << fullDump(*after);
            }
        }
    }
}

}  // namespace
}  // namespace flameblue::testing

#include "dispatch/recommender.h"

#include <gtest/gtest.h>

#include <set>

#include "dispatch/assignment.h"
#include "dispatch_world.h"

namespace flameblue::testing {
namespace {

using dispatch::AviationReason;
using dispatch::PositionSource;
using dispatch::Recommendation;
using dispatch::ShortfallReason;
using dispatch::StartKind;

const core::LatLon kTaiyuanCentre{37.8706, 112.5489};

const dispatch::TravelModelConfig& config() {
    return shanxiRecommender().config();
}

// Driving time written out from the file's bands, independently of the model.
double drivingSeconds(double meters) {
    double seconds = 0.0;
    double from = 0.0;
    for (const auto& b : config().ground.speedBands) {
        const double to = b.upToKm ? *b.upToKm * 1000.0 : 1e12;
        seconds += std::max(0.0, std::min(meters, to) - from) * b.detour / (b.speedKmh / 3.6);
        from = to;
    }
    return seconds;
}

core::LatLon stationPosition(const std::string& id) {
    const core::Station* s = shanxi().findStation(id);
    EXPECT_NE(s, nullptr) << id;
    return s ? s->position : core::LatLon{};
}

std::set<std::string> proposed(const Recommendation& r) {
    std::set<std::string> out;
    for (const auto& s : r.slots) {
        if (s.pick) {
            out.insert(s.pick->unitId);
        }
        for (const auto& a : s.alternatives) {
            out.insert(a.unitId);
        }
    }
    return out;
}

class ShanxiRecommend : public ::testing::Test {
protected:
    Recommendation recommend(const dispatch::RecommendRequest& req) {
        auto r = shanxiRecommender().recommend(m_state, req);
        EXPECT_TRUE(r.ok()) << r.error().message;
        return r.ok() ? std::move(r).value() : Recommendation{};
    }
    dispatch::RecommendRequest at(const std::string& type, int level, core::LatLon p) {
        return draft(type, level, p, nowOf(m_state));
    }

    core::State m_state = shanxiState();
};

TEST_F(ShanxiRecommend, BuildingFireInCentralTaiyuanGetsTaiyuanUnitsNearestFirst) {
    const Recommendation r = recommend(at("building_fire", 1, kTaiyuanCentre));
    SCOPED_TRACE(dump(r));
    ASSERT_EQ(r.slots.size(), 3U);
    EXPECT_EQ(r.filledSlots, 3);
    // The first-due slot gets the nearest sendable engine: TY-M01's at Liuxiang, 1.4 km away.
    EXPECT_EQ(r.slots[0].pick->unitId, "TY-M01-E1");
    for (const auto& s : r.slots) {
        ASSERT_TRUE(s.pick);
        const dispatch::CandidateUnit& p = *s.pick;
        EXPECT_EQ(shanxi().findStation(p.stationId)->city, "taiyuan") << p.unitId;
        EXPECT_TRUE(hasCapability(p, s.slot.capability)) << p.unitId;
        EXPECT_EQ(p.positionSource, PositionSource::HomeStation);
        // ETA = turnout + great-circle distance cut into the file's bands (no mountains here).
        const double gc = core::greatCircleMeters(stationPosition(p.stationId), kTaiyuanCentre);
        EXPECT_NEAR(p.eta.greatCircleMeters, gc, 1e-6);
        EXPECT_EQ(p.eta.startDelaySeconds, config().ground.defaultTurnoutSeconds);
        EXPECT_EQ(p.eta.mountainFactor, 1.0);
        EXPECT_NEAR(p.eta.totalSeconds, config().ground.defaultTurnoutSeconds + drivingSeconds(gc),
                    1e-6);
        // Nothing left over for the slot would have been sooner.
        for (const auto& a : s.alternatives) {
            EXPECT_GE(a.eta.totalSeconds, p.eta.totalSeconds) << a.unitId;
        }
        EXPECT_FALSE(s.explanation.text.empty());
    }
    // The two engine slots take the two soonest engines: earlier slot, earlier engine.
    EXPECT_LE(r.slots[0].pick->eta.totalSeconds, r.slots[1].pick->eta.totalSeconds);
    // The first pick says why it won: how much sooner than the next one.
    ASSERT_TRUE(r.slots[0].explanation.marginSeconds);
    EXPECT_NEAR(
        *r.slots[0].explanation.marginSeconds,
        r.slots[0].alternatives.front().eta.totalSeconds - r.slots[0].pick->eta.totalSeconds, 1e-6);
    EXPECT_NE(
        r.slots[0].explanation.text.find("before " + *r.slots[0].explanation.nextAlternativeUnitId),
        std::string::npos);
    EXPECT_EQ(r.slots[0].alternatives.size(), 3U);
    EXPECT_EQ(r.unitIds.size(), 3U);
}

TEST_F(ShanxiRecommend, ForestFireInTheLuliangMountainsGetsYaochengHelicopters) {
    // The east slope of the Luliang range above Jiaocheng: 55 km or more from every forest team.
    const core::LatLon fire{37.45, 111.80};
    const Recommendation r = recommend(at("forest_grassland_fire", 1, fire));
    SCOPED_TRACE(dump(r));
    ASSERT_EQ(r.slots.size(), 3U);
    const core::LatLon base = stationPosition("AV-YC");
    // The nearest dip site, found here by a full scan.
    const core::WaterSource* dip = nullptr;
    for (const auto& w : shanxi().waterSources) {
        if (w.dipSite && (dip == nullptr || core::greatCircleMeters(w.position, fire) <
                                                core::greatCircleMeters(dip->position, fire))) {
            dip = &w;
        }
    }
    ASSERT_NE(dip, nullptr);
    double bestForestTeamSeconds = 1e12;
    for (const auto& u : shanxi().units) {
        const auto& caps = u.spec.capabilities;
        if (std::find(caps.begin(), caps.end(), "forest_fire") == caps.end()) {
            continue;
        }
        const core::LatLon home = stationPosition(u.spec.stationId);
        EXPECT_GT(core::greatCircleMeters(home, fire), 50'000.0) << u.spec.id;
        dispatch::TravelSubject team;
        team.unitType = u.spec.unitType;
        team.stationClass = shanxi().findStation(u.spec.stationId)->stationClass;
        bestForestTeamSeconds =
            std::min(bestForestTeamSeconds,
                     shanxiRecommender().groundModel().estimate(team, home, fire).totalSeconds);
    }
    for (const auto& s : r.slots) {
        ASSERT_TRUE(s.pick) << s.slot.capability;
        const dispatch::CandidateUnit& p = *s.pick;
        EXPECT_EQ(p.kind, core::UnitKind::Aircraft);
        EXPECT_EQ(p.stationId, "AV-YC");
        EXPECT_EQ(s.aviation, s.slot.air ? AviationReason::PlanAsksForAir
                                         : AviationReason::IncidentTypeForcesAviation);
        EXPECT_LT(p.eta.totalSeconds, bestForestTeamSeconds);
        // Launch by readiness + great circle at bucket speed (water-drop work).
        const data::RosterUnit* roster = shanxi().findUnit(p.unitId);
        const data::AircraftType* type = shanxi().findAircraftType(roster->spec.aircraftType);
        ASSERT_TRUE(type->bucketKmh);
        const double gc = core::greatCircleMeters(base, fire);
        const double launch = *shanxi().launchDelayMin(roster->readiness) * 60.0;
        EXPECT_EQ(p.eta.mode, dispatch::TravelMode::Air);
        EXPECT_EQ(p.eta.start, roster->readiness == "hot_standby" ? StartKind::LaunchHotStandby
                                                                  : StartKind::LaunchNormal);
        EXPECT_NEAR(p.eta.totalSeconds, launch + gc / (*type->bucketKmh / 3.6), 1e-6);
        // The dip-site cycle.
        ASSERT_TRUE(p.air && p.air->waterDrop);
        const auto& w = *p.air->waterDrop;
        EXPECT_EQ(w.dipSiteId, dip->id);
        const double dipToFire = core::greatCircleMeters(dip->position, fire);
        EXPECT_NEAR(w.cycleSeconds,
                    2.0 * dipToFire / (*type->bucketKmh / 3.6) + config().air.dipSeconds +
                        config().air.dropSeconds + config().air.manoeuvreSeconds,
                    1e-6);
        EXPECT_NEAR(w.dropsPerHour, 3600.0 / w.cycleSeconds, 1e-9);
        EXPECT_TRUE(p.air->endurance.feasible);
        EXPECT_NEAR(p.air->endurance.workingSeconds,
                    *type->enduranceMin * 60.0 - 2.0 * gc / (*type->bucketKmh / 3.6) -
                        type->reserveMin * 60.0,
                    1e-6);
        EXPECT_NE(s.explanation.text.find("a drop every"), std::string::npos);
    }
    // Hot-standby aircraft beat those at normal readiness from the same base.
    EXPECT_EQ(r.slots[0].pick->eta.start, StartKind::LaunchHotStandby);
}

TEST_F(ShanxiRecommend, PetrochemicalFireGetsPetrochemicalUnitsEvenWhenPlainEnginesAreNearer) {
    // A coking plant fire at Fenyang, next to LL-S03 whose engine has no petrochemical kit.
    const core::LatLon fire{37.262, 111.80};
    const Recommendation r = recommend(at("chemical_fire", 1, fire));
    SCOPED_TRACE(dump(r));
    const auto& petro = r.slots[0];
    ASSERT_EQ(petro.slot.capability, "petrochemical");
    ASSERT_TRUE(petro.pick);
    EXPECT_TRUE(hasCapability(*petro.pick, "petrochemical"));
    EXPECT_EQ(shanxi().findStation(petro.pick->stationId)->city, "lvliang");
    const double plainEngine =
        core::greatCircleMeters(stationPosition("LL-S03"), fire);  // LL-S03-E1
    EXPECT_FALSE(unitHas("LL-S03-E1", "petrochemical"));
    EXPECT_LT(plainEngine, petro.pick->eta.greatCircleMeters / 5);
    for (const auto& s : r.slots) {
        ASSERT_TRUE(s.pick) << s.slot.capability;
        EXPECT_TRUE(hasCapability(*s.pick, s.slot.capability)) << s.pick->unitId;
    }
}

TEST_F(ShanxiRecommend, OutOfServiceUnderstaffedAssignedAndStaleUnitsAreHandled) {
    const core::TimeMs now = nowOf(m_state) + 3'600'000;
    applyOne(m_state, core::UnitStatusChanged{"TY-M01-E1", core::UnitStatus::OutOfService, {}});
    applyOne(m_state, core::UnitStatusChanged{"TY-A02-E1", core::UnitStatus::Available, 2});
    core::IncidentCreated other;
    other.id = "INC-20261129-0001";
    other.type = "traffic_accident";
    other.position = {37.80, 112.60};
    other.city = "taiyuan";
    other.received = kT0;
    applyOne(m_state, other);
    applyOne(m_state, core::UnitsDispatched{other.id, {"TY-A02-E2"}});
    // TY-S01-E1's last fix is an hour old and far away: it is assumed back at TY-S01.
    applyOne(m_state,
             core::PositionReported{"TY-S01-E1", {{37.69, 112.74}, {}, {}, {}, now - 3'600'000}});
    // TY-A01-E1 is on the road near the fire with a fresh fix.
    applyOne(m_state,
             core::PositionReported{"TY-A01-E1", {{37.8740, 112.5560}, {}, 0.0, {}, now - 10'000}});

    const Recommendation r = recommend(draft("building_fire", 1, kTaiyuanCentre, now));
    SCOPED_TRACE(dump(r));
    const auto units = proposed(r);
    for (const char* excluded : {"TY-M01-E1", "TY-A02-E1", "TY-A02-E2"}) {
        EXPECT_FALSE(units.contains(excluded)) << excluded;
    }
    const auto& first = *r.slots[0].pick;
    EXPECT_EQ(first.unitId, "TY-A01-E1");
    EXPECT_EQ(first.positionSource, PositionSource::LastFix);
    EXPECT_NEAR(*first.fixAgeSeconds, 10.0, 1e-9);
    EXPECT_EQ(first.eta.start, StartKind::MobileTurnout);
    EXPECT_EQ(first.eta.startDelaySeconds, config().ground.mobileTurnoutSeconds);
    bool sawStale = false;
    for (const auto& s : r.slots) {
        std::vector<dispatch::CandidateUnit> all = s.alternatives;
        all.push_back(*s.pick);
        for (const auto& c : all) {
            if (c.unitId == "TY-S01-E1") {
                sawStale = true;
                EXPECT_EQ(c.positionSource, PositionSource::HomeStationStaleFix);
                EXPECT_EQ(c.from, stationPosition("TY-S01"));
            }
        }
        if (s.pick->unitId == "TY-S01-E1") {
            EXPECT_NE(s.explanation.text.find("stale"), std::string::npos);
        }
    }
    EXPECT_TRUE(sawStale);
}

TEST_F(ShanxiRecommend, InvalidInputGetsAPreciseError) {
    const auto check = [&](const dispatch::RecommendRequest& req, core::ErrorCode code,
                           const std::string& text) {
        const auto r = shanxiRecommender().recommend(m_state, req);
        ASSERT_FALSE(r.ok()) << text;
        EXPECT_EQ(r.error().code, code) << r.error().message;
        EXPECT_NE(r.error().message.find(text), std::string::npos) << r.error().message;
    };
    check(at("volcano", 1, kTaiyuanCentre), core::ErrorCode::InvalidArgument,
          "type: unknown incident type \"volcano\" (expected one of building_fire,");
    check(at("", 1, kTaiyuanCentre), core::ErrorCode::InvalidArgument, "type: required");
    check(at("building_fire", 0, kTaiyuanCentre), core::ErrorCode::InvalidArgument,
          "level: expected an integer in [1, 5], got 0");
    check(at("building_fire", 6, kTaiyuanCentre), core::ErrorCode::InvalidArgument,
          "level: expected an integer in [1, 5], got 6");
    check(at("building_fire", 1, {95.0, 112.5}), core::ErrorCode::InvalidArgument,
          "position.lat: expected degrees in [-90, 90], got 95");
    check(at("building_fire", 1, {37.8, std::nan("")}), core::ErrorCode::InvalidArgument,
          "position.lon");
    auto noPosition = at("building_fire", 1, kTaiyuanCentre);
    noPosition.position.reset();
    check(noPosition, core::ErrorCode::InvalidArgument, "position: required for a draft");
    dispatch::RecommendRequest unknown;
    unknown.incidentId = "INC-20991231-0001";
    check(unknown, core::ErrorCode::NotFound, "incident_id: no incident \"INC-20991231-0001\"");
}

TEST_F(ShanxiRecommend, EscalationProposesOnlyAdditionalUnits) {
    core::IncidentCreated fire;
    fire.id = "INC-20261129-0007";
    fire.type = "building_fire";
    fire.level = 1;
    fire.position = kTaiyuanCentre;
    fire.city = "taiyuan";
    fire.received = kT0;
    applyOne(m_state, fire);
    dispatch::RecommendRequest forIncident;
    forIncident.incidentId = fire.id;
    forIncident.now = nowOf(m_state);
    const Recommendation first = recommend(forIncident);
    ASSERT_EQ(first.unitIds.size(), 3U);
    applyOne(m_state, core::UnitsDispatched{fire.id, first.unitIds});

    // Preview before the level is recorded, then the recorded escalation: the same answer.
    dispatch::RecommendRequest preview = forIncident;
    preview.level = 2;
    preview.now = nowOf(m_state);
    const Recommendation previewed = recommend(preview);
    applyOne(m_state, core::IncidentUpdated{fire.id, {}, 2, {}, {}, {}, {}});
    forIncident.now = nowOf(m_state);
    const Recommendation escalated = recommend(forIncident);
    SCOPED_TRACE(dump(escalated));
    EXPECT_EQ(escalated.level, 2);
    EXPECT_EQ(escalated.unitIds, previewed.unitIds);

    const auto levelTwo = shanxiRecommender().plans().slotsFor("building_fire", 2);
    ASSERT_EQ(escalated.alreadyCovered.size(), 3U);
    EXPECT_EQ(escalated.slots.size(), levelTwo.size() - 3);
    std::set<std::string> coveredBy;
    for (const auto& c : escalated.alreadyCovered) {
        EXPECT_EQ(c.slot.level, 1);
        coveredBy.insert(c.unitId);
    }
    EXPECT_EQ(coveredBy, std::set<std::string>(first.unitIds.begin(), first.unitIds.end()));
    for (const auto& s : escalated.slots) {
        EXPECT_EQ(s.slot.level, 2);
    }
    const auto units = proposed(escalated);
    for (const auto& id : first.unitIds) {
        EXPECT_FALSE(units.contains(id)) << id;
    }
}

TEST_F(ShanxiRecommend, ClosedIncidentIsRefused) {
    core::IncidentCreated fire;
    fire.id = "INC-20261129-0008";
    fire.type = "building_fire";
    fire.position = kTaiyuanCentre;
    fire.received = kT0;
    applyOne(m_state, fire);
    applyOne(m_state, core::IncidentStatusChanged{fire.id, core::IncidentStatus::Closed});
    dispatch::RecommendRequest req;
    req.incidentId = fire.id;
    const auto r = shanxiRecommender().recommend(m_state, req);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::FailedPrecondition);
}

TEST_F(ShanxiRecommend, OneIndexServesManyRequests) {
    const auto& rec = shanxiRecommender();
    const auto index = rec.index(m_state, nowOf(m_state));
    EXPECT_EQ(index->stateSeq(), m_state.lastSeq());
    const auto a = rec.recommend(*index, m_state, at("building_fire", 2, kTaiyuanCentre));
    const auto b = rec.recommend(m_state, at("building_fire", 2, kTaiyuanCentre));
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->unitIds, b->unitIds);
    EXPECT_EQ(a->stateSeq, m_state.lastSeq());
}

}  // namespace
}  // namespace flameblue::testing

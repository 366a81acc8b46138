#include <gtest/gtest.h>

#include <set>

#include "core/status_machine.h"
#include "dispatch_world.h"

namespace flameblue::testing {
namespace {

using dispatch::Recommendation;

const core::LatLon kTaiyuanCentre{37.8706, 112.5489};

// Coverage recomputed here from the roster with the ground model, independently of the
// recommender's index: can some free unit with the capability, other than `gone`, reach
// station `s` within the circle? `movedTo` puts units in quarters at another station.
bool covered(const core::State& state, const core::Station& s, const std::set<std::string>& gone,
             const std::map<std::string, core::LatLon>& movedTo) {
    const auto& rec = shanxiRecommender();
    const auto& cfg = rec.config();
    for (const auto& [id, u] : state.units()) {
        const auto& caps = u.spec.capabilities;
        if (gone.contains(id) || u.spec.kind != core::UnitKind::Ground ||
            std::find(caps.begin(), caps.end(), cfg.coverage.capability) == caps.end() ||
            !core::canDispatchFrom(u.status) || u.staffing < cfg.staffing.minFor(u.spec.unitType)) {
            continue;
        }
        const core::Station* home = state.station(u.spec.stationId);
        const auto moved = movedTo.find(id);
        const core::LatLon from = moved != movedTo.end() ? moved->second : home->position;
        dispatch::TravelSubject subject;
        subject.unitType = u.spec.unitType;
        subject.stationClass = home->stationClass;
        if (rec.groundModel().estimate(subject, from, s.position).totalSeconds <=
            cfg.coverage.circleSeconds) {
            return true;
        }
    }
    return false;
}

TEST(Coverage, SendingTheCentralTaiyuanEnginesOpensGapsThatMoveUpsClose) {
    core::State state = shanxiState();
    // A fifth-alarm fire takes every engine of central Taiyuan.
    const auto r = shanxiRecommender().recommend(
        state, draft("building_fire", 5, kTaiyuanCentre, nowOf(state)));
    ASSERT_TRUE(r.ok()) << r.error().message;
    SCOPED_TRACE(dump(*r));
    const auto& cfg = shanxiRecommender().config();
    ASSERT_TRUE(r->coverage.computed);
    EXPECT_EQ(r->coverage.capability, "fire_suppression");
    ASSERT_FALSE(r->coverage.gaps.empty());
    const std::set<std::string> sent(r->unitIds.begin(), r->unitIds.end());

    std::set<std::string> gapStations;
    int moveUps = 0;
    std::map<std::string, core::LatLon> movedTo;
    std::set<std::string> gone = sent;
    for (const auto& g : r->coverage.gaps) {
        gapStations.insert(g.stationId);
        const core::Station* st = state.station(g.stationId);
        ASSERT_NE(st, nullptr);
        EXPECT_TRUE(cfg.coverage.covers(st->stationClass)) << g.stationId;
        // Covered now, not once the recommendation goes.
        EXPECT_TRUE(covered(state, *st, {}, {})) << g.stationId;
        EXPECT_FALSE(covered(state, *st, sent, {})) << g.stationId;
        EXPECT_FALSE(g.lostCoverUnitIds.empty());
        for (const auto& id : g.lostCoverUnitIds) {
            EXPECT_TRUE(sent.contains(id)) << id;
        }
        EXPECT_FALSE(g.text.empty());
        if (g.moveUp) {
            ++moveUps;
            const auto& m = *g.moveUp;
            EXPECT_FALSE(sent.contains(m.unitId)) << m.unitId;
            EXPECT_TRUE(unitHas(m.unitId, "fire_suppression")) << m.unitId;
            EXPECT_EQ(m.toStationId, g.stationId);
            EXPECT_NEAR(
                m.eta.greatCircleMeters,
                core::greatCircleMeters(state.station(m.fromStationId)->position, st->position),
                1e-6);
            movedTo[m.unitId] = st->position;
        }
    }
    // Liuxiang's only engine goes to the fire.
    EXPECT_TRUE(gapStations.contains("TY-M01"));
    EXPECT_GT(moveUps, 0);

    // After the dispatch and the move-ups: every gap is closed, and no station that was
    // covered before loses its cover because a unit moved up.
    for (const auto& [id, st] : state.stations()) {
        if (!cfg.coverage.covers(st.stationClass) || !covered(state, st, sent, {})) {
            continue;
        }
        EXPECT_TRUE(covered(state, st, gone, movedTo)) << id << " opened by a move-up";
    }
    for (const auto& g : r->coverage.gaps) {
        if (g.moveUp || g.coveredByMoveUpOfUnitId) {
            EXPECT_TRUE(covered(state, *state.station(g.stationId), gone, movedTo)) << g.stationId;
        }
    }
}

TEST(Coverage, AForestFireFarFromTownLeavesNoGap) {
    core::State state = shanxiState();
    const auto r = shanxiRecommender().recommend(
        state, draft("forest_grassland_fire", 1, {37.45, 111.80}, nowOf(state)));
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->coverage.computed);
    EXPECT_TRUE(r->coverage.gaps.empty());
}

TEST(Coverage, CanBeLeftOut) {
    core::State state = shanxiState();
    auto req = draft("building_fire", 2, kTaiyuanCentre, nowOf(state));
    req.includeCoverage = false;
    const auto r = shanxiRecommender().recommend(state, req);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->coverage.computed);
}

}  // namespace
}  // namespace flameblue::testing

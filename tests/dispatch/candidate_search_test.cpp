// The indexed search against a full scan: same units, same times, over the whole province.
#include "dispatch/candidate_search.h"

#include <gtest/gtest.h>

#include <random>

#include "dispatch_world.h"

namespace flameblue::testing {
namespace {

TEST(CandidateSearch, RingWalkFindsExactlyWhatAFullScanFinds) {
    core::State state = shanxiState();
    const core::TimeMs now = nowOf(state) + 600'000;
    // Some units on the road, some with stale fixes, some busy.
    std::mt19937 rng(11);
    std::normal_distribution<double> jitter(0.0, 0.05);
    int n = 0;
    for (const auto& [id, u] : std::map<core::Id, core::Unit>(state.units())) {
        const core::LatLon home = state.station(u.spec.stationId)->position;
        const core::LatLon there{home.latDeg + jitter(rng), home.lonDeg + jitter(rng)};
        switch (n++ % 7) {
            case 0:
                applyOne(state, core::PositionReported{id, {there, {}, 50.0, {}, now - 20'000}});
                break;
            case 1:
                applyOne(state, core::PositionReported{id, {there, {}, 0.0, {}, now - 3'600'000}});
                break;
            case 2:
                applyOne(state, core::UnitStatusChanged{id, core::UnitStatus::OutOfService, {}});
                break;
            default:
                break;
        }
    }
    const auto& rec = shanxiRecommender();
    const auto index = rec.index(state, now);
    std::uniform_real_distribution<double> lat(34.6, 40.7);
    std::uniform_real_distribution<double> lon(110.2, 114.6);
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"fire_suppression", "building_fire"},      {"rescue", "traffic_accident"},
        {"forest_fire", "forest_grassland_fire"},  // aircraft compete (forced)
        {"mountain_rescue", "mountain_rescue"},     {"petrochemical", "chemical_fire"},
        {"air_water_drop", "forest_grassland_fire"}};
    constexpr std::size_t k = 12;
    for (int q = 0; q < 100; ++q) {
        const core::LatLon at{lat(rng), lon(rng)};
        dispatch::RequestContext ctx{
            *index, rec.groundModel(), rec.airModel(), rec.config(), at, now, {}, nullptr};
        for (const auto& [cap, type] : cases) {
            dispatch::SlotSpec slot;
            slot.capability = cap;
            slot.air = cap.starts_with("air_");
            const auto found = dispatch::findCandidates(ctx, slot, type, k);
            // The full scan over the same qualifiers.
            std::vector<dispatch::Evaluation> all;
            std::vector<dispatch::Qualifier> qualifiers{found.primary};
            if (found.airEquivalent) {
                qualifiers.push_back(*found.airEquivalent);
            }
            std::set<std::uint32_t> seen;
            for (const auto& qual : qualifiers) {
                for (std::uint32_t u = 0; u < index->units().size(); ++u) {
                    if (!index->unit(u).hasCapability(qual.capability) || seen.contains(u)) {
                        continue;
                    }
                    const auto e = dispatch::evaluate(ctx, u, qual);
                    if (e.exclusion == dispatch::Exclusion::None) {
                        all.push_back(e);
                        seen.insert(u);
                    }
                }
            }
            std::sort(all.begin(), all.end(),
                      [&](const auto& a, const auto& b) { return dispatch::faster(*index, a, b); });
            all.resize(std::min(all.size(), k));
            ASSERT_EQ(found.ranked.size(), all.size()) << cap << " query " << q;
            for (std::size_t i = 0; i < all.size(); ++i) {
                EXPECT_EQ(found.ranked[i].unit, all[i].unit) << cap << " query " << q << " #" << i;
                EXPECT_DOUBLE_EQ(found.ranked[i].etaSeconds, all[i].etaSeconds);
            }
        }
    }
}

}  // namespace
}  // namespace flameblue::testing

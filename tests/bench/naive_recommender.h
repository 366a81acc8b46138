// recommend_bench's baseline: every unit for every slot, greedy in run-card order, no index. It
// places units and times their trips exactly as the recommender does (the same great-circle
// distance, the same travel models, the same fix-age, staffing and readiness rules), so the
// difference in time is the index and the search, not a different distance function.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/state.h"
#include "data/dataset.h"
#include "dispatch/recommender.h"

namespace flameblue::bench {

struct NaivePick {
    core::Id unitId;
    double etaSeconds = 0.0;
};

// Seconds from tasking until `unit` arrives at `fire` for `slot`, as the recommender estimates
// it; nullopt when the unit cannot be placed (no trusted fix and no home station).
std::optional<double> naiveEtaSeconds(const dispatch::Recommender& recommender,
                                      const data::Dataset& dataset, const core::State& state,
                                      const core::Unit& unit, const dispatch::SlotSpec& slot,
                                      const core::LatLon& fire, core::TimeMs now);

// One pick per slot (fewer when no unit qualifies), fastest eligible unit first.
std::vector<NaivePick> naiveRecommend(const dispatch::Recommender& recommender,
                                      const data::Dataset& dataset, const core::State& state,
                                      const dispatch::RecommendRequest& request);

}  // namespace flameblue::bench

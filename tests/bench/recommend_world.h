// recommend_bench's synthetic province: 10,000 ground units and 100 aircraft built from the
// bundled demo roster, with live status, and the requests the benchmark asks.
#pragma once

#include <memory>
#include <vector>

#include "core/state.h"
#include "data/dataset.h"
#include "dispatch/recommender.h"

namespace flameblue::bench {

constexpr core::TimeMs kRecommendT0 = 1'795'896'000'000;
constexpr core::TimeMs kRecommendNow = kRecommendT0 + 86'400'000;

struct RecommendWorld {
    data::Dataset dataset;  // the demo catalogs plus the synthetic aircraft (for readiness)
    core::State state;
    // Everything that built `state`, in order: what a served session is seeded with.
    std::vector<core::EventPayload> events;
    std::unique_ptr<dispatch::Recommender> recommender;
    std::shared_ptr<const dispatch::UnitIndex> index;
    std::vector<dispatch::RecommendRequest> buildingFires;  // building_fire level 2: 7 slots
    std::vector<dispatch::RecommendRequest> mixed;          // any type with >= 5 slots at L2
    std::vector<core::Id> groundUnits;
    std::vector<core::Id> freeGroundUnits;  // left available by the seeding: dispatchable
    std::vector<core::Id> incidents;
};

// Exits with a message when the data files cannot be loaded.
std::unique_ptr<RecommendWorld> buildRecommendWorld(const char* dataDir);

}  // namespace flameblue::bench

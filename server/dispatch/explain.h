#pragma once

// Texts for dispatchers, derived only from the numbers in a recommendation.

#include <string>

#include "dispatch/candidate_search.h"
#include "dispatch/recommendation.h"

namespace flameblue::dispatch {

// "45 s", "3 min 10 s", "1 h 05 min".
std::string formatDuration(double seconds);
// "850 m", "4.2 km", "104 km".
std::string formatDistance(double meters);

// "1.9 km (2.5 km by road): turnout 1 min 20 s + 4 min 10 s on the road = 5 min 30 s".
std::string describeEta(const CandidateUnit& c);
// The whole paragraph for a pick; `e` supplies the comparison with the alternatives.
std::string describePick(const SlotRecommendation& s, const PickExplanation& e,
                         const std::vector<SlotRecommendation>& all);
// Why the closest-to-sendable unit `c` was not proposed.
std::string describePartial(const CandidateUnit& c, Exclusion why, const IndexedUnit& u,
                            const TravelModelConfig& config);
std::string describeShortfall(const SlotSpec& slot, const Shortfall& s, double capKm);
std::string describeMoveUp(const MoveUp& m);
std::string describeGap(const CoverageGap& g, double circleSeconds);

}  // namespace flameblue::dispatch

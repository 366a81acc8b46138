#pragma once

// The 5-minute fire rescue circle after a recommendation is dispatched: which stations' first-due
// areas lose their last unit, and which unit could move up to cover each.

#include <cstdint>
#include <vector>

#include "dispatch/candidate_search.h"
#include "dispatch/recommendation.h"

namespace flameblue::dispatch {

// `picked` are the unit indices the recommendation sends.
CoverageImpact assessCoverage(const RequestContext& ctx, const std::vector<std::uint32_t>& picked);

}  // namespace flameblue::dispatch

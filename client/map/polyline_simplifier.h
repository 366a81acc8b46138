// Douglas-Peucker simplification, used to precompute the basemap's levels of detail.
#pragma once

#include <vector>

#include "map/geo_types.h"

namespace flameblue::map {

// Keeps the first and last point and every point that deviates more than `tolerance` (same
// units as the points) from the simplified line. Closed rings stay closed.
std::vector<WorldPoint> simplifyPolyline(const std::vector<WorldPoint>& points, double tolerance);

}  // namespace flameblue::map

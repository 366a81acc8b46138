// Fills polygons (with holes, several rings, even-odd rule) by sweeping horizontal bands and
// cutting each band into trapezoids. Robust against the odd self-touching ring in real
// boundary data, where ear clipping fails, and O(n log n + output).
//
// Why coarse bands: a sweep alone yields full-width slivers a fraction of a pixel tall, and a
// software rasteriser (llvmpipe) shades whole 4x4 blocks for them, many times the area. With
// `bandHeight` > 0 the interior of every band of that height becomes a few tall rectangles and
// only the slivers near the outline remain.
#pragma once

#include <vector>

#include "map/geo_types.h"

namespace flameblue::map {

// Returns triangles as consecutive point triples. Rings need not be closed explicitly.
std::vector<WorldPoint> triangulateRings(const std::vector<std::vector<WorldPoint>>& rings,
                                         double bandHeight = 0.0);

}  // namespace flameblue::map

// A uniform grid over world coordinates: nearest-marker queries for hit-testing without
// scanning every marker of a layer.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "map/geo_types.h"

namespace flameblue::map {

class MarkerGridIndex {
public:
    void build(const std::vector<WorldPoint>& points, double cellSize);
    bool isEmpty() const { return m_cells.empty(); }
    // Indices (into the built points) within `radius` of `at`, as candidates for an exact test.
    std::vector<int> query(const WorldPoint& at, double radius) const;

private:
    static std::uint64_t key(std::int64_t cx, std::int64_t cy);

    double m_cellSize = 1.0;
    std::unordered_map<std::uint64_t, std::vector<int>> m_cells;
};

}  // namespace flameblue::map

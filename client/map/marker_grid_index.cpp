#include "map/marker_grid_index.h"

#include <cmath>

namespace flameblue::map {

std::uint64_t MarkerGridIndex::key(std::int64_t cx, std::int64_t cy) {
    return (static_cast<std::uint64_t>(cx) << 32U) ^ static_cast<std::uint32_t>(cy);
}

void MarkerGridIndex::build(const std::vector<WorldPoint>& points, double cellSize) {
    m_cells.clear();
    m_cellSize = cellSize > 0.0 ? cellSize : 1.0;
    for (size_t i = 0; i < points.size(); ++i) {
        const auto cx = static_cast<std::int64_t>(std::floor(points[i].x / m_cellSize));
        const auto cy = static_cast<std::int64_t>(std::floor(points[i].y / m_cellSize));
        m_cells[key(cx, cy)].push_back(static_cast<int>(i));
    }
}

std::vector<int> MarkerGridIndex::query(const WorldPoint& at, double radius) const {
    std::vector<int> result;
    const auto x0 = static_cast<std::int64_t>(std::floor((at.x - radius) / m_cellSize));
    const auto x1 = static_cast<std::int64_t>(std::floor((at.x + radius) / m_cellSize));
    const auto y0 = static_cast<std::int64_t>(std::floor((at.y - radius) / m_cellSize));
    const auto y1 = static_cast<std::int64_t>(std::floor((at.y + radius) / m_cellSize));
    for (auto cx = x0; cx <= x1; ++cx) {
        for (auto cy = y0; cy <= y1; ++cy) {
            const auto it = m_cells.find(key(cx, cy));
            if (it != m_cells.end()) {
                result.insert(result.end(), it->second.begin(), it->second.end());
            }
        }
    }
    return result;
}

}  // namespace flameblue::map

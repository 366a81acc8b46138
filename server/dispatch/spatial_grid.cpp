#include "dispatch/spatial_grid.h"

#include <limits>
#include <numbers>

namespace flameblue::dispatch {

namespace {
// The sphere greatCircleMeters() uses: metres per degree along a meridian.
constexpr double kMetersPerDegree = 6371008.8 * std::numbers::pi / 180.0;
constexpr double kDeg = std::numbers::pi / 180.0;
// Cells are never smaller than this: finer grids only cost memory.
constexpr double kMinCellMeters = 500.0;
// A great circle between two points on different parallels is a little shorter than the
// parallel arc at the higher latitude; this margin covers it for rings up to tens of degrees.
constexpr double kRingSafety = 0.98;
}  // namespace

SpatialGrid::SpatialGrid(std::vector<Entry> entries, double perCell) {
    if (entries.empty()) {
        return;
    }
    double minLat = std::numeric_limits<double>::max();
    double maxLat = std::numeric_limits<double>::lowest();
    double minLon = std::numeric_limits<double>::max();
    double maxLon = std::numeric_limits<double>::lowest();
    for (const auto& e : entries) {
        minLat = std::min(minLat, e.position.latDeg);
        maxLat = std::max(maxLat, e.position.latDeg);
        minLon = std::min(minLon, e.position.lonDeg);
        maxLon = std::max(maxLon, e.position.lonDeg);
    }
    m_maxAbsLat = std::max(std::abs(minLat), std::abs(maxLat));
    const double cosMid = std::max(0.01, std::cos((minLat + maxLat) / 2.0 * kDeg));
    const double heightM = (maxLat - minLat) * kMetersPerDegree;
    const double widthM = (maxLon - minLon) * kMetersPerDegree * cosMid;
    const double cells = std::max(1.0, static_cast<double>(entries.size()) / perCell);
    const double sideM = std::max(kMinCellMeters, std::sqrt(heightM * widthM / cells));
    m_latStep = sideM / kMetersPerDegree;
    m_lonStep = sideM / (kMetersPerDegree * cosMid);
    m_minLat = minLat;
    m_minLon = minLon;
    m_rows = static_cast<long>(std::floor((maxLat - minLat) / m_latStep)) + 1;
    m_cols = static_cast<long>(std::floor((maxLon - minLon) / m_lonStep)) + 1;

    const auto cellOf = [this](const core::LatLon& p) {
        const long i = std::clamp(static_cast<long>(std::floor((p.latDeg - m_minLat) / m_latStep)),
                                  0L, m_rows - 1);
        const long j = std::clamp(static_cast<long>(std::floor((p.lonDeg - m_minLon) / m_lonStep)),
                                  0L, m_cols - 1);
        return static_cast<std::size_t>(i * m_cols + j);
    };
    const auto nCells = static_cast<std::size_t>(m_rows * m_cols);
    m_cellStart.assign(nCells + 1, 0);
    for (const auto& e : entries) {
        ++m_cellStart[cellOf(e.position) + 1];
    }
    for (std::size_t c = 0; c < nCells; ++c) {
        m_cellStart[c + 1] += m_cellStart[c];
    }
    m_entries.resize(entries.size());
    std::vector<std::uint32_t> fill(m_cellStart.begin(), m_cellStart.end() - 1);
    for (const auto& e : entries) {
        m_entries[fill[cellOf(e.position)]++] = e;
    }
}

double SpatialGrid::ringMeters(double absLatDeg) const {
    const double cosLat = std::max(0.0, std::cos(std::min(absLatDeg, 90.0) * kDeg));
    const double latSide = m_latStep * kMetersPerDegree;
    const double lonSide = m_lonStep * kMetersPerDegree * cosLat;
    return std::min(latSide, lonSide) * kRingSafety;
}

}  // namespace flameblue::dispatch

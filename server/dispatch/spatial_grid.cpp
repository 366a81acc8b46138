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
// The cells are laid out again once more than this share of the entries (and at least
// kMinOutside) lie outside them.
constexpr std::size_t kOutsideShareDivisor = 8;
constexpr std::size_t kMinOutside = 16;
}  // namespace

SpatialGrid::SpatialGrid(std::vector<Entry> entries, double perCell) : m_perCell(perCell) {
    layOut(std::move(entries));
}

void SpatialGrid::layOut(std::vector<Entry> entries) {
    m_cells.clear();
    m_outside.clear();
    m_size = entries.size();
    m_rows = 0;
    m_cols = 0;
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
    const double cosMid = std::max(0.01, std::cos((minLat + maxLat) / 2.0 * kDeg));
    const double heightM = (maxLat - minLat) * kMetersPerDegree;
    const double widthM = (maxLon - minLon) * kMetersPerDegree * cosMid;
    const double cells = std::max(1.0, static_cast<double>(entries.size()) / m_perCell);
    const double sideM = std::max(kMinCellMeters, std::sqrt(heightM * widthM / cells));
    m_latStep = sideM / kMetersPerDegree;
    m_lonStep = sideM / (kMetersPerDegree * cosMid);
    m_minLat = minLat;
    m_minLon = minLon;
    m_rows = static_cast<long>(std::floor((maxLat - minLat) / m_latStep)) + 1;
    m_cols = static_cast<long>(std::floor((maxLon - minLon) / m_lonStep)) + 1;
    m_maxAbsLat =
        std::max(std::abs(m_minLat), std::abs(m_minLat + static_cast<double>(m_rows) * m_latStep));
    m_cells.resize(static_cast<std::size_t>(m_rows * m_cols));
    for (const auto& e : entries) {
        const long cell = cellOf(e.position);
        (cell < 0 ? m_outside : m_cells[static_cast<std::size_t>(cell)]).push_back(e);
    }
}

long SpatialGrid::cellOf(const core::LatLon& p) const {
    if (m_rows == 0) {
        return -1;
    }
    const double i = std::floor((p.latDeg - m_minLat) / m_latStep);
    const double j = std::floor((p.lonDeg - m_minLon) / m_lonStep);
    // Comparing as doubles keeps a NaN or a far-away point from overflowing a long.
    if (!(i >= 0.0 && i < static_cast<double>(m_rows) && j >= 0.0 &&
          j < static_cast<double>(m_cols))) {
        return -1;
    }
    return static_cast<long>(i) * m_cols + static_cast<long>(j);
}

void SpatialGrid::insert(const Entry& entry) {
    const long cell = cellOf(entry.position);
    ++m_size;
    if (cell >= 0) {
        m_cells[static_cast<std::size_t>(cell)].push_back(entry);
        return;
    }
    m_outside.push_back(entry);
    if (m_outside.size() > std::max(kMinOutside, m_size / kOutsideShareDivisor)) {
        std::vector<Entry> all;
        all.reserve(m_size);
        for (auto& cellEntries : m_cells) {
            all.insert(all.end(), cellEntries.begin(), cellEntries.end());
        }
        all.insert(all.end(), m_outside.begin(), m_outside.end());
        layOut(std::move(all));
    }
}

bool SpatialGrid::remove(const core::LatLon& position, std::uint32_t id, std::uint32_t tag) {
    const long cell = cellOf(position);
    std::vector<Entry>& in = cell < 0 ? m_outside : m_cells[static_cast<std::size_t>(cell)];
    const auto it = std::find_if(in.begin(), in.end(),
                                 [&](const Entry& e) { return e.id == id && e.tag == tag; });
    if (it == in.end()) {
        return false;
    }
    *it = in.back();
    in.pop_back();
    --m_size;
    return true;
}

double SpatialGrid::ringMeters(double absLatDeg) const {
    const double cosLat = std::max(0.0, std::cos(std::min(absLatDeg, 90.0) * kDeg));
    const double latSide = m_latStep * kMetersPerDegree;
    const double lonSide = m_lonStep * kMetersPerDegree * cosLat;
    return std::min(latSide, lonSide) * kRingSafety;
}

}  // namespace flameblue::dispatch

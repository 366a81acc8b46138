#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/geo.h"

namespace flameblue::dispatch {

// Points bucketed into a uniform lat/lon grid, walked ring by ring outwards from a query point
// with a lower bound of the distance to each ring, so a search stops as soon as nothing further
// out can beat what it has.
//
// Entries can be added, moved and removed one at a time (the unit index follows every status
// change and position fix this way). The cells are laid out once for the entries a grid starts
// with; an entry outside them is kept aside and visited before the first ring, which is always
// correct (visiting early only costs time), and the cells are laid out again when too many
// entries lie outside. Reads may run on many threads while nothing writes.
class SpatialGrid {
public:
    struct Entry {
        core::LatLon position;
        std::uint32_t id = 0;   // the caller's index
        std::uint32_t tag = 0;  // the caller's kind of entry (one id may have several entries)
    };

    SpatialGrid() = default;
    // Sizes cells for about `perCell` entries each over the entries' bounding box.
    explicit SpatialGrid(std::vector<Entry> entries, double perCell = 4.0);

    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }

    void insert(const Entry& entry);
    // Removes the entry with this id and tag that was inserted at `position`; false if none.
    bool remove(const core::LatLon& position, std::uint32_t id, std::uint32_t tag);

    // Calls `stop(m)` before each ring, where m (metres) is a lower bound of the great-circle
    // distance from `centre` to every entry in that ring and beyond; ends when it returns true.
    // Calls `visit(entry)` for every entry of each ring walked.
    template <typename Stop, typename Visit>
    void walk(const core::LatLon& centre, Stop&& stop, Visit&& visit) const;

private:
    // The cell holding `p`, or -1 when `p` lies outside the cells.
    long cellOf(const core::LatLon& p) const;
    void layOut(std::vector<Entry> entries);
    void visitCell(long row, long col, auto& visit) const {
        for (const Entry& e : m_cells[static_cast<std::size_t>(row * m_cols + col)]) {
            visit(e);
        }
    }
    // Metres per ring, a lower bound at every latitude up to `absLatDeg`.
    double ringMeters(double absLatDeg) const;

    std::vector<std::vector<Entry>> m_cells;  // m_rows * m_cols, row by row
    std::vector<Entry> m_outside;             // entries beyond the cells
    std::size_t m_size = 0;
    double m_perCell = 4.0;
    double m_minLat = 0.0;
    double m_minLon = 0.0;
    double m_latStep = 1.0;
    double m_lonStep = 1.0;
    double m_maxAbsLat = 0.0;  // over the cells' whole extent
    long m_rows = 0;
    long m_cols = 0;
};

template <typename Stop, typename Visit>
void SpatialGrid::walk(const core::LatLon& centre, Stop&& stop, Visit&& visit) const {
    if (m_size == 0) {
        return;
    }
    if (stop(0.0)) {
        return;
    }
    for (const Entry& e : m_outside) {
        visit(e);
    }
    if (m_rows == 0) {
        return;
    }
    const auto qi = static_cast<long>(std::floor((centre.latDeg - m_minLat) / m_latStep));
    const auto qj = static_cast<long>(std::floor((centre.lonDeg - m_minLon) / m_lonStep));
    const long maxR = std::max({qi, m_rows - 1 - qi, qj, m_cols - 1 - qj});
    const double perRing = ringMeters(std::max(m_maxAbsLat, std::abs(centre.latDeg)));
    for (long r = 0; r <= maxR; ++r) {
        if (r > 0 && stop(static_cast<double>(std::max(0L, r - 1)) * perRing)) {
            return;
        }
        if (r == 0) {
            if (qi >= 0 && qi < m_rows && qj >= 0 && qj < m_cols) {
                visitCell(qi, qj, visit);
            }
            continue;
        }
        const long colFrom = std::max(qj - r, 0L);
        const long colTo = std::min(qj + r, m_cols - 1);
        for (const long row : {qi - r, qi + r}) {
            if (row < 0 || row >= m_rows) {
                continue;
            }
            for (long col = colFrom; col <= colTo; ++col) {
                visitCell(row, col, visit);
            }
        }
        const long rowFrom = std::max(qi - r + 1, 0L);
        const long rowTo = std::min(qi + r - 1, m_rows - 1);
        for (const long col : {qj - r, qj + r}) {
            if (col < 0 || col >= m_cols) {
                continue;
            }
            for (long row = rowFrom; row <= rowTo; ++row) {
                visitCell(row, col, visit);
            }
        }
    }
}

}  // namespace flameblue::dispatch

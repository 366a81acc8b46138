#pragma once

// The 5-minute rescue circle over the whole province (README, "Coverage"): a grid of cells at
// most `cellKm` on a side inside the province outline, each holding the modelled first-arrival
// time of the nearest unit that counts for coverage, kept current one unit change at a time.
//
// First arrival = the ground travel model's time (turnout or mobile turnout, then the speed
// bands and the mountain factor, dispatch/ground_travel_model.h) from the unit's position to the
// cell's centre. Which units count is decided by the caller (coverage_index.h: usable ground
// units with the coverage capability of travel_model.json, i.e. a structure fire's first
// engine). Units beyond the ground model's distance cap do not reach a cell.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/geo.h"
#include "dispatch/ground_travel_model.h"
#include "dispatch/spatial_grid.h"

namespace flameblue::reports {

// Cells of a regular lat/lon grid whose centre lies inside an outline (even-odd rule over every
// ring). The latitude step is `cellKm` north-south; the longitude step is `cellKm` east-west at
// the southern edge, so narrower further north: no cell is wider or taller than `cellKm`.
class ProvinceGrid {
public:
    ProvinceGrid() = default;
    ProvinceGrid(const std::vector<std::vector<core::LatLon>>& rings, double cellKm);
    // Every cell of a `rows` x `cols` box whose south-west corner is `southWest` (for tests).
    static ProvinceGrid box(const core::LatLon& southWest, int rows, int cols, double cellKm);

    std::size_t size() const { return m_centres.size(); }
    int rows() const { return m_rows; }
    int cols() const { return m_cols; }
    double minLat() const { return m_minLat; }
    double minLon() const { return m_minLon; }
    double latStep() const { return m_latStep; }
    double lonStep() const { return m_lonStep; }
    double cellKm() const { return m_cellKm; }

    const core::LatLon& centre(std::size_t cell) const { return m_centres[cell]; }
    // Row-major index of the cell in the whole box (rows x cols).
    std::uint32_t boxIndex(std::size_t cell) const { return m_boxIndex[cell]; }
    // The cell at box row/col, or -1 when that box cell lies outside the outline.
    std::int32_t cellAtBox(int row, int col) const {
        if (row < 0 || col < 0 || row >= m_rows || col >= m_cols)
            return -1;
        return m_byBox[static_cast<std::size_t>(row) * static_cast<std::size_t>(m_cols) +
                       static_cast<std::size_t>(col)];
    }
    // The cell containing `p`, if it is inside.
    std::optional<std::size_t> cellAt(const core::LatLon& p) const;

private:
    void index();

    int m_rows = 0;
    int m_cols = 0;
    double m_minLat = 0.0;
    double m_minLon = 0.0;
    double m_latStep = 0.0;
    double m_lonStep = 0.0;
    double m_cellKm = 1.0;
    std::vector<core::LatLon> m_centres;
    std::vector<std::uint32_t> m_boxIndex;
    std::vector<std::int32_t> m_byBox;
};

// A unit as coverage sees it.
struct CoverageUnit {
    std::string id;
    std::string stationId;
    bool counts = false;  // usable, suitable ground unit with a known position
    core::LatLon position;
    double startDelaySeconds = 0.0;

    bool operator==(const CoverageUnit&) const = default;
};

struct CoverageSettings {
    double circleSeconds = 300.0;  // the rescue circle
    double maxDistanceMeters = 150'000.0;
};

// First-arrival time per cell, and which unit gives it. Copyable (what-if questions work on a
// copy). Not thread-safe: one writer, or readers only.
class CoverageGrid {
public:
    static constexpr float kUnreached = std::numeric_limits<float>::infinity();

    CoverageGrid(std::shared_ptr<const ProvinceGrid> grid, const dispatch::GroundTravelModel& model,
                 CoverageSettings settings);

    // Replaces every unit and computes every cell.
    void setUnits(std::vector<CoverageUnit> units);
    // The unit with `u.id` is now `u` (a new id is added). Recomputes only the cells it held and
    // those it may now reach first. Returns the number of cells whose time changed.
    std::size_t update(const CoverageUnit& u);
    // Every cell from scratch (the baseline an incremental update must equal).
    void recomputeAll();

    const ProvinceGrid& grid() const { return *m_grid; }
    std::shared_ptr<const ProvinceGrid> gridPtr() const { return m_grid; }
    const CoverageSettings& settings() const { return m_settings; }
    const dispatch::GroundTravelModel& model() const { return *m_model; }
    // Seconds per cell (kUnreached when no unit reaches it) and the unit giving them (-1: none).
    const std::vector<float>& seconds() const { return m_seconds; }
    const std::vector<std::int32_t>& nearest() const { return m_nearest; }
    const std::vector<CoverageUnit>& units() const { return m_units; }
    std::optional<std::uint32_t> findUnit(const std::string& id) const;

    // First arrival at any point (not a cell centre), and the unit giving it (-1: none).
    std::pair<double, std::int32_t> firstArrival(const core::LatLon& p) const;
    // Travel time of one unit to a point (start delay included).
    double travelSeconds(const CoverageUnit& u, const core::LatLon& to) const;
    std::size_t coveredCells() const;  // cells reached within the circle

private:
    std::pair<float, std::int32_t> best(const core::LatLon& p) const;
    void rebuildUnitGrid();
    std::size_t claim(std::uint32_t u);  // cells unit u now reaches first

    std::shared_ptr<const ProvinceGrid> m_grid;
    const dispatch::GroundTravelModel* m_model;
    CoverageSettings m_settings;
    std::vector<CoverageUnit> m_units;
    std::unordered_map<std::string, std::uint32_t> m_unitById;
    dispatch::SpatialGrid m_counting;  // units that count, by position
    double m_minStartDelay = 0.0;
    std::vector<float> m_seconds;
    std::vector<std::int32_t> m_nearest;
};

// The area a crew starting at `at` after `startDelaySeconds` reaches within `circleSeconds`:
// the reach along `bearings` rays, as a ring (empty when the start delay alone exceeds it).
std::vector<core::LatLon> reachOutline(const dispatch::GroundTravelModel& model,
                                       const core::LatLon& at, double startDelaySeconds,
                                       double circleSeconds, int bearings = 48);

// The largest straight-line distance a crew could cover in `seconds` after `startDelaySeconds`
// (speed bands without a mountain penalty): nothing further can be reached.
double reachMeters(const dispatch::GroundTravelModel& model, double startDelaySeconds,
                   double seconds);

}  // namespace flameblue::reports

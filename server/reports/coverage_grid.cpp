#include "reports/coverage_grid.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace flameblue::reports {

namespace {

// The sphere core::greatCircleMeters() uses.
constexpr double kMetersPerDegree = 6371008.8 * std::numbers::pi / 180.0;
constexpr double kDeg = std::numbers::pi / 180.0;

bool earlier(float t, std::int32_t u, float bestT, std::int32_t bestU) {
    return t < bestT || (t == bestT && bestU >= 0 && u < bestU);
}

}  // namespace

ProvinceGrid::ProvinceGrid(const std::vector<std::vector<core::LatLon>>& rings, double cellKm)
    : m_cellKm(cellKm) {
    double minLat = 90, maxLat = -90, minLon = 180, maxLon = -180;
    for (const auto& ring : rings) {
        for (const auto& p : ring) {
            minLat = std::min(minLat, p.latDeg);
            maxLat = std::max(maxLat, p.latDeg);
            minLon = std::min(minLon, p.lonDeg);
            maxLon = std::max(maxLon, p.lonDeg);
        }
    }
    if (minLat > maxLat) {
        return;
    }
    m_minLat = minLat;
    m_minLon = minLon;
    m_latStep = cellKm * 1000.0 / kMetersPerDegree;
    m_lonStep = cellKm * 1000.0 / (kMetersPerDegree * std::cos(minLat * kDeg));
    m_rows = static_cast<int>(std::ceil((maxLat - minLat) / m_latStep));
    m_cols = static_cast<int>(std::ceil((maxLon - minLon) / m_lonStep));
    m_byBox.assign(static_cast<std::size_t>(m_rows) * static_cast<std::size_t>(m_cols), -1);
    // Scanline: the crossings of every edge with each row's central parallel, even-odd.
    std::vector<double> crossings;
    for (int r = 0; r < m_rows; ++r) {
        const double lat = m_minLat + (r + 0.5) * m_latStep;
        crossings.clear();
        for (const auto& ring : rings) {
            for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                const auto& a = ring[i];
                const auto& b = ring[j];
                if ((a.latDeg > lat) != (b.latDeg > lat)) {
                    crossings.push_back(a.lonDeg + (lat - a.latDeg) / (b.latDeg - a.latDeg) *
                                                       (b.lonDeg - a.lonDeg));
                }
            }
        }
        std::sort(crossings.begin(), crossings.end());
        for (std::size_t k = 0; k + 1 < crossings.size(); k += 2) {
            const int from = std::max(
                0, static_cast<int>(std::ceil((crossings[k] - m_minLon) / m_lonStep - 0.5)));
            const int to = std::min(
                m_cols - 1,
                static_cast<int>(std::floor((crossings[k + 1] - m_minLon) / m_lonStep - 0.5)));
            for (int c = from; c <= to; ++c) {
                m_byBox[static_cast<std::size_t>(r) * static_cast<std::size_t>(m_cols) +
                        static_cast<std::size_t>(c)] = 0;
            }
        }
    }
    index();
}

ProvinceGrid ProvinceGrid::box(const core::LatLon& southWest, int rows, int cols, double cellKm) {
    ProvinceGrid g;
    g.m_cellKm = cellKm;
    g.m_minLat = southWest.latDeg;
    g.m_minLon = southWest.lonDeg;
    g.m_latStep = cellKm * 1000.0 / kMetersPerDegree;
    g.m_lonStep = cellKm * 1000.0 / (kMetersPerDegree * std::cos(southWest.latDeg * kDeg));
    g.m_rows = rows;
    g.m_cols = cols;
    g.m_byBox.assign(static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols), 0);
    g.index();
    return g;
}

void ProvinceGrid::index() {
    m_centres.clear();
    m_boxIndex.clear();
    for (int r = 0; r < m_rows; ++r) {
        for (int c = 0; c < m_cols; ++c) {
            const std::size_t b = static_cast<std::size_t>(r) * static_cast<std::size_t>(m_cols) +
                                  static_cast<std::size_t>(c);
            if (m_byBox[b] < 0) {
                continue;
            }
            m_byBox[b] = static_cast<std::int32_t>(m_centres.size());
            m_boxIndex.push_back(static_cast<std::uint32_t>(b));
            m_centres.push_back(
                {m_minLat + (r + 0.5) * m_latStep, m_minLon + (c + 0.5) * m_lonStep});
        }
    }
}

std::optional<std::size_t> ProvinceGrid::cellAt(const core::LatLon& p) const {
    if (m_rows == 0) {
        return std::nullopt;
    }
    const int r = static_cast<int>(std::floor((p.latDeg - m_minLat) / m_latStep));
    const int c = static_cast<int>(std::floor((p.lonDeg - m_minLon) / m_lonStep));
    const std::int32_t cell = cellAtBox(r, c);
    if (cell < 0) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(cell);
}

CoverageGrid::CoverageGrid(std::shared_ptr<const ProvinceGrid> grid,
                           const dispatch::GroundTravelModel& model, CoverageSettings settings)
    : m_grid(std::move(grid)), m_model(&model), m_settings(settings) {
    m_seconds.assign(m_grid->size(), kUnreached);
    m_nearest.assign(m_grid->size(), -1);
}

void CoverageGrid::setUnits(std::vector<CoverageUnit> units) {
    m_units = std::move(units);
    m_unitById.clear();
    for (std::uint32_t i = 0; i < m_units.size(); ++i) {
        m_unitById.emplace(m_units[i].id, i);
    }
    recomputeAll();
}

std::optional<std::uint32_t> CoverageGrid::findUnit(const std::string& id) const {
    const auto it = m_unitById.find(id);
    if (it == m_unitById.end()) {
        return std::nullopt;
    }
    return it->second;
}

void CoverageGrid::rebuildUnitGrid() {
    std::vector<dispatch::SpatialGrid::Entry> entries;
    m_minStartDelay = std::numeric_limits<double>::max();
    for (std::uint32_t i = 0; i < m_units.size(); ++i) {
        if (m_units[i].counts) {
            entries.push_back({m_units[i].position, i});
            m_minStartDelay = std::min(m_minStartDelay, m_units[i].startDelaySeconds);
        }
    }
    m_counting = dispatch::SpatialGrid(std::move(entries));
}

double CoverageGrid::travelSeconds(const CoverageUnit& u, const core::LatLon& to) const {
    const double gc = core::greatCircleMeters(u.position, to);
    return u.startDelaySeconds + m_model->movingSeconds({}, u.position, to, gc);
}

std::pair<float, std::int32_t> CoverageGrid::best(const core::LatLon& p) const {
    float bestT = kUnreached;
    std::int32_t bestU = -1;
    const double cap = m_settings.maxDistanceMeters;
    m_counting.walk(
        p,
        [&](double ring) {
            return ring > cap || static_cast<float>(m_minStartDelay +
                                                    m_model->movingSecondsLowerBound(ring)) > bestT;
        },
        [&](const dispatch::SpatialGrid::Entry& e) {
            const CoverageUnit& u = m_units[e.id];
            const double gc = core::greatCircleMeters(u.position, p);
            if (gc > cap) {
                return;
            }
            const auto id = static_cast<std::int32_t>(e.id);
            const auto lb =
                static_cast<float>(u.startDelaySeconds + m_model->movingSecondsLowerBound(gc));
            if (lb > bestT) {
                return;
            }
            const auto t = static_cast<float>(u.startDelaySeconds +
                                              m_model->movingSeconds({}, u.position, p, gc));
            if (bestU < 0 || earlier(t, id, bestT, bestU)) {
                bestT = t;
                bestU = id;
            }
        });
    return {bestT, bestU};
}

std::pair<double, std::int32_t> CoverageGrid::firstArrival(const core::LatLon& p) const {
    const auto [t, u] = best(p);
    return {static_cast<double>(t), u};
}

void CoverageGrid::recomputeAll() {
    rebuildUnitGrid();
    const ProvinceGrid& g = *m_grid;
    for (std::size_t c = 0; c < g.size(); ++c) {
        const auto [t, u] = best(g.centre(c));
        m_seconds[c] = t;
        m_nearest[c] = u;
    }
}

std::size_t CoverageGrid::claim(std::uint32_t ui) {
    const CoverageUnit& u = m_units[ui];
    if (!u.counts) {
        return 0;
    }
    const auto id = static_cast<std::int32_t>(ui);
    const ProvinceGrid& g = *m_grid;
    const double cap = m_settings.maxDistanceMeters;
    // Only rows and columns within the cap can be reached.
    const double latSpan = cap / kMetersPerDegree;
    const double lonSpan =
        cap / (kMetersPerDegree *
               std::max(0.05, std::cos((std::abs(u.position.latDeg) + latSpan) * kDeg)));
    const int r0 = std::max(
        0, static_cast<int>(std::floor((u.position.latDeg - latSpan - g.minLat()) / g.latStep())));
    const int r1 = std::min(
        g.rows() - 1,
        static_cast<int>(std::ceil((u.position.latDeg + latSpan - g.minLat()) / g.latStep())));
    const int c0 = std::max(
        0, static_cast<int>(std::floor((u.position.lonDeg - lonSpan - g.minLon()) / g.lonStep())));
    const int c1 = std::min(
        g.cols() - 1,
        static_cast<int>(std::ceil((u.position.lonDeg + lonSpan - g.minLon()) / g.lonStep())));
    std::size_t changed = 0;
    for (int r = r0; r <= r1; ++r) {
        for (int col = c0; col <= c1; ++col) {
            const std::int32_t cell = g.cellAtBox(r, col);
            if (cell < 0) {
                continue;
            }
            const auto c = static_cast<std::size_t>(cell);
            const core::LatLon& p = g.centre(c);
            const double gc = core::greatCircleMeters(u.position, p);
            if (gc > cap) {
                continue;
            }
            const auto lb =
                static_cast<float>(u.startDelaySeconds + m_model->movingSecondsLowerBound(gc));
            if (lb > m_seconds[c]) {
                continue;
            }
            const auto t = static_cast<float>(u.startDelaySeconds +
                                              m_model->movingSeconds({}, u.position, p, gc));
            if (m_nearest[c] < 0 || earlier(t, id, m_seconds[c], m_nearest[c])) {
                if (t != m_seconds[c]) {
                    ++changed;
                }
                m_seconds[c] = t;
                m_nearest[c] = id;
            }
        }
    }
    return changed;
}

std::size_t CoverageGrid::update(const CoverageUnit& unit) {
    std::uint32_t ui = 0;
    if (const auto found = findUnit(unit.id)) {
        ui = *found;
        if (m_units[ui] == unit) {
            return 0;
        }
        m_units[ui] = unit;
    } else {
        ui = static_cast<std::uint32_t>(m_units.size());
        m_units.push_back(unit);
        m_unitById.emplace(unit.id, ui);
    }
    rebuildUnitGrid();
    std::size_t changed = 0;
    // The cells it held: their best is someone else's now, or its own from where it is now.
    const auto id = static_cast<std::int32_t>(ui);
    const ProvinceGrid& g = *m_grid;
    for (std::size_t c = 0; c < g.size(); ++c) {
        if (m_nearest[c] != id) {
            continue;
        }
        const auto [t, u] = best(g.centre(c));
        if (t != m_seconds[c]) {
            ++changed;
        }
        m_seconds[c] = t;
        m_nearest[c] = u;
    }
    // The cells it may now reach before their present best.
    return changed + claim(ui);
}

std::size_t CoverageGrid::coveredCells() const {
    const auto circle = static_cast<float>(m_settings.circleSeconds);
    return static_cast<std::size_t>(
        std::count_if(m_seconds.begin(), m_seconds.end(), [&](float t) { return t <= circle; }));
}

double reachMeters(const dispatch::GroundTravelModel& model, double startDelaySeconds,
                   double seconds) {
    const double budget = seconds - startDelaySeconds;
    if (budget < 0.0) {
        return -1.0;
    }
    double lo = 0.0;
    double hi = 1000.0;
    while (model.bandSeconds(hi) <= budget && hi < 1e7) {
        hi *= 2.0;
    }
    for (int i = 0; i < 50; ++i) {
        const double mid = (lo + hi) / 2.0;
        (model.bandSeconds(mid) <= budget ? lo : hi) = mid;
    }
    return lo;
}

std::vector<core::LatLon> reachOutline(const dispatch::GroundTravelModel& model,
                                       const core::LatLon& at, double startDelaySeconds,
                                       double circleSeconds, int bearings) {
    std::vector<core::LatLon> ring;
    const double maxReach = reachMeters(model, startDelaySeconds, circleSeconds);
    if (maxReach < 0.0) {
        return ring;
    }
    const double budget = circleSeconds - startDelaySeconds;
    for (int b = 0; b < bearings; ++b) {
        const double bearing = 360.0 * b / bearings;
        // The time along a ray grows with the distance (a longer line touches every zone a
        // shorter one does), so the reach is found by bisection.
        double lo = 0.0;
        double hi = maxReach;
        for (int i = 0; i < 30; ++i) {
            const double mid = (lo + hi) / 2.0;
            const core::LatLon p = core::destination(at, bearing, mid);
            (model.movingSeconds({}, at, p, mid) <= budget ? lo : hi) = mid;
        }
        ring.push_back(core::destination(at, bearing, lo));
    }
    return ring;
}

}  // namespace flameblue::reports

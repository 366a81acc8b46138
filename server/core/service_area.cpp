#include "core/service_area.h"

#include <algorithm>
#include <limits>
#include <numbers>

namespace flameblue::core {

namespace {
constexpr double kEarthRadiusM = 6'371'008.8;
constexpr double kMetersPerDegLat = kEarthRadiusM * std::numbers::pi / 180.0;

// Distance from p to the segment a-b, on a plane tangent at p (x east, y north, metres).
double segmentMeters(const LatLon& p, const LatLon& a, const LatLon& b, double metersPerDegLon) {
    const double ax = (a.lonDeg - p.lonDeg) * metersPerDegLon;
    const double ay = (a.latDeg - p.latDeg) * kMetersPerDegLat;
    const double bx = (b.lonDeg - p.lonDeg) * metersPerDegLon;
    const double by = (b.latDeg - p.latDeg) * kMetersPerDegLat;
    const double dx = bx - ax;
    const double dy = by - ay;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(ax + t * dx, ay + t * dy);
}
}  // namespace

ServiceArea::ServiceArea(std::string name, std::vector<Ring> rings, double marginMeters)
    : m_name(std::move(name)), m_rings(std::move(rings)), m_marginMeters(marginMeters) {
    bool first = true;
    for (const Ring& ring : m_rings) {
        for (const LatLon& p : ring) {
            if (first) {
                m_minLat = m_maxLat = p.latDeg;
                m_minLon = m_maxLon = p.lonDeg;
                first = false;
            }
            m_minLat = std::min(m_minLat, p.latDeg);
            m_maxLat = std::max(m_maxLat, p.latDeg);
            m_minLon = std::min(m_minLon, p.lonDeg);
            m_maxLon = std::max(m_maxLon, p.lonDeg);
        }
    }
}

bool ServiceArea::insideOutline(const LatLon& p) const {
    if (p.latDeg < m_minLat || p.latDeg > m_maxLat || p.lonDeg < m_minLon || p.lonDeg > m_maxLon) {
        return false;
    }
    bool inside = false;
    for (const Ring& ring : m_rings) {
        const std::size_t n = ring.size();
        for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
            const LatLon& a = ring[i];
            const LatLon& b = ring[j];
            if ((a.latDeg > p.latDeg) != (b.latDeg > p.latDeg)) {
                const double lonAt = a.lonDeg + (p.latDeg - a.latDeg) * (b.lonDeg - a.lonDeg) /
                                                    (b.latDeg - a.latDeg);
                if (p.lonDeg < lonAt) {
                    inside = !inside;
                }
            }
        }
    }
    return inside;
}

double ServiceArea::metersToEdge(const LatLon& p) const {
    const double metersPerDegLon = kMetersPerDegLat * std::cos(p.latDeg * std::numbers::pi / 180.0);
    double best = std::numeric_limits<double>::infinity();
    for (const Ring& ring : m_rings) {
        const std::size_t n = ring.size();
        for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
            best = std::min(best, segmentMeters(p, ring[j], ring[i], metersPerDegLon));
        }
    }
    return best;
}

double ServiceArea::metersOutside(const LatLon& p) const {
    if (m_rings.empty() || insideOutline(p)) {
        return 0.0;
    }
    return metersToEdge(p);
}

bool ServiceArea::contains(const LatLon& p) const {
    if (m_rings.empty() || insideOutline(p)) {
        return true;
    }
    // Far outside the bounding box: no need to measure every edge.
    const double marginDeg = m_marginMeters / kMetersPerDegLat * 2.0 + 0.01;
    if (p.latDeg < m_minLat - marginDeg || p.latDeg > m_maxLat + marginDeg ||
        p.lonDeg < m_minLon - marginDeg * 2 || p.lonDeg > m_maxLon + marginDeg * 2) {
        return false;
    }
    return metersToEdge(p) <= m_marginMeters;
}

}  // namespace flameblue::core

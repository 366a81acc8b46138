#pragma once

// The area the dispatch centre serves: the province outline from the data set, with a margin
// for the outline's own inaccuracy. Incidents outside it are refused unless a dispatcher marks
// them as cross-province mutual aid.

#include <string>
#include <vector>

#include "core/geo.h"

namespace flameblue::core {

class ServiceArea {
public:
    using Ring = std::vector<LatLon>;

    ServiceArea() = default;
    // `rings`: outer rings and holes alike (even-odd rule); each ring closed or not.
    ServiceArea(std::string name, std::vector<Ring> rings, double marginMeters);

    const std::string& name() const { return m_name; }
    double marginMeters() const { return m_marginMeters; }
    bool empty() const { return m_rings.empty(); }
    // The outline's rings (outer rings and holes, even-odd rule).
    const std::vector<Ring>& rings() const { return m_rings; }

    // Inside the outline, or outside it by at most the margin.
    bool contains(const LatLon& p) const;
    // 0 inside the outline; otherwise the distance to its nearest edge (metres, local
    // equirectangular: exact enough for the few kilometres the margin is about).
    double metersOutside(const LatLon& p) const;

private:
    bool insideOutline(const LatLon& p) const;
    double metersToEdge(const LatLon& p) const;

    std::string m_name;
    std::vector<Ring> m_rings;
    double m_marginMeters = 0.0;
    double m_minLat = 0, m_maxLat = 0, m_minLon = 0, m_maxLon = 0;
};

}  // namespace flameblue::core

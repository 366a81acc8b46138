#include "feeds/context_traffic.h"

#include <algorithm>

namespace flameblue::feeds {

void ContextTraffic::update(const std::vector<AircraftTrack>& tracks,
                            const std::unordered_set<std::uint32_t>& fleet) {
    std::lock_guard lock(m_mutex);
    for (const AircraftTrack& t : tracks) {
        if (fleet.contains(t.icao) || !t.position || !m_options.area.contains(*t.position)) {
            m_aircraft.erase(t.icao);
            continue;
        }
        auto it = m_aircraft.find(t.icao);
        if (it != m_aircraft.end()) {
            it->second = t;
        } else if (m_aircraft.size() < m_options.maxAircraft) {
            m_aircraft.emplace(t.icao, t);
        }
    }
}

std::vector<AircraftTrack> ContextTraffic::list(core::TimeMs now) const {
    std::lock_guard lock(m_mutex);
    std::erase_if(m_aircraft,
                  [&](const auto& kv) { return now - kv.second.lastSeen > m_options.maxAgeMs; });
    std::vector<AircraftTrack> out;
    out.reserve(m_aircraft.size());
    for (const auto& [icao, t] : m_aircraft)
        out.push_back(t);
    std::sort(out.begin(), out.end(),
              [](const AircraftTrack& a, const AircraftTrack& b) { return a.icao < b.icao; });
    return out;
}

std::size_t ContextTraffic::size() const {
    std::lock_guard lock(m_mutex);
    return m_aircraft.size();
}

}  // namespace flameblue::feeds

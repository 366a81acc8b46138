#pragma once

#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "feeds/aircraft_tracker.h"

namespace flameblue::feeds {

// A latitude/longitude rectangle (no antimeridian crossing: China does not need one).
struct GeoBox {
    double southDeg = 0;
    double westDeg = 0;
    double northDeg = 0;
    double eastDeg = 0;

    bool contains(const core::LatLon& p) const {
        return p.latDeg >= southDeg && p.latDeg <= northDeg && p.lonDeg >= westDeg &&
               p.lonDeg <= eastDeg;
    }
    bool valid() const {
        return southDeg < northDeg && westDeg < eastDeg && southDeg >= -90 && northDeg <= 90 &&
               westDeg >= -180 && eastDeg <= 180;
    }
};

struct ContextTrafficOptions {
    // Shanxi (about 34.6-40.7 N, 110.2-114.6 E) with about a degree of margin.
    GeoBox area{33.5, 109.0, 41.8, 115.8};
    core::TimeMs maxAgeMs = 60'000;  // not heard for this long: gone
    std::size_t maxAircraft = 5'000;
};

// Other traffic the receivers hear: aircraft that are not the fleet's, kept in memory only
// (never in the event log) as context for aviation coordinators. Limited to an area, forgotten
// when not heard. Thread-safe.
class ContextTraffic {
public:
    explicit ContextTraffic(ContextTrafficOptions options) : m_options(options) {}

    // Takes the non-fleet aircraft of a merged batch; an aircraft that leaves the area or turns
    // out to be the fleet's is dropped at once.
    void update(const std::vector<AircraftTrack>& tracks,
                const std::unordered_set<std::uint32_t>& fleet);
    // The aircraft heard within maxAgeMs of `now`, by ICAO address.
    std::vector<AircraftTrack> list(core::TimeMs now) const;
    std::size_t size() const;
    const ContextTrafficOptions& options() const { return m_options; }

private:
    ContextTrafficOptions m_options;
    mutable std::mutex m_mutex;
    mutable std::unordered_map<std::uint32_t, AircraftTrack> m_aircraft;
};

}  // namespace flameblue::feeds

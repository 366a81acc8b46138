#include "dispatch/ground_travel_model.h"

#include <algorithm>
#include <limits>

namespace flameblue::dispatch {

namespace {

constexpr double kKmhToMps = 1000.0 / 3600.0;

// Zones are a few tens of km across and drawn roughly, so plain lon/lat geometry is enough:
// an affine map of the plane keeps every "inside" and "crosses" answer.
double cross(const core::LatLon& o, const core::LatLon& a, const core::LatLon& b) {
    return (a.lonDeg - o.lonDeg) * (b.latDeg - o.latDeg) -
           (a.latDeg - o.latDeg) * (b.lonDeg - o.lonDeg);
}

bool segmentsIntersect(const core::LatLon& p1, const core::LatLon& p2, const core::LatLon& q1,
                       const core::LatLon& q2) {
    const double d1 = cross(q1, q2, p1);
    const double d2 = cross(q1, q2, p2);
    const double d3 = cross(p1, p2, q1);
    const double d4 = cross(p1, p2, q2);
    return ((d1 > 0) != (d2 > 0)) && ((d3 > 0) != (d4 > 0));
}

bool inside(const std::vector<core::LatLon>& polygon, const core::LatLon& p) {
    bool in = false;
    for (std::size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
        const auto& a = polygon[i];
        const auto& b = polygon[j];
        if ((a.latDeg > p.latDeg) != (b.latDeg > p.latDeg)) {
            const double lonAt =
                a.lonDeg + (p.latDeg - a.latDeg) / (b.latDeg - a.latDeg) * (b.lonDeg - a.lonDeg);
            if (p.lonDeg < lonAt) {
                in = !in;
            }
        }
    }
    return in;
}

bool touches(const std::vector<core::LatLon>& polygon, const core::LatLon& from,
             const core::LatLon& to) {
    if (inside(polygon, from) || inside(polygon, to)) {
        return true;
    }
    for (std::size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
        if (segmentsIntersect(from, to, polygon[j], polygon[i])) {
            return true;
        }
    }
    return false;
}

}  // namespace

GroundTravelModel::GroundTravelModel(GroundModelConfig config) : m_config(std::move(config)) {
    for (const auto& zone : m_config.mountainZones) {
        ZoneBox box{std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest(),
                    std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest()};
        for (const auto& p : zone.polygon) {
            box.minLat = std::min(box.minLat, p.latDeg);
            box.maxLat = std::max(box.maxLat, p.latDeg);
            box.minLon = std::min(box.minLon, p.lonDeg);
            box.maxLon = std::max(box.maxLon, p.lonDeg);
        }
        m_boxes.push_back(box);
    }
    m_minStartDelaySeconds =
        std::min(m_config.defaultTurnoutSeconds, m_config.mobileTurnoutSeconds);
    for (const auto& [type, s] : m_config.turnoutSecondsByUnitType) {
        m_minStartDelaySeconds = std::min(m_minStartDelaySeconds, s);
    }
    for (const auto& [cls, s] : m_config.turnoutSecondsByStationClass) {
        m_minStartDelaySeconds = std::min(m_minStartDelaySeconds, s);
    }
}

double GroundTravelModel::startDelaySeconds(const TravelSubject& subject) const {
    if (subject.mobile) {
        return m_config.mobileTurnoutSeconds;
    }
    // The slower of the overrides that apply: a volunteer forest team musters like both.
    std::optional<double> turnout;
    if (const auto it = m_config.turnoutSecondsByUnitType.find(subject.unitType);
        it != m_config.turnoutSecondsByUnitType.end()) {
        turnout = it->second;
    }
    if (const auto it = m_config.turnoutSecondsByStationClass.find(subject.stationClass);
        it != m_config.turnoutSecondsByStationClass.end()) {
        turnout = std::max(turnout.value_or(0.0), it->second);
    }
    return turnout.value_or(m_config.defaultTurnoutSeconds);
}

StartKind GroundTravelModel::startKind(const TravelSubject& subject) const {
    return subject.mobile ? StartKind::MobileTurnout : StartKind::Turnout;
}

double GroundTravelModel::bandSeconds(double greatCircleMeters) const {
    double seconds = 0.0;
    double bandStart = 0.0;
    for (const auto& band : m_config.speedBands) {
        const double bandEnd =
            band.upToKm ? *band.upToKm * 1000.0 : std::numeric_limits<double>::max();
        const double part = std::min(greatCircleMeters, bandEnd) - bandStart;
        if (part <= 0.0) {
            break;
        }
        seconds += part * band.detour / (band.speedKmh * kKmhToMps);
        bandStart = bandEnd;
    }
    return seconds;
}

const MountainZone* GroundTravelModel::mountainZone(const core::LatLon& from,
                                                    const core::LatLon& to) const {
    const double minLat = std::min(from.latDeg, to.latDeg);
    const double maxLat = std::max(from.latDeg, to.latDeg);
    const double minLon = std::min(from.lonDeg, to.lonDeg);
    const double maxLon = std::max(from.lonDeg, to.lonDeg);
    const MountainZone* best = nullptr;
    for (std::size_t i = 0; i < m_config.mountainZones.size(); ++i) {
        const ZoneBox& b = m_boxes[i];
        if (maxLat < b.minLat || minLat > b.maxLat || maxLon < b.minLon || minLon > b.maxLon) {
            continue;
        }
        const MountainZone& zone = m_config.mountainZones[i];
        if ((best == nullptr || zone.factor > best->factor) && touches(zone.polygon, from, to)) {
            best = &zone;
        }
    }
    return best;
}

double GroundTravelModel::movingSeconds(const TravelSubject& /*subject*/, const core::LatLon& from,
                                        const core::LatLon& to, double greatCircleMeters) const {
    const MountainZone* zone = mountainZone(from, to);
    return bandSeconds(greatCircleMeters) * (zone != nullptr ? zone->factor : 1.0);
}

double GroundTravelModel::movingSecondsLowerBound(double greatCircleMeters) const {
    return bandSeconds(greatCircleMeters);
}

TravelEstimate GroundTravelModel::estimate(const TravelSubject& subject, const core::LatLon& from,
                                           const core::LatLon& to) const {
    TravelEstimate e;
    e.mode = TravelMode::Ground;
    e.start = startKind(subject);
    e.startDelaySeconds = startDelaySeconds(subject);
    e.greatCircleMeters = core::greatCircleMeters(from, to);
    double bandStart = 0.0;
    double driving = 0.0;
    for (const auto& band : m_config.speedBands) {
        const double bandEnd =
            band.upToKm ? *band.upToKm * 1000.0 : std::numeric_limits<double>::max();
        const double part = std::min(e.greatCircleMeters, bandEnd) - bandStart;
        if (part <= 0.0) {
            break;
        }
        RoadLeg leg;
        leg.speedClass = band.speedClass;
        leg.straightMeters = part;
        leg.roadMeters = part * band.detour;
        leg.speedKmh = band.speedKmh;
        leg.seconds = leg.roadMeters / (band.speedKmh * kKmhToMps);
        e.routeMeters += leg.roadMeters;
        driving += leg.seconds;
        e.speedClass = leg.speedClass;
        e.legs.push_back(std::move(leg));
        bandStart = bandEnd;
    }
    if (e.legs.empty() && !m_config.speedBands.empty()) {
        e.speedClass = m_config.speedBands.front().speedClass;
        e.speedKmh = m_config.speedBands.front().speedKmh;
    }
    if (driving > 0.0) {
        e.speedKmh = e.routeMeters / driving / kKmhToMps;
    }
    e.detourFactor = e.greatCircleMeters > 0.0 ? e.routeMeters / e.greatCircleMeters : 1.0;
    if (const MountainZone* zone = mountainZone(from, to)) {
        e.mountainFactor = zone->factor;
        e.mountainZoneId = zone->id;
    }
    e.travelSeconds = driving * e.mountainFactor;
    e.totalSeconds = e.startDelaySeconds + e.travelSeconds;
    return e;
}

}  // namespace flameblue::dispatch

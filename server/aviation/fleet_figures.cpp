#include "aviation/fleet_figures.h"

#include <algorithm>

#include "core/geo.h"

namespace flameblue::aviation {

namespace {
constexpr double kMsPerSecond = 1000.0;
constexpr double kSecondsPerHour = 3600.0;
constexpr double kSecondsPerMinute = 60.0;
constexpr double kKmhToMps = 1000.0 / 3600.0;

double secondsBetween(core::TimeMs from, core::TimeMs to) {
    return static_cast<double>(to - from) / kMsPerSecond;
}

const core::WaterSource* nearestDipSite(const core::State& state, const core::LatLon& p) {
    const core::WaterSource* best = nullptr;
    double bestM = 0.0;
    for (const auto& [id, w] : state.waterSources()) {
        if (!w.dipSite)
            continue;
        const double d = core::greatCircleMeters(p, w.position);
        if (!best || d < bestM) {
            best = &w;
            bestM = d;
        }
    }
    return best;
}
}  // namespace

FleetFigures::FleetFigures(const data::Dataset& dataset, dispatch::AirTravelModel airModel)
    : m_types(dataset.aircraftTypes), m_air(std::move(airModel)) {
    for (const data::RosterUnit& u : dataset.units) {
        if (u.spec.kind == core::UnitKind::Aircraft)
            m_readiness[u.spec.id] = u.readiness;
    }
}

const data::AircraftType* FleetFigures::type(const std::string& id) const {
    auto it = std::find_if(m_types.begin(), m_types.end(),
                           [&](const data::AircraftType& t) { return t.id == id; });
    return it == m_types.end() ? nullptr : &*it;
}

dispatch::TravelSubject FleetFigures::subject(const core::Unit& aircraft, bool airborne,
                                              bool bucket) const {
    dispatch::TravelSubject s;
    s.kind = core::UnitKind::Aircraft;
    s.unitType = aircraft.spec.unitType;
    s.aircraftType = type(aircraft.spec.aircraftType);
    if (auto it = m_readiness.find(aircraft.spec.id); it != m_readiness.end())
        s.readiness = it->second;
    s.airborne = airborne;
    s.bucketRigged = bucket;
    return s;
}

AircraftFigures FleetFigures::compute(const core::State& state, const core::Unit& aircraft,
                                      core::TimeMs now, core::TimeMs lastHeard) const {
    AircraftFigures out;
    const core::AircraftMission* m = state.aviation().mission(aircraft.spec.id);
    const core::Station* base = state.station(aircraft.spec.stationId);
    if (!m || !base) {
        return out;
    }
    core::LatLon position = base->position;
    if (aircraft.lastFix) {
        position = aircraft.lastFix->position;
        lastHeard = std::max(lastHeard, aircraft.lastFix->fixTime);
    }
    if (lastHeard > 0) {
        out.fixAgeSeconds = std::max(0.0, secondsBetween(lastHeard, now));
    }
    const data::AircraftType* t = type(aircraft.spec.aircraftType);
    const bool airborne = m->airborneSince.has_value();
    if (t) {
        out.reserveSeconds = t->reserveMin * kSecondsPerMinute;
        if (t->cruiseKmh > 0.0) {
            out.returnToBaseSeconds =
                core::greatCircleMeters(position, base->position) / (t->cruiseKmh * kKmhToMps);
        }
        if (airborne && t->enduranceMin) {
            out.enduranceLeftSeconds =
                *t->enduranceMin * kSecondsPerMinute - secondsBetween(*m->airborneSince, now);
        }
    }
    const core::Incident* incident =
        m->incidentId.empty() ? nullptr : state.incident(m->incidentId);
    if (incident) {
        out.distanceToIncidentMeters = core::greatCircleMeters(position, incident->position);
        if (m->state == core::MissionState::OnTask) {
            out.etaSeconds = 0.0;
        } else if (m->state == core::MissionState::Launching ||
                   m->state == core::MissionState::EnRoute) {
            const dispatch::TravelEstimate e =
                m_air.estimate(subject(aircraft, airborne, false), position, incident->position);
            // Before take-off what is left of the launch delay counts; in the air, only the flight.
            const double launchLeft =
                airborne ? 0.0 : std::max(0.0, e.startDelaySeconds - secondsBetween(m->since, now));
            out.etaSeconds = launchLeft + e.travelSeconds;
        }
        addWaterDrop(state, aircraft, *m, position, base->position, out);
    }
    return out;
}

void FleetFigures::addWaterDrop(const core::State& state, const core::Unit& aircraft,
                                const core::AircraftMission& m, const core::LatLon& position,
                                const core::LatLon& base, AircraftFigures& out) const {
    const core::Incident* incident = state.incident(m.incidentId);
    out.drops = m.drops.size();
    const core::WaterSource* dip = m.dipSiteId.empty() ? nearestDipSite(state, incident->position)
                                                       : state.waterSource(m.dipSiteId);
    if (dip)
        out.dipSiteId = dip->id;
    if (m.drops.size() >= 2) {
        out.cycleMeasured = true;
        out.cycleSeconds = secondsBetween(m.drops.front(), m.drops.back()) /
                           static_cast<double>(m.drops.size() - 1);
        if (*out.cycleSeconds > 0.0)
            out.dropsPerHour = kSecondsPerHour / *out.cycleSeconds;
        return;
    }
    if (!dip || (m.drops.empty() && m.state != core::MissionState::OnTask)) {
        return;  // no water work yet: the recommendation shows the modelled cycle
    }
    const dispatch::AirSortie sortie =
        m_air.sortie(subject(aircraft, true, true), position, incident->position, base, dip);
    if (sortie.waterDrop && sortie.waterDrop->cycleSeconds > 0.0) {
        out.cycleSeconds = sortie.waterDrop->cycleSeconds;
        out.dropsPerHour = sortie.waterDrop->dropsPerHour;
    }
}

}  // namespace flameblue::aviation

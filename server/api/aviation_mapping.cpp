#include "api/aviation_mapping.h"

namespace flameblue::api {

pb::MissionState toProto(core::MissionState s) {
    return static_cast<pb::MissionState>(static_cast<int>(s));
}

pb::AlertKind toProto(core::AlertKind k) {
    return static_cast<pb::AlertKind>(static_cast<int>(k));
}

core::Result<core::MissionState> fromProto(pb::MissionState s) {
    if (s < pb::MISSION_STATE_READY || s > pb::MISSION_STATE_MAINTENANCE) {
        return core::invalidArgument(
            "state: expected a mission state (ready .. maintenance), got " +
            std::to_string(static_cast<int>(s)));
    }
    return static_cast<core::MissionState>(s);
}

void toProto(const core::AircraftMission& m, pb::AircraftMission* out) {
    out->set_state(toProto(m.state));
    toProto(m.since, out->mutable_since());
    out->set_incident_id(m.incidentId);
    for (const core::MissionTransition& t : m.history) {
        pb::MissionTransition* pt = out->add_history();
        pt->set_state(toProto(t.state));
        toProto(t.time, pt->mutable_time());
    }
    if (m.airborneSince)
        toProto(*m.airborneSince, out->mutable_airborne_since());
    if (m.squawk)
        out->set_squawk(*m.squawk);
    out->set_flight_id(m.flightId);
    out->set_dip_site_id(m.dipSiteId);
    for (core::TimeMs t : m.drops)
        toProto(t, out->add_drops());
}

void toProto(const core::Alert& a, pb::Alert* out) {
    out->set_id(a.id);
    out->set_kind(toProto(a.kind));
    out->set_aircraft_id(a.unitId);
    out->set_squawk(a.squawk);
    out->set_detail(a.detail);
    toProto(a.raised, out->mutable_raised());
    if (a.cleared)
        toProto(*a.cleared, out->mutable_cleared());
    out->set_cleared_reason(a.clearedReason);
    if (a.acknowledged)
        toProto(*a.acknowledged, out->mutable_acknowledged());
    out->set_acknowledged_by(a.acknowledgedBy);
    out->set_active(a.active());
    out->set_on_banner(a.onBanner());
}

void addMission(const core::State& state, const core::Id& unitId, pb::Aircraft* out) {
    if (const core::AircraftMission* m = state.aviation().mission(unitId))
        toProto(*m, out->mutable_mission());
}

void addEventAlerts(const core::Event& e, const core::State& after, pb::Event* out) {
    core::Id id;
    if (const auto* r = std::get_if<core::AlertRaised>(&e.payload))
        id = r->alertId;
    else if (const auto* a = std::get_if<core::AlertAcknowledged>(&e.payload))
        id = a->alertId;
    else if (const auto* c = std::get_if<core::AlertCleared>(&e.payload))
        id = c->alertId;
    else
        return;
    auto it = after.aviation().alerts.find(id);
    if (it != after.aviation().alerts.end())
        toProto(it->second, out->add_alerts());
}

bool alertOfInterest(const core::Alert& a) {
    return a.active() || a.onBanner();
}

void toProto(const core::State& state, const core::Unit& aircraft,
             const aviation::AircraftFigures& f, pb::AircraftStatus* out) {
    out->set_aircraft_id(aircraft.spec.id);
    out->set_registration(aircraft.spec.registration);
    out->set_callsign(aircraft.spec.callsign);
    out->set_aircraft_type(aircraft.spec.aircraftType);
    if (const core::AircraftMission* m = state.aviation().mission(aircraft.spec.id))
        toProto(*m, out->mutable_mission());
    if (f.fixAgeSeconds)
        out->set_fix_age_s(*f.fixAgeSeconds);
    if (f.etaSeconds)
        out->set_eta_s(*f.etaSeconds);
    if (f.distanceToIncidentMeters)
        out->set_distance_to_incident_m(*f.distanceToIncidentMeters);
    if (f.enduranceLeftSeconds)
        out->set_endurance_left_s(*f.enduranceLeftSeconds);
    if (f.returnToBaseSeconds)
        out->set_return_to_base_s(*f.returnToBaseSeconds);
    out->set_reserve_s(f.reserveSeconds);
    out->set_drops(static_cast<std::uint32_t>(f.drops));
    if (f.dropsPerHour)
        out->set_drops_per_hour(*f.dropsPerHour);
    if (f.cycleSeconds)
        out->set_cycle_s(*f.cycleSeconds);
    out->set_cycle_measured(f.cycleMeasured);
    out->set_dip_site_id(f.dipSiteId);
    for (const auto& [id, a] : state.aviation().alerts) {
        if (a.unitId == aircraft.spec.id && alertOfInterest(a))
            toProto(a, out->add_alerts());
    }
}

}  // namespace flameblue::api

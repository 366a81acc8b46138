#include "api/mapping.h"

#include "api/aviation_mapping.h"
#include "api/iot_mapping.h"
#include "core/status_machine.h"

#include <algorithm>

namespace flameblue::api {

void toProto(const core::MutualAidRequest& r, pb::MutualAidRequest* out) {
    out->set_id(r.id);
    out->set_incident_id(r.incidentId);
    for (const auto& u : r.unitIds)
        out->add_unit_ids(u);
    out->set_requesting_city(r.requestingCity);
    out->set_owning_city(r.owningCity);
    out->set_note(r.note);
    out->set_requested_by(r.requestedBy);
    toProto(r.requested, out->mutable_requested());
    switch (r.state) {
        case core::MutualAidState::Pending:
            out->set_state(pb::MUTUAL_AID_PENDING);
            break;
        case core::MutualAidState::Accepted:
            out->set_state(pb::MUTUAL_AID_ACCEPTED);
            break;
        case core::MutualAidState::Refused:
            out->set_state(pb::MUTUAL_AID_REFUSED);
            break;
    }
    out->set_answered_by(r.answeredBy);
    if (r.answered)
        toProto(*r.answered, out->mutable_answered());
    out->set_reason(r.reason);
}

void toProto(core::TimeMs t, google::protobuf::Timestamp* out) {
    out->set_seconds(t / 1000);
    out->set_nanos(static_cast<int>((t % 1000) * 1'000'000));
}

void toProto(const core::LatLon& p, pb::LatLon* out) {
    out->set_lat(p.latDeg);
    out->set_lon(p.lonDeg);
}

void toProto(const core::PositionFix& f, pb::PositionFix* out) {
    toProto(f.position, out->mutable_position());
    if (f.headingDeg)
        out->set_heading_deg(*f.headingDeg);
    if (f.speedKmh)
        out->set_speed_kmh(*f.speedKmh);
    if (f.altitudeM)
        out->set_altitude_m(*f.altitudeM);
    toProto(f.fixTime, out->mutable_time());
}

void toProto(const core::Station& s, pb::Station* out) {
    out->set_id(s.id);
    out->set_name_zh(s.nameZh);
    out->set_name_en(s.nameEn);
    out->set_city(s.city);
    out->set_county(s.county);
    out->set_station_class(s.stationClass);
    toProto(s.position, out->mutable_position());
    out->set_illustrative(s.illustrative);
    out->set_position_approximate(s.positionApproximate);
}

pb::UnitStatus toProto(core::UnitStatus s) {
    return static_cast<pb::UnitStatus>(s);
}
pb::IncidentStatus toProto(core::IncidentStatus s) {
    return static_cast<pb::IncidentStatus>(s);
}

namespace {
template <typename Msg>
void unitCommon(const core::Unit& u, const FixContext& fix, Msg* out) {
    out->set_id(u.spec.id);
    out->set_callsign(u.spec.callsign);
    out->set_name_zh(u.spec.nameZh);
    out->set_name_en(u.spec.nameEn);
    for (const auto& c : u.spec.capabilities)
        out->add_capabilities(c);
    out->set_crew_capacity(u.spec.crewCapacity);
    out->set_status(toProto(u.status));
    for (const core::UnitStatus next : core::manualStatusesAfter(u.status))
        out->add_next_statuses(toProto(next));
    out->set_dispatchable(core::canDispatchFrom(u.status));
    out->set_staffing(u.staffing);
    out->set_incident_id(u.incidentId);
    toProto(u.statusSince, out->mutable_status_since());
    if (u.lastFix) {
        toProto(*u.lastFix, out->mutable_last_fix());
        const core::TimeMs heard = std::max(u.lastFix->fixTime, fix.lastHeard);
        const core::TimeMs ageMs = std::max<core::TimeMs>(0, fix.now - heard);
        out->set_fix_age_s(static_cast<double>(ageMs) / 1000.0);
        out->set_fix_stale(ageMs > fix.staleAfterMs);
    } else {
        out->set_fix_stale(true);
    }
}
}  // namespace

void toProto(const core::Unit& u, const FixContext& fix, pb::Unit* out) {
    unitCommon(u, fix, out);
    out->set_unit_type(u.spec.unitType);
    out->set_station_id(u.spec.stationId);
}

void toProto(const core::Unit& u, const FixContext& fix, pb::Aircraft* out) {
    unitCommon(u, fix, out);
    out->set_registration(u.spec.registration);
    out->set_icao24(u.spec.icao24);
    out->set_aircraft_type(u.spec.aircraftType);
    out->set_base_station_id(u.spec.stationId);
}

void toProto(const core::WaterSource& w, pb::WaterSource* out) {
    out->set_id(w.id);
    out->set_name_zh(w.nameZh);
    out->set_name_en(w.nameEn);
    out->set_kind(w.kind);
    out->set_city(w.city);
    toProto(w.position, out->mutable_position());
    out->set_dip_site(w.dipSite);
    if (w.capacityM3)
        out->set_capacity_m3(*w.capacityM3);
}

void toProto(const core::Incident& i, pb::Incident* out) {
    out->set_id(i.id);
    out->set_type(i.type);
    out->set_level(i.level);
    out->set_status(toProto(i.status));
    for (const core::IncidentStatus next : core::incidentStatusesAfter(i.status))
        out->add_next_statuses(toProto(next));
    toProto(i.position, out->mutable_position());
    out->set_address(i.address);
    out->set_description(i.description);
    out->set_city(i.city);
    toProto(i.received, out->mutable_received());
    if (i.firstDispatched)
        toProto(*i.firstDispatched, out->mutable_first_dispatched());
    if (i.underControl)
        toProto(*i.underControl, out->mutable_under_control());
    if (i.closed)
        toProto(*i.closed, out->mutable_closed());
    for (const core::Assignment& a : i.assignments) {
        pb::Assignment* pa = out->add_assignments();
        pa->set_unit_id(a.unitId);
        toProto(a.dispatched, pa->mutable_dispatched());
        if (a.enRoute)
            toProto(*a.enRoute, pa->mutable_en_route());
        if (a.onScene)
            toProto(*a.onScene, pa->mutable_on_scene());
        if (a.released)
            toProto(*a.released, pa->mutable_released());
    }
    for (const core::Note& n : i.notes) {
        pb::Note* pn = out->add_notes();
        toProto(n.time, pn->mutable_time());
        pn->set_operator_id(n.operatorId);
        pn->set_text(n.text);
    }
}

namespace {
const char* kindName(core::EntityKind k, bool aircraft) {
    switch (k) {
        case core::EntityKind::Station:
            return "station";
        case core::EntityKind::Unit:
            return aircraft ? "aircraft" : "unit";
        case core::EntityKind::WaterSource:
            return "water_source";
        case core::EntityKind::Incident:
            return "incident";
    }
    return "unknown";
}
}  // namespace

void toProto(const core::Event& e, const core::State& after, const core::Affected& affected,
             const FixContext& fix, pb::Event* out) {
    out->set_seq(e.seq);
    toProto(e.time, out->mutable_time());
    out->set_operator_id(e.operatorId);
    out->set_origin(e.origin);
    out->set_kind(core::toString(core::kindOf(e.payload)));
    out->set_subject(core::subjectOf(e.payload));
    if (const auto* p = std::get_if<core::PositionReported>(&e.payload)) {
        pb::PositionUpdate* pu = out->mutable_position();
        pu->set_unit_id(p->unitId);
        const core::Unit* u = after.unit(p->unitId);
        pu->set_is_aircraft(u && u->spec.kind == core::UnitKind::Aircraft);
        toProto(p->fix, pu->mutable_fix());
        return;
    }
    for (const auto& id : affected.stations) {
        if (const auto* s = after.station(id))
            toProto(*s, out->add_stations());
    }
    std::vector<core::Id> units = affected.units;
    std::sort(units.begin(), units.end());
    units.erase(std::unique(units.begin(), units.end()), units.end());
    for (const auto& id : units) {
        const core::Unit* u = after.unit(id);
        if (!u)
            continue;
        if (u->spec.kind == core::UnitKind::Aircraft) {
            pb::Aircraft* a = out->add_aircraft();
            toProto(*u, fix, a);
            addMission(after, id, a);
        } else {
            toProto(*u, fix, out->add_units());
        }
    }
    addEventAlerts(e, after, out);
    addEventIot(e, after, out);
    for (const auto& id : affected.mutualAid) {
        auto it = after.mutualAid().find(id);
        if (it != after.mutualAid().end())
            toProto(it->second, out->add_mutual_aid());
    }
    for (const auto& id : affected.waterSources) {
        if (const auto* w = after.waterSource(id)) {
            pb::WaterSource* ws = out->add_water_sources();
            toProto(*w, ws);
            addTelemetry(after, id, fix.now, ws);
        }
    }
    std::vector<core::Id> incidents = affected.incidents;
    std::sort(incidents.begin(), incidents.end());
    incidents.erase(std::unique(incidents.begin(), incidents.end()), incidents.end());
    for (const auto& id : incidents) {
        if (const auto* i = after.incident(id))
            toProto(*i, out->add_incidents());
    }
    for (const auto& r : affected.removed) {
        pb::EntityRef* ref = out->add_removed();
        ref->set_kind(kindName(r.kind, false));
        ref->set_id(r.id);
    }
}

core::TimeMs fromProto(const google::protobuf::Timestamp& t) {
    return t.seconds() * 1000 + t.nanos() / 1'000'000;
}

core::Result<core::LatLon> fromProto(const pb::LatLon& p, const char* field) {
    core::LatLon out{p.lat(), p.lon()};
    if (auto st = core::validatePosition(out, field); !st)
        return st.error();
    return out;
}

core::Result<core::PositionFix> fromProto(const pb::PositionFix& f, const char* field) {
    if (!f.has_position()) {
        return core::invalidArgument(std::string(field) + ".position: required");
    }
    core::PositionFix out;
    out.position = {f.position().lat(), f.position().lon()};
    if (f.has_heading_deg())
        out.headingDeg = f.heading_deg();
    if (f.has_speed_kmh())
        out.speedKmh = f.speed_kmh();
    if (f.has_altitude_m())
        out.altitudeM = f.altitude_m();
    out.fixTime = f.has_time() ? fromProto(f.time()) : 0;
    return out;
}

core::Result<core::UnitStatus> fromProto(pb::UnitStatus s) {
    if (s < pb::UNIT_STATUS_AVAILABLE || s > pb::UNIT_STATUS_OUT_OF_SERVICE) {
        return core::invalidArgument(
            "status: expected a unit status (available .. "
            "out_of_service), got " +
            std::to_string(static_cast<int>(s)));
    }
    return static_cast<core::UnitStatus>(s);
}

core::Result<core::IncidentStatus> fromProto(pb::IncidentStatus s) {
    if (s < pb::INCIDENT_STATUS_RECEIVED || s > pb::INCIDENT_STATUS_CLOSED) {
        return core::invalidArgument("status: expected an incident status, got " +
                                     std::to_string(static_cast<int>(s)));
    }
    return static_cast<core::IncidentStatus>(s);
}

}  // namespace flameblue::api

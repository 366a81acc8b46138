#include "api/recommend_mapping.h"

#include "api/mapping.h"

namespace flameblue::api {

namespace {

// The overloads below would otherwise hide the core-to-proto ones of mapping.h.
using api::toProto;

const char* startName(dispatch::StartKind k) {
    switch (k) {
        case dispatch::StartKind::Turnout:
            return "turnout";
        case dispatch::StartKind::MobileTurnout:
            return "mobile_turnout";
        case dispatch::StartKind::LaunchHotStandby:
            return "launch_hot_standby";
        case dispatch::StartKind::LaunchNormal:
            return "launch_normal";
        case dispatch::StartKind::Airborne:
            return "airborne";
    }
    return "unknown";
}

void toProto(const dispatch::TravelEstimate& e, pb::TravelEstimate* out) {
    out->set_mode(e.mode == dispatch::TravelMode::Air ? "air" : "ground");
    out->set_start(startName(e.start));
    out->set_start_delay_s(e.startDelaySeconds);
    out->set_travel_s(e.travelSeconds);
    out->set_total_s(e.totalSeconds);
    out->set_great_circle_m(e.greatCircleMeters);
    out->set_route_m(e.routeMeters);
    out->set_detour_factor(e.detourFactor);
    out->set_speed_kmh(e.speedKmh);
    out->set_speed_class(e.speedClass);
    for (const auto& leg : e.legs) {
        pb::RoadLeg* l = out->add_legs();
        l->set_speed_class(leg.speedClass);
        l->set_straight_m(leg.straightMeters);
        l->set_road_m(leg.roadMeters);
        l->set_speed_kmh(leg.speedKmh);
        l->set_seconds(leg.seconds);
    }
    out->set_mountain_factor(e.mountainFactor);
    out->set_mountain_zone(e.mountainZoneId);
}

void toProto(const dispatch::AirSortie& s, pb::Candidate* out) {
    pb::EnduranceCheck* e = out->mutable_endurance();
    e->set_known(s.endurance.known);
    e->set_endurance_s(s.endurance.enduranceSeconds);
    e->set_transit_out_s(s.endurance.transitOutSeconds);
    e->set_return_s(s.endurance.returnSeconds);
    e->set_reserve_s(s.endurance.reserveSeconds);
    e->set_working_s(s.endurance.workingSeconds);
    e->set_feasible(s.endurance.feasible);
    if (!s.waterDrop) {
        return;
    }
    const dispatch::WaterDropPlan& w = *s.waterDrop;
    pb::WaterDropPlan* d = out->mutable_water_drop();
    d->set_dip_site_id(w.dipSiteId);
    d->set_dip_site_name_zh(w.dipSiteNameZh);
    d->set_dip_site_name_en(w.dipSiteNameEn);
    d->set_dip_to_fire_m(w.dipToFireMeters);
    d->set_bucket_speed_kmh(w.bucketSpeedKmh);
    d->set_cycle_s(w.cycleSeconds);
    d->set_drops_per_hour(w.dropsPerHour);
    if (w.tonnesPerDrop)
        d->set_tonnes_per_drop(*w.tonnesPerDrop);
    d->set_first_drop_s(w.firstDropSeconds);
    if (w.dropsWithinEndurance)
        d->set_drops_within_endurance(*w.dropsWithinEndurance);
}

void toProto(const dispatch::CandidateUnit& c, pb::Candidate* out) {
    out->set_unit_id(c.unitId);
    out->set_callsign(c.callsign);
    out->set_name_zh(c.nameZh);
    out->set_name_en(c.nameEn);
    out->set_is_aircraft(c.kind == core::UnitKind::Aircraft);
    out->set_unit_type(c.unitType);
    out->set_station_id(c.stationId);
    out->set_status(toProto(c.status));
    out->set_staffing(c.staffing);
    toProto(c.from, out->mutable_from());
    out->set_position_source(static_cast<pb::PositionSource>(c.positionSource));
    if (c.fixAgeSeconds)
        out->set_fix_age_s(*c.fixAgeSeconds);
    toProto(c.eta, out->mutable_eta());
    out->set_capability_used(c.capabilityUsed);
    out->set_air_substitute(c.airSubstitute);
    if (c.air)
        toProto(*c.air, out);
}

void toProto(const dispatch::SlotRecommendation& s, pb::Slot* out) {
    out->set_index(s.slot.index);
    out->set_capability(s.slot.capability);
    out->set_level(s.slot.level);
    out->set_ordinal(s.slot.ordinal);
    out->set_air(s.slot.air);
    if (s.slot.maxArrivalSeconds)
        out->set_max_arrival_s(*s.slot.maxArrivalSeconds);
    out->set_note(s.slot.note);
    out->set_aviation(static_cast<pb::AviationReason>(s.aviation));
    if (s.pick)
        toProto(*s.pick, out->mutable_pick());
    const dispatch::PickExplanation& x = s.explanation;
    pb::PickExplanation* px = out->mutable_explanation();
    if (x.nextAlternativeUnitId)
        px->set_next_alternative_unit_id(*x.nextAlternativeUnitId);
    if (x.marginSeconds)
        px->set_margin_s(*x.marginSeconds);
    if (x.fasterUnitId)
        px->set_faster_unit_id(*x.fasterUnitId);
    if (x.fasterUnitSlotIndex)
        px->set_faster_unit_slot_index(*x.fasterUnitSlotIndex);
    if (x.fasterUnitSecondsSooner)
        px->set_faster_unit_seconds_sooner(*x.fasterUnitSecondsSooner);
    px->set_late(x.late);
    px->set_late_by_s(x.lateBySeconds);
    px->set_text(x.text);
    for (const auto& a : s.alternatives)
        toProto(a, out->add_alternatives());
    if (s.shortfall) {
        const dispatch::Shortfall& f = *s.shortfall;
        pb::Shortfall* pf = out->mutable_shortfall();
        pf->set_reason(static_cast<pb::ShortfallReason>(f.reason));
        pf->set_text(f.text);
        pf->set_units_with_capability(f.unitsWithCapability);
        pf->set_committed(f.committed);
        pf->set_out_of_service(f.outOfService);
        pf->set_understaffed(f.understaffed);
        pf->set_stale(f.stale);
        pf->set_beyond_cap(f.beyondCap);
        pf->set_beyond_endurance(f.beyondEndurance);
        pf->set_taken_by_other_slots(f.takenByOtherSlots);
        if (f.bestPartial)
            toProto(*f.bestPartial, pf->mutable_best_partial());
        pf->set_best_partial_note(f.bestPartialNote);
    }
}

}  // namespace

void toProto(const dispatch::Recommendation& r, pb::Recommendation* out) {
    if (r.incidentId)
        out->set_incident_id(*r.incidentId);
    out->set_incident_type(r.incidentType);
    out->set_level(r.level);
    toProto(r.position, out->mutable_position());
    toProto(r.now, out->mutable_time());
    out->set_state_seq(r.stateSeq);
    for (const auto& s : r.slots)
        toProto(s, out->add_slots());
    for (const auto& c : r.alreadyCovered) {
        pb::CoveredSlot* pc = out->add_already_covered();
        pc->set_capability(c.slot.capability);
        pc->set_level(c.slot.level);
        pc->set_unit_id(c.unitId);
    }
    for (const auto& id : r.unitIds)
        out->add_unit_ids(id);
    out->set_filled_slots(r.filledSlots);
    out->set_shortfalls(r.shortfalls);
    if (r.bottleneckSeconds)
        out->set_bottleneck_s(*r.bottleneckSeconds);
    out->set_total_s(r.totalSeconds);
    pb::CoverageImpact* c = out->mutable_coverage();
    c->set_computed(r.coverage.computed);
    c->set_capability(r.coverage.capability);
    c->set_circle_s(r.coverage.circleSeconds);
    c->set_stations_affected(r.coverage.stationsAffected);
    for (const auto& g : r.coverage.gaps) {
        pb::CoverageGap* pg = c->add_gaps();
        pg->set_station_id(g.stationId);
        pg->set_station_name_zh(g.stationNameZh);
        pg->set_station_name_en(g.stationNameEn);
        pg->set_station_class(g.stationClass);
        toProto(g.position, pg->mutable_position());
        for (const auto& id : g.lostCoverUnitIds)
            pg->add_lost_cover_unit_ids(id);
        if (g.moveUp) {
            pb::MoveUp* m = pg->mutable_move_up();
            m->set_unit_id(g.moveUp->unitId);
            m->set_callsign(g.moveUp->callsign);
            m->set_from_station_id(g.moveUp->fromStationId);
            m->set_to_station_id(g.moveUp->toStationId);
            toProto(g.moveUp->eta, m->mutable_eta());
            m->set_text(g.moveUp->text);
        }
        if (g.coveredByMoveUpOfUnitId)
            pg->set_covered_by_move_up_of_unit_id(*g.coveredByMoveUpOfUnitId);
        pg->set_text(g.text);
    }
}

}  // namespace flameblue::api

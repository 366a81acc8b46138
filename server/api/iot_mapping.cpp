#include "api/iot_mapping.h"

namespace flameblue::api {

void toProto(const core::BuildingCard& b, pb::BuildingCard* out) {
    out->set_id(b.id);
    out->set_name_zh(b.nameZh);
    out->set_name_en(b.nameEn);
    out->set_kind(b.kind);
    out->set_city(b.city);
    out->set_address(b.address);
    toProto(b.position, out->mutable_position());
    out->set_floors(b.floors);
    for (const auto& c : b.contacts)
        out->add_contacts(c);
    out->set_preplan_zh(b.preplanZh);
    out->set_preplan_en(b.preplanEn);
}

void toProto(const core::AlarmDraft& d, pb::AlarmDraft* out) {
    out->set_id(d.id);
    toProto(d.building, out->mutable_building());
    out->set_incident_type(d.incidentType);
    out->set_level(d.level);
    for (const auto& id : d.devices)
        out->add_devices(id);
    for (const auto& z : d.zones)
        out->add_zones(z);
    out->set_confidence(d.confidence());
    toProto(d.detected, out->mutable_detected());
    toProto(d.raised, out->mutable_raised());
    out->set_status(static_cast<pb::AlarmDraftStatus>(d.status));
    if (d.settled)
        toProto(*d.settled, out->mutable_settled());
    out->set_settled_by(d.settledBy);
    out->set_dismiss_reason(d.dismissReason);
    out->set_incident_id(d.incidentId);
}

void toProto(const core::PanelFault& f, bool active, pb::PanelFault* out) {
    out->set_device_id(f.deviceId);
    out->set_building_id(f.buildingId);
    out->set_reason(f.reason);
    toProto(f.since, out->mutable_since());
    out->set_active(active);
}

void addTelemetry(const core::State& state, const core::Id& sourceId, core::TimeMs now,
                  pb::WaterSource* out) {
    auto it = state.iot().water.find(sourceId);
    if (it == state.iot().water.end())
        return;
    const core::WaterReading& r = it->second;
    pb::WaterReading* t = out->mutable_telemetry();
    t->set_device_id(r.deviceId);
    t->set_quantity(r.quantity);
    t->set_value(r.value);
    t->set_threshold(r.threshold);
    toProto(r.measured, t->mutable_measured());
    out->set_out_of_service(r.outOfService);
    out->set_telemetry_stale(now - r.measured > core::kWaterReadingStaleMs);
}

void addEventIot(const core::Event& e, const core::State& after, pb::Event* out) {
    core::Id draft;
    if (const auto* r = std::get_if<core::AlarmDraftRaised>(&e.payload))
        draft = r->draftId;
    else if (const auto* c = std::get_if<core::AlarmDraftCorroborated>(&e.payload))
        draft = c->draftId;
    else if (const auto* k = std::get_if<core::AlarmDraftConfirmed>(&e.payload))
        draft = k->draftId;
    else if (const auto* d = std::get_if<core::AlarmDraftDismissed>(&e.payload))
        draft = d->draftId;
    if (!draft.empty()) {
        auto it = after.iot().drafts.find(draft);
        if (it != after.iot().drafts.end())
            toProto(it->second, out->add_alarm_drafts());
        return;
    }
    if (const auto* f = std::get_if<core::PanelFaultRaised>(&e.payload)) {
        auto it = after.iot().faults.find(f->deviceId);
        if (it != after.iot().faults.end())
            toProto(it->second, true, out->add_panel_faults());
    } else if (const auto* c = std::get_if<core::PanelFaultCleared>(&e.payload)) {
        core::PanelFault gone{c->deviceId, {}, c->reason, e.time};
        toProto(gone, false, out->add_panel_faults());
    }
}

}  // namespace flameblue::api

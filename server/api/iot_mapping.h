#pragma once

#include "api/mapping.h"
#include "core/iot.h"

namespace flameblue::api {

// ---- core -> proto: building alarm drafts, panel faults, water telemetry ----
void toProto(const core::BuildingCard& b, pb::BuildingCard* out);
void toProto(const core::AlarmDraft& d, pb::AlarmDraft* out);
void toProto(const core::PanelFault& f, bool active, pb::PanelFault* out);
// Adds the source's telemetry, its service state and staleness (against `now`).
void addTelemetry(const core::State& state, const core::Id& sourceId, core::TimeMs now,
                  pb::WaterSource* out);
// The draft or fault an iot event is about, as it is in `after`.
void addEventIot(const core::Event& e, const core::State& after, pb::Event* out);

}  // namespace flameblue::api

#pragma once

#include "api/mapping.h"
#include "aviation/fleet_figures.h"
#include "core/aviation.h"
#include "flameblue/v1/aviation.pb.h"
#include "flameblue/v1/aviation_types.pb.h"

namespace flameblue::api {

// ---- core -> proto ----
pb::MissionState toProto(core::MissionState s);
pb::AlertKind toProto(core::AlertKind k);
void toProto(const core::AircraftMission& m, pb::AircraftMission* out);
void toProto(const core::Alert& a, pb::Alert* out);
// Adds the aircraft's mission (if it has one) to an Aircraft already filled from its unit.
void addMission(const core::State& state, const core::Id& unitId, pb::Aircraft* out);
// The alert an alert event is about, as it is in `after`.
void addEventAlerts(const core::Event& e, const core::State& after, pb::Event* out);
// Alerts the consoles show: active, or still on the banner.
bool alertOfInterest(const core::Alert& a);
void toProto(const core::State& state, const core::Unit& aircraft,
             const aviation::AircraftFigures& f, pb::AircraftStatus* out);

// ---- proto -> core ----
core::Result<core::MissionState> fromProto(pb::MissionState s);

}  // namespace flameblue::api

#pragma once

#include <google/protobuf/timestamp.pb.h>

#include "core/affected.h"
#include "core/commands.h"
#include "core/decide.h"
#include "core/entities.h"
#include "core/result.h"
#include "core/state.h"
#include "flameblue/v1/dispatch.pb.h"
#include "flameblue/v1/entities.pb.h"

namespace flameblue::api {

namespace pb = flameblue::v1;

// What the server knows about a unit's liveness beyond the folded state.
struct FixContext {
    core::TimeMs now = 0;
    core::TimeMs staleAfterMs = 300'000;
    core::TimeMs lastHeard = 0;  // newest fix heard, stored or not (0: only the stored one)
};

// ---- core -> proto ----
void toProto(core::TimeMs t, google::protobuf::Timestamp* out);
void toProto(const core::MutualAidRequest& r, pb::MutualAidRequest* out);
void toProto(const core::LatLon& p, pb::LatLon* out);
void toProto(const core::PositionFix& f, pb::PositionFix* out);
void toProto(const core::Station& s, pb::Station* out);
void toProto(const core::Unit& u, const FixContext& fix, pb::Unit* out);
void toProto(const core::Unit& u, const FixContext& fix, pb::Aircraft* out);
void toProto(const core::WaterSource& w, pb::WaterSource* out);
void toProto(const core::Incident& i, pb::Incident* out);
pb::UnitStatus toProto(core::UnitStatus s);
pb::IncidentStatus toProto(core::IncidentStatus s);

// An event with the entities it changed, as they are in `after`.
void toProto(const core::Event& e, const core::State& after, const core::Affected& affected,
             const FixContext& fix, pb::Event* out);

// ---- proto -> core (validated: errors name the field) ----
core::TimeMs fromProto(const google::protobuf::Timestamp& t);
core::Result<core::LatLon> fromProto(const pb::LatLon& p, const char* field);
core::Result<core::PositionFix> fromProto(const pb::PositionFix& f, const char* field);
core::Result<core::UnitStatus> fromProto(pb::UnitStatus s);
core::Result<core::IncidentStatus> fromProto(pb::IncidentStatus s);

}  // namespace flameblue::api

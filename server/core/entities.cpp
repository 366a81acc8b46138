#include "core/entities.h"

#include <algorithm>
#include <iterator>
#include <utility>
#include <variant>

#include "core/events.h"

namespace flameblue::core {

const Assignment* Incident::activeAssignment(const Id& unitId) const {
    auto it = std::find_if(assignments.begin(), assignments.end(),
                           [&](const Assignment& a) { return a.unitId == unitId && a.active(); });
    return it == assignments.end() ? nullptr : &*it;
}

Assignment* Incident::activeAssignment(const Id& unitId) {
    return const_cast<Assignment*>(std::as_const(*this).activeAssignment(unitId));
}

const char* toString(UnitStatus s) {
    switch (s) {
        case UnitStatus::Available:
            return "available";
        case UnitStatus::Dispatched:
            return "dispatched";
        case UnitStatus::EnRoute:
            return "en_route";
        case UnitStatus::OnScene:
            return "on_scene";
        case UnitStatus::Returning:
            return "returning";
        case UnitStatus::OutOfService:
            return "out_of_service";
    }
    return "unknown";
}

const char* toString(IncidentStatus s) {
    switch (s) {
        case IncidentStatus::Received:
            return "received";
        case IncidentStatus::Active:
            return "active";
        case IncidentStatus::UnderControl:
            return "under_control";
        case IncidentStatus::Closed:
            return "closed";
    }
    return "unknown";
}

const char* toString(UnitKind k) {
    return k == UnitKind::Aircraft ? "aircraft" : "ground";
}

namespace {
// EventKind of each EventPayload alternative, in the variant's order.
constexpr EventKind kKindByIndex[] = {
    EventKind::StationUpserted,       EventKind::UnitUpserted,       EventKind::WaterSourceUpserted,
    EventKind::EntityRemoved,         EventKind::IncidentCreated,    EventKind::IncidentUpdated,
    EventKind::IncidentStatusChanged, EventKind::NoteAdded,          EventKind::UnitsDispatched,
    EventKind::UnitsReleased,         EventKind::UnitStatusChanged,  EventKind::PositionReported,
    EventKind::DrillStateReset,       EventKind::IncidentHandedOver,
};
static_assert(std::size(kKindByIndex) == std::variant_size_v<EventPayload>,
              "every EventPayload alternative needs its EventKind");
}  // namespace

EventKind kindOf(const EventPayload& p) {
    return kKindByIndex[p.index()];
}

std::optional<std::size_t> payloadIndexOf(std::int64_t kind) {
    for (std::size_t i = 0; i < std::size(kKindByIndex); ++i) {
        if (static_cast<std::int64_t>(kKindByIndex[i]) == kind)
            return i;
    }
    return std::nullopt;
}

const char* toString(EventKind k) {
    switch (k) {
        case EventKind::StationUpserted:
            return "station_upserted";
        case EventKind::UnitUpserted:
            return "unit_upserted";
        case EventKind::WaterSourceUpserted:
            return "water_source_upserted";
        case EventKind::EntityRemoved:
            return "entity_removed";
        case EventKind::IncidentCreated:
            return "incident_created";
        case EventKind::IncidentUpdated:
            return "incident_updated";
        case EventKind::IncidentStatusChanged:
            return "incident_status_changed";
        case EventKind::NoteAdded:
            return "note_added";
        case EventKind::UnitsDispatched:
            return "units_dispatched";
        case EventKind::UnitsReleased:
            return "units_released";
        case EventKind::UnitStatusChanged:
            return "unit_status_changed";
        case EventKind::PositionReported:
            return "position_reported";
        case EventKind::DrillStateReset:
            return "drill_state_reset";
        case EventKind::IncidentHandedOver:
            return "incident_handed_over";
    }
    return "unknown";
}

Id subjectOf(const EventPayload& p) {
    struct Visitor {
        Id operator()(const StationUpserted& e) const { return e.station.id; }
        Id operator()(const UnitUpserted& e) const { return e.spec.id; }
        Id operator()(const WaterSourceUpserted& e) const { return e.source.id; }
        Id operator()(const EntityRemoved& e) const { return e.id; }
        Id operator()(const IncidentCreated& e) const { return e.id; }
        Id operator()(const IncidentUpdated& e) const { return e.id; }
        Id operator()(const IncidentStatusChanged& e) const { return e.id; }
        Id operator()(const NoteAdded& e) const { return e.incidentId; }
        Id operator()(const UnitsDispatched& e) const { return e.incidentId; }
        Id operator()(const UnitsReleased& e) const { return e.incidentId; }
        Id operator()(const UnitStatusChanged& e) const { return e.unitId; }
        Id operator()(const PositionReported& e) const { return e.unitId; }
        Id operator()(const DrillStateReset&) const { return {}; }
        Id operator()(const IncidentHandedOver& e) const { return e.incidentId; }
    };
    return std::visit(Visitor{}, p);
}

}  // namespace flameblue::core

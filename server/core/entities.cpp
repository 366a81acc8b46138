#include "core/entities.h"

#include <algorithm>
#include <array>
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
// The stored number of each EventPayload alternative, in variant order.
constexpr std::array<EventKind, std::variant_size_v<EventPayload>> kKindByIndex = {
    EventKind::StationUpserted,       EventKind::UnitUpserted,
    EventKind::WaterSourceUpserted,   EventKind::EntityRemoved,
    EventKind::IncidentCreated,       EventKind::IncidentUpdated,
    EventKind::IncidentStatusChanged, EventKind::NoteAdded,
    EventKind::UnitsDispatched,       EventKind::UnitsReleased,
    EventKind::UnitStatusChanged,     EventKind::PositionReported,
    EventKind::MissionStateChanged,   EventKind::AlertRaised,
    EventKind::AlertAcknowledged,     EventKind::AlertCleared,
    EventKind::TransponderChanged,    EventKind::DropRecorded,
    EventKind::DrillStateReset,       EventKind::IncidentHandedOver,
    EventKind::AlarmDraftRaised,      EventKind::AlarmDraftCorroborated,
    EventKind::AlarmDraftConfirmed,   EventKind::AlarmDraftDismissed,
    EventKind::PanelFaultRaised,      EventKind::PanelFaultCleared,
    EventKind::WaterReadingReported,
};
}  // namespace

EventKind kindOf(const EventPayload& p) {
    return kKindByIndex[p.index()];
}

std::size_t payloadIndexOf(EventKind k) {
    for (std::size_t i = 0; i < kKindByIndex.size(); ++i) {
        if (kKindByIndex[i] == k)
            return i;
    }
    return kKindByIndex.size();
}

std::optional<EventKind> eventKindFromNumber(std::int64_t number) {
    for (EventKind k : kKindByIndex) {
        if (static_cast<std::int64_t>(k) == number)
            return k;
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
        case EventKind::MissionStateChanged:
            return "mission_state_changed";
        case EventKind::AlertRaised:
            return "alert_raised";
        case EventKind::AlertAcknowledged:
            return "alert_acknowledged";
        case EventKind::AlertCleared:
            return "alert_cleared";
        case EventKind::TransponderChanged:
            return "transponder_changed";
        case EventKind::DropRecorded:
            return "drop_recorded";
        case EventKind::DrillStateReset:
            return "drill_state_reset";
        case EventKind::IncidentHandedOver:
            return "incident_handed_over";
        case EventKind::AlarmDraftRaised:
            return "alarm_draft_raised";
        case EventKind::AlarmDraftCorroborated:
            return "alarm_draft_corroborated";
        case EventKind::AlarmDraftConfirmed:
            return "alarm_draft_confirmed";
        case EventKind::AlarmDraftDismissed:
            return "alarm_draft_dismissed";
        case EventKind::PanelFaultRaised:
            return "panel_fault_raised";
        case EventKind::PanelFaultCleared:
            return "panel_fault_cleared";
        case EventKind::WaterReadingReported:
            return "water_reading_reported";
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
        Id operator()(const MissionStateChanged& e) const { return e.unitId; }
        Id operator()(const AlertRaised& e) const { return e.unitId; }
        // Acknowledging and clearing are about the alert; its raising names the aircraft.
        Id operator()(const AlertAcknowledged& e) const { return e.alertId; }
        Id operator()(const AlertCleared& e) const { return e.alertId; }
        Id operator()(const TransponderChanged& e) const { return e.unitId; }
        Id operator()(const DropRecorded& e) const { return e.unitId; }
        Id operator()(const DrillStateReset&) const { return {}; }
        Id operator()(const IncidentHandedOver& e) const { return e.incidentId; }
        Id operator()(const AlarmDraftRaised& e) const { return e.draftId; }
        Id operator()(const AlarmDraftCorroborated& e) const { return e.draftId; }
        Id operator()(const AlarmDraftConfirmed& e) const { return e.draftId; }
        Id operator()(const AlarmDraftDismissed& e) const { return e.draftId; }
        Id operator()(const PanelFaultRaised& e) const { return e.deviceId; }
        Id operator()(const PanelFaultCleared& e) const { return e.deviceId; }
        Id operator()(const WaterReadingReported& e) const { return e.reading.sourceId; }
    };
    return std::visit(Visitor{}, p);
}

}  // namespace flameblue::core

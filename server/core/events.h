#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/aviation_events.h"
#include "core/entities.h"
#include "core/iot_events.h"

namespace flameblue::core {

// Roster events: what the data files say exists. Status and position are left as they are.
struct StationUpserted {
    Station station;
    bool operator==(const StationUpserted&) const = default;
};
struct UnitUpserted {
    UnitSpec spec;
    int staffing = 0;  // applied only when the unit is new
    bool operator==(const UnitUpserted&) const = default;
};
struct WaterSourceUpserted {
    WaterSource source;
    bool operator==(const WaterSourceUpserted&) const = default;
};
enum class EntityKind : std::uint8_t { Station = 1, Unit = 2, WaterSource = 3, Incident = 4 };
struct EntityRemoved {
    EntityKind kind = EntityKind::Station;
    Id id;
    bool operator==(const EntityRemoved&) const = default;
};

// Incident life cycle.
struct IncidentCreated {
    Id id;
    std::string type;
    int level = 1;
    LatLon position;
    std::string address;
    std::string description;
    std::string city;
    TimeMs received = 0;
    bool operator==(const IncidentCreated&) const = default;
};
struct IncidentUpdated {
    Id id;
    std::optional<std::string> type;
    std::optional<int> level;
    std::optional<LatLon> position;
    std::optional<std::string> address;
    std::optional<std::string> description;
    std::optional<std::string> city;
    bool operator==(const IncidentUpdated&) const = default;
};
struct IncidentStatusChanged {
    Id id;
    IncidentStatus status = IncidentStatus::Received;
    bool operator==(const IncidentStatusChanged&) const = default;
};
struct NoteAdded {
    Id incidentId;
    std::string text;
    bool operator==(const NoteAdded&) const = default;
};
struct UnitsDispatched {
    Id incidentId;
    std::vector<Id> unitIds;
    bool operator==(const UnitsDispatched&) const = default;
};
struct UnitsReleased {
    Id incidentId;
    std::vector<Id> unitIds;
    bool operator==(const UnitsReleased&) const = default;
};
struct UnitStatusChanged {
    Id unitId;
    UnitStatus status = UnitStatus::Available;
    std::optional<int> staffing;
    bool operator==(const UnitStatusChanged&) const = default;
};
struct PositionReported {
    Id unitId;
    PositionFix fix;
    bool operator==(const PositionReported&) const = default;
};

// Drill sessions. The state was replaced by the state of the replayed history at `drillTime`
// (drill start, a seek): a drill log folds from the snapshot stored at this event's seq, which
// is never pruned. In a fold the event changes nothing but seq and time.
struct DrillStateReset {
    std::string reason;  // "start", "seek"
    TimeMs drillTime = 0;
    bool operator==(const DrillStateReset&) const = default;
};
// From `drillTime` on, trainees decide for this incident; the replay withholds its history.
struct IncidentHandedOver {
    Id incidentId;
    TimeMs drillTime = 0;
    bool operator==(const IncidentHandedOver&) const = default;
};

using EventPayload =
    std::variant<StationUpserted, UnitUpserted, WaterSourceUpserted, EntityRemoved, IncidentCreated,
                 IncidentUpdated, IncidentStatusChanged, NoteAdded, UnitsDispatched, UnitsReleased,
                 UnitStatusChanged, PositionReported,
                 // aviation (kinds 20-29)
                 MissionStateChanged, AlertRaised, AlertAcknowledged, AlertCleared,
                 TransponderChanged, DropRecorded,
                 // drills (kinds 30-39)
                 DrillStateReset, IncidentHandedOver,
                 // building alarms and water telemetry (kinds 40-49)
                 AlarmDraftRaised, AlarmDraftCorroborated, AlarmDraftConfirmed, AlarmDraftDismissed,
                 PanelFaultRaised, PanelFaultCleared, WaterReadingReported>;

// Stable numbers for storage; never reuse one.
enum class EventKind : std::uint8_t {
    StationUpserted = 1,
    UnitUpserted = 2,
    WaterSourceUpserted = 3,
    EntityRemoved = 4,
    IncidentCreated = 5,
    IncidentUpdated = 6,
    IncidentStatusChanged = 7,
    NoteAdded = 8,
    UnitsDispatched = 9,
    UnitsReleased = 10,
    UnitStatusChanged = 11,
    PositionReported = 12,
    // Aviation.
    MissionStateChanged = 20,
    AlertRaised = 21,
    AlertAcknowledged = 22,
    AlertCleared = 23,
    TransponderChanged = 24,
    DropRecorded = 25,
    // 30-39: drills
    DrillStateReset = 30,
    IncidentHandedOver = 31,
    // 40-49: building alarm panels and water-source telemetry
    AlarmDraftRaised = 40,
    AlarmDraftCorroborated = 41,
    AlarmDraftConfirmed = 42,
    AlarmDraftDismissed = 43,
    PanelFaultRaised = 44,
    PanelFaultCleared = 45,
    WaterReadingReported = 46,
};

struct Event {
    std::uint64_t seq = 0;   // global, gap-free, assigned when appended
    TimeMs time = 0;         // when the server accepted it
    std::string operatorId;  // who
    std::string origin;      // from which console or feed
    EventPayload payload;

    bool operator==(const Event&) const = default;
};

EventKind kindOf(const EventPayload& p);
// The stored kind number as a kind, when it names one this build knows.
std::optional<EventKind> eventKindFromNumber(std::int64_t number);
// The EventPayload alternative that holds events of this kind (variant_size when none does).
std::size_t payloadIndexOf(EventKind k);
const char* toString(EventKind k);
// The entity an event is chiefly about (incident id, unit id, ...), for indexing and filters.
Id subjectOf(const EventPayload& p);
// Position fixes may be conflated for slow subscribers; everything else never is.
inline bool isPositionFix(const EventPayload& p) {
    return std::holds_alternative<PositionReported>(p);
}

}  // namespace flameblue::core

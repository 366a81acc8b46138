#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/aviation_commands.h"
#include "core/entities.h"
#include "core/iot_commands.h"

namespace flameblue::core {

// Who issues a command and when; lands in every event it produces.
struct CommandContext {
    std::string operatorId;
    std::string origin;
    TimeMs now = 0;
};

struct CreateIncident {
    std::string type;
    int level = 1;
    LatLon position;
    std::string address;
    std::string description;
    std::optional<TimeMs> received;  // when the alarm came in; defaults to now
    // Cross-province mutual aid: the dispatcher lets a position outside the service area in.
    bool mutualAid = false;
};

struct UpdateIncident {
    Id id;
    std::optional<std::string> type;
    std::optional<int> level;
    std::optional<LatLon> position;
    std::optional<std::string> address;
    std::optional<std::string> description;
    bool mutualAid = false;  // as for CreateIncident: a new position outside the service area
};

struct SetIncidentStatus {
    Id id;
    IncidentStatus status = IncidentStatus::UnderControl;
};

struct AddNote {
    Id incidentId;
    std::string text;
};

struct DispatchUnits {
    Id incidentId;
    std::vector<Id> unitIds;
};

// An empty list releases every unit still on the incident.
struct ReleaseUnits {
    Id incidentId;
    std::vector<Id> unitIds;
};

struct SetUnitStatus {
    Id unitId;
    UnitStatus status = UnitStatus::Available;
    std::optional<int> staffing;
};

struct ReportPosition {
    Id unitId;
    PositionFix fix;
};

using Command =
    std::variant<CreateIncident, UpdateIncident, SetIncidentStatus, AddNote, DispatchUnits,
                 ReleaseUnits, SetUnitStatus, ReportPosition, SetMissionState, AcknowledgeAlert,
                 RaiseAlert, ClearAlert, ReportTransponder, RecordDrop, RaisePanelAlarm,
                 ConfirmAlarmDraft, DismissAlarmDraft, SetPanelFault, ReportWaterReading>;

// Limits on free text, so that one request cannot bloat the log.
constexpr std::size_t kMaxShortTextBytes = 256;
constexpr std::size_t kMaxNoteBytes = 4096;
constexpr std::size_t kMaxUnitsPerCommand = 200;
// An alarm's received time: not after the server's clock by more than this (clock skew between
// the call-taking system and the server)...
constexpr TimeMs kMaxReceivedFutureMs = 5LL * 60 * 1000;
// ...and not earlier than this before it: an older alarm is a typing or clock error, not a
// late entry of a live incident.
constexpr TimeMs kMaxReceivedAgeMs = 24LL * 3600 * 1000;

}  // namespace flameblue::core

#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"

namespace flameblue::core {

// Where a fleet aircraft stands in its sortie, as the aviation coordinator sees it. It runs
// beside the unit duty cycle (UnitStatus) and is kept consistent with it: dispatching an
// aircraft is tasking it (Launching), and each mission state implies one unit status.
enum class MissionState : std::uint8_t {
    Ready = 1,        // on the ground, serviceable, can be tasked
    Launching = 2,    // tasked; crew to the aircraft, start-up, take-off
    EnRoute = 3,      // airborne towards the incident
    OnTask = 4,       // working the incident (rescue, water drops)
    Returning = 5,    // airborne back to base
    Landed = 6,       // back on the ground after a sortie (refuel, turn-round)
    Maintenance = 7,  // not serviceable
};
constexpr std::uint8_t kMaxMissionState = 7;

enum class AlertKind : std::uint8_t {
    SignalLost = 1,       // no position heard for longer than the configured time
    EmergencySquawk = 2,  // transponder code 7500, 7600 or 7700
    LowEndurance = 3,     // flight time left below the time home plus reserve
};
constexpr std::uint8_t kMaxAlertKind = 3;

struct MissionTransition {
    MissionState state = MissionState::Ready;
    TimeMs time = 0;
    bool operator==(const MissionTransition&) const = default;
};

// The aviation side of one fleet aircraft.
struct AircraftMission {
    MissionState state = MissionState::Ready;
    TimeMs since = 0;
    Id incidentId;  // the incident of the current sortie (kept while returning)
    // Transitions of the current sortie, from its launch (older sorties are in the event log).
    std::vector<MissionTransition> history;
    std::optional<TimeMs> airborneSince;  // take-off of the current sortie
    std::optional<int> squawk;            // last transponder code heard (decimal digits, e.g. 7700)
    std::string flightId;                 // callsign as the transponder sends it
    Id dipSiteId;                         // water source used for the last drop
    std::vector<TimeMs> drops;            // water drops of the current sortie

    bool operator==(const AircraftMission&) const = default;
};

struct Alert {
    Id id;  // "ALR-<n>"
    AlertKind kind = AlertKind::SignalLost;
    Id unitId;
    int squawk = 0;      // EmergencySquawk only
    std::string detail;  // what was measured, for the coordinator
    TimeMs raised = 0;
    std::optional<TimeMs> cleared;  // the condition ended
    std::string clearedReason;
    std::optional<TimeMs> acknowledged;
    std::string acknowledgedBy;

    bool active() const { return !cleared.has_value(); }
    // A lost signal that came back needs no acknowledgement; everything else stays on every
    // console's banner until someone acknowledges it.
    bool onBanner() const { return !acknowledged && !(cleared && kind == AlertKind::SignalLost); }
    bool operator==(const Alert&) const = default;
};

struct AviationState {
    std::map<Id, AircraftMission> missions;  // by unit id, fleet aircraft only
    // Alerts still of interest: active, or not yet acknowledged. Closed ones live in the log.
    std::map<Id, Alert> alerts;
    std::uint64_t alertsRaised = 0;  // numbers the next alert id

    const AircraftMission* mission(const Id& unitId) const;
    // The active alert of this kind for the aircraft, if any.
    const Alert* activeAlert(const Id& unitId, AlertKind kind) const;
    bool operator==(const AviationState&) const = default;
};

// Valid mission transitions (launching is reached only by tasking, through DispatchUnits):
//   Ready --task--> Launching --> EnRoute --> OnTask --> Returning --> Landed --> Ready
//   Launching --> Ready                       (cancelled before take-off)
//   EnRoute --> Returning                     (recalled before arrival)
//   Returning/Landed --task--> Launching      (re-tasked)
//   Ready/Landed/Returning --> Maintenance --> Ready
bool canChangeMission(MissionState from, MissionState to);
bool canTaskFrom(MissionState from);
// The unit status a mission state implies.
UnitStatus unitStatusFor(MissionState s);
// The mission state that follows a unit status change made elsewhere (dispatch, release,
// SetUnitStatus), given the mission state before it.
MissionState missionFollowing(UnitStatus status, MissionState current);
// In the air (or about to be) in this state: signal loss matters.
bool isFlying(MissionState s);
bool isEmergencySquawk(int squawk);
// Transponder codes are four octal digits (0000-7777), written as a decimal number.
bool isValidSquawk(int squawk);

// Ground speed from which an aircraft counts as airborne, whatever its mission state (a fix
// this fast is a take-off); a slower fix in a ground state is a landing.
constexpr double kTakeOffSpeedKmh = 60.0;
// Drops and transitions kept per sortie, so that one runaway sortie cannot bloat the state.
constexpr std::size_t kMaxSortieEntries = 500;

const char* toString(MissionState s);
const char* toString(AlertKind k);

}  // namespace flameblue::core

#pragma once

#include <optional>
#include <string>

#include "core/aviation.h"

namespace flameblue::core {

// A coordinator or crew reports the aircraft's mission state. Launching is reached by tasking
// (DispatchUnits), which names the incident.
struct SetMissionState {
    Id unitId;
    MissionState state = MissionState::Ready;
    std::string note;
};

struct AcknowledgeAlert {
    Id alertId;
};

// From the server's own monitors (signal lost, low endurance): refused while an alert of the
// same kind is still active for the aircraft, so that an alert is raised once.
struct RaiseAlert {
    Id unitId;
    AlertKind kind = AlertKind::SignalLost;
    std::string detail;
};

struct ClearAlert {
    Id alertId;
    std::string reason;
};

// Squawk and flight identification from a feed or a crew app; an emergency code raises an
// alert once, and its end clears it.
struct ReportTransponder {
    Id unitId;
    std::optional<int> squawk;
    std::string flightId;
};

// The crew or coordinator reports a water drop; the dip site is the water source it was taken
// from (empty: the same as the previous drop).
struct RecordDrop {
    Id unitId;
    Id dipSiteId;
};

}  // namespace flameblue::core

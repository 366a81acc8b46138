#pragma once

#include <optional>
#include <string>

#include "core/iot.h"

namespace flameblue::core {

// A fire alarm from a building's panel (the intake resolved the building from its registry). A
// new alarm opens a draft; another detector in a building with an open draft corroborates it; the
// same detector again changes nothing.
struct RaisePanelAlarm {
    BuildingCard building;
    std::string incidentType;
    int level = 1;
    Id deviceId;
    std::string zone;
    TimeMs detected = 0;
};

// The dispatcher confirms a draft: an incident is created as CreateIncident would, at the
// building, with the draft's (or the given) type and level.
struct ConfirmAlarmDraft {
    Id draftId;
    std::optional<std::string> type;
    std::optional<int> level;
    std::string description;  // added to the generated one
};

// The dispatcher dismisses a draft as a false alarm; the reason is required.
struct DismissAlarmDraft {
    Id draftId;
    std::string reason;
};

// A panel's fault state: `fault` raises one (when none is active), otherwise clears it.
struct SetPanelFault {
    Id deviceId;
    Id buildingId;
    bool fault = true;
    std::string reason;
};

struct ReportWaterReading {
    WaterReading reading;
};

}  // namespace flameblue::core

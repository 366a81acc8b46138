#pragma once

#include <string>

#include "core/iot.h"

namespace flameblue::core {

// Building alarm and water telemetry events (EventKind 40-49). Operator and time are in the
// event envelope.
struct AlarmDraftRaised {
    Id draftId;
    BuildingCard building;
    std::string incidentType;
    int level = 1;
    Id deviceId;
    std::string zone;
    TimeMs detected = 0;
    bool operator==(const AlarmDraftRaised&) const = default;
};
// Another detector in the same building: the draft's confidence rises.
struct AlarmDraftCorroborated {
    Id draftId;
    Id deviceId;
    std::string zone;
    bool operator==(const AlarmDraftCorroborated&) const = default;
};
// The dispatcher confirmed the draft; the incident was created by the same command.
struct AlarmDraftConfirmed {
    Id draftId;
    Id incidentId;
    bool operator==(const AlarmDraftConfirmed&) const = default;
};
struct AlarmDraftDismissed {
    Id draftId;
    std::string reason;
    bool operator==(const AlarmDraftDismissed&) const = default;
};
struct PanelFaultRaised {
    Id deviceId;
    Id buildingId;
    std::string reason;
    bool operator==(const PanelFaultRaised&) const = default;
};
struct PanelFaultCleared {
    Id deviceId;
    std::string reason;
    bool operator==(const PanelFaultCleared&) const = default;
};
struct WaterReadingReported {
    WaterReading reading;
    bool operator==(const WaterReadingReported&) const = default;
};

}  // namespace flameblue::core

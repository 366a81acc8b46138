#pragma once

#include <optional>
#include <string>

#include "core/aviation.h"

namespace flameblue::core {

// Aviation events (EventKind 20-29). Operator and time are in the event envelope.
struct MissionStateChanged {
    Id unitId;
    MissionState state = MissionState::Ready;
    std::string note;
    bool operator==(const MissionStateChanged&) const = default;
};
struct AlertRaised {
    Id alertId;
    AlertKind kind = AlertKind::SignalLost;
    Id unitId;
    int squawk = 0;
    std::string detail;
    bool operator==(const AlertRaised&) const = default;
};
struct AlertAcknowledged {
    Id alertId;
    bool operator==(const AlertAcknowledged&) const = default;
};
struct AlertCleared {
    Id alertId;
    std::string reason;
    bool operator==(const AlertCleared&) const = default;
};
// Transponder code and flight identification as a feed or crew app reports them; only changes
// are logged.
struct TransponderChanged {
    Id unitId;
    std::optional<int> squawk;
    std::string flightId;
    bool operator==(const TransponderChanged&) const = default;
};
struct DropRecorded {
    Id unitId;
    Id incidentId;
    Id dipSiteId;
    bool operator==(const DropRecorded&) const = default;
};

}  // namespace flameblue::core

#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"

namespace flameblue::core {

// What the dispatcher sees of a monitored building (a key fire-safety unit), as the building
// registry described it when the alarm came in. Kept in the draft so that the log shows what the
// dispatcher was shown, whatever the registry says later.
struct BuildingCard {
    Id id;
    std::string nameZh;
    std::string nameEn;
    std::string kind;  // high_rise, petrochemical, hospital, school, heritage
    std::string city;
    std::string address;
    LatLon position;
    int floors = 0;
    std::vector<std::string> contacts;  // "name, role, phone"
    std::string preplanZh;              // summary of the pre-plan
    std::string preplanEn;

    bool operator==(const BuildingCard&) const = default;
};

enum class DraftStatus : std::uint8_t {
    Open = 1,       // waiting for the dispatcher
    Confirmed = 2,  // became an incident
    Dismissed = 3,  // a false alarm, with a reason
};
constexpr std::uint8_t kMaxDraftStatus = 3;

// An alarm draft: a building's fire alarm panel reported a fire; a dispatcher confirms it (an
// incident is created the normal way) or dismisses it.
struct AlarmDraft {
    Id id;  // "DRF-<n>"
    BuildingCard building;
    std::string incidentType;  // recommended for the building's kind
    int level = 1;
    std::vector<Id> devices;         // detectors that reported a fire, the first one first
    std::vector<std::string> zones;  // their zones, in the same order
    TimeMs detected = 0;             // the first detector's own time
    TimeMs raised = 0;               // when the server accepted it
    DraftStatus status = DraftStatus::Open;
    std::optional<TimeMs> settled;
    std::string settledBy;
    std::string dismissReason;
    Id incidentId;  // set when confirmed

    // How many detectors in the building agree (1: a single detector).
    int confidence() const { return static_cast<int>(devices.size()); }
    bool open() const { return status == DraftStatus::Open; }
    bool operator==(const AlarmDraft&) const = default;
};

// A panel or detector that needs attention: it reported a fault or a supervisory signal, or it
// stopped sending heartbeats.
struct PanelFault {
    Id deviceId;
    Id buildingId;
    std::string reason;  // "fault: ...", "supervisory: ...", "no heartbeat for 180 s"
    TimeMs since = 0;

    bool operator==(const PanelFault&) const = default;
};

// The latest telemetry of a water source: hydrant pressure or reservoir / dip-site level.
struct WaterReading {
    Id sourceId;
    Id deviceId;
    std::string quantity;  // "pressure_kpa" or "level_m"
    double value = 0.0;
    double threshold = 0.0;  // minimum for service
    TimeMs measured = 0;     // the sensor's own time
    bool outOfService = false;

    bool operator==(const WaterReading&) const = default;
};

struct IotState {
    // Open drafts, and the latest settled ones (older ones are in the log).
    std::map<Id, AlarmDraft> drafts;
    std::map<Id, PanelFault> faults;   // active faults, by device
    std::map<Id, WaterReading> water;  // by water source
    std::uint64_t draftsRaised = 0;    // numbers the next draft id

    // The open draft of a building, if any.
    const AlarmDraft* openDraftFor(const Id& buildingId) const;
    // A water source that its telemetry takes out of service (below its threshold).
    bool outOfService(const Id& sourceId) const;
    bool operator==(const IotState&) const = default;
};

const char* toString(DraftStatus s);

// Settled drafts kept in the state so that every console sees how they ended.
constexpr std::size_t kMaxSettledDrafts = 100;
// A reading older than this is shown as stale (the sensor has gone quiet).
constexpr TimeMs kWaterReadingStaleMs = 15LL * 60 * 1000;

}  // namespace flameblue::core

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/geo.h"

namespace flameblue::core {

using Id = std::string;
// Milliseconds since the Unix epoch, UTC.
using TimeMs = std::int64_t;

// Where a unit stands in its duty cycle (what dispatchers expect; DOMAIN.md).
enum class UnitStatus : std::uint8_t {
    Available = 1,
    Dispatched = 2,
    EnRoute = 3,
    OnScene = 4,
    Returning = 5,
    OutOfService = 6,
};

enum class UnitKind : std::uint8_t {
    Ground = 1,
    Aircraft = 2,
};

enum class IncidentStatus : std::uint8_t {
    Received = 1,      // alarm taken, nothing dispatched yet
    Active = 2,        // at least one unit dispatched
    UnderControl = 3,  // declared under control by the incident commander
    Closed = 4,
};

// A position report. Heading, speed and altitude are absent when the source does not know them.
struct PositionFix {
    LatLon position;
    std::optional<double> headingDeg;
    std::optional<double> speedKmh;
    std::optional<double> altitudeM;
    TimeMs fixTime = 0;

    bool operator==(const PositionFix&) const = default;
};

struct Station {
    Id id;
    std::string nameZh;
    std::string nameEn;
    std::string city;          // city code, e.g. "taiyuan"
    std::string county;        // county or district name
    std::string stationClass;  // tag from station_classes in the data set
    LatLon position;
    bool illustrative = true;          // demo roster, not the real one
    bool positionApproximate = false;  // not a surveyed position (say so on the map)

    bool operator==(const Station&) const = default;
};

// The part of a unit that comes from the roster files; status and position come from events.
struct UnitSpec {
    Id id;
    std::string callsign;
    std::string nameZh;
    std::string nameEn;
    UnitKind kind = UnitKind::Ground;
    std::string unitType;                   // tag, e.g. "engine", "aerial_ladder", "helicopter"
    Id stationId;                           // home station (for aircraft: the base)
    std::vector<std::string> capabilities;  // sorted capability tags
    int crewCapacity = 0;
    // Aircraft only.
    std::string registration;
    std::string icao24;        // 24-bit ICAO address, lower-case hex
    std::string aircraftType;  // tag in aircraft_types

    bool operator==(const UnitSpec&) const = default;
};

struct Unit {
    UnitSpec spec;
    UnitStatus status = UnitStatus::Available;
    int staffing = 0;  // crew on board now
    Id incidentId;     // set while dispatched, en route or on scene
    TimeMs statusSince = 0;
    std::optional<PositionFix> lastFix;

    bool operator==(const Unit&) const = default;
};

struct WaterSource {
    Id id;
    std::string nameZh;
    std::string nameEn;
    std::string kind;  // hydrant, reservoir, river, lake, pond, tank
    std::string city;
    LatLon position;
    bool dipSite = false;  // suitable for a helicopter bucket
    std::optional<double> capacityM3;

    bool operator==(const WaterSource&) const = default;
};

// One unit's part in an incident, with the standard timestamps.
struct Assignment {
    Id unitId;
    TimeMs dispatched = 0;
    std::optional<TimeMs> enRoute;
    std::optional<TimeMs> onScene;
    std::optional<TimeMs> released;

    bool active() const { return !released.has_value(); }
    bool operator==(const Assignment&) const = default;
};

struct Note {
    TimeMs time = 0;
    std::string operatorId;
    std::string text;

    bool operator==(const Note&) const = default;
};

struct Incident {
    Id id;
    std::string type;  // tag from incident_types
    int level = 1;     // 1..5 alarm
    IncidentStatus status = IncidentStatus::Received;
    LatLon position;
    std::string address;
    std::string description;
    std::string city;
    TimeMs received = 0;
    std::optional<TimeMs> firstDispatched;
    std::optional<TimeMs> underControl;
    std::optional<TimeMs> closed;
    std::vector<Assignment> assignments;
    std::vector<Note> notes;
    std::string createdBy;

    const Assignment* activeAssignment(const Id& unitId) const;
    Assignment* activeAssignment(const Id& unitId);
    bool operator==(const Incident&) const = default;
};

constexpr int kMinIncidentLevel = 1;
constexpr int kMaxIncidentLevel = 5;

const char* toString(UnitStatus s);
const char* toString(IncidentStatus s);
const char* toString(UnitKind k);

}  // namespace flameblue::core

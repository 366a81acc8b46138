#pragma once

#include <optional>
#include <string>

#include "core/entities.h"

namespace flameblue::cot {

// CoT type codes (MIL-STD-2525 derived, as TAK uses them).
inline constexpr const char* kTypeRotaryWing = "a-f-A-C-H";  // friendly, air, civil, rotary wing
inline constexpr const char* kTypeFixedWing = "a-f-A-C-F";   // friendly, air, civil, fixed wing
inline constexpr const char* kTypeVehicle = "a-f-G-E-V-C";   // friendly, ground, civilian vehicle

// How the position was obtained (the "how" vocabulary of CoTtypes.xml).
inline constexpr const char* kHowGps = "m-g";        // machine, GPS (AVL, ADS-B)
inline constexpr const char* kHowSimulated = "m-s";  // machine, simulated

// The opex attribute (CoT base event schema): absent for live operations.
inline constexpr const char* kOpexExercise = "e";
inline constexpr const char* kOpexSimulation = "s";

// ATAK's emergency type for a distress call; squawks 7500, 7600 and 7700 are sent as one.
inline constexpr const char* kEmergencyAlert = "911 Alert";

// One Cursor-on-Target position event.
struct CotEvent {
    std::string uid;   // stable per unit; "ICAO-<HEX>" for aircraft with an address
    std::string type;  // one of the kType... codes
    std::string how = kHowGps;
    std::string opex;      // empty (live operation), kOpexExercise or kOpexSimulation
    std::string callsign;  // contact callsign shown by TAK clients
    std::string remarks;
    core::LatLon position;
    std::optional<double> haeM;  // height, metres; unknown: 9999999.0 (CoT's "unknown")
    std::optional<double> courseDeg;
    std::optional<double> speedMps;
    core::TimeMs fixTime = 0;   // when the position was taken: the event's start
    core::TimeMs stale = 0;     // when TAK should stop trusting it
    core::TimeMs sentTime = 0;  // when the event was sent: its time (0: the fix time)
    // <emergency type="...">callsign</emergency>; or, once the emergency is over,
    // <emergency cancel="true">callsign</emergency>.
    std::string emergencyType;
    bool emergencyCancel = false;
    // The _flow-tags_ attribute naming this system (stamped with the sent time); empty: none.
    std::string flowTag;
};

// ISO 8601 UTC with milliseconds, as CoT wants it: 2026-11-29T09:41:00.000Z.
std::string cotTime(core::TimeMs t);

// The <event> element with <point> and <detail> (contact, track, remarks, emergency,
// _flow-tags_), preceded by an XML declaration.
std::string toXml(const CotEvent& e);

}  // namespace flameblue::cot

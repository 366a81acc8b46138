#pragma once

#include <optional>
#include <string>

#include "core/entities.h"

namespace flameblue::cot {

// CoT type codes (MIL-STD-2525 derived, as TAK uses them).
inline constexpr const char* kTypeRotaryWing = "a-f-A-C-H";  // friendly, air, civil, rotary wing
inline constexpr const char* kTypeFixedWing = "a-f-A-C-F";   // friendly, air, civil, fixed wing
inline constexpr const char* kTypeVehicle = "a-f-G-E-V-C";   // friendly, ground, civilian vehicle

// One Cursor-on-Target position event.
struct CotEvent {
    std::string uid;          // stable per unit
    std::string type;         // one of the kType... codes
    std::string how = "m-g";  // machine, GPS-derived
    std::string callsign;     // contact callsign shown by TAK clients
    std::string remarks;
    core::LatLon position;
    std::optional<double> haeM;  // height, metres; unknown: 9999999.0 (CoT's "unknown")
    std::optional<double> courseDeg;
    std::optional<double> speedMps;
    core::TimeMs time = 0;   // when the position was taken
    core::TimeMs stale = 0;  // when TAK should stop trusting it
    bool exercise = false;   // opex="e": drill traffic, not a real operation
};

// ISO 8601 UTC with milliseconds, as CoT wants it: 2026-11-29T09:41:00.000Z.
std::string cotTime(core::TimeMs t);

// The <event> element with <point> and <detail>, preceded by an XML declaration.
std::string toXml(const CotEvent& e);

}  // namespace flameblue::cot

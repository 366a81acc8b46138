#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/entities.h"
#include "core/result.h"

namespace flameblue::iot {

// What a device reports (docs/iot.md, payload version 1).
enum class MessageType : std::uint8_t {
    FireAlarm,    // a detector in the building sees a fire
    Fault,        // the panel or a detector is faulty
    Supervisory,  // a supervised part is off-normal (valve closed, pump off)
    Reset,        // the panel was reset: faults and alarms of this device are over
    Heartbeat,    // the panel is alive (every 60 s)
    Pressure,     // hydrant pressure, kPa
    Level,        // reservoir or dip-site level, m
};

struct DeviceMessage {
    std::string device;
    std::uint64_t seq = 0;  // the device's own message counter, rising
    core::TimeMs time = 0;  // the device's clock, ms since the epoch, UTC
    MessageType type = MessageType::Heartbeat;
    std::string zone;    // fire_alarm, fault, supervisory: where in the building
    std::string detail;  // free text from the panel
    double value = 0.0;  // pressure or level
};

// The payload size accepted; anything longer is refused unread.
constexpr std::size_t kMaxPayloadBytes = 4096;
constexpr int kPayloadVersion = 1;
constexpr std::size_t kMaxDeviceIdBytes = 64;
constexpr std::size_t kMaxTextBytes = 200;

// Parses one payload strictly: a JSON object with "v" 1, "device", "seq", "ts", "type" and the
// fields of that type, nothing else, each of the right type and size. The error names the field.
core::Result<DeviceMessage> parsePayload(std::string_view bytes);

// The device id in a topic "flameblue/v1/panel/<device>" or "flameblue/v1/water/<device>";
// nullopt for any other topic.
std::optional<std::string> deviceOfTopic(std::string_view topic);

const char* toString(MessageType t);

}  // namespace flameblue::iot

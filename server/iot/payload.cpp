#include "iot/payload.h"

#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/validation.h"

namespace flameblue::iot {

namespace {

using nlohmann::json;

struct TypeName {
    const char* name;
    MessageType type;
};
constexpr TypeName kTypes[] = {
    {"fire_alarm", MessageType::FireAlarm},
    {"fault", MessageType::Fault},
    {"supervisory", MessageType::Supervisory},
    {"reset", MessageType::Reset},
    {"heartbeat", MessageType::Heartbeat},
    {"pressure", MessageType::Pressure},
    {"level", MessageType::Level},
};

bool validDeviceId(std::string_view id) {
    if (id.empty() || id.size() > kMaxDeviceIdBytes)
        return false;
    for (const char c : id) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        if (!ok)
            return false;
    }
    return true;
}

core::Result<std::string> text(const json& doc, const char* field, bool required,
                               std::size_t maxBytes) {
    auto it = doc.find(field);
    if (it == doc.end()) {
        if (required)
            return core::invalidArgument(std::string(field) + ": required");
        return std::string();
    }
    if (!it->is_string())
        return core::invalidArgument(std::string(field) + ": expected a string");
    std::string s = it->get<std::string>();
    if (auto st = core::validateText(s, maxBytes, required, field); !st)
        return st.error();
    return s;
}

core::Result<std::uint64_t> unsignedField(const json& doc, const char* field) {
    auto it = doc.find(field);
    if (it == doc.end())
        return core::invalidArgument(std::string(field) + ": required");
    if (!it->is_number_unsigned())
        return core::invalidArgument(std::string(field) + ": expected a whole number >= 0");
    return it->get<std::uint64_t>();
}

}  // namespace

const char* toString(MessageType t) {
    for (const auto& n : kTypes) {
        if (n.type == t)
            return n.name;
    }
    return "unknown";
}

core::Result<DeviceMessage> parsePayload(std::string_view bytes) {
    if (bytes.size() > kMaxPayloadBytes) {
        return core::invalidArgument("payload: " + std::to_string(bytes.size()) +
                                     " bytes; at most " + std::to_string(kMaxPayloadBytes));
    }
    json doc = json::parse(bytes.begin(), bytes.end(), nullptr, false);
    if (doc.is_discarded())
        return core::invalidArgument("payload: not valid JSON");
    if (!doc.is_object())
        return core::invalidArgument("payload: expected a JSON object");
    auto v = doc.find("v");
    if (v == doc.end())
        return core::invalidArgument("v: required (the payload version, 1)");
    if (!v->is_number_integer() || v->get<std::int64_t>() != kPayloadVersion)
        return core::invalidArgument("v: unsupported payload version " + v->dump() +
                                     "; this server reads version 1");
    DeviceMessage m;
    auto device = text(doc, "device", true, kMaxDeviceIdBytes);
    if (!device)
        return device.error();
    if (!validDeviceId(*device))
        return core::invalidArgument("device: expected letters, digits, '-', '_' or '.'");
    m.device = std::move(device).value();
    auto seq = unsignedField(doc, "seq");
    if (!seq)
        return seq.error();
    m.seq = *seq;
    auto ts = unsignedField(doc, "ts");
    if (!ts)
        return ts.error();
    if (*ts > static_cast<std::uint64_t>(std::numeric_limits<core::TimeMs>::max() / 2))
        return core::invalidArgument("ts: out of range");
    m.time = static_cast<core::TimeMs>(*ts);
    auto type = text(doc, "type", true, 32);
    if (!type)
        return type.error();
    bool known = false;
    for (const auto& n : kTypes) {
        if (*type == n.name) {
            m.type = n.type;
            known = true;
        }
    }
    if (!known) {
        return core::invalidArgument("type: unknown message type \"" + *type +
                                     "\"; expected fire_alarm, fault, supervisory, reset, "
                                     "heartbeat, pressure or level");
    }
    const bool measured = m.type == MessageType::Pressure || m.type == MessageType::Level;
    for (const auto& [key, value] : doc.items()) {
        const bool allowed = key == "v" || key == "device" || key == "seq" || key == "ts" ||
                             key == "type" || (!measured && (key == "zone" || key == "detail")) ||
                             (measured && key == "value");
        if (!allowed) {
            std::string k = key.size() > 32 ? key.substr(0, 32) : key;
            if (core::invalidUtf8At(k) != std::string::npos)
                k = "?";
            return core::invalidArgument("\"" + k + "\": not a field of a " + *type + " message");
        }
    }
    if (measured) {
        auto value = doc.find("value");
        if (value == doc.end())
            return core::invalidArgument("value: required");
        if (!value->is_number())
            return core::invalidArgument("value: expected a number");
        m.value = value->get<double>();
        if (!std::isfinite(m.value) || m.value < 0 || m.value > 1e6)
            return core::invalidArgument("value: expected 0 to 1000000");
        return m;
    }
    auto zone = text(doc, "zone", false, kMaxTextBytes);
    if (!zone)
        return zone.error();
    m.zone = std::move(zone).value();
    auto detail = text(doc, "detail", false, kMaxTextBytes);
    if (!detail)
        return detail.error();
    m.detail = std::move(detail).value();
    return m;
}

std::optional<std::string> deviceOfTopic(std::string_view topic) {
    for (std::string_view prefix : {"flameblue/v1/panel/", "flameblue/v1/water/"}) {
        if (topic.starts_with(prefix)) {
            std::string_view id = topic.substr(prefix.size());
            if (validDeviceId(id))
                return std::string(id);
            return std::nullopt;
        }
    }
    return std::nullopt;
}

}  // namespace flameblue::iot

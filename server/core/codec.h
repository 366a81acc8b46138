#pragma once

#include <string>
#include <string_view>

#include "core/events.h"
#include "core/result.h"
#include "core/state.h"

namespace flameblue::core {

// Compact, versioned binary encoding of event payloads and whole states (snapshots), for the
// event store. Decoding checks every length and tag: a corrupt record gives an error, never a
// crash or a half-filled object.
std::string encodePayload(const EventPayload& payload);
Result<EventPayload> decodePayload(EventKind kind, std::string_view bytes);

class StateCodec {
public:
    static std::string encode(const State& state);
    static Result<State> decode(std::string_view bytes);
};

}  // namespace flameblue::core

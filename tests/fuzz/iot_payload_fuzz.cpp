// libFuzzer target: arbitrary bytes as an MQTT device payload (docs/iot.md) and topic.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "iot/payload.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto r = flameblue::iot::parsePayload(bytes);
    if (r.ok()) {
        // A parsed message is whole: its device id is a valid topic level.
        auto device = flameblue::iot::deviceOfTopic("flameblue/v1/panel/" + r->device);
        if (!device || *device != r->device)
            __builtin_trap();
    }
    (void)flameblue::iot::deviceOfTopic(bytes);
    return 0;
}

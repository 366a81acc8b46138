// libFuzzer target: arbitrary bytes as an HTTP answer from an aircraft.json server.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds/http_get.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace flameblue::feeds;
    const std::string_view raw(reinterpret_cast<const char*>(data), size);
    bool complete = false;
    bool untilClose = false;
    auto body = httpResponseBody(raw, 4096, complete, untilClose);
    if (body.ok() && body->size() > 4096 + raw.size())
        __builtin_trap();  // a body can never be larger than the answer or the limit
    (void)parseHttpUrl(raw);
    return 0;
}

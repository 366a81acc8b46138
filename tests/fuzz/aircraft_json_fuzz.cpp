// libFuzzer target: arbitrary bytes as a readsb aircraft.json document.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds/aircraft_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto r = flameblue::feeds::parseAircraftJson(
        std::string_view(reinterpret_cast<const char*>(data), size));
    if (r.ok()) {
        flameblue::feeds::AircraftTracker tracker;
        for (const auto& a : r->aircraft)
            tracker.apply(a);
    }
    return 0;
}

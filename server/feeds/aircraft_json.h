#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "feeds/aircraft_tracker.h"

namespace flameblue::feeds {

struct AircraftJsonResult {
    std::vector<AircraftTrack> aircraft;
    std::size_t skipped = 0;        // records without a usable ICAO address or with bad values
    std::string firstProblem;       // what was wrong with the first skipped record
    core::TimeMs documentTime = 0;  // `now`, on the receiver's clock
};

// Largest document accepted: a busy receiver's aircraft.json is a few hundred kilobytes.
constexpr std::size_t kMaxAircraftJsonBytes = std::size_t{16} * 1024 * 1024;

// Reads a readsb / tar1090 aircraft.json document: {now, aircraft:[{hex, flight, lat, lon,
// alt_baro ("ground" possible), gs, track, baro_rate, squawk, category, seen, seen_pos}]}. Keys
// are absent when unknown. Times become absolute from `now` minus seen/seen_pos, on the
// receiver's clock (the poller moves them onto the server's). Returns an error for a document
// that is not such an object; bad records are skipped and counted.
core::Result<AircraftJsonResult> parseAircraftJson(std::string_view text);

}  // namespace flameblue::feeds

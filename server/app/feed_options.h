#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "data/dataset.h"
#include "feeds/aircraft_json_poller.h"
#include "feeds/context_traffic.h"
#include "feeds/plausibility.h"
#include "feeds/sbs_replay.h"

namespace flameblue::app {

// Aircraft feeds beyond --sbs, the context traffic kept from them, and Cursor-on-Target export.
struct FeedOptions {
    std::vector<feeds::AircraftJsonPollerOptions> aircraftJson;  // --aircraft-json
    std::vector<feeds::SbsReplayOptions> sbsReplays;             // --sbs-replay
    feeds::ContextTrafficOptions traffic;  // --traffic-area, --traffic-max-age
    std::string cotEndpoint;               // --cot tcp://... or udp://...
    // From the data set (aircraft_types.json), not the command line: how positions are judged,
    // and the fastest plausible ground speed per aircraft type id.
    feeds::PlausibilityOptions plausibility;
    std::unordered_map<std::string, double> typeMaxGroundKmh;
};

// How positions are judged, from the data set's aircraft types.
void takePlausibility(const data::Dataset& dataset, FeedOptions& out);

// "URL|FILE[@SECONDS]": a file path or an http:// URL, polled every SECONDS (default 1).
std::optional<feeds::AircraftJsonPollerOptions> parseAircraftJsonSpec(const std::string& spec,
                                                                      std::string& error);
// "FILE[@SPEED][,loop]": a recorded SBS-1 file, played at SPEED (default 1), looped or not.
std::optional<feeds::SbsReplayOptions> parseSbsReplaySpec(const std::string& spec,
                                                          std::string& error);
// "SOUTH,WEST,NORTH,EAST" in degrees.
std::optional<feeds::GeoBox> parseGeoBox(const std::string& spec, std::string& error);

// Takes the feed options from the command line: returns true when argv[i] is one of them (then
// `i` is advanced past its value); `error` is set when its value is wrong.
bool parseFeedOption(int argc, char** argv, int& i, FeedOptions& out, std::string& error);
std::string feedOptionsHelp();

}  // namespace flameblue::app

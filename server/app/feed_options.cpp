#include "app/feed_options.h"

#include <cstdlib>
#include <sstream>

#include "cot/cot_endpoint.h"

namespace flameblue::app {

namespace {

bool readNumber(const std::string& text, double min, double max, double& out) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !(v >= min && v <= max))
        return false;
    out = v;
    return true;
}

}  // namespace

void takePlausibility(const data::Dataset& dataset, FeedOptions& out) {
    const data::FeedPlausibility& p = dataset.feedPlausibility;
    out.plausibility.positionNoiseM = p.positionNoiseM;
    out.plausibility.confirmFixes = static_cast<std::size_t>(p.confirmFixes);
    out.plausibility.otherMaxGroundKmh = p.otherTrafficMaxGroundKmh;
    out.typeMaxGroundKmh.clear();
    for (const data::AircraftType& t : dataset.aircraftTypes)
        out.typeMaxGroundKmh[t.id] = p.maxGroundKmh(t);
}

std::optional<feeds::AircraftJsonPollerOptions> parseAircraftJsonSpec(const std::string& spec,
                                                                      std::string& error) {
    feeds::AircraftJsonPollerOptions o;
    o.source = spec;
    // The interval follows the last '@' (an '@' inside a URL's user part is not supported).
    if (const auto at = spec.rfind('@'); at != std::string::npos) {
        o.source = spec.substr(0, at);
        if (!readNumber(spec.substr(at + 1), 0.2, 3600, o.intervalSeconds)) {
            error =
                "--aircraft-json " + spec + ": the interval after @ must be 0.2 to 3600 seconds";
            return std::nullopt;
        }
    }
    if (auto ok = feeds::AircraftJsonPoller::validate(o); !ok) {
        error = "--aircraft-json " + spec + ": " + ok.error().message;
        return std::nullopt;
    }
    return o;
}

std::optional<feeds::SbsReplayOptions> parseSbsReplaySpec(const std::string& spec,
                                                          std::string& error) {
    feeds::SbsReplayOptions o;
    std::string rest = spec;
    if (rest.size() > 5 && rest.ends_with(",loop")) {
        o.loop = true;
        rest.resize(rest.size() - 5);
    }
    o.path = rest;
    if (const auto at = rest.rfind('@'); at != std::string::npos) {
        o.path = rest.substr(0, at);
        if (!readNumber(rest.substr(at + 1), 0.01, 1000, o.speed)) {
            error = "--sbs-replay " + spec + ": the speed after @ must be 0.01 to 1000";
            return std::nullopt;
        }
    }
    if (o.path.empty()) {
        error = "--sbs-replay " + spec + ": expected FILE[@SPEED][,loop]";
        return std::nullopt;
    }
    return o;
}

std::optional<feeds::GeoBox> parseGeoBox(const std::string& spec, std::string& error) {
    std::istringstream in(spec);
    std::string part;
    double v[4] = {0, 0, 0, 0};
    int n = 0;
    while (std::getline(in, part, ',')) {
        if (n == 4 || !readNumber(part, -180, 180, v[n])) {
            n = 5;
            break;
        }
        ++n;
    }
    const feeds::GeoBox box{v[0], v[1], v[2], v[3]};
    if (n != 4 || !box.valid()) {
        error = "--traffic-area " + spec +
                ": expected SOUTH,WEST,NORTH,EAST in degrees with south < north and west < east";
        return std::nullopt;
    }
    return box;
}

bool parseFeedOption(int argc, char** argv, int& i, FeedOptions& out, std::string& error) {
    const std::string arg = argv[i];
    if (arg != "--aircraft-json" && arg != "--sbs-replay" && arg != "--traffic-area" &&
        arg != "--traffic-max-age" && arg != "--cot") {
        return false;
    }
    if (i + 1 >= argc) {
        error = arg + ": a value is required";
        return true;
    }
    const std::string value = argv[++i];
    if (arg == "--aircraft-json") {
        if (auto o = parseAircraftJsonSpec(value, error))
            out.aircraftJson.push_back(std::move(*o));
    } else if (arg == "--sbs-replay") {
        if (auto o = parseSbsReplaySpec(value, error))
            out.sbsReplays.push_back(std::move(*o));
    } else if (arg == "--traffic-area") {
        if (value == "off") {
            out.traffic.maxAircraft = 0;  // fleet only: no context traffic is kept
        } else if (auto box = parseGeoBox(value, error)) {
            out.traffic.area = *box;
        }
    } else if (arg == "--traffic-max-age") {
        double seconds = 0;
        if (!readNumber(value, 5, 3600, seconds))
            error = "--traffic-max-age " + value + ": expected 5 to 3600 seconds";
        out.traffic.maxAgeMs = static_cast<core::TimeMs>(seconds * 1000);
    } else {
        if (auto endpoint = cot::parseCotEndpoint(value); !endpoint)
            error = "--cot " + value + ": " + endpoint.error().message;
        out.cotEndpoint = value;
    }
    return true;
}

std::string feedOptionsHelp() {
    return "  --aircraft-json SRC[@S]   poll a readsb/tar1090 aircraft.json every S seconds\n"
           "                            (default 1): a file or an http:// URL such as\n"
           "                            http://host:8080/data/aircraft.json; may be repeated\n"
           "  --sbs-replay FILE[@X][,loop]\n"
           "                            play a recorded SBS-1 file at X times its own pace\n"
           "                            (default 1), once or looped; may be repeated\n"
           "  --traffic-area S,W,N,E    keep other traffic (not the fleet) inside this box\n"
           "                            (default 33.5,109.0,41.8,115.8: Shanxi and a margin);\n"
           "                            off: keep none\n"
           "  --traffic-max-age N       forget other traffic not heard for N s (default 60)\n"
           "  --cot URL                 send fleet aircraft and units as Cursor-on-Target to\n"
           "                            tcp://HOST:PORT or udp://HOST:PORT (default off)\n";
}

}  // namespace flameblue::app

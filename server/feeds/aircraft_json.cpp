#include "feeds/aircraft_json.h"

#include <cmath>
#include <nlohmann/json.hpp>

namespace flameblue::feeds {

namespace {

using nlohmann::json;

// Ages beyond a day are nonsense for a live receiver; bounds also keep the time arithmetic exact.
constexpr double kMaxAgeS = 86'400.0;
constexpr double kMaxNowS = 4.0e9;  // year 2096

std::optional<double> num(const json& o, const char* key) {
    auto it = o.find(key);
    if (it == o.end() || !it->is_number())
        return std::nullopt;
    const double v = it->get<double>();
    if (!std::isfinite(v))
        return std::nullopt;
    return v;
}

// Returns an empty string when the record is usable, or why not.
std::string readRecord(const json& a, double nowS, AircraftTrack& t) {
    if (!a.is_object())
        return "record is not an object";
    auto hex = a.find("hex");
    if (hex == a.end() || !hex->is_string())
        return "hex missing";
    const auto icao = parseIcaoHex(hex->get_ref<const std::string&>());
    if (!icao)
        return "hex is not a 24-bit ICAO address";  // e.g. "~1234ab" TIS-B
    t.icao = *icao;
    if (auto f = a.find("flight"); f != a.end() && f->is_string()) {
        std::string cs = f->get<std::string>();
        while (!cs.empty() && cs.back() == ' ')
            cs.pop_back();
        if (cs.size() > 8)
            return "flight longer than 8 characters";
        t.callsign = cs;
    }
    const double seen = num(a, "seen").value_or(0.0);
    if (seen < 0 || seen > kMaxAgeS)
        return "seen out of range";
    t.lastSeen = static_cast<core::TimeMs>((nowS - seen) * 1000.0);
    const auto lat = num(a, "lat");
    const auto lon = num(a, "lon");
    if (lat.has_value() != lon.has_value())
        return "lat without lon";
    if (lat) {
        if (std::abs(*lat) > 90 || std::abs(*lon) > 180)
            return "position out of range";
        t.position = core::LatLon{*lat, *lon};
        const double seenPos = num(a, "seen_pos").value_or(seen);
        if (seenPos < 0 || seenPos > kMaxAgeS)
            return "seen_pos out of range";
        t.positionTime = static_cast<core::TimeMs>((nowS - seenPos) * 1000.0);
    }
    if (auto alt = a.find("alt_baro"); alt != a.end()) {
        if (alt->is_string() && alt->get_ref<const std::string&>() == "ground") {
            t.onGround = true;
        } else if (alt->is_number()) {
            t.altitudeFt = alt->get<double>();
        }
    }
    t.groundSpeedKt = num(a, "gs");
    t.trackDeg = num(a, "track");
    t.verticalRateFpm = num(a, "baro_rate");
    // readsb drops a value once it is stale, so what is listed is as fresh as the record.
    t.altitudeTime = t.lastSeen;
    t.velocityTime = t.lastSeen;
    if (t.trackDeg && (*t.trackDeg < 0 || *t.trackDeg > 360))
        return "track out of range";
    if (t.groundSpeedKt && (*t.groundSpeedKt < 0 || *t.groundSpeedKt > 2000))
        return "gs out of range";
    if (auto sq = a.find("squawk"); sq != a.end() && sq->is_string()) {
        const std::string& s = sq->get_ref<const std::string&>();
        if (s.size() == 4 && s.find_first_not_of("01234567") == std::string::npos) {
            t.squawk = std::stoi(s);
        }
    }
    if (auto cat = a.find("category"); cat != a.end() && cat->is_string()) {
        t.rotorcraft = cat->get_ref<const std::string&>() == "A7";
    }
    if (auto em = a.find("emergency"); em != a.end() && em->is_string()) {
        t.emergency = em->get_ref<const std::string&>() != "none";
    }
    return {};
}

}  // namespace

core::Result<AircraftJsonResult> parseAircraftJson(std::string_view text) {
    if (text.size() > kMaxAircraftJsonBytes) {
        return core::invalidArgument("aircraft.json: larger than 16 MiB");
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        return core::invalidArgument("aircraft.json: the document is empty");
    }
    json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded()) {
        return core::invalidArgument("aircraft.json: not valid JSON");
    }
    if (!doc.is_object()) {
        return core::invalidArgument("aircraft.json: expected an object");
    }
    const auto now = num(doc, "now");
    if (!now || *now < kMaxAgeS || *now > kMaxNowS) {
        return core::invalidArgument(
            "aircraft.json: \"now\" (Unix seconds) missing or out of range");
    }
    auto list = doc.find("aircraft");
    if (list == doc.end() || !list->is_array()) {
        return core::invalidArgument("aircraft.json: \"aircraft\" array missing");
    }
    AircraftJsonResult out;
    out.documentTime = static_cast<core::TimeMs>(*now * 1000.0);
    out.aircraft.reserve(list->size());
    for (const json& a : *list) {
        AircraftTrack t;
        std::string problem = readRecord(a, *now, t);
        if (!problem.empty()) {
            if (out.skipped++ == 0)
                out.firstProblem = std::move(problem);
            continue;
        }
        out.aircraft.push_back(std::move(t));
    }
    return out;
}

}  // namespace flameblue::feeds

#include "dispatch/travel_model_config.h"

#include <algorithm>
#include <cmath>

#include "data/json_reader.h"

namespace flameblue::dispatch {

namespace {

using data::describeValue;
using data::Problems;
using data::RecordReader;

constexpr double kMaxSeconds = 24.0 * 3600.0;
constexpr double kMaxKm = 5000.0;
constexpr double kMaxSpeedKmh = 1000.0;
constexpr double kMaxFactor = 10.0;
constexpr int kMaxCrew = 100;
constexpr int kMaxCandidates = 1000;

const std::string kFile(kTravelModelFile);

// A sub-object of `parent`, or nullptr (reported) when it is missing or not an object.
const nlohmann::json* object(const nlohmann::json& parent, std::string_view key, RecordReader& r) {
    const auto it = parent.find(key);
    if (it == parent.end()) {
        r.fail(key, "missing, expected an object");
        return nullptr;
    }
    if (!it->is_object()) {
        r.fail(key, "expected an object, got " + describeValue(*it));
        return nullptr;
    }
    return &*it;
}

using IdCheck = std::function<bool(std::string_view)>;

// {"name": number, ...} with each name passing `known` and each number in [min, max].
NamedValues namedNumbers(const nlohmann::json& parent, std::string_view key, RecordReader& r,
                         const IdCheck& known, std::string_view what, std::string_view catalog,
                         double min, double max) {
    NamedValues out;
    const nlohmann::json* obj = object(parent, key, r);
    if (obj == nullptr) {
        return out;
    }
    for (const auto& [name, value] : obj->items()) {
        if (!known(name)) {
            r.fail(key, "unknown " + std::string(what) + " \"" + name + "\" (not in " +
                            std::string(catalog) + ")");
            continue;
        }
        if (!value.is_number() || !std::isfinite(value.get<double>()) ||
            value.get<double>() < min || value.get<double>() > max) {
            r.fail(key, "\"" + name + "\": expected a number in [" + data::formatNumber(min) +
                            ", " + data::formatNumber(max) + "], got " + describeValue(value));
            continue;
        }
        out.emplace(name, value.get<double>());
    }
    return out;
}

std::vector<std::string> knownStrings(RecordReader& r, std::string_view field, const IdCheck& known,
                                      std::string_view what, std::string_view catalog) {
    std::vector<std::string> out;
    const auto list = r.requiredStringList(field);
    if (!list) {
        return out;
    }
    for (const auto& s : *list) {
        if (!known(s)) {
            r.fail(field, "unknown " + std::string(what) + " \"" + s + "\" (not in " +
                              std::string(catalog) + ")");
            continue;
        }
        out.push_back(s);
    }
    return out;
}

std::vector<SpeedBand> readBands(const nlohmann::json& ground, RecordReader& gr,
                                 Problems& problems) {
    std::vector<SpeedBand> out;
    const auto it = ground.find("speed_bands");
    if (it == ground.end() || !it->is_array() || it->empty()) {
        gr.fail("speed_bands",
                "expected a non-empty array of bands {class, up_to_km, speed_kmh, "
                "detour}, the last without up_to_km");
        return out;
    }
    double previousKm = 0.0;
    for (std::size_t i = 0; i < it->size(); ++i) {
        RecordReader r(kFile + ": ground.speed_bands", i + 1, (*it)[i], problems);
        if (!r.isObject()) {
            continue;
        }
        const bool last = i + 1 == it->size();
        SpeedBand b;
        const auto cls = r.requiredString("class");
        const auto speed = r.requiredNumber("speed_kmh", 1.0, kMaxSpeedKmh);
        const auto detour = r.requiredNumber("detour", 1.0, kMaxFactor);
        std::optional<double> upTo;
        if (last) {
            if (r.has("up_to_km")) {
                r.fail("up_to_km", "the last band has no upper bound: remove \"up_to_km\"");
            }
        } else {
            upTo = r.requiredNumber("up_to_km", 0.001, kMaxKm);
            if (upTo && *upTo <= previousKm) {
                r.fail("up_to_km", "expected more than the previous band's " +
                                       data::formatNumber(previousKm) + " km, got " +
                                       data::formatNumber(*upTo));
                upTo.reset();
            }
            if (upTo) {
                previousKm = *upTo;
            }
        }
        if (cls && speed && detour && (last || upTo)) {
            out.push_back({*cls, upTo, *speed, *detour});
        }
    }
    return out;
}

std::optional<std::vector<core::LatLon>> readPolygon(const nlohmann::json& zone, RecordReader& r) {
    const auto it = zone.find("polygon");
    if (it == zone.end() || !it->is_array() || it->size() < 3) {
        r.fail("polygon", "expected an array of at least 3 points [lat, lon]");
        return std::nullopt;
    }
    std::vector<core::LatLon> out;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& p = (*it)[i];
        const bool pair = p.is_array() && p.size() == 2 && p[0].is_number() && p[1].is_number();
        const core::LatLon ll =
            pair ? core::LatLon{p[0].get<double>(), p[1].get<double>()} : core::LatLon{};
        if (!pair || !core::isValidPosition(ll)) {
            r.fail("polygon", "point " + std::to_string(i + 1) +
                                  ": expected [lat, lon] in degrees, got " + describeValue(p));
            return std::nullopt;
        }
        out.push_back(ll);
    }
    return out;
}

std::vector<MountainZone> readZones(const nlohmann::json& ground, RecordReader& gr,
                                    Problems& problems) {
    std::vector<MountainZone> out;
    const auto it = ground.find("mountain_zones");
    if (it == ground.end() || !it->is_array()) {
        gr.fail("mountain_zones", "expected an array of zones (may be empty)");
        return out;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
        RecordReader r(kFile + ": ground.mountain_zones", i + 1, (*it)[i], problems);
        if (!r.isObject()) {
            continue;
        }
        const auto id = r.requiredString("id");
        const auto nameZh = r.requiredString("name_zh");
        const auto nameEn = r.requiredString("name_en");
        const auto factor = r.requiredNumber("factor", 1.0, kMaxFactor);
        auto polygon = readPolygon((*it)[i], r);
        if (id && nameZh && nameEn && factor && polygon) {
            out.push_back({*id, *nameZh, *nameEn, *factor, std::move(*polygon)});
        }
    }
    return out;
}

void readGround(const nlohmann::json& doc, RecordReader& top, const data::Dataset& ds,
                Problems& problems, GroundModelConfig& g) {
    const nlohmann::json* ground = object(doc, "ground", top);
    if (ground == nullptr) {
        return;
    }
    RecordReader r(kFile + ": ground", *ground, problems);
    if (const nlohmann::json* turnout = object(*ground, "turnout_s", r)) {
        RecordReader t(kFile + ": ground.turnout_s", *turnout, problems);
        g.defaultTurnoutSeconds = t.requiredNumber("default", 0.0, kMaxSeconds).value_or(0.0);
        g.turnoutSecondsByUnitType = namedNumbers(
            *turnout, "by_unit_type", t, [&](std::string_view id) { return ds.hasUnitType(id); },
            "unit type", data::kUnitTypesFile, 0.0, kMaxSeconds);
        g.turnoutSecondsByStationClass = namedNumbers(
            *turnout, "by_station_class", t,
            [&](std::string_view id) { return ds.hasStationClass(id); }, "station class",
            data::kStationClassesFile, 0.0, kMaxSeconds);
    }
    g.mobileTurnoutSeconds = r.requiredNumber("mobile_turnout_s", 0.0, kMaxSeconds).value_or(0.0);
    g.atStationRadiusMeters =
        r.requiredNumber("at_station_radius_m", 0.0, kMaxKm * 1000.0).value_or(0.0);
    g.speedBands = readBands(*ground, r, problems);
    g.mountainZones = readZones(*ground, r, problems);
    g.maxDistanceKm = r.requiredNumber("max_distance_km", 0.1, kMaxKm).value_or(0.0);
}

void readAir(const nlohmann::json& doc, RecordReader& top, const data::Dataset& ds,
             Problems& problems, AirModelConfig& a) {
    const nlohmann::json* air = object(doc, "air", top);
    if (air == nullptr) {
        return;
    }
    RecordReader r(kFile + ": air", *air, problems);
    a.maxDistanceKm = r.requiredNumber("max_distance_km", 0.1, kMaxKm).value_or(0.0);
    a.waterDropCapabilities = knownStrings(
        r, "water_drop_capabilities", [&](std::string_view id) { return ds.hasCapability(id); },
        "capability", data::kCapabilitiesFile);
    a.dipSeconds = r.requiredNumber("dip_s", 0.0, kMaxSeconds).value_or(0.0);
    a.dropSeconds = r.requiredNumber("drop_s", 0.0, kMaxSeconds).value_or(0.0);
    a.manoeuvreSeconds = r.requiredNumber("manoeuvre_s", 0.0, kMaxSeconds).value_or(0.0);
    if (auto readiness = r.requiredString("default_readiness")) {
        if (ds.launchDelayMin(*readiness)) {
            a.defaultReadiness = *readiness;
        } else {
            r.fail("default_readiness", "unknown readiness \"" + *readiness + "\" (expected " +
                                            std::string(data::kReadinessHotStandby) + " or " +
                                            std::string(data::kReadinessNormal) + ")");
        }
    }
    a.airborneLaunchDelayMinutes =
        r.requiredNumber("airborne_launch_delay_min", 0.0, kMaxSeconds / 60.0).value_or(0.0);
    a.airborneMinSpeedKmh =
        r.requiredNumber("airborne_min_speed_kmh", 0.0, kMaxSpeedKmh).value_or(0.0);
}

void readStaffing(const nlohmann::json& doc, RecordReader& top, const data::Dataset& ds,
                  Problems& problems, StaffingConfig& s) {
    const nlohmann::json* staffing = object(doc, "staffing", top);
    if (staffing == nullptr) {
        return;
    }
    RecordReader r(kFile + ": staffing", *staffing, problems);
    s.defaultMin = r.requiredInt("default_min", 0, kMaxCrew).value_or(0);
    const NamedValues byType = namedNumbers(
        *staffing, "by_unit_type", r, [&](std::string_view id) { return ds.hasUnitType(id); },
        "unit type", data::kUnitTypesFile, 0.0, kMaxCrew);
    for (const auto& [type, crew] : byType) {
        if (crew != std::floor(crew)) {
            r.fail("by_unit_type", "\"" + type + "\": expected a whole number of crew, got " +
                                       data::formatNumber(crew));
            continue;
        }
        s.minByUnitType.emplace(type, static_cast<int>(crew));
    }
}

void readAviation(const nlohmann::json& doc, RecordReader& top, const data::Dataset& ds,
                  Problems& problems, AviationConfig& a) {
    const nlohmann::json* aviation = object(doc, "aviation", top);
    if (aviation == nullptr) {
        return;
    }
    RecordReader r(kFile + ": aviation", *aviation, problems);
    a.thresholdMinutes = r.requiredNumber("threshold_min", 0.0, kMaxSeconds / 60.0).value_or(0.0);
    a.forcedIncidentTypes = knownStrings(
        r, "forced_incident_types", [&](std::string_view id) { return ds.hasIncidentType(id); },
        "incident type", data::kIncidentTypesFile);
    const nlohmann::json* equivalents = object(*aviation, "air_equivalents", r);
    if (equivalents == nullptr) {
        return;
    }
    for (const auto& [ground, air] : equivalents->items()) {
        if (!ds.hasCapability(ground)) {
            r.fail("air_equivalents", "unknown capability \"" + ground + "\" (not in " +
                                          std::string(data::kCapabilitiesFile) + ")");
            continue;
        }
        if (!air.is_string() || !ds.hasCapability(air.get<std::string>())) {
            r.fail("air_equivalents", "\"" + ground + "\": expected a capability from " +
                                          std::string(data::kCapabilitiesFile) + ", got " +
                                          describeValue(air));
            continue;
        }
        a.airEquivalents.emplace(ground, air.get<std::string>());
    }
}

void readCoverage(const nlohmann::json& doc, RecordReader& top, const data::Dataset& ds,
                  Problems& problems, CoverageConfig& c) {
    const nlohmann::json* coverage = object(doc, "coverage", top);
    if (coverage == nullptr) {
        return;
    }
    RecordReader r(kFile + ": coverage", *coverage, problems);
    c.circleSeconds = r.requiredNumber("circle_s", 1.0, kMaxSeconds).value_or(0.0);
    if (auto cap = r.requiredString("capability")) {
        if (ds.hasCapability(*cap)) {
            c.capability = *cap;
        } else {
            r.fail("capability", "unknown capability \"" + *cap + "\" (not in " +
                                     std::string(data::kCapabilitiesFile) + ")");
        }
    }
    c.stationClasses = knownStrings(
        r, "station_classes", [&](std::string_view id) { return ds.hasStationClass(id); },
        "station class", data::kStationClassesFile);
    c.moveUpCandidates = r.requiredInt("move_up_candidates", 1, kMaxCandidates).value_or(1);
}

void readAssignment(const nlohmann::json& doc, RecordReader& top, Problems& problems,
                    AssignmentConfig& a) {
    const nlohmann::json* assignment = object(doc, "assignment", top);
    if (assignment == nullptr) {
        return;
    }
    RecordReader r(kFile + ": assignment", *assignment, problems);
    a.candidatesPerSlot = r.requiredInt("candidates_per_slot", 1, kMaxCandidates).value_or(1);
    a.alternativesPerSlot = r.requiredInt("alternatives_per_slot", 0, kMaxCandidates).value_or(0);
}

}  // namespace

int StaffingConfig::minFor(std::string_view unitType) const {
    const auto it = minByUnitType.find(unitType);
    return it == minByUnitType.end() ? defaultMin : it->second;
}

bool AviationConfig::forces(std::string_view incidentType) const {
    return std::find(forcedIncidentTypes.begin(), forcedIncidentTypes.end(), incidentType) !=
           forcedIncidentTypes.end();
}

std::string_view AviationConfig::airEquivalent(std::string_view groundCapability) const {
    const auto it = airEquivalents.find(groundCapability);
    return it == airEquivalents.end() ? std::string_view() : std::string_view(it->second);
}

bool CoverageConfig::covers(std::string_view stationClass) const {
    return std::find(stationClasses.begin(), stationClasses.end(), stationClass) !=
           stationClasses.end();
}

bool TravelModelConfig::isWaterDropCapability(std::string_view capability) const {
    return std::find(air.waterDropCapabilities.begin(), air.waterDropCapabilities.end(),
                     capability) != air.waterDropCapabilities.end();
}

core::Result<TravelModelConfig> loadTravelModelConfig(const std::filesystem::path& dir,
                                                      const data::Dataset& dataset) {
    Problems problems;
    TravelModelConfig c;
    const auto doc = data::readJsonFile(dir, kTravelModelFile, problems);
    if (doc) {
        RecordReader top(kFile, *doc, problems);
        if (top.isObject()) {
            readGround(*doc, top, dataset, problems, c.ground);
            readAir(*doc, top, dataset, problems, c.air);
            readStaffing(*doc, top, dataset, problems, c.staffing);
            if (const nlohmann::json* position = object(*doc, "position", top)) {
                RecordReader r(kFile + ": position", *position, problems);
                c.staleFixSeconds = r.requiredNumber("stale_fix_s", 1.0, kMaxSeconds).value_or(0.0);
            }
            readAviation(*doc, top, dataset, problems, c.aviation);
            readCoverage(*doc, top, dataset, problems, c.coverage);
            readAssignment(*doc, top, problems, c.assignment);
        }
    }
    if (!problems.empty()) {
        const auto n = problems.size();
        return core::invalidArgument(
            "travel model \"" + (dir / kTravelModelFile).string() + "\": " + std::to_string(n) +
            (n == 1 ? " problem" : " problems") + "\n" + problems.joined());
    }
    return c;
}

}  // namespace flameblue::dispatch

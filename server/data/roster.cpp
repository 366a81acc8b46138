// The roster pass of the loader: stations, ground units, aircraft and water sources, each checked
// against the catalogs read before them.

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "data/load_context.h"

namespace flameblue::data::detail {

namespace {

constexpr int kMaxCrew = 100;
constexpr std::array<std::string_view, 6> kWaterKinds = {"reservoir", "river", "lake",
                                                         "hydrant",   "pond",  "tank"};

// Demo files carry a notice; a real roster says "illustrative": false at the top level.
bool fileIsIllustrative(LoadContext& ctx, std::string_view file, const nlohmann::json& doc) {
    RecordReader top(file, doc, ctx.problems);
    if (!top.has("illustrative")) {
        return true;
    }
    return top.requiredBool("illustrative").value_or(true);
}

// Reads "capabilities", checks each against the catalog, returns them sorted and unique.
std::optional<std::vector<std::string>> readCapabilities(LoadContext& ctx, RecordReader& r) {
    auto caps = r.requiredStringList("capabilities");
    if (!caps) {
        return std::nullopt;
    }
    bool ok = true;
    for (const auto& c : *caps) {
        ok = checkReference(r, "capabilities", c, ctx.capabilities, "capability",
                            kCapabilitiesFile) &&
             ok;
    }
    if (!ok) {
        return std::nullopt;
    }
    std::sort(caps->begin(), caps->end());
    caps->erase(std::unique(caps->begin(), caps->end()), caps->end());
    return caps;
}

// crew_capacity, then staffing bounded by it (or by the largest crew when capacity is bad,
// so a wrong staffing value is still reported).
struct Crew {
    std::optional<int> capacity;
    std::optional<int> staffing;
};

Crew readCrew(RecordReader& r) {
    Crew c;
    c.capacity = r.requiredInt("crew_capacity", 1, kMaxCrew);
    c.staffing = c.capacity ? r.requiredInt("staffing", 0, *c.capacity, "crew_capacity")
                            : r.requiredInt("staffing", 0, kMaxCrew);
    return c;
}

std::optional<std::string> readIcao24(RecordReader& r) {
    auto icao = r.requiredString("icao24");
    if (!icao) {
        return std::nullopt;
    }
    const bool hex = icao->size() == 6 && std::all_of(icao->begin(), icao->end(), [](char ch) {
                         return std::isxdigit(static_cast<unsigned char>(ch)) != 0;
                     });
    if (!hex) {
        r.fail("icao24",
               "expected 6 hexadecimal digits (24-bit ICAO address), got \"" + *icao + "\"");
        return std::nullopt;
    }
    // Feeds send the address in either case; one spelling keeps matching exact.
    std::transform(icao->begin(), icao->end(), icao->begin(), [](char ch) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    });
    return icao;
}

}  // namespace

bool checkTypeCapabilities(LoadContext& ctx, RecordReader& r, const std::string& type,
                           const std::vector<std::string>& capabilities) {
    const auto it = ctx.typeCapabilities.find(type);
    if (it == ctx.typeCapabilities.end()) {
        return true;  // the type itself is at fault, and reported as such
    }
    bool ok = true;
    for (const auto& c : capabilities) {
        if (it->second.contains(c)) {
            continue;
        }
        std::string provides;
        for (const auto& p : it->second) {
            provides += (provides.empty() ? "" : ", ") + p;
        }
        std::string message = "capability \"";
        message += c;
        message += "\" is not one a unit of type \"";
        message += type;
        message += "\" provides (";
        message += kUnitTypesFile;
        message += " lists: ";
        message += provides;
        message += ")";
        r.fail("capabilities", message);
        ok = false;
    }
    return ok;
}

void loadStations(LoadContext& ctx, Dataset& out) {
    const auto doc = readJsonFile(ctx.dir, kStationsFile, ctx.problems);
    const auto* records =
        doc ? recordArray(*doc, kStationsFile, "stations", ctx.problems) : nullptr;
    if (records == nullptr) {
        return;
    }
    const bool illustrative = fileIsIllustrative(ctx, kStationsFile, *doc);
    ctx.stations.emplace();
    IdRegistry ids;
    for (std::size_t i = 0; i < records->size(); ++i) {
        RecordReader r(kStationsFile, i + 1, (*records)[i], ctx.problems);
        if (!r.isObject()) {
            continue;
        }
        const auto id = r.requiredString("id");
        const auto nameZh = r.requiredString("name_zh");
        const auto nameEn = r.requiredString("name_en");
        auto city = r.requiredString("city");
        if (city && !checkReference(r, "city", *city, ctx.cities, "city", kCitiesFile)) {
            city.reset();
        }
        const auto county = r.requiredString("county");
        auto cls = r.requiredString("class");
        if (cls && !checkReference(r, "class", *cls, ctx.stationClasses, "station class",
                                   kStationClassesFile)) {
            cls.reset();
        }
        const auto position = r.position(ctx.box);
        auto quality = r.optionalString("position_quality");
        bool qualityOk = !r.has("position_quality") || quality.has_value();
        if (quality && *quality != "surveyed" && *quality != "approximate") {
            r.fail("position_quality",
                   "expected \"surveyed\" or \"approximate\", got \"" + *quality + "\"");
            qualityOk = false;
        }
        if (id) {
            ctx.stations->insert(*id);
        }
        const bool unique = id && ids.add(*id, r);
        if (!(unique && nameZh && nameEn && city && county && cls && position && qualityOk)) {
            continue;
        }
        core::Station s;
        s.id = *id;
        s.nameZh = *nameZh;
        s.nameEn = *nameEn;
        s.city = *city;
        s.county = *county;
        s.stationClass = *cls;
        s.position = *position;
        s.illustrative = illustrative;
        s.positionApproximate = quality == "approximate";
        out.stations.push_back(std::move(s));
        if (quality == "approximate") {
            out.approximateStationPositions.insert(*id);
        }
    }
}

void loadUnits(LoadContext& ctx, Dataset& out) {
    const auto doc = readJsonFile(ctx.dir, kUnitsFile, ctx.problems);
    const auto* records = doc ? recordArray(*doc, kUnitsFile, "units", ctx.problems) : nullptr;
    if (records == nullptr) {
        return;
    }
    for (std::size_t i = 0; i < records->size(); ++i) {
        RecordReader r(kUnitsFile, i + 1, (*records)[i], ctx.problems);
        if (!r.isObject()) {
            continue;
        }
        const auto id = r.requiredString("id");
        const auto callsign = r.requiredString("callsign");
        const auto nameZh = r.requiredString("name_zh");
        const auto nameEn = r.requiredString("name_en");
        auto type = r.requiredString("type");
        if (type && !checkReference(r, "type", *type, ctx.unitTypes, "unit type", kUnitTypesFile)) {
            type.reset();
        }
        if (type && ctx.aircraftUnitTypes.contains(*type)) {
            r.fail("type", "unit type \"" + *type + "\" is for aircraft; list aircraft in " +
                               std::string(kAircraftFile));
            type.reset();
        }
        auto station = r.requiredString("station");
        if (station &&
            !checkReference(r, "station", *station, ctx.stations, "station", kStationsFile)) {
            station.reset();
        }
        const auto caps = readCapabilities(ctx, r);
        const bool capsFit = !type || !caps || checkTypeCapabilities(ctx, r, *type, *caps);
        const auto crew = readCrew(r);
        const bool unique = id && ctx.unitIds.add(*id, r);
        if (!(unique && callsign && nameZh && nameEn && type && station && caps && capsFit &&
              crew.capacity && crew.staffing)) {
            continue;
        }
        RosterUnit u;
        u.spec.id = *id;
        u.spec.callsign = *callsign;
        u.spec.nameZh = *nameZh;
        u.spec.nameEn = *nameEn;
        u.spec.kind = core::UnitKind::Ground;
        u.spec.unitType = *type;
        u.spec.stationId = *station;
        u.spec.capabilities = *caps;
        u.spec.crewCapacity = *crew.capacity;
        u.staffing = *crew.staffing;
        out.units.push_back(std::move(u));
    }
}

void loadAircraft(LoadContext& ctx, Dataset& out) {
    const auto doc = readJsonFile(ctx.dir, kAircraftFile, ctx.problems);
    const auto* records =
        doc ? recordArray(*doc, kAircraftFile, "aircraft", ctx.problems) : nullptr;
    if (records == nullptr) {
        return;
    }
    IdRegistry icaoAddresses;
    for (std::size_t i = 0; i < records->size(); ++i) {
        RecordReader r(kAircraftFile, i + 1, (*records)[i], ctx.problems);
        if (!r.isObject()) {
            continue;
        }
        const auto id = r.requiredString("id");
        const auto callsign = r.requiredString("callsign");
        // Names are optional for aircraft: the callsign and registration identify them.
        const auto nameZh = r.optionalString("name_zh");
        const auto nameEn = r.optionalString("name_en");
        const bool namesOk = (!r.has("name_zh") || nameZh) && (!r.has("name_en") || nameEn);
        const auto registration = r.requiredString("registration");
        auto icao = readIcao24(r);
        if (icao && !icaoAddresses.add(*icao, r, "icao24", "ICAO address")) {
            icao.reset();
        }
        auto type = r.requiredString("type");
        if (type && !checkReference(r, "type", *type, ctx.aircraftTypes, "aircraft type",
                                    kAircraftTypesFile)) {
            type.reset();
        }
        // The unit type follows from the aircraft type's category.
        std::optional<std::string> unitType;
        if (type) {
            const auto cat = ctx.aircraftCategory.find(*type);
            if (cat != ctx.aircraftCategory.end()) {
                unitType = cat->second == "rotorcraft" ? "helicopter" : "fixed_wing";
                if (ctx.unitTypes && !ctx.aircraftUnitTypes.contains(*unitType)) {
                    r.fail("type", "aircraft type \"" + *type + "\" is " + cat->second + " but " +
                                       std::string(kUnitTypesFile) +
                                       " has no aircraft unit type \"" + *unitType + "\"");
                    unitType.reset();
                }
            }
        }
        auto base = r.requiredString("base");
        if (base && !checkReference(r, "base", *base, ctx.stations, "station", kStationsFile)) {
            base.reset();
        }
        const auto caps = readCapabilities(ctx, r);
        const bool capsFit = !unitType || !caps || checkTypeCapabilities(ctx, r, *unitType, *caps);
        const auto crew = readCrew(r);
        auto readiness = r.requiredString("readiness");
        if (readiness && *readiness != kReadinessHotStandby && *readiness != kReadinessNormal) {
            r.fail("readiness", "unknown readiness \"" + *readiness +
                                    "\" (expected \"hot_standby\" or \"normal\", the keys of "
                                    "launch_delay_min in " +
                                    std::string(kAircraftTypesFile) + ")");
            readiness.reset();
        }
        const bool unique = id && ctx.unitIds.add(*id, r);
        if (!(unique && callsign && namesOk && registration && icao && type && unitType && base &&
              caps && capsFit && crew.capacity && crew.staffing && readiness)) {
            continue;
        }
        RosterUnit u;
        u.spec.id = *id;
        u.spec.callsign = *callsign;
        u.spec.nameZh = nameZh.value_or(*callsign);
        u.spec.nameEn = nameEn.value_or(*registration);
        u.spec.kind = core::UnitKind::Aircraft;
        u.spec.unitType = *unitType;
        u.spec.stationId = *base;
        u.spec.capabilities = *caps;
        u.spec.crewCapacity = *crew.capacity;
        u.spec.registration = *registration;
        u.spec.icao24 = *icao;
        u.spec.aircraftType = *type;
        u.staffing = *crew.staffing;
        u.readiness = *readiness;
        out.units.push_back(std::move(u));
    }
}

void loadWaterSources(LoadContext& ctx, Dataset& out) {
    const auto doc = readJsonFile(ctx.dir, kWaterSourcesFile, ctx.problems);
    const auto* records =
        doc ? recordArray(*doc, kWaterSourcesFile, "water_sources", ctx.problems) : nullptr;
    if (records == nullptr) {
        return;
    }
    IdRegistry ids;
    for (std::size_t i = 0; i < records->size(); ++i) {
        RecordReader r(kWaterSourcesFile, i + 1, (*records)[i], ctx.problems);
        if (!r.isObject()) {
            continue;
        }
        const auto id = r.requiredString("id");
        const auto nameZh = r.requiredString("name_zh");
        const auto nameEn = r.requiredString("name_en");
        auto kind = r.requiredString("kind");
        if (kind && std::find(kWaterKinds.begin(), kWaterKinds.end(), *kind) == kWaterKinds.end()) {
            r.fail("kind", "expected one of reservoir, river, lake, hydrant, pond, tank, got \"" +
                               *kind + "\"");
            kind.reset();
        }
        auto city = r.requiredString("city");
        if (city && !checkReference(r, "city", *city, ctx.cities, "city", kCitiesFile)) {
            city.reset();
        }
        const auto position = r.position(ctx.box);
        const auto dip = r.requiredBool("dip_site");
        const auto capacity = r.optionalPositive("capacity_m3");
        const bool capacityOk = !r.has("capacity_m3") || capacity.has_value();
        const bool unique = id && ids.add(*id, r);
        if (!(unique && nameZh && nameEn && kind && city && position && dip && capacityOk)) {
            continue;
        }
        core::WaterSource w;
        w.id = *id;
        w.nameZh = *nameZh;
        w.nameEn = *nameEn;
        w.kind = *kind;
        w.city = *city;
        w.position = *position;
        w.dipSite = *dip;
        w.capacityM3 = capacity;
        out.waterSources.push_back(std::move(w));
    }
}

}  // namespace flameblue::data::detail

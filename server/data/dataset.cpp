#include "data/dataset.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "data/json_reader.h"
#include "data/load_context.h"

namespace flameblue::data {

namespace detail {

bool IdRegistry::add(const std::string& id, RecordReader& reader, std::string_view field,
                     std::string_view what) {
    const auto [it, inserted] = m_firstDefinedAt.emplace(id, reader.where());
    if (!inserted) {
        reader.fail(field, "duplicate " + std::string(what) + " \"" + id + "\" (first used at " +
                               it->second + ")");
    }
    return inserted;
}

bool checkReference(RecordReader& reader, std::string_view field, const std::string& value,
                    const KnownIds& known, std::string_view what, std::string_view catalogFile) {
    if (!known || known->contains(value)) {
        return true;
    }
    reader.fail(field, "unknown " + std::string(what) + " \"" + value + "\" (not in " +
                           std::string(catalogFile) + ")");
    return false;
}

}  // namespace detail

namespace {

using detail::IdRegistry;
using detail::KnownIds;
using detail::LoadContext;

// Reads the id / name_zh / name_en catalogs; `withKind` adds unit_types.json's "kind".
std::vector<CatalogEntry> loadCatalog(LoadContext& ctx, std::string_view file, std::string_view key,
                                      KnownIds& known, bool withKind) {
    std::vector<CatalogEntry> out;
    const auto doc = readJsonFile(ctx.dir, file, ctx.problems);
    if (!doc) {
        return out;
    }
    const auto* records = recordArray(*doc, file, key, ctx.problems);
    if (records == nullptr) {
        return out;
    }
    known.emplace();
    IdRegistry ids;
    for (std::size_t i = 0; i < records->size(); ++i) {
        RecordReader r(file, i + 1, (*records)[i], ctx.problems);
        if (!r.isObject()) {
            continue;
        }
        const auto id = r.requiredString("id");
        const auto nameZh = r.requiredString("name_zh");
        const auto nameEn = r.requiredString("name_en");
        r.optionalString("description_en");
        if (id) {
            // Known even if another field is bad, so references to it do not pile up errors.
            known->insert(*id);
        }
        std::optional<std::string> kind;
        if (withKind) {
            kind = r.requiredString("kind");
            if (kind && *kind != "ground" && *kind != "aircraft") {
                r.fail("kind", "expected \"ground\" or \"aircraft\", got \"" + *kind + "\"");
                kind.reset();
            }
            if (id && kind && *kind == "aircraft") {
                ctx.aircraftUnitTypes.insert(*id);
            }
        }
        std::optional<std::vector<std::string>> caps;
        if (withKind) {
            caps = r.requiredStringList("capabilities");
            for (const auto& c : caps.value_or(std::vector<std::string>{})) {
                if (!detail::checkReference(r, "capabilities", c, ctx.capabilities, "capability",
                                            kCapabilitiesFile)) {
                    caps.reset();
                    break;
                }
            }
            if (id && caps) {
                ctx.typeCapabilities[*id].insert(caps->begin(), caps->end());
            }
        }
        const bool unique = id && ids.add(*id, r);
        if (unique && nameZh && nameEn && (!withKind || (kind && caps))) {
            out.push_back({*id, *nameZh, *nameEn, kind.value_or(""),
                           caps.value_or(std::vector<std::string>{})});
        }
    }
    return out;
}

bool isDigits(const std::string& s, std::size_t n) {
    return s.size() == n &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::vector<City> loadCities(LoadContext& ctx) {
    std::vector<City> out;
    const auto doc = readJsonFile(ctx.dir, kCitiesFile, ctx.problems);
    if (!doc) {
        return out;
    }
    const auto* records = recordArray(*doc, kCitiesFile, "cities", ctx.problems);
    if (records == nullptr) {
        return out;
    }
    ctx.cities.emplace();
    IdRegistry ids;
    for (std::size_t i = 0; i < records->size(); ++i) {
        RecordReader r(kCitiesFile, i + 1, (*records)[i], ctx.problems);
        if (!r.isObject()) {
            continue;
        }
        const auto id = r.requiredString("id");
        const auto nameZh = r.requiredString("name_zh");
        const auto nameEn = r.requiredString("name_en");
        auto adcode = r.requiredString("adcode");
        if (adcode && !isDigits(*adcode, 6)) {
            r.fail("adcode",
                   "expected a 6-digit administrative division code, got \"" + *adcode + "\"");
            adcode.reset();
        }
        const auto seat = r.position(ctx.box);
        if (id) {
            ctx.cities->insert(*id);
        }
        const bool unique = id && ids.add(*id, r);
        if (unique && nameZh && nameEn && adcode && seat) {
            out.push_back({*id, *nameZh, *nameEn, *adcode, *seat});
        }
    }
    return out;
}

void loadAircraftTypes(LoadContext& ctx, Dataset& out) {
    const auto doc = readJsonFile(ctx.dir, kAircraftTypesFile, ctx.problems);
    if (!doc) {
        return;
    }
    const auto* records = recordArray(*doc, kAircraftTypesFile, "aircraft_types", ctx.problems);
    if (records == nullptr) {
        return;
    }

    // Launch delays are per readiness state; both states must be given because every aircraft
    // is in one of them.
    RecordReader top(kAircraftTypesFile, *doc, ctx.problems);
    const auto delays = doc->find("launch_delay_min");
    if (delays == doc->end()) {
        top.fail("launch_delay_min",
                 "missing, expected an object {\"hot_standby\": minutes, \"normal\": minutes}");
    } else {
        RecordReader d(std::string(kAircraftTypesFile) + ": launch_delay_min", *delays,
                       ctx.problems);
        if (d.isObject()) {
            out.launchDelayHotMin =
                d.requiredNumber(kReadinessHotStandby, 0.0, 1440.0).value_or(0.0);
            out.launchDelayNormalMin =
                d.requiredNumber(kReadinessNormal, 0.0, 1440.0).value_or(0.0);
        }
    }

    const auto plausibility = doc->find("feed_plausibility");
    if (plausibility == doc->end()) {
        top.fail("feed_plausibility",
                 "missing, expected an object {\"ground_speed_factor\", \"position_noise_m\", "
                 "\"confirm_fixes\", \"other_traffic_max_ground_kmh\"}");
    } else {
        RecordReader p(std::string(kAircraftTypesFile) + ": feed_plausibility", *plausibility,
                       ctx.problems);
        if (p.isObject()) {
            FeedPlausibility& f = out.feedPlausibility;
            f.groundSpeedFactor = p.requiredNumber("ground_speed_factor", 1.0, 10.0).value_or(0.0);
            f.positionNoiseM = p.requiredNumber("position_noise_m", 0.0, 100'000.0).value_or(0.0);
            f.confirmFixes = p.requiredInt("confirm_fixes", 1, 1000).value_or(0);
            f.otherTrafficMaxGroundKmh =
                p.requiredPositive("other_traffic_max_ground_kmh").value_or(0.0);
            f.source = p.optionalString("source").value_or("");
        }
    }

    ctx.aircraftTypes.emplace();
    IdRegistry ids;
    for (std::size_t i = 0; i < records->size(); ++i) {
        RecordReader r(kAircraftTypesFile, i + 1, (*records)[i], ctx.problems);
        if (!r.isObject()) {
            continue;
        }
        const auto id = r.requiredString("id");
        const auto name = r.requiredString("name");
        auto category = r.requiredString("category");
        if (category && *category != "rotorcraft" && *category != "fixed_wing") {
            r.fail("category",
                   "expected \"rotorcraft\" or \"fixed_wing\", got \"" + *category + "\"");
            category.reset();
        }
        const auto cruise = r.requiredPositive("cruise_kmh");
        auto maxKmh = r.optionalPositive("max_kmh");
        if (maxKmh && cruise && *maxKmh < *cruise) {
            r.fail("max_kmh", "expected at least cruise_kmh " + formatNumber(*cruise) + ", got " +
                                  formatNumber(*maxKmh));
            maxKmh.reset();
        }
        const bool maxOk = !r.has("max_kmh") || maxKmh.has_value();
        const auto bucket = r.optionalPositive("bucket_kmh");
        const bool bucketOk = !r.has("bucket_kmh") || bucket.has_value();
        const auto endurance = r.optionalPositive("endurance_min");
        const bool enduranceOk = !r.has("endurance_min") || endurance.has_value();
        const auto water = r.optionalPositive("water_t");
        const bool waterOk = !r.has("water_t") || water.has_value();
        const auto reserve = r.requiredNumber("reserve_min", 0.0, 600.0);
        const auto source = r.optionalString("source");
        if (id) {
            ctx.aircraftTypes->insert(*id);
            if (category) {
                ctx.aircraftCategory.emplace(*id, *category);
            }
        }
        const bool unique = id && ids.add(*id, r);
        if (unique && name && category && cruise && maxOk && bucketOk && enduranceOk && waterOk &&
            reserve) {
            out.aircraftTypes.push_back({*id, *name, *category, *cruise, maxKmh, bucket, endurance,
                                         water, *reserve, source.value_or("")});
        }
    }
}

template <typename T>
const T* findById(const std::vector<T>& items, std::string_view id) {
    const auto it =
        std::find_if(items.begin(), items.end(), [id](const T& item) { return item.id == id; });
    return it == items.end() ? nullptr : &*it;
}

bool containsId(const std::vector<CatalogEntry>& items, std::string_view id) {
    return findById(items, id) != nullptr;
}

}  // namespace

const City* Dataset::findCity(std::string_view id) const {
    return findById(cities, id);
}

const core::Station* Dataset::findStation(std::string_view id) const {
    return findById(stations, id);
}

const RosterUnit* Dataset::findUnit(std::string_view id) const {
    const auto it = std::find_if(units.begin(), units.end(),
                                 [id](const RosterUnit& u) { return u.spec.id == id; });
    return it == units.end() ? nullptr : &*it;
}

const AircraftType* Dataset::findAircraftType(std::string_view id) const {
    return findById(aircraftTypes, id);
}

const core::WaterSource* Dataset::findWaterSource(std::string_view id) const {
    return findById(waterSources, id);
}

bool Dataset::hasStationClass(std::string_view id) const {
    return containsId(stationClasses, id);
}
bool Dataset::hasCapability(std::string_view id) const {
    return containsId(capabilities, id);
}
bool Dataset::hasUnitType(std::string_view id) const {
    return containsId(unitTypes, id);
}
bool Dataset::hasIncidentType(std::string_view id) const {
    return containsId(incidentTypes, id);
}

std::optional<double> Dataset::launchDelayMin(std::string_view readiness) const {
    if (readiness == kReadinessHotStandby) {
        return launchDelayHotMin;
    }
    if (readiness == kReadinessNormal) {
        return launchDelayNormalMin;
    }
    return std::nullopt;
}

bool Dataset::isApproximatePosition(std::string_view stationId) const {
    return approximateStationPositions.contains(stationId);
}

std::vector<const RosterUnit*> Dataset::unitsAt(std::string_view stationId) const {
    std::vector<const RosterUnit*> out;
    for (const auto& u : units) {
        if (u.spec.stationId == stationId) {
            out.push_back(&u);
        }
    }
    return out;
}

core::Result<Dataset> loadDataset(const std::filesystem::path& dir) {
    LoadContext ctx;
    ctx.dir = dir;
    Dataset ds;

    ds.cities = loadCities(ctx);
    ds.stationClasses =
        loadCatalog(ctx, kStationClassesFile, "station_classes", ctx.stationClasses, false);
    ds.capabilities = loadCatalog(ctx, kCapabilitiesFile, "capabilities", ctx.capabilities, false);
    ds.unitTypes = loadCatalog(ctx, kUnitTypesFile, "unit_types", ctx.unitTypes, true);
    loadAircraftTypes(ctx, ds);
    ds.incidentTypes =
        loadCatalog(ctx, kIncidentTypesFile, "incident_types", ctx.incidentTypes, false);

    detail::loadStations(ctx, ds);
    detail::loadUnits(ctx, ds);
    detail::loadAircraft(ctx, ds);
    detail::loadWaterSources(ctx, ds);
    detail::loadServiceArea(ctx, ds);

    if (!ctx.problems.empty()) {
        const auto n = ctx.problems.size();
        return core::invalidArgument("data set \"" + dir.string() + "\": " + std::to_string(n) +
                                     (n == 1 ? " problem" : " problems") + "\n" +
                                     ctx.problems.joined());
    }
    return ds;
}

}  // namespace flameblue::data

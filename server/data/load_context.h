#pragma once

// Internal to the loader: state shared by the catalog pass (dataset.cpp) and the roster pass
// (roster.cpp). Not part of the library's interface.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "data/dataset.h"
#include "data/json_reader.h"

namespace flameblue::data::detail {

// Ids defined by a catalog. Empty when the catalog file itself could not be read: then every
// reference to it would be "unknown", which only buries the real problem, so references to
// an unreadable catalog are not checked.
using KnownIds = std::optional<std::set<std::string, std::less<>>>;

// Remembers where each id was first defined so a duplicate names both records.
class IdRegistry {
public:
    // False (and reported on `reader`) when `id` is already taken; `what` names it in the
    // message ("id", "ICAO address").
    bool add(const std::string& id, RecordReader& reader, std::string_view field = "id",
             std::string_view what = "id");

private:
    std::map<std::string, std::string, std::less<>> m_firstDefinedAt;
};

struct LoadContext {
    std::filesystem::path dir;
    Problems problems;
    RegionBox box;

    KnownIds cities;
    KnownIds stationClasses;
    KnownIds capabilities;
    KnownIds unitTypes;
    KnownIds aircraftTypes;
    KnownIds incidentTypes;
    KnownIds stations;

    // From unit_types.json: which unit types are for aircraft (the rest are ground).
    std::set<std::string, std::less<>> aircraftUnitTypes;
    // From unit_types.json: unit type -> the capabilities its units may carry.
    std::map<std::string, std::set<std::string, std::less<>>, std::less<>> typeCapabilities;
    // Aircraft type id -> category ("rotorcraft" / "fixed_wing").
    std::map<std::string, std::string, std::less<>> aircraftCategory;

    // Units and aircraft share one id space: a dispatcher names either the same way.
    IdRegistry unitIds;
};

// Checks that `value` (read from `field`) is an id in `known`; reports
// `field "city": unknown city "xyz" (not in cities.json)` otherwise.
bool checkReference(RecordReader& reader, std::string_view field, const std::string& value,
                    const KnownIds& known, std::string_view what, std::string_view catalogFile);

// The roster pass; each appends to `out` only records without problems.
void loadStations(LoadContext& ctx, Dataset& out);
void loadUnits(LoadContext& ctx, Dataset& out);
void loadAircraft(LoadContext& ctx, Dataset& out);
void loadWaterSources(LoadContext& ctx, Dataset& out);
// service_area.json and the outline it names (a GeoJSON file under the data directory).
void loadServiceArea(LoadContext& ctx, Dataset& out);
// A unit's capabilities must be ones its type provides (unit_types.json "capabilities").
bool checkTypeCapabilities(LoadContext& ctx, RecordReader& r, const std::string& type,
                           const std::vector<std::string>& capabilities);

}  // namespace flameblue::data::detail

#pragma once

// The operator-editable data set: catalogs (cities, station classes, capabilities, unit, aircraft
// and incident types), the roster (stations, ground units, aircraft) and water sources, read from
// the JSON files in one directory (data/ in the repository holds the illustrative demo set).

#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/entities.h"
#include "core/geo.h"
#include "core/result.h"
#include "core/service_area.h"

namespace flameblue::data {

// The files loadDataset reads, in the order it reads them (catalogs before what refers to them).
inline constexpr std::string_view kCitiesFile = "cities.json";
inline constexpr std::string_view kStationClassesFile = "station_classes.json";
inline constexpr std::string_view kCapabilitiesFile = "capabilities.json";
inline constexpr std::string_view kUnitTypesFile = "unit_types.json";
inline constexpr std::string_view kAircraftTypesFile = "aircraft_types.json";
inline constexpr std::string_view kIncidentTypesFile = "incident_types.json";
inline constexpr std::string_view kStationsFile = "stations.json";
inline constexpr std::string_view kUnitsFile = "units.json";
inline constexpr std::string_view kAircraftFile = "aircraft.json";
inline constexpr std::string_view kWaterSourcesFile = "water_sources.json";
inline constexpr std::string_view kServiceAreaFile = "service_area.json";

// Readiness states of an aircraft, keys of "launch_delay_min" in aircraft_types.json.
inline constexpr std::string_view kReadinessHotStandby = "hot_standby";
inline constexpr std::string_view kReadinessNormal = "normal";

struct CatalogEntry {
    std::string id;
    std::string nameZh;
    std::string nameEn;
    // unit_types.json only: "ground" or "aircraft"; empty for the other catalogs.
    std::string kind;
    // unit_types.json only: the capabilities a unit of this type may carry.
    std::vector<std::string> capabilities;

    bool operator==(const CatalogEntry&) const = default;
};

struct City {
    std::string id;  // e.g. "taiyuan"
    std::string nameZh;
    std::string nameEn;
    std::string adcode;  // administrative division code, e.g. "140100"
    core::LatLon seat;

    bool operator==(const City&) const = default;
};

// Planning values for an aircraft type; editable, never constants in code (DOMAIN.md).
struct AircraftType {
    std::string id;        // e.g. "z8"
    std::string name;      // e.g. "Z-8 (直-8)"
    std::string category;  // "rotorcraft" or "fixed_wing"
    double cruiseKmh = 0.0;
    std::optional<double> maxKmh;
    std::optional<double> bucketKmh;  // ferry speed with a bucket slung
    std::optional<double> enduranceMin;
    std::optional<double> waterTonnes;  // per drop
    double reserveMin = 0.0;            // fuel reserve kept to return to base
    std::string source;                 // where the figures come from

    bool operator==(const AircraftType&) const = default;
};

// How aircraft feed positions are judged ("feed_plausibility" in aircraft_types.json).
struct FeedPlausibility {
    double groundSpeedFactor = 0.0;  // times max_kmh (cruise_kmh when none): fastest ground speed
    double positionNoiseM = 0.0;     // two fixes of one place may differ by this much
    int confirmFixes = 0;            // agreeing held-back fixes that make a new track
    double otherTrafficMaxGroundKmh = 0.0;  // aircraft of no known type
    std::string source;

    // The fastest ground speed a fix of this type may imply.
    double maxGroundKmh(const AircraftType& type) const {
        return groundSpeedFactor * type.maxKmh.value_or(type.cruiseKmh);
    }
    bool operator==(const FeedPlausibility&) const = default;
};

// A unit as listed in the roster: the spec plus its crew on board at load time.
struct RosterUnit {
    core::UnitSpec spec;
    int staffing = 0;
    std::string readiness;  // aircraft: "hot_standby" or "normal"; empty for ground units

    bool operator==(const RosterUnit&) const = default;
};

struct Dataset {
    std::vector<City> cities;
    std::vector<CatalogEntry> stationClasses;
    std::vector<CatalogEntry> capabilities;
    std::vector<CatalogEntry> unitTypes;
    std::vector<CatalogEntry> incidentTypes;
    std::vector<AircraftType> aircraftTypes;
    double launchDelayHotMin = 0.0;
    double launchDelayNormalMin = 0.0;
    FeedPlausibility feedPlausibility;
    std::vector<core::Station> stations;
    // Ground units in file order, then aircraft. An aircraft has spec.kind = Aircraft,
    // spec.unitType "helicopter" or "fixed_wing" (from its type's category), spec.aircraftType
    // the type id and spec.stationId its base.
    std::vector<RosterUnit> units;
    std::vector<core::WaterSource> waterSources;
    // service_area.json: the province outline (from the base map) and its margin.
    core::ServiceArea serviceArea;
    // Stations whose file record says "position_quality": "approximate" (e.g. the Yaocheng
    // base, whose surveyed position was not available); core::Station has no field for it.
    std::set<core::Id, std::less<>> approximateStationPositions;

    const City* findCity(std::string_view id) const;
    const core::Station* findStation(std::string_view id) const;
    const RosterUnit* findUnit(std::string_view id) const;
    const AircraftType* findAircraftType(std::string_view id) const;
    const core::WaterSource* findWaterSource(std::string_view id) const;

    bool hasStationClass(std::string_view id) const;
    bool hasCapability(std::string_view id) const;
    bool hasUnitType(std::string_view id) const;
    bool hasIncidentType(std::string_view id) const;

    // Minutes from tasking to airborne for a readiness state; nullopt for an unknown state.
    std::optional<double> launchDelayMin(std::string_view readiness) const;
    bool isApproximatePosition(std::string_view stationId) const;

    // Units (ground and air) whose home station or base is `stationId`, in roster order.
    std::vector<const RosterUnit*> unitsAt(std::string_view stationId) const;
};

// Reads every file listed above from `dir` and checks them. On any problem it returns one
// InvalidArgument error whose message has a summary line and then one line per problem, e.g.
//   stations.json: record 12 (id "TY-S01"): field "lat": expected a number in [-90, 90], got 200
// so an operator can fix every mistake in one pass. Records are counted from 1.
core::Result<Dataset> loadDataset(const std::filesystem::path& dir);

}  // namespace flameblue::data

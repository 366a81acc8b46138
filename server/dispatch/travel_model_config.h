#pragma once

// The travel-time model's numbers and the recommender's policy (data/travel_model.json). Every
// domain value the dispatch layer uses comes from here or from the data set, never from code.

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/geo.h"
#include "core/result.h"
#include "data/dataset.h"

namespace flameblue::dispatch {

inline constexpr std::string_view kTravelModelFile = "travel_model.json";

using NamedValues = std::map<std::string, double, std::less<>>;

// A part of the straight line driven on one class of road. Bands are in order; the last has no
// upper bound.
struct SpeedBand {
    std::string speedClass;        // "city", "county_road", "expressway"
    std::optional<double> upToKm;  // straight-line distance where the band ends
    double speedKmh = 0.0;
    double detour = 1.0;  // road length / straight length
};

// A rough outline of a mountain range: travel time is multiplied by `factor` when the straight
// line from unit to incident touches it.
struct MountainZone {
    std::string id;
    std::string nameZh;
    std::string nameEn;
    double factor = 1.0;
    std::vector<core::LatLon> polygon;  // closed implicitly
};

struct GroundModelConfig {
    double defaultTurnoutSeconds = 0.0;
    NamedValues turnoutSecondsByUnitType;
    NamedValues turnoutSecondsByStationClass;
    double mobileTurnoutSeconds = 0.0;  // already on the road with crew aboard
    double atStationRadiusMeters =
        0.0;  // a fix this close to the home station counts as in quarters
    std::vector<SpeedBand> speedBands;
    std::vector<MountainZone> mountainZones;
    double maxDistanceKm = 0.0;  // distance cap for ground candidates (straight line)
};

struct AirModelConfig {
    double maxDistanceKm = 0.0;
    std::vector<std::string> waterDropCapabilities;  // slots with these rig the bucket
    double dipSeconds = 0.0;
    double dropSeconds = 0.0;
    double manoeuvreSeconds = 0.0;
    std::string defaultReadiness;  // for aircraft not listed in aircraft.json
    double airborneLaunchDelayMinutes = 0.0;
    double airborneMinSpeedKmh = 0.0;
};

struct StaffingConfig {
    int defaultMin = 0;
    std::map<std::string, int, std::less<>> minByUnitType;

    int minFor(std::string_view unitType) const;
};

struct AviationConfig {
    double thresholdMinutes = 0.0;
    std::vector<std::string> forcedIncidentTypes;
    // Ground capability -> the aircraft capability that can stand in for it.
    std::map<std::string, std::string, std::less<>> airEquivalents;

    bool forces(std::string_view incidentType) const;
    // Empty when no aircraft capability stands in for `groundCapability`.
    std::string_view airEquivalent(std::string_view groundCapability) const;
};

struct CoverageConfig {
    double circleSeconds = 0.0;
    std::string capability;
    std::vector<std::string> stationClasses;
    int moveUpCandidates = 0;

    bool covers(std::string_view stationClass) const;
};

struct AssignmentConfig {
    int candidatesPerSlot = 0;
    int alternativesPerSlot = 0;
};

struct TravelModelConfig {
    GroundModelConfig ground;
    AirModelConfig air;
    StaffingConfig staffing;
    double staleFixSeconds = 0.0;
    AviationConfig aviation;
    CoverageConfig coverage;
    AssignmentConfig assignment;

    bool isWaterDropCapability(std::string_view capability) const;
};

// Reads `dir`/travel_model.json and checks it against the data set (unit types, station classes,
// capabilities, incident types and readiness names must exist). All keys are required; on any
// problem one InvalidArgument error lists them all, each naming the file, section and field.
core::Result<TravelModelConfig> loadTravelModelConfig(const std::filesystem::path& dir,
                                                      const data::Dataset& dataset);

}  // namespace flameblue::dispatch

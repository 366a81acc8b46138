#pragma once

// A read-only snapshot of the units, stations and dip sites of one state version, with a spatial
// grid per capability. Built once per state version (Recommender::index) and shared by every
// request until the state changes; a request then never scans all units.
//
// Units sit in the grids where they stood at build time (a fresh fix, else the home station).
// A request re-judges fix ages at its own time; a fix that turns stale between the build and the
// request moves the unit home for timing but not in the grid, so the search could rank it late.
// Rebuilding on every state change (and so at least every few seconds under a fix feed) keeps
// that window small.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/entities.h"
#include "core/state.h"
#include "dispatch/recommendation.h"
#include "dispatch/spatial_grid.h"

namespace flameblue::data {
struct AircraftType;
}

namespace flameblue::dispatch {

class GroundTravelModel;
class AirTravelModel;
struct TravelModelConfig;

// Why a unit cannot be sent, whatever the incident (judged when the index is built).
enum class UnitState : std::uint8_t {
    Usable = 0,
    OutOfService = 1,
    Committed = 2,  // dispatched, en route or on scene
    Understaffed = 3,
    NoPosition = 4,         // no trusted fix and no known home station
    NoPerformanceData = 5,  // an aircraft whose type is not in aircraft_types.json
};

// Text fields view the index's own copy of the state's text (one allocation for all units),
// so they live exactly as long as the index.
struct IndexedUnit {
    std::string_view id;
    std::string_view callsign;
    std::string_view nameZh;
    std::string_view nameEn;
    core::UnitKind kind = core::UnitKind::Ground;
    std::string_view unitType;
    std::string_view stationId;
    std::string_view stationClass;  // of the home station; empty when it is unknown
    std::span<const std::string_view> capabilities;
    core::UnitStatus status = core::UnitStatus::Available;
    int staffing = 0;
    int minStaffing = 0;
    std::string_view incidentId;  // the incident it is committed to, if any
    UnitState state = UnitState::Usable;
    std::optional<core::LatLon> home;  // home station or base
    std::optional<core::PositionFix> lastFix;
    // Start delays resolved once: in quarters / on the ground, and on the road / airborne.
    double startDelaySeconds = 0.0;
    double mobileStartDelaySeconds = 0.0;
    // Aircraft only.
    const data::AircraftType* aircraftType = nullptr;
    std::string_view readiness;

    bool isAircraft() const { return kind == core::UnitKind::Aircraft; }
    bool hasCapability(std::string_view capability) const;
};

struct IndexedStation {
    core::Id id;
    std::string nameZh;
    std::string nameEn;
    std::string stationClass;
    std::string city;
    core::LatLon position;
};

// Where a unit is taken to start from at a given time.
struct Placement {
    core::LatLon position;
    PositionSource source = PositionSource::HomeStation;
    std::optional<double> fixAgeSeconds;
    bool mobile = false;  // ground: on the road with crew; aircraft: airborne
    bool known = true;    // false: no trusted fix and no home station
};

// What building an index needs from the recommender.
struct IndexContext {
    const GroundTravelModel& ground;
    const AirTravelModel& air;
    const TravelModelConfig& config;
    std::function<std::string_view(const core::Id&)> readinessOf;  // "" when not listed
    std::function<const data::AircraftType*(std::string_view)> aircraftType;
};

class UnitIndex {
public:
    UnitIndex() = default;
    // Units view the index's own text buffers: an index stays where it was built.
    UnitIndex(const UnitIndex&) = delete;
    UnitIndex& operator=(const UnitIndex&) = delete;
    static std::shared_ptr<const UnitIndex> build(const core::State& state, core::TimeMs now,
                                                  const IndexContext& context);

    std::uint64_t stateSeq() const { return m_stateSeq; }
    core::TimeMs builtAt() const { return m_builtAt; }

    const std::vector<IndexedUnit>& units() const { return m_units; }
    const IndexedUnit& unit(std::uint32_t i) const { return m_units[i]; }
    std::optional<std::uint32_t> find(std::string_view unitId) const;

    // Everything indexed for one capability; nullptr when no unit has it.
    struct CapabilityUnits {
        SpatialGrid usable;  // usable units, placed where they were at build time
        bool hasGround = false;
        bool hasAircraft = false;
        std::vector<std::uint32_t> all;  // every unit with it, for the rare full scans
    };
    const CapabilityUnits* capability(std::string_view capability) const;

    const std::vector<IndexedStation>& stations() const { return m_stations; }
    std::optional<std::uint32_t> findStation(std::string_view stationId) const;
    // Stations whose class the coverage policy checks.
    const SpatialGrid& coverageStations() const { return m_coverageStations; }
    // Water sources marked as helicopter dip sites.
    const std::vector<core::WaterSource>& dipSites() const { return m_dipSites; }
    const core::WaterSource* nearestDipSite(const core::LatLon& p) const;

    // Where unit `u` starts from at `now`: a fix younger than `staleFixSeconds`, else home.
    Placement place(const IndexedUnit& u, core::TimeMs now, double staleFixSeconds,
                    double atStationRadiusMeters, double airborneMinSpeedKmh) const;

private:
    friend class IndexBuilder;

    std::uint64_t m_stateSeq = 0;
    core::TimeMs m_builtAt = 0;
    std::string m_text;                              // all unit text, sized before it is filled
    std::vector<std::string_view> m_capabilityText;  // every unit's capabilities, back to back
    std::vector<IndexedUnit> m_units;
    std::unordered_map<std::string_view, std::uint32_t> m_unitById;
    std::vector<CapabilityUnits> m_capabilities;
    std::map<std::string, std::uint32_t, std::less<>> m_capabilityByName;
    std::vector<IndexedStation> m_stations;
    std::unordered_map<std::string, std::uint32_t> m_stationById;
    SpatialGrid m_coverageStations;
    std::vector<core::WaterSource> m_dipSites;
};

}  // namespace flameblue::dispatch

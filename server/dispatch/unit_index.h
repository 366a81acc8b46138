#pragma once

// The units, stations and dip sites of the served state, with a spatial grid per capability, so
// that a request never scans all units. Built once from a state (Recommender::index), then kept
// at the state's version event by event (follow()): a status change or a position fix moves the
// unit's entries in the grids of its capabilities, a roster change adds, changes or removes one
// unit or station. A request therefore always sees the state as it is when it runs and never
// waits for a rebuild.
//
// A unit with a fix and a home station has an entry at each place. Whether the fix is fresh is
// judged at request time; a search evaluates a unit only at the entry where it stands then
// (isPlacement()), so the ring walk stays exact however old the fix has grown. Answers never
// depend on where entries sit in the grids or on the order units were added: ties are broken
// by unit id.

#include <algorithm>
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

#include "core/affected.h"
#include "core/entities.h"
#include "core/events.h"
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

// Why a unit cannot be sent, whatever the incident and the time.
enum class UnitState : std::uint8_t {
    Usable = 0,
    OutOfService = 1,
    Committed = 2,  // dispatched, en route or on scene
    Understaffed = 3,
    NoPosition = 4,         // no fix at all and no known home station
    NoPerformanceData = 5,  // an aircraft whose type is not in aircraft_types.json
    Removed = 6,            // no longer on the roster (its slot in the index stays empty)
};

// Text fields view the index's own copy of the roster's text, so they live exactly as long as
// the index.
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
    core::Id incidentId;  // the incident it is committed to, if any
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
    bool removed = false;  // no longer on the roster
};

// Where a unit is taken to start from at a given time.
struct Placement {
    core::LatLon position;
    PositionSource source = PositionSource::HomeStation;
    std::optional<double> fixAgeSeconds;
    bool mobile = false;  // ground: on the road with crew; aircraft: airborne
    bool known = true;    // false: no trusted fix and no home station
};

// What building and following an index needs from the recommender.
struct IndexContext {
    const GroundTravelModel& ground;
    const AirTravelModel& air;
    const TravelModelConfig& config;
    std::function<std::string_view(const core::Id&)> readinessOf;  // "" when not listed
    std::function<const data::AircraftType*(std::string_view)> aircraftType;
};

// Fixed-size pieces of storage that never move once handed out.
template <typename T>
class StableChunks {
public:
    // The next take() of up to `n` items needs no new piece.
    void reserve(std::size_t n) {
        if (m_chunks.empty() || m_chunks.back().capacity() - m_chunks.back().size() < n) {
            m_chunks.emplace_back().reserve(std::max(n, kMinChunk));
        }
    }
    std::span<T> take(std::size_t n) {
        reserve(n);
        std::vector<T>& chunk = m_chunks.back();
        const std::size_t at = chunk.size();
        chunk.resize(at + n);  // within the capacity: nothing moves
        return std::span<T>(chunk).subspan(at, n);
    }

private:
    static constexpr std::size_t kMinChunk = 4096;
    std::vector<std::vector<T>> m_chunks;
};

class UnitIndex {
public:
    // Entry tags in the capability grids.
    static constexpr std::uint32_t kAtHome = 0;
    static constexpr std::uint32_t kAtFix = 1;

    UnitIndex() = default;
    // Units view the index's own text buffers: an index stays where it was built.
    UnitIndex(const UnitIndex&) = delete;
    UnitIndex& operator=(const UnitIndex&) = delete;
    static std::shared_ptr<UnitIndex> build(const core::State& state, core::TimeMs now,
                                            const IndexContext& context);

    // Brings the index to the state right after `event` (`after`), given what the event
    // changed. The index must be at the state just before it. Nothing may read the index
    // meanwhile.
    void follow(const core::Event& event, const core::State& after, const core::Affected& affected);

    std::uint64_t stateSeq() const { return m_stateSeq; }
    core::TimeMs builtAt() const { return m_builtAt; }

    // Every unit slot, removed units included (state Removed).
    const std::vector<IndexedUnit>& units() const { return m_units; }
    const IndexedUnit& unit(std::uint32_t i) const { return m_units[i]; }
    std::optional<std::uint32_t> find(std::string_view unitId) const;

    // Everything indexed for one capability; nullptr when no unit has it.
    struct CapabilityUnits {
        // Usable units: one entry at the home station (kAtHome), one at the last fix (kAtFix).
        SpatialGrid usable;
        int usableGround = 0;
        int usableAircraft = 0;
        std::vector<std::uint32_t> all;  // every unit with it, for the rare full scans
    };
    const CapabilityUnits* capability(std::string_view capability) const;

    // Stations, removed ones included (flagged).
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
    // Whether grid entry `e` is where its unit stands at `now` (each unit is evaluated once,
    // at that entry).
    bool isPlacement(const SpatialGrid::Entry& e, core::TimeMs now, double staleFixSeconds) const;

private:
    friend class IndexBuilder;

    void refreshUnit(const core::Id& id, const core::State& after, bool roster);
    void refreshStation(const core::Id& id, const core::State& after);
    void refreshDipSites(const core::State& after);
    // Adds or takes out unit `i`'s grid entries and usable counts, as its fields say.
    void placeUnit(std::uint32_t i);
    void unplaceUnit(std::uint32_t i);
    void joinCapabilities(std::uint32_t i);
    void leaveCapabilities(std::uint32_t i);
    std::string_view keep(std::string_view text);

    std::optional<IndexContext> m_context;
    std::uint64_t m_stateSeq = 0;
    core::TimeMs m_builtAt = 0;
    StableChunks<char> m_text;                        // all unit text
    StableChunks<std::string_view> m_capabilityText;  // every unit's capabilities, back to back
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

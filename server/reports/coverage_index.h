#pragma once

// The live coverage of the province (README, "Coverage"): a CoverageGrid kept current by
// watching the session. The writer only queues the units an event changed; a worker thread folds
// them into the grid (only the cells concerned) and bumps the version the console polls.
//
// Which units count (the reference incident: a structure fire's first engine): ground units
// with the coverage capability of travel_model.json ("fire_suppression"), usable as the
// recommender judges it (available or returning, staffed to the minimum of their type, position
// known). They start from a fix younger than stale_fix_s when it is further than
// at_station_radius_m from home (mobile turnout), else from their home station (turnout).

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "core/state.h"
#include "data/dataset.h"
#include "dispatch/ground_travel_model.h"
#include "dispatch/travel_model_config.h"
#include "reports/coverage_grid.h"
#include "reports/placement.h"
#include "session/session.h"

namespace flameblue::reports {

// A station whose first-due area the coverage policy checks.
struct CoverageStation {
    std::string id;
    std::string nameZh;
    std::string nameEn;
    std::string stationClass;
    std::string city;
    core::LatLon position;
    double turnoutSeconds = 0.0;
};

struct PlaceStatus {
    CoveragePlace place;
    double seconds = 0.0;  // first arrival; infinite when unreached
    std::string unitId;    // who arrives first
};

struct StationStatus {
    CoverageStation station;
    double seconds = 0.0;  // first arrival at the station's own position
    std::string unitId;
};

struct CoverageSummary {
    std::uint64_t version = 0;
    std::uint64_t asOfSeq = 0;
    double circleSeconds = 0.0;
    std::string capability;
    double cellKm = 0.0;
    std::size_t cells = 0;
    std::size_t coveredCells = 0;
    std::size_t unreachedCells = 0;
    std::size_t countingUnits = 0;
    std::size_t places = 0;
    std::size_t placesCovered = 0;
    std::vector<PlaceStatus> placesOutside;  // slowest first
    std::vector<StationStatus> stationGaps;  // checked stations outside the circle, slowest first
    std::string shareBasis;                  // what the shares are of
};

struct ClosureAnswer {
    std::vector<std::string> stationIds;
    std::vector<std::string> unitIds;  // units that stop counting
    CoverageSummary before;
    CoverageSummary after;
    std::size_t cellsLost = 0;        // inside the circle before, outside after
    double worstIncreaseSeconds = 0;  // largest first-arrival increase over the cells
};

// Reads the coverage part of travel_model.json and the places (the city seats of the data set,
// and data/coverage_places.json when present).
class CoverageIndex final : public session::CommitObserver {
public:
    CoverageIndex(const data::Dataset& dataset, dispatch::TravelModelConfig config,
                  std::vector<CoveragePlace> places, double cellKm = 1.0);
    ~CoverageIndex() override;
    CoverageIndex(const CoverageIndex&) = delete;
    CoverageIndex& operator=(const CoverageIndex&) = delete;

    static core::Result<std::unique_ptr<CoverageIndex>> load(const std::filesystem::path& dataDir,
                                                             const data::Dataset& dataset,
                                                             double cellKm = 1.0);

    // Computes every cell from `state` and starts the worker. Call with the index already
    // observing the session, under its state lock, so that no event falls between the two.
    void start(const core::State& state);
    void stop();

    void stage(const core::Event& event, const core::State& after,
               const core::Affected& affected) override;
    void commit() override;

    std::uint64_t version() const;
    // Waits until every change queued so far is folded in (tests).
    void settle();

    CoverageSummary summary() const;
    // The grid's geometry and, per box cell row-major, the first-arrival seconds rounded up
    // (0xFFFF: outside the province; 0xFFFE: no unit reaches it).
    struct GridPicture {
        std::uint64_t version = 0;
        int rows = 0, cols = 0;
        double minLat = 0, minLon = 0, latStep = 0, lonStep = 0;
        std::vector<std::uint16_t> seconds;
    };
    GridPicture picture() const;
    // First-due areas of the checked stations (the reach of their own crew within the circle).
    std::vector<std::pair<CoverageStation, std::vector<core::LatLon>>> firstDueAreas() const;
    // Unknown station ids: NotFound naming the first.
    core::Result<ClosureAnswer> closeStations(const std::vector<std::string>& stationIds) const;
    // New sites added to today's coverage, optionally with `closed` stations closed first.
    core::Result<PlacementAnswer> place(PlacementOptions options, SiteKind kind,
                                        const std::vector<std::string>& closed) const;

    const dispatch::TravelModelConfig& config() const { return m_config; }
    const dispatch::GroundTravelModel& model() const { return m_model; }
    const std::vector<CoveragePlace>& places() const { return m_places; }
    double startDelayFor(SiteKind kind) const;

private:
    CoverageUnit unitOf(const core::Unit& u, const core::State& s, core::TimeMs now) const;
    CoverageSummary summarize(const CoverageGrid& grid, std::uint64_t version,
                              std::uint64_t seq) const;
    void run();

    dispatch::TravelModelConfig m_config;
    dispatch::GroundTravelModel m_model;
    std::vector<CoveragePlace> m_places;
    std::shared_ptr<const ProvinceGrid> m_provinceGrid;

    mutable std::mutex m_mutex;  // the grid, stations, version
    std::condition_variable m_settled;
    CoverageGrid m_grid;
    std::map<std::string, CoverageStation> m_stations;
    std::uint64_t m_version = 0;
    std::uint64_t m_seq = 0;

    std::mutex m_pendingMutex;
    std::condition_variable m_wake;
    std::map<std::string, CoverageUnit> m_pendingUnits;
    std::map<std::string, std::optional<CoverageStation>> m_pendingStations;
    std::uint64_t m_pendingSeq = 0;
    std::uint64_t m_queued = 0;   // batches queued
    std::uint64_t m_applied = 0;  // batches folded in (under m_mutex)
    bool m_stop = false;
    std::thread m_worker;
};

// The places a data set names: its city seats, and data/coverage_places.json when present
// ({"places": [{"id", "name_zh", "name_en", "kind", "lat", "lon"}]}).
core::Result<std::vector<CoveragePlace>> loadCoveragePlaces(const std::filesystem::path& dataDir,
                                                            const data::Dataset& dataset);

}  // namespace flameblue::reports

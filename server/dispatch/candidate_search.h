#pragma once

// Per request: who can fill a slot, how soon, and, when nobody can, why.

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "core/entities.h"
#include "dispatch/air_travel_model.h"
#include "dispatch/ground_travel_model.h"
#include "dispatch/recommendation.h"
#include "dispatch/travel_model_config.h"
#include "dispatch/unit_index.h"

namespace flameblue::dispatch {

// Why a unit was not proposed for a slot (the filters, in the order they apply).
enum class Exclusion : std::uint8_t {
    None = 0,
    WrongKind,  // a ground unit for an air slot
    OnIncident,
    OutOfService,
    Committed,
    Understaffed,
    NoPerformanceData,
    Stale,  // no trusted fix and no home station to fall back to
    BeyondCap,
    BeyondEndurance,
};

// Everything a request shares across its slots.
struct RequestContext {
    const UnitIndex& index;
    const GroundTravelModel& ground;
    const AirTravelModel& air;
    const TravelModelConfig& config;
    core::LatLon target;
    core::TimeMs now = 0;
    std::vector<std::uint32_t> onIncident;       // sorted unit indices already on the incident
    const core::WaterSource* dipSite = nullptr;  // nearest to the target

    Placement place(const IndexedUnit& u) const;
    // Whether a grid entry is where its unit stands now: walks evaluate units only there.
    bool isPlacement(const SpatialGrid::Entry& e) const;
    bool isOnIncident(std::uint32_t unit) const;
};

// One way to qualify for a slot.
struct Qualifier {
    std::string_view capability;
    bool aircraftOnly = false;
    bool bucket = false;      // water-drop work: bucket speed, dip cycle
    bool substitute = false;  // an aircraft standing in for a ground capability
};

struct Evaluation {
    std::uint32_t unit = 0;
    Exclusion exclusion = Exclusion::None;
    Placement placement;
    double greatCircleMeters = 0.0;
    double etaSeconds = std::numeric_limits<double>::infinity();  // whenever the position is known
    Qualifier qualifier;
    // Stale and beyond the cap at home, but its last fix was within the cap.
    bool staleMattered = false;
};

// Seconds for `u` starting at `p` to reach `to`, start delay included (infinite for an aircraft
// without performance data), and the same with every figure.
double etaSeconds(const RequestContext& ctx, const IndexedUnit& u, const Placement& p,
                  const core::LatLon& to, double greatCircleMeters, bool bucket = false);
TravelEstimate estimateTo(const RequestContext& ctx, const IndexedUnit& u, const Placement& p,
                          const core::LatLon& to, bool bucket = false);

// Ranking order: sooner first; equally soon, the unit with fewer capabilities first, then the
// lower unit id.
bool faster(const UnitIndex& index, const Evaluation& a, const Evaluation& b);

// Applies every filter to one unit and, when its position is known, times it.
Evaluation evaluate(const RequestContext& ctx, std::uint32_t unit, const Qualifier& q);

struct SlotCandidates {
    std::vector<Evaluation> ranked;  // usable units, fastest first, at most k
    AviationReason aviation = AviationReason::None;
    Qualifier primary;
    std::optional<Qualifier> airEquivalent;  // when aircraft compete with the equivalent
    std::optional<double> bestGroundSeconds;
};

// The k fastest usable units for `slot`; aircraft join as the aviation policy says.
SlotCandidates findCandidates(const RequestContext& ctx, const SlotSpec& slot,
                              std::string_view incidentType, std::size_t k);

// The full breakdown of an evaluated unit, as the API shows it.
CandidateUnit describeCandidate(const RequestContext& ctx, const Evaluation& e);

// Why `slot` stays unfilled (after the assignment): scans every unit with the capability.
Shortfall diagnoseShortfall(const RequestContext& ctx, const SlotSpec& slot,
                            const SlotCandidates& candidates);

}  // namespace flameblue::dispatch

#pragma once

// What Recommender::recommend answers: plain structs meant to map one-to-one onto the API.
// Every number has its unit in its name; every text field is derived from the numbers beside it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/geo.h"
#include "dispatch/air_travel_model.h"
#include "dispatch/response_plans.h"
#include "dispatch/travel_time_model.h"

namespace flameblue::dispatch {

// A recommendation for an existing incident or for a draft (an alarm not yet recorded).
struct RecommendRequest {
    // An existing incident: its type, level and position are used unless given below, and
    // units already on it are never proposed. Absent for a draft.
    std::optional<core::Id> incidentId;
    std::string type;  // draft: required; incident: empty = its own type
    int level = 0;     // draft: 1..5; incident: 0 = its own level (higher = preview escalation)
    std::optional<core::LatLon> position;  // draft: required; incident: absent = its own
    core::TimeMs now = 0;                  // for fix ages; 0 = when the index was built
    bool includeCoverage = true;           // coverage impact and move-ups
};

// Where a unit was taken to start from.
enum class PositionSource : std::uint8_t {
    LastFix = 1,              // a fix younger than the stale limit
    HomeStation = 2,          // no fix: in quarters
    HomeStationStaleFix = 3,  // the last fix is older than the stale limit: assumed at home
};

// Why aircraft could compete for a slot.
enum class AviationReason : std::uint8_t {
    None = 0,
    PlanAsksForAir = 1,              // an "air" slot of the run card
    IncidentTypeForcesAviation = 2,  // forest, mountain (travel_model.json)
    GroundBeyondThreshold = 3,       // the best ground arrival is later than the threshold
};

enum class ShortfallReason : std::uint8_t {
    NoUnitWithCapability = 1,  // no unit anywhere has the capability
    AllCommitted = 2,          // all are committed to other incidents or out of service
    AllStale = 3,              // usable only at a position we do not trust
    Understaffed = 4,
    BeyondDistanceCap = 5,
    BeyondEndurance = 6,    // aircraft: out, back and reserve leave no working time
    TakenByOtherSlots = 7,  // the eligible units are needed for other slots of this plan
};

// A unit that could fill a slot, with its arrival time and what went into it.
struct CandidateUnit {
    core::Id unitId;
    std::string callsign;
    std::string nameZh;
    std::string nameEn;
    core::UnitKind kind = core::UnitKind::Ground;
    std::string unitType;
    core::Id stationId;  // home station or base
    core::UnitStatus status = core::UnitStatus::Available;
    int staffing = 0;
    core::LatLon from;
    PositionSource positionSource = PositionSource::HomeStation;
    std::optional<double> fixAgeSeconds;
    TravelEstimate eta;
    std::string capabilityUsed;    // the slot's capability, or the air equivalent standing in
    bool airSubstitute = false;    // an aircraft standing in for a ground capability
    std::optional<AirSortie> air;  // aircraft: endurance; water-drop slots: the drop cycle
};

struct PickExplanation {
    // The fastest unit left over for this slot and how much later it would arrive.
    std::optional<core::Id> nextAlternativeUnitId;
    std::optional<double> marginSeconds;
    // A unit that would have reached this slot sooner but is sent for another slot.
    std::optional<core::Id> fasterUnitId;
    std::optional<int> fasterUnitSlotIndex;
    std::optional<double> fasterUnitSecondsSooner;
    // Later than the run card's max_arrival_min for the slot.
    bool late = false;
    double lateBySeconds = 0.0;
    std::string text;  // one paragraph: distance, ETA breakdown, why this unit
};

struct Shortfall {
    ShortfallReason reason = ShortfallReason::NoUnitWithCapability;
    std::string text;
    // Units with the capability (or its air equivalent, when aviation applies) by why they
    // were not proposed; units already on the incident are not counted.
    int unitsWithCapability = 0;
    int committed = 0;
    int outOfService = 0;
    int understaffed = 0;
    int stale = 0;
    int beyondCap = 0;
    int beyondEndurance = 0;
    int takenByOtherSlots = 0;
    int noPerformanceData = 0;  // aircraft whose type has no figures
    // The closest thing to an answer (e.g. the nearest unit beyond the cap), not proposed.
    std::optional<CandidateUnit> bestPartial;
    std::string bestPartialNote;
};

struct SlotRecommendation {
    SlotSpec slot;
    AviationReason aviation = AviationReason::None;
    std::optional<CandidateUnit> pick;
    PickExplanation explanation;
    std::vector<CandidateUnit> alternatives;  // the next ones for this slot, not picked elsewhere
    std::optional<Shortfall> shortfall;       // when the slot stays unfilled
};

// Escalation: a slot already filled by a unit on the incident.
struct CoveredSlot {
    SlotSpec slot;
    core::Id unitId;
};

struct MoveUp {
    core::Id unitId;
    std::string callsign;
    core::Id fromStationId;
    core::Id toStationId;
    TravelEstimate eta;  // to the station it covers
    std::string text;
};

// A station whose first-due area would have no unit within the circle once the recommendation
// is dispatched.
struct CoverageGap {
    core::Id stationId;
    std::string stationNameZh;
    std::string stationNameEn;
    std::string stationClass;
    core::LatLon position;
    std::vector<core::Id> lostCoverUnitIds;  // recommended units that covered it
    std::optional<MoveUp> moveUp;
    std::optional<core::Id> coveredByMoveUpOfUnitId;  // another gap's move-up reaches it too
    std::string text;
};

struct CoverageImpact {
    bool computed = false;
    std::string capability;
    double circleSeconds = 0.0;
    int stationsAffected = 0;  // stations some recommended unit covers now
    std::vector<CoverageGap> gaps;
};

struct Recommendation {
    std::optional<core::Id> incidentId;
    std::string incidentType;
    int level = 1;
    core::LatLon position;
    core::TimeMs now = 0;
    std::uint64_t stateSeq = 0;  // the state version the unit data comes from

    std::vector<SlotRecommendation> slots;    // what to send now, in run-card order
    std::vector<CoveredSlot> alreadyCovered;  // escalation: filled by units on the incident
    std::vector<core::Id> unitIds;            // the picks in slot order: what Dispatch takes
    int filledSlots = 0;
    int shortfalls = 0;
    std::optional<double> bottleneckSeconds;  // the latest first arrival over filled slots
    double totalSeconds = 0.0;
    CoverageImpact coverage;
};

const char* toString(PositionSource s);
const char* toString(AviationReason r);
const char* toString(ShortfallReason r);
const char* toString(StartKind k);

}  // namespace flameblue::dispatch

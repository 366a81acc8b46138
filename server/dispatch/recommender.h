#pragma once

// The dispatch recommender: for an incident or a draft alarm, which units to send, fastest
// first, ground and air on equal terms, each pick explained, and what sending them does to
// station coverage.
//
// Use: build an index of the state once (index()), keep it at the state's version with
// UnitIndex::follow() for every event applied after it, and answer any number of requests
// against it (building takes a few milliseconds for 10,000 units; following an event, a few
// microseconds).
// A recommendation is advice: Dispatch still goes through the validated command path, which
// refuses a unit that was committed in the meantime.

#include <filesystem>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "core/state.h"
#include "data/dataset.h"
#include "dispatch/air_travel_model.h"
#include "dispatch/ground_travel_model.h"
#include "dispatch/recommendation.h"
#include "dispatch/response_plans.h"
#include "dispatch/travel_model_config.h"
#include "dispatch/unit_index.h"

namespace flameblue::dispatch {

class Recommender {
public:
    // Keeps what it needs from `dataset` (aircraft types, launch delays, readiness, incident
    // types); the data set need not outlive it.
    Recommender(const data::Dataset& dataset, ResponsePlans plans, TravelModelConfig config);

    // Loads response_plans.json and travel_model.json from `dir`, checked against `dataset`.
    static core::Result<Recommender> load(const std::filesystem::path& dir,
                                          const data::Dataset& dataset);

    // The index of `state` for requests, to be followed event by event. It refers to this
    // recommender's models and aircraft types: do not outlive it.
    std::shared_ptr<UnitIndex> index(const core::State& state, core::TimeMs now) const;

    // Errors: InvalidArgument naming the field (unknown type, level out of range, bad or
    // missing position, negative time); NotFound for an unknown incident id;
    // FailedPrecondition for a closed incident. `state` supplies the incident.
    core::Result<Recommendation> recommend(const UnitIndex& index, const core::State& state,
                                           const RecommendRequest& request) const;
    // Builds a fresh index at request.now first: simple, but slower.
    core::Result<Recommendation> recommend(const core::State& state,
                                           const RecommendRequest& request) const;

    const ResponsePlans& plans() const { return m_plans; }
    const TravelModelConfig& config() const { return m_config; }
    const GroundTravelModel& groundModel() const { return m_ground; }
    const AirTravelModel& airModel() const { return m_air; }

private:
    ResponsePlans m_plans;
    TravelModelConfig m_config;
    std::vector<data::AircraftType> m_aircraftTypes;
    std::unordered_map<std::string, std::string> m_readiness;  // aircraft id -> readiness
    GroundTravelModel m_ground;
    AirTravelModel m_air;
};

}  // namespace flameblue::dispatch

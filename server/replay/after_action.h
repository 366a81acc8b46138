#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "data/dataset.h"
#include "dispatch/recommender.h"
#include "replay/drill.h"

namespace flameblue::replay {

// What the after-action comparison models arrivals with: the server's recommender and the
// aircraft types of its data set. Without a recommender the report says so per incident.
struct AfterActionModels {
    const dispatch::Recommender* recommender = nullptr;
    std::vector<data::AircraftType> aircraftTypes;
};

struct UnitRun {
    core::Id unitId;
    std::string callsign;
    core::TimeMs dispatchedMs = 0;
    std::optional<core::TimeMs> arrivedMs;  // actual: on scene; trainee/recommended: modelled
    bool modelled = false;
    std::string by;          // trainee: the operator
    std::string capability;  // recommended: the run-card slot
};

// The trainees' decisions after one hand-over of the incident.
struct TraineeAttempt {
    core::TimeMs handedOverMs = 0;
    std::string instructor;
    std::vector<UnitRun> dispatched;
    std::vector<std::string> escalations;  // "level 3 at 14:08"
};

struct IncidentComparison {
    core::Id incidentId;
    std::string type;
    int level = 1;  // at the end of the history
    std::string city;
    std::string address;
    core::TimeMs alarmMs = 0;
    std::vector<UnitRun> actual;
    std::vector<TraineeAttempt> trainees;
    std::vector<UnitRun> recommended;
    std::vector<std::string> recommendationNotes;  // shortfalls, or why there is none
};

struct AfterActionReport {
    DrillInfo drill;
    core::TimeMs startMs = 0;
    core::TimeMs endMs = 0;
    core::TimeMs generatedMs = 0;
    std::vector<IncidentComparison> incidents;
};

// For each incident of the drill, side by side: what history dispatched and when units arrived;
// what the trainees dispatched after each hand-over with arrivals modelled by the travel models
// (from where the unit was at that moment); and what the recommender proposes at the alarm time
// from the state at that moment.
core::Result<AfterActionReport> buildAfterAction(Drill& drill, const AfterActionModels& models,
                                                 core::TimeMs now);

// A self-contained, printable HTML page (Chinese and English), and the same as CSV rows.
std::string toHtml(const AfterActionReport& report);
std::string toCsv(const AfterActionReport& report);

}  // namespace flameblue::replay

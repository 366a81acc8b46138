#pragma once

// Run cards: for each incident type and alarm level, the slots to fill (data/response_plans.json).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "data/dataset.h"

namespace flameblue::dispatch {

inline constexpr std::string_view kResponsePlansFile = "response_plans.json";

// One line of a run card: `count` units with `capability`.
struct PlanLine {
    std::string capability;
    int count = 1;
    std::optional<double> maxArrivalMinutes;  // planning target; a later pick is flagged
    bool air = false;                         // only an aircraft may fill it
    std::string note;
};

struct ResponsePlan {
    std::string incidentType;
    // addsByLevel[0] holds level 1's lines, [1] what level 2 adds, and so on up to level 5.
    std::vector<std::vector<PlanLine>> addsByLevel;
};

// One unit to send: a plan line expanded by its count.
struct SlotSpec {
    int index = 0;  // position in the plan at the requested level, from 0
    std::string capability;
    int level = 1;    // the level that added it
    int ordinal = 1;  // 1..count within its plan line
    bool air = false;
    std::optional<double> maxArrivalSeconds;
    std::string note;
};

struct ResponsePlans {
    std::vector<ResponsePlan> plans;

    const ResponsePlan* find(std::string_view incidentType) const;
    // Every slot of levels 1..`level`, lower levels first; empty for an unknown type.
    std::vector<SlotSpec> slotsFor(std::string_view incidentType, int level) const;
};

// Reads `dir`/response_plans.json and checks it against the data set: every incident type has a
// plan for each level 1..5, capabilities exist, counts and times are sane. On any problem one
// InvalidArgument error lists them all, each naming the file, the record and the field.
core::Result<ResponsePlans> loadResponsePlans(const std::filesystem::path& dir,
                                              const data::Dataset& dataset);

}  // namespace flameblue::dispatch

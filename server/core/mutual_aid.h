#pragma once

// Mutual aid between cities: a city-scoped dispatcher asks for units of another city; that city
// (an operator acting for it) or the provincial centre accepts, which dispatches them, or
// refuses with a reason. Requests, answers and the dispatch are events in the log.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"

namespace flameblue::core {

enum class MutualAidState : std::uint8_t {
    Pending = 1,
    Accepted = 2,  // the units were dispatched
    Refused = 3,   // with a reason
};
constexpr std::uint8_t kMaxMutualAidState = 3;
const char* toString(MutualAidState s);

struct MutualAidRequest {
    Id id;  // "MA-1", numbered per session
    Id incidentId;
    std::vector<Id> unitIds;
    std::string requestingCity;  // the incident's city
    std::string owningCity;      // the units' city, which answers
    std::string note;
    std::string requestedBy;
    TimeMs requested = 0;
    MutualAidState state = MutualAidState::Pending;
    std::string answeredBy;
    std::optional<TimeMs> answered;
    std::string reason;

    bool operator==(const MutualAidRequest&) const = default;
};

// Events (kinds 50-59).
struct MutualAidRequested {
    Id requestId;
    Id incidentId;
    std::vector<Id> unitIds;
    std::string requestingCity;
    std::string owningCity;
    std::string note;
    bool operator==(const MutualAidRequested&) const = default;
};
struct MutualAidAnswered {
    Id requestId;
    bool accepted = false;
    std::string reason;
    bool operator==(const MutualAidAnswered&) const = default;
};

// Commands.
struct RequestMutualAid {
    Id incidentId;
    std::vector<Id> unitIds;
    std::string note;
};
struct AnswerMutualAid {
    Id requestId;
    bool accept = false;
    std::string reason;  // required when refusing
};

}  // namespace flameblue::core

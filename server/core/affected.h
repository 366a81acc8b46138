#pragma once

#include <vector>

#include "core/events.h"
#include "core/state.h"

namespace flameblue::core {

// The entities an event changes. Computed against the state *before* the event, because an
// event can end a link (a released unit no longer names its incident afterwards).
struct Affected {
    std::vector<Id> stations;
    std::vector<Id> units;
    std::vector<Id> waterSources;
    std::vector<Id> incidents;
    std::vector<EntityRemoved> removed;
    std::vector<Id> alarmDrafts;  // drafts raised, corroborated or settled
    std::vector<Id> panelFaults;  // devices whose fault was raised or cleared
};

Affected affectedBy(const State& before, const EventPayload& payload);

}  // namespace flameblue::core

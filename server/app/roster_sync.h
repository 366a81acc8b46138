#pragma once

#include <vector>

#include "core/decide.h"
#include "core/events.h"
#include "core/state.h"
#include "data/dataset.h"

namespace flameblue::app {

// The events that bring the roster in `state` in line with the data files: upserts for new or
// changed stations, units and water sources, removals for those no longer listed (a unit that is
// committed to an incident is kept until it is released). Empty when nothing changed, so a
// restart on unchanged files writes nothing.
std::vector<core::EventPayload> rosterChanges(const data::Dataset& dataset,
                                              const core::State& state);

// The catalogues commands are checked against.
core::Reference referenceFrom(const data::Dataset& dataset);

}  // namespace flameblue::app

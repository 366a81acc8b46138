#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "core/entities.h"
#include "core/result.h"
#include "data/dataset.h"
#include "store/event_store.h"

namespace flameblue::app {

// What a generated year of province operation looks like. The same options and data set give
// the same log, event for event.
struct YearOptions {
    std::uint64_t seed = 20260101;
    // Incidents over the whole period (alarms spread by season, weekday and hour of day).
    std::size_t incidents = 150'000;
    // The first day's midnight (China Standard Time) in ms since the epoch; 0: the period ends
    // at yesterday's midnight, so that its last incidents are over before now.
    core::TimeMs start = 0;
    int days = 365;
    // Share of the units sent beyond the first one that are called off before they arrive.
    double callOffShare = 0.03;
    // A state snapshot after this many events, so that the server folds only the tail at start.
    std::uint64_t snapshotEveryEvents = 500'000;
};

struct YearSummary {
    std::size_t incidents = 0;
    std::size_t unitResponses = 0;  // units dispatched, one per unit and incident
    std::size_t calledOff = 0;
    std::size_t slotsUnfilled = 0;  // run card slots no available unit could fill in range
    std::uint64_t events = 0;
    core::TimeMs firstAlarm = 0;
    core::TimeMs lastAlarm = 0;
};

// Progress: events written so far and the simulated time reached.
using YearProgress = std::function<void(std::uint64_t events, core::TimeMs simulated)>;

// Simulates a year of operation of the data set's roster and writes it into `store` (which must
// be empty) through the command path: every alarm, dispatch, status report, release and closure
// is a command decided against the state as it stands at that simulated moment, its events
// applied and appended in order. Incident types and levels follow the stations' specialisation
// (chemical parks, forest and grassland stations, city centres), alarms are busier by day than
// by night, forest fires come in spring and floods in summer; units are sent by the run cards
// (response_plans.json) nearest first, and their turnout and travel follow the travel model
// (travel_model.json) with noise.
core::Result<YearSummary> generateYear(const std::filesystem::path& dataDir,
                                       const data::Dataset& dataset, store::EventStore& store,
                                       const YearOptions& options,
                                       const YearProgress& progress = {});

// The same into a state directory the server opens with --state-dir (its live.db). Refused when
// the directory already holds an event log with events, which is left as it is.
core::Result<YearSummary> generateStateDir(const std::filesystem::path& dataDir,
                                           const std::filesystem::path& stateDir,
                                           const YearOptions& options,
                                           const YearProgress& progress = {});

}  // namespace flameblue::app

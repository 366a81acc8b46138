#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "reports/phase_log.h"

namespace flameblue::reports {

// The measured steps of a response. Unit phases are measured per unit response; incident phases
// once per incident.
enum class Phase : std::uint8_t {
    CallProcessing = 0,       // incident: alarm received -> first unit dispatched
    Turnout = 1,              // unit: dispatched -> en route
    Travel = 2,               // unit: en route -> on scene
    FirstUnitTravel = 3,      // incident: the travel time of the first unit on scene
    FullFirstAlarm = 4,       // incident: the longest travel time of the initial assignment, once
                              // every unit of it still sent reached the scene
    FirstArrival = 5,         // incident: first dispatch -> first unit on scene (the rescue circle)
    AlarmToFirstArrival = 6,  // incident: alarm received -> first unit on scene
    UnderControl = 7,         // incident: alarm received -> under control
    Closed = 8,               // incident: alarm received -> closed
};
constexpr std::size_t kPhaseCount = 9;
const char* toString(Phase p);  // "call_processing", ... (the data file's and the API's names)
std::optional<Phase> phaseFromString(const std::string& name);
bool isUnitPhase(Phase p);

// What a phase is judged against: at most `seconds` for `fractile` percent of cases. A phase
// without a threshold is reported by its fractiles only.
struct Threshold {
    double seconds = 0;
    double fractile = 90;
};
struct Thresholds {
    std::array<std::optional<Threshold>, kPhaseCount> byPhase;
    // Per incident type overrides (e.g. turnout for medical calls), by phase.
    std::map<std::string, std::array<std::optional<Threshold>, kPhaseCount>> byType;
    std::string source;    // where the defaults come from, shown with the report
    std::string sourceZh;  // the same in Chinese (empty: the English text serves)

    const std::optional<Threshold>& forPhase(Phase p, const std::string& incidentType) const;
};
// Reads report_thresholds.json; every error names the file and the field.
core::Result<Thresholds> loadThresholds(const std::filesystem::path& file);

enum class GroupBy : std::uint8_t {
    Province = 0,  // one group
    City = 1,
    Station = 2,  // unit phases only: an incident is not one station's
    Unit = 3,     // unit phases only
    IncidentType = 4,
    Level = 5,
    HourOfDay = 6,  // of the alarm, in the report's time zone
    Month = 7,      // "2026-03"
    Day = 8,        // "2026-03-14", for trends
};

struct ReportQuery {
    // Incidents whose alarm was received in [from, to).
    core::TimeMs from = 0;
    core::TimeMs to = std::numeric_limits<core::TimeMs>::max();
    GroupBy groupBy = GroupBy::Province;
    std::vector<Phase> phases;  // empty: all
    // Only these (empty: all).
    std::vector<std::string> cities;
    std::vector<std::string> incidentTypes;
    std::vector<int> levels;
    // Hours of day, months and days are those of this offset from UTC (China Standard Time has
    // no daylight saving).
    int utcOffsetMinutes = 8 * 60;
    // The fractile table: cumulative share within each whole minute up to this many.
    int tableMinutes = 15;
};

struct PhaseFigures {
    Phase phase = Phase::CallProcessing;
    std::size_t count = 0;  // measured cases
    // Nearest-rank fractiles in seconds (absent when count is 0).
    std::optional<double> p50, p80, p90;
    std::optional<double> mean;
    std::optional<Threshold> threshold;
    // Share of cases within the threshold (threshold.seconds inclusive), when there is one.
    std::optional<double> compliancePercent;
    bool compliant = false;  // the threshold's fractile is within its seconds
    // cumulative[m] = percent of cases within (m + 1) minutes, m < tableMinutes.
    std::vector<double> cumulativePercent;
};

struct ReportGroup {
    std::string key;  // city id, station id, unit id, type, "3", "07", "2026-03", ...
    std::size_t incidents = 0;
    std::size_t responses = 0;
    std::vector<PhaseFigures> phases;
};

struct Report {
    std::vector<ReportGroup> groups;  // ordered by key
    ReportGroup total;                // every incident of the query, one group
    std::string thresholdSource;
    std::string thresholdSourceZh;
};

// Nearest-rank fractile of sorted values: the smallest value with at least p percent of the
// values at or below it.
double nearestRank(const std::vector<double>& sorted, double percent);

Report computeReport(const PhaseLog& log, const ReportQuery& query, const Thresholds& thresholds);

// One phase's measured seconds for an incident or a response, when both ends were reached.
std::optional<double> incidentPhaseSeconds(const PhaseLog& log, const IncidentTimes& incident,
                                           Phase phase);
std::optional<double> responsePhaseSeconds(const UnitResponse& response, Phase phase);

}  // namespace flameblue::reports

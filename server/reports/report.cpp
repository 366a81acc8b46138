#include "reports/report.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <unordered_set>

namespace flameblue::reports {

namespace {

constexpr std::array<const char*, kPhaseCount> kPhaseNames = {
    "call_processing",        "turnout",          "travel",
    "first_unit_travel",      "full_first_alarm", "first_arrival",
    "alarm_to_first_arrival", "under_control",    "closed",
};

double seconds(core::TimeMs from, core::TimeMs to) {
    return static_cast<double>(to - from) / 1000.0;
}

// Both ends reached and in order; a clock step backwards between them is not a time.
std::optional<double> span(core::TimeMs from, core::TimeMs to) {
    if (from == 0 || to == 0 || to < from) {
        return std::nullopt;
    }
    return seconds(from, to);
}

struct LocalTime {
    std::string hour;   // "07"
    std::string month;  // "2026-03"
    std::string day;    // "2026-03-14"
};

LocalTime localTime(core::TimeMs t, int offsetMinutes) {
    using namespace std::chrono;
    const sys_time<milliseconds> local{milliseconds{t + offsetMinutes * 60'000LL}};
    const auto day = floor<days>(local);
    const year_month_day ymd{day};
    const auto hour = duration_cast<hours>(local - day).count();
    char buf[16];
    LocalTime out;
    std::snprintf(buf, sizeof buf, "%02d", static_cast<int>(hour));
    out.hour = buf;
    std::snprintf(buf, sizeof buf, "%04d-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()));
    out.month = buf;
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    out.day = buf;
    return out;
}

struct Accumulator {
    std::size_t incidents = 0;
    std::size_t responses = 0;
    std::array<std::vector<double>, kPhaseCount> values;
    std::array<std::size_t, kPhaseCount> within{};
    std::array<std::size_t, kPhaseCount> judged{};

    void add(Phase p, double s, const std::optional<Threshold>& threshold) {
        const auto i = static_cast<std::size_t>(p);
        values[i].push_back(s);
        if (threshold) {
            ++judged[i];
            if (s <= threshold->seconds) {
                ++within[i];
            }
        }
    }
};

ReportGroup finish(std::string key, Accumulator& acc, const std::vector<Phase>& phases,
                   const ReportQuery& query, const Thresholds& thresholds, bool unitPhasesOnly) {
    ReportGroup g;
    g.key = std::move(key);
    g.incidents = acc.incidents;
    g.responses = acc.responses;
    for (Phase p : phases) {
        if (unitPhasesOnly && !isUnitPhase(p)) {
            continue;
        }
        auto& v = acc.values[static_cast<std::size_t>(p)];
        std::sort(v.begin(), v.end());
        PhaseFigures f;
        f.phase = p;
        f.count = v.size();
        f.threshold = thresholds.byPhase[static_cast<std::size_t>(p)];
        const auto judged = acc.judged[static_cast<std::size_t>(p)];
        if (!v.empty()) {
            f.p50 = nearestRank(v, 50);
            f.p80 = nearestRank(v, 80);
            f.p90 = nearestRank(v, 90);
            f.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
            f.cumulativePercent.reserve(static_cast<std::size_t>(std::max(query.tableMinutes, 0)));
            for (int m = 1; m <= query.tableMinutes; ++m) {
                const auto within = std::upper_bound(v.begin(), v.end(), m * 60.0) - v.begin();
                f.cumulativePercent.push_back(100.0 * static_cast<double>(within) /
                                              static_cast<double>(v.size()));
            }
        }
        if (judged > 0) {
            f.compliancePercent = 100.0 *
                                  static_cast<double>(acc.within[static_cast<std::size_t>(p)]) /
                                  static_cast<double>(judged);
            const double wanted = f.threshold ? f.threshold->fractile : 90.0;
            f.compliant = *f.compliancePercent >= wanted;
        }
        g.phases.push_back(std::move(f));
    }
    return g;
}

template <typename T>
bool allowed(const std::vector<T>& only, const T& value) {
    return only.empty() || std::find(only.begin(), only.end(), value) != only.end();
}

core::Result<std::optional<Threshold>> readThreshold(const nlohmann::json& j,
                                                     const std::string& where) {
    if (j.is_null()) {
        return std::optional<Threshold>{};
    }
    if (!j.is_object() || !j.contains("seconds") || !j["seconds"].is_number()) {
        return core::invalidArgument(where +
                                     ": expected {\"seconds\": number, \"fractile\": "
                                     "number} or null");
    }
    Threshold t;
    t.seconds = j["seconds"].get<double>();
    if (j.contains("fractile")) {
        if (!j["fractile"].is_number()) {
            return core::invalidArgument(where + ".fractile: expected a number");
        }
        t.fractile = j["fractile"].get<double>();
    }
    if (!(t.seconds > 0) || !std::isfinite(t.seconds)) {
        return core::invalidArgument(where + ".seconds: expected more than 0, got " +
                                     j["seconds"].dump());
    }
    if (!(t.fractile > 0 && t.fractile <= 100)) {
        return core::invalidArgument(where + ".fractile: expected a percent in (0, 100], got " +
                                     j["fractile"].dump());
    }
    return std::optional<Threshold>{t};
}

core::Status readPhases(const nlohmann::json& j, const std::string& where,
                        std::array<std::optional<Threshold>, kPhaseCount>& out) {
    if (!j.is_object()) {
        return core::invalidArgument(where + ": expected an object of phases");
    }
    for (const auto& [name, value] : j.items()) {
        std::string field = where;
        field += '.';
        field += name;
        const auto phase = phaseFromString(name);
        if (!phase) {
            return core::invalidArgument(field +
                                         ": not a phase (call_processing, turnout, travel, "
                                         "first_unit_travel, full_first_alarm, first_arrival, "
                                         "alarm_to_first_arrival, under_control, closed)");
        }
        auto t = readThreshold(value, field);
        if (!t) {
            return t.error();
        }
        out[static_cast<std::size_t>(*phase)] = *t;
    }
    return core::Ok{};
}

}  // namespace

const char* toString(Phase p) {
    const auto i = static_cast<std::size_t>(p);
    return i < kPhaseNames.size() ? kPhaseNames[i] : "unknown";
}

std::optional<Phase> phaseFromString(const std::string& name) {
    for (std::size_t i = 0; i < kPhaseNames.size(); ++i) {
        if (name == kPhaseNames[i]) {
            return static_cast<Phase>(i);
        }
    }
    return std::nullopt;
}

bool isUnitPhase(Phase p) {
    return p == Phase::Turnout || p == Phase::Travel;
}

const std::optional<Threshold>& Thresholds::forPhase(Phase p,
                                                     const std::string& incidentType) const {
    const auto i = static_cast<std::size_t>(p);
    if (auto it = byType.find(incidentType); it != byType.end() && it->second[i]) {
        return it->second[i];
    }
    return byPhase[i];
}

core::Result<Thresholds> loadThresholds(const std::filesystem::path& file) {
    const std::string name = file.filename().string();
    std::ifstream in(file);
    if (!in) {
        return core::invalidArgument(name + ": cannot read the file");
    }
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        return core::invalidArgument(name + ": not a JSON object");
    }
    Thresholds t;
    if (j.contains("source")) {
        if (!j["source"].is_string()) {
            return core::invalidArgument(name + ": source: expected a string");
        }
        t.source = j["source"].get<std::string>();
    }
    if (j.contains("source_zh")) {
        if (!j["source_zh"].is_string()) {
            return core::invalidArgument(name + ": source_zh: expected a string");
        }
        t.sourceZh = j["source_zh"].get<std::string>();
    }
    if (!j.contains("phases")) {
        return core::invalidArgument(name + ": phases: missing");
    }
    if (auto st = readPhases(j["phases"], name + ": phases", t.byPhase); !st) {
        return st.error();
    }
    if (j.contains("by_incident_type")) {
        const auto& types = j["by_incident_type"];
        if (!types.is_object()) {
            return core::invalidArgument(name + ": by_incident_type: expected an object");
        }
        for (const auto& [type, phases] : types.items()) {
            auto& slot = t.byType[type];
            std::string field = name;
            field += ": by_incident_type.";
            field += type;
            if (auto st = readPhases(phases, field, slot); !st) {
                return st.error();
            }
        }
    }
    return t;
}

double nearestRank(const std::vector<double>& sorted, double percent) {
    if (sorted.empty()) {
        return 0;
    }
    const double rank = std::ceil(percent / 100.0 * static_cast<double>(sorted.size()));
    const auto index = static_cast<std::size_t>(std::max(rank, 1.0)) - 1;
    return sorted[std::min(index, sorted.size() - 1)];
}

std::optional<double> responsePhaseSeconds(const UnitResponse& r, Phase phase) {
    switch (phase) {
        case Phase::Turnout:
            return span(r.dispatched, r.enRoute);
        case Phase::Travel:
            return span(r.enRoute, r.onScene);
        default:
            return std::nullopt;
    }
}

std::optional<double> incidentPhaseSeconds(const PhaseLog& log, const IncidentTimes& inc,
                                           Phase phase) {
    switch (phase) {
        case Phase::CallProcessing:
            return span(inc.received, inc.firstDispatch);
        case Phase::FirstUnitTravel: {
            // The unit that reached the scene first, by its own travel.
            const UnitResponse* first = nullptr;
            for (auto i : inc.responses) {
                const auto& r = log.responses()[i];
                if (r.onScene != 0 && (!first || r.onScene < first->onScene)) {
                    first = &r;
                }
            }
            return first ? span(first->enRoute, first->onScene) : std::nullopt;
        }
        case Phase::FullFirstAlarm: {
            std::optional<double> longest;
            bool any = false;
            for (auto i : inc.responses) {
                const auto& r = log.responses()[i];
                if (!r.initialAssignment || (r.cancelled && r.onScene == 0)) {
                    continue;  // not part of it, or called off before arriving
                }
                const auto travel = span(r.enRoute, r.onScene);
                if (!travel) {
                    return std::nullopt;  // not all there yet, or not measurable
                }
                any = true;
                longest = std::max(longest.value_or(0.0), *travel);
            }
            return any ? longest : std::nullopt;
        }
        case Phase::FirstArrival:
            return span(inc.firstDispatch, inc.firstOnScene);
        case Phase::AlarmToFirstArrival:
            return span(inc.received, inc.firstOnScene);
        case Phase::UnderControl:
            return span(inc.received, inc.underControl);
        case Phase::Closed:
            return span(inc.received, inc.closed);
        default:
            return std::nullopt;
    }
}

Report computeReport(const PhaseLog& log, const ReportQuery& query, const Thresholds& thresholds) {
    std::vector<Phase> phases = query.phases;
    if (phases.empty()) {
        for (std::size_t i = 0; i < kPhaseCount; ++i) {
            phases.push_back(static_cast<Phase>(i));
        }
    }
    std::vector<Phase> incidentPhases;
    std::vector<Phase> unitPhases;
    for (Phase p : phases) {
        (isUnitPhase(p) ? unitPhases : incidentPhases).push_back(p);
    }
    const bool byResponse = query.groupBy == GroupBy::Station || query.groupBy == GroupBy::Unit;

    std::map<std::string, Accumulator> groups;
    Accumulator total;
    for (const IncidentTimes& inc : log.incidents()) {
        if (inc.received < query.from || inc.received >= query.to ||
            !allowed(query.cities, inc.city) || !allowed(query.incidentTypes, inc.type) ||
            !allowed(query.levels, inc.level)) {
            continue;
        }
        std::string key;
        if (!byResponse) {
            switch (query.groupBy) {
                case GroupBy::City:
                    key = inc.city;
                    break;
                case GroupBy::IncidentType:
                    key = inc.type;
                    break;
                case GroupBy::Level:
                    key = std::to_string(inc.level);
                    break;
                case GroupBy::HourOfDay:
                    key = localTime(inc.received, query.utcOffsetMinutes).hour;
                    break;
                case GroupBy::Month:
                    key = localTime(inc.received, query.utcOffsetMinutes).month;
                    break;
                case GroupBy::Day:
                    key = localTime(inc.received, query.utcOffsetMinutes).day;
                    break;
                default:
                    key = "province";
                    break;
            }
        }
        ++total.incidents;
        Accumulator* group = byResponse ? nullptr : &groups[key];
        if (group) {
            ++group->incidents;
        }
        for (Phase p : incidentPhases) {
            if (auto s = incidentPhaseSeconds(log, inc, p)) {
                const auto& threshold = thresholds.forPhase(p, inc.type);
                total.add(p, *s, threshold);
                if (group) {
                    group->add(p, *s, threshold);
                }
            }
        }
        std::unordered_set<std::string> counted;
        for (auto i : inc.responses) {
            const UnitResponse& r = log.responses()[i];
            Accumulator* responseGroup = group;
            if (byResponse) {
                responseGroup = &groups[query.groupBy == GroupBy::Station ? r.stationId : r.unitId];
                const auto& k = query.groupBy == GroupBy::Station ? r.stationId : r.unitId;
                if (counted.insert(k).second) {
                    ++responseGroup->incidents;
                }
            }
            ++total.responses;
            ++responseGroup->responses;
            for (Phase p : unitPhases) {
                if (auto s = responsePhaseSeconds(r, p)) {
                    const auto& threshold = thresholds.forPhase(p, inc.type);
                    total.add(p, *s, threshold);
                    responseGroup->add(p, *s, threshold);
                }
            }
        }
    }

    Report report;
    report.thresholdSource = thresholds.source;
    report.thresholdSourceZh = thresholds.sourceZh;
    for (auto& [key, acc] : groups) {
        report.groups.push_back(finish(key, acc, phases, query, thresholds, byResponse));
    }
    report.total = finish("total", total, phases, query, thresholds, false);
    return report;
}

}  // namespace flameblue::reports

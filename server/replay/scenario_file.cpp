#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <set>

#include "common/iso_time.h"
#include "replay/scenario.h"

namespace flameblue::replay {

namespace {

using nlohmann::json;

const std::set<std::string> kUnitActions = {"dispatch", "en_route", "on_scene", "release",
                                            "available"};
const std::set<std::string> kOtherActions = {"level", "note", "under_control", "close"};

// Reads fields of one JSON object, naming the path in every error.
class Fields {
public:
    Fields(const json& j, std::string where) : m_j(j), m_where(std::move(where)) {}
    const std::string& where() const { return m_where; }

    core::Error error(std::string_view field, const std::string& what) const {
        return core::invalidArgument(m_where + field.data() + ": " + what);
    }
    const json* get(const char* field) const {
        auto it = m_j.find(field);
        return it == m_j.end() || it->is_null() ? nullptr : &*it;
    }
    core::Result<std::string> text(const char* field, bool required = true) const {
        const json* v = get(field);
        if (!v) {
            if (!required)
                return std::string();
            return error(field, "required");
        }
        if (!v->is_string())
            return error(field, "expected a string, got " + v->dump());
        return v->get<std::string>();
    }
    core::Result<int> integer(const char* field, int min, int max) const {
        const json* v = get(field);
        if (!v)
            return error(field, "required");
        if (!v->is_number_integer() || v->get<long long>() < min || v->get<long long>() > max) {
            return error(field, "expected a whole number from " + std::to_string(min) + " to " +
                                    std::to_string(max) + ", got " + v->dump());
        }
        return v->get<int>();
    }
    core::Result<double> number(const char* field, double min, double max) const {
        const json* v = get(field);
        if (!v)
            return error(field, "required");
        if (!v->is_number() || !std::isfinite(v->get<double>()) || v->get<double>() < min ||
            v->get<double>() > max) {
            return error(field, "expected a number from " + std::to_string(min) + " to " +
                                    std::to_string(max) + ", got " + v->dump());
        }
        return v->get<double>();
    }
    core::Result<core::TimeMs> time(const char* field) const {
        auto s = text(field);
        if (!s)
            return s.error();
        auto t = common::parseIsoTime(*s);
        if (!t) {
            return error(field,
                         "expected a time like 2026-03-28T12:41:00+08:00, got \"" + *s + "\"");
        }
        return *t;
    }
    core::Result<std::vector<std::string>> ids(const char* field) const {
        const json* v = get(field);
        if (!v)
            return error(field, "required");
        if (!v->is_array() || v->empty())
            return error(field, "expected a non-empty list of ids, got " + v->dump());
        std::vector<std::string> out;
        for (const json& x : *v) {
            if (!x.is_string() || x.get<std::string>().empty())
                return error(field, "expected ids as strings, got " + x.dump());
            out.push_back(x.get<std::string>());
        }
        return out;
    }

private:
    const json& m_j;
    std::string m_where;
};

// Declares `var` from a Result, or returns its error (`var` names a variable: no parentheses).
// NOLINTBEGIN(bugprone-macro-parentheses)
#define FB_TRY(var, expr)       \
    auto var##_r = (expr);      \
    if (!var##_r)               \
        return var##_r.error(); \
    auto var = std::move(var##_r).value()
// NOLINTEND(bugprone-macro-parentheses)

core::Result<ScenarioAction> parseAction(const json& j, const std::string& where,
                                         const ScenarioIncident& inc, const Scenario& s) {
    if (!j.is_object())
        return core::invalidArgument(where + ": expected an object");
    Fields f(j, where + ".");
    ScenarioAction a;
    FB_TRY(at, f.time("at"));
    FB_TRY(action, f.text("action"));
    a.atMs = at;
    a.action = action;
    if (at < inc.alarmMs || at > s.endMs) {
        return f.error(
            "at", common::formatChinaStandardTime(at) + " is outside the incident's alarm " +
                      common::formatChinaStandardTime(inc.alarmMs) + " to the scenario's end " +
                      common::formatChinaStandardTime(s.endMs));
    }
    if (kUnitActions.contains(action)) {
        FB_TRY(units, f.ids("units"));
        a.units = std::move(units);
    } else if (action == "level") {
        FB_TRY(level, f.integer("level", 1, 5));
        a.level = level;
    } else if (action == "note") {
        FB_TRY(text, f.text("text"));
        a.text = text;
    } else if (!kOtherActions.contains(action)) {
        return f.error("action",
                       "unknown action \"" + action +
                           "\" (dispatch, en_route, on_scene, release, available, level, note, "
                           "under_control, close)");
    }
    return a;
}

core::Result<ScenarioSortie> parseSortie(const json& j, const std::string& where,
                                         const ScenarioIncident& inc) {
    if (!j.is_object())
        return core::invalidArgument(where + ": expected an object");
    Fields f(j, where + ".");
    ScenarioSortie s;
    FB_TRY(aircraft, f.text("aircraft"));
    FB_TRY(dispatched, f.time("dispatched"));
    FB_TRY(airborne, f.time("airborne"));
    FB_TRY(cruise, f.number("cruise_kmh", 50, 1000));
    FB_TRY(dip, f.text("dip_site"));
    FB_TRY(drops, f.integer("drops", 0, 200));
    FB_TRY(cycle, f.integer("cycle_minutes", 1, 120));
    if (dispatched < inc.alarmMs)
        return f.error("dispatched",
                       "is before the alarm " + common::formatChinaStandardTime(inc.alarmMs));
    if (airborne < dispatched)
        return f.error("airborne",
                       "is before the dispatch " + common::formatChinaStandardTime(dispatched));
    s.aircraft = aircraft;
    s.dispatchedMs = dispatched;
    s.airborneMs = airborne;
    s.cruiseKmh = cruise;
    s.dipSite = dip;
    s.drops = drops;
    s.cycleMinutes = cycle;
    return s;
}

core::Result<ScenarioIncident> parseIncident(const json& j, const std::string& where,
                                             const Scenario& s) {
    if (!j.is_object())
        return core::invalidArgument(where + ": expected an object");
    Fields f(j, where + ".");
    ScenarioIncident inc;
    FB_TRY(key, f.text("key"));
    FB_TRY(type, f.text("type"));
    FB_TRY(level, f.integer("level", 1, 5));
    FB_TRY(lat, f.number("lat", -90, 90));
    FB_TRY(lon, f.number("lon", -180, 180));
    FB_TRY(alarm, f.time("alarm"));
    FB_TRY(address, f.text("address", false));
    FB_TRY(description, f.text("description", false));
    if (alarm < s.startMs || alarm > s.endMs) {
        return f.error("alarm", common::formatChinaStandardTime(alarm) +
                                    " is outside the scenario's start " +
                                    common::formatChinaStandardTime(s.startMs) + " to end " +
                                    common::formatChinaStandardTime(s.endMs));
    }
    inc.key = key;
    inc.type = type;
    inc.level = level;
    inc.position = {lat, lon};
    inc.address = address;
    inc.description = description;
    inc.alarmMs = alarm;
    if (const json* tl = f.get("timeline")) {
        if (!tl->is_array())
            return f.error("timeline", "expected a list of entries");
        for (std::size_t i = 0; i < tl->size(); ++i) {
            FB_TRY(a,
                   parseAction((*tl)[i], where + ".timeline[" + std::to_string(i) + "]", inc, s));
            if (!inc.timeline.empty() && a.atMs < inc.timeline.back().atMs) {
                return core::invalidArgument(where + ".timeline[" + std::to_string(i) +
                                             "].at: entries must be in time order");
            }
            inc.timeline.push_back(std::move(a));
        }
    }
    if (const json* so = f.get("sorties")) {
        if (!so->is_array())
            return f.error("sorties", "expected a list of sorties");
        for (std::size_t i = 0; i < so->size(); ++i) {
            FB_TRY(x, parseSortie((*so)[i], where + ".sorties[" + std::to_string(i) + "]", inc));
            inc.sorties.push_back(std::move(x));
        }
    }
    return inc;
}

}  // namespace

core::Result<Scenario> parseScenario(std::string_view text) {
    json doc;
    try {
        doc = json::parse(text.begin(), text.end());
    } catch (const json::parse_error& e) {
        return core::invalidArgument(std::string("scenario: not valid JSON: ") + e.what());
    }
    if (!doc.is_object())
        return core::invalidArgument("scenario: expected a JSON object");
    Fields f(doc, "scenario.");
    FB_TRY(format, f.text("format"));
    if (format != Scenario::kFormat) {
        return f.error("format", "expected \"" + std::string(Scenario::kFormat) + "\", got \"" +
                                     format + "\"");
    }
    const json* v = f.get("version");
    if (!v || !v->is_number_integer() || v->get<long long>() < 1)
        return f.error("version", "expected a version number (this server reads version 1)");
    if (v->get<long long>() > Scenario::kVersion) {
        return f.error("version", "version " + v->dump() +
                                      " is newer than this server reads (version " +
                                      std::to_string(Scenario::kVersion) +
                                      "); update the server or save the file as version 1");
    }
    Scenario s;
    FB_TRY(id, f.text("id"));
    FB_TRY(titleZh, f.text("title_zh"));
    FB_TRY(titleEn, f.text("title_en"));
    FB_TRY(descZh, f.text("description_zh", false));
    FB_TRY(descEn, f.text("description_en", false));
    const json* constructed = f.get("constructed_for_training");
    if (!constructed || !constructed->is_boolean()) {
        return f.error("constructed_for_training",
                       "required: true for a constructed training scenario, false for a record "
                       "of a real incident");
    }
    FB_TRY(start, f.time("start"));
    FB_TRY(end, f.time("end"));
    if (end <= start)
        return f.error("end", "must be after start " + common::formatChinaStandardTime(start));
    if (end - start > 7LL * 24 * 3600 * 1000)
        return f.error("end", "a scenario covers at most 7 days");
    s.id = id;
    s.titleZh = titleZh;
    s.titleEn = titleEn;
    s.descriptionZh = descZh;
    s.descriptionEn = descEn;
    s.constructedForTraining = constructed->get<bool>();
    s.startMs = start;
    s.endMs = end;
    const json* incidents = f.get("incidents");
    if (!incidents || !incidents->is_array() || incidents->empty())
        return f.error("incidents", "expected a non-empty list of incidents");
    std::set<std::string> keys;
    for (std::size_t i = 0; i < incidents->size(); ++i) {
        FB_TRY(inc,
               parseIncident((*incidents)[i], "scenario.incidents[" + std::to_string(i) + "]", s));
        if (!keys.insert(inc.key).second) {
            return core::invalidArgument("scenario.incidents[" + std::to_string(i) + "].key: \"" +
                                         inc.key + "\" is used twice");
        }
        s.incidents.push_back(std::move(inc));
    }
    return s;
}

std::string writeScenario(const Scenario& s) {
    json doc = json::object();
    doc["format"] = Scenario::kFormat;
    doc["version"] = s.version;
    doc["id"] = s.id;
    doc["title_zh"] = s.titleZh;
    doc["title_en"] = s.titleEn;
    doc["description_zh"] = s.descriptionZh;
    doc["description_en"] = s.descriptionEn;
    doc["constructed_for_training"] = s.constructedForTraining;
    doc["start"] = common::formatChinaStandardTime(s.startMs);
    doc["end"] = common::formatChinaStandardTime(s.endMs);
    json incidents = json::array();
    for (const auto& inc : s.incidents) {
        json j = {{"key", inc.key},
                  {"type", inc.type},
                  {"level", inc.level},
                  {"lat", inc.position.latDeg},
                  {"lon", inc.position.lonDeg},
                  {"address", inc.address},
                  {"description", inc.description},
                  {"alarm", common::formatChinaStandardTime(inc.alarmMs)}};
        json timeline = json::array();
        for (const auto& a : inc.timeline) {
            json x = {{"at", common::formatChinaStandardTime(a.atMs)}, {"action", a.action}};
            if (kUnitActions.contains(a.action))
                x["units"] = a.units;
            if (a.action == "level")
                x["level"] = a.level;
            if (a.action == "note")
                x["text"] = a.text;
            timeline.push_back(std::move(x));
        }
        j["timeline"] = std::move(timeline);
        json sorties = json::array();
        for (const auto& so : inc.sorties) {
            sorties.push_back({{"aircraft", so.aircraft},
                               {"dispatched", common::formatChinaStandardTime(so.dispatchedMs)},
                               {"airborne", common::formatChinaStandardTime(so.airborneMs)},
                               {"cruise_kmh", so.cruiseKmh},
                               {"dip_site", so.dipSite},
                               {"drops", so.drops},
                               {"cycle_minutes", so.cycleMinutes}});
        }
        j["sorties"] = std::move(sorties);
        incidents.push_back(std::move(j));
    }
    doc["incidents"] = std::move(incidents);
    return doc.dump(2) + "\n";
}

}  // namespace flameblue::replay

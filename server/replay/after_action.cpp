#include "replay/after_action.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "common/iso_time.h"
#include "common/xml_text.h"
#include "replay/scenario.h"

namespace flameblue::replay {

namespace {

std::string clock(core::TimeMs t) {
    // HH:MM:SS China Standard Time, from the ISO form.
    return common::formatChinaStandardTime(t).substr(11, 8);
}

std::string minutesAfter(core::TimeMs t, core::TimeMs alarm) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "+%.1f min", static_cast<double>(t - alarm) / 60'000.0);
    return buf;
}

std::string callsignOf(const core::State& s, const core::Id& id) {
    const core::Unit* u = s.unit(id);
    return u && !u->spec.callsign.empty() ? u->spec.callsign : id;
}

// Modelled arrival of `unitId` sent at `at` to `to`, from where history had it then.
std::optional<core::TimeMs> modelledArrival(const core::State& world, const core::Id& unitId,
                                            const core::LatLon& to, core::TimeMs at,
                                            const AfterActionModels& models) {
    const core::Unit* u = world.unit(unitId);
    if (!models.recommender || !u) {
        return std::nullopt;
    }
    const core::Station* home = world.station(u->spec.stationId);
    if (!home) {
        return std::nullopt;
    }
    const double staleMs = models.recommender->config().staleFixSeconds * 1000.0;
    core::LatLon from = home->position;
    bool onTheRoad = false;
    if (u->lastFix && static_cast<double>(at - u->lastFix->fixTime) <= staleMs) {
        from = u->lastFix->position;
        onTheRoad = u->status != core::UnitStatus::Available;
    }
    dispatch::TravelSubject subject;
    subject.kind = u->spec.kind;
    subject.unitType = u->spec.unitType;
    subject.stationClass = home->stationClass;
    subject.mobile = onTheRoad;
    dispatch::TravelEstimate eta;
    if (u->spec.kind == core::UnitKind::Aircraft) {
        auto type = std::find_if(models.aircraftTypes.begin(), models.aircraftTypes.end(),
                                 [&](const auto& t) { return t.id == u->spec.aircraftType; });
        if (type == models.aircraftTypes.end()) {
            return std::nullopt;
        }
        subject.aircraftType = &*type;
        subject.readiness = "normal";
        eta = models.recommender->airModel().estimate(subject, from, to);
    } else {
        eta = models.recommender->groundModel().estimate(subject, from, to);
    }
    return at + static_cast<core::TimeMs>(eta.totalSeconds * 1000.0);
}

void addRecommendation(IncidentComparison& c, const Timeline& timeline,
                       const AfterActionModels& models) {
    if (!models.recommender) {
        c.recommendationNotes.emplace_back("no recommender on this server");
        return;
    }
    // The state at the alarm (or at the start, for incidents already open then), without the
    // incident's own dispatches.
    const core::TimeMs at = std::max(c.alarmMs, timeline.startMs());
    auto world = timeline.stateAt(at);
    if (!world) {
        c.recommendationNotes.push_back(world.error().message);
        return;
    }
    dispatch::RecommendRequest req;
    req.incidentId = c.incidentId;
    req.now = at;
    req.includeCoverage = false;
    auto rec = models.recommender->recommend(*world, req);
    if (!rec) {
        c.recommendationNotes.push_back(rec.error().message);
        return;
    }
    for (const auto& slot : rec->slots) {
        if (slot.pick) {
            UnitRun r;
            r.unitId = slot.pick->unitId;
            r.callsign = slot.pick->callsign;
            r.dispatchedMs = at;
            r.arrivedMs = at + static_cast<core::TimeMs>(slot.pick->eta.totalSeconds * 1000.0);
            r.modelled = true;
            r.capability = slot.slot.capability;
            c.recommended.push_back(std::move(r));
        } else {
            c.recommendationNotes.push_back(slot.slot.capability + ": unfilled");
        }
    }
}

// The trainees' dispatches and escalations, per hand-over, from the drill's own log.
core::Status addTrainees(std::map<core::Id, IncidentComparison>& byId, Drill& drill,
                         const AfterActionModels& models) {
    std::map<core::Id, TraineeAttempt*> open;  // incident -> the attempt in progress
    const store::EventStore& log = drill.session().store();
    return log.scan(0, log.lastSeq(), [&](const core::Event& e) {
        if (std::holds_alternative<core::DrillStateReset>(e.payload)) {
            open.clear();  // a seek ends every hand-over
        } else if (const auto* h = std::get_if<core::IncidentHandedOver>(&e.payload)) {
            auto it = byId.find(h->incidentId);
            if (it != byId.end()) {
                it->second.trainees.push_back({h->drillTime, e.operatorId, {}, {}});
                open[h->incidentId] = &it->second.trainees.back();
            }
        } else if (const auto* d = std::get_if<core::UnitsDispatched>(&e.payload)) {
            auto it = open.find(d->incidentId);
            if (it == open.end()) {
                return true;  // history
            }
            auto world = drill.timeline().stateAt(e.time);
            const core::Incident* inc = world ? world->incident(d->incidentId) : nullptr;
            for (const core::Id& u : d->unitIds) {
                UnitRun r;
                r.unitId = u;
                r.callsign = world ? callsignOf(*world, u) : u;
                r.dispatchedMs = e.time;
                r.by = e.operatorId;
                r.modelled = true;
                if (world && inc) {
                    r.arrivedMs = modelledArrival(*world, u, inc->position, e.time, models);
                }
                it->second->dispatched.push_back(std::move(r));
            }
        } else if (const auto* u = std::get_if<core::IncidentUpdated>(&e.payload)) {
            auto it = open.find(u->id);
            if (it != open.end() && u->level) {
                it->second->escalations.push_back("level " + std::to_string(*u->level) + " " +
                                                  clock(e.time) + " (" + e.operatorId + ")");
            }
        }
        return true;
    });
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

std::string arrival(const UnitRun& r, core::TimeMs alarm) {
    if (!r.arrivedMs)
        return "—";
    return clock(*r.arrivedMs) + " (" + minutesAfter(*r.arrivedMs, alarm) + ")" +
           (r.modelled ? " *" : "");
}

void runTable(std::ostringstream& h, const std::vector<UnitRun>& runs, core::TimeMs alarm,
              bool withBy) {
    if (runs.empty()) {
        h << "<p class=\"none\">无 / none</p>\n";
        return;
    }
    h << "<table><tr><th>单位 Unit</th><th>出动 Dispatched</th><th>到场 Arrived</th>"
      << (withBy ? "<th>操作员 By</th>" : "") << "</tr>\n";
    for (const auto& r : runs) {
        h << "<tr><td>" << common::xmlEscaped(r.callsign) << (r.capability.empty() ? "" : " · ")
          << common::xmlEscaped(r.capability) << "</td><td>" << clock(r.dispatchedMs) << " ("
          << minutesAfter(r.dispatchedMs, alarm) << ")</td><td>" << arrival(r, alarm) << "</td>"
          << (withBy ? "<td>" + common::xmlEscaped(r.by) + "</td>" : "") << "</tr>\n";
    }
    h << "</table>\n";
}

}  // namespace

core::Result<AfterActionReport> buildAfterAction(Drill& drill, const AfterActionModels& models,
                                                 core::TimeMs now) {
    const Timeline& timeline = drill.timeline();
    AfterActionReport report;
    report.drill = drill.info();
    report.startMs = timeline.startMs();
    report.endMs = timeline.endMs();
    report.generatedMs = now;
    // What history did: the world at the end of the range holds every assignment's times.
    auto end = timeline.stateAtSeq(timeline.lastSeq());
    if (!end) {
        return end.error();
    }
    std::map<core::Id, IncidentComparison> byId;
    for (const IncidentMark& m : timeline.incidents()) {
        IncidentComparison c;
        c.incidentId = m.id;
        c.type = m.type;
        c.level = m.level;
        c.city = m.city;
        c.alarmMs = m.alarmMs;
        if (const core::Incident* inc = end->incident(m.id)) {
            c.level = inc->level;
            c.address = inc->address;
            for (const core::Assignment& a : inc->assignments) {
                c.actual.push_back(
                    {a.unitId, callsignOf(*end, a.unitId), a.dispatched, a.onScene, false, {}, {}});
            }
        }
        addRecommendation(c, timeline, models);
        byId.emplace(m.id, std::move(c));
    }
    if (auto st = addTrainees(byId, drill, models); !st) {
        return st.error();
    }
    for (auto& [id, c] : byId) {
        report.incidents.push_back(std::move(c));
    }
    std::sort(report.incidents.begin(), report.incidents.end(),
              [](const auto& a, const auto& b) { return a.alarmMs < b.alarmMs; });
    return report;
}

std::string toHtml(const AfterActionReport& r) {
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n<title>"
      << "演练复盘报告 After-action report — " << common::xmlEscaped(r.drill.name)
      << "</title>\n<style>\n"
      << "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",sans-serif;margin:2em;"
         "color:#222}\n"
      << "h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #999;margin-top:1.6em}"
         "h3{font-size:1em;margin:.8em 0 .3em}\n"
      << "table{border-collapse:collapse;margin:.2em 0 .6em}td,th{border:1px solid #bbb;"
         "padding:.2em .6em;text-align:left;font-size:.9em}\n"
      << ".cols{display:flex;gap:1.2em;flex-wrap:wrap}.cols>div{flex:1;min-width:18em}\n"
      << ".none,.note{color:#666;font-size:.9em}\n"
      << "@media print{body{margin:1cm}.cols{display:block}h2{page-break-before:auto}}\n"
      << "</style></head><body>\n";
    h << "<h1>演练复盘报告 After-action report</h1>\n<p>" << common::xmlEscaped(r.drill.name)
      << " (" << common::xmlEscaped(r.drill.id)
      << ")<br>来源 Source: " << common::xmlEscaped(r.drill.source)
      << "<br>时段 Range: " << common::formatChinaStandardTime(r.startMs) << " — "
      << common::formatChinaStandardTime(r.endMs)
      << "<br>生成 Generated: " << common::formatChinaStandardTime(r.generatedMs) << "</p>\n";
    h << "<p class=\"note\">* 模型估算到场时间 modelled arrival (travel-time model); "
         "时间为北京时间 times in China Standard Time</p>\n";
    for (const auto& c : r.incidents) {
        h << "<h2>" << common::xmlEscaped(c.incidentId) << " · " << common::xmlEscaped(c.type)
          << " · " << c.level << "级 level " << c.level << "</h2>\n<p>"
          << common::xmlEscaped(c.address) << " " << common::xmlEscaped(c.city)
          << "<br>接警 Alarm: " << clock(c.alarmMs) << "</p>\n<div class=\"cols\">\n";
        h << "<div><h3>实际出动 What was dispatched</h3>\n";
        runTable(h, c.actual, c.alarmMs, false);
        h << "</div>\n<div><h3>学员决策 Trainees</h3>\n";
        if (c.trainees.empty()) {
            h << "<p class=\"none\">未移交 not handed over</p>\n";
        }
        for (const auto& t : c.trainees) {
            h << "<p>移交 Handed over " << clock(t.handedOverMs) << " ("
              << minutesAfter(t.handedOverMs, c.alarmMs) << ") · "
              << common::xmlEscaped(t.instructor) << "</p>\n";
            runTable(h, t.dispatched, c.alarmMs, true);
            for (const auto& e : t.escalations) {
                h << "<p class=\"note\">升级 Escalation: " << common::xmlEscaped(e) << "</p>\n";
            }
        }
        h << "</div>\n<div><h3>推荐方案（接警时） Recommended at the alarm</h3>\n";
        runTable(h, c.recommended, c.alarmMs, false);
        for (const auto& n : c.recommendationNotes) {
            h << "<p class=\"note\">" << common::xmlEscaped(n) << "</p>\n";
        }
        h << "</div>\n</div>\n";
    }
    h << "</body></html>\n";
    return h.str();
}

std::string toCsv(const AfterActionReport& r) {
    std::ostringstream out;
    out << "incident,type,alarm,column,attempt,unit,capability,dispatched,arrived,modelled,by\n";
    auto row = [&](const IncidentComparison& c, const char* column, const std::string& attempt,
                   const UnitRun& u) {
        out << csvField(c.incidentId) << ',' << csvField(c.type) << ','
            << common::formatChinaStandardTime(c.alarmMs) << ',' << column << ','
            << csvField(attempt) << ',' << csvField(u.unitId) << ',' << csvField(u.capability)
            << ',' << common::formatChinaStandardTime(u.dispatchedMs) << ','
            << (u.arrivedMs ? common::formatChinaStandardTime(*u.arrivedMs) : std::string()) << ','
            << (u.modelled ? "yes" : "no") << ',' << csvField(u.by) << '\n';
    };
    for (const auto& c : r.incidents) {
        for (const auto& u : c.actual)
            row(c, "actual", "", u);
        for (const auto& t : c.trainees) {
            for (const auto& u : t.dispatched)
                row(c, "trainee", common::formatChinaStandardTime(t.handedOverMs), u);
        }
        for (const auto& u : c.recommended)
            row(c, "recommended", "", u);
    }
    return out.str();
}

}  // namespace flameblue::replay

#include "core/decide.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <unordered_set>

#include "common/iso_time.h"
#include "core/aviation_decide.h"
#include "core/iot_decide.h"
#include "core/scope.h"
#include "core/status_machine.h"

namespace flameblue::core {

namespace {

constexpr TimeMs kChinaOffsetMs = 8LL * 3600 * 1000;
constexpr double kMetersPerKm = 1000.0;

std::string quoted(const std::string& s) {
    std::string out = "\"";
    out += s.size() > 64 ? s.substr(0, 64) + "..." : s;
    out += "\"";
    return out;
}

std::string km(double meters) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f km", meters / kMetersPerKm);
    return buf;
}

Status validateLevel(int level) {
    if (level < kMinIncidentLevel || level > kMaxIncidentLevel) {
        return invalidArgument(
            "level: expected an alarm level from " + std::to_string(kMinIncidentLevel) + " to " +
            std::to_string(kMaxIncidentLevel) + ", got " + std::to_string(level));
    }
    return Ok{};
}

Status validateType(const Reference& ref, const std::string& type) {
    if (!ref.incidentTypes.contains(type)) {
        return invalidArgument("type: unknown incident type " + quoted(type) +
                               " (see incident_types.json)");
    }
    return Ok{};
}

// "available, out_of_service": the statuses the status machine allows after `from`.
std::string allowedAfter(UnitStatus from) {
    std::string out;
    for (const UnitStatus to : manualStatusesAfter(from))
        out += (out.empty() ? "" : ", ") + std::string(toString(to));
    return out.empty() ? "none" : out;
}

std::string allowedAfter(IncidentStatus from) {
    std::string out;
    for (const IncidentStatus to : incidentStatusesAfter(from))
        out += (out.empty() ? "" : ", ") + std::string(toString(to));
    return out.empty() ? "none (it is final)" : out;
}

// `field` names the request field that holds the incident id.
Result<const Incident*> findOpenIncident(const State& s, const Id& id,
                                         const char* field = "incident_id") {
    const std::string f(field);
    if (id.empty()) {
        return invalidArgument(f + ": required");
    }
    const Incident* inc = s.incident(id);
    if (!inc) {
        return notFound(f + ": no incident " + quoted(id));
    }
    if (inc->status == IncidentStatus::Closed) {
        return failedPrecondition(
            f + ": incident " + quoted(id) + " is closed" +
            (inc->closed ? " since " + common::formatUtcIso(*inc->closed) : "") +
            "; expected an open incident (received, active or "
            "under_control)");
    }
    return inc;
}

// The note that marks a mutual-aid incident, in both languages the consoles ship.
std::string mutualAidNote(const Reference& ref, const LatLon& p, const std::string& city) {
    const double outside = ref.metersOutside(p);
    const std::string area = ref.serviceArea ? ref.serviceArea->name() : std::string();
    return "跨省增援 / cross-province mutual aid: " + formatPosition(p) + " lies " + km(outside) +
           " outside the " + area + " service area; handled by " +
           (city.empty() ? std::string("no city") : quoted(city)) + ", the nearest city seat.";
}

Status checkUnitList(const std::vector<Id>& ids, bool allowEmpty) {
    if (ids.empty() && !allowEmpty) {
        return invalidArgument("unit_ids: at least one unit is required");
    }
    if (ids.size() > kMaxUnitsPerCommand) {
        return invalidArgument("unit_ids: at most " + std::to_string(kMaxUnitsPerCommand) +
                               " units per command, got " + std::to_string(ids.size()));
    }
    std::unordered_set<Id> seen;
    for (const Id& id : ids) {
        if (!seen.insert(id).second) {
            return invalidArgument("unit_ids: unit " + quoted(id) + " is listed twice");
        }
    }
    return Ok{};
}

struct Decider {
    const State& s;
    const Reference& ref;
    const CommandContext& ctx;
    using Out = Result<std::vector<EventPayload>>;

    Out operator()(const CreateIncident& c) const {
        if (auto st = validateType(ref, c.type); !st)
            return st.error();
        if (auto st = validateLevel(c.level); !st)
            return st.error();
        if (auto st = validateIncidentPosition(ref, c.position, c.mutualAid, "position"); !st)
            return st.error();
        if (auto st = validateText(c.address, kMaxShortTextBytes, false, "address"); !st)
            return st.error();
        if (auto st = validateText(c.description, kMaxNoteBytes, false, "description",
                                   TextKind::MultiLine);
            !st)
            return st.error();
        const TimeMs received = c.received.value_or(ctx.now);
        if (auto st = validateReceived(received); !st)
            return st.error();
        IncidentCreated e{
            nextIncidentId(s, ctx.now),  c.type,  c.level, c.position, c.address, c.description,
            ref.nearestCity(c.position), received};
        std::vector<EventPayload> out;
        const Id id = e.id;
        const std::string city = e.city;
        out.emplace_back(std::move(e));
        if (!ref.inServiceArea(c.position)) {
            out.emplace_back(NoteAdded{id, mutualAidNote(ref, c.position, city)});
        }
        return out;
    }

    Status validateReceived(TimeMs received) const {
        if (received > ctx.now + kMaxReceivedFutureMs || received < ctx.now - kMaxReceivedAgeMs) {
            return invalidArgument("received: " + common::formatUtcIso(received) +
                                   " is outside the accepted window " +
                                   common::formatUtcIso(ctx.now - kMaxReceivedAgeMs) + " .. " +
                                   common::formatUtcIso(ctx.now + kMaxReceivedFutureMs) +
                                   " (at most 24 h before the server's clock and 5 min after it)");
        }
        return Ok{};
    }

    Out operator()(const UpdateIncident& c) const {
        auto inc = findOpenIncident(s, c.id);
        if (!inc)
            return inc.error();
        IncidentUpdated e;
        e.id = c.id;
        if (c.type) {
            if (auto st = validateType(ref, *c.type); !st)
                return st.error();
            e.type = c.type;
        }
        if (c.level) {
            if (auto st = validateLevel(*c.level); !st)
                return st.error();
            e.level = c.level;
        }
        if (c.position) {
            if (auto st = validateIncidentPosition(ref, *c.position, c.mutualAid, "position"); !st)
                return st.error();
            e.position = c.position;
            e.city = ref.nearestCity(*c.position);
        }
        if (c.address) {
            if (auto st = validateText(*c.address, kMaxShortTextBytes, false, "address"); !st)
                return st.error();
            e.address = c.address;
        }
        if (c.description) {
            if (auto st = validateText(*c.description, kMaxNoteBytes, false, "description",
                                       TextKind::MultiLine);
                !st)
                return st.error();
            e.description = c.description;
        }
        if (!e.type && !e.level && !e.position && !e.address && !e.description) {
            return invalidArgument(
                "update: no field to change was given; expected at least one of type, level, "
                "position, address, description");
        }
        std::vector<EventPayload> out;
        out.emplace_back(std::move(e));
        if (c.position && !ref.inServiceArea(*c.position)) {
            out.emplace_back(
                NoteAdded{c.id, mutualAidNote(ref, *c.position, ref.nearestCity(*c.position))});
        }
        return out;
    }

    Out operator()(const SetIncidentStatus& c) const {
        if (c.id.empty())
            return invalidArgument("incident_id: required");
        const Incident* inc = s.incident(c.id);
        if (!inc)
            return notFound("incident_id: no incident " + quoted(c.id));
        if (!canChangeIncidentStatus(inc->status, c.status)) {
            return failedPrecondition("status: incident " + quoted(c.id) + " is " +
                                      toString(inc->status) + " and cannot go to " +
                                      toString(c.status) + "; expected " +
                                      allowedAfter(inc->status));
        }
        std::vector<EventPayload> events;
        if (c.status == IncidentStatus::Closed) {
            // Closing releases every unit still on the incident (the fold does that); where a
            // unit's status on closing differs from a plain release, say so explicitly first.
            for (const Assignment& a : inc->assignments) {
                const Unit* u = a.active() ? s.unit(a.unitId) : nullptr;
                if (!u)
                    continue;
                const UnitStatus next = statusOnIncidentClosed(u->spec.kind, u->status);
                if (next != statusAfterRelease(u->status))
                    events.emplace_back(UnitStatusChanged{u->spec.id, next, std::nullopt});
            }
        }
        events.emplace_back(IncidentStatusChanged{c.id, c.status});
        return events;
    }

    Out operator()(const AddNote& c) const {
        auto inc = findOpenIncident(s, c.incidentId);
        if (!inc)
            return inc.error();
        if (auto st = validateText(c.text, kMaxNoteBytes, true, "text", TextKind::MultiLine); !st)
            return st.error();
        return std::vector<EventPayload>{NoteAdded{c.incidentId, c.text}};
    }

    Out operator()(const DispatchUnits& c) const {
        auto inc = findOpenIncident(s, c.incidentId);
        if (!inc)
            return inc.error();
        if (auto st = checkUnitList(c.unitIds, false); !st)
            return st.error();
        for (const Id& id : c.unitIds) {
            const Unit* u = s.unit(id);
            if (!u)
                return notFound("unit_ids: no unit " + quoted(id));
            if (u->incidentId == c.incidentId) {
                return failedPrecondition("unit_ids: unit " + quoted(id) + " is already " +
                                          toString(u->status) + " on incident " +
                                          quoted(c.incidentId) + "; expected a unit not yet on it");
            }
            if (!canDispatchFrom(u->status)) {
                std::string why = "unit_ids: unit " + quoted(id) + " is " + toString(u->status);
                if (!u->incidentId.empty())
                    why += " on incident " + quoted(u->incidentId);
                return failedPrecondition(why + "; expected available or returning");
            }
        }
        return std::vector<EventPayload>{UnitsDispatched{c.incidentId, c.unitIds}};
    }

    Out operator()(const ReleaseUnits& c) const {
        if (c.incidentId.empty())
            return invalidArgument("incident_id: required");
        const Incident* inc = s.incident(c.incidentId);
        if (!inc)
            return notFound("incident_id: no incident " + quoted(c.incidentId));
        if (auto st = checkUnitList(c.unitIds, true); !st)
            return st.error();
        std::vector<Id> ids = c.unitIds;
        if (ids.empty()) {
            for (const Assignment& a : inc->assignments) {
                if (a.active())
                    ids.push_back(a.unitId);
            }
            if (ids.empty()) {
                return failedPrecondition("unit_ids: empty (release every unit), but incident " +
                                          quoted(c.incidentId) + " has no unit on it (" +
                                          std::to_string(inc->assignments.size()) +
                                          " released before); expected an incident with a "
                                          "unit on it");
            }
        }
        for (const Id& id : ids) {
            const Unit* u = s.unit(id);
            if (!u)
                return notFound("unit_ids: no unit " + quoted(id));
            if (!inc->activeAssignment(id)) {
                std::string where = u->incidentId.empty() ? std::string("on no incident")
                                                          : "on incident " + quoted(u->incidentId);
                return failedPrecondition("unit_ids: unit " + quoted(id) + " is " +
                                          toString(u->status) + " " + where +
                                          "; expected a unit on incident " + quoted(c.incidentId));
            }
        }
        return std::vector<EventPayload>{UnitsReleased{c.incidentId, std::move(ids)}};
    }

    Out operator()(const SetUnitStatus& c) const {
        if (c.unitId.empty())
            return invalidArgument("unit_id: required");
        const Unit* u = s.unit(c.unitId);
        if (!u)
            return notFound("unit_id: no unit " + quoted(c.unitId));
        if (c.status < UnitStatus::Available || c.status > UnitStatus::OutOfService) {
            return invalidArgument("status: unknown unit status " +
                                   std::to_string(static_cast<int>(c.status)));
        }
        if (c.status == UnitStatus::Dispatched && u->status != UnitStatus::Dispatched) {
            return failedPrecondition("status: unit " + quoted(c.unitId) + " is " +
                                      toString(u->status) +
                                      "; dispatched is set by DispatchUnits, which names the "
                                      "incident; expected " +
                                      allowedAfter(u->status));
        }
        if (!canChangeStatus(u->status, c.status)) {
            return failedPrecondition("status: unit " + quoted(c.unitId) + " is " +
                                      toString(u->status) + " and cannot go to " +
                                      toString(c.status) + "; expected " + allowedAfter(u->status));
        }
        if (c.staffing) {
            const int cap = u->spec.crewCapacity;
            if (*c.staffing < 0 || (cap > 0 && *c.staffing > cap)) {
                return invalidArgument("staffing: expected 0.." + std::to_string(cap) +
                                       " for unit " + quoted(c.unitId) + ", got " +
                                       std::to_string(*c.staffing));
            }
        }
        if (c.status == u->status && (!c.staffing || *c.staffing == u->staffing)) {
            return failedPrecondition("status: unit " + quoted(c.unitId) + " is already " +
                                      toString(u->status) + " with staffing " +
                                      std::to_string(u->staffing) +
                                      "; expected a different status or staffing");
        }
        return std::vector<EventPayload>{UnitStatusChanged{c.unitId, c.status, c.staffing}};
    }

    Out operator()(const ReportPosition& c) const {
        if (c.unitId.empty())
            return invalidArgument("unit_id: required");
        if (!s.unit(c.unitId))
            return notFound("unit_id: no unit " + quoted(c.unitId));
        if (auto st = validateFix(c.fix, ctx.now, "fix"); !st)
            return st.error();
        PositionReported e{c.unitId, c.fix};
        if (e.fix.fixTime == 0)
            e.fix.fixTime = ctx.now;
        return std::vector<EventPayload>{std::move(e)};
    }

    Out operator()(const SetMissionState& c) const { return decideAviation(s, ctx, c); }
    Out operator()(const AcknowledgeAlert& c) const { return decideAviation(s, ctx, c); }
    Out operator()(const RaiseAlert& c) const { return decideAviation(s, ctx, c); }
    Out operator()(const ClearAlert& c) const { return decideAviation(s, ctx, c); }
    Out operator()(const ReportTransponder& c) const { return decideAviation(s, ctx, c); }
    Out operator()(const RecordDrop& c) const { return decideAviation(s, ctx, c); }
    Out operator()(const RaisePanelAlarm& c) const { return decideIot(s, ref, ctx, c); }
    Out operator()(const ConfirmAlarmDraft& c) const { return decideIot(s, ref, ctx, c); }
    Out operator()(const DismissAlarmDraft& c) const { return decideIot(s, ref, ctx, c); }
    Out operator()(const SetPanelFault& c) const { return decideIot(s, ref, ctx, c); }
    Out operator()(const ReportWaterReading& c) const { return decideIot(s, ref, ctx, c); }

    Out operator()(const RequestMutualAid& c) const {
        // The same checks as a dispatch: an open incident, units free to go.
        auto dispatch = (*this)(DispatchUnits{c.incidentId, c.unitIds});
        if (!dispatch)
            return dispatch.error();
        if (auto st = validateText(c.note, kMaxShortTextBytes, false, "note"); !st)
            return st.error();
        const Incident* inc = s.incident(c.incidentId);
        std::string owning;
        for (const Id& id : c.unitIds) {
            const std::string city = homeCity(s, *s.unit(id));
            if (owning.empty()) {
                owning = city;
            } else if (city != owning) {
                std::string m = "unit_ids: unit " + quoted(id) + " belongs to " + city;
                m += ", unit " + quoted(c.unitIds.front()) + " to ";
                m += owning;
                m += "; expected the units of one city (one request per city)";
                return invalidArgument(m);
            }
        }
        if (owning == inc->city) {
            return failedPrecondition("unit_ids: the units belong to " + owning +
                                      ", the incident's own city; expected units of another "
                                      "city (dispatch the city's own units with DispatchUnits)");
        }
        for (const auto& [id, r] : s.mutualAid()) {
            if (r.state != MutualAidState::Pending || r.incidentId != c.incidentId)
                continue;
            for (const Id& u : c.unitIds) {
                if (std::find(r.unitIds.begin(), r.unitIds.end(), u) != r.unitIds.end()) {
                    return failedPrecondition("unit_ids: unit " + quoted(u) +
                                              " is already asked for in pending request " +
                                              quoted(id) + "; expected its answer first");
                }
            }
        }
        MutualAidRequested e;
        e.requestId = "MA-" + std::to_string(s.mutualAid().size() + 1);
        e.incidentId = c.incidentId;
        e.unitIds = c.unitIds;
        e.requestingCity = inc->city;
        e.owningCity = owning;
        e.note = c.note;
        return std::vector<EventPayload>{std::move(e)};
    }

    Out operator()(const AnswerMutualAid& c) const {
        if (c.requestId.empty())
            return invalidArgument("request_id: required");
        auto it = s.mutualAid().find(c.requestId);
        if (it == s.mutualAid().end())
            return notFound("request_id: no mutual-aid request " + quoted(c.requestId));
        const MutualAidRequest& r = it->second;
        if (r.state != MutualAidState::Pending) {
            return failedPrecondition("request_id: mutual-aid request " + quoted(r.id) + " was " +
                                      toString(r.state) + " by " + quoted(r.answeredBy) +
                                      "; expected a pending request");
        }
        if (auto st = validateText(c.reason, kMaxShortTextBytes, !c.accept, "reason"); !st)
            return st.error();
        std::vector<EventPayload> out{MutualAidAnswered{r.id, c.accept, c.reason}};
        if (c.accept) {
            // Accepting dispatches the units, if they are still free to go.
            auto dispatch = (*this)(DispatchUnits{r.incidentId, r.unitIds});
            if (!dispatch) {
                return Error{dispatch.error().code, dispatch.error().message +
                                                        " (mutual-aid request " + quoted(r.id) +
                                                        "; refuse it instead)"};
            }
            out.insert(out.end(), dispatch->begin(), dispatch->end());
        }
        return out;
    }
};

}  // namespace

std::string Reference::nearestCity(const LatLon& p) const {
    std::string best;
    double bestM = 0;
    for (const CitySeat& c : citySeats) {
        const double d = greatCircleMeters(p, c.seat);
        if (best.empty() || d < bestM) {
            best = c.id;
            bestM = d;
        }
    }
    return best;
}

double Reference::metersOutside(const LatLon& p) const {
    return serviceArea ? serviceArea->metersOutside(p) : 0.0;
}

bool Reference::inServiceArea(const LatLon& p) const {
    return !serviceArea || serviceArea->contains(p);
}

Status validateIncidentPosition(const Reference& ref, const LatLon& p, bool mutualAid,
                                const char* field) {
    if (auto st = validatePosition(p, field); !st)
        return st;
    if (mutualAid || ref.inServiceArea(p)) {
        return Ok{};
    }
    return invalidArgument(std::string(field) + ": " + formatPosition(p) + " lies " +
                           km(ref.metersOutside(p)) + " outside the " + ref.serviceArea->name() +
                           " service area (margin " +
                           std::to_string(static_cast<int>(ref.serviceArea->marginMeters())) +
                           " m); expected a position inside it, or mutual_aid set for a "
                           "cross-province mutual-aid incident");
}

Id nextIncidentId(const State& state, TimeMs now) {
    const std::time_t secs = static_cast<std::time_t>((now + kChinaOffsetMs) / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char day[40];
    std::snprintf(day, sizeof day, "%04d%02d%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    const int n = (state.lastIncidentDay() == day ? state.incidentsOnLastDay() : 0) + 1;
    char id[64];
    std::snprintf(id, sizeof id, "INC-%s-%04d", day, n);
    return id;
}

Result<std::vector<EventPayload>> decide(const State& state, const Reference& ref,
                                         const CommandContext& ctx, const Command& command) {
    auto events = std::visit(Decider{state, ref, ctx}, command);
    if (events && ctx.cities) {
        if (auto st = checkScope(state, ctx, command, *events); !st)
            return st.error();
    }
    return events;
}

}  // namespace flameblue::core

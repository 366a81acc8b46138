#include "core/decide.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <unordered_set>

#include "core/aviation_decide.h"
#include "core/status_machine.h"

namespace flameblue::core {

namespace {

constexpr TimeMs kChinaOffsetMs = 8LL * 3600 * 1000;
// A fix from further in the future than this is a broken clock, not a position.
constexpr TimeMs kMaxFixFutureMs = 5LL * 60 * 1000;

std::string quoted(const std::string& s) {
    std::string out = "\"";
    out += s.size() > 64 ? s.substr(0, 64) + "..." : s;
    out += "\"";
    return out;
}

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

bool validUtf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        int n = 0;
        if (c < 0x80) {
            n = 0;
        } else if ((c >> 5) == 0x6) {
            n = 1;
        } else if ((c >> 4) == 0xE) {
            n = 2;
        } else if ((c >> 3) == 0x1E) {
            n = 3;
        } else {
            return false;
        }
        if (n > 0 && i + n >= s.size()) {
            return false;
        }
        for (int k = 1; k <= n; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) {
                return false;
            }
        }
        i += n + 1;
    }
    return true;
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

Result<const Incident*> findOpenIncident(const State& s, const Id& id) {
    if (id.empty()) {
        return invalidArgument("incident_id: required");
    }
    const Incident* inc = s.incident(id);
    if (!inc) {
        return notFound("incident_id: no incident " + quoted(id));
    }
    if (inc->status == IncidentStatus::Closed) {
        return failedPrecondition("incident " + quoted(id) + " is closed");
    }
    return inc;
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
        if (auto st = validatePosition(c.position, "position"); !st)
            return st.error();
        if (auto st = validateText(c.address, kMaxShortTextBytes, false, "address"); !st)
            return st.error();
        if (auto st = validateText(c.description, kMaxNoteBytes, false, "description"); !st)
            return st.error();
        const TimeMs received = c.received.value_or(ctx.now);
        if (received <= 0 || received > ctx.now + kMaxFixFutureMs) {
            return invalidArgument("received: time lies in the future or before 1970");
        }
        IncidentCreated e{
            nextIncidentId(s, ctx.now),  c.type,  c.level, c.position, c.address, c.description,
            ref.nearestCity(c.position), received};
        return std::vector<EventPayload>{std::move(e)};
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
            if (auto st = validatePosition(*c.position, "position"); !st)
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
            if (auto st = validateText(*c.description, kMaxNoteBytes, false, "description"); !st)
                return st.error();
            e.description = c.description;
        }
        if (!e.type && !e.level && !e.position && !e.address && !e.description) {
            return invalidArgument("update: no field to change was given");
        }
        return std::vector<EventPayload>{std::move(e)};
    }

    Out operator()(const SetIncidentStatus& c) const {
        if (c.id.empty())
            return invalidArgument("incident_id: required");
        const Incident* inc = s.incident(c.id);
        if (!inc)
            return notFound("incident_id: no incident " + quoted(c.id));
        if (!canChangeIncidentStatus(inc->status, c.status)) {
            return failedPrecondition("incident " + quoted(c.id) + " cannot go from " +
                                      toString(inc->status) + " to " + toString(c.status));
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
        if (auto st = validateText(c.text, kMaxNoteBytes, true, "text"); !st)
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
                return failedPrecondition("unit " + quoted(id) + " is already on incident " +
                                          quoted(c.incidentId));
            }
            if (!canDispatchFrom(u->status)) {
                std::string why = "unit " + quoted(id) + " is " + toString(u->status);
                if (!u->incidentId.empty())
                    why += " on incident " + quoted(u->incidentId);
                return failedPrecondition(why +
                                          "; only available or returning units can be "
                                          "dispatched");
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
                return failedPrecondition("incident " + quoted(c.incidentId) +
                                          " has no units to release");
            }
        }
        for (const Id& id : ids) {
            if (!s.unit(id))
                return notFound("unit_ids: no unit " + quoted(id));
            if (!inc->activeAssignment(id)) {
                return failedPrecondition("unit " + quoted(id) + " is not on incident " +
                                          quoted(c.incidentId));
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
            return invalidArgument("status: unknown unit status");
        }
        if (c.status == UnitStatus::Dispatched && u->status != UnitStatus::Dispatched) {
            return failedPrecondition(
                "status: units are dispatched through Dispatch, which names "
                "the incident");
        }
        if (!canChangeStatus(u->status, c.status)) {
            return failedPrecondition("unit " + quoted(c.unitId) + " cannot go from " +
                                      toString(u->status) + " to " + toString(c.status));
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
            return failedPrecondition("unit " + quoted(c.unitId) + " is already " +
                                      toString(u->status));
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

Status validatePosition(const LatLon& p, const char* field) {
    if (!std::isfinite(p.latDeg) || p.latDeg < -90.0 || p.latDeg > 90.0) {
        return invalidArgument(std::string(field) + ".lat: expected degrees in [-90, 90], got " +
                               fmt(p.latDeg));
    }
    if (!std::isfinite(p.lonDeg) || p.lonDeg < -180.0 || p.lonDeg > 180.0) {
        return invalidArgument(std::string(field) + ".lon: expected degrees in [-180, 180], got " +
                               fmt(p.lonDeg));
    }
    return Ok{};
}

Status validateFix(const PositionFix& fix, TimeMs now, const char* field) {
    if (auto st = validatePosition(fix.position, field); !st)
        return st;
    const std::string f(field);
    if (fix.headingDeg &&
        (!std::isfinite(*fix.headingDeg) || *fix.headingDeg < 0.0 || *fix.headingDeg >= 360.0)) {
        return invalidArgument(f + ".heading_deg: expected [0, 360), got " + fmt(*fix.headingDeg));
    }
    if (fix.speedKmh &&
        (!std::isfinite(*fix.speedKmh) || *fix.speedKmh < 0.0 || *fix.speedKmh > 1500.0)) {
        return invalidArgument(f + ".speed_kmh: expected 0..1500, got " + fmt(*fix.speedKmh));
    }
    if (fix.altitudeM &&
        (!std::isfinite(*fix.altitudeM) || *fix.altitudeM < -500.0 || *fix.altitudeM > 20000.0)) {
        return invalidArgument(f + ".altitude_m: expected -500..20000, got " + fmt(*fix.altitudeM));
    }
    if (fix.fixTime < 0 || fix.fixTime > now + kMaxFixFutureMs) {
        return invalidArgument(f + ".time: lies more than 5 minutes in the future");
    }
    return Ok{};
}

Status validateText(const std::string& text, std::size_t maxBytes, bool required,
                    const char* field) {
    if (required && text.empty()) {
        return invalidArgument(std::string(field) + ": must not be empty");
    }
    if (text.size() > maxBytes) {
        return invalidArgument(std::string(field) + ": at most " + std::to_string(maxBytes) +
                               " bytes, got " + std::to_string(text.size()));
    }
    if (!validUtf8(text)) {
        return invalidArgument(std::string(field) + ": not valid UTF-8");
    }
    return Ok{};
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
    return std::visit(Decider{state, ref, ctx}, command);
}

}  // namespace flameblue::core

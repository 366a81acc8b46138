#include "core/scope.h"

#include <type_traits>

namespace flameblue::core {

namespace {

std::string list(const std::set<std::string>& cities) {
    std::string out;
    for (const auto& c : cities)
        out += (out.empty() ? "" : ",") + c;
    return out;
}

struct ScopeCheck {
    const State& s;
    const CommandContext& ctx;

    bool covers(const std::string& city) const { return !ctx.cities || ctx.cities->contains(city); }

    std::string whose() const {
        return "operator \"" + ctx.operatorId + "\" acts for " + list(*ctx.cities);
    }

    Status incident(const Id& id, const char* field) const {
        const Incident* inc = s.incident(id);
        if (!inc || covers(inc->city))
            return Ok{};
        return permissionDenied(std::string(field) + ": incident \"" + id + "\" is in " +
                                inc->city + "; " + whose());
    }

    Status unit(const Id& id, const char* field, const char* hint) const {
        const Unit* u = s.unit(id);
        if (!u)
            return Ok{};
        const std::string city = homeCity(s, *u);
        if (covers(city))
            return Ok{};
        return permissionDenied(std::string(field) + ": unit \"" + id + "\" belongs to " + city +
                                "; " + whose() + hint);
    }
};

}  // namespace

std::string homeCity(const State& state, const Unit& unit) {
    const Station* st = state.station(unit.spec.stationId);
    return st ? st->city : std::string();
}

Status checkScope(const State& state, const CommandContext& ctx, const Command& command,
                  const std::vector<EventPayload>& events) {
    if (!ctx.cities)
        return Ok{};
    const ScopeCheck check{state, ctx};
    const State& s = state;
    // New incidents (created, or confirmed from an alarm draft) and moved ones: where they are.
    for (const EventPayload& e : events) {
        if (const auto* created = std::get_if<IncidentCreated>(&e)) {
            if (!check.covers(created->city)) {
                return permissionDenied("position: the incident would be in " + created->city +
                                        "; " + check.whose());
            }
        } else if (const auto* updated = std::get_if<IncidentUpdated>(&e)) {
            if (updated->city && !check.covers(*updated->city)) {
                return permissionDenied("position: the incident would move to " + *updated->city +
                                        "; " + check.whose());
            }
        }
    }
    return std::visit(
        [&](const auto& c) -> Status {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, UpdateIncident> ||
                          std::is_same_v<T, SetIncidentStatus>) {
                return check.incident(c.id, "incident_id");
            } else if constexpr (std::is_same_v<T, AddNote> ||
                                 std::is_same_v<T, RequestMutualAid>) {
                // Asking for another city's units is what a mutual-aid request is for: only
                // the incident must be the operator's.
                return check.incident(c.incidentId, "incident_id");
            } else if constexpr (std::is_same_v<T, DispatchUnits> ||
                                 std::is_same_v<T, ReleaseUnits>) {
                if (auto st = check.incident(c.incidentId, "incident_id"); !st)
                    return st;
                for (const Id& id : c.unitIds) {
                    if (auto st = check.unit(
                            id, "unit_ids",
                            std::is_same_v<T, DispatchUnits>
                                ? "; ask for it with RequestMutualAid, which its city or the "
                                  "provincial centre accepts"
                                : "");
                        !st) {
                        return st;
                    }
                }
                return Ok{};
            } else if constexpr (std::is_same_v<T, AnswerMutualAid>) {
                auto it = s.mutualAid().find(c.requestId);
                if (it == s.mutualAid().end() || check.covers(it->second.owningCity))
                    return Ok{};
                return permissionDenied("request_id: mutual-aid request \"" + c.requestId +
                                        "\" is answered by " + it->second.owningCity +
                                        " or the provincial centre; " + check.whose());
            } else if constexpr (std::is_same_v<T, SetUnitStatus> ||
                                 std::is_same_v<T, ReportPosition> ||
                                 std::is_same_v<T, SetMissionState> ||
                                 std::is_same_v<T, RecordDrop>) {
                return check.unit(c.unitId, "unit_id", "");
            } else {
                return Ok{};
            }
        },
        command);
}

}  // namespace flameblue::core

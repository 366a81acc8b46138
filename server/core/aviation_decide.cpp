#include "core/aviation_decide.h"

#include "core/decide.h"
#include "core/status_machine.h"

namespace flameblue::core {

namespace {

std::string quoted(const std::string& s) {
    return "\"" + (s.size() > 64 ? s.substr(0, 64) + "..." : s) + "\"";
}

// The fleet aircraft named by `field`, with its mission, or why not.
struct Aircraft {
    const Unit* unit = nullptr;
    const AircraftMission* mission = nullptr;
};
Result<Aircraft> findAircraft(const State& s, const Id& id, const char* field) {
    if (id.empty()) {
        return invalidArgument(std::string(field) + ": required");
    }
    const Unit* u = s.unit(id);
    if (!u) {
        return notFound(std::string(field) + ": no unit " + quoted(id));
    }
    const AircraftMission* m = s.aviation().mission(id);
    if (u->spec.kind != UnitKind::Aircraft || !m) {
        const std::string what = u->spec.kind == UnitKind::Aircraft
                                     ? "an aircraft without a mission"
                                     : "a ground unit (type " + quoted(u->spec.unitType) + ")";
        return failedPrecondition(std::string(field) + ": unit " + quoted(id) + " is " + what +
                                  "; expected a fleet aircraft");
    }
    return Aircraft{u, m};
}

const Alert* findAlert(const State& s, const Id& id) {
    auto it = s.aviation().alerts.find(id);
    return it == s.aviation().alerts.end() ? nullptr : &it->second;
}

AlertRaised raised(const State& s, AlertKind kind, const Id& unitId, int squawk,
                   std::string detail) {
    return AlertRaised{nextAlertId(s), kind, unitId, squawk, std::move(detail)};
}

// "landed, ready": the mission states the mission machine allows after `from`.
std::string allowedAfter(MissionState from) {
    std::string out;
    for (std::uint8_t i = 1; i <= kMaxMissionState; ++i) {
        const auto to = static_cast<MissionState>(i);
        if (to != from && to != MissionState::Launching && canChangeMission(from, to)) {
            out += (out.empty() ? "" : ", ") + std::string(toString(to));
        }
    }
    return out.empty() ? "none" : out;
}

}  // namespace

Id nextAlertId(const State& s) {
    return "ALR-" + std::to_string(s.aviation().alertsRaised + 1);
}

const char* squawkMeaning(int squawk) {
    switch (squawk) {
        case 7500:
            return "unlawful interference";
        case 7600:
            return "radio failure";
        case 7700:
            return "general emergency";
        default:
            return "";
    }
}

Decision decideAviation(const State& s, const CommandContext&, const SetMissionState& c) {
    auto a = findAircraft(s, c.unitId, "unit_id");
    if (!a)
        return a.error();
    if (static_cast<std::uint8_t>(c.state) < 1 ||
        static_cast<std::uint8_t>(c.state) > kMaxMissionState) {
        return invalidArgument("state: unknown mission state " +
                               std::to_string(static_cast<int>(c.state)) + "; expected 1.." +
                               std::to_string(kMaxMissionState));
    }
    if (auto st = validateText(c.note, kMaxShortTextBytes, false, "note"); !st)
        return st.error();
    const MissionState from = a->mission->state;
    if (c.state == MissionState::Launching) {
        return failedPrecondition("state: aircraft " + quoted(c.unitId) + " is " + toString(from) +
                                  "; launching is set by DispatchUnits, which names the "
                                  "incident; expected " +
                                  allowedAfter(from));
    }
    if (from == c.state) {
        return failedPrecondition("state: aircraft " + quoted(c.unitId) + " is already " +
                                  toString(from) + "; expected " + allowedAfter(from));
    }
    if (!canChangeMission(from, c.state)) {
        return failedPrecondition("state: aircraft " + quoted(c.unitId) + " is " + toString(from) +
                                  " and cannot go to " + toString(c.state) + "; expected " +
                                  allowedAfter(from));
    }
    std::vector<EventPayload> out;
    const UnitStatus target = unitStatusFor(c.state);
    if (target != a->unit->status) {
        if (!canChangeStatus(a->unit->status, target)) {
            return failedPrecondition("state: aircraft " + quoted(c.unitId) + " is " +
                                      toString(a->unit->status) + " as a unit and cannot become " +
                                      toString(target) + " (for mission state " +
                                      toString(c.state) + ")");
        }
        out.emplace_back(UnitStatusChanged{c.unitId, target, {}});
    }
    out.emplace_back(MissionStateChanged{c.unitId, c.state, c.note});
    return out;
}

Decision decideAviation(const State& s, const CommandContext&, const AcknowledgeAlert& c) {
    if (c.alertId.empty())
        return invalidArgument("alert_id: required");
    const Alert* alert = findAlert(s, c.alertId);
    if (!alert)
        return notFound("alert_id: no alert " + quoted(c.alertId));
    if (alert->acknowledged) {
        return failedPrecondition("alert_id: alert " + quoted(c.alertId) +
                                  " was already acknowledged by " + quoted(alert->acknowledgedBy) +
                                  "; expected an unacknowledged alert");
    }
    return std::vector<EventPayload>{AlertAcknowledged{c.alertId}};
}

Decision decideAviation(const State& s, const CommandContext&, const RaiseAlert& c) {
    auto a = findAircraft(s, c.unitId, "unit_id");
    if (!a)
        return a.error();
    if (c.kind != AlertKind::SignalLost && c.kind != AlertKind::LowEndurance) {
        return invalidArgument(std::string("kind: ") + toString(c.kind) +
                               " cannot be raised this way; expected signal_lost or "
                               "low_endurance (emergency squawks come from the transponder)");
    }
    if (auto st = validateText(c.detail, kMaxShortTextBytes, false, "detail"); !st)
        return st.error();
    if (const Alert* open = s.aviation().activeAlert(c.unitId, c.kind)) {
        return failedPrecondition("kind: " + std::string(toString(c.kind)) +
                                  " is already active for aircraft " + quoted(c.unitId) +
                                  " as alert " + quoted(open->id) +
                                  "; expected no open alert of that kind");
    }
    return std::vector<EventPayload>{raised(s, c.kind, c.unitId, 0, c.detail)};
}

Decision decideAviation(const State& s, const CommandContext&, const ClearAlert& c) {
    if (c.alertId.empty())
        return invalidArgument("alert_id: required");
    const Alert* alert = findAlert(s, c.alertId);
    if (!alert)
        return notFound("alert_id: no alert " + quoted(c.alertId));
    if (!alert->active())
        return failedPrecondition("alert_id: alert " + quoted(c.alertId) + " is already cleared (" +
                                  quoted(alert->clearedReason) + "); expected an active alert");
    if (auto st = validateText(c.reason, kMaxShortTextBytes, false, "reason"); !st)
        return st.error();
    return std::vector<EventPayload>{AlertCleared{c.alertId, c.reason}};
}

Decision decideAviation(const State& s, const CommandContext&, const ReportTransponder& c) {
    auto a = findAircraft(s, c.unitId, "unit_id");
    if (!a)
        return a.error();
    if (c.squawk && !isValidSquawk(*c.squawk)) {
        return invalidArgument("squawk: expected four octal digits 0000-7777, got " +
                               std::to_string(*c.squawk));
    }
    if (auto st = validateText(c.flightId, kMaxFlightIdBytes, false, "flight_id"); !st)
        return st.error();
    const AircraftMission& m = *a->mission;
    // A report without a code or flight id says nothing about it: keep what was heard.
    const std::optional<int> squawk = c.squawk ? c.squawk : m.squawk;
    const std::string flightId = c.flightId.empty() ? m.flightId : c.flightId;
    std::vector<EventPayload> out;
    if (squawk == m.squawk && flightId == m.flightId) {
        return out;
    }
    out.emplace_back(TransponderChanged{c.unitId, squawk, flightId});
    if (squawk == m.squawk) {
        return out;
    }
    const Alert* open = s.aviation().activeAlert(c.unitId, AlertKind::EmergencySquawk);
    const bool emergency = squawk && isEmergencySquawk(*squawk);
    if (open) {
        out.emplace_back(AlertCleared{
            open->id, "squawk changed to " + (squawk ? std::to_string(*squawk) : std::string())});
    }
    if (emergency) {
        out.emplace_back(
            raised(s, AlertKind::EmergencySquawk, c.unitId, *squawk,
                   "squawk " + std::to_string(*squawk) + " (" + squawkMeaning(*squawk) + ")"));
    }
    return out;
}

Decision decideAviation(const State& s, const CommandContext&, const RecordDrop& c) {
    auto a = findAircraft(s, c.unitId, "unit_id");
    if (!a)
        return a.error();
    const AircraftMission& m = *a->mission;
    if (m.state != MissionState::OnTask) {
        return failedPrecondition("unit_id: aircraft " + quoted(c.unitId) + " is " +
                                  toString(m.state) +
                                  "; expected on_task (drops are recorded while on task)");
    }
    if (!c.dipSiteId.empty()) {
        const WaterSource* w = s.waterSource(c.dipSiteId);
        if (!w)
            return notFound("dip_site_id: no water source " + quoted(c.dipSiteId));
        if (!w->dipSite) {
            return failedPrecondition("dip_site_id: water source " + quoted(c.dipSiteId) + " (" +
                                      w->kind +
                                      ") is not marked as a dip site; expected a water source "
                                      "with dip_site set");
        }
    }
    return std::vector<EventPayload>{DropRecorded{c.unitId, m.incidentId, c.dipSiteId}};
}

}  // namespace flameblue::core

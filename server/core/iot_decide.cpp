#include "core/iot_decide.h"

#include <algorithm>
#include <cmath>

#include "core/validation.h"

namespace flameblue::core {

namespace {

std::string quoted(const std::string& s) {
    std::string out = "\"";
    out += s.size() > 64 ? s.substr(0, 64) + "..." : s;
    out += "\"";
    return out;
}

Result<const AlarmDraft*> findOpenDraft(const State& s, const Id& id) {
    if (id.empty()) {
        return invalidArgument("draft_id: required");
    }
    auto it = s.iot().drafts.find(id);
    if (it == s.iot().drafts.end()) {
        return notFound("draft_id: no alarm draft " + quoted(id));
    }
    const AlarmDraft& d = it->second;
    if (!d.open()) {
        std::string why = "draft_id: alarm draft " + quoted(id) + " is already ";
        why += toString(d.status);
        if (!d.settledBy.empty())
            why += " by " + quoted(d.settledBy);
        if (d.status == DraftStatus::Confirmed)
            why += " as incident " + quoted(d.incidentId);
        why += "; expected an open draft";
        return failedPrecondition(why);
    }
    return &d;
}

Status checkId(const Id& id, const char* field) {
    return validateText(id, kMaxShortTextBytes, true, field);
}

}  // namespace

Id nextDraftId(const State& s) {
    return "DRF-" + std::to_string(s.iot().draftsRaised + 1);
}

std::string draftDescription(const AlarmDraft& d) {
    std::string out = "自动火灾报警 / automatic fire alarm: ";
    out += d.building.nameZh;
    out += " / ";
    out += d.building.nameEn;
    out += " (";
    out += d.building.id;
    out += "), ";
    out += std::to_string(d.confidence());
    out += d.confidence() == 1 ? " detector" : " detectors";
    for (std::size_t i = 0; i < d.devices.size(); ++i) {
        out += i == 0 ? ": " : ", ";
        out += d.devices[i];
        if (i < d.zones.size() && !d.zones[i].empty()) {
            out += " [";
            out += d.zones[i];
            out += "]";
        }
    }
    out += " (";
    out += d.id;
    out += ")";
    if (!d.building.preplanEn.empty() || !d.building.preplanZh.empty()) {
        out += "\n预案 / pre-plan: ";
        out += d.building.preplanZh;
        if (!d.building.preplanEn.empty()) {
            out += " / ";
            out += d.building.preplanEn;
        }
    }
    return out;
}

IotDecision decideIot(const State& s, const Reference& ref, const CommandContext& ctx,
                      const RaisePanelAlarm& c) {
    if (auto st = checkId(c.building.id, "building.id"); !st)
        return st.error();
    if (auto st = checkId(c.deviceId, "device_id"); !st)
        return st.error();
    if (auto st = validateText(c.zone, kMaxShortTextBytes, false, "zone"); !st)
        return st.error();
    if (!ref.incidentTypes.empty() && !ref.incidentTypes.contains(c.incidentType)) {
        return invalidArgument("incident_type: unknown incident type " + quoted(c.incidentType));
    }
    if (c.level < kMinIncidentLevel || c.level > kMaxIncidentLevel) {
        return invalidArgument("level: expected 1 to 5, got " + std::to_string(c.level));
    }
    if (auto st = validateIncidentPosition(ref, c.building.position, false, "building.position");
        !st)
        return st.error();
    std::vector<EventPayload> out;
    if (const AlarmDraft* open = s.iot().openDraftFor(c.building.id)) {
        if (std::find(open->devices.begin(), open->devices.end(), c.deviceId) ==
            open->devices.end()) {
            out.emplace_back(AlarmDraftCorroborated{open->id, c.deviceId, c.zone});
        }
        return out;  // the same detector again: nothing new
    }
    (void)ctx;
    out.emplace_back(AlarmDraftRaised{nextDraftId(s), c.building, c.incidentType, c.level,
                                      c.deviceId, c.zone, c.detected});
    return out;
}

IotDecision decideIot(const State& s, const Reference& ref, const CommandContext& ctx,
                      const ConfirmAlarmDraft& c) {
    auto found = findOpenDraft(s, c.draftId);
    if (!found)
        return found.error();
    const AlarmDraft& d = **found;
    CreateIncident create;
    create.type = c.type.value_or(d.incidentType);
    create.level = c.level.value_or(d.level);
    create.position = d.building.position;
    create.address = d.building.address.empty() ? d.building.nameZh : d.building.address;
    create.description = draftDescription(d);
    if (!c.description.empty()) {
        create.description += "\n";
        create.description += c.description;
    }
    if (create.description.size() > kMaxNoteBytes) {
        create.description.resize(kMaxNoteBytes);
        while (!create.description.empty() &&
               invalidUtf8At(create.description) != std::string::npos)
            create.description.pop_back();
    }
    create.received = std::clamp(d.raised, ctx.now - kMaxReceivedAgeMs, ctx.now);
    auto created = decide(s, ref, ctx, Command{create});
    if (!created)
        return created.error();
    std::vector<EventPayload> out = std::move(created).value();
    const auto* inc = out.empty() ? nullptr : std::get_if<IncidentCreated>(&out.front());
    if (!inc) {
        return Error{ErrorCode::Internal, "confirming a draft created no incident"};
    }
    out.emplace_back(AlarmDraftConfirmed{d.id, inc->id});
    return out;
}

IotDecision decideIot(const State& s, const Reference&, const CommandContext&,
                      const DismissAlarmDraft& c) {
    auto found = findOpenDraft(s, c.draftId);
    if (!found)
        return found.error();
    if (auto st = validateText(c.reason, kMaxShortTextBytes, true, "reason"); !st)
        return st.error();
    std::vector<EventPayload> out;
    out.emplace_back(AlarmDraftDismissed{c.draftId, c.reason});
    return out;
}

IotDecision decideIot(const State& s, const Reference&, const CommandContext&,
                      const SetPanelFault& c) {
    if (auto st = checkId(c.deviceId, "device_id"); !st)
        return st.error();
    if (auto st = validateText(c.reason, kMaxShortTextBytes, false, "reason"); !st)
        return st.error();
    std::vector<EventPayload> out;
    auto it = s.iot().faults.find(c.deviceId);
    if (c.fault && (it == s.iot().faults.end() || it->second.reason != c.reason)) {
        out.emplace_back(PanelFaultRaised{c.deviceId, c.buildingId, c.reason});
    } else if (!c.fault && it != s.iot().faults.end()) {
        out.emplace_back(PanelFaultCleared{c.deviceId, c.reason});
    }
    return out;
}

IotDecision decideIot(const State& s, const Reference&, const CommandContext&,
                      const ReportWaterReading& c) {
    const WaterReading& r = c.reading;
    if (!s.waterSource(r.sourceId)) {
        return notFound("source_id: no water source " + quoted(r.sourceId));
    }
    if (r.quantity != "pressure_kpa" && r.quantity != "level_m") {
        return invalidArgument("quantity: expected pressure_kpa or level_m, got " +
                               quoted(r.quantity));
    }
    if (!std::isfinite(r.value) || !std::isfinite(r.threshold)) {
        return invalidArgument("value: expected a finite number");
    }
    std::vector<EventPayload> out;
    out.emplace_back(WaterReadingReported{r});
    return out;
}

}  // namespace flameblue::core

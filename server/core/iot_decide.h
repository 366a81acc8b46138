#pragma once

#include <vector>

#include "core/commands.h"
#include "core/decide.h"
#include "core/events.h"
#include "core/result.h"
#include "core/state.h"

namespace flameblue::core {

// decide() for building alarms and water telemetry: validated against the state, precise
// refusals.
using IotDecision = Result<std::vector<EventPayload>>;
IotDecision decideIot(const State& s, const Reference& ref, const CommandContext& ctx,
                      const RaisePanelAlarm& c);
IotDecision decideIot(const State& s, const Reference& ref, const CommandContext& ctx,
                      const ConfirmAlarmDraft& c);
IotDecision decideIot(const State& s, const Reference& ref, const CommandContext& ctx,
                      const DismissAlarmDraft& c);
IotDecision decideIot(const State& s, const Reference& ref, const CommandContext& ctx,
                      const SetPanelFault& c);
IotDecision decideIot(const State& s, const Reference& ref, const CommandContext& ctx,
                      const ReportWaterReading& c);

// The id the next raised draft gets: "DRF-<n>".
Id nextDraftId(const State& s);

// What the generated incident description says about a confirmed draft.
std::string draftDescription(const AlarmDraft& d);

}  // namespace flameblue::core

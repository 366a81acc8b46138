#pragma once

#include <vector>

#include "core/entities.h"

namespace flameblue::core {

// The unit duty cycle as an explicit state machine. Dispatch is its own transition (it needs an
// incident), so `canChangeStatus` covers only what a crew or dispatcher reports directly.
//
//   Available --dispatch--> Dispatched --> EnRoute --> OnScene --> Returning --> Available
//   Returning --dispatch--> Dispatched          (a unit on its way home can be re-tasked)
//   Dispatched/EnRoute --> Available            (cancelled before arrival)
//   Available/Returning --> OutOfService --> Available
bool canChangeStatus(UnitStatus from, UnitStatus to);
bool canDispatchFrom(UnitStatus from);
// Dispatched, en route and on scene units belong to an incident.
bool isCommitted(UnitStatus s);
// The status a unit takes when it is released from its incident.
UnitStatus statusAfterRelease(UnitStatus current);
// The status a unit takes when its incident is closed: a ground unit has left quarters once
// dispatched, so it drives home (returning) until its crew reports it available; an aircraft
// still on the ground (launching) stands down, one in the air returns.
UnitStatus statusOnIncidentClosed(UnitKind kind, UnitStatus current);

bool canChangeIncidentStatus(IncidentStatus from, IncidentStatus to);

// What an operator may set next, in the duty cycle's order: the statuses `canChangeStatus`
// allows after `from` other than `from` itself and Dispatched (which only a dispatch sets).
// Consoles offer exactly these; the server refuses the rest.
std::vector<UnitStatus> manualStatusesAfter(UnitStatus from);
// The statuses an incident may take next (none once closed).
std::vector<IncidentStatus> incidentStatusesAfter(IncidentStatus from);

}  // namespace flameblue::core

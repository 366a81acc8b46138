#include "core/status_machine.h"

namespace flameblue::core {

bool canChangeStatus(UnitStatus from, UnitStatus to) {
    using S = UnitStatus;
    if (from == to) {
        // Re-reporting the same status is allowed so that staffing can change with it.
        return true;
    }
    switch (from) {
        case S::Available:
            return to == S::OutOfService;
        case S::Dispatched:
            return to == S::EnRoute || to == S::OnScene || to == S::Available;
        case S::EnRoute:
            return to == S::OnScene || to == S::Returning || to == S::Available;
        case S::OnScene:
            return to == S::Returning || to == S::Available;
        case S::Returning:
            return to == S::Available || to == S::OutOfService;
        case S::OutOfService:
            return to == S::Available;
    }
    return false;
}

bool canDispatchFrom(UnitStatus from) {
    return from == UnitStatus::Available || from == UnitStatus::Returning;
}

bool isCommitted(UnitStatus s) {
    return s == UnitStatus::Dispatched || s == UnitStatus::EnRoute || s == UnitStatus::OnScene;
}

UnitStatus statusAfterRelease(UnitStatus current) {
    // A unit that never left quarters is simply available again; one that left drives home.
    return current == UnitStatus::Dispatched ? UnitStatus::Available : UnitStatus::Returning;
}

UnitStatus statusOnIncidentClosed(UnitKind kind, UnitStatus current) {
    if (kind == UnitKind::Aircraft) {
        return statusAfterRelease(current);
    }
    return isCommitted(current) ? UnitStatus::Returning : current;
}

std::vector<UnitStatus> manualStatusesAfter(UnitStatus from) {
    std::vector<UnitStatus> out;
    for (int i = static_cast<int>(UnitStatus::Available);
         i <= static_cast<int>(UnitStatus::OutOfService); ++i) {
        const auto to = static_cast<UnitStatus>(i);
        if (to != from && to != UnitStatus::Dispatched && canChangeStatus(from, to))
            out.push_back(to);
    }
    return out;
}

std::vector<IncidentStatus> incidentStatusesAfter(IncidentStatus from) {
    std::vector<IncidentStatus> out;
    for (int i = static_cast<int>(IncidentStatus::Received);
         i <= static_cast<int>(IncidentStatus::Closed); ++i) {
        const auto to = static_cast<IncidentStatus>(i);
        if (canChangeIncidentStatus(from, to))
            out.push_back(to);
    }
    return out;
}

bool canChangeIncidentStatus(IncidentStatus from, IncidentStatus to) {
    using S = IncidentStatus;
    switch (to) {
        case S::UnderControl:
            return from == S::Received || from == S::Active;
        case S::Closed:
            return from != S::Closed;
        case S::Active:
            // Re-opening: a fire flares up again after being declared under control.
            return from == S::UnderControl;
        case S::Received:
            return false;
    }
    return false;
}

}  // namespace flameblue::core

#include "core/aviation.h"

namespace flameblue::core {

const AircraftMission* AviationState::mission(const Id& unitId) const {
    auto it = missions.find(unitId);
    return it == missions.end() ? nullptr : &it->second;
}

const Alert* AviationState::activeAlert(const Id& unitId, AlertKind kind) const {
    for (const auto& [id, alert] : alerts) {
        if (alert.unitId == unitId && alert.kind == kind && alert.active()) {
            return &alert;
        }
    }
    return nullptr;
}

bool canChangeMission(MissionState from, MissionState to) {
    using M = MissionState;
    switch (from) {
        case M::Ready:
            return to == M::Maintenance;
        case M::Launching:
            return to == M::EnRoute || to == M::Ready;
        case M::EnRoute:
            return to == M::OnTask || to == M::Returning;
        case M::OnTask:
            return to == M::Returning;
        case M::Returning:
            return to == M::Landed || to == M::Maintenance;
        case M::Landed:
            return to == M::Ready || to == M::Maintenance;
        case M::Maintenance:
            return to == M::Ready;
    }
    return false;
}

bool canTaskFrom(MissionState from) {
    return from == MissionState::Ready || from == MissionState::Landed ||
           from == MissionState::Returning;
}

UnitStatus unitStatusFor(MissionState s) {
    switch (s) {
        case MissionState::Ready:
        case MissionState::Landed:
            return UnitStatus::Available;
        case MissionState::Launching:
            return UnitStatus::Dispatched;
        case MissionState::EnRoute:
            return UnitStatus::EnRoute;
        case MissionState::OnTask:
            return UnitStatus::OnScene;
        case MissionState::Returning:
            return UnitStatus::Returning;
        case MissionState::Maintenance:
            return UnitStatus::OutOfService;
    }
    return UnitStatus::Available;
}

MissionState missionFollowing(UnitStatus status, MissionState current) {
    if (unitStatusFor(current) == status) {
        return current;
    }
    switch (status) {
        case UnitStatus::Dispatched:
            return MissionState::Launching;
        case UnitStatus::EnRoute:
            return MissionState::EnRoute;
        case UnitStatus::OnScene:
            return MissionState::OnTask;
        case UnitStatus::Returning:
            return MissionState::Returning;
        case UnitStatus::OutOfService:
            return MissionState::Maintenance;
        case UnitStatus::Available:
            // Cancelled before take-off, or out of maintenance: ready. After a flight: landed.
            return current == MissionState::Launching || current == MissionState::Maintenance
                       ? MissionState::Ready
                       : MissionState::Landed;
    }
    return current;
}

bool isFlying(MissionState s) {
    return s == MissionState::EnRoute || s == MissionState::OnTask || s == MissionState::Returning;
}

bool isEmergencySquawk(int squawk) {
    return squawk == 7500 || squawk == 7600 || squawk == 7700;
}

bool isValidSquawk(int squawk) {
    if (squawk < 0 || squawk > 7777) {
        return false;
    }
    for (int v = squawk; v > 0; v /= 10) {
        if (v % 10 > 7) {
            return false;
        }
    }
    return true;
}

const char* toString(MissionState s) {
    switch (s) {
        case MissionState::Ready:
            return "ready";
        case MissionState::Launching:
            return "launching";
        case MissionState::EnRoute:
            return "en_route";
        case MissionState::OnTask:
            return "on_task";
        case MissionState::Returning:
            return "returning";
        case MissionState::Landed:
            return "landed";
        case MissionState::Maintenance:
            return "maintenance";
    }
    return "unknown";
}

const char* toString(AlertKind k) {
    switch (k) {
        case AlertKind::SignalLost:
            return "signal_lost";
        case AlertKind::EmergencySquawk:
            return "emergency_squawk";
        case AlertKind::LowEndurance:
            return "low_endurance";
    }
    return "unknown";
}

}  // namespace flameblue::core

#include <algorithm>

#include "core/state.h"

namespace flameblue::core {

namespace {

// Closed alerts (cleared and acknowledged, or a signal that came back) kept in the state so that
// consoles see how they ended; older ones are only in the event log.
constexpr std::size_t kMaxClosedAlerts = 100;

void enter(AircraftMission& m, MissionState next, TimeMs t, const Unit& unit) {
    if (next == MissionState::Launching) {
        // A new sortie.
        m.history.clear();
        m.drops.clear();
        m.dipSiteId.clear();
        m.airborneSince.reset();
    }
    if (next == MissionState::EnRoute && !m.airborneSince) {
        m.airborneSince = t;
    }
    if (next == MissionState::Ready || next == MissionState::Landed ||
        next == MissionState::Maintenance) {
        m.airborneSince.reset();
    }
    if (!unit.incidentId.empty()) {
        m.incidentId = unit.incidentId;
    } else if (next == MissionState::Ready || next == MissionState::Maintenance) {
        m.incidentId.clear();
    }
    if (m.history.size() < kMaxSortieEntries) {
        m.history.push_back(MissionTransition{next, t});
    }
    m.state = next;
    m.since = t;
}

AircraftMission missionFor(const Unit& unit, TimeMs t) {
    AircraftMission m;
    m.state = missionFollowing(unit.status, MissionState::Ready);
    m.since = unit.statusSince != 0 ? unit.statusSince : t;
    m.incidentId = unit.incidentId;
    return m;
}

}  // namespace

void State::syncMissions(TimeMs t, bool roster) {
    if (roster) {
        for (const auto& [id, unit] : m_units) {
            if (unit.spec.kind == UnitKind::Aircraft && !m_aviation.missions.contains(id)) {
                m_aviation.missions.emplace(id, missionFor(unit, t));
            }
        }
    }
    for (auto it = m_aviation.missions.begin(); it != m_aviation.missions.end();) {
        const Unit* unit = this->unit(it->first);
        if (!unit || unit->spec.kind != UnitKind::Aircraft) {
            it = m_aviation.missions.erase(it);
            continue;
        }
        AircraftMission& m = it->second;
        const MissionState next = missionFollowing(unit->status, m.state);
        if (next != m.state) {
            enter(m, next, t, *unit);
        } else if (!unit->incidentId.empty() && m.incidentId != unit->incidentId) {
            m.incidentId = unit->incidentId;
        }
        ++it;
    }
}

void State::noteAircraftFix(const Id& unitId, const PositionFix& fix) {
    auto it = m_aviation.missions.find(unitId);
    if (it == m_aviation.missions.end()) {
        return;
    }
    AircraftMission& m = it->second;
    if (!fix.speedKmh) {
        return;
    }
    // An aircraft heard flying is airborne whatever its mission state says: take-off is seen in
    // the feed before anyone reports "en route", and a flight nobody entered (a ferry, a
    // training sortie, a state not updated) is a flight all the same, with its signal watched.
    if (!m.airborneSince && *fix.speedKmh >= kTakeOffSpeedKmh) {
        m.airborneSince = fix.fixTime;
        return;
    }
    // Heard slow again while nobody says it is flying: it has landed. (A hover over a fire is
    // flown in a flying state, where the airborne time is kept.)
    if (m.airborneSince && !isFlying(m.state) && m.state != MissionState::Launching &&
        *fix.speedKmh < kTakeOffSpeedKmh) {
        m.airborneSince.reset();
    }
}

void State::applyAviation(const MissionStateChanged& e, TimeMs t) {
    auto it = m_aviation.missions.find(e.unitId);
    const Unit* unit = this->unit(e.unitId);
    if (it == m_aviation.missions.end() || !unit || it->second.state == e.state) {
        return;
    }
    enter(it->second, e.state, t, *unit);
}

void State::applyAviation(const AlertRaised& e, TimeMs t) {
    Alert a;
    a.id = e.alertId;
    a.kind = e.kind;
    a.unitId = e.unitId;
    a.squawk = e.squawk;
    a.detail = e.detail;
    a.raised = t;
    m_aviation.alerts[e.alertId] = std::move(a);
    ++m_aviation.alertsRaised;
}

void State::applyAviation(const AlertAcknowledged& e, TimeMs t, const std::string& op) {
    auto it = m_aviation.alerts.find(e.alertId);
    if (it == m_aviation.alerts.end()) {
        return;
    }
    it->second.acknowledged = t;
    it->second.acknowledgedBy = op;
    pruneClosedAlerts();
}

void State::applyAviation(const AlertCleared& e, TimeMs t) {
    auto it = m_aviation.alerts.find(e.alertId);
    if (it == m_aviation.alerts.end()) {
        return;
    }
    it->second.cleared = t;
    it->second.clearedReason = e.reason;
    pruneClosedAlerts();
}

void State::applyAviation(const TransponderChanged& e) {
    auto it = m_aviation.missions.find(e.unitId);
    if (it != m_aviation.missions.end()) {
        it->second.squawk = e.squawk;
        it->second.flightId = e.flightId;
    }
}

void State::applyAviation(const DropRecorded& e, TimeMs t) {
    auto it = m_aviation.missions.find(e.unitId);
    if (it == m_aviation.missions.end()) {
        return;
    }
    AircraftMission& m = it->second;
    if (m.drops.size() < kMaxSortieEntries) {
        m.drops.push_back(t);
    }
    if (!e.dipSiteId.empty()) {
        m.dipSiteId = e.dipSiteId;
    }
}

void State::pruneClosedAlerts() {
    std::vector<const Alert*> closed;
    for (const auto& [id, a] : m_aviation.alerts) {
        if (!a.active() && !a.onBanner())
            closed.push_back(&a);
    }
    if (closed.size() <= kMaxClosedAlerts) {
        return;
    }
    std::sort(closed.begin(), closed.end(), [](const Alert* a, const Alert* b) {
        return a->raised != b->raised ? a->raised < b->raised : a->id < b->id;
    });
    std::vector<Id> drop;
    for (std::size_t i = 0; i + kMaxClosedAlerts < closed.size(); ++i)
        drop.push_back(closed[i]->id);
    for (const Id& id : drop)
        m_aviation.alerts.erase(id);
}

}  // namespace flameblue::core

#include "core/state.h"

#include "core/status_machine.h"

namespace flameblue::core {

namespace {
template <typename Map>
auto findIn(const Map& m, const Id& id) -> const typename Map::mapped_type* {
    auto it = m.find(id);
    return it == m.end() ? nullptr : &it->second;
}
}  // namespace

const Station* State::station(const Id& id) const {
    return findIn(m_stations, id);
}
const Unit* State::unit(const Id& id) const {
    return findIn(m_units, id);
}
const WaterSource* State::waterSource(const Id& id) const {
    return findIn(m_waterSources, id);
}
const Incident* State::incident(const Id& id) const {
    return findIn(m_incidents, id);
}

void State::releaseUnit(Incident& incident, const Id& unitId, TimeMs t) {
    if (Assignment* a = incident.activeAssignment(unitId)) {
        a->released = t;
    }
    auto it = m_units.find(unitId);
    if (it != m_units.end() && it->second.incidentId == incident.id) {
        Unit& u = it->second;
        u.status = statusAfterRelease(u.status);
        u.statusSince = t;
        u.incidentId.clear();
    }
}

void State::applyRoster(const StationUpserted& e) {
    m_stations[e.station.id] = e.station;
}

void State::applyRoster(const UnitUpserted& e, TimeMs t) {
    auto [it, inserted] = m_units.try_emplace(e.spec.id);
    it->second.spec = e.spec;
    if (inserted) {
        it->second.staffing = e.staffing;
        it->second.statusSince = t;
    }
}

void State::applyRoster(const WaterSourceUpserted& e) {
    m_waterSources[e.source.id] = e.source;
}

void State::applyRoster(const EntityRemoved& e) {
    switch (e.kind) {
        case EntityKind::Station:
            m_stations.erase(e.id);
            break;
        case EntityKind::Unit:
            m_units.erase(e.id);
            break;
        case EntityKind::WaterSource:
            m_waterSources.erase(e.id);
            break;
        case EntityKind::Incident:
            m_incidents.erase(e.id);
            break;
    }
}

void State::applyIncident(const IncidentCreated& e) {
    Incident& inc = m_incidents[e.id];
    inc.id = e.id;
    inc.type = e.type;
    inc.level = e.level;
    inc.position = e.position;
    inc.address = e.address;
    inc.description = e.description;
    inc.city = e.city;
    inc.received = e.received;
    inc.status = IncidentStatus::Received;
    const std::string day = e.id.size() >= 12 ? e.id.substr(4, 8) : std::string();
    if (day == m_lastIncidentDay) {
        ++m_incidentsOnLastDay;
    } else {
        m_lastIncidentDay = day;
        m_incidentsOnLastDay = 1;
    }
}

void State::applyIncident(const IncidentUpdated& e) {
    auto it = m_incidents.find(e.id);
    if (it == m_incidents.end()) {
        return;
    }
    Incident& inc = it->second;
    if (e.type)
        inc.type = *e.type;
    if (e.level)
        inc.level = *e.level;
    if (e.position)
        inc.position = *e.position;
    if (e.address)
        inc.address = *e.address;
    if (e.description)
        inc.description = *e.description;
    if (e.city)
        inc.city = *e.city;
}

void State::applyIncident(const IncidentStatusChanged& e, TimeMs t) {
    auto it = m_incidents.find(e.id);
    if (it == m_incidents.end()) {
        return;
    }
    Incident& inc = it->second;
    inc.status = e.status;
    if (e.status == IncidentStatus::UnderControl) {
        inc.underControl = t;
    } else if (e.status == IncidentStatus::Closed) {
        inc.closed = t;
        for (const Assignment& a : std::vector<Assignment>(inc.assignments)) {
            if (a.active()) {
                releaseUnit(inc, a.unitId, t);
            }
        }
    }
}

void State::applyIncident(const NoteAdded& e, TimeMs t, const std::string& op) {
    auto it = m_incidents.find(e.incidentId);
    if (it != m_incidents.end()) {
        it->second.notes.push_back(Note{t, op, e.text});
    }
}

void State::applyUnits(const UnitsDispatched& e, TimeMs t) {
    auto it = m_incidents.find(e.incidentId);
    if (it == m_incidents.end()) {
        return;
    }
    Incident& inc = it->second;
    for (const Id& unitId : e.unitIds) {
        auto u = m_units.find(unitId);
        if (u == m_units.end()) {
            continue;
        }
        u->second.status = UnitStatus::Dispatched;
        u->second.statusSince = t;
        u->second.incidentId = inc.id;
        inc.assignments.push_back(Assignment{unitId, t, {}, {}, {}});
    }
    if (!inc.firstDispatched) {
        inc.firstDispatched = t;
    }
    if (inc.status == IncidentStatus::Received) {
        inc.status = IncidentStatus::Active;
    }
}

void State::applyUnits(const UnitsReleased& e, TimeMs t) {
    auto it = m_incidents.find(e.incidentId);
    if (it == m_incidents.end()) {
        return;
    }
    for (const Id& unitId : e.unitIds) {
        releaseUnit(it->second, unitId, t);
    }
}

void State::applyUnits(const UnitStatusChanged& e, TimeMs t) {
    auto it = m_units.find(e.unitId);
    if (it == m_units.end()) {
        return;
    }
    Unit& u = it->second;
    if (e.staffing) {
        u.staffing = *e.staffing;
    }
    if (u.status == e.status) {
        return;
    }
    Incident* inc = nullptr;
    if (!u.incidentId.empty()) {
        auto i = m_incidents.find(u.incidentId);
        inc = i == m_incidents.end() ? nullptr : &i->second;
    }
    Assignment* a = inc ? inc->activeAssignment(u.spec.id) : nullptr;
    if (isCommitted(e.status)) {
        if (a && e.status == UnitStatus::EnRoute && !a->enRoute)
            a->enRoute = t;
        if (a && e.status == UnitStatus::OnScene && !a->onScene)
            a->onScene = t;
    } else if (a) {
        // Clearing from the incident (available, returning, out of service) ends the
        // assignment.
        a->released = t;
        u.incidentId.clear();
    }
    u.status = e.status;
    u.statusSince = t;
}

void State::applyUnits(const PositionReported& e) {
    auto it = m_units.find(e.unitId);
    if (it != m_units.end()) {
        it->second.lastFix = e.fix;
        if (it->second.spec.kind == UnitKind::Aircraft)
            noteAircraftFix(e.unitId, e.fix);
    }
}

void State::applyMutualAid(const MutualAidRequested& e, TimeMs t, const std::string& op) {
    MutualAidRequest r;
    r.id = e.requestId;
    r.incidentId = e.incidentId;
    r.unitIds = e.unitIds;
    r.requestingCity = e.requestingCity;
    r.owningCity = e.owningCity;
    r.note = e.note;
    r.requestedBy = op;
    r.requested = t;
    m_mutualAid[r.id] = std::move(r);
}

void State::applyMutualAid(const MutualAidAnswered& e, TimeMs t, const std::string& op) {
    auto it = m_mutualAid.find(e.requestId);
    if (it == m_mutualAid.end())
        return;
    it->second.state = e.accepted ? MutualAidState::Accepted : MutualAidState::Refused;
    it->second.answeredBy = op;
    it->second.answered = t;
    it->second.reason = e.reason;
}

void State::apply(const Event& event) {
    const TimeMs t = event.time;
    struct Visitor {
        State& s;
        TimeMs t;
        const std::string& op;

        void operator()(const StationUpserted& e) { s.applyRoster(e); }
        void operator()(const UnitUpserted& e) { s.applyRoster(e, t); }
        void operator()(const WaterSourceUpserted& e) { s.applyRoster(e); }
        void operator()(const EntityRemoved& e) { s.applyRoster(e); }
        void operator()(const IncidentCreated& e) { s.applyIncident(e); }
        void operator()(const IncidentUpdated& e) { s.applyIncident(e); }
        void operator()(const IncidentStatusChanged& e) { s.applyIncident(e, t); }
        void operator()(const NoteAdded& e) { s.applyIncident(e, t, op); }
        void operator()(const UnitsDispatched& e) { s.applyUnits(e, t); }
        void operator()(const UnitsReleased& e) { s.applyUnits(e, t); }
        void operator()(const UnitStatusChanged& e) { s.applyUnits(e, t); }
        void operator()(const PositionReported& e) { s.applyUnits(e); }
        void operator()(const MissionStateChanged& e) { s.applyAviation(e, t); }
        void operator()(const AlertRaised& e) { s.applyAviation(e, t); }
        void operator()(const AlertAcknowledged& e) { s.applyAviation(e, t, op); }
        void operator()(const AlertCleared& e) { s.applyAviation(e, t); }
        void operator()(const TransponderChanged& e) { s.applyAviation(e); }
        void operator()(const DropRecorded& e) { s.applyAviation(e, t); }
        // Drill markers: the session replaces the state beside a reset; a hand-over changes
        // what the replay sends, not the state.
        void operator()(const DrillStateReset&) {}
        void operator()(const IncidentHandedOver&) {}
        void operator()(const AlarmDraftRaised& e) { s.applyIot(e, t); }
        void operator()(const AlarmDraftCorroborated& e) { s.applyIot(e); }
        void operator()(const AlarmDraftConfirmed& e) { s.applyIot(e, t, op); }
        void operator()(const AlarmDraftDismissed& e) { s.applyIot(e, t, op); }
        void operator()(const PanelFaultRaised& e) { s.applyIot(e, t); }
        void operator()(const PanelFaultCleared& e) { s.applyIot(e); }
        void operator()(const WaterReadingReported& e) { s.applyIot(e); }
        void operator()(const MutualAidRequested& e) { s.applyMutualAid(e, t, op); }
        void operator()(const MutualAidAnswered& e) { s.applyMutualAid(e, t, op); }
    };
    std::visit(Visitor{*this, t, event.operatorId}, event.payload);
    // Unit status changes made by dispatch, release or status reports move the mission too.
    if (static_cast<int>(kindOf(event.payload)) <
            static_cast<int>(EventKind::MissionStateChanged) &&
        !isPositionFix(event.payload)) {
        const bool roster = std::holds_alternative<UnitUpserted>(event.payload) ||
                            std::holds_alternative<EntityRemoved>(event.payload);
        syncMissions(t, roster);
    }
    m_lastSeq = event.seq;
    m_lastEventTime = t;
}

}  // namespace flameblue::core

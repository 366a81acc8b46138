#include "replay/hand_over_filter.h"

#include <algorithm>

namespace flameblue::replay {

void HandOverFilter::handOver(const core::Id& incidentId, const core::State& history) {
    if (m_incidents.empty()) {
        m_history = history;
    }
    m_incidents.insert(incidentId);
}

void HandOverFilter::clear() {
    m_incidents.clear();
    m_heldUnits.clear();
    m_history = core::State{};
}

bool HandOverFilter::traineeHolds(const core::Id& unitId, const core::State& served) const {
    const core::Unit* u = served.unit(unitId);
    if (!u || u->incidentId.empty() || !m_incidents.contains(u->incidentId)) {
        return false;
    }
    const core::Unit* h = m_history.unit(unitId);
    return !h || h->incidentId != u->incidentId;
}

// Returns true when `e` is about a handed-over incident and is withheld; notes the units whose
// history is withheld from now on.
bool HandOverFilter::withholdForIncident(const core::Event& e) {
    auto hold = [&](const std::vector<core::Id>& ids) {
        m_heldUnits.insert(ids.begin(), ids.end());
    };
    if (const auto* d = std::get_if<core::UnitsDispatched>(&e.payload)) {
        if (!m_incidents.contains(d->incidentId))
            return false;
        hold(d->unitIds);
        return true;
    }
    if (const auto* r = std::get_if<core::UnitsReleased>(&e.payload)) {
        if (!m_incidents.contains(r->incidentId))
            return false;
        hold(r->unitIds);
        return true;
    }
    if (const auto* s = std::get_if<core::IncidentStatusChanged>(&e.payload)) {
        if (!m_incidents.contains(s->id))
            return false;
        if (s->status == core::IncidentStatus::Closed) {
            if (const core::Incident* inc = m_history.incident(s->id)) {
                for (const core::Assignment& a : inc->assignments) {
                    if (a.active())
                        m_heldUnits.insert(a.unitId);
                }
            }
        }
        return true;
    }
    if (const auto* u = std::get_if<core::IncidentUpdated>(&e.payload)) {
        return m_incidents.contains(u->id);
    }
    if (const auto* n = std::get_if<core::NoteAdded>(&e.payload)) {
        return m_incidents.contains(n->incidentId);
    }
    return false;
}

std::optional<core::Event> HandOverFilter::pass(const core::Event& historical,
                                                const core::State& served) {
    if (m_incidents.empty()) {
        return historical;
    }
    std::optional<core::Event> out = historical;
    if (withholdForIncident(historical)) {
        out.reset();
    } else if (const auto* s = std::get_if<core::UnitStatusChanged>(&historical.payload)) {
        if (m_heldUnits.contains(s->unitId)) {
            out.reset();
            if (s->status == core::UnitStatus::Available ||
                s->status == core::UnitStatus::OutOfService) {
                m_heldUnits.erase(s->unitId);
            }
        } else if (traineeHolds(s->unitId, served)) {
            out.reset();
        }
    } else if (const auto* p = std::get_if<core::PositionReported>(&historical.payload)) {
        if (m_heldUnits.contains(p->unitId) || traineeHolds(p->unitId, served)) {
            out.reset();
        }
    } else if (const auto* d = std::get_if<core::UnitsDispatched>(&historical.payload)) {
        // Another incident: history re-tasks units; the ones the trainees hold stay with them.
        core::UnitsDispatched trimmed = *d;
        std::erase_if(trimmed.unitIds, [&](const core::Id& id) {
            m_heldUnits.erase(id);
            return traineeHolds(id, served);
        });
        if (trimmed.unitIds.empty()) {
            out.reset();
        } else {
            out->payload = std::move(trimmed);
        }
    }
    m_history.apply(historical);
    return out;
}

}  // namespace flameblue::replay

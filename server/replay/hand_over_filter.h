#pragma once

#include <optional>
#include <set>

#include "core/events.h"
#include "core/state.h"

namespace flameblue::replay {

// Decides what of the replayed history a drill still receives once incidents are handed over to
// trainees. For a handed-over incident the replay withholds, from the hand-over on:
//  - every event about the incident (update, level, status, note, dispatch, release) except its
//    creation: the alarm still comes in, what follows is the trainees' to decide;
//  - every status change and position of a unit from the first withheld dispatch or release
//    naming it (or the withheld close that would have released it) until history has the unit
//    available or out of service again (that event included);
//  - every status change and position of a unit the trainees have committed to the incident and
//    history has not, and such a unit is taken out of historical dispatches elsewhere.
// Everything else (other incidents, other units, roster) replays as it happened.
class HandOverFilter {
public:
    bool active() const { return !m_incidents.empty(); }
    const std::set<core::Id>& incidents() const { return m_incidents; }
    bool handedOver(const core::Id& incidentId) const { return m_incidents.contains(incidentId); }

    // Starts withholding `incidentId`. `history` is the replayed history's world at this moment
    // (only needed for the first hand-over; later ones continue from the tracked history).
    void handOver(const core::Id& incidentId, const core::State& history);
    void clear();

    // The next historical event as the drill should receive it: as it is, trimmed, or nothing.
    // `served` is the drill's state before it. Events must come in history's order.
    std::optional<core::Event> pass(const core::Event& historical, const core::State& served);

private:
    bool traineeHolds(const core::Id& unitId, const core::State& served) const;
    bool withholdForIncident(const core::Event& e);

    std::set<core::Id> m_incidents;
    std::set<core::Id> m_heldUnits;
    core::State m_history;
};

}  // namespace flameblue::replay

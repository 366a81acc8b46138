#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/events.h"
#include "core/state.h"

namespace flameblue::reports {

// When each step of a response happened, taken from the events only, so a report computed from
// a replay of the same log gives the same figures. 0 means "not reached".
//
// Times are those of the events (when the server accepted them), except the alarm, which is the
// incident's `received` time as the call-taker entered it.
struct UnitResponse {
    core::Id incidentId;
    core::Id unitId;
    core::Id stationId;              // the unit's home station when it was dispatched
    std::string unitType;            // its type then
    bool initialAssignment = false;  // sent with the incident's first dispatch
    core::TimeMs dispatched = 0;
    core::TimeMs enRoute = 0;
    core::TimeMs onScene = 0;
    core::TimeMs cleared = 0;  // returning, available or out of service after the response
    bool cancelled = false;    // released before it reached the scene
};

struct IncidentTimes {
    core::Id id;
    std::string type;  // the latest type and level and city: a report judges the incident as
    int level = 1;     // it turned out to be
    std::string city;
    core::TimeMs received = 0;  // alarm received
    core::TimeMs firstDispatch = 0;
    core::TimeMs firstEnRoute = 0;
    core::TimeMs firstOnScene = 0;
    core::TimeMs underControl = 0;
    core::TimeMs closed = 0;
    std::vector<std::uint32_t> responses;  // indices into PhaseLog::responses()
};

// The phase times of every incident and unit response of a log, kept up to date event by event.
// Not thread-safe: one writer (the session's observer or a scan) at a time; readers copy under
// the owner's lock.
class PhaseLog {
public:
    // Units the log's roster events do not name (a log compacted past them) are taken from here.
    void seedUnits(const core::State& state);
    // Events in log order. Drill bookkeeping and position fixes change nothing.
    void apply(const core::Event& event);

    const std::vector<IncidentTimes>& incidents() const { return m_incidents; }
    const std::vector<UnitResponse>& responses() const { return m_responses; }
    std::uint64_t lastSeq() const { return m_lastSeq; }

private:
    struct UnitInfo {
        core::Id stationId;
        std::string unitType;
        std::int64_t openResponse = -1;  // index of the response the unit is on, if any
    };
    IncidentTimes* incident(const core::Id& id);
    void onStatus(const core::Id& unitId, core::UnitStatus status, core::TimeMs time);

    std::vector<IncidentTimes> m_incidents;
    std::unordered_map<core::Id, std::uint32_t> m_incidentIndex;
    std::vector<UnitResponse> m_responses;
    std::unordered_map<core::Id, UnitInfo> m_units;
    std::uint64_t m_lastSeq = 0;
};

}  // namespace flameblue::reports

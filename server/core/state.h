#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/aviation.h"
#include "core/entities.h"
#include "core/events.h"
#include "core/iot.h"

namespace flameblue::core {

// The one true operational state: a fold over the event log. Applying the same events in the
// same order always yields an equal State (restart, replay and snapshots rely on it).
class State {
public:
    using StationMap = std::map<Id, Station>;
    using UnitMap = std::map<Id, Unit>;
    using WaterSourceMap = std::map<Id, WaterSource>;
    using IncidentMap = std::map<Id, Incident>;

    // Applies one event. Events must come in sequence order; the payload must have been
    // validated (decide()) or read back from the log, so apply() never fails.
    void apply(const Event& event);

    const Station* station(const Id& id) const;
    const Unit* unit(const Id& id) const;
    const WaterSource* waterSource(const Id& id) const;
    const Incident* incident(const Id& id) const;

    const StationMap& stations() const { return m_stations; }
    const UnitMap& units() const { return m_units; }
    const WaterSourceMap& waterSources() const { return m_waterSources; }
    const IncidentMap& incidents() const { return m_incidents; }
    // Mission states and alerts of the fleet aircraft.
    const AviationState& aviation() const { return m_aviation; }
    // Alarm drafts, panel faults and water telemetry from the building and water-source devices.
    const IotState& iot() const { return m_iot; }
    // Mutual-aid requests between cities, pending and answered, by id.
    const std::map<Id, MutualAidRequest>& mutualAid() const { return m_mutualAid; }

    std::uint64_t lastSeq() const { return m_lastSeq; }
    TimeMs lastEventTime() const { return m_lastEventTime; }
    // For numbering incidents per day: "INC-20261129-0001".
    const std::string& lastIncidentDay() const { return m_lastIncidentDay; }
    int incidentsOnLastDay() const { return m_incidentsOnLastDay; }

    bool operator==(const State&) const = default;

private:
    friend class StateCodec;

    // apply() by kind of event: the roster, incidents, units, mutual aid.
    void applyRoster(const StationUpserted& e);
    void applyRoster(const UnitUpserted& e, TimeMs t);
    void applyRoster(const WaterSourceUpserted& e);
    void applyRoster(const EntityRemoved& e);
    void applyIncident(const IncidentCreated& e);
    void applyIncident(const IncidentUpdated& e);
    void applyIncident(const IncidentStatusChanged& e, TimeMs t);
    void applyIncident(const NoteAdded& e, TimeMs t, const std::string& op);
    void applyUnits(const UnitsDispatched& e, TimeMs t);
    void applyUnits(const UnitsReleased& e, TimeMs t);
    void applyUnits(const UnitStatusChanged& e, TimeMs t);
    void applyUnits(const PositionReported& e);
    void applyMutualAid(const MutualAidRequested& e, TimeMs t, const std::string& op);
    void applyMutualAid(const MutualAidAnswered& e, TimeMs t, const std::string& op);
    void releaseUnit(Incident& incident, const Id& unitId, TimeMs t);
    // Aviation fold (state_aviation.cpp).
    void applyAviation(const MissionStateChanged& e, TimeMs t);
    void applyAviation(const AlertRaised& e, TimeMs t);
    void applyAviation(const AlertAcknowledged& e, TimeMs t, const std::string& op);
    void applyAviation(const AlertCleared& e, TimeMs t);
    void applyAviation(const TransponderChanged& e);
    void applyAviation(const DropRecorded& e, TimeMs t);
    void noteAircraftFix(const Id& unitId, const PositionFix& fix);
    // Keeps every aircraft's mission consistent with its unit status; `roster` also adds and
    // removes missions for aircraft added to or removed from the roster.
    void syncMissions(TimeMs t, bool roster);
    void pruneClosedAlerts();
    // Building alarms and water telemetry fold (state_iot.cpp).
    void applyIot(const AlarmDraftRaised& e, TimeMs t);
    void applyIot(const AlarmDraftCorroborated& e);
    void applyIot(const AlarmDraftConfirmed& e, TimeMs t, const std::string& op);
    void applyIot(const AlarmDraftDismissed& e, TimeMs t, const std::string& op);
    void applyIot(const PanelFaultRaised& e, TimeMs t);
    void applyIot(const PanelFaultCleared& e);
    void applyIot(const WaterReadingReported& e);
    void pruneSettledDrafts();

    StationMap m_stations;
    UnitMap m_units;
    WaterSourceMap m_waterSources;
    IncidentMap m_incidents;
    AviationState m_aviation;
    IotState m_iot;
    std::map<Id, MutualAidRequest> m_mutualAid;
    std::uint64_t m_lastSeq = 0;
    TimeMs m_lastEventTime = 0;
    std::string m_lastIncidentDay;
    int m_incidentsOnLastDay = 0;
};

}  // namespace flameblue::core

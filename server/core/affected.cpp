#include "core/affected.h"

namespace flameblue::core {

Affected affectedBy(const State& before, const EventPayload& payload) {
    Affected a;
    struct Visitor {
        const State& s;
        Affected& a;

        void unitAndItsIncident(const Id& unitId) {
            a.units.push_back(unitId);
            if (const Unit* u = s.unit(unitId); u && !u->incidentId.empty()) {
                a.incidents.push_back(u->incidentId);
            }
        }
        void operator()(const StationUpserted& e) { a.stations.push_back(e.station.id); }
        void operator()(const UnitUpserted& e) { a.units.push_back(e.spec.id); }
        void operator()(const WaterSourceUpserted& e) { a.waterSources.push_back(e.source.id); }
        void operator()(const EntityRemoved& e) { a.removed.push_back(e); }
        void operator()(const IncidentCreated& e) { a.incidents.push_back(e.id); }
        void operator()(const IncidentUpdated& e) { a.incidents.push_back(e.id); }
        void operator()(const IncidentStatusChanged& e) {
            a.incidents.push_back(e.id);
            if (e.status != IncidentStatus::Closed) {
                return;
            }
            if (const Incident* inc = s.incident(e.id)) {
                for (const Assignment& as : inc->assignments) {
                    if (as.active())
                        a.units.push_back(as.unitId);
                }
            }
        }
        void operator()(const NoteAdded& e) { a.incidents.push_back(e.incidentId); }
        void operator()(const UnitsDispatched& e) {
            a.incidents.push_back(e.incidentId);
            a.units.insert(a.units.end(), e.unitIds.begin(), e.unitIds.end());
            // A returning unit re-tasked from another incident leaves nothing behind there: its
            // assignment there already ended when it was released.
        }
        void operator()(const UnitsReleased& e) {
            a.incidents.push_back(e.incidentId);
            a.units.insert(a.units.end(), e.unitIds.begin(), e.unitIds.end());
        }
        void operator()(const UnitStatusChanged& e) { unitAndItsIncident(e.unitId); }
        void operator()(const PositionReported& e) { a.units.push_back(e.unitId); }
        // Aviation events change the aircraft (mission, transponder, drops, its alerts).
        void operator()(const MissionStateChanged& e) { a.units.push_back(e.unitId); }
        void operator()(const AlertRaised& e) { a.units.push_back(e.unitId); }
        void operator()(const AlertAcknowledged& e) { alertsAircraft(e.alertId); }
        void operator()(const AlertCleared& e) { alertsAircraft(e.alertId); }
        void operator()(const TransponderChanged& e) { a.units.push_back(e.unitId); }
        void operator()(const DropRecorded& e) { a.units.push_back(e.unitId); }
        void alertsAircraft(const Id& alertId) {
            auto it = s.aviation().alerts.find(alertId);
            if (it != s.aviation().alerts.end())
                a.units.push_back(it->second.unitId);
        }
        void operator()(const DrillStateReset&) {}
        void operator()(const IncidentHandedOver& e) { a.incidents.push_back(e.incidentId); }
        void operator()(const AlarmDraftRaised& e) { a.alarmDrafts.push_back(e.draftId); }
        void operator()(const AlarmDraftCorroborated& e) { a.alarmDrafts.push_back(e.draftId); }
        void operator()(const AlarmDraftConfirmed& e) {
            a.alarmDrafts.push_back(e.draftId);
            a.incidents.push_back(e.incidentId);
        }
        void operator()(const AlarmDraftDismissed& e) { a.alarmDrafts.push_back(e.draftId); }
        void operator()(const PanelFaultRaised& e) { a.panelFaults.push_back(e.deviceId); }
        void operator()(const PanelFaultCleared& e) { a.panelFaults.push_back(e.deviceId); }
        void operator()(const WaterReadingReported& e) {
            a.waterSources.push_back(e.reading.sourceId);
        }
    };
    std::visit(Visitor{before, a}, payload);
    return a;
}

}  // namespace flameblue::core

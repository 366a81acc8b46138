// The API's enum values for the views, as the QML singleton Codes. The values are the generated
// protobuf enums', so the views cannot drift from the proto.
#pragma once

#include <QtQml/qqml.h>
#include <QObject>

#include "flameblue/v1/aviation_types.pb.h"
#include "flameblue/v1/entities.pb.h"

namespace flameblue::console {

class Codes : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(Codes)
    QML_SINGLETON
    // flameblue.v1 UnitStatus
    Q_PROPERTY(int unitAvailable READ unitAvailable CONSTANT)
    Q_PROPERTY(int unitDispatched READ unitDispatched CONSTANT)
    Q_PROPERTY(int unitEnRoute READ unitEnRoute CONSTANT)
    Q_PROPERTY(int unitOnScene READ unitOnScene CONSTANT)
    Q_PROPERTY(int unitReturning READ unitReturning CONSTANT)
    Q_PROPERTY(int unitOutOfService READ unitOutOfService CONSTANT)
    // flameblue.v1 IncidentStatus
    Q_PROPERTY(int incidentReceived READ incidentReceived CONSTANT)
    Q_PROPERTY(int incidentActive READ incidentActive CONSTANT)
    Q_PROPERTY(int incidentUnderControl READ incidentUnderControl CONSTANT)
    Q_PROPERTY(int incidentClosed READ incidentClosed CONSTANT)
    // flameblue.v1 MissionState
    Q_PROPERTY(int missionReady READ missionReady CONSTANT)
    Q_PROPERTY(int missionLaunching READ missionLaunching CONSTANT)
    Q_PROPERTY(int missionEnRoute READ missionEnRoute CONSTANT)
    Q_PROPERTY(int missionOnTask READ missionOnTask CONSTANT)
    Q_PROPERTY(int missionReturning READ missionReturning CONSTANT)
    Q_PROPERTY(int missionLanded READ missionLanded CONSTANT)
    Q_PROPERTY(int missionMaintenance READ missionMaintenance CONSTANT)
    // flameblue.v1 AlertKind
    Q_PROPERTY(int alertSignalLost READ alertSignalLost CONSTANT)
    Q_PROPERTY(int alertEmergencySquawk READ alertEmergencySquawk CONSTANT)
    Q_PROPERTY(int alertLowEndurance READ alertLowEndurance CONSTANT)
    // Alarm levels (flameblue.v1 Incident.level).
    Q_PROPERTY(int minLevel READ minLevel CONSTANT)
    Q_PROPERTY(int maxLevel READ maxLevel CONSTANT)

public:
    explicit Codes(QObject* parent = nullptr) : QObject(parent) {}

    // flameblue.v1 UnitStatus
    static constexpr int unitAvailable() { return v1::UNIT_STATUS_AVAILABLE; }
    static constexpr int unitDispatched() { return v1::UNIT_STATUS_DISPATCHED; }
    static constexpr int unitEnRoute() { return v1::UNIT_STATUS_EN_ROUTE; }
    static constexpr int unitOnScene() { return v1::UNIT_STATUS_ON_SCENE; }
    static constexpr int unitReturning() { return v1::UNIT_STATUS_RETURNING; }
    static constexpr int unitOutOfService() { return v1::UNIT_STATUS_OUT_OF_SERVICE; }
    // flameblue.v1 IncidentStatus
    static constexpr int incidentReceived() { return v1::INCIDENT_STATUS_RECEIVED; }
    static constexpr int incidentActive() { return v1::INCIDENT_STATUS_ACTIVE; }
    static constexpr int incidentUnderControl() { return v1::INCIDENT_STATUS_UNDER_CONTROL; }
    static constexpr int incidentClosed() { return v1::INCIDENT_STATUS_CLOSED; }
    // flameblue.v1 MissionState
    static constexpr int missionReady() { return v1::MISSION_STATE_READY; }
    static constexpr int missionLaunching() { return v1::MISSION_STATE_LAUNCHING; }
    static constexpr int missionEnRoute() { return v1::MISSION_STATE_EN_ROUTE; }
    static constexpr int missionOnTask() { return v1::MISSION_STATE_ON_TASK; }
    static constexpr int missionReturning() { return v1::MISSION_STATE_RETURNING; }
    static constexpr int missionLanded() { return v1::MISSION_STATE_LANDED; }
    static constexpr int missionMaintenance() { return v1::MISSION_STATE_MAINTENANCE; }
    // flameblue.v1 AlertKind
    static constexpr int alertSignalLost() { return v1::ALERT_KIND_SIGNAL_LOST; }
    static constexpr int alertEmergencySquawk() { return v1::ALERT_KIND_EMERGENCY_SQUAWK; }
    static constexpr int alertLowEndurance() { return v1::ALERT_KIND_LOW_ENDURANCE; }
    static constexpr int minLevel() { return 1; }
    static constexpr int maxLevel() { return 5; }
};

}  // namespace flameblue::console

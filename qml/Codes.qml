pragma Singleton
import QtQuick

// The API's enum values (flameblue.v1 UnitStatus, IncidentStatus, MissionState, AlertKind), named
// for the views.
QtObject {
    readonly property int unitAvailable: 1
    readonly property int unitDispatched: 2
    readonly property int unitEnRoute: 3
    readonly property int unitOnScene: 4
    readonly property int unitReturning: 5
    readonly property int unitOutOfService: 6

    readonly property int incidentReceived: 1
    readonly property int incidentActive: 2
    readonly property int incidentUnderControl: 3
    readonly property int incidentClosed: 4

    // flameblue.v1 MissionState and AlertKind.
    readonly property int missionReady: 1
    readonly property int missionLaunching: 2
    readonly property int missionEnRoute: 3
    readonly property int missionOnTask: 4
    readonly property int missionReturning: 5
    readonly property int missionLanded: 6
    readonly property int missionMaintenance: 7
    readonly property int alertSignalLost: 1
    readonly property int alertEmergencySquawk: 2
    readonly property int alertLowEndurance: 3

    readonly property int minLevel: 1
    readonly property int maxLevel: 5
}

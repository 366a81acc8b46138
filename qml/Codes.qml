pragma Singleton
import QtQuick

// The API's enum values (flameblue.v1 UnitStatus and IncidentStatus), named for the views.
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

    readonly property int minLevel: 1
    readonly property int maxLevel: 5
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Flameblue.Console

// One row of the aircraft board: registration and type, mission state, flight figures, ETA,
// flight time left (counting down) and the age of the last fix (ticking).
Rectangle {
    id: row

    required property string aircraftId
    required property string aircraftName
    required property string typeName
    required property int missionState
    required property string missionText
    required property var altitudeM
    required property var groundSpeedKmh
    required property var headingDeg
    required property string etaText
    required property string enduranceText
    required property bool enduranceLow
    required property string fixAgeText
    required property var fixAgeSeconds
    required property string squawk
    required property bool alerting
    // In the air by the server's word, whatever the mission state; and no longer heard there.
    required property bool airborne
    required property bool signalLost
    property bool selected: false
    signal clicked()

    implicitHeight: Theme.rowHeight
    color: selected ? Theme.selection : (_mouse.containsMouse ? Theme.hover : "transparent")

    MouseArea {
        id: _mouse
        anchors.fill: parent
        hoverEnabled: true
        onClicked: row.clicked()
    }

    GridLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.padding
        anchors.rightMargin: Theme.padding
        columns: 4
        rowSpacing: 0
        columnSpacing: Theme.spacing

        Label {
            objectName: "aircraftName"
            text: row.aircraftName
            font.bold: true
            color: row.alerting ? Theme.danger : Theme.text
        }
        Label {
            Layout.fillWidth: true
            text: row.typeName
            color: Theme.textDim
            elide: Text.ElideRight
        }
        Rectangle {
            implicitWidth: _mission.implicitWidth + 2 * Theme.spacing
            implicitHeight: Theme.chipHeight
            radius: Theme.radius
            objectName: "missionChip"
            color: row.signalLost ? Theme.danger
                 : row.airborne && (row.missionState === Codes.missionReady
                                    || row.missionState === Codes.missionLanded
                                    || row.missionState === Codes.missionMaintenance)
                   ? Theme.missionColour(Codes.missionEnRoute)
                   : Theme.missionColour(row.missionState)
            Label {
                id: _mission
                objectName: "missionText"
                anchors.centerIn: parent
                text: row.missionText
                color: Theme.textOnColour
                font.pixelSize: Theme.fontSmall
            }
        }
        Label {
            text: row.squawk.length > 0 ? qsTr("SQ %1").arg(row.squawk) : ""
            color: row.alerting ? Theme.danger : Theme.textDim
            font.pixelSize: Theme.fontSmall
        }

        Label {
            Layout.columnSpan: 2
            text: qsTr("%1 m · %2 km/h · %3°")
                .arg(row.altitudeM === undefined ? "—" : Math.round(row.altitudeM))
                .arg(row.groundSpeedKmh === undefined ? "—" : Math.round(row.groundSpeedKmh))
                .arg(row.headingDeg === undefined ? "—" : Math.round(row.headingDeg))
            color: Theme.textDim
            font.pixelSize: Theme.fontSmall
        }
        Label {
            text: qsTr("ETA %1 · left %2").arg(row.etaText).arg(row.enduranceText)
            color: row.enduranceLow ? Theme.danger : Theme.textDim
            font.pixelSize: Theme.fontSmall
        }
        Label {
            objectName: "fixAge"
            text: row.fixAgeText
            color: row.signalLost ? Theme.danger
                 : row.fixAgeSeconds !== undefined && row.fixAgeSeconds > 60 ? Theme.warning
                                                                             : Theme.textDim
            font.pixelSize: Theme.fontSmall
        }
    }
}

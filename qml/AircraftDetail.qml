pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Flameblue.Console

// The selected aircraft: mission and its controls, the live figures, water-drop work and the
// altitude profile of the last hour.
ColumnLayout {
    id: detail

    required property var aviation
    readonly property var _a: aviation.selected

    visible: aviation.selectedAircraftId.length > 0 && _a.aircraftId !== undefined
    spacing: Theme.spacingSmall

    RowLayout {
        Layout.fillWidth: true
        Layout.leftMargin: Theme.padding
        Layout.rightMargin: Theme.padding
        Label {
            text: qsTr("%1 · %2").arg(detail._a.aircraftName ?? "").arg(detail._a.typeName ?? "")
            font.bold: true
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        Item {
            Layout.fillWidth: true
        }
        Label {
            text: detail._a.incidentId ? qsTr("Tasked to %1").arg(detail._a.incidentId) : ""
            color: Theme.textDim
        }
    }

    GridLayout {
        Layout.fillWidth: true
        Layout.leftMargin: Theme.padding
        Layout.rightMargin: Theme.padding
        columns: 4
        columnSpacing: Theme.spacing
        rowSpacing: 2
        Label { text: qsTr("Mission"); color: Theme.textDim }
        Label { text: detail._a.missionText ?? ""; color: Theme.text }
        Label { text: qsTr("ETA"); color: Theme.textDim }
        Label { objectName: "detailEta"; text: detail._a.etaText ?? ""; color: Theme.text }
        Label { text: qsTr("Flight time left"); color: Theme.textDim }
        Label {
            objectName: "detailEndurance"
            text: detail._a.enduranceText ?? ""
            color: detail._a.enduranceLow ? Theme.danger : Theme.text
        }
        Label { text: qsTr("Last fix"); color: Theme.textDim }
        Label { text: detail._a.fixAgeText ?? ""; color: Theme.text }
        Label { text: qsTr("Drops"); color: Theme.textDim }
        Label {
            text: detail._a.dropsPerHour !== undefined
                  ? qsTr("%1 (%2 per hour)").arg(detail._a.drops)
                        .arg(Number(detail._a.dropsPerHour).toFixed(1))
                  : String(detail._a.drops ?? 0)
            color: Theme.text
        }
        Label { text: qsTr("Cycle"); color: Theme.textDim }
        Label {
            text: detail._a.cycleSeconds === undefined ? "—"
                  : (detail._a.cycleMeasured ? qsTr("%1 (measured)") : qsTr("%1 (modelled)"))
                        .arg(detail._a.cycleText)
            color: Theme.text
        }
        Label { text: qsTr("Dip site"); color: Theme.textDim }
        Label {
            Layout.columnSpan: 3
            text: detail._a.dipSiteName || "—"
            color: Theme.text
        }
    }

    Flow {
        Layout.fillWidth: true
        Layout.leftMargin: Theme.padding
        Layout.rightMargin: Theme.padding
        spacing: Theme.spacingSmall
        Repeater {
            model: detail.aviation.nextMissionStates(detail._a.missionState ?? 0)
            delegate: Button {
                required property int modelData
                text: qsTr("→ %1").arg(detail.aviation.missionText(modelData))
                onClicked: detail.aviation.setMissionState(detail.aviation.selectedAircraftId,
                                                           modelData)
            }
        }
        Button {
            visible: detail._a.missionState === Codes.missionOnTask
            text: qsTr("Record drop")
            onClicked: detail.aviation.recordDrop(detail.aviation.selectedAircraftId)
        }
    }

    Label {
        Layout.leftMargin: Theme.padding
        text: qsTr("Altitude profile")
        color: Theme.textDim
        font.pixelSize: Theme.fontSmall
    }
    AltitudeProfile {
        objectName: "altitudeProfile"
        Layout.fillWidth: true
        Layout.leftMargin: Theme.padding
        Layout.rightMargin: Theme.padding
        Layout.preferredHeight: Theme.profileHeight
        points: detail.aviation.altitudeProfile
        lineColor: Theme.accent
        gridColor: Theme.panelBorder
        textColor: Theme.textDim
    }
}

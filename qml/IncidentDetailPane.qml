pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Flameblue.Console

// The selected incident: what, where, the timeline, its units and notes, and what a
// dispatcher does next (escalate, under control, close, release units).
Panel {
    id: pane

    required property var detail
    required property var controller
    // False once nothing can be done any more (the drill this console is in has ended).
    property bool actionsEnabled: true

    // Actions on the incident make sense only while it is open.
    readonly property bool _actionable: actionsEnabled && detail.exists && detail.open

    // Closing releases every unit still on the incident: asked first, naming how many.
    function confirmClose() {
        const incidentId = pane.detail.incidentId
        const units = pane.detail.activeUnitIds.length
        _confirm.ask(qsTr("Close incident %1?").arg(incidentId),
                     units > 0
                     ? qsTr("%n unit(s) still on this incident will be released. A closed incident cannot be reopened.", "", units)
                     : qsTr("A closed incident cannot be reopened."),
                     qsTr("Close incident"),
                     () => pane.controller.setIncidentStatus(incidentId, Codes.incidentClosed))
    }
    // Releasing takes units off the incident, even from the scene: asked first.
    function confirmRelease(unitIds, names) {
        const incidentId = pane.detail.incidentId
        const count = unitIds.length > 0 ? unitIds.length : pane.detail.activeUnitIds.length
        _confirm.ask(qsTr("Release units from %1?").arg(incidentId),
                     names.length > 0
                     ? qsTr("%1 will leave incident %2.").arg(names).arg(incidentId)
                     : qsTr("All %n unit(s) on this incident will leave it, including those on scene.", "", count),
                     unitIds.length > 0 ? qsTr("Release") : qsTr("Release all"),
                     () => pane.controller.releaseUnits(incidentId, unitIds))
    }

    ConfirmDialog {
        id: _confirm
    }

    title: qsTr("Incident detail")
    subtitle: detail.exists ? detail.incidentId : ""

    Label {
        anchors.centerIn: parent
        visible: !pane.detail.exists
        text: qsTr("Select an incident in the list or on the map")
        color: Theme.textDim
    }

    ScrollView {
        anchors.fill: parent
        visible: pane.detail.exists
        clip: true
        contentWidth: availableWidth

        ColumnLayout {
            width: parent.width
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.padding
                Layout.rightMargin: Theme.padding
                LevelBadge {
                    level: pane.detail.level
                }
                Label {
                    Layout.fillWidth: true
                    text: pane.detail.typeName
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                StatusChip {
                    text: pane.detail.statusText
                    colour: Theme.incidentStatusColour(pane.detail.status)
                }
            }
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.padding
                Layout.rightMargin: Theme.padding
                text: pane.detail.cityName + " · " + pane.detail.address
                color: Theme.text
                wrapMode: Text.Wrap
            }
            Label {
                objectName: "incidentPlaceAndTime"
                Layout.leftMargin: Theme.padding
                text: qsTr("%1 N, %2 E · received %3 %4")
                      .arg(pane.detail.latitude.toFixed(5))
                      .arg(pane.detail.longitude.toFixed(5))
                      .arg(DisplayTime.dateTime(pane.detail.received))
                      .arg(DisplayTime.zoneName)
                color: Theme.textDim
                font.pixelSize: Theme.fontSmall
            }
            Label {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.padding
                Layout.rightMargin: Theme.padding
                visible: pane.detail.description.length > 0
                text: qsTr("Caller: %1").arg(pane.detail.description)
                color: Theme.text
                wrapMode: Text.Wrap
            }

            Flow {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.padding
                Layout.rightMargin: Theme.padding
                spacing: Theme.spacingSmall
                Button {
                    objectName: "escalateButton"
                    text: qsTr("Escalate")
                    enabled: pane._actionable && pane.detail.level < Codes.maxLevel
                    onClicked: pane.controller.escalateIncident(pane.detail.incidentId)
                }
                Button {
                    objectName: "underControlButton"
                    text: qsTr("Under control")
                    enabled: pane._actionable
                             && pane.detail.nextStatuses.indexOf(Codes.incidentUnderControl) >= 0
                    onClicked: pane.controller.setIncidentStatus(pane.detail.incidentId,
                                                                 Codes.incidentUnderControl)
                }
                Button {
                    objectName: "closeIncidentButton"
                    text: qsTr("Close incident")
                    enabled: pane._actionable
                             && pane.detail.nextStatuses.indexOf(Codes.incidentClosed) >= 0
                    onClicked: pane.confirmClose()
                }
                Button {
                    objectName: "releaseAllButton"
                    text: qsTr("Release all")
                    enabled: pane._actionable && pane.detail.activeUnitIds.length > 0
                    onClicked: pane.confirmRelease([], "")
                }
            }

            SectionTitle {
                text: qsTr("Timeline")
            }
            TimelineView {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.padding
                Layout.rightMargin: Theme.padding
                model: pane.detail.timeline
            }

            SectionTitle {
                text: qsTr("Units on this incident")
            }
            Label {
                Layout.leftMargin: Theme.padding
                visible: pane.detail.assignments.count === 0
                text: qsTr("None yet: select units on the board and dispatch them.")
                color: Theme.textDim
                wrapMode: Text.Wrap
            }
            Repeater {
                model: pane.detail.assignments
                delegate: RowLayout {
                    id: assignment

                    required property string unitId
                    required property string callsign
                    required property int status
                    required property string statusText
                    required property bool active

                    Layout.fillWidth: true
                    Layout.leftMargin: Theme.padding
                    Layout.rightMargin: Theme.padding
                    Label {
                        Layout.fillWidth: true
                        text: assignment.callsign
                        color: assignment.active ? Theme.text : Theme.textDim
                        font.bold: assignment.active
                    }
                    StatusChip {
                        text: assignment.statusText
                        colour: Theme.unitStatusColour(assignment.status)
                    }
                    Button {
                        objectName: "releaseButton_" + assignment.unitId
                        visible: assignment.active
                        enabled: pane._actionable
                        text: qsTr("Release")
                        onClicked: pane.confirmRelease([assignment.unitId], assignment.callsign)
                    }
                }
            }

            SectionTitle {
                text: qsTr("Notes")
            }
            NotesView {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.padding
                Layout.rightMargin: Theme.padding
                Layout.bottomMargin: Theme.padding
                model: pane.detail.notes
                canAdd: pane._actionable
                onNoteAdded: (text) => pane.controller.addNote(pane.detail.incidentId, text)
            }
        }
    }
}

pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The selected incident: what, where, the timeline, its units and notes, and what a
// dispatcher does next (escalate, under control, close, release units).
Panel {
    id: pane

    required property var detail
    required property var controller

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
                Layout.leftMargin: Theme.padding
                text: qsTr("%1 N, %2 E · received %3")
                      .arg(pane.detail.latitude.toFixed(5))
                      .arg(pane.detail.longitude.toFixed(5))
                      .arg(Qt.formatDateTime(pane.detail.received, "yyyy-MM-dd HH:mm:ss"))
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
                    enabled: pane.detail.open && pane.detail.level < Codes.maxLevel
                    onClicked: pane.controller.escalateIncident(pane.detail.incidentId)
                }
                Button {
                    text: qsTr("Under control")
                    enabled: pane.detail.status === Codes.incidentReceived
                             || pane.detail.status === Codes.incidentActive
                    onClicked: pane.controller.setIncidentStatus(pane.detail.incidentId,
                                                                 Codes.incidentUnderControl)
                }
                Button {
                    text: qsTr("Close incident")
                    enabled: pane.detail.open
                    onClicked: pane.controller.setIncidentStatus(pane.detail.incidentId,
                                                                 Codes.incidentClosed)
                }
                Button {
                    text: qsTr("Release all")
                    enabled: pane.detail.activeUnitIds.length > 0
                    onClicked: pane.controller.releaseUnits(pane.detail.incidentId, [])
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
                        visible: assignment.active
                        text: qsTr("Release")
                        onClicked: pane.controller.releaseUnits(pane.detail.incidentId,
                                                                [assignment.unitId])
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
                canAdd: pane.detail.open
                onNoteAdded: (text) => pane.controller.addNote(pane.detail.incidentId, text)
            }
        }
    }
}

pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Flameblue.Console

// One unit on the status board: pick it for dispatch, see its status, crew, station, fix age,
// and change its status by hand.
Rectangle {
    id: row

    required property string itemId
    required property string callsign
    required property string unitTypeName
    required property int status
    required property string statusText
    required property string stationName
    required property string cityName
    required property int staffing
    required property int crewCapacity
    required property string fixAgeText
    required property bool positionFromStation
    required property string incidentId
    required property string capabilitiesText
    required property bool selected
    required property bool dispatchable
    required property var nextStatuses
    required property var unitModel

    signal statusRequested(string unitId, int status)

    implicitHeight: Theme.rowHeight + Theme.chipHeight
    color: selected ? Theme.selection : (_hover.hovered ? Theme.hover : "transparent")

    HoverHandler {
        id: _hover
    }
    TapHandler {
        onTapped: row.unitModel.toggleSelected(row.itemId)
    }
    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: Theme.borderWidth
        color: Theme.panelBorder
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingSmall
        anchors.rightMargin: Theme.padding
        spacing: Theme.spacing

        CheckBox {
            objectName: "unitCheck_" + row.itemId
            checked: row.selected
            enabled: row.dispatchable || row.selected
            onToggled: row.unitModel.setSelected(row.itemId, checked)
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 1
            RowLayout {
                Layout.fillWidth: true
                Label {
                    text: row.callsign
                    font.bold: true
                    color: Theme.text
                }
                Label {
                    Layout.fillWidth: true
                    text: row.unitTypeName
                    color: Theme.textDim
                    elide: Text.ElideRight
                }
                StatusChip {
                    text: row.statusText
                    colour: Theme.unitStatusColour(row.status)
                }
            }
            Label {
                Layout.fillWidth: true
                text: row.cityName + " · " + row.stationName
                      + " · " + qsTr("crew %1/%2").arg(row.staffing).arg(row.crewCapacity)
                      + (row.incidentId.length > 0 ? " · " + qsTr("on %1").arg(row.incidentId) : "")
                color: Theme.textDim
                elide: Text.ElideRight
            }
            Label {
                // A unit in quarters without a fix is where it should be; a unit out on the
                // road without one is not where the map shows it.
                readonly property bool _untracked: row.positionFromStation
                                                   && row.status !== Codes.unitAvailable
                Layout.fillWidth: true
                text: (row.positionFromStation
                       ? (_untracked ? qsTr("no current fix: shown at its station")
                                     : qsTr("at its station"))
                       : qsTr("fix %1").arg(row.fixAgeText))
                      + (row.capabilitiesText.length > 0 ? " · " + row.capabilitiesText : "")
                color: _untracked ? Theme.warning : Theme.textDim
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
        }
        ToolButton {
            text: "⋮"
            enabled: _menuRepeater.count > 0
            onClicked: _menu.popup()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Change status")

            Menu {
                id: _menu
                Repeater {
                    id: _menuRepeater
                    model: row.nextStatuses
                    delegate: MenuItem {
                        required property int modelData
                        text: qsTr("Set %1").arg(row.unitModel.statusText(modelData))
                        onTriggered: row.statusRequested(row.itemId, modelData)
                    }
                }
            }
        }
    }
}

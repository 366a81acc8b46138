import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Flameblue.Console

// One incident in the list: level, type, status, address, city and when it was received.
Rectangle {
    id: row

    required property string itemId
    required property string typeName
    required property int level
    required property int status
    required property string statusText
    required property string address
    required property string cityName
    required property date received
    required property int activeUnitCount
    required property bool highlighted

    signal selected(string incidentId)

    implicitHeight: Theme.rowHeight
    color: highlighted ? Theme.selection : (_hover.hovered ? Theme.hover : "transparent")

    HoverHandler {
        id: _hover
    }
    TapHandler {
        onTapped: row.selected(row.itemId)
    }
    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: Theme.borderWidth
        color: Theme.panelBorder
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.padding
        anchors.rightMargin: Theme.padding
        spacing: Theme.spacing
        LevelBadge {
            level: row.level
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            RowLayout {
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    text: row.typeName
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                StatusChip {
                    text: row.statusText
                    colour: Theme.incidentStatusColour(row.status)
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    text: row.cityName + " · " + row.address
                    color: Theme.textDim
                    elide: Text.ElideRight
                }
                Label {
                    text: row.activeUnitCount > 0
                          ? qsTr("%n unit(s)", "", row.activeUnitCount) + " · "
                            + DisplayTime.time(row.received)
                          : DisplayTime.time(row.received)
                    color: Theme.textDim
                }
            }
        }
    }
}

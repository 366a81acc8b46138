pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Flameblue.Console

// The standard timestamps of an incident, in order; pending ones are shown dim.
ColumnLayout {
    id: timeline

    required property var model

    spacing: 2

    Repeater {
        model: timeline.model
        delegate: RowLayout {
            id: entry

            required property string label
            required property string callsign
            required property date time
            required property bool done
            required property string elapsedText

            Layout.fillWidth: true
            spacing: Theme.spacing
            Rectangle {
                implicitWidth: Theme.spacing
                implicitHeight: Theme.spacing
                radius: width / 2
                color: entry.done ? Theme.success : Theme.panelBorder
            }
            Label {
                Layout.fillWidth: true
                text: entry.callsign.length > 0 ? entry.callsign + " " + entry.label : entry.label
                color: entry.done ? Theme.text : Theme.textDim
                elide: Text.ElideRight
            }
            Label {
                text: entry.done ? DisplayTime.time(entry.time) : "—"
                color: entry.done ? Theme.text : Theme.textDim
                font.family: "monospace"
            }
            Label {
                Layout.preferredWidth: Theme.badgeSize * 3
                horizontalAlignment: Text.AlignRight
                text: entry.elapsedText
                color: Theme.textDim
                font.family: "monospace"
            }
        }
    }
}

pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Flameblue.Console

// An incident's notes, oldest first, and a field to add one.
ColumnLayout {
    id: notes

    required property var model
    required property bool canAdd

    signal noteAdded(string text)

    spacing: Theme.spacingSmall

    Repeater {
        model: notes.model
        delegate: ColumnLayout {
            id: note

            required property date time
            required property string operatorId
            required property string text

            Layout.fillWidth: true
            spacing: 0
            Label {
                text: DisplayTime.time(note.time) + " · " + note.operatorId
                color: Theme.textDim
                font.pixelSize: Theme.fontSmall
            }
            Label {
                Layout.fillWidth: true
                text: note.text
                color: Theme.text
                wrapMode: Text.Wrap
            }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        visible: notes.canAdd
        TextField {
            id: _field
            objectName: "noteField"
            Layout.fillWidth: true
            placeholderText: qsTr("Add a note…")
            onAccepted: _add.clicked()
        }
        Button {
            id: _add
            text: qsTr("Add note")
            enabled: _field.text.trim().length > 0
            onClicked: {
                notes.noteAdded(_field.text)
                _field.clear()
            }
        }
    }
}

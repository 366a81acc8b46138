import QtQuick
import QtQuick.Controls

// A coloured label for a status.
Rectangle {
    required property string text
    required property color colour

    implicitWidth: _label.implicitWidth + 2 * Theme.padding
    implicitHeight: Theme.chipHeight
    radius: height / 2
    color: colour

    Label {
        id: _label
        anchors.centerIn: parent
        text: parent.text
        color: Theme.textOnColour
        font.pixelSize: Theme.fontSmall
        font.bold: true
    }
}

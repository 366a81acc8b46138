import QtQuick
import QtQuick.Controls

// An incident's alarm level (1..5) as a coloured square.
Rectangle {
    required property int level

    implicitWidth: Theme.badgeSize
    implicitHeight: Theme.badgeSize
    radius: Theme.radius
    color: Theme.levelColour(level)

    Label {
        anchors.centerIn: parent
        text: parent.level
        color: Theme.textOnColour
        font.pixelSize: Theme.fontNormal
        font.bold: true
    }
    ToolTip.visible: _hover.hovered
    ToolTip.text: qsTr("Alarm level %1").arg(level)
    HoverHandler {
        id: _hover
    }
}

import QtQuick
import QtQuick.Controls

// Which session this console is in: LIVE (green) or DRILL (orange), impossible to miss.
Rectangle {
    required property string sessionId
    required property bool drill

    objectName: "sessionBadge"
    implicitWidth: _label.implicitWidth + 3 * Theme.padding
    implicitHeight: Theme.topBarHeight - 2 * Theme.spacing
    radius: Theme.radius
    color: drill ? Theme.sessionDrill : Theme.sessionLive

    Label {
        id: _label
        objectName: "sessionLabel"
        anchors.centerIn: parent
        text: parent.drill ? qsTr("DRILL %1").arg(parent.sessionId) : qsTr("LIVE")
        color: Theme.textOnColour
        font.pixelSize: Theme.fontTitle
        font.bold: true
        font.letterSpacing: 1
    }
}

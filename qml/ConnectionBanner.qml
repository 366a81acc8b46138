import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Shown while the console is not connected: why, and when it tries again.
Rectangle {
    id: banner

    required property bool connected
    // The server refused the credentials: no automatic retry.
    property bool refused: false
    required property int reconnectSeconds
    required property string serverAddress
    required property string lastError

    signal retryRequested()

    objectName: "connectionBanner"
    visible: !connected
    implicitHeight: visible ? Theme.bannerHeight : 0
    color: Theme.disconnectedBanner

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.padding
        anchors.rightMargin: Theme.padding
        spacing: Theme.spacing

        Label {
            objectName: "bannerText"
            text: banner.refused
                  ? qsTr("Not signed in to %1").arg(banner.serverAddress)
                  : banner.reconnectSeconds > 0
                    ? qsTr("Connection lost — reconnecting in %1 s").arg(banner.reconnectSeconds)
                    : qsTr("Connecting to %1…").arg(banner.serverAddress)
            color: Theme.textOnColour
            font.bold: true
        }
        Label {
            objectName: "bannerError"
            Layout.fillWidth: true
            text: banner.lastError
            color: Theme.textOnColour
            elide: Text.ElideRight
            opacity: 0.8
        }
        Button {
            objectName: "retryButton"
            visible: banner.reconnectSeconds > 0 || banner.refused
            text: qsTr("Retry now")
            onClicked: banner.retryRequested()
        }
    }
}

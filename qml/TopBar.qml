import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Flameblue.Console

// Session, connection, the new-incident action, operator and language.
Rectangle {
    id: bar

    required property var controller

    // The Reports view is shown instead of the dispatch view.
    property bool reportsShown: false

    signal newIncidentRequested()
    signal reportsToggled()

    readonly property var _connection: controller.connection
    readonly property var _state: controller.state

    implicitHeight: Theme.topBarHeight
    color: Theme.panel

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.padding
        anchors.rightMargin: Theme.padding
        spacing: Theme.spacing * 2

        Label {
            text: qsTr("Flameblue")
            font.pixelSize: Theme.fontTitle
            font.bold: true
            color: Theme.danger
        }
        SessionBadge {
            sessionId: bar._connection.sessionId
            drill: bar._state.drill
        }
        Rectangle {
            implicitWidth: Theme.spacing + 2
            implicitHeight: implicitWidth
            radius: width / 2
            color: bar._connection.connected ? Theme.success : Theme.danger
        }
        Label {
            objectName: "connectionStatus"
            text: bar._connection.connected
                  ? qsTr("Connected to %1").arg(bar._connection.serverAddress)
                  : qsTr("Not connected")
            color: Theme.textDim
            ToolTip.visible: _statusHover.hovered && bar._connection.connected
            ToolTip.text: qsTr("Event %1").arg(bar._state.seq)
            HoverHandler {
                id: _statusHover
            }
        }
        Label {
            objectName: "clock"
            text: DisplayTime.clockText
            font.pixelSize: Theme.fontLarge
            font.bold: true
            font.family: "monospace"
            color: Theme.text
        }
        Label {
            objectName: "clockZone"
            text: DisplayTime.zoneName
            color: Theme.textDim
        }
        Item {
            Layout.fillWidth: true
        }
        Button {
            objectName: "reportsButton"
            text: bar.reportsShown ? qsTr("Back to dispatch") : qsTr("Reports")
            onClicked: bar.reportsToggled()
        }
        Button {
            objectName: "newIncidentButton"
            text: qsTr("New incident")
            highlighted: true
            onClicked: bar.newIncidentRequested()
        }
        Label {
            text: qsTr("Operator: %1").arg(bar.controller.operatorName)
            color: Theme.text
        }
        ComboBox {
            objectName: "languageSelector"
            // Each language is named in itself, so these two stay untranslated.
            model: ["中文", "English"]
            currentIndex: bar.controller.languages.indexOf(bar.controller.language)
            onActivated: (index) => bar.controller.language = bar.controller.languages[index]
        }
    }
}

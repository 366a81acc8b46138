import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The outcome of the last command: a success fades out, a refusal stays until dismissed.
Rectangle {
    id: bar

    property string message: ""
    property bool error: false
    // The console's language: a message given as a function is composed again when it changes.
    property string language: ""

    function show(text, isError) {
        if (typeof text === "function")
            message = Qt.binding(() => {
                void bar.language
                return text()
            })
        else
            message = text
        error = isError
        _timer.restart()
    }

    objectName: "messageBar"
    implicitHeight: message.length > 0 ? Theme.bannerHeight : 0
    visible: message.length > 0
    color: error ? Theme.danger : Theme.panelRaised

    Timer {
        id: _timer
        interval: Theme.messageTimeoutMs
        onTriggered: if (!bar.error) bar.message = ""
    }
    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.padding
        anchors.rightMargin: Theme.padding
        Label {
            objectName: "messageText"
            Layout.fillWidth: true
            text: bar.message
            color: Theme.textOnColour
            elide: Text.ElideRight
        }
        ToolButton {
            text: "✕"
            onClicked: bar.message = ""
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Dismiss")
        }
    }
}

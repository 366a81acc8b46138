import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Flameblue.Console

// The instructor's playback controls for the drill this console is in: drill time, play and
// pause, step, speed, a seek slider with the drill's incidents marked, and hand-over of the
// selected incident to the trainees, and saving the after-action report.
Rectangle {
    id: bar

    required property var drill
    // The incident selected on this console (hand-over candidate); empty when none.
    property string selectedIncidentId: ""
    // The server ended the drill (said on this console's stream): the bar is only a record.
    property bool sessionEnded: false

    signal message(string text, bool error)

    readonly property bool _handedOver: drill.handedOver.indexOf(selectedIncidentId) >= 0
    readonly property bool _ended: drill.ended || sessionEnded

    objectName: "drillBar"
    implicitHeight: Theme.topBarHeight + Theme.spacing
    color: Theme.panelRaised
    border.color: _ended ? Theme.panelBorder : Theme.sessionDrill
    border.width: Theme.borderWidth

    Connections {
        target: bar.drill
        function onControlFinished(ok, text) {
            if (!ok)
                bar.message(text, true)
        }
        function onReportSaved(ok, text) {
            bar.message(text, !ok)
        }
    }

    FileDialog {
        id: _reportDialog
        objectName: "reportDialog"
        title: qsTr("Save after-action report")
        fileMode: FileDialog.SaveFile
        acceptLabel: qsTr("Save")
        defaultSuffix: "html"
        nameFilters: [qsTr("Web page (*.html)")]
        onAccepted: bar.drill.saveReport(selectedFile)
    }

    RowLayout {
        enabled: !bar._ended
        anchors.fill: parent
        anchors.leftMargin: Theme.padding
        anchors.rightMargin: Theme.padding
        spacing: Theme.spacing

        Label {
            objectName: "drillClock"
            text: bar.drill.drillTimeMs > 0 ? DisplayTime.dateTime(bar.drill.drillTimeMs)
                                              : ""
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
        }
        Button {
            objectName: "playPause"
            text: bar.drill.playing ? qsTr("Pause") : qsTr("Play")
            onClicked: bar.drill.playing ? bar.drill.pause() : bar.drill.play()
        }
        Button {
            objectName: "step"
            text: qsTr("Step")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("To the next thing that happened")
            onClicked: bar.drill.step()
        }
        ComboBox {
            objectName: "speed"
            model: bar.drill.speeds
            displayText: qsTr("%1×").arg(bar.drill.speed)
            onActivated: index => bar.drill.setSpeed(bar.drill.speeds[index])
        }
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            Slider {
                id: _slider
                objectName: "seekSlider"
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                from: 0
                to: 1
                value: pressed ? value : bar.drill.position
                onMoved: {}
                onPressedChanged: if (!pressed) bar.drill.seekTo(value)
            }
            Repeater {
                model: bar.drill.incidents
                delegate: Rectangle {
                    required property var modelData
                    objectName: "incidentMarker"
                    x: _slider.leftPadding + modelData.position * _slider.availableWidth - width / 2
                    y: _slider.y + Theme.spacingSmall
                    width: Theme.spacing
                    height: Theme.spacing
                    radius: width / 2
                    color: Theme.levelColours[Math.min(5, Math.max(1, modelData.level))]
                    border.color: bar.drill.handedOver.indexOf(modelData.id) >= 0
                                  ? Theme.textOnColour : "transparent"
                    MouseArea {
                        anchors.fill: parent
                        hoverEnabled: true
                        onClicked: bar.drill.seekTo(parent.modelData.position)
                        ToolTip.visible: containsMouse
                        ToolTip.text: qsTr("%1 · %2 · level %3")
                                      .arg(parent.modelData.id).arg(parent.modelData.type)
                                      .arg(parent.modelData.level)
                    }
                }
            }
        }
        Button {
            objectName: "handOver"
            enabled: bar.selectedIncidentId.length > 0 && !bar._handedOver
            text: bar._handedOver ? qsTr("Handed over") : qsTr("Hand over to trainees")
            ToolTip.visible: hovered
            ToolTip.text: bar.selectedIncidentId.length > 0
                          ? qsTr("From now on the trainees decide for %1").arg(bar.selectedIncidentId)
                          : qsTr("Select an incident to hand over")
            onClicked: bar.drill.handOver(bar.selectedIncidentId)
        }
        Button {
            objectName: "saveReport"
            text: qsTr("Save report…")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("The after-action report as a printable web page")
            onClicked: {
                _reportDialog.selectedFile = bar.drill.suggestedReportFile()
                _reportDialog.open()
            }
        }
        Label {
            objectName: "controllerLabel"
            text: bar.drill.controller.length > 0 ? qsTr("Control: %1").arg(bar.drill.controller)
                                                  : qsTr("Control: free")
            color: Theme.textDim
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One slot of a recommendation: the capability asked for, the unit picked and when it
// arrives, why it and not another; or, in warning colours, why the slot stays empty.
Rectangle {
    id: slot

    required property int index
    required property string capabilityName
    required property bool air
    required property string unitId
    required property string callsign
    required property string etaText
    required property string etaDetail
    required property string positionSourceText
    required property string explanation
    required property bool late
    required property bool shortfall
    required property string shortfallText
    required property string alternativesText
    required property bool chosen

    signal chosenToggled(int row, bool chosen)

    implicitHeight: _content.implicitHeight + Theme.spacing
    color: "transparent"

    Rectangle {
        anchors.bottom: parent.bottom
        width: parent.width
        height: Theme.borderWidth
        color: Theme.panelBorder
    }

    RowLayout {
        id: _content
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        anchors.rightMargin: Theme.padding
        spacing: Theme.spacingSmall

        CheckBox {
            Layout.alignment: Qt.AlignTop
            checked: slot.chosen
            enabled: slot.unitId.length > 0
            onToggled: slot.chosenToggled(slot.index, checked)
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 1
            RowLayout {
                Layout.fillWidth: true
                Label {
                    text: slot.air ? qsTr("%1 (air)").arg(slot.capabilityName) : slot.capabilityName
                    color: Theme.textDim
                }
                Label {
                    Layout.fillWidth: true
                    text: slot.unitId.length > 0 ? slot.callsign : qsTr("no unit")
                    font.bold: true
                    color: slot.unitId.length > 0 ? Theme.text : Theme.danger
                    elide: Text.ElideRight
                }
                Label {
                    visible: slot.unitId.length > 0
                    text: slot.etaText
                    font.bold: true
                    color: slot.late ? Theme.warning : Theme.success
                }
            }
            Label {
                Layout.fillWidth: true
                visible: slot.unitId.length > 0
                text: slot.etaDetail + " · " + slot.positionSourceText
                color: Theme.textDim
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
            Label {
                // The server's full reasoning is long: two lines here, all of it on hover.
                Layout.fillWidth: true
                visible: text.length > 0
                text: slot.shortfall && slot.shortfallText.length > 0 ? slot.shortfallText
                                                                      : slot.explanation
                color: slot.shortfall ? Theme.warning : Theme.textDim
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
                maximumLineCount: 2
                elide: Text.ElideRight
                ToolTip.visible: truncated && _explanationHover.hovered
                ToolTip.text: text
                ToolTip.delay: Theme.toolTipDelayMs
                HoverHandler {
                    id: _explanationHover
                }
            }
            Label {
                Layout.fillWidth: true
                visible: slot.alternativesText.length > 0
                text: qsTr("Next: %1").arg(slot.alternativesText)
                color: Theme.textDim
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
        }
    }
}

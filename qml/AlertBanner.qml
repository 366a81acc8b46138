pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Flameblue.Console

// Aviation alerts on every console until someone acknowledges them (the server logs who).
Rectangle {
    id: banner

    required property var aviation
    readonly property int count: aviation.alerts.count

    visible: count > 0
    implicitHeight: visible ? _rows.implicitHeight + 2 * Theme.spacingSmall : 0
    color: Theme.alertBanner

    ColumnLayout {
        id: _rows
        anchors.fill: parent
        anchors.margins: Theme.spacingSmall
        spacing: Theme.spacingSmall
        Repeater {
            model: banner.aviation.alerts
            delegate: RowLayout {
                id: _row
                required property string alertId
                required property string message
                required property string detail
                required property string aircraftId
                required property bool active
                required property int kind
                Layout.fillWidth: true
                Layout.leftMargin: Theme.padding
                spacing: Theme.spacing
                Label {
                    text: "⚠"
                    color: Theme.textOnColour
                    font.pixelSize: Theme.fontLarge
                }
                Label {
                    text: _row.message
                    color: Theme.textOnColour
                    font.bold: true
                }
                Label {
                    Layout.fillWidth: true
                    // A squawk says it all; the monitors' alerts say what they measured.
                    text: _row.kind === Codes.alertEmergencySquawk ? "" : _row.detail
                    color: Theme.textOnColour
                    elide: Text.ElideRight
                }
                Button {
                    text: qsTr("Show")
                    onClicked: banner.aviation.selectedAircraftId = _row.aircraftId
                }
                Button {
                    objectName: "acknowledge_" + _row.alertId
                    text: qsTr("Acknowledge")
                    onClicked: banner.aviation.acknowledgeAlert(_row.alertId)
                }
            }
        }
    }
}

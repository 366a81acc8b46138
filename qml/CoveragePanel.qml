import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The coverage layer's legend and what lies outside the rescue circle: the shares (of grid
// cells and of the listed places: no population data is bundled), the places outside and the
// checked stations whose own position no free unit reaches in time.
Rectangle {
    id: panel

    required property var feed    // CoverageFeed
    required property var legend  // CoverageLayer.legend
    property bool english: false

    objectName: "coveragePanel"
    implicitWidth: 280
    implicitHeight: _column.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: Theme.panel
    opacity: 0.94
    border.color: Theme.panelBorder

    function minutes(seconds) {
        return seconds < 0 ? qsTr("not reached") : qsTr("%1 min").arg((seconds / 60).toFixed(1))
    }
    function bandLabel(band) {
        if (band.unreached)
            return qsTr("no unit reaches it")
        if (band.from === 0)
            return qsTr("≤ %1 min (the circle)").arg(band.to)
        if (band.to < 0)
            return qsTr("> %1 min").arg(band.from)
        return qsTr("%1–%2 min").arg(band.from).arg(band.to)
    }

    ColumnLayout {
        id: _column
        anchors.fill: parent
        anchors.margins: Theme.padding
        spacing: Theme.spacingSmall

        Label {
            text: qsTr("First arrival (%1-minute circle)").arg(Math.round(panel.feed.circleSeconds / 60))
            color: Theme.text
            font.bold: true
        }
        Repeater {
            model: panel.legend
            RowLayout {
                required property var modelData
                spacing: Theme.spacingSmall
                Rectangle {
                    width: 14
                    height: 10
                    color: modelData.color
                    opacity: 0.8
                }
                Label {
                    text: panel.bandLabel(modelData)
                    color: Theme.textDim
                    font.pixelSize: Theme.fontSmall
                }
            }
        }
        Label {
            objectName: "coverageShare"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("Within the circle: %1 % of the province's area (grid cells), %2 % of the listed places; %3 units counting")
                      .arg((panel.feed.coveredShare * 100).toFixed(1))
                      .arg((panel.feed.placesShare * 100).toFixed(0))
                      .arg(panel.feed.countingUnits)
            color: Theme.text
            font.pixelSize: Theme.fontSmall
        }
        Label {
            text: qsTr("Places outside the circle")
            color: Theme.text
            font.bold: true
            visible: panel.feed.placesOutside.length > 0
        }
        Repeater {
            model: panel.feed.placesOutside
            Label {
                required property var modelData
                text: (panel.english ? modelData.nameEn : modelData.nameZh) + "  " + panel.minutes(modelData.seconds)
                color: Theme.warning
                font.pixelSize: Theme.fontSmall
            }
        }
        Label {
            text: qsTr("Stations without a unit in time")
            color: Theme.text
            font.bold: true
            visible: panel.feed.stationGaps.length > 0
        }
        Repeater {
            model: panel.feed.stationGaps.slice(0, 8)
            Label {
                required property var modelData
                Layout.fillWidth: true
                elide: Text.ElideRight
                text: (panel.english ? modelData.nameEn : modelData.nameZh) + "  " + panel.minutes(modelData.seconds)
                color: Theme.danger
                font.pixelSize: Theme.fontSmall
            }
        }
        Label {
            visible: panel.feed.stationGaps.length > 8
            text: qsTr("and %n more", "", panel.feed.stationGaps.length - 8)
            color: Theme.textDim
            font.pixelSize: Theme.fontSmall
        }
        Label {
            visible: panel.feed.lastError !== ""
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("Coverage unavailable: %1").arg(panel.feed.lastError)
            color: Theme.danger
            font.pixelSize: Theme.fontSmall
        }
    }
}

pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The report's table: a row per group (the total last), a column per phase with its
// fractiles, compliance (coloured against the threshold's fractile) and number of cases.
Rectangle {
    id: table

    required property var model
    required property string groupTitle

    readonly property var _columns: model.columns
    readonly property int _groupWidth: 190
    readonly property int _countWidth: 92
    readonly property int _cellWidth: Math.max(170, (width - _groupWidth - 2 * _countWidth
                                                      - 2 * Theme.padding)
                                                     / Math.max(1, _columns.length))
    readonly property int _contentWidth: _groupWidth + 2 * _countWidth
                                         + _columns.length * _cellWidth

    function complianceColour(level) {
        switch (level) {
        case "met": return Theme.success
        case "near": return Theme.warning
        case "missed": return Theme.danger
        }
        return Theme.textDim
    }

    color: Theme.panel
    border.color: Theme.panelBorder
    border.width: Theme.borderWidth

    // The column titles stay above the rows and follow them sideways.
    Item {
        id: _headerClip
        x: Theme.borderWidth
        y: Theme.borderWidth
        width: parent.width - 2 * Theme.borderWidth
        height: 48
        clip: true

        Rectangle {
            id: _header
            objectName: "reportTableHeader"
            x: -_list.contentX
            width: table._contentWidth
            height: 48
            color: Theme.panelRaised
            Row {
                anchors.fill: parent
                Label {
                    width: table._groupWidth
                    height: parent.height
                    leftPadding: Theme.padding
                    verticalAlignment: Text.AlignVCenter
                    text: table.groupTitle
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                Label {
                    width: table._countWidth
                    height: parent.height
                    horizontalAlignment: Text.AlignRight
                    verticalAlignment: Text.AlignVCenter
                    text: qsTr("Incidents")
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                Label {
                    width: table._countWidth
                    height: parent.height
                    horizontalAlignment: Text.AlignRight
                    verticalAlignment: Text.AlignVCenter
                    rightPadding: Theme.spacingSmall
                    text: qsTr("Responses")
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                Repeater {
                    model: table._columns
                    delegate: Column {
                        required property var modelData
                        width: table._cellWidth
                        height: parent.height
                        topPadding: Theme.spacingSmall
                        leftPadding: Theme.spacing
                        Label {
                            width: parent.width - Theme.spacing
                            text: parent.modelData.name
                            font.bold: true
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Label {
                            width: parent.width - Theme.spacing
                            text: parent.modelData.threshold !== ""
                                  ? parent.modelData.threshold : qsTr("no threshold")
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textDim
                            elide: Text.ElideRight
                        }
                    }
                }
            }
        }
    }

    ListView {
        id: _list
        objectName: "reportTable"
        anchors.fill: parent
        anchors.topMargin: _headerClip.height + Theme.borderWidth
        anchors.leftMargin: Theme.borderWidth
        anchors.rightMargin: Theme.borderWidth
        anchors.bottomMargin: Theme.borderWidth
        clip: true
        model: table.model
        contentWidth: table._contentWidth
        flickableDirection: Flickable.AutoFlickIfNeeded
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}
        ScrollBar.horizontal: ScrollBar {}

        delegate: Rectangle {
            id: _row
            required property int index
            required property string label
            required property var incidents
            required property var responses
            required property bool total
            required property var cells

            width: table._contentWidth
            height: 44
            color: total ? Theme.panelRaised : (index % 2 ? Theme.panel : Qt.darker(Theme.panel, 1.08))

            Row {
                anchors.fill: parent
                Label {
                    width: table._groupWidth
                    height: parent.height
                    leftPadding: Theme.padding
                    verticalAlignment: Text.AlignVCenter
                    text: _row.label
                    font.bold: _row.total
                    color: Theme.text
                    elide: Text.ElideRight
                }
                Label {
                    width: table._countWidth
                    height: parent.height
                    horizontalAlignment: Text.AlignRight
                    verticalAlignment: Text.AlignVCenter
                    text: _row.incidents
                    font.bold: _row.total
                    color: Theme.text
                }
                Label {
                    width: table._countWidth
                    height: parent.height
                    horizontalAlignment: Text.AlignRight
                    verticalAlignment: Text.AlignVCenter
                    rightPadding: Theme.spacingSmall
                    text: _row.responses
                    font.bold: _row.total
                    color: Theme.text
                }
                Repeater {
                    model: _row.cells
                    delegate: Column {
                        required property var modelData
                        width: table._cellWidth
                        height: _row.height
                        topPadding: Theme.spacingSmall
                        leftPadding: Theme.spacing
                        Label {
                            width: parent.width - Theme.spacing
                            // p50 · p80 · p90, minutes:seconds.
                            text: parent.modelData.measured
                                  ? parent.modelData.p50 + " · " + parent.modelData.p80 + " · "
                                    + parent.modelData.p90
                                  : "–"
                            font.family: "monospace"
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Row {
                            spacing: Theme.spacing
                            Label {
                                objectName: "compliance"
                                text: parent.parent.modelData.compliance
                                color: table.complianceColour(parent.parent.modelData.complianceLevel)
                                font.bold: true
                                font.pixelSize: Theme.fontSmall
                            }
                            Label {
                                text: qsTr("n = %1").arg(parent.parent.modelData.count)
                                color: Theme.textDim
                                font.pixelSize: Theme.fontSmall
                            }
                        }
                    }
                }
            }
        }
    }
}

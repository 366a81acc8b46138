import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// What the marker under the mouse is: a title and a few lines, beside the pointer.
Rectangle {
    id: card

    // {title, lines} from ConsoleState.describeMapItem; empty: hidden.
    property var summary: ({})
    // The pointer, in the parent's coordinates.
    property point pointer: Qt.point(0, 0)

    readonly property bool _shown: (summary.title ?? "") !== ""
    readonly property int _offset: 16

    objectName: "mapHoverCard"
    visible: _shown
    // Beside the pointer, flipped to the other side near the map's right and bottom edges.
    x: pointer.x + _offset + width > parent.width ? pointer.x - _offset - width : pointer.x + _offset
    y: Math.max(0, pointer.y + _offset + height > parent.height ? pointer.y - _offset - height
                                                                : pointer.y + _offset)
    implicitWidth: Math.min(Theme.hoverCardMaxWidth, _column.implicitWidth + 2 * Theme.padding)
    implicitHeight: _column.implicitHeight + 2 * Theme.padding
    width: implicitWidth
    height: implicitHeight
    radius: Theme.radius
    color: Theme.panelRaised
    border.color: Theme.panelBorder
    border.width: Theme.borderWidth

    ColumnLayout {
        id: _column
        anchors.fill: parent
        anchors.margins: Theme.padding
        spacing: Theme.spacingSmall
        Label {
            objectName: "hoverTitle"
            Layout.fillWidth: true
            text: card.summary.title ?? ""
            color: Theme.text
            font.bold: true
            font.pixelSize: Theme.fontNormal
            elide: Text.ElideRight
        }
        Repeater {
            model: card.summary.lines ?? []
            Label {
                required property string modelData
                Layout.fillWidth: true
                text: modelData
                color: Theme.textDim
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A titled side panel; its children go below the title.
Rectangle {
    id: panel

    required property string title
    property string subtitle: ""
    default property alias content: _body.data

    color: Theme.panel
    border.color: Theme.panelBorder
    border.width: Theme.borderWidth

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.borderWidth
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: Theme.padding
            Label {
                text: panel.title
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
            }
            Label {
                // Takes what the title leaves, and gives way (elided) rather than overflow.
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignRight
                text: panel.subtitle
                color: Theme.textDim
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
        }
        Item {
            id: _body
            Layout.fillWidth: true
            Layout.fillHeight: true
        }
    }
}

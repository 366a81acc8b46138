import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A small heading inside a panel.
Label {
    Layout.fillWidth: true
    Layout.leftMargin: Theme.padding
    Layout.topMargin: Theme.spacing
    font.pixelSize: Theme.fontSmall
    font.bold: true
    font.capitalization: Font.AllUppercase
    color: Theme.textDim
}

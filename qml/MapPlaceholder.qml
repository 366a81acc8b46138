import QtQuick
import QtQuick.Controls
import QtPositioning

// Stands in for the map when the map module is not part of this build.
Rectangle {
    id: placeholder

    required property var consoleState
    required property string basemap
    required property string tiles
    // The map's camera, so that callers need not care which one they have.
    property var center: QtPositioning.coordinate(37.7, 112.3)
    property real zoomLevel: 7
    property bool placing: false

    signal clicked(var coordinate, string layer, string itemId)

    objectName: "map"
    color: Theme.window

    Label {
        anchors.centerIn: parent
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("The map is not available in this build.\n%1 stations, %2 units, %3 aircraft, %4 incidents")
              .arg(placeholder.consoleState.stations.count)
              .arg(placeholder.consoleState.units.count)
              .arg(placeholder.consoleState.aircraft.count)
              .arg(placeholder.consoleState.incidents.count)
        color: Theme.textDim
    }
}

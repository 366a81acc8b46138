import QtQuick
import QtQuick.Controls
import QtPositioning
import Flameblue.Map

// The live map: base map and the state's layers. Loaded only when the map module is built.
MapView {
    id: map

    required property var consoleState
    required property string basemap
    required property string tiles
    // The controller's CoverageFeed (set by Main.qml); the 5-minute coverage layer is off until
    // switched on in the layer toggles.
    property var coverage: null
    property bool showCoverage: false

    objectName: "map"
    focus: true
    center: QtPositioning.coordinate(37.7, 112.3)
    zoomLevel: 7
    basemapDirectory: basemap
    tileSource: tiles
    language: consoleState.language
    stationModel: consoleState.stations
    unitModel: consoleState.units
    aircraftModel: consoleState.aircraft
    incidentModel: consoleState.incidents
    waterModel: consoleState.waterSources
    trafficModel: consoleState.traffic
    onLayersChanged: consoleState.showTraffic = showTraffic

    onHovered: (layer, itemId) => _hoverCard.summary = consoleState.describeMapItem(layer, itemId)

    HoverHandler {
        id: _pointer
    }
    MapHoverCard {
        id: _hoverCard
        pointer: _pointer.point.position
    }

    // The base map's sources, credited as their licences require (GeoNames: CC-BY-4.0), and
    // the tiles' when there are any. Always on screen.
    Rectangle {
        objectName: "mapAttributionBox"
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        implicitWidth: _attribution.implicitWidth + 2 * Theme.spacingSmall
        implicitHeight: _attribution.implicitHeight + Theme.spacingSmall
        color: Theme.panel
        opacity: 0.85
        Label {
            id: _attribution
            objectName: "mapAttribution"
            anchors.centerIn: parent
            text: qsTr("Map data: %1").arg(map.attribution)
            color: Theme.textDim
            font.pixelSize: Theme.fontSmall
        }
    }

    CoverageLayer {
        id: _coverageLayer
        objectName: "coverageLayer"
        anchors.fill: parent
        map: map
        visible: map.showCoverage && map.coverage !== null
        circleSeconds: map.coverage ? map.coverage.circleSeconds : 300
        firstDueAreas: map.coverage ? map.coverage.firstDueAreas : []
    }
    Connections {
        target: map.coverage
        ignoreUnknownSignals: true
        function onGridReceived(rows, cols, minLat, minLon, latStep, lonStep, seconds) {
            _coverageLayer.setGrid(rows, cols, minLat, minLon, latStep, lonStep, seconds)
        }
    }
    Binding {
        target: map.coverage
        property: "active"
        value: map.showCoverage
        when: map.coverage !== null
    }
    CoveragePanel {
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        anchors.margins: Theme.padding
        visible: map.showCoverage && map.coverage !== null
        feed: map.coverage
        legend: _coverageLayer.legend
        english: map.language.startsWith("en")
    }

    LayerToggles {
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: Theme.padding
        map: map
    }
}

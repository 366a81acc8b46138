import QtQuick
import QtPositioning
import Flameblue.Map

// The live map: base map and the state's layers. Loaded only when the map module is built.
MapView {
    id: map

    required property var consoleState
    required property string basemap
    required property string tiles

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

    LayerToggles {
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: Theme.padding
        map: map
    }
}

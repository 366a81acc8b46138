import QtQuick
import QtTest
import QtPositioning
import Flameblue.Map

// The map as the console's QML sees it: properties, the palette singleton, wheel zoom around
// the cursor, the base map loading and drawing something.
Item {
    width: 900
    height: 600

    MapView {
        id: map
        anchors.fill: parent
        basemapDirectory: testBasemapDirectory
        center: QtPositioning.coordinate(37.6, 112.3)
        zoomLevel: 7
    }

    TestCase {
        name: "MapView"
        when: windowShown

        function init() {
            map.center = QtPositioning.coordinate(37.6, 112.3)
            map.zoomLevel = 7
        }

        function test_properties() {
            compare(map.minimumZoomLevel, 5)
            compare(map.maximumZoomLevel, 18)
            compare(map.bearing, 0)
            verify(map.showBasemap && map.showUnits && map.showStations && map.showAircraft
                   && map.showIncidents && map.showWater)
            verify(!map.showTraffic)  // context traffic: off until switched on
            verify(map.attribution.indexOf("GeoNames") >= 0)
            verify(map.metersPerPixel > 900 && map.metersPerPixel < 1000)
            compare(map.tileSource, "")
        }

        function test_coordinates() {
            const p = map.fromCoordinate(QtPositioning.coordinate(37.6, 112.3))
            fuzzyCompare(p.x, 450, 1e-6)
            fuzzyCompare(p.y, 300, 1e-6)
            const c = map.toCoordinate(Qt.point(450, 300))
            fuzzyCompare(c.latitude, 37.6, 1e-9)
            fuzzyCompare(c.longitude, 112.3, 1e-9)
            map.zoomLevel = 30
            compare(map.zoomLevel, 18)
        }

        function test_palette() {
            compare(MapPalette.unitStatusColor(1), Qt.color("#2e9e44"))
            verify(MapPalette.unitStatusColor(4) !== MapPalette.unitStatusColor(1))
            verify(MapPalette.incidentTypeColor("hazmat_leak") !== MapPalette.incidentTypeColor("building_fire"))
            verify(MapPalette.incidentRadius(4) > MapPalette.incidentRadius(1))
        }

        function test_wheelZoomAroundCursor() {
            const under = map.toCoordinate(Qt.point(700, 150))
            mouseWheel(map, 700, 150, 0, 120)
            tryCompare(map, "zoomLevel", 7.5)
            const p = map.fromCoordinate(under)
            fuzzyCompare(p.x, 700, 0.01)
            fuzzyCompare(p.y, 150, 0.01)
        }

        function test_doubleClickZoomsIn() {
            mouseDoubleClickSequence(map, 300, 300)
            tryCompare(map, "zoomLevel", 8)
        }

        function test_basemapDrawn() {
            tryVerify(function() { return map.basemapLoaded }, 60000)
            compare(map.basemapError, "")
            // Shanxi's land fill, not the background, where Shanxi is, once it is drawn.
            const p = map.fromCoordinate(QtPositioning.coordinate(36.75, 111.35))
            const x = Math.round(p.x)
            const y = Math.round(p.y)
            tryVerify(function() { return Qt.colorEqual(grabImage(map).pixel(x, y), MapPalette.homeLand) },
                      60000, "Shanxi is not drawn in its land colour")
            const image = grabImage(map)
            compare(image.pixel(x, y), MapPalette.homeLand)
            verify(image.pixel(5, 5) !== image.pixel(x, y))
        }
    }
}

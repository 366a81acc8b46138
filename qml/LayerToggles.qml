import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Switches the map's layers on and off.
Rectangle {
    id: toggles

    required property var map

    implicitWidth: _column.implicitWidth + 2 * Theme.padding
    implicitHeight: _column.implicitHeight + 2 * Theme.padding
    radius: Theme.radius
    color: Theme.panel
    opacity: 0.92
    border.color: Theme.panelBorder

    ColumnLayout {
        id: _column
        anchors.centerIn: parent
        spacing: 0
        CheckBox {
            text: qsTr("Stations")
            checked: toggles.map.showStations
            onToggled: toggles.map.showStations = checked
        }
        CheckBox {
            text: qsTr("Units")
            checked: toggles.map.showUnits
            onToggled: toggles.map.showUnits = checked
        }
        CheckBox {
            text: qsTr("Aircraft")
            checked: toggles.map.showAircraft
            onToggled: toggles.map.showAircraft = checked
        }
        CheckBox {
            text: qsTr("Incidents")
            checked: toggles.map.showIncidents
            onToggled: toggles.map.showIncidents = checked
        }
        CheckBox {
            text: qsTr("Water sources")
            checked: toggles.map.showWater
            onToggled: toggles.map.showWater = checked
        }
        CheckBox {
            objectName: "trafficToggle"
            // Aircraft the receivers hear that are not the fleet's: grey, for awareness only.
            text: qsTr("Other air traffic")
            checked: toggles.map.showTraffic
            onToggled: toggles.map.showTraffic = checked
        }
        CheckBox {
            objectName: "coverageToggle"
            // First-arrival minutes over the province and the stations' first-due areas.
            text: qsTr("5-minute coverage")
            visible: toggles.map.showCoverage !== undefined
            checked: toggles.map.showCoverage === true
            onToggled: toggles.map.showCoverage = checked
        }
    }
}

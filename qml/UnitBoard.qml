pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Flameblue.Console

// The unit status board: ground units and aircraft, filtered by city, status, capability and
// text; pick units and dispatch them to the selected incident.
Panel {
    id: board

    required property var controller
    readonly property var _state: controller.state
    readonly property var _catalog: controller.state.catalog
    readonly property var _boardModel: _tabs.currentIndex === 0 ? _state.unitBoard
                                                                : _state.aircraftBoard
    readonly property var _unitModel: _tabs.currentIndex === 0 ? _state.units : _state.aircraft
    readonly property int _selectedCount: _state.units.selectedCount
                                          + _state.aircraft.selectedCount

    // The two boards (ground, air) share the filters.
    function setFilter(name, value) {
        _state.unitBoard[name] = value
        _state.aircraftBoard[name] = value
    }

    title: qsTr("Unit status board")
    subtitle: qsTr("%1 shown").arg(_boardModel.count)

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingSmall

        TabBar {
            id: _tabs
            Layout.fillWidth: true
            TabButton {
                text: qsTr("Ground units (%1)").arg(board._state.units.count)
            }
            TabButton {
                text: qsTr("Aircraft (%1)").arg(board._state.aircraft.count)
            }
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.padding
            Layout.rightMargin: Theme.padding
            columns: 2
            ComboBox {
                objectName: "cityFilter"
                Layout.fillWidth: true
                model: board._catalog.cityChoices
                textRole: "name"
                valueRole: "itemId"
                onActivated: board.setFilter("city", currentValue)
            }
            ComboBox {
                objectName: "statusFilter"
                Layout.fillWidth: true
                textRole: "text"
                valueRole: "value"
                model: [
                    { value: 0, text: qsTr("All statuses") },
                    { value: Codes.unitAvailable, text: qsTr("Available") },
                    { value: Codes.unitDispatched, text: qsTr("Dispatched") },
                    { value: Codes.unitEnRoute, text: qsTr("En route") },
                    { value: Codes.unitOnScene, text: qsTr("On scene") },
                    { value: Codes.unitReturning, text: qsTr("Returning") },
                    { value: Codes.unitOutOfService, text: qsTr("Out of service") }
                ]
                onActivated: board.setFilter("status", currentValue)
            }
            ComboBox {
                objectName: "capabilityFilter"
                Layout.fillWidth: true
                model: board._catalog.capabilityChoices
                textRole: "name"
                valueRole: "itemId"
                onActivated: board.setFilter("capability", currentValue)
            }
            TextField {
                objectName: "textFilter"
                Layout.fillWidth: true
                placeholderText: qsTr("Callsign, name or station")
                onTextChanged: board.setFilter("text", text)
            }
        }

        ListView {
            objectName: "unitListView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: board._boardModel
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}
            delegate: UnitDelegate {
                width: ListView.view.width
                unitModel: board._unitModel
                onStatusRequested: (unitId, status) => board.controller.setUnitStatus(unitId, status)
            }
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: _dispatchRow.implicitHeight + 2 * Theme.padding
            color: Theme.panelRaised
            RowLayout {
                id: _dispatchRow
                anchors.fill: parent
                anchors.margins: Theme.padding
                Label {
                    Layout.fillWidth: true
                    text: board._state.selectedIncidentId.length > 0
                          ? qsTr("%n unit(s) selected for %1", "", board._selectedCount)
                            .arg(board._state.selectedIncidentId)
                          : qsTr("%n unit(s) selected; select an incident", "",
                                 board._selectedCount)
                    color: Theme.text
                    wrapMode: Text.Wrap
                }
                Button {
                    text: qsTr("Clear")
                    enabled: board._selectedCount > 0
                    onClicked: {
                        board._state.units.clearSelection()
                        board._state.aircraft.clearSelection()
                    }
                }
                Button {
                    objectName: "dispatchButton"
                    text: qsTr("Dispatch")
                    highlighted: true
                    enabled: board._selectedCount > 0 && board._state.incidentDetail.open
                    onClicked: board.controller.dispatchSelectedUnits()
                }
            }
        }
    }
}

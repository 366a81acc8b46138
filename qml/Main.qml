import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtPositioning
import Flameblue.Console

// The dispatcher's window: incidents on the left, the live map in the centre, the unit status
// board on the right, session and connection on top.
ApplicationWindow {
    id: window

    required property var controller
    // The instructor's drill controls (set by the application in a drill session).
    property var drill: null
    readonly property var _state: controller.state
    readonly property var _connection: controller.connection
    property bool _placing: false
    // The Reports view in place of the dispatch view.
    property bool reportsShown: false
    property bool _focusRecommendation: false

    // Starts the create-incident flow: the next click on the map places the incident.
    function beginNewIncident() {
        _placing = true
    }
    // Selects an incident from the list and brings it into view on the map.
    function _showIncident(incidentId) {
        controller.selectIncident(incidentId)
        const detail = _state.incidentDetail
        if (detail.exists && _map.item) {
            _map.item.center = QtPositioning.coordinate(detail.latitude, detail.longitude)
        }
    }
    function _openCreateDialog(lat, lon) {
        _placing = false
        _createDialog.openAt(lat, lon)
    }

    width: 1600
    height: 1000
    visible: true
    title: qsTr("Flameblue dispatch console — %1").arg(controller.operatorName)
    color: Theme.window
    font.family: Theme.fontFamily
    font.pixelSize: Theme.fontNormal
    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.panelRaised
    palette.alternateBase: Theme.panel
    palette.text: Theme.text
    palette.button: Theme.panelRaised
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.textOnColour
    palette.placeholderText: Theme.textDim
    palette.mid: Theme.panelBorder
    palette.dark: Theme.panelBorder
    palette.light: Theme.hover
    // What cannot be done (a closed incident, an ended drill) must look so.
    palette.disabled.buttonText: Theme.textDim
    palette.disabled.windowText: Theme.textDim
    palette.disabled.text: Theme.textDim

    header: ColumnLayout {
        spacing: 0
        TopBar {
            Layout.fillWidth: true
            controller: window.controller
            reportsShown: window.reportsShown
            onNewIncidentRequested: {
                window.reportsShown = false
                window.beginNewIncident()
            }
            onReportsToggled: window.reportsShown = !window.reportsShown
        }
        DrillBanner {
            Layout.fillWidth: true
            visible: window._connection.sessionId !== "live"
            sessionId: window._connection.sessionId
            drillClock: window.drill && window.drill.drillTimeMs > 0
                        ? DisplayTime.dateTime(window.drill.drillTimeMs) + " " + DisplayTime.zoneName
                        : ""
            ended: window._connection.sessionEnded || (window.drill ? window.drill.ended : false)
        }
        Loader {
            Layout.fillWidth: true
            active: window.drill !== null && window.drill.instructor && window.drill.inDrill
            visible: active
            sourceComponent: DrillBar {
                drill: window.drill
                selectedIncidentId: window._state.selectedIncidentId
                sessionEnded: window._connection.sessionEnded
                onMessage: (text, error) => _messages.show(text, error)
            }
        }
        ConnectionBanner {
            Layout.fillWidth: true
            connected: window._connection.connected || window._connection.sessionEnded
            refused: window._connection.refused
            reconnectSeconds: window._connection.reconnectSeconds
            serverAddress: window._connection.serverAddress
            lastError: window._connection.lastError
            onRetryRequested: window._connection.reconnectNow()
        }
        AlertBanner {
            Layout.fillWidth: true
            aviation: window.controller.aviation
        }
    }

    footer: MessageBar {
        id: _messages
        language: window.controller.language
    }

    Connections {
        target: window.controller
        function onCommandFinished(requestId, ok, command, message) {
            _messages.show(message, !ok)
        }
    }
    Connections {
        target: window.controller.aviation
        function onCommandFinished(requestId, ok, command, message) {
            _messages.show(message, !ok)
        }
    }

    // Response-time reports (Qt Charts), made when first shown.
    Loader {
        id: _reports
        objectName: "reportsLoader"
        anchors.fill: parent
        active: window.reportsShown
        visible: active
        sourceComponent: ReportsView {
            reports: window.controller.reports
            onMessage: (text, error) => _messages.show(text, error)
        }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0
        visible: !window.reportsShown

        ColumnLayout {
            Layout.preferredWidth: Theme.sidePanelWidth
            Layout.fillWidth: false
            Layout.fillHeight: true
            spacing: 0
            IncidentList {
                Layout.fillWidth: true
                Layout.preferredHeight: window.height * 0.38
                incidents: window._state.incidents
                onSelected: (incidentId) => window._showIncident(incidentId)
            }
            IncidentDetailPane {
                Layout.fillWidth: true
                Layout.fillHeight: true
                detail: window._state.incidentDetail
                controller: window.controller
                actionsEnabled: !window._connection.sessionEnded
            }
        }

        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true

            Loader {
                id: _map
                anchors.fill: parent
                Component.onCompleted: setSource("MapPane.qml", _mapProperties())
                onStatusChanged: {
                    if (status === Loader.Error) {
                        setSource("MapPlaceholder.qml", _mapProperties())
                    }
                }
                function _mapProperties() {
                    return {
                        consoleState: window._state,
                        basemap: window.controller.basemapDirectory,
                        tiles: window.controller.tileSource
                    }
                }
            }
            Binding {
                target: _map.item
                property: "coverage"
                value: window.controller.coverage
                when: _map.status === Loader.Ready && _map.item.showCoverage !== undefined
            }
            // While placing, a click on the map only says where: no selection, no zoom.
            Binding {
                target: _map.item
                property: "placing"
                value: window._placing || _createDialog.visible
                when: _map.status === Loader.Ready
            }
            Connections {
                target: _map.item
                ignoreUnknownSignals: true
                function onClicked(coordinate, layer, itemId) {
                    if (_createDialog.opened) {
                        _createDialog.placeAt(coordinate.latitude, coordinate.longitude)
                    } else if (window._placing) {
                        window._openCreateDialog(coordinate.latitude, coordinate.longitude)
                    } else if (layer === "incidents") {
                        window.controller.selectIncident(itemId)
                    } else if (layer === "units") {
                        window._state.units.toggleSelected(itemId)
                    } else if (layer === "aircraft") {
                        window._state.aircraft.toggleSelected(itemId)
                    }
                }
            }

            // The create-incident prompt over the map.
            Rectangle {
                objectName: "placementPrompt"
                visible: window._placing
                anchors.top: parent.top
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.topMargin: Theme.padding
                implicitWidth: _prompt.implicitWidth + 2 * Theme.padding
                implicitHeight: _prompt.implicitHeight + 2 * Theme.padding
                radius: Theme.radius
                color: Theme.panelRaised
                border.color: Theme.accent
                RowLayout {
                    id: _prompt
                    anchors.centerIn: parent
                    spacing: Theme.spacing
                    Label {
                        text: qsTr("Click the map where the incident is")
                        color: Theme.text
                        font.bold: true
                    }
                    Button {
                        text: qsTr("Enter coordinates")
                        onClicked: window._openCreateDialog(NaN, NaN)
                    }
                    Button {
                        text: qsTr("Cancel")
                        onClicked: window._placing = false
                    }
                }
            }
        }

        ColumnLayout {
            Layout.preferredWidth: Theme.boardWidth
            Layout.fillWidth: false
            Layout.fillHeight: true
            spacing: 0
            RecommendationPanel {
                id: _recommendation
                Layout.fillWidth: true
                Layout.preferredHeight: window.height * 0.36
                recommendation: window._state.recommendation
                available: window.controller.recommendationAvailable
                incidentId: window._state.selectedIncidentId
                actionsEnabled: !window._connection.sessionEnded
                onRefreshRequested: window.controller.requestRecommendation()
                onDispatchRequested: (chosenOnly) => window.controller.dispatchRecommended(chosenOnly)
            }
            TabBar {
                id: _boards
                objectName: "boardTabs"
                Layout.fillWidth: true
                TabButton {
                    text: qsTr("Units")
                }
                TabButton {
                    text: qsTr("Aviation")
                }
            }
            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: _boards.currentIndex
                UnitBoard {
                    controller: window.controller
                }
                AviationBoard {
                    aviation: window.controller.aviation
                }
            }
        }
    }

    CreateIncidentDialog {
        id: _createDialog
        controller: window.controller
        onClosed: {
            if (window._focusRecommendation) {
                window._focusRecommendation = false
                _recommendation.forceActiveFocus()
            }
        }
    }
    // F2: a new incident from anywhere; the place is searched or clicked on the map.
    Shortcut {
        sequence: "F2"
        context: Qt.ApplicationShortcut
        onActivated: window._openCreateDialog(NaN, NaN)
    }
    // A new incident is selected by the controller; Enter in the recommendation then dispatches.
    Connections {
        target: window.controller
        function onIncidentCreated(incidentId) {
            if (_createDialog.visible) {
                window._focusRecommendation = true
            } else {
                _recommendation.forceActiveFocus()
            }
        }
    }
}

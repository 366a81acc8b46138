import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Flameblue.Console

// A new incident: place (searched as typed, a map click, or coordinates), type, level, address,
// caller notes. Enter takes the highlighted place, then creates the incident.
Dialog {
    id: dialog

    required property var controller

    property real latitude: NaN
    property real longitude: NaN
    property int _requestId: 0
    property string _error: ""

    // Opens the dialog for a position (NaN: to be typed in).
    function openAt(lat, lon) {
        latitude = lat
        longitude = lon
        _latitude.text = isNaN(lat) ? "" : lat.toFixed(5)
        _longitude.text = isNaN(lon) ? "" : lon.toFixed(5)
        _address.clear()
        _notes.clear()
        _place.clear()
        _type.model = controller.likelyIncidentTypes()
        _type.currentIndex = _type.count > 0 ? 0 : -1
        _level.value = _type.count > 0 ? _type.model[0].level : Codes.minLevel
        _error = ""
        _requestId = 0
        open()
        _place.forceActiveFocus()
    }
    // Puts the incident where the dispatcher clicked on the map while the dialog is open.
    function placeAt(lat, lon) {
        latitude = lat
        longitude = lon
        _latitude.text = lat.toFixed(5)
        _longitude.text = lon.toFixed(5)
    }
    function _choosePlace(place) {
        placeAt(place.latitude, place.longitude)
        if (_address.text.length === 0) {
            _address.text = place.name
        }
        _place.text = place.name
        _suggestions.model = []
    }
    function _enterOnPlace() {
        if (_suggestions.count > 0) {
            _choosePlace(_suggestions.model[_suggestions.currentIndex])
        } else {
            _create()
        }
    }
    function _create() {
        if (!_createButton.enabled) {
            return
        }
        dialog._error = ""
        dialog._requestId = dialog.controller.createIncident(
                    _type.currentValue, _level.value, Number(_latitude.text),
                    Number(_longitude.text), _address.text, _notes.text)
    }

    objectName: "createIncidentDialog"
    title: qsTr("New incident")
    // Not modal: a click on the map places the incident while the dialog stays open.
    modal: false
    width: Theme.dialogWidth
    anchors.centerIn: Overlay.overlay
    standardButtons: Dialog.Cancel

    Connections {
        target: dialog.controller
        function onCommandFinished(requestId, ok, command, message) {
            if (requestId !== dialog._requestId) {
                return
            }
            dialog._requestId = 0
            if (ok) {
                dialog.close()
            } else {
                dialog._error = message
            }
        }
    }

    GridLayout {
        anchors.fill: parent
        columns: 2
        columnSpacing: Theme.spacing
        rowSpacing: Theme.spacing

        Keys.onReturnPressed: dialog._create()
        Keys.onEnterPressed: dialog._create()

        Label {
            text: qsTr("Place")
        }
        TextField {
            id: _place
            objectName: "incidentPlace"
            Layout.fillWidth: true
            placeholderText: qsTr("Search a place, or click the map")
            onTextEdited: {
                _suggestions.model = dialog.controller.findPlaces(text, 6)
                _suggestions.currentIndex = 0
            }
            Keys.onDownPressed: _suggestions.incrementCurrentIndex()
            Keys.onUpPressed: _suggestions.decrementCurrentIndex()
            focus: true
            Keys.onReturnPressed: dialog._enterOnPlace()
            Keys.onEnterPressed: dialog._enterOnPlace()
        }
        Item {
            visible: _suggestions.count > 0
        }
        ListView {
            id: _suggestions
            objectName: "placeSuggestions"
            Layout.fillWidth: true
            Layout.preferredHeight: count * Theme.rowHeight
            visible: count > 0
            clip: true
            model: []
            highlightMoveDuration: 0
            delegate: ItemDelegate {
                id: _suggestion
                required property var modelData
                required property int index
                width: ListView.view.width
                height: Theme.rowHeight
                highlighted: ListView.isCurrentItem
                text: modelData.name + "  ·  " + modelData.detail
                onClicked: dialog._choosePlace(modelData)
            }
        }

        Label {
            text: qsTr("Type")
        }
        ComboBox {
            id: _type
            objectName: "incidentType"
            Layout.fillWidth: true
            // The types seen most in the live state first; the level follows the type.
            model: []
            textRole: "name"
            valueRole: "itemId"
            onActivated: (index) => _level.value = model[index].level
        }
        Label {
            text: qsTr("Level")
        }
        SpinBox {
            id: _level
            objectName: "incidentLevel"
            from: Codes.minLevel
            to: Codes.maxLevel
        }
        Label {
            text: qsTr("Latitude")
        }
        TextField {
            id: _latitude
            objectName: "incidentLatitude"
            Layout.fillWidth: true
            placeholderText: qsTr("e.g. 37.87000")
            validator: DoubleValidator {
                bottom: -90
                top: 90
                decimals: 6
                notation: DoubleValidator.StandardNotation
            }
        }
        Label {
            text: qsTr("Longitude")
        }
        TextField {
            id: _longitude
            objectName: "incidentLongitude"
            Layout.fillWidth: true
            placeholderText: qsTr("e.g. 112.55000")
            validator: DoubleValidator {
                bottom: -180
                top: 180
                decimals: 6
                notation: DoubleValidator.StandardNotation
            }
        }
        Label {
            text: qsTr("Address")
        }
        TextField {
            id: _address
            objectName: "incidentAddress"
            Layout.fillWidth: true
            placeholderText: qsTr("Street, building, landmark")
        }
        Label {
            Layout.alignment: Qt.AlignTop
            text: qsTr("Caller notes")
        }
        TextArea {
            id: _notes
            objectName: "incidentNotes"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.rowHeight * 2
            placeholderText: qsTr("What the caller reports: people trapped, hazards, access")
            wrapMode: TextEdit.Wrap
        }
        Label {
            Layout.columnSpan: 2
            Layout.fillWidth: true
            visible: dialog._error.length > 0
            text: dialog._error
            color: Theme.danger
            wrapMode: Text.Wrap
        }
        Button {
            id: _createButton
            objectName: "createIncidentButton"
            Layout.columnSpan: 2
            Layout.alignment: Qt.AlignRight
            text: qsTr("Create incident")
            highlighted: true
            enabled: dialog._requestId === 0 && _latitude.acceptableInput
                     && _longitude.acceptableInput && _type.currentIndex >= 0
            onClicked: dialog._create()
        }
    }
}

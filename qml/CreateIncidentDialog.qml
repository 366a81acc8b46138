import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A new incident: type, level, position (from the map click or typed), address, caller notes.
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
        _level.value = Codes.minLevel
        _error = ""
        _requestId = 0
        open()
    }

    objectName: "createIncidentDialog"
    title: qsTr("New incident")
    modal: true
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

        Label {
            text: qsTr("Type")
        }
        ComboBox {
            id: _type
            objectName: "incidentType"
            Layout.fillWidth: true
            model: dialog.controller.state.catalog.incidentTypes
            textRole: "name"
            valueRole: "itemId"
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
            objectName: "createIncidentButton"
            Layout.columnSpan: 2
            Layout.alignment: Qt.AlignRight
            text: qsTr("Create incident")
            highlighted: true
            enabled: dialog._requestId === 0 && _latitude.acceptableInput
                     && _longitude.acceptableInput && _type.currentIndex >= 0
            onClicked: {
                dialog._error = ""
                dialog._requestId = dialog.controller.createIncident(
                            _type.currentValue, _level.value, Number(_latitude.text),
                            Number(_longitude.text), _address.text, _notes.text)
            }
        }
    }
}

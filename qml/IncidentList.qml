pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls

// Incidents, newest first; a click selects one.
Panel {
    id: panel

    required property var incidents

    signal selected(string incidentId)

    title: qsTr("Incidents")
    subtitle: qsTr("%1 open").arg(incidents.openCount)

    ListView {
        objectName: "incidentListView"
        anchors.fill: parent
        clip: true
        model: panel.incidents
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {}
        delegate: IncidentDelegate {
            width: ListView.view.width
            onSelected: (incidentId) => panel.selected(incidentId)
        }
        Label {
            anchors.centerIn: parent
            visible: parent.count === 0
            text: qsTr("No incidents")
            color: Theme.textDim
        }
    }
}

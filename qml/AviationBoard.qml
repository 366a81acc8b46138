pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The aviation coordinator's board: every fleet aircraft with its mission and live figures,
// a rotorcraft filter, and the selected aircraft's detail below.
Panel {
    id: board

    required property var aviation

    title: qsTr("Aviation")
    subtitle: qsTr("%1 aircraft").arg(aviation.boardView.count)

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingSmall

        CheckBox {
            objectName: "rotorcraftOnly"
            Layout.leftMargin: Theme.padding
            text: qsTr("Rotorcraft only")
            checked: board.aviation.boardView.rotorcraftOnly
            onToggled: board.aviation.boardView.rotorcraftOnly = checked
        }

        ListView {
            objectName: "aircraftList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: board.aviation.boardView
            delegate: AircraftDelegate {
                width: ListView.view.width
                selected: aircraftId === board.aviation.selectedAircraftId
                onClicked: board.aviation.selectedAircraftId = aircraftId
            }
            ScrollBar.vertical: ScrollBar {}
        }

        AircraftDetail {
            Layout.fillWidth: true
            Layout.bottomMargin: Theme.padding
            aviation: board.aviation
        }
    }
}

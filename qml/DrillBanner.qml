import QtQuick
import QtQuick.Controls

// Shown on every console in a drill session: what this console sees is a replay, not live
// operations.
Rectangle {
    required property string sessionId
    // The drill clock, when this console knows it (the instructor's); empty otherwise.
    property string drillClock: ""
    // The server ended the drill: the console keeps its last picture, nothing more comes.
    property bool ended: false

    objectName: "drillBanner"
    implicitHeight: Theme.bannerHeight
    color: Theme.sessionDrill

    Label {
        anchors.centerIn: parent
        objectName: "drillBannerText"
        text: parent.ended
              ? qsTr("DRILL %1 has ended — the last state is shown, no more updates")
                    .arg(parent.sessionId)
              : parent.drillClock.length > 0
              ? qsTr("DRILL %1 — a replay for training, not live operations · drill time %2")
                    .arg(parent.sessionId).arg(parent.drillClock)
              : qsTr("DRILL %1 — a replay for training, not live operations")
                    .arg(parent.sessionId)
        color: Theme.textOnColour
        font.pixelSize: Theme.fontLarge
        font.bold: true
    }
}

pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The server's recommended response to the selected incident: per run-card slot the unit it
// picked with its arrival time and why, or why no unit could be found; the coverage the
// dispatch would leave. The dispatcher dispatches all of it or only the picks left ticked.
Panel {
    id: panel

    required property var recommendation
    required property bool available
    required property string incidentId
    // False once nothing can be dispatched any more (the drill this console is in has ended).
    property bool actionsEnabled: true

    signal refreshRequested()
    signal dispatchRequested(bool chosenOnly)

    // Enter dispatches all only while the panel itself has the focus (after a new incident is
    // created, or once the dispatcher clicks into it), never from a field elsewhere.
    function _dispatchAllByKey() {
        if (_dispatchAll.enabled && panel.recommendation.loaded) {
            panel.dispatchRequested(false)
        }
    }

    objectName: "recommendationPanel"
    activeFocusOnTab: true
    border.color: activeFocus ? Theme.accent : Theme.panelBorder
    Keys.onReturnPressed: _dispatchAllByKey()
    Keys.onEnterPressed: _dispatchAllByKey()
    TapHandler {
        onTapped: panel.forceActiveFocus()
    }
    title: qsTr("Recommendation")
    subtitle: recommendation.totalText

    Label {
        objectName: "recommendationStatus"
        anchors.fill: parent
        anchors.margins: Theme.padding
        visible: !panel.recommendation.loaded
        text: !panel.available
              ? qsTr("No recommendation available: this server does not offer recommendations.")
              : panel.incidentId.length === 0
                ? qsTr("Select an incident to see its recommended response.")
                : panel.recommendation.loading
                  ? qsTr("Working out the recommended response…")
                  : panel.recommendation.error.length > 0
                    ? qsTr("No recommendation available: %1").arg(panel.recommendation.error)
                    : qsTr("No recommendation available")
        color: Theme.textDim
        wrapMode: Text.Wrap
    }

    ColumnLayout {
        anchors.fill: parent
        visible: panel.recommendation.loaded
        spacing: Theme.spacingSmall

        ListView {
            objectName: "recommendationList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: panel.recommendation.loaded ? panel.recommendation : null
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}
            delegate: RecommendationSlot {
                width: ListView.view.width
                onChosenToggled: (row, chosen) => panel.recommendation.setChosen(row, chosen)
            }
            Label {
                anchors.fill: parent
                anchors.margins: Theme.padding
                visible: parent.count === 0
                text: qsTr("Nothing more is needed: the units on this incident cover its run card.")
                color: Theme.textDim
                wrapMode: Text.Wrap
            }
        }
        Label {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.padding
            Layout.rightMargin: Theme.padding
            visible: text.length > 0
            text: panel.recommendation.coverageText
            color: panel.recommendation.coverageGaps.length > 0 ? Theme.warning : Theme.textDim
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontSmall
            ToolTip.visible: _coverageHover.hovered && panel.recommendation.coverageGaps.length > 0
            ToolTip.text: panel.recommendation.coverageGaps.join("\n")
            HoverHandler {
                id: _coverageHover
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.margins: Theme.padding
            Button {
                objectName: "refreshRecommendationButton"
                text: qsTr("Refresh")
                enabled: panel.actionsEnabled
                onClicked: panel.refreshRequested()
            }
            Item {
                Layout.fillWidth: true
            }
            Button {
                objectName: "dispatchChosenButton"
                text: qsTr("Dispatch ticked (%1)").arg(panel.recommendation.chosenUnitIds.length)
                enabled: panel.actionsEnabled && panel.recommendation.chosenUnitIds.length > 0
                onClicked: panel.dispatchRequested(true)
            }
            Button {
                id: _dispatchAll
                objectName: "dispatchAllButton"
                text: qsTr("Dispatch all (%1)").arg(panel.recommendation.unitIds.length)
                highlighted: true
                enabled: panel.actionsEnabled && panel.recommendation.unitIds.length > 0
                onClicked: panel.dispatchRequested(false)
            }
        }
    }
}

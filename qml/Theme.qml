pragma Singleton
import QtQuick
import Flameblue.Map

// Colours, sizes and fonts of the console: every view takes them from here.
QtObject {
    // Surfaces and text (a dark control-room palette).
    readonly property color window: "#11161d"
    readonly property color panel: "#19212b"
    readonly property color panelRaised: "#222c38"
    readonly property color panelBorder: "#2f3b4a"
    readonly property color selection: "#2b4a6f"
    readonly property color hover: "#263241"
    readonly property color text: "#e6ebf1"
    readonly property color textDim: "#93a1b3"
    readonly property color textOnColour: "#ffffff"
    readonly property color accent: "#3d8bfd"
    readonly property color danger: "#e5484d"
    readonly property color warning: "#f5a524"
    readonly property color success: "#30a46c"

    // Sessions: live is green, a drill orange, so nobody mistakes one for the other.
    readonly property color sessionLive: "#1f9d55"
    readonly property color sessionDrill: "#ff7a00"
    readonly property color disconnectedBanner: "#b42318"

    // Aircraft mission states, indexed by MissionState (0 unspecified, 1 ready .. 7 maintenance).
    readonly property var missionColours: ["#6b7785", "#30a46c", "#f5a524", "#ff7a00", "#e5484d",
                                           "#3d8bfd", "#8e9bae", "#6b7785"]
    readonly property color alertBanner: "#8f1d1d"
    readonly property int profileHeight: 120
    // Alarm levels 1..5 (index 0 unused).
    readonly property var levelColours: ["#6b7785", "#f5c518", "#f5a524", "#ff7a00", "#e5484d",
                                         "#b4127a"]

    // Fonts: Noto CJK draws Chinese and Latin alike.
    readonly property string fontFamily: "Noto Sans CJK SC"
    readonly property int fontSmall: 11
    readonly property int fontNormal: 13
    readonly property int fontLarge: 16
    readonly property int fontTitle: 18

    // Sizes.
    readonly property int spacing: 8
    readonly property int spacingSmall: 4
    readonly property int padding: 10
    readonly property int radius: 4
    readonly property int borderWidth: 1
    readonly property int topBarHeight: 48
    readonly property int bannerHeight: 34
    readonly property int sidePanelWidth: 380
    readonly property int boardWidth: 420
    readonly property int rowHeight: 52
    readonly property int compactRowHeight: 28
    readonly property int chipHeight: 20
    readonly property int badgeSize: 22
    readonly property int dialogWidth: 460
    readonly property int hoverCardMaxWidth: 320
    readonly property int messageTimeoutMs: 6000
    readonly property int toolTipDelayMs: 600

    // Status colours are the map's: a unit is the same green on the board as on the map.
    function unitStatusColour(status) {
        return MapPalette.unitStatusColor(status)
    }
    function incidentStatusColour(status) {
        return MapPalette.incidentStatusColor(status)
    }
    function missionColour(state) {
        return missionColours[state] ?? missionColours[0]
    }
    function levelColour(level) {
        return levelColours[level] ?? levelColours[0]
    }
}

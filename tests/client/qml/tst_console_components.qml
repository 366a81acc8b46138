import QtQuick
import QtTest
import Flameblue.Console

// The console's small components with the real Theme: what they show and what they emit.
Item {
    id: root
    width: 900
    height: 600

    Component {
        id: badgeComponent
        SessionBadge {}
    }
    Component {
        id: bannerComponent
        ConnectionBanner {
            width: root.width
        }
    }
    Component {
        id: recommendationComponent
        RecommendationPanel {
            width: 420
            height: 160
        }
    }
    Component {
        id: incidentComponent
        IncidentDelegate {
            width: 380
        }
    }
    Component {
        id: unitComponent
        UnitDelegate {
            width: 420
        }
    }
    // Stands in for UnitListModel: records what the delegate asks of it.
    QtObject {
        id: fakeUnits
        property var toggled: []
        function toggleSelected(id) { toggled.push(id) }
        function setSelected(id, on) { toggled.push(id + (on ? "+" : "-")) }
        function statusText(status) { return "status " + status }
    }
    Component {
        id: spyComponent
        SignalSpy {}
    }
    // Stands in for IncidentDetail: an open incident with two units on it.
    QtObject {
        id: fakeDetail
        property bool exists: true
        property string incidentId: "INC-20240601-0001"
        property string typeName: "Building fire"
        property int level: 2
        property int status: Codes.incidentActive
        property string statusText: "Active"
        property bool open: true
        property var nextStatuses: [Codes.incidentUnderControl, Codes.incidentClosed]
        property string address: "Yingze St 100"
        property string description: ""
        property string cityName: "Taiyuan"
        property real latitude: 37.87
        property real longitude: 112.55
        // 12:30 China Standard Time.
        property var received: new Date(Date.UTC(2024, 5, 1, 4, 30, 0))
        property var activeUnitIds: ["TY-S01-E1", "TY-S01-L1"]
        property ListModel timeline: ListModel {}
        property ListModel notes: ListModel {}
        property ListModel assignments: ListModel {
            ListElement {
                unitId: "TY-S01-E1"; callsign: "太原特勤1水罐"; status: 4; statusText: "On scene"
                active: true
            }
        }
    }
    // Stands in for ConsoleController: records the commands sent.
    QtObject {
        id: fakeController
        property var sent: []
        function setIncidentStatus(id, status) { sent.push("status " + id + " " + status) }
        function releaseUnits(id, units) { sent.push("release " + id + " [" + units.join(",") + "]") }
        function escalateIncident(id) { sent.push("escalate " + id) }
        function addNote(id, text) { sent.push("note " + id) }
    }
    Component {
        id: detailComponent
        IncidentDetailPane {
            width: 420
            height: 560
        }
    }

    TestCase {
        name: "SessionBadge"
        when: windowShown

        function test_live_is_green() {
            const badge = createTemporaryObject(badgeComponent, root, { sessionId: "live", drill: false })
            verify(badge)
            verify(Qt.colorEqual(badge.color, Theme.sessionLive))
            compare(findChild(badge, "sessionLabel").text, "LIVE")
        }
        function test_drill_is_orange_and_named() {
            const badge = createTemporaryObject(badgeComponent, root,
                                                { sessionId: "drill-0601", drill: true })
            verify(Qt.colorEqual(badge.color, Theme.sessionDrill))
            verify(!Qt.colorEqual(Theme.sessionDrill, Theme.sessionLive))
            compare(findChild(badge, "sessionLabel").text, "DRILL drill-0601")
        }
    }

    TestCase {
        name: "ConnectionBanner"
        when: windowShown

        function test_hidden_while_connected() {
            const banner = createTemporaryObject(bannerComponent, root, {
                connected: true, reconnectSeconds: 0, serverAddress: "127.0.0.1:50051", lastError: ""
            })
            verify(!banner.visible)
            compare(banner.implicitHeight, 0)
        }
        function test_counts_down_and_retries() {
            const banner = createTemporaryObject(bannerComponent, root, {
                connected: false, reconnectSeconds: 7, serverAddress: "127.0.0.1:50051",
                lastError: "Connection refused"
            })
            verify(banner.visible)
            compare(banner.implicitHeight, Theme.bannerHeight)
            compare(findChild(banner, "bannerText").text, "Connection lost — reconnecting in 7 s")
            banner.reconnectSeconds = 3
            compare(findChild(banner, "bannerText").text, "Connection lost — reconnecting in 3 s")
            const spy = createTemporaryObject(spyComponent, root,
                                              { target: banner, signalName: "retryRequested" })
            mouseClick(banner, banner.width - 40, banner.height / 2)
            compare(spy.count, 1)
        }
        function test_first_connection() {
            const banner = createTemporaryObject(bannerComponent, root, {
                connected: false, reconnectSeconds: 0, serverAddress: "10.1.2.3:50051", lastError: ""
            })
            compare(findChild(banner, "bannerText").text, "Connecting to 10.1.2.3:50051…")
        }
        function test_refused_credentials_say_why_and_offer_retry() {
            const reason = "The server refused this console's credentials "
                         + "(authorization: unknown operator token). Check the operator token, then retry."
            const banner = createTemporaryObject(bannerComponent, root, {
                connected: false, refused: true, reconnectSeconds: 0,
                serverAddress: "10.1.2.3:50051", lastError: reason
            })
            verify(banner.visible)
            compare(findChild(banner, "bannerText").text, "Not signed in to 10.1.2.3:50051")
            compare(findChild(banner, "bannerError").text, reason)
            verify(findChild(banner, "retryButton").visible)
            const spy = createTemporaryObject(spyComponent, root,
                                              { target: banner, signalName: "retryRequested" })
            mouseClick(banner, banner.width - 40, banner.height / 2)
            compare(spy.count, 1)
        }
    }

    // Stands in for RecommendationModel: not yet answered.
    QtObject {
        id: noRecommendation
        property bool loaded: false
        property bool loading: false
        property string error: ""
        property string totalText: ""
        property string coverageText: ""
        property var coverageGaps: []
        property var unitIds: []
        property var chosenUnitIds: []
    }
    // And answered: two slots filled, one shortfall.
    ListModel {
        id: someRecommendation
        property bool loaded: true
        property bool loading: false
        property string error: ""
        property string totalText: "2 of 3 slots filled"
        property string coverageText: "Coverage: 1 station area would lose its unit within 5 min 0 s."
        property var coverageGaps: ["Yingze loses its engine"]
        property var unitIds: ["TY-S01-E1", "TY-S01-L1"]
        property var chosenUnitIds: ["TY-S01-E1"]
        function setChosen(row, chosen) { setProperty(row, "chosen", chosen) }

        ListElement {
            capabilityName: "Fire suppression"; air: false; unitId: "TY-S01-E1"
            callsign: "太原特勤1水罐"; etaText: "4 min 10 s"; etaDetail: "1 min 20 s turnout"
            positionSourceText: "from its station"; explanation: "nearest"; late: false
            shortfall: false; shortfallText: ""; alternativesText: ""; chosen: true
        }
        ListElement {
            capabilityName: "Aerial ladder"; air: false; unitId: "TY-S01-L1"
            callsign: "太原特勤1登高"; etaText: "6 min 0 s"; etaDetail: "1 min 20 s turnout"
            positionSourceText: "from its station"; explanation: ""; late: true
            shortfall: false; shortfallText: ""; alternativesText: "B 7 min"; chosen: false
        }
        ListElement {
            capabilityName: "Water rescue"; air: false; unitId: ""; callsign: ""; etaText: ""
            etaDetail: ""; positionSourceText: ""; explanation: ""; late: false; shortfall: true
            shortfallText: "every water rescue unit is committed"; alternativesText: ""
            chosen: false
        }
    }

    TestCase {
        name: "RecommendationPanel"
        when: windowShown

        function test_says_when_there_is_none() {
            const panel = createTemporaryObject(recommendationComponent, root, {
                recommendation: noRecommendation, available: false, incidentId: "INC-1"
            })
            compare(findChild(panel, "recommendationStatus").text,
                    "No recommendation available: this server does not offer recommendations.")
            verify(!findChild(panel, "recommendationList").visible)
            panel.available = true
            panel.incidentId = ""
            compare(findChild(panel, "recommendationStatus").text,
                    "Select an incident to see its recommended response.")
        }
        function test_lists_slots_and_dispatches() {
            const panel = createTemporaryObject(recommendationComponent, root, {
                recommendation: someRecommendation, available: true, incidentId: "INC-1",
                height: 400
            })
            const list = findChild(panel, "recommendationList")
            verify(list.visible)
            tryCompare(list, "count", 3)
            const spy = createTemporaryObject(spyComponent, root,
                                              { target: panel, signalName: "dispatchRequested" })
            const all = findChild(panel, "dispatchAllButton")
            compare(all.text, "Dispatch all (2)")
            mouseClick(all)
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0], false)
            mouseClick(findChild(panel, "dispatchChosenButton"))
            compare(spy.signalArguments[1][0], true)
        }
        function test_ended_drill_dispatches_nothing() {
            const panel = createTemporaryObject(recommendationComponent, root, {
                recommendation: someRecommendation, available: true, incidentId: "INC-1",
                height: 400, actionsEnabled: false
            })
            for (const name of ["dispatchAllButton", "dispatchChosenButton",
                                "refreshRecommendationButton"]) {
                verify(!findChild(panel, name).enabled, name)
            }
        }
    }

    TestCase {
        name: "IncidentDetailPane"
        when: windowShown

        function init() {
            fakeController.sent = []
            fakeDetail.open = true
            fakeDetail.status = Codes.incidentActive
            fakeDetail.activeUnitIds = ["TY-S01-E1", "TY-S01-L1"]
        }
        function confirmDialog(pane) {
            return findChild(pane, "confirmDialog")
        }
        function test_close_asks_first_and_cancel_does_nothing() {
            const pane = createTemporaryObject(detailComponent, root,
                                               { detail: fakeDetail, controller: fakeController })
            const close = findChild(pane, "closeIncidentButton")
            verify(close.enabled)
            mouseClick(close)
            const dialog = confirmDialog(pane)
            tryCompare(dialog, "opened", true)
            compare(fakeController.sent, [])
            verify(findChild(dialog, "confirmText").text.indexOf("2 unit") >= 0)
            mouseClick(findChild(dialog, "confirmCancel"))
            tryCompare(dialog, "visible", false)
            compare(fakeController.sent, [])

            mouseClick(close)
            tryCompare(dialog, "opened", true)
            mouseClick(findChild(dialog, "confirmAccept"))
            tryCompare(dialog, "visible", false)
            compare(fakeController.sent, ["status INC-20240601-0001 " + Codes.incidentClosed])
        }
        function test_release_all_asks_first() {
            const pane = createTemporaryObject(detailComponent, root,
                                               { detail: fakeDetail, controller: fakeController })
            mouseClick(findChild(pane, "releaseAllButton"))
            const dialog = confirmDialog(pane)
            tryCompare(dialog, "opened", true)
            compare(fakeController.sent, [])
            keyClick(Qt.Key_Escape)
            tryCompare(dialog, "visible", false)
            compare(fakeController.sent, [])
            mouseClick(findChild(pane, "releaseAllButton"))
            tryCompare(dialog, "opened", true)
            mouseClick(findChild(dialog, "confirmAccept"))
            compare(fakeController.sent, ["release INC-20240601-0001 []"])
        }
        function test_closed_incident_offers_no_actions() {
            fakeDetail.open = false
            fakeDetail.status = Codes.incidentClosed
            const pane = createTemporaryObject(detailComponent, root,
                                               { detail: fakeDetail, controller: fakeController })
            for (const name of ["escalateButton", "underControlButton", "closeIncidentButton",
                                "releaseAllButton", "releaseButton_TY-S01-E1"]) {
                verify(!findChild(pane, name).enabled, name)
            }
        }
        // The workstation runs on UTC (the test's environment); times are China Standard Time.
        function test_times_are_china_standard_time() {
            const pane = createTemporaryObject(detailComponent, root,
                                               { detail: fakeDetail, controller: fakeController })
            compare(DisplayTime.zoneId, "Asia/Shanghai")
            compare(findChild(pane, "incidentPlaceAndTime").text,
                    "37.87000 N, 112.55000 E · received 2024-06-01 12:30:00 China Standard Time")
        }
        function test_ended_drill_offers_no_actions() {
            const pane = createTemporaryObject(detailComponent, root, {
                detail: fakeDetail, controller: fakeController, actionsEnabled: false
            })
            for (const name of ["escalateButton", "underControlButton", "closeIncidentButton",
                                "releaseAllButton"]) {
                verify(!findChild(pane, name).enabled, name)
            }
        }
    }

    Component {
        id: profileComponent
        AltitudeProfile {
            width: 300
            height: 120
            points: [{ x: 0, y: 900 }, { x: 600000, y: 1500 }, { x: 1200000, y: 2400 }]
        }
    }

    // Painted texts (not bindings) follow a language change too.
    TestCase {
        name: "AltitudeProfile"
        when: windowShown

        function cleanup() {
            testLanguages.apply("en")
        }
        function test_repaints_on_language_change() {
            verify(testLanguages.apply("en"))
            const profile = createTemporaryObject(profileComponent, root)
            waitForRendering(profile)
            const english = grabImage(profile)
            verify(testLanguages.apply("zh_CN"))
            tryVerify(() => !grabImage(profile).equals(english), 5000,
                      "the profile still shows its English labels")
        }
        // And so do the zone's name and the connection's words.
        function test_zone_is_named_in_the_display_language() {
            verify(testLanguages.apply("zh_CN"))
            compare(DisplayTime.zoneName, "北京时间")
            verify(testLanguages.apply("en"))
            compare(DisplayTime.zoneName, "China Standard Time")
        }
    }

    TestCase {
        name: "Theme"

        function test_every_status_has_its_own_colour() {
            const seen = {}
            for (let s = Codes.unitAvailable; s <= Codes.unitOutOfService; ++s) {
                seen[Theme.unitStatusColour(s).toString()] = true
            }
            // Out of service and unspecified may share grey; the five working states may not.
            verify(Object.keys(seen).length >= 5)
            verify(!Qt.colorEqual(Theme.unitStatusColour(Codes.unitAvailable),
                                  Theme.unitStatusColour(Codes.unitDispatched)))
            verify(!Qt.colorEqual(Theme.levelColour(1), Theme.levelColour(5)))
        }
    }

    TestCase {
        name: "IncidentDelegate"
        when: windowShown

        function test_click_selects() {
            const row = createTemporaryObject(incidentComponent, root, {
                itemId: "INC-20240601-0001", typeName: "Building fire", level: 2,
                status: Codes.incidentReceived, statusText: "Received", address: "Yingze St 100",
                cityName: "Taiyuan", received: new Date(2024, 5, 1, 8, 0, 0), activeUnitCount: 2,
                highlighted: false
            })
            verify(row)
            const spy = createTemporaryObject(spyComponent, root,
                                              { target: row, signalName: "selected" })
            mouseClick(row, 40, row.height / 2)
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0], "INC-20240601-0001")
            row.highlighted = true
            verify(Qt.colorEqual(row.color, Theme.selection))
        }
    }

    TestCase {
        name: "UnitDelegate"
        when: windowShown

        function test_click_toggles_selection() {
            fakeUnits.toggled = []
            const row = createTemporaryObject(unitComponent, root, {
                itemId: "TY-S01-E1", callsign: "太原特勤1水罐", unitTypeName: "Engine",
                status: Codes.unitAvailable, statusText: "Available", stationName: "Special 1",
                cityName: "Taiyuan", staffing: 5, crewCapacity: 6, fixAgeText: "no fix",
                positionFromStation: true, incidentId: "", capabilitiesText: "Fire suppression",
                selected: false, dispatchable: true, nextStatuses: [Codes.unitOutOfService],
                unitModel: fakeUnits
            })
            verify(row)
            mouseClick(row, row.width / 2, row.height / 2)
            compare(fakeUnits.toggled, ["TY-S01-E1"])
            const check = findChild(row, "unitCheck_TY-S01-E1")
            verify(check.enabled)
            mouseClick(check)
            compare(fakeUnits.toggled[1], "TY-S01-E1+")
        }
        function test_committed_unit_cannot_be_picked() {
            const row = createTemporaryObject(unitComponent, root, {
                itemId: "TY-S01-E2", callsign: "太原特勤2", unitTypeName: "Engine",
                status: Codes.unitOnScene, statusText: "On scene", stationName: "Special 1",
                cityName: "Taiyuan", staffing: 5, crewCapacity: 6, fixAgeText: "12 s ago",
                positionFromStation: false, incidentId: "INC-1", capabilitiesText: "",
                selected: false, dispatchable: false, nextStatuses: [Codes.unitReturning],
                unitModel: fakeUnits
            })
            verify(!findChild(row, "unitCheck_TY-S01-E2").enabled)
        }
    }
}

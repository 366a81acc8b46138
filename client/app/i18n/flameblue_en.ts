<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AircraftDelegate</name>
    <message>
        <source>SQ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 m · %2 km/h · %3°</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETA %1 · left %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AircraftDetail</name>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tasked to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flight time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 per hour)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (measured)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (modelled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dip site</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Altitude profile</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertBanner</name>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AviationBoard</name>
    <message>
        <source>Aviation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 aircraft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotorcraft only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>All cities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All capabilities</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>Connection lost — reconnecting in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed in to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CoveragePanel</name>
    <message>
        <source>not reached</source>
        <translation>not reached</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>no unit reaches it</source>
        <translation>no unit reaches it</translation>
    </message>
    <message>
        <source>≤ %1 min (the circle)</source>
        <translation>≤ %1 min (the circle)</translation>
    </message>
    <message>
        <source>&gt; %1 min</source>
        <translation>&gt; %1 min</translation>
    </message>
    <message>
        <source>%1–%2 min</source>
        <translation>%1–%2 min</translation>
    </message>
    <message>
        <source>First arrival (%1-minute circle)</source>
        <translation>First arrival (%1-minute circle)</translation>
    </message>
    <message>
        <source>Within the circle: %1 % of the province&apos;s area (grid cells), %2 % of the listed places; %3 units counting</source>
        <translation>Within the circle: %1 % of the province&apos;s area (grid cells), %2 % of the listed places; %3 units counting</translation>
    </message>
    <message>
        <source>Places outside the circle</source>
        <translation>Places outside the circle</translation>
    </message>
    <message>
        <source>Stations without a unit in time</source>
        <translation>Stations without a unit in time</translation>
    </message>
    <message>
        <source>Coverage unavailable: %1</source>
        <translation>Coverage unavailable: %1</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CreateIncidentDialog</name>
    <message>
        <source>New incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 37.87000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 112.55000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street, building, landmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search a place, or click the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the caller reports: people trapped, hazards, access</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create incident</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrillBanner</name>
    <message>
        <source>DRILL %1 — a replay for training, not live operations · drill time %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRILL %1 — a replay for training, not live operations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRILL %1 has ended — the last state is shown, no more updates</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrillBar</name>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To the next thing that happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · level %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over to trainees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From now on the trainees decide for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an incident to hand over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control: free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save after-action report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The after-action report as a printable web page</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentDelegate</name>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n unit</numerusform>
            <numerusform>%n units</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IncidentDetailPane</name>
    <message>
        <source>Incident detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an incident in the list or on the map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units on this incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None yet: select units on the board and dispatch them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close incident %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) still on this incident will be released. A closed incident cannot be reopened.</source>
        <translation>
            <numerusform>%n unit still on this incident will be released. A closed incident cannot be reopened.</numerusform>
            <numerusform>%n units still on this incident will be released. A closed incident cannot be reopened.</numerusform>
        </translation>
    </message>
    <message>
        <source>A closed incident cannot be reopened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release units from %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 will leave incident %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>All %n unit(s) on this incident will leave it, including those on scene.</source>
        <translation>
            <numerusform>The %n unit on this incident will leave it, even if on scene.</numerusform>
            <numerusform>All %n units on this incident will leave it, including those on scene.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 N, %2 E · received %3 %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentList</name>
    <message>
        <source>Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No incidents</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerToggles</name>
    <message>
        <source>Stations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aircraft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Water sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other air traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5-minute coverage</source>
        <translation>5-minute coverage</translation>
    </message>
</context>
<context>
    <name>LevelBadge</name>
    <message>
        <source>Alarm level %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Flameblue dispatch console — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click the map where the incident is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter coordinates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aviation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapItemSummary</name>
    <message>
        <source>%1 km/h, %2 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>level %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a fleet aircraft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>squawk %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n unit</numerusform>
            <numerusform>%n units</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MapPane</name>
    <message>
        <source>Map data: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MapPlaceholder</name>
    <message>
        <source>The map is not available in this build.
%1 stations, %2 units, %3 aircraft, %4 incidents</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesView</name>
    <message>
        <source>Add a note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecommendationPanel</name>
    <message>
        <source>Recommendation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an incident to see its recommended response.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recommendation available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recommendation available: this server does not offer recommendations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out the recommended response…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recommendation available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch ticked (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch all (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing more is needed: the units on this incident cover its run card.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecommendationSlot</name>
    <message>
        <source>%1 (air)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportTable</name>
    <message>
        <source>Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n = %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Meets the threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within 10 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Misses the threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheet table (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p90 (min:s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>within (min:s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>% of cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p90 by month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p90 by day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionBadge</name>
    <message>
        <source>DRILL %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LIVE</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Flameblue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitBoard</name>
    <message>
        <source>Unit status board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ground units (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aircraft (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>En route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callsign, name or station</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) selected for %1</source>
        <translation>
            <numerusform>%n unit selected for %1</numerusform>
            <numerusform>%n units selected for %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) selected; select an incident</source>
        <translation>
            <numerusform>%n unit selected; select an incident</numerusform>
            <numerusform>%n units selected; select an incident</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitDelegate</name>
    <message>
        <source>crew %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no current fix: shown at its station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fix %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at its station</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::AlertListModel</name>
    <message>
        <source>unlawful interference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>radio failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>general emergency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signal lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Squawk %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low endurance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (over)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::AltitudeProfile</name>
    <message>
        <source>No altitude reported yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last %1 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::AviationBoardModel</name>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>En route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Landed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signal lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Airborne</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::AviationController</name>
    <message>
        <source>Alert acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mission state changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::ConsoleController</name>
    <message>
        <source>Choose the incident type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alarm level must be from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The position %1, %2 is not a valid coordinate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an incident first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the units to dispatch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown incident %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The incident is already at the highest level (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The note is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City seat · %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident %1 created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) dispatched.</source>
        <translation>
            <numerusform>%n unit dispatched.</numerusform>
            <numerusform>%n units dispatched.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s) released.</source>
        <translation>
            <numerusform>%n unit released.</numerusform>
            <numerusform>%n units released.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no recommendation to dispatch.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::DispatchConnection</name>
    <message>
        <source>not connected to a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused this console&apos;s credentials (%1). Check the operator token, then retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection failed; check the CA certificate and the server name (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot be reached (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is overloaded (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server ended (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::DisplayTime</name>
    <message>
        <source>China Standard Time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::DrillControl</name>
    <message>
        <source>The server has no drill %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seek</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No report file chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the report to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::IncidentDetail</name>
    <message>
        <source>Alarm received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First unit dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>En route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Released</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::IncidentListModel</name>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::RecommendationModel</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to launch, %2 km at %3 km/h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 turnout, %2 km by road at %3 km/h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from its last position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from its station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from its station (last position too old)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coverage: every station area keeps a unit within %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Coverage: %n station area(s) would lose their unit within %1.</source>
        <translation>
            <numerusform>Coverage: %n station area would lose its unit within %1.</numerusform>
            <numerusform>Coverage: %n station areas would lose their unit within %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dip site is known, so no drop cycle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dips at %1 (%2 from the fire): a drop every %3, %4 drops/h, first drop after %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, %n drop(s) within endurance</source>
        <translation>
            <numerusform>, %n drop within endurance</numerusform>
            <numerusform>, %n drops within endurance</numerusform>
        </translation>
    </message>
    <message>
        <source>.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endurance unknown for its type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endurance allows %1 over the scene (out %2, back %3, reserve %4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, the next available, would arrive at the same time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrives %1 before %2, the next available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other free unit for this slot is within reach.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 would arrive %2 sooner but is sent for slot %3 (%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later than the run card&apos;s target of %1 by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run card asks for aircraft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aircraft always compete for this incident type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the best ground arrival is beyond the aviation threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An aircraft with %1 stands in for %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in a straight line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mountain roads: travel time x%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No unit could be found for this slot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no unit anywhere has %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all %1 units with it are committed (%2) or out of service (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the free units with it can only be placed by stale positions (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the free units with it are understaffed (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no free unit with it within the distance limit (%1 beyond)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no aircraft with it has the endurance for the round trip with reserve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every free unit with it (%1) is needed for other slots of this plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no suitable unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No unit: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closest: %1, %2 away, would arrive in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 would have no unit within %2 (now covered by %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up %1 from %2 to %3: %4, %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Covered by the move-up of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No unit can move up without opening another gap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 slots filled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 slots filled, all on scene within %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 slots filled, those on scene within %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::ReportExport</name>
    <message>
        <source>Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit responses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: p50 (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: p80 (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: p90 (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: mean (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: compliance (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: threshold (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: threshold fractile (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response-time report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grouped by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (fractiles only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events up to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fractiles and compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compliance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times in minutes:seconds. Compliance: share of cases within the threshold; green when it reaches the threshold&apos;s fractile, orange within 10 points of it, red below.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::ReportTexts</name>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≤ %1 for %2 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call processing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turnout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Travel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First unit travel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full first alarm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First arrival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alarm to first arrival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Province</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incident type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hour of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::ReportsController</name>
    <message>
        <source>p90 per group and threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fractile table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All phases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the range as yyyy-MM-dd HH:mm (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The end of the range must come after its start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server cannot give reports yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shanxi province</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no thresholds (fractiles only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n incident(s) · events up to %2 · thresholds: %3</source>
        <translation>
            <numerusform>%1 · %n incident · events up to %2 · thresholds: %3</numerusform>
            <numerusform>%1 · %n incidents · events up to %2 · thresholds: %3</numerusform>
        </translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no report to save yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::UnitListModel</name>
    <message>
        <source>no fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>En route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · signal lost, last heard %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>flameblue::console::WaterSourceListModel</name>
    <message>
        <source>Hydrant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reservoir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>River</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pond</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Water tank</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
        <source>%1 N, %2 E · received %3</source>
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
        <source>Connected to %1 · event %2</source>
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
        <source>stream ended (code %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected to a server</source>
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
        <source>%1 of %2 slots filled, all on scene in %3</source>
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

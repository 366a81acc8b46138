#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/server.h"
#include "app/feed_options.h"
#include "iot/intake.h"
#include "iot/mqtt_client.h"
#include "sim/simulator.h"

namespace flameblue::app {

struct AppOptions {
    api::ServerOptions server;
    std::string dataDir;   // the data set (stations, units, catalogues)
    std::string stateDir;  // where the event log lives (and drills' logs)
    // The live event log: a SQLite file or a postgresql:// URI; empty: <stateDir>/live.db.
    std::string store;
    bool simulate = false;
    // SBS-1 (BaseStation) feeds, "host:port" each.
    std::vector<std::string> sbsFeeds;
    // aircraft.json, SBS replays, context traffic, Cursor-on-Target (feed_options.h).
    FeedOptions feeds;
    sim::SimulatorOptions sim;
    std::uint64_t snapshotEveryEvents = 50'000;
    // A flying fleet aircraft not heard for this long raises a signal-lost alert.
    double signalLostSeconds = 60.0;
    // Building alarm panels and water sensors over MQTT: the broker ("host:port"; empty: off),
    // its credentials and CA, the building registry (default <data-dir>/buildings.json).
    std::string mqtt;
    iot::MqttOptions mqttOptions;
    std::string buildingsFile;
    iot::IntakeOptions intake;
    bool showHelp = false;
    bool showVersion = false;
};

// Parses the command line; the error names the option and the value.
std::optional<AppOptions> parseOptions(int argc, char** argv, std::string& error);

// The data set when none is given: $FLAMEBLUE_DATA_DIR, else the bundled data/ of the build.
// Shared by the server and its command-line tools.
std::string defaultDataDir();
// The state directory when none is given: $XDG_STATE_HOME/flameblue or ~/.local/state/flameblue.
std::string defaultStateDir();
std::string helpText(const char* program);

}  // namespace flameblue::app

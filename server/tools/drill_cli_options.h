// flameblue-drill: the command line of the instructor's drill tool, parsed and checked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flameblue::tools {

struct DrillCliOptions {
    std::string server = "127.0.0.1:50051";
    std::string operatorName;
    bool tls = false;
    std::string caCertPem;      // --ca-cert (implies TLS)
    std::string tlsServerName;  // --tls-server-name
    std::string token;          // --token-file or $FLAMEBLUE_TOKEN

    std::string command;  // scenarios, create, list, play, pause, speed, seek, ...
    std::string drillId;
    // create
    std::string name;
    std::string scenarioId;
    std::string scenarioContent;  // the text of --scenario-file
    std::optional<std::int64_t> fromMs;
    std::optional<std::int64_t> toMs;
    std::string incidentId;  // create --incident, handover
    // speed, seek
    double speed = 0;
    std::int64_t seekMs = 0;
    // report
    std::string htmlFile;
    std::string csvFile;
};

// Parses argv after the program name. On failure returns nullopt and sets `error` to a message
// naming the argument; `helpWanted` is set for --help (the usage text is then the caller's).
std::optional<DrillCliOptions> parseDrillCli(const std::vector<std::string>& args,
                                             std::string* error, bool* helpWanted);

std::string drillCliUsage();

}  // namespace flameblue::tools

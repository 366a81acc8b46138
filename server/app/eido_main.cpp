// flameblue-eido: one incident of the event log as an EIDO incident object (JSON).
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "app/options.h"

#include "app/eido_catalog.h"
#include "data/dataset.h"
#include "reports/eido_export.h"
#include "store/event_store.h"
#include "store/open_store.h"

namespace {

std::string helpText(const char* program) {
    std::string text = "Usage: ";
    text += program;
    text += R"( (--state-dir DIR | --store LOCATION) [options] INCIDENT_ID

Writes the incident's timeline as a NENA/APCO EIDO incident object (NENA-STA-021.1a-2022, JSON,
EIDO version 1.0), as the Reports service's ExportIncident does. Reads the log only; it may run
beside the server.

  --state-dir DIR     the server's state directory (its live.db)
  --store LOCATION    the event log: a SQLite file or postgresql://USER@HOST/DB
  --data-dir DIR      the data set for names (default: the bundled data/, or $FLAMEBLUE_DATA_DIR)
  --output FILE       write the JSON here instead of to standard output
  --help              this text
)";
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    using namespace flameblue;
    std::string dataDir = flameblue::app::defaultDataDir();
    std::string location;
    std::string output;
    std::string incident;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            std::cout << helpText(argv[0]);
            return 0;
        }
        if (arg == "--state-dir" || arg == "--store" || arg == "--data-dir" || arg == "--output") {
            if (i + 1 >= argc) {
                std::cerr << "flameblue-eido: " << arg << " needs a value (see --help)\n";
                return 2;
            }
            const std::string value = argv[++i];
            if (arg == "--state-dir") {
                location = (fs::path(value) / "live.db").string();
            } else if (arg == "--store") {
                location = value;
            } else if (arg == "--data-dir") {
                dataDir = value;
            } else {
                output = value;
            }
        } else if (!arg.empty() && arg[0] == '-') {
            std::cerr << "flameblue-eido: unknown option " << arg << " (see --help)\n";
            return 2;
        } else if (incident.empty()) {
            incident = arg;
        } else {
            std::cerr << "flameblue-eido: one incident at a time; " << arg << " is one too many\n";
            return 2;
        }
    }
    if (location.empty() || incident.empty()) {
        std::cerr << "flameblue-eido: give --state-dir or --store, and an incident id (see "
                     "--help)\n";
        return 2;
    }
    if (!store::isPostgresLocation(location) && !fs::exists(location)) {
        std::cerr << "flameblue-eido: no event log at " << location << "\n";
        return 2;
    }
    auto dataset = data::loadDataset(dataDir);
    if (!dataset) {
        std::cerr << "flameblue-eido: the data set in " << dataDir << " has errors:\n"
                  << dataset.error().message << "\n";
        return 2;
    }
    auto store = store::openStore(location);
    if (!store) {
        std::cerr << "flameblue-eido: " << store.error().message << "\n";
        return 2;
    }
    auto state = store::recoverState(**store);
    if (!state) {
        std::cerr << "flameblue-eido: cannot read " << store::describeLocation(location) << ": "
                  << state.error().message << "\n";
        return 2;
    }
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    auto json = reports::exportEido(*state, incident, app::eidoCatalogFrom(*dataset), now);
    if (!json) {
        std::cerr << "flameblue-eido: " << json.error().message << "\n";
        return 1;
    }
    if (output.empty()) {
        std::cout << *json << "\n";
        return 0;
    }
    std::ofstream out(output, std::ios::binary | std::ios::trunc);
    out << *json << "\n";
    out.close();
    if (!out) {
        std::cerr << "flameblue-eido: cannot write " << output << "\n";
        return 1;
    }
    return 0;
}

// flameblue-server: the dispatch server. All wiring lives in server_app.cpp.
#include <iostream>

#include "app/options.h"
#include "app/server_app.h"

int main(int argc, char** argv) {
    std::string error;
    auto options = flameblue::app::parseOptions(argc, argv, error);
    if (!options) {
        std::cerr << "flameblue-server: " << error << "\n";
        return 2;
    }
    if (options->showHelp) {
        std::cout << flameblue::app::helpText(argv[0]);
        return 0;
    }
    if (options->showVersion) {
        std::cout << "flameblue-server " << FLAMEBLUE_VERSION << "\n";
        return 0;
    }
    return flameblue::app::runServer(*options);
}

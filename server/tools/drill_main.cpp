// flameblue-drill: the instructor's command line for drills (see drillCliUsage()).
#include <iostream>
#include <string>
#include <vector>

#include "tools/drill_cli.h"

int main(int argc, char** argv) {
    using namespace flameblue::tools;
    const std::vector<std::string> args(argv + 1, argv + argc);
    std::string error;
    bool help = false;
    const auto options = parseDrillCli(args, &error, &help);
    if (help) {
        std::cout << drillCliUsage();
        return kExitOk;
    }
    if (!options) {
        std::cerr << "flameblue-drill: " << error << "\n"
                  << "Try \"flameblue-drill --help\".\n";
        return kExitUsage;
    }
    return runDrillCommand(*options, std::cout, std::cerr);
}

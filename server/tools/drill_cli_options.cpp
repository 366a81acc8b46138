#include "tools/drill_cli_options.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "common/iso_time.h"
#include "common/net_address.h"

namespace flameblue::tools {
namespace {

constexpr std::size_t kMaxFileBytes = std::size_t{4} * 1024 * 1024;

// Reads up to kMaxFileBytes of a file named by an option; nullopt with `error` set.
std::optional<std::string> readOptionFile(const std::string& option, const std::string& path,
                                          std::string* error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        *error = option + " " + path + ": cannot be read";
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (text.str().size() > kMaxFileBytes) {
        *error = option + " " + path + ": larger than 4 MiB";
        return std::nullopt;
    }
    return text.str();
}

bool validHostPort(const std::string& s) {
    const auto colon = s.rfind(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == s.size())
        return false;
    const std::string port = s.substr(colon + 1);
    if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5)
        return false;
    const int p = std::atoi(port.c_str());
    return p > 0 && p < 65536;
}

// How many positional arguments after the command each command takes, and their names.
const std::map<std::string, std::vector<std::string>>& commandArgs() {
    static const std::map<std::string, std::vector<std::string>> kArgs = {
        {"scenarios", {}},
        {"create", {}},
        {"list", {}},
        {"play", {"ID"}},
        {"pause", {"ID"}},
        {"speed", {"ID", "X"}},
        {"seek", {"ID", "TIME"}},
        {"handover", {"ID", "INCIDENT"}},
        {"report", {"ID"}},
        {"end", {"ID"}},
        {"state", {"ID"}},
    };
    return kArgs;
}

bool takesValue(const std::string& option) {
    static const std::set<std::string> kValued = {
        "--server",     "--operator", "--ca-cert",  "--tls-server-name",
        "--token-file", "--name",     "--scenario", "--scenario-file",
        "--from",       "--to",       "--incident", "--html",
        "--csv"};
    return kValued.count(option) != 0;
}

// The options each command accepts beyond the connection ones.
bool allowedFor(const std::string& command, const std::string& option) {
    static const std::set<std::string> kCommon = {"--server",  "--operator",        "--tls",
                                                  "--ca-cert", "--tls-server-name", "--token-file"};
    if (kCommon.count(option) != 0)
        return true;
    if (command == "create") {
        return option == "--name" || option == "--scenario" || option == "--scenario-file" ||
               option == "--from" || option == "--to" || option == "--incident";
    }
    if (command == "report")
        return option == "--html" || option == "--csv";
    return false;
}

bool checkCreate(const std::map<std::string, std::string>& values, DrillCliOptions& o,
                 std::string* error) {
    const bool scenario = values.count("--scenario") != 0;
    const bool scenarioFile = values.count("--scenario-file") != 0;
    const bool range = values.count("--from") != 0 || values.count("--to") != 0;
    if (static_cast<int>(scenario) + static_cast<int>(scenarioFile) + static_cast<int>(range) !=
        1) {
        *error =
            "create: give exactly one of --scenario ID, --scenario-file FILE, or --from TIME "
            "--to TIME";
        return false;
    }
    if (scenario)
        o.scenarioId = values.at("--scenario");
    if (scenarioFile) {
        auto text = readOptionFile("--scenario-file", values.at("--scenario-file"), error);
        if (!text)
            return false;
        o.scenarioContent = std::move(*text);
    }
    if (range) {
        for (const char* opt : {"--from", "--to"}) {
            auto it = values.find(opt);
            if (it == values.end()) {
                *error = std::string("create: ") + opt + " is required with a time range";
                return false;
            }
            auto t = common::parseIsoTime(it->second);
            if (!t) {
                *error = std::string(opt) + " " + it->second +
                         ": expected a time like 2026-11-29T08:00+08:00";
                return false;
            }
            (std::string(opt) == "--from" ? o.fromMs : o.toMs) = *t;
        }
        if (*o.toMs <= *o.fromMs) {
            *error = "--to must be after --from";
            return false;
        }
    }
    if (values.count("--incident") != 0) {
        if (!range) {
            *error = "create: --incident goes with --from/--to";
            return false;
        }
        o.incidentId = values.at("--incident");
    }
    if (values.count("--name") != 0)
        o.name = values.at("--name");
    return true;
}

bool checkConnection(const std::map<std::string, std::string>& values, bool tlsFlag,
                     DrillCliOptions& o, std::string* error) {
    if (values.count("--server") != 0)
        o.server = values.at("--server");
    if (!validHostPort(o.server)) {
        *error = "--server " + o.server + ": expected HOST:PORT";
        return false;
    }
    o.tls = tlsFlag;
    if (values.count("--ca-cert") != 0) {
        auto pem = readOptionFile("--ca-cert", values.at("--ca-cert"), error);
        if (!pem)
            return false;
        if (pem->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
            *error = "--ca-cert " + values.at("--ca-cert") + ": no PEM certificate in it";
            return false;
        }
        o.caCertPem = std::move(*pem);
        o.tls = true;
    }
    if (values.count("--tls-server-name") != 0) {
        if (!o.tls) {
            *error = "--tls-server-name needs --tls or --ca-cert";
            return false;
        }
        o.tlsServerName = values.at("--tls-server-name");
    }
    if (values.count("--token-file") != 0) {
        auto text = readOptionFile("--token-file", values.at("--token-file"), error);
        if (!text)
            return false;
        o.token = text->substr(0, text->find('\n'));
        while (!o.token.empty() && (o.token.back() == '\r' || o.token.back() == ' '))
            o.token.pop_back();
        if (o.token.empty()) {
            *error = "--token-file " + values.at("--token-file") + ": the first line is empty";
            return false;
        }
    } else if (const char* env = std::getenv("FLAMEBLUE_TOKEN")) {
        o.token = env;
    }
    for (const char c : o.token) {
        if (c <= ' ' || c > '~') {
            *error = "the operator token must be printable ASCII without spaces";
            return false;
        }
    }
    if (!o.token.empty() && !o.tls && !common::isLoopbackAddress(o.server)) {
        *error = "--server " + o.server + ": sending a token needs TLS (--ca-cert or --tls)";
        return false;
    }
    if (values.count("--operator") != 0) {
        o.operatorName = values.at("--operator");
    } else if (const char* user = std::getenv("USER")) {
        o.operatorName = user;
    }
    if (o.operatorName.empty()) {
        *error = "--operator NAME is required ($USER is not set)";
        return false;
    }
    return true;
}

bool checkPositionals(const std::vector<std::string>& pos, DrillCliOptions& o, std::string* error) {
    const auto& names = commandArgs().at(o.command);
    if (pos.size() != names.size()) {
        std::string want = o.command;
        for (const auto& n : names)
            want += " " + n;
        *error = o.command + ": expected \"" + want + "\"";
        return false;
    }
    if (!pos.empty())
        o.drillId = pos[0];
    if (o.command == "speed") {
        char* end = nullptr;
        o.speed = std::strtod(pos[1].c_str(), &end);
        if (end == pos[1].c_str() || *end != '\0' || !(o.speed >= 0.25 && o.speed <= 60)) {
            *error = "speed " + pos[1] + ": expected a number from 0.25 to 60";
            return false;
        }
    } else if (o.command == "seek") {
        auto t = common::parseIsoTime(pos[1]);
        if (!t) {
            *error = "seek " + pos[1] + ": expected a time like 2026-11-29T08:00+08:00";
            return false;
        }
        o.seekMs = *t;
    } else if (o.command == "handover") {
        o.incidentId = pos[1];
    }
    return true;
}

}  // namespace

std::optional<DrillCliOptions> parseDrillCli(const std::vector<std::string>& args,
                                             std::string* error, bool* helpWanted) {
    *helpWanted = false;
    DrillCliOptions o;
    std::map<std::string, std::string> values;
    std::vector<std::string> positionals;
    bool tlsFlag = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        if (arg == "--help" || arg == "-h") {
            *helpWanted = true;
            return std::nullopt;
        }
        if (arg.rfind("--", 0) != 0 || arg == "--") {
            positionals.push_back(arg);
            continue;
        }
        std::string value;
        bool inlineValue = false;
        if (const auto eq = arg.find('='); eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            inlineValue = true;
        }
        if (arg == "--tls" && !inlineValue) {
            tlsFlag = true;
            continue;
        }
        if (!takesValue(arg)) {
            *error = "unknown option " + arg;
            return std::nullopt;
        }
        if (!inlineValue) {
            if (i + 1 >= args.size()) {
                *error = arg + " needs a value";
                return std::nullopt;
            }
            value = args[++i];
        }
        if (values.count(arg) != 0) {
            *error = arg + " is given twice";
            return std::nullopt;
        }
        values[arg] = value;
    }
    if (positionals.empty()) {
        *error = "no command given";
        return std::nullopt;
    }
    o.command = positionals.front();
    positionals.erase(positionals.begin());
    if (commandArgs().count(o.command) == 0) {
        *error = "unknown command \"" + o.command + "\"";
        return std::nullopt;
    }
    for (const auto& [option, value] : values) {
        if (!allowedFor(o.command, option)) {
            *error = o.command + ": option " + option + " does not apply";
            return std::nullopt;
        }
    }
    if (tlsFlag && !allowedFor(o.command, "--tls")) {
        *error = o.command + ": option --tls does not apply";
        return std::nullopt;
    }
    if (!checkPositionals(positionals, o, error) || !checkConnection(values, tlsFlag, o, error))
        return std::nullopt;
    if (o.command == "create" && !checkCreate(values, o, error))
        return std::nullopt;
    if (o.command == "report") {
        if (values.count("--html") != 0)
            o.htmlFile = values.at("--html");
        if (values.count("--csv") != 0)
            o.csvFile = values.at("--csv");
        if (o.htmlFile.empty() == o.csvFile.empty()) {
            *error = "report: give one of --html FILE or --csv FILE";
            return std::nullopt;
        }
    }
    return o;
}

std::string drillCliUsage() {
    return "Usage: flameblue-drill COMMAND [ARGS] [OPTIONS]\n"
           "Creates and runs drills on a Flameblue server (the instructor role is required).\n"
           "\n"
           "Commands:\n"
           "  scenarios                          list the scenarios bundled with the server\n"
           "  create --scenario ID               a drill from a bundled scenario\n"
           "  create --scenario-file FILE        a drill from a scenario file\n"
           "  create --from TIME --to TIME [--incident ID]\n"
           "                                     a drill from a period of live operation;\n"
           "                                     --incident: start it at that incident's alarm\n"
           "         [--name NAME]               prints the new drill's id\n"
           "  list                               the running drills\n"
           "  state ID                           playback state\n"
           "  play ID | pause ID\n"
           "  speed ID X                         0.25 to 60 times real time\n"
           "  seek ID TIME\n"
           "  handover ID INCIDENT               the trainees decide for that incident\n"
           "  report ID --html FILE | --csv FILE the after-action report\n"
           "  end ID                             stop the drill and remove its session\n"
           "\n"
           "TIME: ISO 8601 with an offset, e.g. 2026-11-29T08:00+08:00\n"
           "\n"
           "Options:\n"
           "  --server HOST:PORT      dispatch server (default 127.0.0.1:50051)\n"
           "  --operator NAME         the instructor's operator name (default $USER)\n"
           "  --tls                   connect with TLS (system CA certificates)\n"
           "  --ca-cert FILE          PEM CA certificate(s) of the server (implies --tls)\n"
           "  --tls-server-name NAME  the name in the server's certificate\n"
           "  --token-file FILE       the operator's token (default $FLAMEBLUE_TOKEN)\n"
           "\n"
           "Exit status: 0 done, 1 refused by the server or failed, 2 bad command line.\n";
}

}  // namespace flameblue::tools

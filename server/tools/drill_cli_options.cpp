#include "tools/drill_cli_options.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace flameblue::tools {
namespace {

constexpr std::int64_t kMsPerMinute = 60'000;
constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr std::int64_t kChinaOffsetMinutes = std::int64_t{8} * 60;
constexpr std::size_t kMaxFileBytes = std::size_t{4} * 1024 * 1024;

// Days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

void civilFromDays(std::int64_t z, int* y, int* m, int* d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<int>(z - era * 146097);
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = static_cast<int>(yoe + era * 400) + (*m <= 2 ? 1 : 0);
}

int daysInMonth(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

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

bool loopbackHost(const std::string& hostPort) {
    const std::string host = hostPort.substr(0, hostPort.rfind(':'));
    return host == "localhost" || host.rfind("127.", 0) == 0 || host == "[::1]";
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
            auto t = parseCliTime(it->second);
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
    if (!o.token.empty() && !o.tls && !loopbackHost(o.server)) {
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
        auto t = parseCliTime(pos[1]);
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

std::optional<std::int64_t> parseCliTime(std::string_view text) {
    const std::string s(text);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, n = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5 || n != 16)
        return std::nullopt;
    std::size_t pos = 16;
    int sec = 0, ms = 0;
    if (pos < s.size() && s[pos] == ':') {
        if (std::sscanf(s.c_str() + pos, ":%2d%n", &sec, &n) != 1 || n != 3)
            return std::nullopt;
        pos += 3;
        if (pos < s.size() && s[pos] == '.') {
            std::size_t digits = 0;
            ++pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                if (digits < 3)
                    ms = ms * 10 + (s[pos] - '0');
                ++digits;
                ++pos;
            }
            if (digits == 0)
                return std::nullopt;
            for (std::size_t i = digits; i < 3; ++i)
                ms *= 10;
        }
    }
    int offsetMinutes = 0;
    const std::string zone = s.substr(pos);
    if (zone != "Z") {
        int oh = 0, om = 0;
        if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') ||
            std::sscanf(zone.c_str() + 1, "%2d:%2d%n", &oh, &om, &n) != 2 || n != 5 || oh > 14 ||
            om > 59) {
            return std::nullopt;
        }
        offsetMinutes = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
    }
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59)
        return std::nullopt;
    return daysFromCivil(y, mo, d) * kMsPerDay +
           ((h * 60 + mi - offsetMinutes) * 60 + sec) * std::int64_t{1000} + ms;
}

std::string formatCliTime(std::int64_t ms) {
    const std::int64_t local = ms + kChinaOffsetMinutes * kMsPerMinute;
    std::int64_t days = local / kMsPerDay;
    std::int64_t rest = local % kMsPerDay;
    if (rest < 0) {
        rest += kMsPerDay;
        --days;
    }
    int y = 0, m = 0, d = 0;
    civilFromDays(days, &y, &m, &d);
    const auto secs = static_cast<int>(rest / 1000);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", y, m, d, secs / 3600,
                  secs / 60 % 60, secs % 60);
    return buf;
}

}  // namespace flameblue::tools

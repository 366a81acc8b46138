#include "app/options.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/open_store.h"

namespace flameblue::app {

std::string defaultStateDir() {
    if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg) {
        return std::string(xdg) + "/flameblue";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::string(home) + "/.local/state/flameblue";
    }
    return "flameblue-state";
}

namespace {

bool parseNumber(const std::string& text, double min, double max, double& out) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !(v >= min && v <= max))
        return false;
    out = v;
    return true;
}

}  // namespace

std::string helpText(const char* program) {
    std::ostringstream s;
    s << "Usage: " << program << " [options]\n"
      << "Flameblue dispatch server: serves stations, units, aircraft and incidents over gRPC.\n\n"
      << "Options:\n"
      << "  --listen HOST:PORT        address to serve on (default 127.0.0.1:50051); beyond\n"
      << "                            loopback --tls-cert, --tls-key and --operators are required\n"
      << "  --data-dir DIR            data set: stations, units, aircraft, catalogues\n"
      << "                            (default: the bundled Shanxi demo data, or "
         "$FLAMEBLUE_DATA_DIR)\n"
      << "  --state-dir DIR           where the event log is kept\n"
      << "                            (default $XDG_STATE_HOME/flameblue or "
         "~/.local/state/flameblue)\n"
      << "  --store LOCATION          the live event log: a SQLite file, or a PostgreSQL\n"
      << "                            database as postgresql://USER[:PASSWORD]@HOST[:PORT]/DB\n"
      << "                            (default: live.db in the state directory)\n"
      << "  --simulate                move dispatched units like vehicle AVL would (demo)\n"
      << "  --sbs HOST[:PORT]         read aircraft positions from an SBS-1 feed (dump1090,\n"
      << "                            readsb; port 30003 by default); may be repeated\n"
      << feedOptionsHelp()
      << "  --mqtt HOST[:PORT]        subscribe to building alarm panels and water sensors on an\n"
      << "                            MQTT broker (port 1883 by default; see docs/iot.md)\n"
      << "  --mqtt-username NAME      MQTT user name (default: anonymous)\n"
      << "  --mqtt-password-file FILE MQTT password, first line of FILE\n"
      << "  --mqtt-ca FILE            PEM CA certificate(s): connect to the broker with TLS\n"
      << "  --buildings FILE          building registry (default: buildings.json in the data set)\n"
      << "  --panel-heartbeat-timeout N  a panel silent for N s raises a fault (default 180)\n"
      << "  --sim-speed X             simulated seconds per second (default 1, up to 600)\n"
      << "  --signal-lost-seconds N   alert when a flying fleet aircraft is not heard for N s\n"
      << "                            (default 60)\n"
      << "  --snapshot-every N        write a state snapshot every N events (default 50000)\n"
      << "  --tls-cert FILE           PEM certificate chain for TLS\n"
      << "  --tls-key FILE            PEM private key for TLS\n"
      << "  --operators FILE          operators, their roles, scopes and hashed tokens (write it\n"
      << "                            with flameblue-admin); reloaded when it changes or on\n"
      << "                            SIGHUP. Default: <state-dir>/operators, created on the\n"
      << "                            first start with the local user and a token in\n"
      << "                            <state-dir>/token\n"
      << "  --insecure-dev            no sign-in: callers name themselves (x-flameblue-operator);\n"
      << "                            loopback only, for development; consoles are warned\n"
      << "  --tls-client-ca FILE      PEM CA for client certificates (mutual TLS); a verified\n"
      << "                            certificate signs in the operator with its common name\n"
      << "  --instructors FILE        operators who hold the instructor role too, one id a line\n"
      << "  --audit-file FILE         the audit trail (default: audit.log in the state directory)\n"
      << "  --no-reflection           do not serve gRPC server reflection\n"
      << "  --rate-limit N            commands per second per operator (default 20, bursts of\n"
      << "                            twice that; 0: no limit)\n"
      << "  --max-subscriptions N     open subscriptions per operator (default 16)\n"
      << "  --max-drills N            open drills per operator (default 4)\n"
      << "  --max-streams-per-address N  open streams per client address (default 64)\n"
      << "  --version                 print the version and exit\n"
      << "  -h, --help                print this help and exit\n";
    return s.str();
}

std::optional<AppOptions> parseOptions(int argc, char** argv, std::string& error) {
    AppOptions o;
    o.dataDir = defaultDataDir();
    o.stateDir = defaultStateDir();
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](std::string& out) {
            if (i + 1 >= argc) {
                error = arg + ": a value is required";
                return false;
            }
            out = argv[++i];
            return true;
        };
        auto number = [&](double min, double max, double& out) {
            std::string text;
            if (!value(text))
                return false;
            if (!parseNumber(text, min, max, out)) {
                std::ostringstream m;
                m << arg << ": expected a number from " << min << " to " << max << ", got \""
                  << text << "\"";
                error = m.str();
                return false;
            }
            return true;
        };
        double n = 0;
        if (parseFeedOption(argc, argv, i, o.feeds, error)) {
            if (!error.empty())
                return std::nullopt;
        } else if (arg == "-h" || arg == "--help") {
            o.showHelp = true;
        } else if (arg == "--version") {
            o.showVersion = true;
        } else if (arg == "--listen") {
            if (!value(o.server.listen))
                return std::nullopt;
        } else if (arg == "--data-dir") {
            if (!value(o.dataDir))
                return std::nullopt;
        } else if (arg == "--state-dir") {
            if (!value(o.stateDir))
                return std::nullopt;
        } else if (arg == "--store") {
            if (!value(o.store))
                return std::nullopt;
            if (auto valid = store::checkLocation(o.store); !valid) {
                error = "--store: " + valid.error().message;
                return std::nullopt;
            }
        } else if (arg == "--simulate") {
            o.simulate = true;
        } else if (arg == "--sbs") {
            std::string feed;
            if (!value(feed))
                return std::nullopt;
            if (feed.find(':') == std::string::npos)
                feed += ":30003";
            o.sbsFeeds.push_back(feed);
        } else if (arg == "--mqtt") {
            if (!value(o.mqtt))
                return std::nullopt;
            const auto colon = o.mqtt.rfind(':');
            double port = 1883;
            if (colon != std::string::npos &&
                !parseNumber(o.mqtt.substr(colon + 1), 1, 65535, port)) {
                error = "--mqtt " + o.mqtt + ": expected HOST[:PORT] with a port from 1 to 65535";
                return std::nullopt;
            }
            o.mqttOptions.host = o.mqtt.substr(0, colon);
            o.mqttOptions.port = static_cast<int>(port);
            if (o.mqttOptions.host.empty()) {
                error = "--mqtt " + o.mqtt + ": expected HOST[:PORT]";
                return std::nullopt;
            }
        } else if (arg == "--mqtt-username") {
            if (!value(o.mqttOptions.username))
                return std::nullopt;
        } else if (arg == "--mqtt-password-file") {
            std::string file;
            if (!value(file))
                return std::nullopt;
            std::ifstream in(file);
            if (!in || !std::getline(in, o.mqttOptions.password)) {
                error = "--mqtt-password-file " + file + ": cannot be read";
                return std::nullopt;
            }
        } else if (arg == "--mqtt-ca") {
            if (!value(o.mqttOptions.caFile))
                return std::nullopt;
            if (!std::filesystem::exists(o.mqttOptions.caFile)) {
                error = "--mqtt-ca " + o.mqttOptions.caFile + ": no such file";
                return std::nullopt;
            }
        } else if (arg == "--buildings") {
            if (!value(o.buildingsFile))
                return std::nullopt;
        } else if (arg == "--panel-heartbeat-timeout") {
            if (!number(1, 86400, n))
                return std::nullopt;
            o.intake.heartbeatTimeoutMs = static_cast<core::TimeMs>(n * 1000.0);
            o.intake.watchdogPeriodMs =
                std::clamp<core::TimeMs>(o.intake.heartbeatTimeoutMs / 4, 200, 5000);
        } else if (arg == "--sim-speed") {
            if (!number(0.1, 600, o.sim.speedFactor))
                return std::nullopt;
        } else if (arg == "--signal-lost-seconds") {
            if (!number(5, 3600, o.signalLostSeconds))
                return std::nullopt;
        } else if (arg == "--snapshot-every") {
            if (!number(100, 1e9, n))
                return std::nullopt;
            o.snapshotEveryEvents = static_cast<std::uint64_t>(n);
        } else if (arg == "--tls-cert") {
            if (!value(o.server.tlsCertFile))
                return std::nullopt;
        } else if (arg == "--tls-key") {
            if (!value(o.server.tlsKeyFile))
                return std::nullopt;
        } else if (arg == "--instructors") {
            if (!value(o.server.instructorsFile))
                return std::nullopt;
        } else if (arg == "--insecure-dev") {
            o.server.insecureDev = true;
        } else if (arg == "--no-reflection") {
            o.server.reflection = false;
        } else if (arg == "--tls-client-ca") {
            if (!value(o.server.tlsClientCaFile))
                return std::nullopt;
        } else if (arg == "--audit-file") {
            if (!value(o.server.auditFile))
                return std::nullopt;
        } else if (arg == "--rate-limit") {
            if (!number(0, 100000, o.server.limits.commandsPerSecond))
                return std::nullopt;
            o.server.limits.commandBurst = std::max(1.0, 2 * o.server.limits.commandsPerSecond);
        } else if (arg == "--max-subscriptions") {
            if (!number(1, 100000, n))
                return std::nullopt;
            o.server.limits.maxSubscriptionsPerOperator = static_cast<int>(n);
        } else if (arg == "--max-drills") {
            if (!number(1, 1000, n))
                return std::nullopt;
            o.server.limits.maxDrillsPerOperator = static_cast<int>(n);
        } else if (arg == "--max-streams-per-address") {
            if (!number(1, 100000, n))
                return std::nullopt;
            o.server.limits.maxStreamsPerAddress = static_cast<int>(n);
        } else if (arg == "--operators") {
            if (!value(o.server.operatorsFile))
                return std::nullopt;
        } else {
            error = arg + ": unknown option (see --help)";
            return std::nullopt;
        }
    }
    if (o.server.insecureDev && !o.server.operatorsFile.empty()) {
        error =
            "--insecure-dev: not with --operators (either operators sign in, or they name "
            "themselves)";
        return std::nullopt;
    }
    if (o.server.listen.find(':') == std::string::npos) {
        error = "--listen " + o.server.listen + ": expected HOST:PORT";
        return std::nullopt;
    }
    return o;
}

std::string defaultDataDir() {
    if (const char* env = std::getenv("FLAMEBLUE_DATA_DIR"); env && *env)
        return env;
#ifdef FLAMEBLUE_DEFAULT_DATA_DIR
    return FLAMEBLUE_DEFAULT_DATA_DIR;
#else
    return "data";
#endif
}

}  // namespace flameblue::app

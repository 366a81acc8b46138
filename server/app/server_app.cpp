#include "app/server_app.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <set>

#include "api/coverage_service.h"
#include "api/drill_service.h"
#include "api/live_feed.h"
#include "api/reports_service.h"
#include "api/server.h"
#include "api/traffic_service.h"
#include "app/cot_export.h"
#include "app/drill_cot.h"
#include "app/eido_catalog.h"
#include "app/feed_sources.h"
#include "app/local_operator.h"
#include "app/roster_sync.h"
#include "app/startup_health.h"
#include "aviation/alert_monitor.h"
#include "aviation/fleet_figures.h"
#include "data/dataset.h"
#include "dispatch/recommender.h"
#include "iot/intake.h"
#include "iot/registry.h"
#include "replay/drill_manager.h"
#include "reports/coverage_index.h"
#include "reports/reports_index.h"
#include "session/observer_list.h"
#include "session/session.h"
#include "sim/simulator.h"
#include "store/event_store.h"
#include "store/open_store.h"
#include "store/postgres_coordination.h"

namespace flameblue::app {

namespace {

void addEntries(const std::vector<data::CatalogEntry>& from,
                google::protobuf::RepeatedPtrField<api::pb::CatalogEntry>* to) {
    for (const auto& e : from) {
        auto* c = to->Add();
        c->set_id(e.id);
        c->set_name_zh(e.nameZh);
        c->set_name_en(e.nameEn);
    }
}

api::pb::Catalog catalogFrom(const data::Dataset& d, double fixStaleAfterSeconds) {
    api::pb::Catalog c;
    c.set_fix_stale_after_s(fixStaleAfterSeconds);
    for (const auto& city : d.cities) {
        auto* e = c.add_cities();
        e->set_id(city.id);
        e->set_name_zh(city.nameZh);
        e->set_name_en(city.nameEn);
    }
    addEntries(d.stationClasses, c.mutable_station_classes());
    addEntries(d.capabilities, c.mutable_capabilities());
    addEntries(d.unitTypes, c.mutable_unit_types());
    addEntries(d.incidentTypes, c.mutable_incident_types());
    for (const auto& t : d.aircraftTypes) {
        auto* e = c.add_aircraft_types();
        e->set_id(t.id);
        e->set_name_zh(t.name);
        e->set_name_en(t.name);
    }
    return c;
}

std::set<std::string> cityIds(const data::Dataset& d) {
    std::set<std::string> ids;
    for (const auto& c : d.cities)
        ids.insert(c.id);
    return ids;
}

std::set<std::string> catalogIds(const std::vector<data::CatalogEntry>& entries) {
    std::set<std::string> ids;
    for (const auto& e : entries)
        ids.insert(e.id);
    return ids;
}

// The reports' thresholds from report_thresholds.json; without that file, fractiles only.
core::Result<reports::Thresholds> loadReportThresholds(const std::string& dataDir) {
    const auto file = std::filesystem::path(dataDir) / "report_thresholds.json";
    if (!std::filesystem::exists(file)) {
        reports::Thresholds none;
        none.source = "no thresholds configured (" + file.filename().string() + " is absent)";
        return none;
    }
    auto t = reports::loadThresholds(file);
    if (!t) {
        return core::invalidArgument("the report thresholds in " + dataDir +
                                     " have errors: " + t.error().message);
    }
    return t;
}

// Opens the live event log. A database that cannot be reached yet is waited for, 1 s doubling
// to 30 s, with the health service answering NOT_SERVING meanwhile; SIGINT or SIGTERM end the
// wait (`stopSignal` says which).
core::Result<std::unique_ptr<store::EventStore>> openLiveStore(const std::string& location,
                                                               const api::ServerOptions& server,
                                                               const sigset_t& signals,
                                                               int& stopSignal) {
    std::unique_ptr<StartupHealth> health;
    int attempts = 0;
    auto opened = store::openStoreRetrying(
        location, store::OpenRetry{}, [&](const core::Error& why, std::chrono::milliseconds delay) {
            const double seconds = static_cast<double>(delay.count()) / 1000.0;
            if (++attempts == 1) {
                health = StartupHealth::start(server);
                std::cerr << "flameblue-server: cannot open the event store yet: " << why.message
                          << "\n  retrying (next attempt in " << seconds
                          << " s, then doubling to 30 s)"
                          << (health ? "; health is NOT_SERVING on " + server.listen +
                                           " until it opens"
                                     : std::string())
                          << "\n"
                          << std::flush;
            } else {
                std::cerr << "flameblue-server: still waiting for the event store (attempt "
                          << attempts << "), next attempt in " << seconds << " s: " << why.message
                          << "\n"
                          << std::flush;
            }
            const auto secs = std::chrono::duration_cast<std::chrono::seconds>(delay);
            const timespec wait{static_cast<time_t>(secs.count()),
                                static_cast<long>((delay - secs).count() * 1'000'000)};
            const int sig = sigtimedwait(&signals, nullptr, &wait);
            if (sig == SIGINT || sig == SIGTERM) {
                stopSignal = sig;
                return false;
            }
            return true;
        });
    if (opened && attempts > 0) {
        std::cout << "Event store " << store::describeLocation(location) << " is open after "
                  << attempts << (attempts == 1 ? " retry" : " retries") << "\n"
                  << std::flush;
    }
    return opened;
}

// SIGINT and SIGTERM stop the server, SIGHUP reloads the operators; all are taken synchronously
// by runServer, so they are blocked before any thread starts.
sigset_t blockStopSignals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

// Creates the state directory and holds its lock for the life of the process: one server per
// state directory, or two would race for the log's sequence numbers.
core::Status lockStateDir(const std::string& stateDir) {
    std::error_code ec;
    std::filesystem::create_directories(stateDir, ec);
    if (ec) {
        return core::invalidArgument("--state-dir " + stateDir +
                                     ": cannot create it: " + ec.message());
    }
    const auto lockFile = std::filesystem::path(stateDir) / "live.lock";
    const int lockFd = ::open(lockFile.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lockFd < 0 || ::flock(lockFd, LOCK_EX | LOCK_NB) != 0) {
        return core::failedPrecondition("--state-dir " + stateDir +
                                        " is in use by another flameblue-server");
    }
    return core::Ok{};
}

// Brings the log's roster (stations, units, water sources) to the data set. Another server
// starting at the same moment may write the same changes first: then the state has caught up
// with them, and the changes are computed again.
core::Status updateRoster(session::Session& live, const data::Dataset& dataset,
                          const std::string& dataDir) {
    constexpr int kRosterAttempts = 16;
    for (int attempt = 1;; ++attempt) {
        auto changes = live.withState(
            [&](const core::State& s, const auto&) { return rosterChanges(dataset, s); });
        if (changes.empty()) {
            return core::Ok{};
        }
        auto r = live.appendTrusted({"system", "roster " + dataDir, 0}, std::move(changes));
        if (!r && r.error().code == core::ErrorCode::Conflict && attempt < kRosterAttempts) {
            continue;
        }
        if (!r) {
            return r.error();
        }
        std::cout << "Roster updated from " << dataDir << ": " << r->events.size() << " changes\n";
        return core::Ok{};
    }
}

// The building registry for the MQTT intake: --buildings or <data>/buildings.json.
core::Result<iot::Registry> loadBuildings(const AppOptions& options, const data::Dataset& dataset) {
    const std::filesystem::path file =
        options.buildingsFile.empty() ? std::filesystem::path(options.dataDir) / "buildings.json"
                                      : std::filesystem::path(options.buildingsFile);
    std::set<std::string> sources;
    for (const auto& w : dataset.waterSources)
        sources.insert(w.id);
    auto loaded =
        iot::Registry::load(file, cityIds(dataset), catalogIds(dataset.incidentTypes), sources);
    if (!loaded) {
        return core::invalidArgument("the building registry " + file.string() + " has errors:\n" +
                                     loaded.error().message);
    }
    return loaded;
}

// The server options with who may sign in: the operators file (the local operator's, created in
// the state directory, unless --operators or --insecure-dev), the audit trail and the
// authenticator built from them.
core::Result<api::ServerOptions> signInOptions(const AppOptions& options,
                                               std::function<void(const std::string&)> log) {
    api::ServerOptions serverOptions = options.server;
    if (serverOptions.operatorsFile.empty() && !serverOptions.insecureDev) {
        auto local = ensureLocalOperator(options.stateDir);
        if (!local) {
            return local.error();
        }
        serverOptions.operatorsFile = *local;
    }
    if (serverOptions.auditFile.empty())
        serverOptions.auditFile = (std::filesystem::path(options.stateDir) / "audit.log").string();
    serverOptions.log = std::move(log);
    auto auth = api::makeAuthenticator(serverOptions);
    if (!auth) {
        return auth.error();
    }
    serverOptions.auth = std::move(auth).value();
    return serverOptions;
}

void printStarted(const AppOptions& options, const api::ServerOptions& serverOptions, int port,
                  const std::string& logName, const core::State& s, const iot::Registry* registry,
                  bool shared) {
    std::cout << "Flameblue dispatch server listening on " << options.server.listen << " (port "
              << port << ")\n"
              << "  session live: event log " << logName << ", at seq " << s.lastSeq() << "\n"
              << "  " << s.stations().size() << " stations, " << s.units().size()
              << " units and aircraft, " << s.waterSources().size() << " water sources, "
              << s.incidents().size() << " incidents\n"
              << (options.simulate ? "  simulation on\n" : "")
              << (serverOptions.insecureDev
                      ? "  WARNING: --insecure-dev: operators name themselves, nobody signs "
                        "in; for development only\n"
                      : "  operators from " + serverOptions.operatorsFile +
                            " (reloaded when it changes or on SIGHUP); audit trail in " +
                            serverOptions.auditFile + "\n")
              << (registry
                      ? "  building alarms and water telemetry from MQTT " + options.mqtt + ": " +
                            std::to_string(registry->buildings().size()) + " buildings, " +
                            std::to_string(registry->panelCount()) + " panel devices, " +
                            std::to_string(registry->sensorCount()) + " water sensors\n"
                      : std::string())
              << (shared ? "  shared log: following the other servers' appends; the feeds, "
                           "the alert monitor and the simulator run on the server holding "
                           "the lease\n"
                         : "")
              << std::flush;
}

// Waits for SIGINT or SIGTERM (returned), reloading the operators on each SIGHUP meanwhile.
int waitForStop(const sigset_t& signals, const api::Authenticator& auth,
                const std::string& operatorsFile,
                const std::function<void(const std::string&)>& say) {
    int sig = 0;
    for (;;) {
        sigwait(&signals, &sig);
        if (sig != SIGHUP)
            return sig;
        if (auto st = auth.reloadOperators(); !st) {
            say("SIGHUP: operators not reloaded (those loaded before stay in force): " +
                st.error().message);
        } else if (auth.usesTokens()) {
            say("SIGHUP: operators reloaded from " + operatorsFile);
        }
    }
}

}  // namespace

int runServer(const AppOptions& options) {
    const sigset_t signals = blockStopSignals();
    auto dataset = data::loadDataset(options.dataDir);
    if (!dataset) {
        std::cerr << "flameblue-server: the data set in " << options.dataDir << " has errors:\n"
                  << dataset.error().message << "\n";
        return 2;
    }
    if (auto locked = lockStateDir(options.stateDir); !locked) {
        std::cerr << "flameblue-server: " << locked.error().message << "\n";
        return 2;
    }
    auto recommender = dispatch::Recommender::load(options.dataDir, *dataset);
    if (!recommender) {
        std::cerr << "flameblue-server: the response plans or travel model in " << options.dataDir
                  << " have errors:\n"
                  << recommender.error().message << "\n";
        return 2;
    }
    // A fix older than the travel model's limit is not trusted, by the recommender, the fixes the
    // consoles are sent and the consoles' own ageing alike.
    const double staleFixSeconds = recommender->config().staleFixSeconds;
    const auto staleAfterMs = static_cast<core::TimeMs>(staleFixSeconds * 1000.0);

    const std::string location =
        options.store.empty() ? (std::filesystem::path(options.stateDir) / "live.db").string()
                              : options.store;
    const std::string logName = store::describeLocation(location);
    int stopSignal = 0;
    auto store = openLiveStore(location, options.server, signals, stopSignal);
    if (!store) {
        if (stopSignal) {
            std::cout << "Shutting down (" << (stopSignal == SIGINT ? "SIGINT" : "SIGTERM")
                      << ") before the event store opened\n";
            return 0;
        }
        std::cerr << "flameblue-server: " << store.error().message << "\n";
        return 2;
    }

    session::SessionOptions sessionOptions;
    sessionOptions.id = "live";
    sessionOptions.snapshotEveryEvents = options.snapshotEveryEvents;
    session::Session live(sessionOptions, std::move(store).value(), referenceFrom(*dataset));
    if (auto st = live.open(); !st) {
        std::cerr << "flameblue-server: cannot recover " << logName << ": " << st.error().message
                  << "\n";
        return 2;
    }
    api::LiveFanOut fanout;
    api::LivePublisher publisher(fanout, staleAfterMs, session::systemNowMs);
    std::string cotError;
    std::unique_ptr<CotExport> cot;
    if (!options.feeds.cotEndpoint.empty()) {
        cot = CotExport::create(options.feeds.cotEndpoint, "live", *dataset, cotError);
        if (!cot) {
            std::cerr << "flameblue-server: " << cotError << "\n";
            return 2;
        }
        cot->start();
    }
    auto reportThresholds = loadReportThresholds(options.dataDir);
    if (!reportThresholds) {
        std::cerr << "flameblue-server: " << reportThresholds.error().message << "\n";
        return 2;
    }
    reports::ReportsIndex reportsIndex(std::move(reportThresholds).value());
    // The live 5-minute coverage of the province (README, "Coverage").
    auto coverage = reports::CoverageIndex::load(options.dataDir, *dataset);
    if (!coverage) {
        std::cerr << "flameblue-server: coverage: " << coverage.error().message << "\n";
        return 2;
    }
    std::vector<session::CommitObserver*> observed = {&publisher, &reportsIndex, coverage->get()};
    if (cot) {
        observed.push_back(cot->observer());
    }
    session::ObserverList observers(std::move(observed));
    live.setObserver(&observers);
    live.withState([&](const core::State& s, const auto&) {
        reportsIndex.load(live.store(), s);
        (*coverage)->start(s);
        return 0;
    });
    live.start();

    // Several servers on one database: each follows the log that the others append to, and
    // serves their events to its own consoles like its own.
    const bool shared = store::isPostgresLocation(location);
    auto say = [](const std::string& line) { std::cout << line << "\n" << std::flush; };
    std::unique_ptr<store::PostgresLogListener> listener;
    if (shared) {
        listener = std::make_unique<store::PostgresLogListener>(
            location, store::LogListenerOptions{}, [&live] { return live.headSeq(); },
            [&live] { live.requestCatchUp(); }, say);
        listener->start();
    }

    if (auto updated = updateRoster(live, *dataset, options.dataDir); !updated) {
        std::cerr << "flameblue-server: roster update failed: " << updated.error().message << "\n";
        return 2;
    }

    const aviation::FleetFigures fleet(*dataset, recommender->airModel());
    aviation::AlertRules alertRules;
    alertRules.signalLostMs = static_cast<core::TimeMs>(options.signalLostSeconds * 1000.0);
    aviation::AlertMonitor alertMonitor(live, fleet, alertRules);

    // Building alarm panels and water sensors over MQTT.
    std::optional<iot::Registry> registry;
    std::unique_ptr<iot::IotIntake> intake;
    if (!options.mqtt.empty()) {
        auto loaded = loadBuildings(options, *dataset);
        if (!loaded) {
            std::cerr << "flameblue-server: " << loaded.error().message << "\n";
            return 2;
        }
        registry = std::move(loaded).value();
        intake = std::make_unique<iot::IotIntake>(live, *registry, options.mqttOptions,
                                                  options.intake, say);
    }

    auto signIn = signInOptions(options, say);
    if (!signIn) {
        std::cerr << "flameblue-server: " << signIn.error().message << "\n";
        return 2;
    }
    api::ServerOptions serverOptions = std::move(signIn).value();
    serverOptions.service.subscribe.staleAfterMs = staleAfterMs;
    const api::Authenticator* auth = &*serverOptions.auth;

    FeedOptions feedOptions = options.feeds;
    takePlausibility(*dataset, feedOptions);
    FeedSources feedSources(live, options.sbsFeeds, feedOptions,
                            [](const std::string& line) { std::cerr << line << "\n"; });
    api::TrafficService traffic(
        *auth, feedSources.traffic(), session::systemNowMs,
        [&] {
            auto all = feedSources.status();
            if (intake)
                all.push_back(intake->status());
            return all;
        },
        &feedSources.hub());
    api::ReportsService reportsService(*auth, reportsIndex, cityIds(*dataset),
                                       catalogIds(dataset->incidentTypes));
    const reports::EidoCatalog eidoCatalog = eidoCatalogFrom(*dataset);
    reportsService.setExporter(
        [&live,
         &eidoCatalog](const core::Id& id) -> core::Result<api::ReportsService::IncidentExport> {
            return live.withState([&](const core::State& s, const auto&)
                                      -> core::Result<api::ReportsService::IncidentExport> {
                auto text = reports::exportEido(s, id, eidoCatalog, session::systemNowMs());
                if (!text) {
                    return text.error();
                }
                return api::ReportsService::IncidentExport{std::move(text).value(), s.lastSeq()};
            });
        });
    serverOptions.extraServices.push_back(&traffic);
    serverOptions.extraServices.push_back(&reportsService);
    api::CoverageService coverageService(*auth, **coverage);
    serverOptions.extraServices.push_back(&coverageService);

    api::SessionRegistry sessions;
    sessions.add(api::SessionRegistry::kLive, {&live, &fanout});
    // Drills: isolated sessions under <state>/drills, reading the live log only.
    api::DrillSessionHost drillHost(sessions, staleAfterMs);
    // With --cot, drills are exported too, as exercises (opex="e").
    std::unique_ptr<DrillCotExports> drillCot;
    if (cot) {
        drillCot = std::make_unique<DrillCotExports>(options.feeds.cotEndpoint, *dataset);
        drillHost.alsoObserve(
            [&drillCot](replay::Drill& d) { return drillCot->opened(d.info().id); });
    }
    replay::DrillManagerOptions drillOptions;
    drillOptions.directory = std::filesystem::path(options.stateDir) / "drills";
    drillOptions.afterAction = {&recommender.value(), dataset->aircraftTypes};
    drillOptions.currentWorld = [&live] {
        return live.withState([](const core::State& s, const auto&) { return s; });
    };
    replay::DrillManager drills(
        drillOptions, live.store(), live.reference(),
        [&drillHost](replay::Drill& d) { drillHost.opened(d); },
        [&drillHost, &drillCot](replay::Drill& d) {
            drillHost.ended(d);
            if (drillCot)
                drillCot->ended(d.info().id);
        });
    drills.start();
    serverOptions.scenariosDir = (std::filesystem::path(options.dataDir) / "scenarios").string();
    auto server =
        api::DispatchServer::start(serverOptions, sessions, catalogFrom(*dataset, staleFixSeconds),
                                   &recommender.value(), &fleet, &drills);
    if (!server) {
        std::cerr << "flameblue-server: " << server.error().message << "\n";
        return 2;
    }

    std::unique_ptr<sim::Simulator> simulator;
    if (options.simulate) {
        sim::SimulatorOptions simOptions = options.sim;
        for (const auto& t : dataset->aircraftTypes)
            simOptions.aircraftCruiseKmh[t.id] = t.cruiseKmh;
        simulator = std::make_unique<sim::Simulator>(live, simOptions);
    }

    // The feeds, the alert monitor and the simulator write to the log for the whole deployment:
    // on a shared database they run on one server only, the one holding the lease.
    auto startSingletons = [&]() -> core::Status {
        alertMonitor.start();
        if (simulator)
            simulator->start();
        if (intake)
            intake->start();
        return feedSources.start();
    };
    auto stopSingletons = [&] {
        feedSources.stop();
        if (intake)
            intake->stop();
        if (simulator)
            simulator->stop();
        alertMonitor.stop();
    };
    std::unique_ptr<store::PostgresLease> lease;
    if (!shared) {
        if (auto started = startSingletons(); !started) {
            std::cerr << "flameblue-server: " << started.error().message << "\n";
            return 2;
        }
    } else {
        if (auto usable = feedSources.check(); !usable) {
            std::cerr << "flameblue-server: " << usable.error().message << "\n";
            return 2;
        }
        lease = std::make_unique<store::PostgresLease>(
            location, store::kSingletonsLeaseKey, store::LeaseOptions{},
            [&] {
                startSingletons();  // checked above: nothing left to refuse
                say("Lease taken: the feeds, the alert monitor and the simulator run on this "
                    "server");
            },
            [&] {
                stopSingletons();
                say("Lease gone: the feeds, the alert monitor and the simulator stopped on this "
                    "server");
            },
            say);
    }

    live.withState([&](const core::State& s, const auto&) {
        printStarted(options, serverOptions, (*server)->port(), logName, s,
                     registry ? &*registry : nullptr, shared);
        return 0;
    });
    if (lease) {
        lease->start();
    }

    const int sig = waitForStop(signals, *auth, serverOptions.operatorsFile, say);
    std::cout << "Shutting down (" << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ")\n";
    if (lease) {
        lease->stop();  // another server takes over the feeds, alerts and simulator
    }
    feedSources.stop();
    if (intake) {
        intake->stop();
    }
    traffic.stop();
    if (simulator) {
        simulator->stop();
    }
    alertMonitor.stop();
    (*server)->shutdown();
    drills.stop();
    if (listener) {
        listener->stop();
    }
    live.stop();
    live.setObserver(nullptr);
    (*coverage)->stop();
    if (cot)
        cot->stop();
    return 0;
}

}  // namespace flameblue::app

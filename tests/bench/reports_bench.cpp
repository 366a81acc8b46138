// Reports over a year of province operation: every grouping of PhaseReport over gRPC from the
// real flameblue-server against a plain SQL query over the same events in SQLite.
//
//   reports_bench [--incidents 150000] [--days 365] [--seed 20260101] [--repeat 5] [--reuse DIR]
//
// The year is written by the generator (flameblue-generate's library) through the command path
// into a state directory: $FLAMEBLUE_BENCH_DIR or the system temp dir, removed afterwards unless
// --reuse DIR names a directory to keep it in and to take it from next time (it must then have
// been written with the same options). The server opens it as in production (--state-dir) and
// reads the log for its reports at start; the bench waits until PhaseReport answers. Each
// grouping (province, city, station, unit, type, level, hour, month, day) is then asked
// `repeat` times, all phases, the whole year; the time is from the call to the decoded reply on
// the client, on loopback.
//
// Baseline, same run: the events as rows in SQLite (one table, the store's event kinds decoded
// into columns: seq, time, kind, incident, unit, status, city, type, level, received; its build
// time is printed apart) and, per grouping, one plain SQL query computing the same nearest-rank
// fractiles (50/80/90) per group for call processing, turnout, travel, first arrival, alarm to
// first arrival, under control and closed with window functions. The baseline's turnout p50 of
// every group is compared with the server's, so that both are known to do the same work.
//
// Target (issue): any report <= 1 s.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "../e2e/server_process.h"
#include "app/year_generator.h"
#include "bench_summary.h"
#include "flameblue/v1/reports.grpc.pb.h"
#include "store/event_store.h"

namespace {

namespace fs = std::filesystem;
using namespace flameblue;
using SteadyClock = std::chrono::steady_clock;
namespace pb = ::flameblue::v1;

struct Options {
    std::size_t incidents = 150'000;
    int days = 365;
    std::uint64_t seed = 20260101;
    int repeat = 5;
    std::string reuse;
};

double msSince(SteadyClock::time_point t) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - t).count();
}

std::string loadAverage() {
    std::ifstream f("/proc/loadavg");
    std::string a, b, c;
    f >> a >> b >> c;
    return a + " " + b + " " + c;
}

struct Grouping {
    pb::ReportGrouping proto;
    const char* name;
    // The group key in SQL over the incident columns (i.*) or, for unit groupings, the response.
    const char* sqlKey;
    bool unitOnly;
};

const Grouping kGroupings[] = {
    {pb::REPORT_GROUPING_PROVINCE, "province", "'province'", false},
    {pb::REPORT_GROUPING_CITY, "city", "i.city", false},
    {pb::REPORT_GROUPING_STATION, "station", "r.station", true},
    {pb::REPORT_GROUPING_UNIT, "unit", "r.unit", true},
    {pb::REPORT_GROUPING_INCIDENT_TYPE, "type", "i.type", false},
    {pb::REPORT_GROUPING_LEVEL, "level", "CAST(i.level AS TEXT)", false},
    {pb::REPORT_GROUPING_HOUR_OF_DAY, "hour",
     "strftime('%H', i.received / 1000 + 28800, 'unixepoch')", false},
    {pb::REPORT_GROUPING_MONTH, "month",
     "strftime('%Y-%m', i.received / 1000 + 28800, 'unixepoch')", false},
    {pb::REPORT_GROUPING_DAY, "day", "strftime('%Y-%m-%d', i.received / 1000 + 28800, 'unixepoch')",
     false},
};

bool exec(sqlite3* db, const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::fprintf(stderr, "reports_bench: SQL failed: %s\n", err ? err : "?");
        sqlite3_free(err);
        return false;
    }
    return true;
}

// The events as plain rows: what a query-writing analyst would start from.
bool buildBaseline(const store::EventStore& store, const fs::path& file) {
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) {
        return false;
    }
    bool ok = exec(db,
                   "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
                   "DROP TABLE IF EXISTS ev; CREATE TABLE ev(seq INTEGER PRIMARY KEY, "
                   "time_ms INTEGER, kind TEXT, incident TEXT, unit TEXT, station TEXT, "
                   "status INTEGER, city TEXT, type TEXT, level INTEGER, received INTEGER);"
                   "BEGIN;");
    sqlite3_stmt* ins = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO ev(time_ms, kind, incident, unit, station, status, city, "
                       "type, level, received) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)",
                       -1, &ins, nullptr);
    auto row = [&](core::TimeMs t, const char* kind, const std::string* incident,
                   const std::string* unit, const std::string* station, int status,
                   const core::IncidentCreated* created) {
        sqlite3_reset(ins);
        sqlite3_clear_bindings(ins);
        sqlite3_bind_int64(ins, 1, t);
        sqlite3_bind_text(ins, 2, kind, -1, SQLITE_STATIC);
        if (incident)
            sqlite3_bind_text(ins, 3, incident->c_str(), -1, SQLITE_TRANSIENT);
        if (unit)
            sqlite3_bind_text(ins, 4, unit->c_str(), -1, SQLITE_TRANSIENT);
        if (station)
            sqlite3_bind_text(ins, 5, station->c_str(), -1, SQLITE_TRANSIENT);
        if (status)
            sqlite3_bind_int(ins, 6, status);
        if (created) {
            sqlite3_bind_text(ins, 7, created->city.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins, 8, created->type.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(ins, 9, created->level);
            sqlite3_bind_int64(ins, 10, created->received);
        }
        sqlite3_step(ins);
    };
    auto scanned = store.scan(0, store.lastSeq(), [&](const core::Event& e) {
        if (const auto* u = std::get_if<core::UnitUpserted>(&e.payload)) {
            row(e.time, "U", nullptr, &u->spec.id, &u->spec.stationId, 0, nullptr);
        } else if (const auto* c = std::get_if<core::IncidentCreated>(&e.payload)) {
            row(e.time, "C", &c->id, nullptr, nullptr, 0, c);
        } else if (const auto* d = std::get_if<core::UnitsDispatched>(&e.payload)) {
            for (const auto& id : d->unitIds)
                row(e.time, "D", &d->incidentId, &id, nullptr, 0, nullptr);
        } else if (const auto* s = std::get_if<core::UnitStatusChanged>(&e.payload)) {
            row(e.time, "S", nullptr, &s->unitId, nullptr, static_cast<int>(s->status), nullptr);
        } else if (const auto* r = std::get_if<core::UnitsReleased>(&e.payload)) {
            for (const auto& id : r->unitIds)
                row(e.time, "R", &r->incidentId, &id, nullptr, 0, nullptr);
        } else if (const auto* i = std::get_if<core::IncidentStatusChanged>(&e.payload)) {
            row(e.time, "I", &i->id, nullptr, nullptr, static_cast<int>(i->status), nullptr);
        }
        return true;
    });
    sqlite3_finalize(ins);
    ok = ok && scanned && exec(db, "COMMIT; CREATE INDEX ev_unit ON ev(unit, seq);");
    sqlite3_close(db);
    return ok;
}

// One grouping's fractiles in plain SQL: responses from each unit's dispatch to its next
// statuses, incidents from their creation, dispatches, arrivals and statuses.
std::string baselineSql(const Grouping& g) {
    std::string sql = R"(
WITH u AS (
  SELECT seq, time_ms, kind, unit, incident, status,
         SUM(kind = 'D') OVER (PARTITION BY unit ORDER BY seq) AS n
  FROM ev WHERE unit IS NOT NULL AND kind IN ('D', 'S', 'R')
), r AS (
  SELECT u.unit, u.n, MAX(CASE WHEN kind = 'D' THEN incident END) AS incident,
         MIN(CASE WHEN kind = 'D' THEN time_ms END) AS dispatched,
         MIN(CASE WHEN kind = 'S' AND status = 3 THEN time_ms END) AS en_route,
         MIN(CASE WHEN kind = 'S' AND status = 4 THEN time_ms END) AS on_scene,
         (SELECT station FROM ev s WHERE s.kind = 'U' AND s.unit = u.unit
          ORDER BY s.seq DESC LIMIT 1) AS station
  FROM u WHERE n > 0 GROUP BY u.unit, u.n
), i AS (
  SELECT c.incident, c.city, c.type, c.level, c.received,
         (SELECT MIN(time_ms) FROM ev x WHERE x.kind = 'I' AND x.incident = c.incident
            AND x.status = 3) AS under_control,
         (SELECT MIN(time_ms) FROM ev x WHERE x.kind = 'I' AND x.incident = c.incident
            AND x.status = 4) AS closed
  FROM ev c WHERE c.kind = 'C'
), fi AS (
  SELECT incident, MIN(dispatched) AS first_dispatch, MIN(on_scene) AS first_on_scene
  FROM r GROUP BY incident
), v AS (
)";
    const std::string key = g.sqlKey;
    sql += "  SELECT " + key +
           " AS k, 'turnout' AS phase, (r.en_route - r.dispatched) / 1000.0 "
           "AS s FROM r JOIN i ON i.incident = r.incident WHERE r.en_route IS NOT NULL\n";
    sql += "  UNION ALL SELECT " + key +
           ", 'travel', (r.on_scene - r.en_route) / 1000.0 FROM r "
           "JOIN i ON i.incident = r.incident WHERE r.on_scene IS NOT NULL AND r.en_route IS NOT "
           "NULL\n";
    if (!g.unitOnly) {
        sql += "  UNION ALL SELECT " + key +
               ", 'call_processing', (f.first_dispatch - "
               "i.received) / 1000.0 FROM i JOIN fi f ON f.incident = i.incident\n";
        sql += "  UNION ALL SELECT " + key +
               ", 'first_arrival', (f.first_on_scene - "
               "f.first_dispatch) / 1000.0 FROM i JOIN fi f ON f.incident = i.incident WHERE "
               "f.first_on_scene IS NOT NULL\n";
        sql += "  UNION ALL SELECT " + key +
               ", 'alarm_to_first_arrival', (f.first_on_scene - "
               "i.received) / 1000.0 FROM i JOIN fi f ON f.incident = i.incident WHERE "
               "f.first_on_scene IS NOT NULL\n";
        sql += "  UNION ALL SELECT " + key +
               ", 'under_control', (i.under_control - i.received) "
               "/ 1000.0 FROM i WHERE i.under_control IS NOT NULL\n";
        sql += "  UNION ALL SELECT " + key +
               ", 'closed', (i.closed - i.received) / 1000.0 FROM "
               "i WHERE i.closed IS NOT NULL\n";
    }
    sql += R"(), ranked AS (
  SELECT k, phase, s, ROW_NUMBER() OVER (PARTITION BY k, phase ORDER BY s) AS rn,
         COUNT(*) OVER (PARTITION BY k, phase) AS cnt FROM v
)
SELECT k, phase, cnt,
       MIN(CASE WHEN rn * 100 >= 50 * cnt THEN s END) AS p50,
       MIN(CASE WHEN rn * 100 >= 80 * cnt THEN s END) AS p80,
       MIN(CASE WHEN rn * 100 >= 90 * cnt THEN s END) AS p90
FROM ranked GROUP BY k, phase ORDER BY k, phase;
)";
    return sql;
}

// Runs the grouping's SQL; returns its turnout p50 per group key.
std::map<std::string, double> runBaseline(sqlite3* db, const Grouping& g, bool& ok) {
    std::map<std::string, double> turnoutP50;
    sqlite3_stmt* st = nullptr;
    const std::string sql = baselineSql(g);
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
        std::fprintf(stderr, "reports_bench: %s\n", sqlite3_errmsg(db));
        ok = false;
        return turnoutP50;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const auto* k = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        const auto* phase = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
        if (k && phase && std::string(phase) == "turnout") {
            turnoutP50[k] = sqlite3_column_double(st, 3);
        }
    }
    sqlite3_finalize(st);
    ok = true;
    return turnoutP50;
}

grpc::Status ask(pb::Reports::Stub& stub, pb::ReportGrouping grouping, pb::PhaseReportReply* out) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
    pb::PhaseReportRequest req;
    req.set_group_by(grouping);
    return stub.PhaseReport(&ctx, req, out);
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto rank =
        static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
    return v[std::max<std::size_t>(rank, 1) - 1];
}

bool parseArgs(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "reports_bench: %s needs a value\n", a.c_str());
            return false;
        }
        const std::string v = argv[++i];
        if (a == "--incidents") {
            o.incidents = std::stoul(v);
        } else if (a == "--days") {
            o.days = std::stoi(v);
        } else if (a == "--seed") {
            o.seed = std::stoull(v);
        } else if (a == "--repeat") {
            o.repeat = std::max(1, std::stoi(v));
        } else if (a == "--reuse") {
            o.reuse = v;
        } else {
            std::fprintf(stderr, "reports_bench: unknown option %s\n", a.c_str());
            return false;
        }
    }
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parseArgs(argc, argv, o)) {
        return 2;
    }
    std::printf("reports_bench: load average %s at start (%u cores)\n", loadAverage().c_str(),
                std::thread::hardware_concurrency());
    const char* benchDir = std::getenv("FLAMEBLUE_BENCH_DIR");
    std::unique_ptr<flameblue::e2e::TempDir> temp;
    fs::path stateDir;
    if (!o.reuse.empty()) {
        stateDir = o.reuse;
    } else {
        if (benchDir && *benchDir) {
            setenv("TMPDIR", benchDir, 1);
        }
        temp = std::make_unique<flameblue::e2e::TempDir>("flameblue-reports-bench");
        stateDir = temp->path() / "state";
    }
    const fs::path done = stateDir / "generated.txt";
    app::YearSummary summary;
    if (fs::exists(done)) {
        std::printf("reusing the year in %s\n", stateDir.c_str());
        std::ifstream in(done);
        in >> summary.incidents >> summary.unitResponses >> summary.events;
    } else {
        app::YearOptions yo;
        yo.incidents = o.incidents;
        yo.days = o.days;
        yo.seed = o.seed;
        const auto t = SteadyClock::now();
        auto r = app::generateStateDir(flameblue::e2e::kDataDir, stateDir, yo);
        if (!r) {
            std::fprintf(stderr, "reports_bench: generating failed: %s\n",
                         r.error().message.c_str());
            return 1;
        }
        summary = *r;
        std::ofstream(done) << summary.incidents << " " << summary.unitResponses << " "
                            << summary.events << "\n";
        std::printf("generated %zu incidents, %zu unit responses, %llu events in %.1f s\n",
                    summary.incidents, summary.unitResponses,
                    static_cast<unsigned long long>(summary.events), msSince(t) / 1000.0);
    }

    // The baseline's rows, from the same log.
    const fs::path baselineFile = stateDir / "baseline.db";
    {
        auto store = store::openSqliteStore(stateDir / "live.db");
        if (!store) {
            std::fprintf(stderr, "reports_bench: %s\n", store.error().message.c_str());
            return 1;
        }
        const auto t = SteadyClock::now();
        if (!buildBaseline(**store, baselineFile)) {
            return 1;
        }
        std::printf("baseline rows written in %.1f s (not counted in the query times)\n",
                    msSince(t) / 1000.0);
    }

    flameblue::e2e::ServerConfig config;
    config.stateDir = stateDir;
    config.readyTimeout = std::chrono::minutes(10);
    std::string error;
    const auto startT = SteadyClock::now();
    auto server = flameblue::e2e::ServerProcess::start(config, &error);
    if (!server) {
        std::fprintf(stderr, "reports_bench: the server did not start: %s\n", error.c_str());
        return 1;
    }
    auto stub = pb::Reports::NewStub(server->channel());
    pb::PhaseReportReply reply;
    for (;;) {
        reply.Clear();
        const grpc::Status st = ask(*stub, pb::REPORT_GROUPING_PROVINCE, &reply);
        if (st.ok()) {
            break;
        }
        if (st.error_code() != grpc::StatusCode::UNAVAILABLE || msSince(startT) > 600'000) {
            std::fprintf(stderr, "reports_bench: PhaseReport failed: %s\n",
                         st.error_message().c_str());
            return 1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    std::printf(
        "server up and the year read for reports in %.1f s; %llu incidents, %llu "
        "responses in the province report\n",
        msSince(startT) / 1000.0, static_cast<unsigned long long>(reply.total().incidents()),
        static_cast<unsigned long long>(reply.total().responses()));

    sqlite3* db = nullptr;
    if (sqlite3_open_v2(baselineFile.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        return 1;
    }
    double worst = 0;
    double worstSql = 0;
    std::size_t mismatches = 0;
    std::printf("\n%-10s %8s %10s %10s %12s %8s\n", "grouping", "groups", "p50 ms", "max ms",
                "SQL ms", "same");
    for (const Grouping& g : kGroupings) {
        std::vector<double> times;
        std::map<std::string, double> served;
        for (int i = 0; i < o.repeat; ++i) {
            pb::PhaseReportReply out;
            const auto t = SteadyClock::now();
            const grpc::Status st = ask(*stub, g.proto, &out);
            times.push_back(msSince(t));
            if (!st.ok()) {
                std::fprintf(stderr, "reports_bench: %s: %s\n", g.name, st.error_message().c_str());
                return 1;
            }
            served.clear();
            const auto take = [&](const pb::ReportGroup& group, const std::string& key) {
                for (const auto& f : group.phases()) {
                    if (f.phase() == pb::REPORT_PHASE_TURNOUT && f.has_p50_s())
                        served[key] = f.p50_s();
                }
            };
            if (g.proto == pb::REPORT_GROUPING_PROVINCE) {
                take(out.total(), "province");
            } else {
                for (const auto& group : out.groups())
                    take(group, group.key());
            }
        }
        bool ok = false;
        const auto t = SteadyClock::now();
        const auto sql = runBaseline(db, g, ok);
        const double sqlMs = msSince(t);
        if (!ok) {
            return 1;
        }
        std::size_t same = 0;
        for (const auto& [key, p50] : sql) {
            const auto it = served.find(key);
            if (it != served.end() && std::abs(it->second - p50) < 1e-6)
                ++same;
        }
        mismatches +=
            sql.size() - same + (served.size() > sql.size() ? served.size() - sql.size() : 0);
        const double p50 = percentile(times, 50);
        const double max = *std::max_element(times.begin(), times.end());
        worst = std::max(worst, max);
        worstSql = std::max(worstSql, sqlMs);
        std::printf("%-10s %8zu %10.1f %10.1f %12.1f %4zu/%zu\n", g.name, served.size(), p50, max,
                    sqlMs, same, sql.size());
        flameblue::bench::summaryLine(
            "reports_bench",
            flameblue::bench::format("PhaseReport by %s, p50 (max) over gRPC", g.name),
            flameblue::bench::format("%.1f ms (%.1f ms)", p50, max),
            flameblue::bench::format("%.0f ms (SQL query)", sqlMs), "<= 1000 ms",
            flameblue::bench::verdict(max <= 1000.0));
    }
    sqlite3_close(db);
    flameblue::bench::summaryLine("reports_bench",
                                  "slowest report of any grouping, a year of province operation",
                                  flameblue::bench::format("%.1f ms", worst),
                                  flameblue::bench::format("%.0f ms (slowest SQL query)", worstSql),
                                  "<= 1000 ms", flameblue::bench::verdict(worst <= 1000.0));
    flameblue::bench::summaryLine(
        "reports_bench", "year reported on",
        flameblue::bench::format("%zu incidents, %zu unit responses, %llu events",
                                 summary.incidents, summary.unitResponses,
                                 static_cast<unsigned long long>(summary.events)));
    std::printf("turnout p50 groups differing between the server and SQL: %zu\n", mismatches);
    std::printf("reports_bench: load average %s at the end\n", loadAverage().c_str());
    server->stop();
    return mismatches == 0 ? 0 : 1;
}

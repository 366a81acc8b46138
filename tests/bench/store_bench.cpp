// Durable append rate of the SQLite event store against plain INSERTs of the same rows.
//
// Both sides use the same file settings (WAL, synchronous=FULL), the same table and indexes, the
// same rows and one transaction per batch, so the ratio store/raw is the cost of the store itself
// (encoding, validation, bookkeeping). Files go to $FLAMEBLUE_BENCH_DIR or the system temp dir;
// on tmpfs fsync is free and the figures say nothing about durability.
//
//   store_bench --benchmark_repetitions=11 --benchmark_min_time=0.3
//               --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true
//
// Many short, randomly interleaved repetitions spread the slow phases of a shared disk over both
// sides; the summary then uses the medians. A single long run per side can be off by 5x there.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bench_summary.h"
#include "core/codec.h"
#include "store/event_store.h"

namespace {

using namespace flameblue;

constexpr int kBatchSizes[] = {1, 16, 256};
constexpr std::size_t kPoolBatches = 64;

std::filesystem::path benchRoot() {
    const char* dir = std::getenv("FLAMEBLUE_BENCH_DIR");
    return dir && *dir ? std::filesystem::path(dir) : std::filesystem::temp_directory_path();
}

// One directory for the whole run, removed at exit: deleting each run's files as it ends would
// put the unlink and journal work of one benchmark into the timing of the next.
class ScratchDir {
public:
    ScratchDir() {
        std::string pattern = benchRoot() / "flameblue-bench-XXXXXX";
        if (!mkdtemp(pattern.data())) {
            std::perror("mkdtemp");
            std::exit(1);
        }
        m_path = pattern;
    }
    ~ScratchDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    std::filesystem::path newFile(const std::string& stem) {
        return m_path / (stem + "-" + std::to_string(++m_files) + ".db");
    }

private:
    std::filesystem::path m_path;
    int m_files = 0;
};

ScratchDir* g_scratch = nullptr;

// What a busy shift sends: mostly AVL and ADS-B position fixes, some status changes from
// consoles, over 120 ground units and 8 aircraft.
std::vector<std::vector<core::Event>> makeBatches(std::size_t batchSize) {
    std::vector<std::vector<core::Event>> batches(kPoolBatches);
    std::uint32_t rng = 12345;
    auto next = [&rng] { return rng = rng * 1664525 + 1013904223; };
    core::TimeMs t = 1'795'910'400'000;
    for (auto& batch : batches) {
        for (std::size_t i = 0; i < batchSize; ++i) {
            t += 50;
            const std::uint32_t r = next();
            const bool aircraft = r % 16 == 0;
            char id[16];
            std::snprintf(id, sizeof id, aircraft ? "H-SX-%02u" : "E-SX-%03u",
                          aircraft ? (r >> 8) % 8 : (r >> 8) % 120);
            core::Event e;
            e.time = t;
            if (r % 100 < 85) {
                core::PositionFix fix{
                    {36.0 + (r >> 12) % 4000 * 0.001, 111.0 + (r >> 4) % 3000 * 0.001},
                    (r >> 3) % 360 * 1.0,
                    (r >> 5) % 90 * 1.0,
                    {},
                    t - 300};
                if (aircraft) {
                    fix.altitudeM = 600.0 + (r >> 7) % 1500;
                }
                e.operatorId = "avl";
                e.origin = aircraft ? "feed-adsb" : "feed-avl";
                e.payload = core::PositionReported{id, fix};
            } else {
                e.operatorId = "张伟";
                e.origin = "console-太原-03";
                e.payload = core::UnitStatusChanged{
                    id, static_cast<core::UnitStatus>(1 + (r >> 9) % 6), {}};
            }
            batch.push_back(std::move(e));
        }
    }
    return batches;
}

void BM_StoreAppend(benchmark::State& state) {
    const auto batchSize = static_cast<std::size_t>(state.range(0));
    auto opened = store::openSqliteStore(g_scratch->newFile("store"), {.fullSync = true});
    if (!opened) {
        state.SkipWithError(opened.error().message.c_str());
        return;
    }
    auto& store = *opened.value();
    auto batches = makeBatches(batchSize);
    std::uint64_t seq = 0;
    std::size_t b = 0;
    for (auto _ : state) {
        auto& batch = batches[b++ % kPoolBatches];
        for (core::Event& e : batch) {
            e.seq = ++seq;
        }
        if (auto st = store.append(batch); !st) {
            state.SkipWithError(st.error().message.c_str());
            break;
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(seq));
}

// The same rows, already encoded, straight into an identical table.
struct RawRow {
    core::TimeMs time;
    int kind;
    std::string subject;
    std::string operatorId;
    std::string origin;
    std::string payload;
};

bool rawExec(sqlite3* db, const char* sql) {
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
}

void BM_RawInsert(benchmark::State& state) {
    const auto batchSize = static_cast<std::size_t>(state.range(0));
    std::vector<std::vector<RawRow>> batches;
    for (const auto& events : makeBatches(batchSize)) {
        auto& rows = batches.emplace_back();
        for (const core::Event& e : events) {
            rows.push_back(RawRow{e.time, static_cast<int>(core::kindOf(e.payload)),
                                  core::subjectOf(e.payload), e.operatorId, e.origin,
                                  core::encodePayload(e.payload)});
        }
    }
    sqlite3* db = nullptr;
    sqlite3_stmt* begin = nullptr;
    sqlite3_stmt* commit = nullptr;
    sqlite3_stmt* insert = nullptr;
    const bool ok =
        sqlite3_open(g_scratch->newFile("raw").c_str(), &db) == SQLITE_OK &&
        rawExec(db, "PRAGMA journal_mode=WAL") && rawExec(db, "PRAGMA synchronous=FULL") &&
        rawExec(db,
                "CREATE TABLE events(seq INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, "
                "kind INTEGER NOT NULL, subject TEXT NOT NULL, operator TEXT NOT NULL, "
                "origin TEXT NOT NULL, payload BLOB NOT NULL);"
                "CREATE INDEX events_time ON events(time_ms);"
                "CREATE INDEX events_subject ON events(subject) WHERE kind <> 12;") &&
        sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, nullptr) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "COMMIT", -1, &commit, nullptr) == SQLITE_OK &&
        sqlite3_prepare_v2(db,
                           "INSERT INTO events(seq, time_ms, kind, subject, operator, origin, "
                           "payload) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           -1, &insert, nullptr) == SQLITE_OK;
    if (!ok) {
        state.SkipWithError(sqlite3_errmsg(db));
    }
    std::int64_t seq = 0;
    std::size_t b = 0;
    for (auto _ : state) {
        if (!ok) {
            break;
        }
        bool stepped = sqlite3_step(begin) == SQLITE_DONE;
        sqlite3_reset(begin);
        for (const RawRow& r : batches[b++ % kPoolBatches]) {
            sqlite3_bind_int64(insert, 1, ++seq);
            sqlite3_bind_int64(insert, 2, r.time);
            sqlite3_bind_int(insert, 3, r.kind);
            sqlite3_bind_text(insert, 4, r.subject.data(), static_cast<int>(r.subject.size()),
                              SQLITE_STATIC);
            sqlite3_bind_text(insert, 5, r.operatorId.data(), static_cast<int>(r.operatorId.size()),
                              SQLITE_STATIC);
            sqlite3_bind_text(insert, 6, r.origin.data(), static_cast<int>(r.origin.size()),
                              SQLITE_STATIC);
            sqlite3_bind_blob(insert, 7, r.payload.data(), static_cast<int>(r.payload.size()),
                              SQLITE_STATIC);
            stepped = sqlite3_step(insert) == SQLITE_DONE && stepped;
            sqlite3_reset(insert);
        }
        stepped = sqlite3_step(commit) == SQLITE_DONE && stepped;
        sqlite3_reset(commit);
        if (!stepped) {
            state.SkipWithError(sqlite3_errmsg(db));
            break;
        }
    }
    state.SetItemsProcessed(seq);
    sqlite3_finalize(begin);
    sqlite3_finalize(commit);
    sqlite3_finalize(insert);
    sqlite3_close(db);
}

// Prints the usual table, and remembers events/s per (benchmark, batch) for the ratio summary.
class RatioReporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs) {
            auto rate = run.counters.find("items_per_second");
            if (run.error_occurred || rate == run.counters.end()) {
                continue;
            }
            const std::string key = run.run_name.function_name + "/" + run.run_name.args;
            if (run.run_type == Run::RT_Aggregate) {
                if (run.aggregate_name == "median") {
                    m_median[key] = rate->second.value;
                }
            } else {
                m_samples[key].push_back(rate->second.value);
            }
        }
    }

    double rate(const std::string& key) const {
        if (auto it = m_median.find(key); it != m_median.end()) {
            return it->second;
        }
        auto it = m_samples.find(key);
        if (it == m_samples.end() || it->second.empty()) {
            return 0;
        }
        double sum = 0;
        for (double v : it->second) {
            sum += v;
        }
        return sum / static_cast<double>(it->second.size());
    }

private:
    std::map<std::string, double> m_median;
    std::map<std::string, std::vector<double>> m_samples;
};

}  // namespace

int main(int argc, char** argv) {
    // Interleaved per batch size, so that drift in the disk affects both sides alike.
    for (int batch : kBatchSizes) {
        benchmark::RegisterBenchmark("BM_StoreAppend", BM_StoreAppend)
            ->ArgName("batch")
            ->Arg(batch)
            ->UseRealTime()  // fsync waits are the point; CPU time would hide them
            ->Unit(benchmark::kMicrosecond);
        benchmark::RegisterBenchmark("BM_RawInsert", BM_RawInsert)
            ->ArgName("batch")
            ->Arg(batch)
            ->UseRealTime()
            ->Unit(benchmark::kMicrosecond);
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    ScratchDir scratch;
    g_scratch = &scratch;
    RatioReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();

    std::printf("\nSQLite WAL, synchronous=FULL, files in %s\n", benchRoot().c_str());
    std::printf("%8s %16s %16s %12s\n", "batch", "store events/s", "raw events/s", "store/raw");
    for (int batch : kBatchSizes) {
        const std::string arg = "batch:" + std::to_string(batch);
        const double store = reporter.rate("BM_StoreAppend/" + arg);
        const double raw = reporter.rate("BM_RawInsert/" + arg);
        if (store > 0 && raw > 0) {
            std::printf("%8d %16.0f %16.0f %12.2f\n", batch, store, raw, store / raw);
            flameblue::bench::summaryLine(
                "store_bench",
                flameblue::bench::format("durable append, %d event%s per commit", batch,
                                         batch == 1 ? "" : "s"),
                flameblue::bench::format("%.0f events/s (%.2f of plain)", store, store / raw),
                flameblue::bench::format("%.0f events/s (plain INSERTs)", raw));
        }
    }
    return 0;
}

// Reading one aircraft's track from the SQLite event log: the subject-filtered scan the Aviation
// service uses (GetTrack) against decoding every event of the same range and filtering.
//
// The log holds one hour of traffic: 400 ground units and 8 aircraft reporting every 5 s
// (about 290,000 position events); the track is one aircraft's last hour (720 fixes) or last
// 10 minutes (120 fixes).
//
//   track_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench_summary.h"
#include "gbench_capture.h"
#include "store/event_store.h"

namespace {

using namespace flameblue;

constexpr int kGroundUnits = 400;
constexpr int kAircraft = 8;
constexpr int kReportEverySeconds = 5;
constexpr int kHourSeconds = 3600;
constexpr core::TimeMs kStart = 1'795'896'000'000;

struct Log {
    std::filesystem::path dir;
    std::unique_ptr<store::EventStore> store;
    std::uint64_t events = 0;

    Log() {
        const char* root = std::getenv("FLAMEBLUE_BENCH_DIR");
        std::string pattern =
            (root && *root ? std::filesystem::path(root) : std::filesystem::temp_directory_path()) /
            "flameblue-track-XXXXXX";
        if (!mkdtemp(pattern.data())) {
            std::perror("mkdtemp");
            std::exit(1);
        }
        dir = pattern;
        store::SqliteOptions o;
        o.fullSync = false;  // building the log is not what is measured
        auto opened = store::openSqliteStore(dir / "live.db", o);
        if (!opened) {
            std::fprintf(stderr, "%s\n", opened.error().message.c_str());
            std::exit(1);
        }
        store = std::move(opened).value();
        std::vector<core::Event> batch;
        for (int s = 0; s < kHourSeconds; s += kReportEverySeconds) {
            const core::TimeMs t = kStart + static_cast<core::TimeMs>(s) * 1000;
            for (int u = 0; u < kGroundUnits + kAircraft; ++u) {
                const bool air = u >= kGroundUnits;
                const std::string id =
                    air ? "AV-" + std::to_string(u - kGroundUnits) : "TY-E" + std::to_string(u);
                core::PositionFix fix{{37.5 + u * 0.001 + s * 1e-5, 112.4 + s * 1e-5},
                                      90.0,
                                      air ? 230.0 : 40.0,
                                      air ? std::optional<double>(900.0) : std::nullopt,
                                      t};
                batch.push_back(
                    core::Event{++events, t, "feed", "bench", core::PositionReported{id, fix}});
            }
            if (batch.size() >= 4096) {
                if (!store->append(batch)) {
                    std::exit(1);
                }
                batch.clear();
            }
        }
        if (!batch.empty() && !store->append(batch))
            std::exit(1);
    }
    ~Log() {
        store.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir, ignored);
    }
};

Log& log() {
    static Log l;
    return l;
}

// The seq range of the last `minutes` of the log, as GetTrack bounds it by the time index.
std::pair<std::uint64_t, std::uint64_t> lastMinutes(int minutes) {
    const core::TimeMs end = kStart + static_cast<core::TimeMs>(kHourSeconds) * 1000;
    const auto from = log().store->lastSeqAtOrBefore(end - minutes * 60'000LL - 1);
    return {from.ok() ? *from : 0, log().events};
}

void BM_TrackBySubject(benchmark::State& state) {
    const auto [after, upTo] = lastMinutes(static_cast<int>(state.range(0)));
    std::size_t points = 0;
    for (auto _ : state) {
        points = 0;
        auto st = log().store->scanSubject("AV-3", after, upTo, [&](const core::Event&) {
            ++points;
            return true;
        });
        if (!st)
            state.SkipWithError("scan failed");
    }
    state.counters["points"] = static_cast<double>(points);
    state.counters["events_in_range"] = static_cast<double>(upTo - after);
}

void BM_TrackByFullScan(benchmark::State& state) {
    const auto [after, upTo] = lastMinutes(static_cast<int>(state.range(0)));
    std::size_t points = 0;
    for (auto _ : state) {
        points = 0;
        auto st = log().store->scan(after, upTo, [&](const core::Event& e) {
            if (core::subjectOf(e.payload) == "AV-3")
                ++points;
            return true;
        });
        if (!st)
            state.SkipWithError("scan failed");
    }
    state.counters["points"] = static_cast<double>(points);
    state.counters["events_in_range"] = static_cast<double>(upTo - after);
}

BENCHMARK(BM_TrackBySubject)->Arg(10)->Arg(60)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TrackByFullScan)->Arg(10)->Arg(60)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }
    flameblue::bench::CapturingReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    using flameblue::bench::format;
    for (const char* minutes : {"10", "60"}) {
        const double bySubject =
            reporter.figures(std::string("BM_TrackBySubject/") + minutes).realMs;
        const double fullScan =
            reporter.figures(std::string("BM_TrackByFullScan/") + minutes).realMs;
        flameblue::bench::summaryLine(
            "track_bench",
            format("one aircraft's track, last %s min of a busy hour's log", minutes),
            format("%.2f ms", bySubject), format("%.2f ms (decode every event)", fullScan));
    }
    return 0;
}

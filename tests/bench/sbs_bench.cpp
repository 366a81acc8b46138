// SBS-1 parsing throughput on one core: realistic dump1090 traffic, all message types.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench_summary.h"
#include "feeds/aircraft_tracker.h"
#include "feeds/line_splitter.h"
#include "feeds/sbs_message.h"
#include "gbench_capture.h"

namespace {

std::string traffic(int aircraft, int rounds) {
    std::string out;
    for (int r = 0; r < rounds; ++r) {
        for (int a = 0; a < aircraft; ++a) {
            char icao[8];
            std::snprintf(icao, sizeof icao, "%06X", 0x780000 + a);
            const double lat = 37.0 + a * 0.001 + r * 0.0001;
            const double lon = 112.0 + a * 0.001;
            char line[256];
            switch (r % 4) {
                case 0:
                    std::snprintf(line, sizeof line,
                                  "MSG,3,1,1,%s,1,2026/11/29,08:00:00.000,2026/11/29,08:00:00.000,"
                                  ",%d,,,%.5f,%.5f,,,0,0,0,0\r\n",
                                  icao, 3000 + a, lat, lon);
                    break;
                case 1:
                    std::snprintf(line, sizeof line,
                                  "MSG,4,1,1,%s,1,2026/11/29,08:00:00.000,2026/11/29,08:00:00.000,"
                                  ",,%d,%.1f,,,%d,,0,0,0,0\r\n",
                                  icao, 100 + a % 50, (a * 7) % 360 + 0.5, (a % 5) * 64);
                    break;
                case 2:
                    std::snprintf(line, sizeof line,
                                  "MSG,1,1,1,%s,1,2026/11/29,08:00:00.000,2026/11/29,08:00:00.000,"
                                  "YC%04d  ,,,,,,,,,,,0\r\n",
                                  icao, a);
                    break;
                default:
                    std::snprintf(line, sizeof line, "MSG,6,,,%s,,,,,,,%d,,,,,,%04d,0,0,0,0\n",
                                  icao, 3000 + a, 1200 + a % 7);
                    break;
            }
            out += line;
        }
    }
    return out;
}

const std::string& corpus() {
    static const std::string text = traffic(1000, 40);  // 40,000 lines
    return text;
}

void BM_SbsParseLines(benchmark::State& state) {
    using namespace flameblue::feeds;
    const std::string& text = corpus();
    SbsMessage m;
    std::string_view error;
    std::size_t lines = 0, messages = 0;
    for (auto _ : state) {
        LineSplitter splitter(kMaxSbsLineBytes);
        splitter.feed(text, [&](std::string_view line) {
            ++lines;
            messages += parseSbsLine(line, m, error) == SbsParse::Message;
        });
        benchmark::DoNotOptimize(m);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(lines));
    state.counters["messages"] = static_cast<double>(messages);
}
BENCHMARK(BM_SbsParseLines)->Unit(benchmark::kMillisecond);

void BM_SbsParseAndTrack(benchmark::State& state) {
    using namespace flameblue::feeds;
    const std::string& text = corpus();
    SbsMessage m;
    std::string_view error;
    AircraftTracker tracker;
    std::size_t lines = 0;
    for (auto _ : state) {
        LineSplitter splitter(kMaxSbsLineBytes);
        splitter.feed(text, [&](std::string_view line) {
            ++lines;
            if (parseSbsLine(line, m, error) == SbsParse::Message)
                tracker.apply(m, 1000);
        });
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(lines));
}
BENCHMARK(BM_SbsParseAndTrack)->Unit(benchmark::kMillisecond);

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
    const double parse = reporter.figures("BM_SbsParseLines").itemsPerSecond;
    const double track = reporter.figures("BM_SbsParseAndTrack").itemsPerSecond;
    flameblue::bench::summaryLine("sbs_bench", "SBS-1 lines parsed per second, one core",
                                  format("%.2f M lines/s", parse / 1e6), "-", ">= 1 M lines/s",
                                  flameblue::bench::verdict(parse >= 1e6));
    flameblue::bench::summaryLine("sbs_bench", "SBS-1 lines parsed and tracked per second",
                                  format("%.2f M lines/s", track / 1e6));
    return 0;
}

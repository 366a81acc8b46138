// A Google Benchmark console reporter that also keeps each run's figures, so that a benchmark's
// main can print its summary lines (bench_summary.h) after the usual table.
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

namespace flameblue::bench {

class CapturingReporter : public benchmark::ConsoleReporter {
public:
    struct Figures {
        double realMs = 0.0;          // per iteration
        double itemsPerSecond = 0.0;  // 0 when the benchmark counts no items
    };

    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs) {
            if (run.error_occurred) {
                continue;
            }
            // With repetitions, the median stands for the benchmark; otherwise the one run.
            const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
            if (run.run_type == Run::RT_Aggregate && !median) {
                continue;
            }
            const std::string key =
                run.run_name.function_name +
                (run.run_name.args.empty() ? std::string() : "/" + run.run_name.args);
            if (!median && m_fromMedian.count(key) != 0) {
                continue;
            }
            Figures f;
            f.realMs = run.GetAdjustedRealTime() * toMs(run.time_unit);
            const auto items = run.counters.find("items_per_second");
            f.itemsPerSecond = items == run.counters.end() ? 0.0 : items->second.value;
            m_figures[key] = f;
            if (median) {
                m_fromMedian[key] = true;
            }
        }
    }

    // Figures of the run named `name` (e.g. "BM_TrackBySubject/10"); zeros when it did not run.
    Figures figures(const std::string& name) const {
        const auto it = m_figures.find(name);
        return it == m_figures.end() ? Figures{} : it->second;
    }

private:
    static double toMs(benchmark::TimeUnit unit) {
        switch (unit) {
            case benchmark::kNanosecond:
                return 1e-6;
            case benchmark::kMicrosecond:
                return 1e-3;
            case benchmark::kMillisecond:
                return 1.0;
            default:
                return 1e3;
        }
    }

    std::map<std::string, Figures> m_figures;
    std::map<std::string, bool> m_fromMedian;
};

}  // namespace flameblue::bench

// The province coverage grid on the bundled Shanxi data: the time from a unit's status change
// (staged by the session as an event) until the grid's new version is ready, p50/p99 over many
// changes, beside the full recompute of every cell as the baseline in the same run (target:
// <= 200 ms); then station placement for k = 5 over the province grid, greedy and exact (GLPK)
// (target: <= 10 s). A tool with its own main; it prints its figures and the summary lines.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "app/roster_sync.h"
#include "bench_summary.h"
#include "core/affected.h"
#include "data/dataset.h"
#include "reports/coverage_index.h"

namespace {

using namespace flameblue;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
    return v[std::min(v.size() - 1, i == 0 ? 0 : i - 1)];
}

}  // namespace

int main(int argc, char** argv) {
    int changes = 200;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == "--changes") {
            changes = std::stoi(argv[i + 1]);
        }
    }
    const std::filesystem::path dataDir = FLAMEBLUE_DATA_DIR;
    auto dataset = data::loadDataset(dataDir);
    if (!dataset) {
        std::fprintf(stderr, "coverage_bench: %s\n", dataset.error().message.c_str());
        return 1;
    }
    core::State state;
    std::uint64_t seq = 0;
    const core::TimeMs t0 = 1'795'896'000'000;
    for (auto& payload : app::rosterChanges(*dataset, state)) {
        state.apply(core::Event{++seq, t0, "bench", "bench", std::move(payload)});
    }
    auto index = reports::CoverageIndex::load(dataDir, *dataset);
    if (!index) {
        std::fprintf(stderr, "coverage_bench: %s\n", index.error().message.c_str());
        return 1;
    }
    reports::CoverageIndex& cov = **index;

    // Baseline: every cell from scratch (what a recompute without the incremental path costs).
    std::vector<double> full;
    for (int i = 0; i < 5; ++i) {
        const auto t = Clock::now();
        cov.start(state);
        full.push_back(msSince(t));
    }
    const auto summary = cov.summary();
    std::printf(
        "grid: %zu cells of at most %.1f km, %zu units counting, %zu cells (%.1f %%) "
        "within %.0f s; %zu of %zu places covered\n",
        summary.cells, summary.cellKm, summary.countingUnits, summary.coveredCells,
        100.0 * static_cast<double>(summary.coveredCells) / static_cast<double>(summary.cells),
        summary.circleSeconds, summary.placesCovered, summary.places);

    // Status changes through the observer path: staged, committed, folded in by the worker.
    std::vector<core::Id> engines;
    for (const auto& [id, u] : state.units()) {
        const auto& caps = u.spec.capabilities;
        if (u.spec.kind == core::UnitKind::Ground &&
            std::find(caps.begin(), caps.end(), "fire_suppression") != caps.end()) {
            engines.push_back(id);
        }
    }
    std::mt19937 rng(42);
    std::vector<double> incremental;
    for (int i = 0; i < changes; ++i) {
        const core::Id& id = engines[rng() % engines.size()];
        for (const auto status : {core::UnitStatus::OutOfService, core::UnitStatus::Available}) {
            core::Event e{++seq, t0 + i * 1000, "bench", "bench",
                          core::UnitStatusChanged{id, status, std::nullopt}};
            core::Affected affected;
            affected.units.push_back(id);
            state.apply(e);
            const auto t = Clock::now();
            cov.stage(e, state, affected);
            cov.commit();
            cov.settle();
            incremental.push_back(msSince(t));
        }
    }
    const double p50 = percentile(incremental, 50);
    const double p99 = percentile(incremental, 99);
    const double fullP50 = percentile(full, 50);
    std::printf(
        "status change -> new grid version: p50 %.2f ms, p99 %.2f ms, max %.2f ms over "
        "%zu changes; full recompute p50 %.1f ms\n",
        p50, p99, *std::max_element(incremental.begin(), incremental.end()), incremental.size(),
        fullP50);
    bench::summaryLine("coverage_bench", "status change to new grid, p50",
                       bench::format("%.2f ms", p50),
                       bench::format("%.1f ms (full recompute)", fullP50), "-", "-");
    bench::summaryLine("coverage_bench", "status change to new grid, p99",
                       bench::format("%.2f ms", p99),
                       bench::format("%.1f ms (full recompute)", fullP50), "<= 200 ms",
                       bench::verdict(p99 <= 200.0));

    // Placement, k = 5 fixed stations over every cell of the province.
    reports::PlacementOptions o;
    o.k = 5;
    o.exact = false;
    auto t = Clock::now();
    auto greedy = cov.place(o, reports::SiteKind::Fixed, {});
    const double greedyMs = msSince(t);
    o.exact = true;
    t = Clock::now();
    auto exact = cov.place(o, reports::SiteKind::Fixed, {});
    const double exactMs = msSince(t);
    if (!greedy || !exact) {
        std::fprintf(stderr, "coverage_bench: placement failed\n");
        return 1;
    }
    std::printf(
        "placement k=5: %zu candidate sites, demand %.0f cells; greedy %.0f (bound %.1f) "
        "in %.0f ms; exact %.0f (%s) over %zu candidates in %.0f ms\n",
        greedy->candidates, greedy->demand, greedy->greedyValue, greedy->upperBound, greedyMs,
        exact->exactValue, exact->exactNote.c_str(), exact->exactCandidates, exactMs);
    bench::summaryLine("coverage_bench", "placement k=5, greedy with bound",
                       bench::format("%.2f s", greedyMs / 1000.0), "-", "<= 10 s",
                       bench::verdict(greedyMs <= 10'000.0));
    bench::summaryLine("coverage_bench", "placement k=5, exact (GLPK)",
                       bench::format("%.2f s", exactMs / 1000.0), "-", "<= 10 s",
                       bench::verdict(exactMs <= 10'000.0));
    cov.stop();
    return 0;
}

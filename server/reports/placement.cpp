#include "reports/placement.h"

#include <glpk.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <numbers>
#include <numeric>
#include <queue>
#include <span>

namespace flameblue::reports {

namespace {

constexpr double kMetersPerDegree = 6371008.8 * std::numbers::pi / 180.0;
constexpr double kDeg = std::numbers::pi / 180.0;

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct Demand {
    core::LatLon position;
    double weight = 1.0;
    std::int32_t cell = -1;   // grid cell, or -1 for a place
    std::int32_t place = -1;  // index in places
};

struct Instance {
    std::vector<Demand> demand;
    std::vector<core::LatLon> sites;
    MaxCoverInstance cover;
    double totalDemand = 0.0;

    std::size_t size() const { return sites.size(); }
};

// The box rows and columns of the grid within `meters` of `p`, visited cell by cell.
template <typename Visit>
void cellsNear(const ProvinceGrid& g, const core::LatLon& p, double meters, Visit&& visit) {
    const double latSpan = meters / kMetersPerDegree;
    const double lonSpan =
        meters /
        (kMetersPerDegree * std::max(0.05, std::cos((std::abs(p.latDeg) + latSpan) * kDeg)));
    const int r0 =
        std::max(0, static_cast<int>(std::floor((p.latDeg - latSpan - g.minLat()) / g.latStep())));
    const int r1 =
        std::min(g.rows() - 1,
                 static_cast<int>(std::floor((p.latDeg + latSpan - g.minLat()) / g.latStep())));
    const int c0 =
        std::max(0, static_cast<int>(std::floor((p.lonDeg - lonSpan - g.minLon()) / g.lonStep())));
    const int c1 =
        std::min(g.cols() - 1,
                 static_cast<int>(std::floor((p.lonDeg + lonSpan - g.minLon()) / g.lonStep())));
    for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c) {
            const std::int32_t cell = g.cellAtBox(r, c);
            if (cell >= 0) {
                visit(static_cast<std::size_t>(cell), r, c);
            }
        }
    }
}

Instance buildInstance(const CoverageGrid& coverage, const std::vector<CoveragePlace>& places,
                       const PlacementOptions& o) {
    Instance in;
    const ProvinceGrid& g = coverage.grid();
    const auto& model = coverage.model();
    const double circle = coverage.settings().circleSeconds;
    const auto circleF = static_cast<float>(circle);
    std::vector<std::int32_t> demandOfCell(g.size(), -1);
    for (std::size_t c = 0; c < g.size(); ++c) {
        if (coverage.seconds()[c] > circleF) {
            demandOfCell[c] = static_cast<std::int32_t>(in.demand.size());
            in.demand.push_back({g.centre(c), 1.0, static_cast<std::int32_t>(c), -1});
        }
    }
    std::vector<std::size_t> placeDemand;
    if (o.placeWeight > 0.0) {
        for (std::size_t i = 0; i < places.size(); ++i) {
            if (coverage.firstArrival(places[i].position).first > circle) {
                placeDemand.push_back(in.demand.size());
                in.demand.push_back(
                    {places[i].position, o.placeWeight, -1, static_cast<std::int32_t>(i)});
            }
        }
    }
    for (const Demand& d : in.demand) {
        in.totalDemand += d.weight;
    }
    const double reach = reachMeters(model, o.startDelaySeconds, circle);
    for (const Demand& d : in.demand) {
        in.cover.weight.push_back(d.weight);
    }
    if (reach < 0.0 || in.demand.empty()) {
        return in;
    }
    const double budget = circle - o.startDelaySeconds;
    const int stride = std::max(1, o.candidateStride);
    auto reaches = [&](const core::LatLon& from, const core::LatLon& to) {
        const double gc = core::greatCircleMeters(from, to);
        return gc <= reach && model.movingSeconds({}, from, to, gc) <= budget;
    };
    // Places near each candidate, found from the place's side.
    std::vector<std::vector<std::uint32_t>> placesAt(g.size());
    for (const std::size_t d : placeDemand) {
        cellsNear(g, in.demand[d].position, reach, [&](std::size_t cell, int, int) {
            placesAt[cell].push_back(static_cast<std::uint32_t>(d));
        });
    }
    std::vector<std::uint32_t> set;
    for (std::size_t c = 0; c < g.size(); ++c) {
        const std::uint32_t b = g.boxIndex(c);
        const auto row = static_cast<int>(b / static_cast<std::uint32_t>(g.cols()));
        const auto col = static_cast<int>(b % static_cast<std::uint32_t>(g.cols()));
        if (row % stride != 0 || col % stride != 0) {
            continue;
        }
        const core::LatLon& site = g.centre(c);
        set.clear();
        cellsNear(g, site, reach, [&](std::size_t cell, int, int) {
            if (demandOfCell[cell] >= 0 && reaches(site, g.centre(cell))) {
                set.push_back(static_cast<std::uint32_t>(demandOfCell[cell]));
            }
        });
        for (const std::uint32_t d : placesAt[c]) {
            if (reaches(site, in.demand[d].position)) {
                set.push_back(d);
            }
        }
        if (set.empty()) {
            continue;
        }
        std::sort(set.begin(), set.end());
        in.sites.push_back(site);
        in.cover.covers.push_back(set);
    }
    return in;
}

double gainOf(const MaxCoverInstance& in, std::size_t j, const std::vector<char>& covered) {
    double g = 0.0;
    for (const std::uint32_t d : in.covers[j]) {
        if (!covered[d]) {
            g += in.weight[d];
        }
    }
    return g;
}

// The sites in `chosen` in greedy order over themselves, each with the gain it adds.
std::vector<ProposedSite> describe(const Instance& in, const std::vector<CoveragePlace>& places,
                                   std::vector<std::size_t> chosen) {
    std::vector<ProposedSite> out;
    std::vector<char> covered(in.demand.size(), 0);
    while (!chosen.empty()) {
        std::size_t bestK = 0;
        double bestGain = -1.0;
        for (std::size_t k = 0; k < chosen.size(); ++k) {
            const double g = gainOf(in.cover, chosen[k], covered);
            if (g > bestGain) {
                bestGain = g;
                bestK = k;
            }
        }
        const std::size_t j = chosen[bestK];
        chosen.erase(chosen.begin() + static_cast<std::ptrdiff_t>(bestK));
        ProposedSite s;
        s.position = in.sites[j];
        s.gain = bestGain;
        for (const std::uint32_t d : in.cover.covers[j]) {
            if (covered[d]) {
                continue;
            }
            covered[d] = 1;
            if (in.demand[d].cell >= 0) {
                ++s.cells;
            } else {
                s.places.push_back(places[static_cast<std::size_t>(in.demand[d].place)].id);
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

struct HeapEntry {
    double gain;
    std::uint32_t site;
    int stamp;
    bool operator<(const HeapEntry& o) const {
        return gain < o.gain || (gain == o.gain && site > o.site);
    }
};

// Upper bound on what any k sites add beyond `value`: the k largest keys (each key is at least
// its site's present marginal gain, by submodularity).
double topKBound(std::priority_queue<HeapEntry>& heap, int k, double value) {
    std::vector<HeapEntry> taken;
    double sum = value;
    for (int i = 0; i < k && !heap.empty(); ++i) {
        taken.push_back(heap.top());
        sum += heap.top().gain;
        heap.pop();
    }
    for (const auto& e : taken) {
        heap.push(e);
    }
    return sum;
}

std::mutex g_glpkMutex;  // GLPK keeps global state

int silentTerminal(void*, const char*) {
    return 1;  // nothing on the server's stdout
}

}  // namespace

MaxCoverSolution solveMaxCover(const MaxCoverInstance& in, int kIn, bool exact,
                               double exactTimeLimitSeconds, std::size_t exactMaxCandidates) {
    MaxCoverSolution answer;
    const auto t0 = Clock::now();
    const int k = std::max(0, kIn);
    const std::size_t sites = in.covers.size();
    double total = 0.0;
    for (const double w : in.weight) {
        total += w;
    }

    // Greedy with lazy evaluation.
    std::vector<char> covered(in.weight.size(), 0);
    std::priority_queue<HeapEntry> heap;
    for (std::size_t j = 0; j < sites; ++j) {
        heap.push({gainOf(in, j, covered), static_cast<std::uint32_t>(j), 0});
    }
    std::vector<std::size_t> picked;
    double value = 0.0;
    double bound = total;
    for (int step = 0; step < k && !heap.empty(); ++step) {
        bound = std::min(bound, topKBound(heap, k, value));
        std::optional<HeapEntry> chosen;
        while (!heap.empty()) {
            HeapEntry top = heap.top();
            heap.pop();
            if (top.stamp == step) {
                chosen = top;
                break;
            }
            top.gain = gainOf(in, top.site, covered);
            top.stamp = step;
            heap.push(top);
        }
        if (!chosen || chosen->gain <= 0.0) {
            break;
        }
        picked.push_back(chosen->site);
        value += chosen->gain;
        for (const std::uint32_t d : in.covers[chosen->site]) {
            covered[d] = 1;
        }
    }
    // Every key is still an upper bound of its site's marginal gain.
    bound = std::min(bound, topKBound(heap, k, value));
    bound = std::min(bound, value / (1.0 - 1.0 / std::numbers::e));
    bound = std::max(bound, value);
    answer.greedy = picked;
    answer.greedyValue = value;
    answer.upperBound = bound;
    answer.greedySeconds = secondsSince(t0);

    if (!exact || k == 0 || sites == 0) {
        answer.exactNote = sites == 0 ? "nothing left to cover" : "not asked";
        return answer;
    }
    const auto t1 = Clock::now();
    // The candidate subset: every site, or the best single sites and the greedy ones.
    std::vector<std::size_t> subset(sites);
    std::iota(subset.begin(), subset.end(), std::size_t{0});
    const bool all = sites <= exactMaxCandidates;
    if (!all) {
        std::vector<double> single(sites);
        const std::vector<char> none(in.weight.size(), 0);
        for (std::size_t j = 0; j < sites; ++j) {
            single[j] = gainOf(in, j, none);
        }
        std::stable_sort(subset.begin(), subset.end(),
                         [&](std::size_t a, std::size_t b) { return single[a] > single[b]; });
        subset.resize(exactMaxCandidates);
        for (const std::size_t j : picked) {
            if (std::find(subset.begin(), subset.end(), j) == subset.end()) {
                subset.push_back(j);
            }
        }
        std::sort(subset.begin(), subset.end());
    }
    answer.exactCandidates = subset.size();
    // Demand rows: only what some subset site covers.
    std::vector<std::int32_t> row(in.weight.size(), -1);
    std::vector<std::uint32_t> rowDemand;
    for (const std::size_t j : subset) {
        for (const std::uint32_t d : in.covers[j]) {
            if (row[d] < 0) {
                row[d] = static_cast<std::int32_t>(rowDemand.size());
                rowDemand.push_back(d);
            }
        }
    }
    std::vector<std::size_t> chosen;
    {
        std::lock_guard lock(g_glpkMutex);
        glp_term_hook(silentTerminal, nullptr);
        glp_prob* lp = glp_create_prob();
        glp_set_obj_dir(lp, GLP_MAX);
        const int nx = static_cast<int>(subset.size());
        const int ny = static_cast<int>(rowDemand.size());
        glp_add_cols(lp, nx + ny);
        for (int j = 1; j <= nx; ++j) {
            glp_set_col_kind(lp, j, GLP_BV);
        }
        for (int d = 1; d <= ny; ++d) {
            glp_set_col_bnds(lp, nx + d, GLP_DB, 0.0, 1.0);
            glp_set_obj_coef(lp, nx + d, in.weight[rowDemand[static_cast<std::size_t>(d - 1)]]);
        }
        glp_add_rows(lp, 1 + ny);
        glp_set_row_bnds(lp, 1, GLP_UP, 0.0, static_cast<double>(k));
        for (int d = 1; d <= ny; ++d) {
            glp_set_row_bnds(lp, 1 + d, GLP_UP, 0.0, 0.0);  // y_d - sum of x_j covering d <= 0
        }
        std::vector<int> ia{0};
        std::vector<int> ja{0};
        std::vector<double> ar{0.0};
        for (int j = 1; j <= nx; ++j) {
            ia.push_back(1);
            ja.push_back(j);
            ar.push_back(1.0);
            for (const std::uint32_t d : in.covers[subset[static_cast<std::size_t>(j - 1)]]) {
                ia.push_back(2 + row[d]);
                ja.push_back(j);
                ar.push_back(-1.0);
            }
        }
        for (int d = 1; d <= ny; ++d) {
            ia.push_back(1 + d);
            ja.push_back(nx + d);
            ar.push_back(1.0);
        }
        glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());
        glp_iocp parm;
        glp_init_iocp(&parm);
        parm.presolve = GLP_ON;
        parm.msg_lev = GLP_MSG_OFF;
        parm.tm_lim = static_cast<int>(std::max(0.1, exactTimeLimitSeconds) * 1000.0);
        const int rc = glp_intopt(lp, &parm);
        const int status = glp_mip_status(lp);
        if ((rc == 0 || rc == GLP_ETMLIM) && (status == GLP_OPT || status == GLP_FEAS)) {
            for (int j = 1; j <= nx; ++j) {
                if (glp_mip_col_val(lp, j) > 0.5) {
                    chosen.push_back(subset[static_cast<std::size_t>(j - 1)]);
                }
            }
            answer.exactStatus = status == GLP_OPT && rc == 0
                                     ? (all ? ExactStatus::Optimal : ExactStatus::OptimalOverSubset)
                                     : ExactStatus::TimeLimit;
        } else {
            answer.exactStatus = ExactStatus::Failed;
            answer.exactNote = "GLPK found no integer solution (code " + std::to_string(rc) + ")";
        }
        glp_delete_prob(lp);
    }
    if (answer.exactStatus != ExactStatus::Failed) {
        answer.exact = chosen;
        std::vector<char> cov(in.weight.size(), 0);
        for (const std::size_t j : chosen) {
            for (const std::uint32_t d : in.covers[j]) {
                if (!cov[d]) {
                    cov[d] = 1;
                    answer.exactValue += in.weight[d];
                }
            }
        }
        // A solution as good as the bound of the whole problem is optimal for it.
        answer.provenOptimal = answer.exactStatus == ExactStatus::Optimal ||
                               answer.exactValue >= answer.upperBound - 1e-9;
        if (answer.exactStatus == ExactStatus::Optimal) {
            answer.upperBound = answer.exactValue;
        }
        answer.exactNote =
            answer.exactStatus == ExactStatus::Optimal ? "optimal over every candidate site"
            : answer.exactStatus == ExactStatus::OptimalOverSubset
                ? "optimal over the " + std::to_string(subset.size()) +
                      " best single candidate sites" +
                      (answer.provenOptimal ? "; it reaches the bound, so optimal overall"
                                            : "; not proven optimal overall")
                : "time limit reached: the best solution found";
    }
    answer.exactSeconds = secondsSince(t1);
    return answer;
}

PlacementAnswer placeSites(const CoverageGrid& coverage, const std::vector<CoveragePlace>& places,
                           const PlacementOptions& options) {
    const auto t0 = Clock::now();
    const Instance in = buildInstance(coverage, places, options);
    const double buildSeconds = secondsSince(t0);
    const MaxCoverSolution sol =
        solveMaxCover(in.cover, options.k, options.exact, options.exactTimeLimitSeconds,
                      options.exactMaxCandidates);
    PlacementAnswer answer;
    answer.candidates = in.size();
    answer.demand = in.totalDemand;
    answer.greedy = describe(in, places, sol.greedy);
    answer.greedyValue = sol.greedyValue;
    answer.upperBound = sol.upperBound;
    answer.greedySeconds = buildSeconds + sol.greedySeconds;
    answer.exactStatus = sol.exactStatus;
    if (sol.exactStatus != ExactStatus::NotRun && sol.exactStatus != ExactStatus::Failed) {
        answer.exact = describe(in, places, sol.exact);
    }
    answer.exactValue = sol.exactValue;
    answer.exactCandidates = sol.exactCandidates;
    answer.provenOptimal = sol.provenOptimal;
    answer.exactSeconds = sol.exactSeconds;
    answer.exactNote = sol.exactNote;
    return answer;
}

}  // namespace flameblue::reports

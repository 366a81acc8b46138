#include "dispatch/assignment.h"

#include <algorithm>
#include <limits>

namespace flameblue::dispatch {

namespace {

// Leaving a slot unfilled costs more than any real set of arrivals; an edge that is not there
// (or is above the bottleneck) costs more than leaving the slot unfilled, so it is never used.
constexpr double kUnfilledCost = 1e9;
constexpr double kForbiddenCost = 1e12;

class Matcher {
public:
    Matcher(const AssignmentProblem& p, double threshold)
        : m_p(p), m_threshold(threshold), m_slotOfUnit(static_cast<std::size_t>(p.unitCount), -1) {}

    int run() {
        int matched = 0;
        for (std::size_t s = 0; s < m_p.slots.size(); ++s) {
            m_visited.assign(static_cast<std::size_t>(m_p.unitCount), false);
            if (augment(static_cast<int>(s))) {
                ++matched;
            }
        }
        return matched;
    }

private:
    bool augment(int slot) {
        for (const auto& e : m_p.slots[static_cast<std::size_t>(slot)]) {
            const auto u = static_cast<std::size_t>(e.unit);
            if (e.seconds > m_threshold || m_visited[u]) {
                continue;
            }
            m_visited[u] = true;
            if (m_slotOfUnit[u] < 0 || augment(m_slotOfUnit[u])) {
                m_slotOfUnit[u] = slot;
                return true;
            }
        }
        return false;
    }

    const AssignmentProblem& m_p;
    double m_threshold;
    std::vector<int> m_slotOfUnit;
    std::vector<bool> m_visited;
};

// Slots x (units, then one "unfilled" column per slot), row-major; edges above `threshold`
// are forbidden.
std::vector<double> costMatrix(const AssignmentProblem& p, double threshold) {
    const std::size_t n = p.slots.size();
    const std::size_t units = static_cast<std::size_t>(p.unitCount);
    const std::size_t m = units + n;
    std::vector<double> cost(n * m, kForbiddenCost);
    for (std::size_t s = 0; s < n; ++s) {
        for (const auto& e : p.slots[s]) {
            if (e.seconds <= threshold) {
                double& c = cost[s * m + static_cast<std::size_t>(e.unit)];
                c = std::min(c, e.seconds + e.preference);
            }
        }
        for (std::size_t d = units; d < m; ++d) {
            cost[s * m + d] = kUnfilledCost;
        }
    }
    return cost;
}

// Minimum-cost assignment of every slot to a distinct column of costMatrix(). O(slots^2 x
// columns).
std::vector<int> hungarian(const AssignmentProblem& p, double threshold) {
    const std::size_t n = p.slots.size();
    const std::size_t units = static_cast<std::size_t>(p.unitCount);
    const std::size_t m = units + n;
    const std::vector<double> cost = costMatrix(p, threshold);
    // e-maxx formulation, rows and columns counted from 1; p[j] is the row in column j.
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> u(n + 1, 0.0);
    std::vector<double> v(m + 1, 0.0);
    std::vector<std::size_t> rowOf(m + 1, 0);
    std::vector<std::size_t> way(m + 1, 0);
    std::vector<double> minv(m + 1);
    std::vector<bool> used(m + 1);
    for (std::size_t i = 1; i <= n; ++i) {
        rowOf[0] = i;
        std::size_t j0 = 0;
        std::fill(minv.begin(), minv.end(), inf);
        std::fill(used.begin(), used.end(), false);
        do {
            used[j0] = true;
            const std::size_t i0 = rowOf[j0];
            double delta = inf;
            std::size_t j1 = 0;
            for (std::size_t j = 1; j <= m; ++j) {
                if (used[j]) {
                    continue;
                }
                const double cur = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
                if (cur < minv[j]) {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if (minv[j] < delta) {
                    delta = minv[j];
                    j1 = j;
                }
            }
            for (std::size_t j = 0; j <= m; ++j) {
                if (used[j]) {
                    u[rowOf[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
        } while (rowOf[j0] != 0);
        do {
            const std::size_t j1 = way[j0];
            rowOf[j0] = rowOf[j1];
            j0 = j1;
        } while (j0 != 0);
    }
    std::vector<int> unitForSlot(n, -1);
    for (std::size_t j = 1; j <= units; ++j) {
        if (rowOf[j] != 0 && cost[(rowOf[j] - 1) * m + (j - 1)] < kUnfilledCost) {
            unitForSlot[rowOf[j] - 1] = static_cast<int>(j - 1);
        }
    }
    return unitForSlot;
}

AssignmentResult summarise(const AssignmentProblem& p, std::vector<int> unitForSlot) {
    AssignmentResult r;
    r.unitForSlot = std::move(unitForSlot);
    for (std::size_t s = 0; s < r.unitForSlot.size(); ++s) {
        if (r.unitForSlot[s] < 0) {
            continue;
        }
        double seconds = std::numeric_limits<double>::infinity();
        for (const auto& e : p.slots[s]) {
            if (e.unit == r.unitForSlot[s]) {
                seconds = std::min(seconds, e.seconds);
            }
        }
        ++r.filled;
        r.totalSeconds += seconds;
        r.bottleneckSeconds = std::max(r.bottleneckSeconds.value_or(seconds), seconds);
    }
    return r;
}

}  // namespace

AssignmentResult assignOptimal(const AssignmentProblem& problem) {
    const double inf = std::numeric_limits<double>::infinity();
    const int best = Matcher(problem, inf).run();
    if (best == 0) {
        return summarise(problem, std::vector<int>(problem.slots.size(), -1));
    }
    std::vector<double> times;
    for (const auto& slot : problem.slots) {
        for (const auto& e : slot) {
            times.push_back(e.seconds);
        }
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    // The smallest threshold that still lets as many slots be filled.
    std::size_t lo = 0;
    std::size_t hi = times.size() - 1;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (Matcher(problem, times[mid]).run() == best) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    return summarise(problem, hungarian(problem, times[lo]));
}

AssignmentResult assignGreedy(const AssignmentProblem& problem) {
    std::vector<bool> used(static_cast<std::size_t>(problem.unitCount), false);
    std::vector<int> unitForSlot(problem.slots.size(), -1);
    for (std::size_t s = 0; s < problem.slots.size(); ++s) {
        const AssignmentProblem::Edge* pick = nullptr;
        for (const auto& e : problem.slots[s]) {
            if (!used[static_cast<std::size_t>(e.unit)] &&
                (pick == nullptr || e.seconds < pick->seconds)) {
                pick = &e;
            }
        }
        if (pick != nullptr) {
            used[static_cast<std::size_t>(pick->unit)] = true;
            unitForSlot[s] = pick->unit;
        }
    }
    return summarise(problem, std::move(unitForSlot));
}

}  // namespace flameblue::dispatch

// What a subscriber made of the position fixes sent to the server, fix by fix (feed_e2e_bench).
//
// Each fix sent ends one of three ways for each subscriber:
//   delivered  - that fix reached the subscriber;
//   conflated  - it did not, but a newer fix of the same aircraft did (the subscriber was behind
//                and got the latest position instead, or the fix was merged away on the way);
//   missing    - neither it nor anything newer arrived.
// Its wait is from sending it until the subscriber first held a position at least as new: the
// fix itself or the first newer one. A missing fix waits forever. A verdict on latency is taken
// over every fix sent (missing ones rank last), so dropping or conflating cannot improve it.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace flameblue::bench {

struct FixMark {
    long k = 0;             // the fix's number in its aircraft's sequence (newer = larger)
    std::int64_t atNs = 0;  // sent, or arrived
};

struct FixTally {
    std::uint64_t delivered = 0;
    std::uint64_t conflated = 0;
    std::uint64_t missing = 0;
    std::vector<double> waitMs;           // every fix; +infinity for a missing one
    std::vector<double> deliveredWaitMs;  // delivered fixes only (what arrived)

    std::uint64_t total() const { return delivered + conflated + missing; }
};

// Adds one aircraft's fixes as one subscriber saw them: `sent` are the fixes measured,
// `arrived` every fix of that aircraft the subscriber received, in any order.
inline void tallyFixes(const std::vector<FixMark>& sent, std::vector<FixMark> arrived,
                       FixTally& out) {
    std::sort(arrived.begin(), arrived.end(),
              [](const FixMark& a, const FixMark& b) { return a.k < b.k; });
    // earliest[i]: the first moment any fix numbered arrived[i].k or newer was held.
    std::vector<std::int64_t> earliest(arrived.size());
    std::int64_t best = std::numeric_limits<std::int64_t>::max();
    for (std::size_t i = arrived.size(); i-- > 0;) {
        best = std::min(best, arrived[i].atNs);
        earliest[i] = best;
    }
    for (const FixMark& s : sent) {
        const auto it = std::lower_bound(arrived.begin(), arrived.end(), s.k,
                                         [](const FixMark& a, long k) { return a.k < k; });
        if (it == arrived.end()) {
            ++out.missing;
            out.waitMs.push_back(std::numeric_limits<double>::infinity());
            continue;
        }
        const auto i = static_cast<std::size_t>(it - arrived.begin());
        const double waitMs = static_cast<double>(earliest[i] - s.atNs) / 1e6;
        out.waitMs.push_back(waitMs);
        if (it->k == s.k) {
            ++out.delivered;
            out.deliveredWaitMs.push_back(static_cast<double>(it->atNs - s.atNs) / 1e6);
        } else {
            ++out.conflated;
        }
    }
}

// The p-quantile (0..1) by rank; NaN for no values. Infinity stays infinity.
inline double quantile(std::vector<double> v, double p) {
    if (v.empty()) {
        return std::nan("");
    }
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
    const std::size_t i = std::min(v.size() - 1, rank == 0 ? 0 : rank - 1);
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
    return v[i];
}

// Met when the p99 wait over every fix sent is within the target and none went missing.
inline bool fixLatencyMet(const FixTally& t, double p99TargetMs) {
    return t.total() > 0 && t.missing == 0 && quantile(t.waitMs, 0.99) <= p99TargetMs;
}

}  // namespace flameblue::bench

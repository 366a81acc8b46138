#pragma once

// Which unit fills which slot, over all slots at once.

#include <optional>
#include <vector>

namespace flameblue::dispatch {

// Slots x units: for each slot, the units that may fill it and their arrival times.
struct AssignmentProblem {
    struct Edge {
        int unit = 0;  // 0 .. unitCount-1
        double seconds = 0.0;
        // Added to `seconds` only to choose among solutions that are equal on arrival times
        // (which slot gets which of two units, which of two equally fast units goes): keep its
        // size under a second.
        double preference = 0.0;
    };
    int unitCount = 0;
    std::vector<std::vector<Edge>> slots;
};

struct AssignmentResult {
    std::vector<int> unitForSlot;  // -1: unfilled
    int filled = 0;
    std::optional<double> bottleneckSeconds;  // the latest arrival over filled slots
    double totalSeconds = 0.0;
};

// A unit fills at most one slot. Lexicographic optimum: fill as many slots as possible, then
// make the latest arrival as early as possible (bottleneck, by threshold search with maximum
// matchings), then minimise the sum of arrivals under that bottleneck (Hungarian method).
AssignmentResult assignOptimal(const AssignmentProblem& problem);

// Slot by slot in order, each taking its fastest unit still free: the baseline that optimal
// assignment must beat (a fast all-rounder taken early can leave a later slot late).
AssignmentResult assignGreedy(const AssignmentProblem& problem);

}  // namespace flameblue::dispatch

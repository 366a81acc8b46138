#pragma once

// Where to put the next stations (README, "Coverage"): the maximal covering location problem
// over the coverage grid. Demand = the cells outside the rescue circle now (weight 1 each, so the
// objective is area in cells), plus each listed place outside it (weight `placeWeight`).
// Candidate sites = the centres of the grid's cells (every `candidateStride`-th row and column).
// A site covers a demand point when a crew starting there after the site's turnout reaches it
// within the circle by the ground travel model.
//
// Greedy (lazy evaluation) with its bound: the optimum is at most greedy / (1 - 1/e), and at
// most f(S_i) + the k largest marginal gains after any greedy step i (Nemhauser, Wolsey and
// Fisher 1978); the smaller is reported. Exact: the integer programme solved by GLPK over the
// `exactMaxCandidates` best single sites (all of them when there are no more), within a time
// limit; proven optimal for the whole problem when it reaches the greedy bound.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/geo.h"
#include "reports/coverage_grid.h"

namespace flameblue::reports {

// A named place whose coverage is reported (city seats; county seats or townships when the data
// lists them).
struct CoveragePlace {
    std::string id;
    std::string nameZh;
    std::string nameEn;
    std::string kind;  // "city_seat", "county_seat", "township"
    core::LatLon position;
};

enum class SiteKind { Fixed = 0, Modular = 1, Mobile = 2 };

struct PlacementOptions {
    int k = 5;
    double startDelaySeconds = 80.0;  // the new site's turnout (from the travel model by kind)
    int candidateStride = 1;
    double placeWeight = 0.0;
    bool exact = true;
    double exactTimeLimitSeconds = 8.0;
    std::size_t exactMaxCandidates = 2000;
};

struct ProposedSite {
    core::LatLon position;
    double gain = 0.0;  // weighted demand it adds, in the order given
    std::size_t cells = 0;
    std::vector<std::string> places;  // place ids it brings into the circle
};

enum class ExactStatus {
    NotRun = 0,
    Optimal = 1,            // optimal over every candidate site: optimal for the problem
    OptimalOverSubset = 2,  // optimal over the best single sites; see provenOptimal
    TimeLimit = 3,          // best found within the time limit
    Failed = 4,
};

struct PlacementAnswer {
    std::size_t candidates = 0;  // candidate sites that cover some demand
    double demand = 0.0;         // weighted demand outside the circle before
    std::vector<ProposedSite> greedy;
    double greedyValue = 0.0;
    double upperBound = 0.0;  // no k sites can add more
    double greedySeconds = 0.0;
    ExactStatus exactStatus = ExactStatus::NotRun;
    std::vector<ProposedSite> exact;
    double exactValue = 0.0;
    std::size_t exactCandidates = 0;
    bool provenOptimal = false;  // the exact value reaches the upper bound of the whole problem
    double exactSeconds = 0.0;
    std::string exactNote;
};

// The abstract problem: choose k sites maximising the weight of the demand they cover.
struct MaxCoverInstance {
    std::vector<double> weight;                      // per demand point
    std::vector<std::vector<std::uint32_t>> covers;  // per site: the demand points it covers
};

struct MaxCoverSolution {
    std::vector<std::size_t> greedy;  // in the order picked
    double greedyValue = 0.0;
    double upperBound = 0.0;
    ExactStatus exactStatus = ExactStatus::NotRun;
    std::vector<std::size_t> exact;
    double exactValue = 0.0;
    std::size_t exactCandidates = 0;
    bool provenOptimal = false;
    std::string exactNote;
    double greedySeconds = 0.0;
    double exactSeconds = 0.0;
};

MaxCoverSolution solveMaxCover(const MaxCoverInstance& instance, int k, bool exact,
                               double exactTimeLimitSeconds, std::size_t exactMaxCandidates);

PlacementAnswer placeSites(const CoverageGrid& coverage, const std::vector<CoveragePlace>& places,
                           const PlacementOptions& options);

}  // namespace flameblue::reports

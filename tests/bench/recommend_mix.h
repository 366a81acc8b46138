// recommend_bench's served run: Recommend over gRPC to the real Dispatch service, on a live
// session holding the synthetic province, while position fixes and dispatch commands keep
// changing its state. The service keeps the recommender's unit index as it does in production
// (built by the first request, then following every event under the state lock), so the figures
// include any build a request waits for. Then, under the same load for as long, the baseline
// answers the same requests at the same rate on the session's state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "recommend_world.h"

namespace flameblue::bench {

struct MixOptions {
    double seconds = 40.0;  // the product's span; the baseline's follows, as long
    double warmupSeconds = 3.0;
    double fixesPerSecond = 1000.0;     // 10,000 units, one AVL fix every 10 s each
    double commandsPerSecond = 1.0;     // dispatches and releases: a busy hour province-wide
    double recommendsPerSecond = 10.0;  // alarms being typed in at several consoles
};

struct MixResult {
    std::vector<double> serverMs;    // compute_ms of every Recommend (index rebuild included)
    std::vector<double> clientMs;    // request sent to reply decoded, over gRPC
    std::vector<double> rebuiltMs;   // serverMs of the requests that built the index
    std::vector<double> reusedMs;    // serverMs of the requests that reused it
    std::vector<double> baselineMs;  // the naive baseline, same requests, same load
    std::uint64_t fixesSent = 0;
    std::uint64_t fixesAccepted = 0;
    std::uint64_t commandsOk = 0;
    std::uint64_t commandsFailed = 0;
    std::uint64_t eventsWritten = 0;  // by the session during the product's measured span
    double seconds = 0.0;             // the product's measured span
    std::vector<std::string> problems;
};

// Exits with a message when the server cannot be set up.
MixResult runServedMix(const RecommendWorld& world, const MixOptions& options);

}  // namespace flameblue::bench

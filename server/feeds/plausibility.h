#pragma once

#include <cstddef>
#include <string>

#include "core/entities.h"

namespace flameblue::feeds {

// How far a position may move between two fixes before it is not believed. The limits are data
// (aircraft_types.json, "feed_plausibility"), never constants.
struct PlausibilityOptions {
    // Two fixes of the same place may lie this far apart (receiver and decoder noise).
    double positionNoiseM = 0.0;
    // This many consecutive held-back fixes that agree with each other make a new track: the
    // aircraft really is there (the position before was the wrong one). 0: never.
    std::size_t confirmFixes = 0;
    // Aircraft that are not the fleet's (no type known); 0: not checked.
    double otherMaxGroundKmh = 0.0;
};

// A position and when it was taken.
struct TimedPosition {
    core::LatLon position;
    core::TimeMs time = 0;
};

struct MoveCheck {
    bool plausible = true;
    double distanceM = 0.0;
    double seconds = 0.0;     // recorded time between the fixes (0 when none passed)
    double impliedKmh = 0.0;  // distance beyond the noise over that time; infinite when none
};

// Whether an aircraft that was at `from` can be at `to`: the distance beyond the noise allowance
// must not need more than `maxGroundKmh`. `pace` is recorded seconds per second (a replay played
// faster than recorded). However long the gap, the distance is judged against it: a first fix
// after hours on the ground is plausible anywhere within range, 12,000 km in a minute is not.
MoveCheck checkMove(const TimedPosition& from, const TimedPosition& to, double maxGroundKmh,
                    double positionNoiseM, double pace = 1.0);

// "a fix at 0.00000, 0.00000 lies 11,874 km from the one 42 s before (1,017,771 km/h; at most
// 399 km/h)": for logs and ListFeeds.
std::string describeImplausible(const core::LatLon& to, const MoveCheck& check,
                                double maxGroundKmh);

}  // namespace flameblue::feeds

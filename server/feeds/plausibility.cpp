#include "feeds/plausibility.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/geo.h"

namespace flameblue::feeds {

namespace {
constexpr double kSecondsPerHour = 3600.0;
constexpr double kMetersPerKm = 1000.0;
}  // namespace

MoveCheck checkMove(const TimedPosition& from, const TimedPosition& to, double maxGroundKmh,
                    double positionNoiseM, double pace) {
    MoveCheck c;
    c.distanceM = core::greatCircleMeters(from.position, to.position);
    c.seconds = std::max<double>(0.0, static_cast<double>(to.time - from.time) / 1000.0) *
                (pace > 0.0 ? pace : 1.0);
    const double beyondNoiseM = std::max(0.0, c.distanceM - positionNoiseM);
    c.impliedKmh = c.seconds > 0.0 ? beyondNoiseM / kMetersPerKm / (c.seconds / kSecondsPerHour)
                   : beyondNoiseM > 0.0 ? std::numeric_limits<double>::infinity()
                                        : 0.0;
    c.plausible = maxGroundKmh <= 0.0 || c.impliedKmh <= maxGroundKmh;
    return c;
}

std::string describeImplausible(const core::LatLon& to, const MoveCheck& check,
                                double maxGroundKmh) {
    char buffer[200];
    if (std::isinf(check.impliedKmh)) {
        std::snprintf(buffer, sizeof buffer,
                      "a fix at %.5f, %.5f lies %.1f km from the one taken at the same time "
                      "(at most %.0f km/h)",
                      to.latDeg, to.lonDeg, check.distanceM / kMetersPerKm, maxGroundKmh);
    } else {
        std::snprintf(buffer, sizeof buffer,
                      "a fix at %.5f, %.5f lies %.1f km from the one %.0f s before (%.0f km/h; "
                      "at most %.0f km/h)",
                      to.latDeg, to.lonDeg, check.distanceM / kMetersPerKm, check.seconds,
                      check.impliedKmh, maxGroundKmh);
    }
    return buffer;
}

}  // namespace flameblue::feeds

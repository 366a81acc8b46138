#pragma once

#include <vector>

#include "dispatch/travel_model_config.h"
#include "dispatch/travel_time_model.h"

namespace flameblue::dispatch {

// Turnout + great-circle distance cut into speed bands (each with its detour factor and speed),
// times the largest factor of the mountain zones the straight line touches.
class GroundTravelModel final : public TravelTimeModel {
public:
    explicit GroundTravelModel(GroundModelConfig config);

    TravelMode mode() const override { return TravelMode::Ground; }
    double startDelaySeconds(const TravelSubject& subject) const override;
    StartKind startKind(const TravelSubject& subject) const override;
    double movingSeconds(const TravelSubject& subject, const core::LatLon& from,
                         const core::LatLon& to, double greatCircleMeters) const override;
    double movingSecondsLowerBound(double greatCircleMeters) const override;
    double minStartDelaySeconds() const override { return m_minStartDelaySeconds; }
    TravelEstimate estimate(const TravelSubject& subject, const core::LatLon& from,
                            const core::LatLon& to) const override;

    // Driving time over the bands for a straight line this long, before any mountain penalty.
    double bandSeconds(double greatCircleMeters) const;
    // The zone with the largest factor that the segment touches; nullptr when none.
    const MountainZone* mountainZone(const core::LatLon& from, const core::LatLon& to) const;
    const GroundModelConfig& config() const { return m_config; }

private:
    struct ZoneBox {
        double minLat, maxLat, minLon, maxLon;
    };

    GroundModelConfig m_config;
    std::vector<ZoneBox> m_boxes;  // one per zone, for a quick reject
    double m_minStartDelaySeconds = 0.0;
};

}  // namespace flameblue::dispatch

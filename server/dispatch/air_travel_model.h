#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "dispatch/travel_model_config.h"
#include "dispatch/travel_time_model.h"

namespace flameblue::dispatch {

// Whether the fuel aboard allows the flight out, useful work and the flight home with reserve.
struct EnduranceCheck {
    bool known = false;  // false when the aircraft type has no endurance figure
    double enduranceSeconds = 0.0;
    double transitOutSeconds = 0.0;  // from where the aircraft is to the incident
    double returnSeconds = 0.0;      // from the incident to its base
    double reserveSeconds = 0.0;
    double workingSeconds = 0.0;  // endurance - out - return - reserve (negative: cannot)
    bool feasible = true;         // workingSeconds > 0, or endurance unknown
};

// Bucket work from the dip site nearest the fire (DOMAIN.md: one cycle is 2 x dip-site-to-fire
// distance / bucket speed + fill + drop + manoeuvring).
struct WaterDropPlan {
    core::Id dipSiteId;  // empty when no dip site is known
    std::string dipSiteNameZh;
    std::string dipSiteNameEn;
    double dipToFireMeters = 0.0;
    double bucketSpeedKmh = 0.0;
    double cycleSeconds = 0.0;
    double dropsPerHour = 0.0;
    std::optional<double> tonnesPerDrop;
    // From tasking: launch, fly to the dip site, fill, fly to the fire, drop.
    double firstDropSeconds = 0.0;
    std::optional<int> dropsWithinEndurance;  // full cycles that fit in the working time
};

struct AirSortie {
    EnduranceCheck endurance;
    std::optional<WaterDropPlan> waterDrop;  // for water-drop slots
};

// Launch delay by readiness + great-circle distance at cruise speed (bucket speed when rigged).
class AirTravelModel final : public TravelTimeModel {
public:
    // `aircraftTypes` sets the fastest speed for the lower bound.
    AirTravelModel(AirModelConfig config, double launchDelayHotMin, double launchDelayNormalMin,
                   const std::vector<data::AircraftType>& aircraftTypes);

    TravelMode mode() const override { return TravelMode::Air; }
    double startDelaySeconds(const TravelSubject& subject) const override;
    StartKind startKind(const TravelSubject& subject) const override;
    double movingSeconds(const TravelSubject& subject, const core::LatLon& from,
                         const core::LatLon& to, double greatCircleMeters) const override;
    double movingSecondsLowerBound(double greatCircleMeters) const override;
    double minStartDelaySeconds() const override { return m_minStartDelaySeconds; }
    TravelEstimate estimate(const TravelSubject& subject, const core::LatLon& from,
                            const core::LatLon& to) const override;

    // The speed the subject flies at, km/h (0 without a type).
    double speedKmh(const TravelSubject& subject) const;
    EnduranceCheck endurance(const TravelSubject& subject, double outMeters,
                             double returnMeters) const;
    // `dipSite` may be null (no known dip site: no cycle, only the endurance check).
    AirSortie sortie(const TravelSubject& subject, const core::LatLon& from,
                     const core::LatLon& fire, const core::LatLon& base,
                     const core::WaterSource* dipSite) const;
    const AirModelConfig& config() const { return m_config; }

private:
    AirModelConfig m_config;
    double m_launchHotSeconds = 0.0;
    double m_launchNormalSeconds = 0.0;
    double m_maxSpeedMps = 0.0;
    double m_minStartDelaySeconds = 0.0;
};

}  // namespace flameblue::dispatch

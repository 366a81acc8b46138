#include "dispatch/air_travel_model.h"

#include <algorithm>
#include <cmath>

namespace flameblue::dispatch {

namespace {
constexpr double kKmhToMps = 1000.0 / 3600.0;
constexpr double kSecondsPerMinute = 60.0;
constexpr double kSecondsPerHour = 3600.0;
}  // namespace

AirTravelModel::AirTravelModel(AirModelConfig config, double launchDelayHotMin,
                               double launchDelayNormalMin,
                               const std::vector<data::AircraftType>& aircraftTypes)
    : m_config(std::move(config)),
      m_launchHotSeconds(launchDelayHotMin * kSecondsPerMinute),
      m_launchNormalSeconds(launchDelayNormalMin * kSecondsPerMinute) {
    double maxKmh = 0.0;
    for (const auto& t : aircraftTypes) {
        maxKmh = std::max({maxKmh, t.cruiseKmh, t.bucketKmh.value_or(0.0)});
    }
    // Without any type no aircraft can be timed; any positive speed keeps the bound valid.
    m_maxSpeedMps = maxKmh > 0.0 ? maxKmh * kKmhToMps : 1.0;
    m_minStartDelaySeconds = std::min({m_launchHotSeconds, m_launchNormalSeconds,
                                       m_config.airborneLaunchDelayMinutes * kSecondsPerMinute});
}

double AirTravelModel::startDelaySeconds(const TravelSubject& subject) const {
    if (subject.airborne) {
        return m_config.airborneLaunchDelayMinutes * kSecondsPerMinute;
    }
    const std::string_view readiness =
        subject.readiness.empty() ? std::string_view(m_config.defaultReadiness) : subject.readiness;
    return readiness == data::kReadinessHotStandby ? m_launchHotSeconds : m_launchNormalSeconds;
}

StartKind AirTravelModel::startKind(const TravelSubject& subject) const {
    if (subject.airborne) {
        return StartKind::Airborne;
    }
    const std::string_view readiness =
        subject.readiness.empty() ? std::string_view(m_config.defaultReadiness) : subject.readiness;
    return readiness == data::kReadinessHotStandby ? StartKind::LaunchHotStandby
                                                   : StartKind::LaunchNormal;
}

double AirTravelModel::speedKmh(const TravelSubject& subject) const {
    const data::AircraftType* t = subject.aircraftType;
    if (t == nullptr) {
        return 0.0;
    }
    if (subject.bucketRigged && t->bucketKmh) {
        return *t->bucketKmh;
    }
    return t->cruiseKmh;
}

double AirTravelModel::movingSeconds(const TravelSubject& subject, const core::LatLon& /*from*/,
                                     const core::LatLon& /*to*/, double greatCircleMeters) const {
    const double kmh = speedKmh(subject);
    return kmh > 0.0 ? greatCircleMeters / (kmh * kKmhToMps)
                     : std::numeric_limits<double>::infinity();
}

double AirTravelModel::movingSecondsLowerBound(double greatCircleMeters) const {
    return greatCircleMeters / m_maxSpeedMps;
}

TravelEstimate AirTravelModel::estimate(const TravelSubject& subject, const core::LatLon& from,
                                        const core::LatLon& to) const {
    TravelEstimate e;
    e.mode = TravelMode::Air;
    e.start = startKind(subject);
    e.startDelaySeconds = startDelaySeconds(subject);
    e.greatCircleMeters = core::greatCircleMeters(from, to);
    e.routeMeters = e.greatCircleMeters;
    e.speedKmh = speedKmh(subject);
    const bool bucket = subject.bucketRigged && subject.aircraftType != nullptr &&
                        subject.aircraftType->bucketKmh.has_value();
    e.speedClass = bucket ? "bucket" : "cruise";
    e.travelSeconds = movingSeconds(subject, from, to, e.greatCircleMeters);
    e.totalSeconds = e.startDelaySeconds + e.travelSeconds;
    return e;
}

EnduranceCheck AirTravelModel::endurance(const TravelSubject& subject, double outMeters,
                                         double returnMeters) const {
    EnduranceCheck c;
    const data::AircraftType* t = subject.aircraftType;
    const double kmh = speedKmh(subject);
    if (t == nullptr || kmh <= 0.0) {
        c.feasible = false;
        return c;
    }
    c.transitOutSeconds = outMeters / (kmh * kKmhToMps);
    c.returnSeconds = returnMeters / (kmh * kKmhToMps);
    c.reserveSeconds = t->reserveMin * kSecondsPerMinute;
    if (!t->enduranceMin) {
        return c;
    }
    c.known = true;
    c.enduranceSeconds = *t->enduranceMin * kSecondsPerMinute;
    c.workingSeconds =
        c.enduranceSeconds - c.transitOutSeconds - c.returnSeconds - c.reserveSeconds;
    c.feasible = c.workingSeconds > 0.0;
    return c;
}

AirSortie AirTravelModel::sortie(const TravelSubject& subject, const core::LatLon& from,
                                 const core::LatLon& fire, const core::LatLon& base,
                                 const core::WaterSource* dipSite) const {
    AirSortie s;
    s.endurance = endurance(subject, core::greatCircleMeters(from, fire),
                            core::greatCircleMeters(fire, base));
    if (!subject.bucketRigged) {
        return s;
    }
    WaterDropPlan plan;
    plan.bucketSpeedKmh = speedKmh(subject);
    if (subject.aircraftType != nullptr) {
        plan.tonnesPerDrop = subject.aircraftType->waterTonnes;
    }
    const double mps = plan.bucketSpeedKmh * kKmhToMps;
    if (dipSite != nullptr && mps > 0.0) {
        plan.dipSiteId = dipSite->id;
        plan.dipSiteNameZh = dipSite->nameZh;
        plan.dipSiteNameEn = dipSite->nameEn;
        plan.dipToFireMeters = core::greatCircleMeters(dipSite->position, fire);
        plan.cycleSeconds = 2.0 * plan.dipToFireMeters / mps + m_config.dipSeconds +
                            m_config.dropSeconds + m_config.manoeuvreSeconds;
        plan.dropsPerHour = plan.cycleSeconds > 0.0 ? kSecondsPerHour / plan.cycleSeconds : 0.0;
        plan.firstDropSeconds =
            startDelaySeconds(subject) +
            (core::greatCircleMeters(from, dipSite->position) + plan.dipToFireMeters) / mps +
            m_config.dipSeconds + m_config.dropSeconds;
        if (s.endurance.known && plan.cycleSeconds > 0.0) {
            plan.dropsWithinEndurance =
                s.endurance.workingSeconds > 0.0
                    ? static_cast<int>(std::floor(s.endurance.workingSeconds / plan.cycleSeconds))
                    : 0;
        }
    }
    s.waterDrop = std::move(plan);
    return s;
}

}  // namespace flameblue::dispatch

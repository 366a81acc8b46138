#include "naive_recommender.h"

#include <algorithm>
#include <limits>
#include <set>

#include "core/geo.h"
#include "core/status_machine.h"

namespace flameblue::bench {

namespace {
constexpr double kMsPerSecond = 1000.0;
}

std::optional<double> naiveEtaSeconds(const dispatch::Recommender& recommender,
                                      const data::Dataset& dataset, const core::State& state,
                                      const core::Unit& unit, const dispatch::SlotSpec& slot,
                                      const core::LatLon& fire, core::TimeMs now) {
    const auto& cfg = recommender.config();
    const bool air = unit.spec.kind == core::UnitKind::Aircraft;
    const core::Station* home = state.station(unit.spec.stationId);
    const bool returning = unit.status == core::UnitStatus::Returning;
    // Where the unit starts from, as UnitIndex::place decides it.
    core::LatLon from;
    bool mobile = returning;
    const bool fresh =
        unit.lastFix &&
        static_cast<double>(now - unit.lastFix->fixTime) / kMsPerSecond <= cfg.staleFixSeconds;
    if (fresh) {
        from = unit.lastFix->position;
        if (air) {
            mobile =
                returning || unit.lastFix->speedKmh.value_or(0.0) >= cfg.air.airborneMinSpeedKmh;
        } else {
            mobile =
                returning || (home != nullptr && core::greatCircleMeters(from, home->position) >
                                                     cfg.ground.atStationRadiusMeters);
        }
    } else if (home != nullptr) {
        from = home->position;
    } else {
        return std::nullopt;
    }
    dispatch::TravelSubject subject;
    subject.kind = unit.spec.kind;
    subject.unitType = unit.spec.unitType;
    subject.stationClass = home != nullptr ? std::string_view(home->stationClass) : "";
    subject.mobile = mobile;
    subject.airborne = mobile && air;
    subject.bucketRigged = air && cfg.isWaterDropCapability(slot.capability);
    if (air) {
        subject.aircraftType = dataset.findAircraftType(unit.spec.aircraftType);
        if (subject.aircraftType == nullptr) {
            return std::nullopt;
        }
        const data::RosterUnit* roster = dataset.findUnit(unit.spec.id);
        subject.readiness = roster != nullptr ? std::string_view(roster->readiness) : "";
    }
    const dispatch::TravelTimeModel& model =
        air ? static_cast<const dispatch::TravelTimeModel&>(recommender.airModel())
            : recommender.groundModel();
    // The recommender's distance: great circle on the sphere, not the ellipsoid.
    const double meters = core::greatCircleMeters(from, fire);
    return model.startDelaySeconds(subject) + model.movingSeconds(subject, from, fire, meters);
}

std::vector<NaivePick> naiveRecommend(const dispatch::Recommender& recommender,
                                      const data::Dataset& dataset, const core::State& state,
                                      const dispatch::RecommendRequest& request) {
    const auto& cfg = recommender.config();
    const core::LatLon fire = *request.position;
    std::set<core::Id> used;
    std::vector<NaivePick> picks;
    for (const auto& slot : recommender.plans().slotsFor(request.type, request.level)) {
        const core::Id* best = nullptr;
        double bestSeconds = std::numeric_limits<double>::infinity();
        for (const auto& [id, u] : state.units()) {
            const auto& caps = u.spec.capabilities;
            const bool air = u.spec.kind == core::UnitKind::Aircraft;
            if (used.contains(id) || (slot.air && !air) ||
                std::find(caps.begin(), caps.end(), slot.capability) == caps.end() ||
                !core::canDispatchFrom(u.status) ||
                u.staffing < cfg.staffing.minFor(u.spec.unitType)) {
                continue;
            }
            const auto seconds =
                naiveEtaSeconds(recommender, dataset, state, u, slot, fire, request.now);
            if (seconds && *seconds < bestSeconds) {
                bestSeconds = *seconds;
                best = &id;
            }
        }
        if (best != nullptr) {
            used.insert(*best);
            picks.push_back({*best, bestSeconds});
        }
    }
    return picks;
}

}  // namespace flameblue::bench

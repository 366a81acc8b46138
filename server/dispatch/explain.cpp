#include "dispatch/explain.h"

#include <cmath>
#include <cstdio>

namespace flameblue::dispatch {

namespace {

constexpr double kSecondsPerMinute = 60.0;
constexpr double kSecondsPerHour = 3600.0;
constexpr double kMetersPerKm = 1000.0;
constexpr double kOneDecimalBelowKm = 10.0;

std::string printf1(const char* format, double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

const char* startLabel(StartKind k) {
    switch (k) {
        case StartKind::Turnout:
            return "turnout";
        case StartKind::MobileTurnout:
            return "turnout on the road";
        case StartKind::LaunchHotStandby:
            return "launch from hot standby";
        case StartKind::LaunchNormal:
            return "launch from normal readiness";
        case StartKind::Airborne:
            return "already airborne";
    }
    return "start";
}

std::string whereFrom(const CandidateUnit& c) {
    switch (c.positionSource) {
        case PositionSource::LastFix:
            return "at its last fix (" + formatDuration(c.fixAgeSeconds.value_or(0.0)) + " old)";
        case PositionSource::HomeStation:
            return "from " + c.stationId;
        case PositionSource::HomeStationStaleFix:
            return "assumed at " + c.stationId + " (last fix " +
                   formatDuration(c.fixAgeSeconds.value_or(0.0)) + " old, stale)";
    }
    return {};
}

std::string waterDropText(const WaterDropPlan& w) {
    if (w.dipSiteId.empty()) {
        return " No dip site is known, so no drop cycle.";
    }
    std::string out = " Dips at " + w.dipSiteId + " " + w.dipSiteNameZh + " (" +
                      formatDistance(w.dipToFireMeters) + " from the fire): a drop every " +
                      formatDuration(w.cycleSeconds) + ", " + printf1("%.1f", w.dropsPerHour) +
                      " drops/h, first drop after " + formatDuration(w.firstDropSeconds);
    if (w.dropsWithinEndurance) {
        out += ", " + std::to_string(*w.dropsWithinEndurance) + " drops within endurance";
    }
    return out + ".";
}

std::string enduranceText(const EnduranceCheck& e) {
    if (!e.known) {
        return " Endurance unknown for its type.";
    }
    return " Endurance allows " + formatDuration(std::max(0.0, e.workingSeconds)) +
           " over the scene (out " + formatDuration(e.transitOutSeconds) + ", back " +
           formatDuration(e.returnSeconds) + ", reserve " + formatDuration(e.reserveSeconds) + ").";
}

const char* aviationLabel(AviationReason r) {
    switch (r) {
        case AviationReason::None:
            return "";
        case AviationReason::PlanAsksForAir:
            return "the run card asks for aircraft";
        case AviationReason::IncidentTypeForcesAviation:
            return "aircraft always compete for this incident type";
        case AviationReason::GroundBeyondThreshold:
            return "the best ground arrival is beyond the aviation threshold";
    }
    return "";
}

std::string slotName(const SlotSpec& s) {
    return "slot " + std::to_string(s.index + 1) + " (" + s.capability + ")";
}

}  // namespace

std::string formatDuration(double seconds) {
    if (!std::isfinite(seconds)) {
        return "never";
    }
    const long total = std::lround(std::max(0.0, seconds));
    const long h = total / static_cast<long>(kSecondsPerHour);
    const long min =
        (total % static_cast<long>(kSecondsPerHour)) / static_cast<long>(kSecondsPerMinute);
    const long s = total % static_cast<long>(kSecondsPerMinute);
    char buf[48];
    if (h > 0) {
        std::snprintf(buf, sizeof buf, "%ld h %02ld min", h, min);
    } else if (min > 0 && s > 0) {
        std::snprintf(buf, sizeof buf, "%ld min %ld s", min, s);
    } else if (min > 0) {
        std::snprintf(buf, sizeof buf, "%ld min", min);
    } else {
        std::snprintf(buf, sizeof buf, "%ld s", s);
    }
    return buf;
}

std::string formatDistance(double meters) {
    if (meters < kMetersPerKm) {
        return printf1("%.0f m", meters);
    }
    const double km = meters / kMetersPerKm;
    return printf1(km < kOneDecimalBelowKm ? "%.1f km" : "%.0f km", km);
}

std::string describeEta(const CandidateUnit& c) {
    const TravelEstimate& e = c.eta;
    std::string out = formatDistance(e.greatCircleMeters);
    if (e.mode == TravelMode::Ground) {
        out += " (" + formatDistance(e.routeMeters) + " by road";
        for (const auto& leg : e.legs) {
            out += ", " + formatDistance(leg.roadMeters) + " " + leg.speedClass + " at " +
                   printf1("%.0f", leg.speedKmh) + " km/h";
        }
        if (!e.mountainZoneId.empty()) {
            out += ", x" + printf1("%.2f", e.mountainFactor) + " through " + e.mountainZoneId;
        }
        out += ")";
    } else {
        out += " flown at " + printf1("%.0f", e.speedKmh) + " km/h (" + e.speedClass + ")";
    }
    out += ": " + std::string(startLabel(e.start)) + " " + formatDuration(e.startDelaySeconds) +
           " + " + formatDuration(e.travelSeconds) + " = " + formatDuration(e.totalSeconds);
    return out;
}

std::string describePick(const SlotRecommendation& s, const PickExplanation& e,
                         const std::vector<SlotRecommendation>& all) {
    const CandidateUnit& c = *s.pick;
    std::string out = slotName(s.slot) + ": " + c.unitId + " (" + c.callsign + ") " + whereFrom(c) +
                      ", " + describeEta(c) + ".";
    if (c.airSubstitute) {
        out += " Aircraft with " + c.capabilityUsed + " standing in for " + s.slot.capability +
               " (" + aviationLabel(s.aviation) + ").";
    }
    if (e.fasterUnitId && e.fasterUnitSlotIndex) {
        const auto& other = all[static_cast<std::size_t>(*e.fasterUnitSlotIndex)].slot;
        out += " " + *e.fasterUnitId + " would arrive " +
               formatDuration(e.fasterUnitSecondsSooner.value_or(0.0)) +
               " sooner but is sent for " + slotName(other) + ".";
    }
    constexpr double kSameTimeSeconds = 0.5;
    if (e.nextAlternativeUnitId && e.marginSeconds.value_or(0.0) < kSameTimeSeconds) {
        out +=
            " " + *e.nextAlternativeUnitId + ", the next available, would arrive at the same time.";
    } else if (e.nextAlternativeUnitId) {
        out += " Arrives " + formatDuration(e.marginSeconds.value_or(0.0)) + " before " +
               *e.nextAlternativeUnitId + ", the next available.";
    } else {
        out += " No other free unit for this slot is within reach.";
    }
    if (e.late) {
        out += " Later than the run card's target of " +
               formatDuration(s.slot.maxArrivalSeconds.value_or(0.0)) + " by " +
               formatDuration(e.lateBySeconds) + ".";
    }
    if (c.air) {
        if (c.air->waterDrop) {
            out += waterDropText(*c.air->waterDrop);
        }
        out += enduranceText(c.air->endurance);
    }
    return out;
}

std::string describePartial(const CandidateUnit& c, Exclusion why, const IndexedUnit& u,
                            const TravelModelConfig& config) {
    const std::string eta = formatDuration(c.eta.totalSeconds);
    std::string who = c.unitId + " (" + c.callsign + ")";
    switch (why) {
        case Exclusion::BeyondCap: {
            const double capKm = c.kind == core::UnitKind::Aircraft ? config.air.maxDistanceKm
                                                                    : config.ground.maxDistanceKm;
            return "nearest beyond the " + printf1("%.0f", capKm) + " km cap: " + who + ", " +
                   formatDistance(c.eta.greatCircleMeters) + " away, would arrive in " + eta;
        }
        case Exclusion::BeyondEndurance:
            return who + " cannot fly out, work and return with its reserve (" +
                   formatDistance(c.eta.greatCircleMeters) + " away)";
        case Exclusion::Stale:
            return who + " has a stale fix (" + formatDuration(c.fixAgeSeconds.value_or(0.0)) +
                   " old); from its home station it would arrive in " + eta;
        case Exclusion::Understaffed:
            return who + " has " + std::to_string(u.staffing) + " aboard, needs " +
                   std::to_string(u.minStaffing) + "; would arrive in " + eta;
        case Exclusion::Committed:
            return who + " is " + core::toString(u.status) +
                   (u.incidentId.empty() ? std::string() : " for " + std::string(u.incidentId)) +
                   "; from where it is it would need " + eta;
        case Exclusion::OutOfService:
            return who + " is out of service";
        case Exclusion::NoPerformanceData:
            return who + ": its aircraft type has no performance figures";
        case Exclusion::None:
        case Exclusion::WrongKind:
        case Exclusion::OnIncident:
            break;
    }
    return who;
}

std::string describeShortfall(const SlotSpec& slot, const Shortfall& s, double capKm) {
    std::string reason;
    switch (s.reason) {
        case ShortfallReason::NoUnitWithCapability:
            reason = "no unit anywhere has " + slot.capability;
            break;
        case ShortfallReason::AllCommitted:
            reason = "all " + std::to_string(s.unitsWithCapability) +
                     " units with it are committed (" + std::to_string(s.committed) +
                     ") or out of service (" + std::to_string(s.outOfService) + ")";
            break;
        case ShortfallReason::AllStale:
            reason = "the free units with it can only be placed by stale fixes (" +
                     std::to_string(s.stale) + ")";
            break;
        case ShortfallReason::Understaffed:
            reason =
                "the free units with it are understaffed (" + std::to_string(s.understaffed) + ")";
            break;
        case ShortfallReason::BeyondDistanceCap:
            reason = "no free unit with it within the " + printf1("%.0f", capKm) + " km cap (" +
                     std::to_string(s.beyondCap) + " beyond)";
            break;
        case ShortfallReason::BeyondEndurance:
            reason = "no aircraft with it has the endurance for the round trip with reserve";
            break;
        case ShortfallReason::TakenByOtherSlots:
            reason = "every free unit with it (" + std::to_string(s.takenByOtherSlots) +
                     ") is needed for other slots of this plan";
            break;
    }
    std::string out = "No unit for " + slotName(slot) + ": " + reason + ".";
    if (!s.bestPartialNote.empty()) {
        out += " Closest: " + s.bestPartialNote + ".";
    }
    return out;
}

std::string describeMoveUp(const MoveUp& m) {
    return "Move up " + m.unitId + " (" + m.callsign + ") from " + m.fromStationId + " to " +
           m.toStationId + ": " + formatDistance(m.eta.greatCircleMeters) + ", " +
           formatDuration(m.eta.totalSeconds) + ".";
}

std::string describeGap(const CoverageGap& g, double circleSeconds) {
    std::string out = g.stationId + " " + g.stationNameZh + " would have no unit within " +
                      formatDuration(circleSeconds) + " (now covered by";
    for (const auto& id : g.lostCoverUnitIds) {
        out += " " + id;
    }
    out += ").";
    if (g.moveUp) {
        out += " " + g.moveUp->text;
    } else if (g.coveredByMoveUpOfUnitId) {
        out += " Covered by the move-up of " + *g.coveredByMoveUpOfUnitId + ".";
    } else {
        out += " No unit can move up without opening another gap.";
    }
    return out;
}

const char* toString(PositionSource s) {
    switch (s) {
        case PositionSource::LastFix:
            return "last_fix";
        case PositionSource::HomeStation:
            return "home_station";
        case PositionSource::HomeStationStaleFix:
            return "home_station_stale_fix";
    }
    return "unknown";
}

const char* toString(AviationReason r) {
    switch (r) {
        case AviationReason::None:
            return "none";
        case AviationReason::PlanAsksForAir:
            return "plan_asks_for_air";
        case AviationReason::IncidentTypeForcesAviation:
            return "incident_type_forces_aviation";
        case AviationReason::GroundBeyondThreshold:
            return "ground_beyond_threshold";
    }
    return "unknown";
}

const char* toString(ShortfallReason r) {
    switch (r) {
        case ShortfallReason::NoUnitWithCapability:
            return "no_unit_with_capability";
        case ShortfallReason::AllCommitted:
            return "all_committed";
        case ShortfallReason::AllStale:
            return "all_stale";
        case ShortfallReason::Understaffed:
            return "understaffed";
        case ShortfallReason::BeyondDistanceCap:
            return "beyond_distance_cap";
        case ShortfallReason::BeyondEndurance:
            return "beyond_endurance";
        case ShortfallReason::TakenByOtherSlots:
            return "taken_by_other_slots";
    }
    return "unknown";
}

const char* toString(StartKind k) {
    switch (k) {
        case StartKind::Turnout:
            return "turnout";
        case StartKind::MobileTurnout:
            return "mobile_turnout";
        case StartKind::LaunchHotStandby:
            return "launch_hot_standby";
        case StartKind::LaunchNormal:
            return "launch_normal";
        case StartKind::Airborne:
            return "airborne";
    }
    return "unknown";
}

}  // namespace flameblue::dispatch

#include "dispatch/candidate_search.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "dispatch/explain.h"

namespace flameblue::dispatch {

namespace {

constexpr double kMetersPerKm = 1000.0;
constexpr double kSecondsPerMinute = 60.0;

TravelSubject subjectFor(const IndexedUnit& u, const Placement& p, bool bucket) {
    TravelSubject s;
    s.kind = u.kind;
    s.unitType = u.unitType;
    s.stationClass = u.stationClass;
    s.mobile = p.mobile;
    s.aircraftType = u.aircraftType;
    s.readiness = u.readiness;
    s.airborne = p.mobile && u.isAircraft();
    s.bucketRigged = bucket && u.isAircraft();
    return s;
}

Exclusion fromState(UnitState s) {
    switch (s) {
        case UnitState::Usable:
            return Exclusion::None;
        case UnitState::OutOfService:
            return Exclusion::OutOfService;
        case UnitState::Committed:
            return Exclusion::Committed;
        case UnitState::Understaffed:
            return Exclusion::Understaffed;
        case UnitState::NoPosition:
            return Exclusion::Stale;
        case UnitState::NoPerformanceData:
            return Exclusion::NoPerformanceData;
        case UnitState::Removed:  // in no grid and no list: never evaluated
            return Exclusion::OutOfService;
    }
    return Exclusion::None;
}

}  // namespace

bool faster(const UnitIndex& index, const Evaluation& a, const Evaluation& b) {
    if (a.etaSeconds != b.etaSeconds) {
        return a.etaSeconds < b.etaSeconds;
    }
    // Equally fast: send the unit with fewer other capabilities and keep the specialist free;
    // then the lower id, so that the answer does not depend on how the index was filled.
    const IndexedUnit& ua = index.unit(a.unit);
    const IndexedUnit& ub = index.unit(b.unit);
    const std::size_t ca = ua.capabilities.size();
    const std::size_t cb = ub.capabilities.size();
    return ca != cb ? ca < cb : ua.id < ub.id;
}

namespace {

// The k fastest usable units qualifying by `q`, walking the capability's grid outwards until
// nothing further away can beat the k-th.
std::vector<Evaluation> search(const RequestContext& ctx, const Qualifier& q, std::size_t k) {
    std::vector<Evaluation> best;
    const UnitIndex::CapabilityUnits* c = ctx.index.capability(q.capability);
    if (c == nullptr || k == 0) {
        return best;
    }
    const bool ground = c->usableGround > 0 && !q.aircraftOnly;
    const bool air = c->usableAircraft > 0;
    if (!ground && !air) {
        return best;
    }
    const double capMeters = std::max(ground ? ctx.config.ground.maxDistanceKm : 0.0,
                                      air ? ctx.config.air.maxDistanceKm : 0.0) *
                             kMetersPerKm;
    const double groundStart = ctx.ground.minStartDelaySeconds();
    const double airStart = ctx.air.minStartDelaySeconds();
    const auto lowerBound = [&](double meters) {
        double lb = std::numeric_limits<double>::infinity();
        if (ground) {
            lb = groundStart + ctx.ground.movingSecondsLowerBound(meters);
        }
        if (air) {
            lb = std::min(lb, airStart + ctx.air.movingSecondsLowerBound(meters));
        }
        return lb;
    };
    const auto before = [&ctx](const Evaluation& a, const Evaluation& b) {
        return faster(ctx.index, a, b);
    };
    best.reserve(k + 1);
    c->usable.walk(
        ctx.target,
        [&](double ringMeters) {
            return ringMeters > capMeters ||
                   (best.size() >= k && lowerBound(ringMeters) > best.front().etaSeconds);
        },
        [&](const SpatialGrid::Entry& entry) {
            if (!ctx.isPlacement(entry)) {
                return;
            }
            Evaluation e = evaluate(ctx, entry.id, q);
            if (e.exclusion != Exclusion::None) {
                return;
            }
            if (best.size() >= k && !before(e, best.front())) {
                return;
            }
            best.push_back(e);
            std::push_heap(best.begin(), best.end(), before);
            if (best.size() > k) {
                std::pop_heap(best.begin(), best.end(), before);
                best.pop_back();
            }
        });
    std::sort(best.begin(), best.end(), before);
    return best;
}

}  // namespace

Placement RequestContext::place(const IndexedUnit& u) const {
    return index.place(u, now, config.staleFixSeconds, config.ground.atStationRadiusMeters,
                       config.air.airborneMinSpeedKmh);
}

bool RequestContext::isPlacement(const SpatialGrid::Entry& e) const {
    return index.isPlacement(e, now, config.staleFixSeconds);
}

bool RequestContext::isOnIncident(std::uint32_t unit) const {
    return std::binary_search(onIncident.begin(), onIncident.end(), unit);
}

double etaSeconds(const RequestContext& ctx, const IndexedUnit& u, const Placement& p,
                  const core::LatLon& to, double greatCircleMeters, bool bucket) {
    if (u.isAircraft() && u.aircraftType == nullptr) {
        return std::numeric_limits<double>::infinity();
    }
    const TravelSubject subject = subjectFor(u, p, bucket);
    const TravelTimeModel& model =
        u.isAircraft() ? static_cast<const TravelTimeModel&>(ctx.air) : ctx.ground;
    return (p.mobile ? u.mobileStartDelaySeconds : u.startDelaySeconds) +
           model.movingSeconds(subject, p.position, to, greatCircleMeters);
}

TravelEstimate estimateTo(const RequestContext& ctx, const IndexedUnit& u, const Placement& p,
                          const core::LatLon& to, bool bucket) {
    const TravelSubject subject = subjectFor(u, p, bucket);
    return u.isAircraft() ? ctx.air.estimate(subject, p.position, to)
                          : ctx.ground.estimate(subject, p.position, to);
}

Evaluation evaluate(const RequestContext& ctx, std::uint32_t unit, const Qualifier& q) {
    const IndexedUnit& u = ctx.index.unit(unit);
    Evaluation e;
    e.unit = unit;
    e.qualifier = q;
    if (q.aircraftOnly && !u.isAircraft()) {
        e.exclusion = Exclusion::WrongKind;
        return e;
    }
    if (ctx.isOnIncident(unit)) {
        e.exclusion = Exclusion::OnIncident;
        return e;
    }
    e.exclusion = fromState(u.state);
    e.placement = ctx.place(u);
    if (!e.placement.known) {
        // Nowhere to time it from says more than a missing performance table.
        if (e.exclusion == Exclusion::None || e.exclusion == Exclusion::NoPerformanceData) {
            e.exclusion = Exclusion::Stale;
        }
        return e;
    }
    e.greatCircleMeters = core::greatCircleMeters(e.placement.position, ctx.target);
    e.etaSeconds = etaSeconds(ctx, u, e.placement, ctx.target, e.greatCircleMeters, q.bucket);
    if (e.exclusion != Exclusion::None || !std::isfinite(e.etaSeconds)) {
        return e;
    }
    const double capMeters =
        (u.isAircraft() ? ctx.config.air.maxDistanceKm : ctx.config.ground.maxDistanceKm) *
        kMetersPerKm;
    if (e.greatCircleMeters > capMeters) {
        e.exclusion = Exclusion::BeyondCap;
        e.staleMattered = e.placement.source == PositionSource::HomeStationStaleFix &&
                          core::greatCircleMeters(u.lastFix->position, ctx.target) <= capMeters;
        return e;
    }
    if (u.isAircraft()) {
        const double back =
            core::greatCircleMeters(ctx.target, u.home.value_or(e.placement.position));
        if (!ctx.air.endurance(subjectFor(u, e.placement, q.bucket), e.greatCircleMeters, back)
                 .feasible) {
            e.exclusion = Exclusion::BeyondEndurance;
        }
    }
    return e;
}

SlotCandidates findCandidates(const RequestContext& ctx, const SlotSpec& slot,
                              std::string_view incidentType, std::size_t k) {
    SlotCandidates out;
    out.primary = {slot.capability, slot.air, ctx.config.isWaterDropCapability(slot.capability),
                   false};
    out.ranked = search(ctx, out.primary, k);
    if (slot.air) {
        out.aviation = AviationReason::PlanAsksForAir;
        return out;
    }
    for (const auto& e : out.ranked) {
        if (!ctx.index.unit(e.unit).isAircraft()) {
            out.bestGroundSeconds = e.etaSeconds;
            break;
        }
    }
    const std::string_view equivalent = ctx.config.aviation.airEquivalent(slot.capability);
    if (equivalent.empty()) {
        return out;
    }
    if (ctx.config.aviation.forces(incidentType)) {
        out.aviation = AviationReason::IncidentTypeForcesAviation;
    } else if (!out.bestGroundSeconds ||
               *out.bestGroundSeconds > ctx.config.aviation.thresholdMinutes * kSecondsPerMinute) {
        out.aviation = AviationReason::GroundBeyondThreshold;
    } else {
        return out;
    }
    out.airEquivalent =
        Qualifier{equivalent, true, ctx.config.isWaterDropCapability(equivalent), true};
    std::vector<Evaluation> air = search(ctx, *out.airEquivalent, k);
    // A unit found both ways (an aircraft that also has the ground capability) counts once.
    for (auto& e : air) {
        const bool seen = std::any_of(out.ranked.begin(), out.ranked.end(),
                                      [&](const Evaluation& r) { return r.unit == e.unit; });
        if (!seen) {
            out.ranked.push_back(e);
        }
    }
    std::sort(out.ranked.begin(), out.ranked.end(),
              [&ctx](const Evaluation& a, const Evaluation& b) { return faster(ctx.index, a, b); });
    if (out.ranked.size() > k) {
        out.ranked.resize(k);
    }
    return out;
}

CandidateUnit describeCandidate(const RequestContext& ctx, const Evaluation& e) {
    const IndexedUnit& u = ctx.index.unit(e.unit);
    CandidateUnit c;
    c.unitId = std::string(u.id);
    c.callsign = std::string(u.callsign);
    c.nameZh = std::string(u.nameZh);
    c.nameEn = std::string(u.nameEn);
    c.kind = u.kind;
    c.unitType = std::string(u.unitType);
    c.stationId = std::string(u.stationId);
    c.status = u.status;
    c.staffing = u.staffing;
    c.from = e.placement.position;
    c.positionSource = e.placement.source;
    c.fixAgeSeconds = e.placement.fixAgeSeconds;
    c.capabilityUsed = std::string(e.qualifier.capability);
    c.airSubstitute = e.qualifier.substitute;
    c.eta = estimateTo(ctx, u, e.placement, ctx.target, e.qualifier.bucket);
    if (u.isAircraft()) {
        c.air = ctx.air.sortie(subjectFor(u, e.placement, e.qualifier.bucket), c.from, ctx.target,
                               u.home.value_or(c.from), e.qualifier.bucket ? ctx.dipSite : nullptr);
    }
    return c;
}

namespace {

// Why units were not sendable, in the order that decides a shortfall's reason: the first class
// that is not empty holds the units closest to being sendable.
enum Class : std::uint8_t {
    Taken,
    BeyondCap,
    BeyondEndurance,
    Stale,
    Understaffed,
    Committed,
    OutOfService,
    NoData,
    kClasses
};

// kClasses: not counted (a ground unit for an air slot, a unit already on the incident).
Class classOf(const Evaluation& e) {
    switch (e.exclusion) {
        case Exclusion::WrongKind:
        case Exclusion::OnIncident:
            return kClasses;
        case Exclusion::None:
            // Usable yet left over while the slot stays unfilled: the assignment fills every
            // slot it can, so another slot needs it.
            return Taken;
        case Exclusion::BeyondCap:
            return e.staleMattered ? Stale : BeyondCap;
        case Exclusion::BeyondEndurance:
            return BeyondEndurance;
        case Exclusion::Stale:
            return Stale;
        case Exclusion::Understaffed:
            return Understaffed;
        case Exclusion::Committed:
            return Committed;
        case Exclusion::OutOfService:
            return OutOfService;
        case Exclusion::NoPerformanceData:
            return NoData;
    }
    return kClasses;
}

struct Tally {
    std::array<int, kClasses> counts{};
    std::array<std::optional<Evaluation>, kClasses> best;  // the soonest unit of each class
    int total = 0;

    void add(const UnitIndex& index, const Evaluation& e, Class cls) {
        ++total;
        ++counts[cls];
        if (cls != Taken && (!best[cls] || faster(index, e, *best[cls]))) {
            best[cls] = e;
        }
    }

    ShortfallReason reason() const {
        if (total == 0) {
            return ShortfallReason::NoUnitWithCapability;
        }
        constexpr std::array<std::pair<Class, ShortfallReason>, 5> kOrder{{
            {Taken, ShortfallReason::TakenByOtherSlots},
            {BeyondCap, ShortfallReason::BeyondDistanceCap},
            {BeyondEndurance, ShortfallReason::BeyondEndurance},
            {Stale, ShortfallReason::AllStale},
            {Understaffed, ShortfallReason::Understaffed},
        }};
        for (const auto& [cls, reason] : kOrder) {
            if (counts[cls] > 0) {
                return reason;
            }
        }
        return ShortfallReason::AllCommitted;
    }
};

}  // namespace

Shortfall diagnoseShortfall(const RequestContext& ctx, const SlotSpec& slot,
                            const SlotCandidates& candidates) {
    Tally tally;
    std::vector<bool> seen(ctx.index.units().size(), false);
    std::vector<Qualifier> qualifiers{candidates.primary};
    if (candidates.airEquivalent) {
        qualifiers.push_back(*candidates.airEquivalent);
    }
    for (const Qualifier& q : qualifiers) {
        const UnitIndex::CapabilityUnits* c = ctx.index.capability(q.capability);
        for (const std::uint32_t unit : c != nullptr ? c->all : std::vector<std::uint32_t>{}) {
            if (seen[unit]) {
                continue;
            }
            const Evaluation e = evaluate(ctx, unit, q);
            const Class cls = classOf(e);
            if (cls != kClasses) {
                seen[unit] = true;
                tally.add(ctx.index, e, cls);
            }
        }
    }
    Shortfall s;
    s.reason = tally.reason();
    s.unitsWithCapability = tally.total;
    s.takenByOtherSlots = tally.counts[Taken];
    s.beyondCap = tally.counts[BeyondCap];
    s.beyondEndurance = tally.counts[BeyondEndurance];
    s.stale = tally.counts[Stale];
    s.understaffed = tally.counts[Understaffed];
    s.committed = tally.counts[Committed];
    s.outOfService = tally.counts[OutOfService];
    s.noPerformanceData = tally.counts[NoData];
    for (int cls = BeyondCap; cls < kClasses; ++cls) {
        const auto& best = tally.best[cls];
        if (best && std::isfinite(best->etaSeconds)) {
            s.bestPartial = describeCandidate(ctx, *best);
            const Exclusion why = best->staleMattered ? Exclusion::Stale : best->exclusion;
            s.bestPartialNote =
                describePartial(*s.bestPartial, why, ctx.index.unit(best->unit), ctx.config);
            break;
        }
    }
    const double capKm = slot.air ? ctx.config.air.maxDistanceKm : ctx.config.ground.maxDistanceKm;
    s.text = describeShortfall(slot, s, capKm);
    return s;
}

}  // namespace flameblue::dispatch

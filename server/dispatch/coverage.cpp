#include "dispatch/coverage.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>

#include "dispatch/explain.h"

namespace flameblue::dispatch {

namespace {

constexpr double kMetersPerKm = 1000.0;

// A first-due area is covered by ground units only: an aircraft does not stand in for an engine
// in quarters.
class CoverageModel {
public:
    CoverageModel(const RequestContext& ctx, const std::vector<std::uint32_t>& picked)
        : m_ctx(ctx),
          m_circle(ctx.config.coverage.circleSeconds),
          m_units(ctx.index.capability(ctx.config.coverage.capability)),
          m_picked(picked) {
        std::sort(m_picked.begin(), m_picked.end());
    }

    bool active() const { return m_units != nullptr; }

    // Stations that unit `u` placed at `p` covers.
    std::vector<std::uint32_t> stationsCoveredBy(std::uint32_t u, const Placement& p) const {
        std::vector<std::uint32_t> out;
        const IndexedUnit& unit = m_ctx.index.unit(u);
        m_ctx.index.coverageStations().walk(
            p.position, [&](double ring) { return lowerBound(ring) > m_circle; },
            [&](const SpatialGrid::Entry& s) {
                if (reaches(unit, p, m_ctx.index.stations()[s.id].position)) {
                    out.push_back(s.id);
                }
            });
        std::sort(out.begin(), out.end());
        return out;
    }

    // Usable ground units with the capability that reach station `s` within the circle now, by
    // unit id.
    const std::vector<std::uint32_t>& coverers(std::uint32_t s) {
        const auto found = m_coverers.try_emplace(s);
        std::vector<std::uint32_t>& out = found.first->second;
        if (!found.second) {
            return out;
        }
        const core::LatLon& at = m_ctx.index.stations()[s].position;
        m_units->usable.walk(
            at, [&](double ring) { return lowerBound(ring) > m_circle; },
            [&](const SpatialGrid::Entry& e) {
                const IndexedUnit& unit = m_ctx.index.unit(e.id);
                if (unit.isAircraft() || !m_ctx.isPlacement(e) || m_ctx.isOnIncident(e.id)) {
                    return;
                }
                const Placement p = m_ctx.place(unit);
                if (p.known && reaches(unit, p, at)) {
                    out.push_back(e.id);
                }
            });
        std::sort(out.begin(), out.end(), [this](std::uint32_t a, std::uint32_t b) {
            return m_ctx.index.unit(a).id < m_ctx.index.unit(b).id;
        });
        return out;
    }

    bool isPicked(std::uint32_t u) const {
        return std::binary_search(m_picked.begin(), m_picked.end(), u);
    }

    bool reaches(const IndexedUnit& u, const Placement& p, const core::LatLon& to) const {
        return etaSeconds(m_ctx, u, p, to, core::greatCircleMeters(p.position, to)) <= m_circle;
    }

    double lowerBound(double meters) const {
        return m_ctx.ground.minStartDelaySeconds() + m_ctx.ground.movingSecondsLowerBound(meters);
    }

    // The fastest free ground units to reach `to`, fastest first (equally fast: fewer
    // capabilities first, so a plain engine moves before a specialist; then the lower id).
    using Ranked = std::tuple<double, std::size_t, std::string_view, std::uint32_t>;
    std::vector<Ranked> nearest(const core::LatLon& to, const std::set<std::uint32_t>& moved,
                                std::size_t k) const {
        std::vector<Ranked> best;
        const double capMeters = m_ctx.config.ground.maxDistanceKm * kMetersPerKm;
        m_units->usable.walk(
            to,
            [&](double ring) {
                return ring > capMeters ||
                       (best.size() >= k && lowerBound(ring) > std::get<0>(best.front()));
            },
            [&](const SpatialGrid::Entry& e) {
                const IndexedUnit& unit = m_ctx.index.unit(e.id);
                if (unit.isAircraft() || !m_ctx.isPlacement(e) || isPicked(e.id) ||
                    moved.contains(e.id) || m_ctx.isOnIncident(e.id)) {
                    return;
                }
                const Placement p = m_ctx.place(unit);
                if (!p.known) {
                    return;
                }
                const double gc = core::greatCircleMeters(p.position, to);
                if (gc > capMeters) {
                    return;
                }
                best.emplace_back(etaSeconds(m_ctx, unit, p, to, gc), unit.capabilities.size(),
                                  unit.id, e.id);
                std::push_heap(best.begin(), best.end());
                if (best.size() > k) {
                    std::pop_heap(best.begin(), best.end());
                    best.pop_back();
                }
            });
        std::sort(best.begin(), best.end());
        return best;
    }

    const RequestContext& ctx() const { return m_ctx; }

private:
    const RequestContext& m_ctx;
    double m_circle;
    const UnitIndex::CapabilityUnits* m_units;
    std::vector<std::uint32_t> m_picked;
    std::map<std::uint32_t, std::vector<std::uint32_t>> m_coverers;
};

Placement inQuarters(const core::LatLon& at) {
    Placement p;
    p.position = at;
    p.source = PositionSource::HomeStation;
    return p;
}

// Moving `candidate` to station `to` must leave every station it covers now covered: by a unit
// that stays, by a unit already moved up, or by the candidate from its new place.
bool opensGap(CoverageModel& m, std::uint32_t candidate, std::uint32_t to,
              const std::vector<std::pair<std::uint32_t, std::uint32_t>>& moves,
              const std::set<std::uint32_t>& moved) {
    const RequestContext& ctx = m.ctx();
    const IndexedUnit& unit = ctx.index.unit(candidate);
    const auto& stations = ctx.index.stations();
    for (const std::uint32_t s : m.stationsCoveredBy(candidate, ctx.place(unit))) {
        if (s == to) {
            continue;
        }
        const auto& cov = m.coverers(s);
        const bool stays = std::any_of(cov.begin(), cov.end(), [&](std::uint32_t u) {
            return u != candidate && !m.isPicked(u) && !moved.contains(u);
        });
        if (stays) {
            continue;
        }
        const bool byMove = std::any_of(moves.begin(), moves.end(), [&](const auto& mv) {
            return m.reaches(ctx.index.unit(mv.first), inQuarters(stations[mv.second].position),
                             stations[s].position);
        });
        if (!byMove && !m.reaches(unit, inQuarters(stations[to].position), stations[s].position)) {
            return true;
        }
    }
    return false;
}

// Stations that some picked unit covers now, by station id.
std::vector<std::uint32_t> affectedStations(const RequestContext& ctx, const CoverageModel& m,
                                            const std::vector<std::uint32_t>& picked) {
    std::set<std::uint32_t> affected;
    for (const std::uint32_t u : picked) {
        const IndexedUnit& unit = ctx.index.unit(u);
        if (unit.isAircraft() || !unit.hasCapability(ctx.config.coverage.capability)) {
            continue;
        }
        const Placement p = ctx.place(unit);
        if (p.known) {
            const auto covered = m.stationsCoveredBy(u, p);
            affected.insert(covered.begin(), covered.end());
        }
    }
    std::vector<std::uint32_t> byId(affected.begin(), affected.end());
    const auto& stations = ctx.index.stations();
    std::sort(byId.begin(), byId.end(), [&stations](std::uint32_t a, std::uint32_t b) {
        return stations[a].id < stations[b].id;
    });
    return byId;
}

// The soonest free unit that can hold station `s` without opening another gap; recorded in
// `moves` and `moved` when found.
std::optional<MoveUp> proposeMoveUp(const RequestContext& ctx, CoverageModel& m, std::uint32_t s,
                                    std::vector<std::pair<std::uint32_t, std::uint32_t>>& moves,
                                    std::set<std::uint32_t>& moved) {
    const IndexedStation& st = ctx.index.stations()[s];
    const auto candidates = m.nearest(
        st.position, moved, static_cast<std::size_t>(ctx.config.coverage.moveUpCandidates));
    for (const auto& [seconds, caps, id, u] : candidates) {
        const IndexedUnit& unit = ctx.index.unit(u);
        if (!m.reaches(unit, inQuarters(st.position), st.position) ||
            opensGap(m, u, s, moves, moved)) {
            continue;
        }
        MoveUp up;
        up.unitId = std::string(unit.id);
        up.callsign = std::string(unit.callsign);
        up.fromStationId = std::string(unit.stationId);
        up.toStationId = st.id;
        up.eta = estimateTo(ctx, unit, ctx.place(unit), st.position);
        up.text = describeMoveUp(up);
        moves.emplace_back(u, s);
        moved.insert(u);
        return up;
    }
    return std::nullopt;
}

}  // namespace

CoverageImpact assessCoverage(const RequestContext& ctx, const std::vector<std::uint32_t>& picked) {
    CoverageImpact impact;
    impact.computed = true;
    impact.capability = ctx.config.coverage.capability;
    impact.circleSeconds = ctx.config.coverage.circleSeconds;
    CoverageModel m(ctx, picked);
    if (!m.active()) {
        return impact;
    }
    const auto& stations = ctx.index.stations();
    const std::vector<std::uint32_t> affected = affectedStations(ctx, m, picked);
    impact.stationsAffected = static_cast<int>(affected.size());

    std::vector<std::pair<std::uint32_t, std::uint32_t>> moves;  // unit -> station
    std::set<std::uint32_t> moved;
    for (const std::uint32_t s : affected) {
        const auto& cov = m.coverers(s);
        if (std::any_of(cov.begin(), cov.end(), [&](std::uint32_t u) { return !m.isPicked(u); })) {
            continue;
        }
        const IndexedStation& st = stations[s];
        CoverageGap gap;
        gap.stationId = st.id;
        gap.stationNameZh = st.nameZh;
        gap.stationNameEn = st.nameEn;
        gap.stationClass = st.stationClass;
        gap.position = st.position;
        for (const std::uint32_t u : cov) {
            gap.lostCoverUnitIds.emplace_back(ctx.index.unit(u).id);
        }
        for (const auto& [u, to] : moves) {
            if (m.reaches(ctx.index.unit(u), inQuarters(stations[to].position), st.position)) {
                gap.coveredByMoveUpOfUnitId = std::string(ctx.index.unit(u).id);
                break;
            }
        }
        if (!gap.coveredByMoveUpOfUnitId) {
            gap.moveUp = proposeMoveUp(ctx, m, s, moves, moved);
        }
        gap.text = describeGap(gap, impact.circleSeconds);
        impact.gaps.push_back(std::move(gap));
    }
    return impact;
}

}  // namespace flameblue::dispatch

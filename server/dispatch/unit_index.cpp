#include "dispatch/unit_index.h"

#include <algorithm>
#include <limits>

#include "core/status_machine.h"
#include "dispatch/air_travel_model.h"
#include "dispatch/ground_travel_model.h"
#include "dispatch/travel_model_config.h"
#include "dispatch/travel_time_model.h"

namespace flameblue::dispatch {

namespace {

constexpr double kMsPerSecond = 1000.0;

UnitState unitStateOf(const core::Unit& u, int minStaffing) {
    if (u.status == core::UnitStatus::OutOfService) {
        return UnitState::OutOfService;
    }
    if (!core::canDispatchFrom(u.status)) {
        return UnitState::Committed;
    }
    if (u.staffing < minStaffing) {
        return UnitState::Understaffed;
    }
    return UnitState::Usable;
}

TravelSubject subjectAtRest(const IndexedUnit& u, bool mobile) {
    TravelSubject s;
    s.kind = u.kind;
    s.unitType = u.unitType;
    s.stationClass = u.stationClass;
    s.mobile = mobile;
    s.aircraftType = u.aircraftType;
    s.readiness = u.readiness;
    s.airborne = mobile;
    return s;
}

}  // namespace

bool IndexedUnit::hasCapability(std::string_view capability) const {
    return std::find(capabilities.begin(), capabilities.end(), capability) != capabilities.end();
}

// Fills a fresh index from a state, one part at a time.
class IndexBuilder {
public:
    IndexBuilder(UnitIndex& ix, const core::State& state, core::TimeMs now,
                 const IndexContext& context)
        : m_ix(ix), m_state(state), m_now(now), m_context(context) {}

    void stations() {
        m_ix.m_stations.reserve(m_state.stations().size());
        std::vector<SpatialGrid::Entry> coverage;
        for (const auto& [id, st] : m_state.stations()) {
            const auto i = static_cast<std::uint32_t>(m_ix.m_stations.size());
            m_ix.m_stations.push_back(
                {st.id, st.nameZh, st.nameEn, st.stationClass, st.city, st.position});
            m_ix.m_stationById.emplace(id, i);
            if (m_context.config.coverage.covers(st.stationClass)) {
                coverage.push_back({st.position, i});
            }
        }
        m_ix.m_coverageStations = SpatialGrid(std::move(coverage));
        for (const auto& [id, ws] : m_state.waterSources()) {
            // A dip site whose level telemetry is below its minimum is out of service.
            if (ws.dipSite && !m_state.iot().outOfService(id)) {
                m_ix.m_dipSites.push_back(ws);
            }
        }
    }

    void units() {
        reserveText();
        m_ix.m_units.reserve(m_state.units().size());
        m_ix.m_unitById.reserve(m_state.units().size());
        // Units sorted by id mostly come station by station: remember the last station.
        const core::Station* home = nullptr;
        for (const auto& [id, unit] : m_state.units()) {
            if (home == nullptr || home->id != unit.spec.stationId) {
                home = m_state.station(unit.spec.stationId);
            }
            const auto i = static_cast<std::uint32_t>(m_ix.m_units.size());
            IndexedUnit u = copy(unit, home);
            const Placement where = judge(u, unit);
            for (const std::string_view cap : u.capabilities) {
                addToCapability(cap, u, i, where);
            }
            m_ix.m_unitById.emplace(u.id, i);
            m_ix.m_units.push_back(u);
        }
        for (std::size_t c = 0; c < m_usable.size(); ++c) {
            m_ix.m_capabilities[c].usable = SpatialGrid(std::move(m_usable[c]));
        }
    }

private:
    // Views point into buffers that are sized here and never grow afterwards.
    void reserveText() {
        std::size_t bytes = 0;
        std::size_t capabilities = 0;
        for (const auto& [id, unit] : m_state.units()) {
            const core::UnitSpec& spec = unit.spec;
            bytes += spec.id.size() + spec.callsign.size() + spec.nameZh.size() +
                     spec.nameEn.size() + spec.unitType.size() + spec.stationId.size() +
                     unit.incidentId.size();
            for (const auto& cap : spec.capabilities) {
                bytes += cap.size();
            }
            capabilities += spec.capabilities.size();
        }
        m_ix.m_text.reserve(bytes);
        m_ix.m_capabilityText.reserve(capabilities);
    }

    std::string_view keep(const std::string& text) {
        const std::size_t at = m_ix.m_text.size();
        m_ix.m_text.append(text);
        return std::string_view(m_ix.m_text).substr(at, text.size());
    }

    IndexedUnit copy(const core::Unit& unit, const core::Station* home) {
        const core::UnitSpec& spec = unit.spec;
        IndexedUnit u;
        u.id = keep(spec.id);
        u.callsign = keep(spec.callsign);
        u.nameZh = keep(spec.nameZh);
        u.nameEn = keep(spec.nameEn);
        u.kind = spec.kind;
        u.unitType = keep(spec.unitType);
        u.stationId = keep(spec.stationId);
        const std::size_t first = m_ix.m_capabilityText.size();
        for (const auto& cap : spec.capabilities) {
            m_ix.m_capabilityText.push_back(keep(cap));
        }
        u.capabilities = std::span<const std::string_view>(m_ix.m_capabilityText)
                             .subspan(first, spec.capabilities.size());
        u.status = unit.status;
        u.staffing = unit.staffing;
        u.minStaffing = m_context.config.staffing.minFor(spec.unitType);
        u.incidentId = keep(unit.incidentId);
        u.lastFix = unit.lastFix;
        if (home != nullptr) {
            u.home = home->position;
            u.stationClass = m_ix.m_stations[m_ix.m_stationById.at(home->id)].stationClass;
        }
        const TravelTimeModel& model =
            u.isAircraft() ? static_cast<const TravelTimeModel&>(m_context.air) : m_context.ground;
        if (u.isAircraft()) {
            u.aircraftType = m_context.aircraftType(spec.aircraftType);
            u.readiness = m_context.readinessOf(spec.id);
        }
        u.startDelaySeconds = model.startDelaySeconds(subjectAtRest(u, false));
        u.mobileStartDelaySeconds = model.startDelaySeconds(subjectAtRest(u, true));
        return u;
    }

    // Sets u.state and returns where the unit stands at build time.
    Placement judge(IndexedUnit& u, const core::Unit& unit) const {
        const TravelModelConfig& config = m_context.config;
        u.state = unitStateOf(unit, u.minStaffing);
        const Placement where =
            m_ix.place(u, m_now, config.staleFixSeconds, config.ground.atStationRadiusMeters,
                       config.air.airborneMinSpeedKmh);
        if (u.state == UnitState::Usable && !where.known) {
            u.state = UnitState::NoPosition;
        }
        // An aircraft without performance data cannot be timed, so it is never proposed.
        if (u.state == UnitState::Usable && u.isAircraft() && u.aircraftType == nullptr) {
            u.state = UnitState::NoPerformanceData;
        }
        return where;
    }

    void addToCapability(std::string_view cap, const IndexedUnit& u, std::uint32_t i,
                         const Placement& where) {
        const auto [it, added] = m_capabilityIndex.try_emplace(
            cap, static_cast<std::uint32_t>(m_ix.m_capabilities.size()));
        if (added) {
            m_ix.m_capabilities.emplace_back();
            m_usable.emplace_back();
            m_ix.m_capabilityByName.emplace(cap, it->second);
        }
        UnitIndex::CapabilityUnits& c = m_ix.m_capabilities[it->second];
        c.all.push_back(i);
        if (u.state == UnitState::Usable) {
            m_usable[it->second].push_back({where.position, i});
            (u.isAircraft() ? c.hasAircraft : c.hasGround) = true;
        }
    }

    UnitIndex& m_ix;
    const core::State& m_state;
    core::TimeMs m_now;
    const IndexContext& m_context;
    std::unordered_map<std::string_view, std::uint32_t> m_capabilityIndex;
    std::vector<std::vector<SpatialGrid::Entry>> m_usable;
};

std::shared_ptr<const UnitIndex> UnitIndex::build(const core::State& state, core::TimeMs now,
                                                  const IndexContext& context) {
    auto index = std::make_shared<UnitIndex>();
    index->m_stateSeq = state.lastSeq();
    index->m_builtAt = now;
    IndexBuilder builder(*index, state, now, context);
    builder.stations();
    builder.units();
    return index;
}

std::optional<std::uint32_t> UnitIndex::find(std::string_view unitId) const {
    const auto it = m_unitById.find(unitId);
    return it == m_unitById.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
}

const UnitIndex::CapabilityUnits* UnitIndex::capability(std::string_view capability) const {
    const auto it = m_capabilityByName.find(capability);
    return it == m_capabilityByName.end() ? nullptr : &m_capabilities[it->second];
}

std::optional<std::uint32_t> UnitIndex::findStation(std::string_view stationId) const {
    const auto it = m_stationById.find(std::string(stationId));
    return it == m_stationById.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
}

const core::WaterSource* UnitIndex::nearestDipSite(const core::LatLon& p) const {
    const core::WaterSource* best = nullptr;
    double bestMeters = std::numeric_limits<double>::max();
    for (const auto& ws : m_dipSites) {
        const double d = core::greatCircleMeters(p, ws.position);
        if (d < bestMeters) {
            bestMeters = d;
            best = &ws;
        }
    }
    return best;
}

Placement UnitIndex::place(const IndexedUnit& u, core::TimeMs now, double staleFixSeconds,
                           double atStationRadiusMeters, double airborneMinSpeedKmh) const {
    Placement p;
    const bool returning = u.status == core::UnitStatus::Returning;
    if (u.lastFix) {
        const double age = static_cast<double>(now - u.lastFix->fixTime) / kMsPerSecond;
        p.fixAgeSeconds = std::max(0.0, age);
        if (age <= staleFixSeconds) {
            p.position = u.lastFix->position;
            p.source = PositionSource::LastFix;
            if (u.isAircraft()) {
                p.mobile = returning || u.lastFix->speedKmh.value_or(0.0) >= airborneMinSpeedKmh;
            } else {
                p.mobile = returning || (u.home && core::greatCircleMeters(p.position, *u.home) >
                                                       atStationRadiusMeters);
            }
            return p;
        }
    }
    p.source = u.lastFix ? PositionSource::HomeStationStaleFix : PositionSource::HomeStation;
    p.mobile = returning;
    if (u.home) {
        p.position = *u.home;
    } else {
        p.known = false;
    }
    return p;
}

}  // namespace flameblue::dispatch

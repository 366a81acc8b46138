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
    IndexBuilder(UnitIndex& ix, const core::State& state) : m_ix(ix), m_state(state) {}

    void stations() {
        m_ix.m_stations.reserve(m_state.stations().size());
        std::vector<SpatialGrid::Entry> coverage;
        for (const auto& [id, st] : m_state.stations()) {
            const auto i = static_cast<std::uint32_t>(m_ix.m_stations.size());
            m_ix.m_stations.push_back(
                {st.id, st.nameZh, st.nameEn, st.stationClass, st.city, st.position, false});
            m_ix.m_stationById.emplace(id, i);
            if (m_ix.m_context->config.coverage.covers(st.stationClass)) {
                coverage.push_back({st.position, i, 0});
            }
        }
        m_ix.m_coverageStations = SpatialGrid(std::move(coverage));
        m_ix.refreshDipSites(m_state);
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
            m_ix.m_units.push_back(copyUnit(m_ix, unit, home));
            judge(m_ix.m_units.back());
            m_ix.m_unitById.emplace(m_ix.m_units.back().id, i);
            for (const std::string_view cap : m_ix.m_units.back().capabilities) {
                addToCapability(cap, i);
            }
        }
        for (std::size_t c = 0; c < m_usable.size(); ++c) {
            m_ix.m_capabilities[c].usable = SpatialGrid(std::move(m_usable[c]));
        }
    }

    // A copy of `unit` whose text lives in the index; `home` is its station, if known.
    static IndexedUnit copyUnit(UnitIndex& ix, const core::Unit& unit, const core::Station* home) {
        const IndexContext& context = *ix.m_context;
        const core::UnitSpec& spec = unit.spec;
        IndexedUnit u;
        u.id = ix.keep(spec.id);
        u.callsign = ix.keep(spec.callsign);
        u.nameZh = ix.keep(spec.nameZh);
        u.nameEn = ix.keep(spec.nameEn);
        u.kind = spec.kind;
        u.unitType = ix.keep(spec.unitType);
        u.stationId = ix.keep(spec.stationId);
        const std::span<std::string_view> caps = ix.m_capabilityText.take(spec.capabilities.size());
        for (std::size_t c = 0; c < caps.size(); ++c) {
            caps[c] = ix.keep(spec.capabilities[c]);
        }
        u.capabilities = caps;
        u.minStaffing = context.config.staffing.minFor(spec.unitType);
        if (home != nullptr) {
            u.home = home->position;
            u.stationClass = ix.keep(home->stationClass);
        }
        const TravelTimeModel& model =
            u.isAircraft() ? static_cast<const TravelTimeModel&>(context.air) : context.ground;
        if (u.isAircraft()) {
            u.aircraftType = context.aircraftType(spec.aircraftType);
            u.readiness = context.readinessOf(spec.id);
        }
        u.startDelaySeconds = model.startDelaySeconds(subjectAtRest(u, false));
        u.mobileStartDelaySeconds = model.startDelaySeconds(subjectAtRest(u, true));
        copyStatus(u, unit);
        return u;
    }

    // What changes with status reports, dispatches and fixes.
    static void copyStatus(IndexedUnit& u, const core::Unit& unit) {
        u.status = unit.status;
        u.staffing = unit.staffing;
        u.incidentId = unit.incidentId;
        u.lastFix = unit.lastFix;
    }

    // Sets u.state: why the unit cannot be sent, whatever the time.
    static void judge(IndexedUnit& u) {
        if (u.status == core::UnitStatus::OutOfService) {
            u.state = UnitState::OutOfService;
        } else if (!core::canDispatchFrom(u.status)) {
            u.state = UnitState::Committed;
        } else if (u.staffing < u.minStaffing) {
            u.state = UnitState::Understaffed;
        } else if (!u.home && !u.lastFix) {
            u.state = UnitState::NoPosition;
        } else if (u.isAircraft() && u.aircraftType == nullptr) {
            // An aircraft without performance data cannot be timed, so it is never proposed.
            u.state = UnitState::NoPerformanceData;
        } else {
            u.state = UnitState::Usable;
        }
    }

    // Whether the copy in the index is still right for this spec and home station.
    static bool sameRoster(const UnitIndex& ix, const IndexedUnit& u, const core::UnitSpec& spec,
                           const core::Station* home) {
        const bool sameHome = home == nullptr ? !u.home
                                              : u.home && *u.home == home->position &&
                                                    u.stationClass == home->stationClass;
        const bool sameText = u.id == spec.id && u.callsign == spec.callsign &&
                              u.nameZh == spec.nameZh && u.nameEn == spec.nameEn &&
                              u.kind == spec.kind && u.unitType == spec.unitType &&
                              u.stationId == spec.stationId;
        return sameHome && sameText &&
               std::equal(u.capabilities.begin(), u.capabilities.end(), spec.capabilities.begin(),
                          spec.capabilities.end()) &&
               (!u.isAircraft() || u.aircraftType == ix.m_context->aircraftType(spec.aircraftType));
    }

private:
    // Sizes the first pieces of text storage for the whole roster.
    void reserveText() {
        std::size_t bytes = 0;
        std::size_t capabilities = 0;
        for (const auto& [id, unit] : m_state.units()) {
            const core::UnitSpec& spec = unit.spec;
            bytes += spec.id.size() + spec.callsign.size() + spec.nameZh.size() +
                     spec.nameEn.size() + spec.unitType.size() + spec.stationId.size();
            for (const auto& cap : spec.capabilities) {
                bytes += cap.size();
            }
            capabilities += spec.capabilities.size();
        }
        for (const auto& [id, st] : m_state.stations()) {
            bytes += st.stationClass.size() * 4;  // a few units per station
        }
        m_ix.m_text.reserve(bytes);
        m_ix.m_capabilityText.reserve(capabilities);
    }

    void addToCapability(std::string_view cap, std::uint32_t i) {
        const IndexedUnit& u = m_ix.m_units[i];
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
            if (u.home) {
                m_usable[it->second].push_back({*u.home, i, UnitIndex::kAtHome});
            }
            if (u.lastFix) {
                m_usable[it->second].push_back({u.lastFix->position, i, UnitIndex::kAtFix});
            }
            ++(u.isAircraft() ? c.usableAircraft : c.usableGround);
        }
    }

    UnitIndex& m_ix;
    const core::State& m_state;
    std::unordered_map<std::string_view, std::uint32_t> m_capabilityIndex;
    std::vector<std::vector<SpatialGrid::Entry>> m_usable;
};

std::shared_ptr<UnitIndex> UnitIndex::build(const core::State& state, core::TimeMs now,
                                            const IndexContext& context) {
    auto index = std::make_shared<UnitIndex>();
    index->m_context.emplace(context);
    index->m_stateSeq = state.lastSeq();
    index->m_builtAt = now;
    IndexBuilder builder(*index, state);
    builder.stations();
    builder.units();
    return index;
}

std::string_view UnitIndex::keep(std::string_view text) {
    const std::span<char> to = m_text.take(text.size());
    std::copy(text.begin(), text.end(), to.begin());
    return {to.data(), to.size()};
}

void UnitIndex::follow(const core::Event& event, const core::State& after,
                       const core::Affected& affected) {
    m_stateSeq = after.lastSeq();
    const bool roster = std::holds_alternative<core::UnitUpserted>(event.payload) ||
                        std::holds_alternative<core::EntityRemoved>(event.payload);
    for (const core::Id& id : affected.stations) {
        refreshStation(id, after);
    }
    for (const core::Id& id : affected.units) {
        refreshUnit(id, after, roster);
    }
    bool waterSources = !affected.waterSources.empty();
    for (const core::EntityRemoved& r : affected.removed) {
        switch (r.kind) {
            case core::EntityKind::Unit:
                refreshUnit(r.id, after, true);
                break;
            case core::EntityKind::Station:
                refreshStation(r.id, after);
                break;
            case core::EntityKind::WaterSource:
                waterSources = true;
                break;
            case core::EntityKind::Incident:
                break;
        }
    }
    if (waterSources) {
        refreshDipSites(after);
    }
}

void UnitIndex::refreshUnit(const core::Id& id, const core::State& after, bool roster) {
    const core::Unit* unit = after.unit(id);
    const auto found = m_unitById.find(id);
    if (found == m_unitById.end()) {
        if (unit == nullptr) {
            return;
        }
        const auto i = static_cast<std::uint32_t>(m_units.size());
        m_units.push_back(
            IndexBuilder::copyUnit(*this, *unit, after.station(unit->spec.stationId)));
        IndexBuilder::judge(m_units.back());
        m_unitById.emplace(m_units.back().id, i);
        joinCapabilities(i);
        placeUnit(i);
        return;
    }
    const std::uint32_t i = found->second;
    unplaceUnit(i);
    if (unit == nullptr) {
        leaveCapabilities(i);
        m_unitById.erase(found);
        IndexedUnit& u = m_units[i];
        u.state = UnitState::Removed;
        u.capabilities = {};
        return;
    }
    const core::Station* home = roster ? after.station(unit->spec.stationId) : nullptr;
    if (roster && !IndexBuilder::sameRoster(*this, m_units[i], unit->spec, home)) {
        // The spec or the home station changed: copy the unit afresh into its slot.
        leaveCapabilities(i);
        m_unitById.erase(found);
        m_units[i] = IndexBuilder::copyUnit(*this, *unit, home);
        m_unitById.emplace(m_units[i].id, i);
        joinCapabilities(i);
    } else {
        IndexBuilder::copyStatus(m_units[i], *unit);
    }
    IndexBuilder::judge(m_units[i]);
    placeUnit(i);
}

void UnitIndex::refreshStation(const core::Id& id, const core::State& after) {
    const core::Station* st = after.station(id);
    const auto found = m_stationById.find(id);
    std::uint32_t i = 0;
    bool unitsChange = true;
    if (found != m_stationById.end()) {
        i = found->second;
        IndexedStation& old = m_stations[i];
        unitsChange =
            st == nullptr || old.position != st->position || old.stationClass != st->stationClass;
        if (m_context->config.coverage.covers(old.stationClass)) {
            m_coverageStations.remove(old.position, i, 0);
        }
        if (st == nullptr) {
            old.removed = true;
            m_stationById.erase(found);
        } else {
            old = {st->id, st->nameZh, st->nameEn, st->stationClass, st->city, st->position, false};
        }
    } else if (st != nullptr) {
        i = static_cast<std::uint32_t>(m_stations.size());
        m_stations.push_back(
            {st->id, st->nameZh, st->nameEn, st->stationClass, st->city, st->position, false});
        m_stationById.emplace(id, i);
    }
    if (st != nullptr && m_context->config.coverage.covers(st->stationClass)) {
        m_coverageStations.insert({st->position, i, 0});
    }
    if (!unitsChange) {
        return;
    }
    // Its units start from here (position, class and so start delays): copy them afresh.
    std::vector<core::Id> based;
    for (const IndexedUnit& u : m_units) {
        if (u.state != UnitState::Removed && u.stationId == id) {
            based.emplace_back(u.id);
        }
    }
    for (const core::Id& unitId : based) {
        refreshUnit(unitId, after, true);
    }
}

void UnitIndex::refreshDipSites(const core::State& after) {
    m_dipSites.clear();
    for (const auto& [id, ws] : after.waterSources()) {
        // A dip site whose level telemetry is below its minimum is out of service.
        if (ws.dipSite && !after.iot().outOfService(id)) {
            m_dipSites.push_back(ws);
        }
    }
}

void UnitIndex::placeUnit(std::uint32_t i) {
    const IndexedUnit& u = m_units[i];
    if (u.state != UnitState::Usable) {
        return;
    }
    for (const std::string_view cap : u.capabilities) {
        CapabilityUnits& c = m_capabilities[m_capabilityByName.find(cap)->second];
        if (u.home) {
            c.usable.insert({*u.home, i, kAtHome});
        }
        if (u.lastFix) {
            c.usable.insert({u.lastFix->position, i, kAtFix});
        }
        ++(u.isAircraft() ? c.usableAircraft : c.usableGround);
    }
}

void UnitIndex::unplaceUnit(std::uint32_t i) {
    const IndexedUnit& u = m_units[i];
    if (u.state != UnitState::Usable) {
        return;
    }
    for (const std::string_view cap : u.capabilities) {
        CapabilityUnits& c = m_capabilities[m_capabilityByName.find(cap)->second];
        if (u.home) {
            c.usable.remove(*u.home, i, kAtHome);
        }
        if (u.lastFix) {
            c.usable.remove(u.lastFix->position, i, kAtFix);
        }
        --(u.isAircraft() ? c.usableAircraft : c.usableGround);
    }
}

void UnitIndex::joinCapabilities(std::uint32_t i) {
    for (const std::string_view cap : m_units[i].capabilities) {
        auto it = m_capabilityByName.find(cap);
        if (it == m_capabilityByName.end()) {
            it = m_capabilityByName
                     .emplace(std::string(cap), static_cast<std::uint32_t>(m_capabilities.size()))
                     .first;
            m_capabilities.emplace_back();
        }
        std::vector<std::uint32_t>& all = m_capabilities[it->second].all;
        all.insert(std::upper_bound(all.begin(), all.end(), i), i);
    }
}

void UnitIndex::leaveCapabilities(std::uint32_t i) {
    for (const std::string_view cap : m_units[i].capabilities) {
        std::vector<std::uint32_t>& all = m_capabilities[m_capabilityByName.find(cap)->second].all;
        const auto it = std::lower_bound(all.begin(), all.end(), i);
        if (it != all.end() && *it == i) {
            all.erase(it);
        }
    }
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

bool UnitIndex::isPlacement(const SpatialGrid::Entry& e, core::TimeMs now,
                            double staleFixSeconds) const {
    const IndexedUnit& u = m_units[e.id];
    const bool freshFix =
        u.lastFix &&
        static_cast<double>(now - u.lastFix->fixTime) / kMsPerSecond <= staleFixSeconds;
    return freshFix == (e.tag == kAtFix);
}

}  // namespace flameblue::dispatch

#include "app/roster_sync.h"

#include <memory>
#include <unordered_set>

#include "core/status_machine.h"

namespace flameblue::app {

std::vector<core::EventPayload> rosterChanges(const data::Dataset& dataset,
                                              const core::State& state) {
    std::vector<core::EventPayload> out;
    std::unordered_set<core::Id> stations, units, water;
    for (const core::Station& s : dataset.stations) {
        stations.insert(s.id);
        const core::Station* have = state.station(s.id);
        if (!have || !(*have == s))
            out.emplace_back(core::StationUpserted{s});
    }
    for (const data::RosterUnit& u : dataset.units) {
        units.insert(u.spec.id);
        const core::Unit* have = state.unit(u.spec.id);
        if (!have || !(have->spec == u.spec)) {
            out.emplace_back(core::UnitUpserted{u.spec, u.staffing});
        }
    }
    for (const core::WaterSource& w : dataset.waterSources) {
        water.insert(w.id);
        const core::WaterSource* have = state.waterSource(w.id);
        if (!have || !(*have == w))
            out.emplace_back(core::WaterSourceUpserted{w});
    }
    for (const auto& [id, unit] : state.units()) {
        if (!units.contains(id) && !core::isCommitted(unit.status)) {
            out.emplace_back(core::EntityRemoved{core::EntityKind::Unit, id});
        }
    }
    for (const auto& [id, st] : state.stations()) {
        if (!stations.contains(id)) {
            out.emplace_back(core::EntityRemoved{core::EntityKind::Station, id});
        }
    }
    for (const auto& [id, w] : state.waterSources()) {
        if (!water.contains(id)) {
            out.emplace_back(core::EntityRemoved{core::EntityKind::WaterSource, id});
        }
    }
    return out;
}

core::Reference referenceFrom(const data::Dataset& dataset) {
    core::Reference ref;
    for (const auto& t : dataset.incidentTypes)
        ref.incidentTypes.insert(t.id);
    for (const auto& c : dataset.cities)
        ref.citySeats.push_back({c.id, c.seat});
    if (!dataset.serviceArea.empty())
        ref.serviceArea = std::make_shared<const core::ServiceArea>(dataset.serviceArea);
    return ref;
}

}  // namespace flameblue::app

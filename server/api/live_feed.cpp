#include "api/live_feed.h"

#include <algorithm>

#include "api/aviation_mapping.h"
#include "api/iot_mapping.h"

namespace flameblue::api {

namespace {

void addCity(std::vector<std::string>& cities, const std::string& city) {
    if (!city.empty() && std::find(cities.begin(), cities.end(), city) == cities.end())
        cities.push_back(city);
}

std::vector<std::string> citiesOf(const core::Event& e, const core::State& after,
                                  const core::Affected& a) {
    std::vector<std::string> cities;
    for (const core::Id& id : a.units) {
        const core::Unit* u = after.unit(id);
        if (u && u->spec.kind == core::UnitKind::Aircraft)
            return {};  // province-wide
        if (u) {
            for (const std::string& c : citiesOfUnit(after, *u))
                addCity(cities, c);
        }
    }
    for (const core::Id& id : a.incidents) {
        if (const core::Incident* i = after.incident(id))
            addCity(cities, i->city);
    }
    if (const auto* s = std::get_if<core::StationUpserted>(&e.payload))
        addCity(cities, s->station.city);
    if (const auto* w = std::get_if<core::WaterSourceUpserted>(&e.payload))
        addCity(cities, w->source.city);
    for (const core::Id& id : a.waterSources) {
        if (const core::WaterSource* w = after.waterSource(id))
            addCity(cities, w->city);
    }
    for (const core::Id& id : a.alarmDrafts) {
        auto it = after.iot().drafts.find(id);
        if (it != after.iot().drafts.end())
            addCity(cities, it->second.building.city);
    }
    // Both cities of a mutual-aid request see it.
    for (const core::Id& id : a.mutualAid) {
        auto it = after.mutualAid().find(id);
        if (it != after.mutualAid().end()) {
            addCity(cities, it->second.requestingCity);
            addCity(cities, it->second.owningCity);
        }
    }
    return cities;
}

}  // namespace

bool CityFilter::accepts(const std::vector<std::string>& cities) const {
    if (m_cities.empty() || cities.empty())
        return true;
    return std::any_of(cities.begin(), cities.end(),
                       [this](const std::string& c) { return m_cities.contains(c); });
}

std::vector<std::string> citiesOfUnit(const core::State& state, const core::Unit& unit) {
    std::vector<std::string> cities;
    if (unit.spec.kind == core::UnitKind::Aircraft)
        return cities;
    if (const core::Station* st = state.station(unit.spec.stationId))
        addCity(cities, st->city);
    if (!unit.incidentId.empty()) {
        if (const core::Incident* i = state.incident(unit.incidentId))
            addCity(cities, i->city);
    }
    return cities;
}

std::vector<std::string> citiesOfIncident(const core::State& state,
                                          const core::Incident& incident) {
    std::vector<std::string> cities;
    addCity(cities, incident.city);
    for (const core::Assignment& a : incident.assignments) {
        if (!a.active())
            continue;
        const core::Unit* u = state.unit(a.unitId);
        if (u && u->spec.kind != core::UnitKind::Aircraft) {
            if (const core::Station* st = state.station(u->spec.stationId))
                addCity(cities, st->city);
        }
    }
    return cities;
}

LiveItemPtr makeEventItem(const core::Event& event, const core::State& after,
                          const core::Affected& affected, const FixContext& fix) {
    auto item = std::make_shared<LiveItem>();
    pb::Event message;
    toProto(event, after, affected, fix, &message);
    message.SerializeToString(&item->event);
    item->seq = event.seq;
    item->cities = citiesOf(event, after, affected);
    item->position = core::isPositionFix(event.payload);
    return item;
}

LivePublisher::LivePublisher(LiveFanOut& fanout, core::TimeMs staleAfterMs, session::Clock clock)
    : m_fanout(fanout), m_staleAfterMs(staleAfterMs), m_clock(std::move(clock)) {}

void LivePublisher::stage(const core::Event& event, const core::State& after,
                          const core::Affected& affected) {
    LiveFanOut::Published p;
    if (const auto* reset = std::get_if<core::DrillStateReset>(&event.payload)) {
        auto item = std::make_shared<LiveItem>();
        item->seq = event.seq;
        item->resync = reset->reason.empty() ? "reset" : reset->reason;
        p.item = std::move(item);
        m_staged.push_back(std::move(p));
        return;
    }
    FixContext fix{m_clock(), m_staleAfterMs, 0};
    p.item = makeEventItem(event, after, affected, fix);
    if (p.item->position) {
        p.conflationKey = std::get<core::PositionReported>(event.payload).unitId;
    }
    m_staged.push_back(std::move(p));
}

void LivePublisher::commit() {
    m_fanout.publish(m_staged);
    m_staged.clear();
}

std::vector<LiveItemPtr> makeSnapshot(const core::State& state,
                                      const session::Session::LastHeard& lastHeard,
                                      const std::string& sessionId, const FixContext& fix,
                                      const std::string& reason, std::size_t chunkEntities,
                                      const CityFilter& filter) {
    std::vector<LiveItemPtr> out;
    auto wanted = [&](const std::vector<std::string>& cities) { return filter.accepts(cities); };
    auto wantedCity = [&](const std::string& city) {
        return city.empty() || filter.accepts({city});
    };
    auto begin = std::make_shared<LiveItem>();
    pb::SnapshotBegin* b = begin->message.mutable_snapshot_begin();
    b->set_session_id(sessionId);
    b->set_seq(state.lastSeq());
    b->set_reason(reason);
    std::uint32_t stations = 0, units = 0, aircraft = 0, incidents = 0, waterSources = 0;
    for (const auto& [id, st] : state.stations()) {
        if (wantedCity(st.city))
            ++stations;
    }
    for (const auto& [id, u] : state.units()) {
        if (wanted(citiesOfUnit(state, u)))
            (u.spec.kind == core::UnitKind::Aircraft ? aircraft : units)++;
    }
    for (const auto& [id, w] : state.waterSources()) {
        if (wantedCity(w.city))
            ++waterSources;
    }
    for (const auto& [id, i] : state.incidents()) {
        if (wanted(citiesOfIncident(state, i)))
            ++incidents;
    }
    b->set_stations(stations);
    b->set_units(units);
    b->set_aircraft(aircraft);
    b->set_incidents(incidents);
    b->set_water_sources(waterSources);
    out.push_back(begin);

    std::shared_ptr<LiveItem> chunk;
    std::size_t inChunk = 0;
    auto next = [&]() -> pb::SnapshotChunk* {
        if (!chunk || inChunk >= chunkEntities) {
            chunk = std::make_shared<LiveItem>();
            out.push_back(chunk);
            inChunk = 0;
        }
        ++inChunk;
        return chunk->message.mutable_snapshot_chunk();
    };
    for (const auto& [id, s] : state.stations()) {
        if (wantedCity(s.city))
            toProto(s, next()->add_stations());
    }
    for (const auto& [id, u] : state.units()) {
        if (!wanted(citiesOfUnit(state, u)))
            continue;
        FixContext f = fix;
        if (auto it = lastHeard.find(id); it != lastHeard.end())
            f.lastHeard = it->second;
        if (u.spec.kind == core::UnitKind::Aircraft) {
            pb::Aircraft* a = next()->add_aircraft();
            toProto(u, f, a);
            addMission(state, id, a);
        } else {
            toProto(u, f, next()->add_units());
        }
    }
    for (const auto& [id, w] : state.waterSources()) {
        if (wantedCity(w.city)) {
            pb::WaterSource* ws = next()->add_water_sources();
            toProto(w, ws);
            addTelemetry(state, id, fix.now, ws);
        }
    }
    for (const auto& [id, i] : state.incidents()) {
        if (wanted(citiesOfIncident(state, i)))
            toProto(i, next()->add_incidents());
    }
    for (const auto& [id, a] : state.aviation().alerts) {
        if (alertOfInterest(a))
            toProto(a, next()->add_alerts());
    }
    for (const auto& [id, d] : state.iot().drafts) {
        if (wantedCity(d.building.city))
            toProto(d, next()->add_alarm_drafts());
    }
    for (const auto& [id, f] : state.iot().faults)
        toProto(f, true, next()->add_panel_faults());

    auto end = std::make_shared<LiveItem>();
    end->message.mutable_snapshot_end()->set_seq(state.lastSeq());
    out.push_back(end);
    return out;
}

core::Result<std::vector<LiveItemPtr>> catchUp(const store::EventStore& store,
                                               std::uint64_t afterSeq, std::uint64_t upToSeq,
                                               const FixContext& fix) {
    if (afterSeq + 1 < store.firstSeq()) {
        return core::notFound("events after " + std::to_string(afterSeq) + " are gone");
    }
    auto base = store.loadSnapshotAtOrBefore(afterSeq);
    if (!base) {
        return base.error();
    }
    core::State state = base->value_or(core::State{});
    std::vector<LiveItemPtr> items;
    bool reset = false;
    core::Status scanned = store.scan(state.lastSeq(), upToSeq, [&](const core::Event& e) {
        if (std::holds_alternative<core::DrillStateReset>(e.payload)) {
            reset = true;  // the state was replaced here: only a snapshot can follow it
            return false;
        }
        if (e.seq <= afterSeq) {
            state.apply(e);
            return true;
        }
        const core::Affected affected = core::affectedBy(state, e.payload);
        state.apply(e);
        items.push_back(makeEventItem(e, state, affected, fix));
        return true;
    });
    if (!scanned) {
        return scanned.error();
    }
    if (reset) {
        return core::failedPrecondition("the session's state was reset after seq " +
                                        std::to_string(afterSeq));
    }
    if (state.lastSeq() != upToSeq) {
        return core::notFound("events up to " + std::to_string(upToSeq) + " are not all stored");
    }
    return items;
}

}  // namespace flameblue::api

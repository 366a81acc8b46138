#include "api/live_feed.h"

#include "api/aviation_mapping.h"

namespace flameblue::api {

namespace {

std::string cityOfUnit(const core::State& s, const core::Unit& u) {
    if (u.spec.kind == core::UnitKind::Aircraft) {
        return {};  // aircraft cross city borders; every console sees them
    }
    const core::Station* st = s.station(u.spec.stationId);
    return st ? st->city : std::string();
}

std::string cityOf(const core::Event& e, const core::State& after, const core::Affected& a) {
    if (!a.incidents.empty()) {
        if (const auto* i = after.incident(a.incidents.front()))
            return i->city;
    }
    if (!a.units.empty()) {
        if (const auto* u = after.unit(a.units.front()))
            return cityOfUnit(after, *u);
    }
    if (const auto* s = std::get_if<core::StationUpserted>(&e.payload))
        return s->station.city;
    if (const auto* w = std::get_if<core::WaterSourceUpserted>(&e.payload))
        return w->source.city;
    return {};
}

}  // namespace

LiveItemPtr makeEventItem(const core::Event& event, const core::State& after,
                          const core::Affected& affected, const FixContext& fix) {
    auto item = std::make_shared<LiveItem>();
    toProto(event, after, affected, fix, item->message.mutable_event());
    item->seq = event.seq;
    item->city = cityOf(event, after, affected);
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

void LivePublisher::abort() {
    m_staged.clear();
}

std::vector<LiveItemPtr> makeSnapshot(const core::State& state,
                                      const session::Session::LastHeard& lastHeard,
                                      const std::string& sessionId, const FixContext& fix,
                                      const std::string& reason, std::size_t chunkEntities) {
    std::vector<LiveItemPtr> out;
    auto begin = std::make_shared<LiveItem>();
    pb::SnapshotBegin* b = begin->message.mutable_snapshot_begin();
    b->set_session_id(sessionId);
    b->set_seq(state.lastSeq());
    b->set_reason(reason);
    std::uint32_t units = 0, aircraft = 0;
    for (const auto& [id, u] : state.units()) {
        (u.spec.kind == core::UnitKind::Aircraft ? aircraft : units)++;
    }
    b->set_stations(static_cast<std::uint32_t>(state.stations().size()));
    b->set_units(units);
    b->set_aircraft(aircraft);
    b->set_incidents(static_cast<std::uint32_t>(state.incidents().size()));
    b->set_water_sources(static_cast<std::uint32_t>(state.waterSources().size()));
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
    for (const auto& [id, s] : state.stations())
        toProto(s, next()->add_stations());
    for (const auto& [id, u] : state.units()) {
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
    for (const auto& [id, w] : state.waterSources())
        toProto(w, next()->add_water_sources());
    for (const auto& [id, i] : state.incidents())
        toProto(i, next()->add_incidents());
    for (const auto& [id, a] : state.aviation().alerts) {
        if (alertOfInterest(a))
            toProto(a, next()->add_alerts());
    }

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

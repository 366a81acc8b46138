// The read side of the Dispatch service: get and list, all under the session's read lock.
#include <algorithm>

#include "api/aviation_mapping.h"
#include "api/dispatch_service.h"
#include "api/iot_mapping.h"

namespace flameblue::api {

namespace {

const std::string& cityOfUnit(const core::State& s, const core::Unit& u) {
    static const std::string none;
    const core::Station* st = s.station(u.spec.stationId);
    return st ? st->city : none;
}

FixContext fixFor(const session::Session& session, const session::Session::LastHeard& heard,
                  const core::Id& id, core::TimeMs staleMs) {
    FixContext fix{session.now(), staleMs, 0};
    if (auto it = heard.find(id); it != heard.end())
        fix.lastHeard = it->second;
    return fix;
}

bool unitMatches(const core::State& s, const core::Unit& u, const pb::ListUnitsRequest& req) {
    if (!req.statuses().empty() && std::find(req.statuses().begin(), req.statuses().end(),
                                             toProto(u.status)) == req.statuses().end()) {
        return false;
    }
    if (!req.city().empty() && cityOfUnit(s, u) != req.city())
        return false;
    if (!req.station_id().empty() && u.spec.stationId != req.station_id())
        return false;
    if (u.staffing < req.min_staffing())
        return false;
    for (const std::string& cap : req.capabilities()) {
        if (!std::binary_search(u.spec.capabilities.begin(), u.spec.capabilities.end(), cap)) {
            return false;
        }
    }
    return true;
}

}  // namespace

template <typename Fill>
grpc::ServerUnaryReactor* DispatchService::query(grpc::CallbackServerContext* ctx,
                                                 const pb::SessionRef& ref, Fill fill) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    Caller caller;
    SessionHandle handle;
    if (!admit(ctx, reactor, ref, false, caller, handle)) {
        return reactor;
    }
    const session::Session& session = *handle.session;
    grpc::Status status =
        session.withState([&](const core::State& state, const session::Session::LastHeard& heard) {
            return fill(session, state, heard);
        });
    reactor->Finish(status);
    return reactor;
}

grpc::ServerUnaryReactor* DispatchService::GetIncident(grpc::CallbackServerContext* ctx,
                                                       const pb::GetRequest* req,
                                                       pb::Incident* out) {
    return query(ctx, req->session(), [&](const auto&, const core::State& s, const auto&) {
        const core::Incident* inc = s.incident(req->id());
        if (!inc) {
            return grpc::Status(grpc::StatusCode::NOT_FOUND,
                                "id: no incident \"" + req->id() + "\"");
        }
        toProto(*inc, out);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* DispatchService::GetUnit(grpc::CallbackServerContext* ctx,
                                                   const pb::GetRequest* req, pb::Unit* out) {
    const core::TimeMs staleMs = m_options.subscribe.staleAfterMs;
    return query(ctx, req->session(),
                 [&](const session::Session& session, const core::State& s, const auto& heard) {
                     const core::Unit* u = s.unit(req->id());
                     if (!u || u->spec.kind != core::UnitKind::Ground) {
                         return grpc::Status(grpc::StatusCode::NOT_FOUND,
                                             "id: no ground unit \"" + req->id() + "\"");
                     }
                     toProto(*u, fixFor(session, heard, u->spec.id, staleMs), out);
                     return grpc::Status::OK;
                 });
}

grpc::ServerUnaryReactor* DispatchService::GetAircraft(grpc::CallbackServerContext* ctx,
                                                       const pb::GetRequest* req,
                                                       pb::Aircraft* out) {
    const core::TimeMs staleMs = m_options.subscribe.staleAfterMs;
    return query(ctx, req->session(),
                 [&](const session::Session& session, const core::State& s, const auto& heard) {
                     const core::Unit* u = s.unit(req->id());
                     if (!u || u->spec.kind != core::UnitKind::Aircraft) {
                         return grpc::Status(grpc::StatusCode::NOT_FOUND,
                                             "id: no aircraft \"" + req->id() + "\"");
                     }
                     toProto(*u, fixFor(session, heard, u->spec.id, staleMs), out);
                     addMission(s, u->spec.id, out);
                     return grpc::Status::OK;
                 });
}

grpc::ServerUnaryReactor* DispatchService::GetStation(grpc::CallbackServerContext* ctx,
                                                      const pb::GetRequest* req, pb::Station* out) {
    return query(ctx, req->session(), [&](const auto&, const core::State& s, const auto&) {
        const core::Station* st = s.station(req->id());
        if (!st) {
            return grpc::Status(grpc::StatusCode::NOT_FOUND,
                                "id: no station \"" + req->id() + "\"");
        }
        toProto(*st, out);
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* DispatchService::ListIncidents(grpc::CallbackServerContext* ctx,
                                                         const pb::ListIncidentsRequest* req,
                                                         pb::ListIncidentsReply* out) {
    return query(ctx, req->session(), [&](const auto&, const core::State& s, const auto&) {
        std::vector<const core::Incident*> found;
        for (const auto& [id, inc] : s.incidents()) {
            const bool closed = inc.status == core::IncidentStatus::Closed;
            if (closed && !req->include_closed())
                continue;
            if (!req->statuses().empty() &&
                std::find(req->statuses().begin(), req->statuses().end(), toProto(inc.status)) ==
                    req->statuses().end()) {
                continue;
            }
            if (!req->city().empty() && inc.city != req->city())
                continue;
            if (!req->type().empty() && inc.type != req->type())
                continue;
            found.push_back(&inc);
        }
        // Newest alarm first: what a dispatcher looks at.
        std::sort(found.begin(), found.end(), [](const auto* a, const auto* b) {
            return a->received != b->received ? a->received > b->received : a->id > b->id;
        });
        const std::size_t limit =
            req->limit() > 0 ? static_cast<std::size_t>(req->limit()) : found.size();
        for (std::size_t i = 0; i < found.size() && i < limit; ++i) {
            toProto(*found[i], out->add_incidents());
        }
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* DispatchService::ListUnits(grpc::CallbackServerContext* ctx,
                                                     const pb::ListUnitsRequest* req,
                                                     pb::ListUnitsReply* out) {
    const core::TimeMs staleMs = m_options.subscribe.staleAfterMs;
    return query(ctx, req->session(),
                 [&](const session::Session& session, const core::State& s, const auto& heard) {
                     for (const auto& [id, u] : s.units()) {
                         if (u.spec.kind != core::UnitKind::Ground || !unitMatches(s, u, *req)) {
                             continue;
                         }
                         toProto(u, fixFor(session, heard, id, staleMs), out->add_units());
                     }
                     return grpc::Status::OK;
                 });
}

grpc::ServerUnaryReactor* DispatchService::ListAircraft(grpc::CallbackServerContext* ctx,
                                                        const pb::ListUnitsRequest* req,
                                                        pb::ListAircraftReply* out) {
    const core::TimeMs staleMs = m_options.subscribe.staleAfterMs;
    return query(ctx, req->session(),
                 [&](const session::Session& session, const core::State& s, const auto& heard) {
                     for (const auto& [id, u] : s.units()) {
                         if (u.spec.kind != core::UnitKind::Aircraft || !unitMatches(s, u, *req)) {
                             continue;
                         }
                         pb::Aircraft* a = out->add_aircraft();
                         toProto(u, fixFor(session, heard, id, staleMs), a);
                         addMission(s, id, a);
                     }
                     return grpc::Status::OK;
                 });
}

grpc::ServerUnaryReactor* DispatchService::ListStations(grpc::CallbackServerContext* ctx,
                                                        const pb::ListStationsRequest* req,
                                                        pb::ListStationsReply* out) {
    return query(ctx, req->session(), [&](const auto&, const core::State& s, const auto&) {
        for (const auto& [id, st] : s.stations()) {
            if (!req->city().empty() && st.city != req->city())
                continue;
            if (!req->station_class().empty() && st.stationClass != req->station_class())
                continue;
            toProto(st, out->add_stations());
        }
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* DispatchService::ListWaterSources(grpc::CallbackServerContext* ctx,
                                                            const pb::ListWaterSourcesRequest* req,
                                                            pb::ListWaterSourcesReply* out) {
    return query(ctx, req->session(), [&](const auto&, const core::State& s, const auto&) {
        for (const auto& [id, w] : s.waterSources()) {
            if (!req->city().empty() && w.city != req->city())
                continue;
            if (req->dip_sites_only() && !w.dipSite)
                continue;
            pb::WaterSource* ws = out->add_water_sources();
            toProto(w, ws);
            addTelemetry(s, id, session::systemNowMs(), ws);
        }
        return grpc::Status::OK;
    });
}

grpc::ServerUnaryReactor* DispatchService::GetCatalog(grpc::CallbackServerContext* ctx,
                                                      const pb::GetCatalogRequest*,
                                                      pb::Catalog* out) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    *out = m_catalog;
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

}  // namespace flameblue::api

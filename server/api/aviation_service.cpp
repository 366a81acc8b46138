#include "api/aviation_service.h"

#include <algorithm>

#include "api/aviation_mapping.h"
#include "api/command_call.h"

namespace flameblue::api {

namespace {

// decide() refuses fixes from further in the future than this.
constexpr core::TimeMs kFixFromFutureMs = 5LL * 60 * 1000;

grpc::Status notFound(const std::string& m) {
    return {grpc::StatusCode::NOT_FOUND, m};
}
grpc::Status invalid(const std::string& m) {
    return {grpc::StatusCode::INVALID_ARGUMENT, m};
}

// Evenly thinned to at most `max` points, keeping the first and the last.
void thin(std::vector<pb::TrackPoint>& points, std::size_t max) {
    if (points.size() <= max || max < 2)
        return;
    std::vector<pb::TrackPoint> out;
    out.reserve(max);
    const double step = static_cast<double>(points.size() - 1) / static_cast<double>(max - 1);
    for (std::size_t i = 0; i + 1 < max; ++i)
        out.push_back(std::move(points[static_cast<std::size_t>(static_cast<double>(i) * step)]));
    out.push_back(std::move(points.back()));
    points = std::move(out);
}

}  // namespace

AviationService::AviationService(SessionRegistry& sessions, Authenticator auth,
                                 const aviation::FleetFigures* figures,
                                 AviationServiceOptions options)
    : m_sessions(sessions), m_auth(std::move(auth)), m_figures(figures), m_options(options) {}

std::string AviationService::rpc(const char* method) {
    return rpcName(pb::Aviation::service_full_name(), method);
}

bool AviationService::admit(grpc::CallbackServerContext* ctx, grpc::ServerUnaryReactor* reactor,
                            const pb::SessionRef& ref, const std::string& method, Caller& caller,
                            SessionHandle& handle) {
    return admitToSession(m_auth, m_sessions, ctx, reactor, ref, method, caller, handle);
}

grpc::ServerUnaryReactor* AviationService::runCommand(
    grpc::CallbackServerContext* ctx, const std::string& method, const pb::SessionRef& ref,
    core::Result<core::Command> command, pb::CommandReply* reply, const std::string& subject) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    Caller caller;
    SessionHandle handle;
    if (!admit(ctx, reactor, ref, method, caller, handle))
        return reactor;
    submitCommand(m_auth, *handle.session, caller, method, subject, std::move(command), reactor,
                  reply);
    return reactor;
}

void AviationService::fill(const session::Session& session, const core::State& s,
                           const session::Session::LastHeard& heard, const core::Unit& u,
                           pb::AircraftStatus* out) const {
    toProto(s, u, figuresFor(session, s, heard, u), out);
    if (u.lastFix)
        toProto(*u.lastFix, out->mutable_last_fix());
    if (const core::WaterSource* w = s.waterSource(out->dip_site_id())) {
        out->set_dip_site_name_zh(w->nameZh);
        out->set_dip_site_name_en(w->nameEn);
    }
    if (const data::AircraftType* t = m_figures ? m_figures->type(u.spec.aircraftType) : nullptr) {
        out->set_category(t->category);
        out->set_type_name(t->name);
    }
}

aviation::AircraftFigures AviationService::figuresFor(const session::Session& session,
                                                      const core::State& s,
                                                      const session::Session::LastHeard& heard,
                                                      const core::Unit& u) const {
    if (!m_figures)
        return {};
    core::TimeMs lastHeard = 0;
    if (auto it = heard.find(u.spec.id); it != heard.end())
        lastHeard = it->second;
    return m_figures->compute(s, u, session.now(), lastHeard);
}

grpc::ServerUnaryReactor* AviationService::GetTrack(grpc::CallbackServerContext* ctx,
                                                    const pb::GetTrackRequest* req,
                                                    pb::Track* out) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    Caller caller;
    SessionHandle handle;
    if (!admit(ctx, reactor, req->session(), rpc(__func__), caller, handle))
        return reactor;
    const session::Session& session = *handle.session;
    const core::Id& id = req->aircraft_id();
    const bool known = session.withState(
        [&](const core::State& s, const auto&) { return s.aviation().mission(id) != nullptr; });
    if (id.empty() || !known) {
        reactor->Finish(id.empty() ? invalid("aircraft_id: required")
                                   : notFound("aircraft_id: no fleet aircraft \"" + id + "\""));
        return reactor;
    }
    const core::TimeMs to = req->has_to() ? fromProto(req->to()) : session.now();
    const core::TimeMs from =
        req->has_from() ? fromProto(req->from()) : to - m_options.defaultTrackRangeMs;
    if (from > to || to - from > m_options.maxTrackRangeMs) {
        reactor->Finish(invalid("from, to: expected from <= to and a range of at most " +
                                std::to_string(m_options.maxTrackRangeMs / 3'600'000) + " h"));
        return reactor;
    }
    if (req->max_points() < 0 || req->max_points() == 1) {
        reactor->Finish(invalid("max_points: expected 0 (default) or at least 2, got " +
                                std::to_string(req->max_points())));
        return reactor;
    }
    // The log is ordered by when fixes were stored, which is after they were taken (and at most
    // a few minutes before, for a fast clock): bound the scan by that, filter by fix time.
    const store::EventStore& store = session.store();
    auto after = store.lastSeqAtOrBefore(from - kFixFromFutureMs - 1);
    auto upTo = store.lastSeqAtOrBefore(to + m_options.lateFixMs);
    if (!after || !upTo) {
        reactor->Finish(toGrpc(!after ? after.error() : upTo.error()));
        return reactor;
    }
    std::vector<pb::TrackPoint> points;
    core::Status scanned = store.scanSubject(id, *after, *upTo, [&](const core::Event& e) {
        const auto* p = std::get_if<core::PositionReported>(&e.payload);
        if (!p || p->fix.fixTime < from || p->fix.fixTime > to)
            return true;
        pb::TrackPoint& pt = points.emplace_back();
        toProto(p->fix.fixTime, pt.mutable_time());
        toProto(p->fix.position, pt.mutable_position());
        if (p->fix.altitudeM)
            pt.set_altitude_m(*p->fix.altitudeM);
        if (p->fix.speedKmh)
            pt.set_speed_kmh(*p->fix.speedKmh);
        if (p->fix.headingDeg)
            pt.set_heading_deg(*p->fix.headingDeg);
        return true;
    });
    if (!scanned) {
        reactor->Finish(toGrpc(scanned.error()));
        return reactor;
    }
    out->set_aircraft_id(id);
    out->set_stored_points(static_cast<std::uint32_t>(points.size()));
    const int max = req->max_points() > 0 ? std::min(req->max_points(), m_options.maxTrackPoints)
                                          : m_options.maxTrackPoints;
    thin(points, static_cast<std::size_t>(max));
    for (pb::TrackPoint& p : points)
        *out->add_points() = std::move(p);
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

grpc::ServerUnaryReactor* AviationService::SetMissionState(grpc::CallbackServerContext* ctx,
                                                           const pb::SetMissionStateRequest* req,
                                                           pb::CommandReply* reply) {
    auto build = [&]() -> core::Result<core::Command> {
        auto state = fromProto(req->state());
        if (!state)
            return state.error();
        return core::Command{core::SetMissionState{req->aircraft_id(), *state, req->note()}};
    };
    return runCommand(ctx, rpc(__func__), req->session(), build(), reply, req->aircraft_id());
}

grpc::ServerUnaryReactor* AviationService::AcknowledgeAlert(grpc::CallbackServerContext* ctx,
                                                            const pb::AcknowledgeAlertRequest* req,
                                                            pb::CommandReply* reply) {
    return runCommand(ctx, rpc(__func__), req->session(),
                      core::Command{core::AcknowledgeAlert{req->alert_id()}}, reply,
                      req->alert_id());
}

grpc::ServerUnaryReactor* AviationService::RecordDrop(grpc::CallbackServerContext* ctx,
                                                      const pb::RecordDropRequest* req,
                                                      pb::CommandReply* reply) {
    return runCommand(ctx, rpc(__func__), req->session(),
                      core::Command{core::RecordDrop{req->aircraft_id(), req->dip_site_id()}},
                      reply, req->aircraft_id());
}

grpc::ServerUnaryReactor* AviationService::ListAlerts(grpc::CallbackServerContext* ctx,
                                                      const pb::ListAlertsRequest* req,
                                                      pb::ListAlertsReply* out) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    Caller caller;
    SessionHandle handle;
    if (!admit(ctx, reactor, req->session(), rpc(__func__), caller, handle))
        return reactor;
    handle.session->withState([&](const core::State& s, const auto&) {
        std::vector<const core::Alert*> alerts;
        for (const auto& [id, a] : s.aviation().alerts) {
            if (req->include_closed() || alertOfInterest(a))
                alerts.push_back(&a);
        }
        std::sort(alerts.begin(), alerts.end(), [](const core::Alert* a, const core::Alert* b) {
            return a->raised != b->raised ? a->raised < b->raised : a->id < b->id;
        });
        for (const core::Alert* a : alerts)
            toProto(*a, out->add_alerts());
    });
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

grpc::ServerUnaryReactor* AviationService::GetAircraftStatus(grpc::CallbackServerContext* ctx,
                                                             const pb::GetRequest* req,
                                                             pb::AircraftStatus* out) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    Caller caller;
    SessionHandle handle;
    if (!admit(ctx, reactor, req->session(), rpc(__func__), caller, handle))
        return reactor;
    const session::Session& session = *handle.session;
    grpc::Status st = session.withState([&](const core::State& s, const auto& heard) {
        const core::Unit* u = s.unit(req->id());
        if (!u || !s.aviation().mission(req->id()))
            return notFound("id: no fleet aircraft \"" + req->id() + "\"");
        fill(session, s, heard, *u, out);
        return grpc::Status::OK;
    });
    reactor->Finish(st);
    return reactor;
}

grpc::ServerUnaryReactor* AviationService::ListAircraftStatus(
    grpc::CallbackServerContext* ctx, const pb::ListAircraftStatusRequest* req,
    pb::ListAircraftStatusReply* out) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    Caller caller;
    SessionHandle handle;
    if (!admit(ctx, reactor, req->session(), rpc(__func__), caller, handle))
        return reactor;
    const session::Session& session = *handle.session;
    session.withState([&](const core::State& s, const auto& heard) {
        for (const auto& [id, m] : s.aviation().missions) {
            if (const core::Unit* u = s.unit(id))
                fill(session, s, heard, *u, out->add_aircraft());
        }
    });
    toProto(session.now(), out->mutable_server_time());
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

}  // namespace flameblue::api

// Recommend: the nearest capable response for an incident or a draft alarm.
#include <chrono>

#include "api/dispatch_service.h"
#include "api/recommend_mapping.h"

namespace flameblue::api {

namespace {
constexpr core::TimeMs kFixOnlyRebuildMs = 1000;
}

std::shared_ptr<const dispatch::UnitIndex> DispatchService::indexFor(
    const session::Session& session, const core::State& state) {
    const core::TimeMs now = session.now();
    std::lock_guard lock(m_indexMutex);
    IndexCache& cache = m_indexes[session.id()];
    const bool fresh = cache.index && cache.changeSeq == session.lastChangeSeq() &&
                       (cache.seq == state.lastSeq() || now - cache.builtAt < kFixOnlyRebuildMs);
    if (!fresh) {
        cache.index = m_recommender->index(state, now);
        cache.seq = state.lastSeq();
        cache.changeSeq = session.lastChangeSeq();
        cache.builtAt = now;
    }
    return cache.index;
}

grpc::ServerUnaryReactor* DispatchService::Recommend(grpc::CallbackServerContext* ctx,
                                                     const pb::RecommendRequest* req,
                                                     pb::Recommendation* out) {
    grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
    Caller caller;
    SessionHandle handle;
    if (!admit(ctx, reactor, req->session(), false, caller, handle)) {
        return reactor;
    }
    if (!m_recommender) {
        reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                     "recommendations are not configured on this server"));
        return reactor;
    }
    const auto started = std::chrono::steady_clock::now();
    dispatch::RecommendRequest r;
    if (!req->incident_id().empty())
        r.incidentId = req->incident_id();
    r.type = req->type();
    r.level = req->level();
    session::Session& session = *handle.session;
    if (req->has_position()) {
        r.position = core::LatLon{req->position().lat(), req->position().lon()};
        if (auto st = core::validateIncidentPosition(session.reference(), *r.position,
                                                     req->mutual_aid(), "position");
            !st) {
            reactor->Finish(toGrpc(st.error()));
            return reactor;
        }
    }
    r.includeCoverage = !req->skip_coverage();
    r.now = session.now();
    auto result = session.withState([&](const core::State& state, const auto&) {
        const auto index = indexFor(session, state);
        return m_recommender->recommend(*index, state, r);
    });
    if (!result) {
        reactor->Finish(toGrpc(result.error()));
        return reactor;
    }
    toProto(*result, out);
    out->set_compute_ms(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count());
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

}  // namespace flameblue::api

// Recommend: the nearest capable response for an incident or a draft alarm.
#include <chrono>

#include "api/dispatch_service.h"
#include "api/recommend_mapping.h"

namespace flameblue::api {

namespace {

// The recommender's unit index of one session, kept at the state's version event by event.
class IndexFollower final : public session::StateFollower {
public:
    IndexFollower(const dispatch::Recommender& recommender, const core::State& state,
                  core::TimeMs now)
        : m_recommender(recommender), m_index(recommender.index(state, now)) {}

    void follow(const core::Event& event, const core::State& after,
                const core::Affected& affected) override {
        m_index->follow(event, after, affected);
    }
    void replaced(const core::State& state) override {
        m_index = m_recommender.index(state, state.lastEventTime());
    }
    // Read under the session's state lock only.
    const dispatch::UnitIndex& index() const { return *m_index; }

private:
    const dispatch::Recommender& m_recommender;
    std::shared_ptr<dispatch::UnitIndex> m_index;
};

}  // namespace

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
    // The first request of a session builds the index; from then on the session's writer keeps
    // it at the state's version, so the recommendation sees the state as it is now.
    bool built = false;
    const auto follower = std::static_pointer_cast<IndexFollower>(
        session.follower(m_recommender, [&](const core::State& state) {
            built = true;
            return std::make_shared<IndexFollower>(*m_recommender, state, session.now());
        }));
    r.now = session.now();
    auto result = session.withState([&](const core::State& state, const auto&) {
        return m_recommender->recommend(follower->index(), state, r);
    });
    if (!result) {
        reactor->Finish(toGrpc(result.error()));
        return reactor;
    }
    toProto(*result, out);
    out->set_index_built(built);
    out->set_compute_ms(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count());
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

}  // namespace flameblue::api

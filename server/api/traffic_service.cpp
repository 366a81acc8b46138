#include "api/traffic_service.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>

#include "api/mapping.h"
#include "feeds/aircraft_tracker.h"
#include "feeds/sbs_message.h"

namespace flameblue::api {

namespace {

constexpr double kMinIntervalS = 0.5;
constexpr double kDefaultIntervalS = 1.0;
constexpr auto kTick = std::chrono::milliseconds(100);

void toProto(const feeds::GeoBox& box, pbt::GeoBox* out) {
    out->mutable_south_west()->set_lat(box.southDeg);
    out->mutable_south_west()->set_lon(box.westDeg);
    out->mutable_north_east()->set_lat(box.northDeg);
    out->mutable_north_east()->set_lon(box.eastDeg);
}

std::optional<feeds::GeoBox> fromProto(const pbt::GeoBox& box) {
    if (!box.has_south_west() || !box.has_north_east())
        return std::nullopt;
    return feeds::GeoBox{box.south_west().lat(), box.south_west().lon(), box.north_east().lat(),
                         box.north_east().lon()};
}

grpc::Status checkBox(const pbt::GeoBox& box) {
    if (box.has_south_west() != box.has_north_east() ||
        (fromProto(box) && !fromProto(box)->valid()))
        return {grpc::StatusCode::INVALID_ARGUMENT,
                "within: expected south_west and north_east with south < north and west < east"};
    return grpc::Status::OK;
}

}  // namespace

void makeTrafficSnapshot(const feeds::ContextTraffic& traffic, core::TimeMs now,
                         const pbt::GeoBox& within, pbt::TrafficSnapshot* out) {
    const auto box = fromProto(within);
    for (const feeds::AircraftTrack& t : traffic.list(now)) {
        if (!t.position || (box && !box->contains(*t.position)))
            continue;
        pbt::TrafficAircraft* a = out->add_aircraft();
        a->set_icao24(feeds::icaoHex(t.icao));
        a->set_callsign(t.callsign);
        api::toProto(feeds::toFix(t), a->mutable_fix());
        if (t.verticalRateFpm)
            a->set_vertical_rate_m_per_min(*t.verticalRateFpm * 0.3048);
        if (t.squawk) {
            char squawk[8];
            std::snprintf(squawk, sizeof squawk, "%04d", *t.squawk);
            a->set_squawk(squawk);
        }
        a->set_on_ground(t.onGround);
        a->set_rotorcraft(t.rotorcraft);
        a->set_emergency(t.emergency || (t.squawk && (*t.squawk == 7500 || *t.squawk == 7600 ||
                                                      *t.squawk == 7700)));
        api::toProto(t.lastSeen, a->mutable_last_seen());
    }
    api::toProto(now, out->mutable_time());
    toProto(traffic.options().area, out->mutable_area());
}

// The stream's state, shared by the reactor (gRPC threads) and the pacing thread.
struct TrafficService::Watch {
    class Reactor : public grpc::ServerWriteReactor<pbt::TrafficSnapshot> {
    public:
        explicit Reactor(std::shared_ptr<Watch> watch) : m_watch(std::move(watch)) {}
        void OnWriteDone(bool ok) override { m_watch->writeDone(ok); }
        void OnCancel() override { m_watch->cancel(); }
        void OnDone() override {
            {
                std::lock_guard lock(m_watch->mutex);
                m_watch->done = true;
            }
            delete this;
        }

    private:
        std::shared_ptr<Watch> m_watch;
    };

    std::mutex mutex;
    Reactor* reactor = nullptr;
    pbt::GeoBox within;
    std::chrono::steady_clock::duration interval{};
    std::chrono::steady_clock::time_point due{};
    pbt::TrafficSnapshot message;
    bool writing = false;
    bool endRequested = false;  // end once the write in flight is done
    grpc::Status endStatus;
    bool finished = false;  // Finish() called
    bool done = false;      // OnDone() ran: the reactor is gone

    void writeDone(bool ok) {
        grpc::Status status;
        {
            std::lock_guard lock(mutex);
            writing = false;
            if (finished || (ok && !endRequested))
                return;
            finished = true;
            status = ok ? endStatus : grpc::Status::OK;
        }
        reactor->Finish(status);
    }
    void cancel() { end(grpc::Status::CANCELLED); }
    void end(const grpc::Status& status) {
        {
            std::lock_guard lock(mutex);
            if (finished || done)
                return;
            if (writing) {
                endRequested = true;
                endStatus = status;
                return;
            }
            finished = true;
        }
        reactor->Finish(status);
    }
    // Starts the next snapshot when one is due and none is in flight. While `writing` is set
    // nobody else finishes the stream, so the reactor outlives StartWrite().
    void tick(const feeds::ContextTraffic& traffic, core::TimeMs nowMs,
              std::chrono::steady_clock::time_point now) {
        {
            std::lock_guard lock(mutex);
            if (finished || endRequested || done || writing || now < due)
                return;
            writing = true;
            due = now + interval;
        }
        message.Clear();
        makeTrafficSnapshot(traffic, nowMs, within, &message);
        reactor->StartWrite(&message);
    }
};

TrafficService::TrafficService(const feeds::ContextTraffic& traffic, Clock clock,
                               FeedStatusSource feeds, const feeds::FeedHub* hub)
    : m_traffic(traffic), m_clock(std::move(clock)), m_feeds(std::move(feeds)), m_hub(hub) {
    m_thread = std::thread([this] { run(); });
}

TrafficService::~TrafficService() {
    stop();
}

void TrafficService::stop() {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping)
            return;
        m_stopping = true;
    }
    m_cv.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    std::vector<std::shared_ptr<Watch>> watches;
    {
        std::lock_guard lock(m_mutex);
        watches.swap(m_watches);
    }
    for (auto& w : watches)
        w->end(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the server is shutting down"));
}

grpc::ServerUnaryReactor* TrafficService::ListTraffic(grpc::CallbackServerContext* ctx,
                                                      const pbt::ListTrafficRequest* req,
                                                      pbt::TrafficSnapshot* out) {
    auto* reactor = ctx->DefaultReactor();
    if (grpc::Status bad = checkBox(req->within()); !bad.ok()) {
        reactor->Finish(bad);
        return reactor;
    }
    makeTrafficSnapshot(m_traffic, m_clock(), req->within(), out);
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

grpc::ServerUnaryReactor* TrafficService::ListFeeds(grpc::CallbackServerContext* ctx,
                                                    const pbt::ListFeedsRequest* /*req*/,
                                                    pbt::ListFeedsReply* out) {
    if (m_feeds) {
        for (const feeds::FeedStatus& f : m_feeds()) {
            pbt::FeedState* s = out->add_feeds();
            s->set_kind(f.kind);
            s->set_source(f.source);
            s->set_up(f.up);
            s->set_lines(f.lines);
            s->set_messages(f.messages);
            s->set_ignored(f.ignored);
            s->set_malformed(f.malformed);
            s->set_overlong(f.overlong);
            s->set_truncated(f.truncated);
            s->set_connects(f.connects);
            s->set_polls(f.polls);
            s->set_failures(f.failures);
            s->set_skipped_records(f.skippedRecords);
            if (!f.lastError.empty()) {
                s->set_last_error(f.lastError);
                api::toProto(f.lastErrorTime, s->mutable_last_error_time());
            }
            if (f.receiverClockOffsetSeconds)
                s->set_receiver_clock_offset_s(*f.receiverClockOffsetSeconds);
            s->set_unknown_devices(f.unknownDevices);
            s->set_replayed(f.replayed);
            s->set_conflated(f.conflated);
        }
    }
    if (m_hub) {
        const feeds::FeedHubCounters& c = m_hub->counters();
        out->set_positions_received(c.received);
        out->set_positions_accepted(c.accepted);
        out->set_positions_duplicate(c.duplicates);
        out->set_positions_older(c.older);
        out->set_aircraft_refused(c.refused);
        out->set_aircraft_evicted(c.evicted);
        out->set_positions_implausible(c.implausible);
        out->set_updates_without_position(c.kinematics);
        if (auto [what, when] = m_hub->lastImplausible().get(); !what.empty()) {
            out->set_last_implausible(what);
            api::toProto(when, out->mutable_last_implausible_time());
        }
    }
    auto* reactor = ctx->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

grpc::ServerWriteReactor<pbt::TrafficSnapshot>* TrafficService::WatchTraffic(
    grpc::CallbackServerContext* /*ctx*/, const pbt::WatchTrafficRequest* req) {
    auto watch = std::make_shared<Watch>();
    auto* reactor = new Watch::Reactor(watch);
    watch->reactor = reactor;
    if (grpc::Status bad = checkBox(req->within()); !bad.ok()) {
        reactor->Finish(bad);
        return reactor;
    }
    const double interval =
        req->interval_s() <= 0 ? kDefaultIntervalS : std::max(req->interval_s(), kMinIntervalS);
    if (!std::isfinite(interval)) {
        reactor->Finish({grpc::StatusCode::INVALID_ARGUMENT, "interval_s: not a number"});
        return reactor;
    }
    watch->within = req->within();
    watch->interval = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(interval));
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            reactor->Finish({grpc::StatusCode::UNAVAILABLE, "the server is shutting down"});
            return reactor;
        }
        m_watches.push_back(watch);
    }
    m_cv.notify_all();
    return reactor;
}

void TrafficService::run() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        std::vector<std::shared_ptr<Watch>> watches = m_watches;
        lock.unlock();
        const auto now = std::chrono::steady_clock::now();
        const core::TimeMs nowMs = m_clock();
        std::vector<Watch*> gone;
        for (const auto& w : watches) {
            w->tick(m_traffic, nowMs, now);
            std::lock_guard wl(w->mutex);
            if (w->done)
                gone.push_back(w.get());
        }
        lock.lock();
        std::erase_if(m_watches, [&](const auto& w) {
            return std::find(gone.begin(), gone.end(), w.get()) != gone.end();
        });
        m_cv.wait_for(lock, kTick, [this] { return m_stopping; });
    }
}

}  // namespace flameblue::api

#include "app/feed_sources.h"

#include <charconv>
#include <unordered_set>

namespace flameblue::app {

FeedSources::FeedSources(session::Session& live, const std::vector<std::string>& sbsFeeds,
                         const FeedOptions& options, feeds::FeedLog log)
    : m_live(live),
      m_sbsFeeds(sbsFeeds),
      m_options(options),
      m_log(std::move(log)),
      m_hub(feeds::FeedHubOptions{.plausibility = options.plausibility}, session::systemNowMs,
            m_log),
      m_bridge(live, "adsb"),
      m_traffic(options.traffic) {
    m_hub.addSink(
        [this](const std::vector<feeds::AircraftTrack>& tracks) { m_bridge.onPositions(tracks); });
    m_hub.addSink([this](const std::vector<feeds::AircraftTrack>& tracks) { toTraffic(tracks); });
    auto toHub = [this](std::vector<feeds::AircraftTrack> t) { m_hub.submit(std::move(t)); };
    // Every source exists from here on (status() may be asked at any time); start() runs them.
    for (const std::string& feed : m_sbsFeeds) {
        feeds::SbsClientOptions o;
        const auto colon = feed.rfind(':');
        o.host = feed.substr(0, colon);
        if (o.host.size() > 2 && o.host.front() == '[' && o.host.back() == ']')
            o.host = o.host.substr(1, o.host.size() - 2);  // [IPv6]:PORT
        const char* first = feed.data() + colon + 1;
        const char* last = feed.data() + feed.size();
        auto [ptr, ec] = std::from_chars(first, last, o.port);
        if (colon == std::string::npos || o.host.empty() || ec != std::errc() || ptr != last ||
            o.port <= 0 || o.port > 65535) {
            m_error = "--sbs " + feed + ": expected HOST:PORT";
            o.port = 0;
        }
        m_sbs.push_back(std::make_unique<feeds::SbsClient>(o, session::systemNowMs, toHub, m_log));
    }
    for (const auto& o : m_options.aircraftJson) {
        m_polls.push_back(
            std::make_unique<feeds::AircraftJsonPoller>(o, session::systemNowMs, toHub, m_log));
    }
    for (const auto& o : m_options.sbsReplays) {
        m_replays.push_back(
            std::make_unique<feeds::SbsReplay>(o, session::systemNowMs, toHub, m_log));
    }
}

FeedSources::~FeedSources() {
    stop();
}

std::size_t FeedSources::sourceCount() const {
    return m_sbs.size() + m_polls.size() + m_replays.size();
}

std::vector<feeds::FeedStatus> FeedSources::status() const {
    std::vector<feeds::FeedStatus> out;
    for (std::size_t i = 0; i < m_sbs.size(); ++i) {
        out.push_back(feeds::statusOf("sbs", m_sbsFeeds[i], m_sbs[i]->connected(),
                                      m_sbs[i]->counters(), m_sbs[i]->lastProblem()));
    }
    for (std::size_t i = 0; i < m_polls.size(); ++i) {
        out.push_back(feeds::statusOf("aircraft_json", m_options.aircraftJson[i].source,
                                      m_polls[i]->lastPollOk(), m_polls[i]->counters(),
                                      m_polls[i]->lastProblem()));
        out.back().receiverClockOffsetSeconds = m_polls[i]->receiverClockOffsetSeconds();
    }
    for (std::size_t i = 0; i < m_replays.size(); ++i) {
        out.push_back(feeds::statusOf("sbs_replay", m_options.sbsReplays[i].path,
                                      m_replays[i]->playing(), m_replays[i]->counters(),
                                      m_replays[i]->lastProblem()));
    }
    return out;
}

std::unordered_set<std::uint32_t> FeedSources::refreshFleet() {
    std::unordered_set<std::uint32_t> icaos;
    std::unordered_map<std::uint32_t, feeds::FleetAircraft> fleet;
    m_live.withState([&](const core::State& state, const auto&) {
        for (const auto& [id, unit] : state.units()) {
            if (unit.spec.kind != core::UnitKind::Aircraft)
                continue;
            const auto icao = feeds::parseIcaoHex(unit.spec.icao24);
            if (!icao)
                continue;
            icaos.insert(*icao);
            feeds::FleetAircraft& a = fleet[*icao];
            if (auto it = m_options.typeMaxGroundKmh.find(unit.spec.aircraftType);
                it != m_options.typeMaxGroundKmh.end()) {
                a.maxGroundKmh = it->second;
            }
            if (unit.lastFix)
                a.lastFix = feeds::TimedPosition{unit.lastFix->position, unit.lastFix->fixTime};
        }
    });
    m_hub.setFleet(std::move(fleet));
    return icaos;
}

void FeedSources::toTraffic(const std::vector<feeds::AircraftTrack>& tracks) {
    // The fleet is read afresh per batch, so roster changes apply at once.
    m_traffic.update(tracks, refreshFleet());
}

core::Status FeedSources::check() const {
    if (!m_error.empty())
        return core::invalidArgument(m_error);
    return core::Ok{};
}

core::Status FeedSources::start() {
    if (core::Status ok = check(); !ok)
        return ok;
    refreshFleet();
    m_hub.start();
    for (auto& c : m_sbs)
        c->start();
    for (auto& p : m_polls)
        p->start();
    for (auto& r : m_replays)
        r->start();
    return core::Ok{};
}

void FeedSources::stop() {
    for (auto& c : m_sbs)
        c->stop();
    for (auto& p : m_polls)
        p->stop();
    for (auto& r : m_replays)
        r->stop();
    m_hub.stop();
}

}  // namespace flameblue::app

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
      m_hub(feeds::FeedHubOptions{}, session::systemNowMs),
      m_bridge(live, "adsb"),
      m_traffic(options.traffic) {
    m_hub.addSink(
        [this](const std::vector<feeds::AircraftTrack>& tracks) { m_bridge.onPositions(tracks); });
    m_hub.addSink([this](const std::vector<feeds::AircraftTrack>& tracks) { toTraffic(tracks); });
}

FeedSources::~FeedSources() {
    stop();
}

std::size_t FeedSources::sourceCount() const {
    return m_sbs.size() + m_polls.size() + m_replays.size();
}

void FeedSources::toTraffic(const std::vector<feeds::AircraftTrack>& tracks) {
    // The fleet is read afresh per batch, so roster changes apply at once.
    std::unordered_set<std::uint32_t> fleet;
    m_live.withState([&](const core::State& state, const auto&) {
        for (const auto& [id, unit] : state.units()) {
            if (unit.spec.kind == core::UnitKind::Aircraft) {
                if (auto icao = feeds::parseIcaoHex(unit.spec.icao24))
                    fleet.insert(*icao);
            }
        }
    });
    m_traffic.update(tracks, fleet);
}

core::Status FeedSources::start() {
    auto toHub = [this](std::vector<feeds::AircraftTrack> t) { m_hub.submit(std::move(t)); };
    for (const std::string& feed : m_sbsFeeds) {
        feeds::SbsClientOptions o;
        const auto colon = feed.rfind(':');
        o.host = feed.substr(0, colon);
        const char* first = feed.data() + colon + 1;
        const char* last = feed.data() + feed.size();
        auto [ptr, ec] = std::from_chars(first, last, o.port);
        if (colon == std::string::npos || o.host.empty() || ec != std::errc() || ptr != last ||
            o.port <= 0 || o.port > 65535) {
            return core::invalidArgument("--sbs " + feed + ": expected HOST:PORT");
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

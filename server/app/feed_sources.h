#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "app/feed_bridge.h"
#include "app/feed_options.h"
#include "feeds/aircraft_json_poller.h"
#include "feeds/context_traffic.h"
#include "feeds/feed_hub.h"
#include "feeds/sbs_client.h"
#include "feeds/sbs_replay.h"
#include "session/session.h"

namespace flameblue::app {

// Every aircraft feed of the server, wired to one merge point: SBS-1 clients, aircraft.json
// pollers and SBS replays hand their positions to the FeedHub, which hands the merged, newest
// state per aircraft to the fleet binding (FeedBridge, into the session) and to the context
// traffic (the other aircraft, in memory only). The hub knows the fleet (never refused, judged by
// its type's speed) from the live state, read afresh with every batch.
class FeedSources {
public:
    FeedSources(session::Session& live, const std::vector<std::string>& sbsFeeds,
                const FeedOptions& options, feeds::FeedLog log);
    ~FeedSources();
    FeedSources(const FeedSources&) = delete;
    FeedSources& operator=(const FeedSources&) = delete;

    // Starts every feed; refuses (and starts nothing) when a feed address cannot be used, with
    // an error naming the option and the value.
    core::Status start();
    void stop();
    // What start() would refuse, without starting anything.
    core::Status check() const;

    const feeds::ContextTraffic& traffic() const { return m_traffic; }
    const feeds::FeedHub& hub() const { return m_hub; }
    std::size_t sourceCount() const;
    // Every feed with its state and counters, in the order given on the command line.
    std::vector<feeds::FeedStatus> status() const;

private:
    void toTraffic(const std::vector<feeds::AircraftTrack>& tracks);
    // The fleet as the merge point judges it, from the live state; returns the ICAO addresses.
    std::unordered_set<std::uint32_t> refreshFleet();

    session::Session& m_live;
    std::vector<std::string> m_sbsFeeds;
    FeedOptions m_options;
    feeds::FeedLog m_log;
    std::string m_error;  // a feed address that cannot be used

    feeds::FeedHub m_hub;
    FeedBridge m_bridge;
    feeds::ContextTraffic m_traffic;
    std::vector<std::unique_ptr<feeds::SbsClient>> m_sbs;
    std::vector<std::unique_ptr<feeds::AircraftJsonPoller>> m_polls;
    std::vector<std::unique_ptr<feeds::SbsReplay>> m_replays;
};

}  // namespace flameblue::app

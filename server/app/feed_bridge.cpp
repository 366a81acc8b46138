#include "app/feed_bridge.h"

#include <unordered_map>

#include "feeds/sbs_message.h"

namespace flameblue::app {

FeedBridge::FeedBridge(session::Session& session, std::string origin)
    : m_session(session), m_origin(std::move(origin)) {}

void FeedBridge::onPositions(std::vector<feeds::AircraftTrack> tracks) {
    std::vector<core::Command> commands;
    m_session.withState([&](const core::State& state, const auto&) {
        // The fleet is small; a fresh map per batch follows roster changes without bookkeeping.
        std::unordered_map<std::string, core::Id> fleet;
        for (const auto& [id, unit] : state.units()) {
            if (unit.spec.kind == core::UnitKind::Aircraft && !unit.spec.icao24.empty()) {
                fleet.emplace(unit.spec.icao24, id);
            }
        }
        for (const feeds::AircraftTrack& t : tracks) {
            auto it = fleet.find(feeds::icaoHex(t.icao));
            if (it == fleet.end() || !t.position) {
                ++m_contextFixes;
                continue;
            }
            commands.emplace_back(core::ReportPosition{it->second, feeds::toFix(t)});
        }
    });
    if (commands.empty()) {
        return;
    }
    m_fleetFixes += commands.size();
    m_session.submit({"feed", m_origin, 0}, std::move(commands), nullptr);
}

}  // namespace flameblue::app

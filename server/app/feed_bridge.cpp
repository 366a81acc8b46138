#include "app/feed_bridge.h"

#include <unordered_map>

#include "feeds/sbs_message.h"

namespace flameblue::app {

namespace {
bool sameReading(const core::PositionFix& a, const core::PositionFix& b) {
    return a.altitudeM == b.altitudeM && a.speedKmh == b.speedKmh && a.headingDeg == b.headingDeg;
}
}  // namespace

std::optional<core::Command> transponderChange(const core::State& state, const core::Id& unitId,
                                               const feeds::AircraftTrack& t) {
    const core::AircraftMission* m = state.aviation().mission(unitId);
    if (!m)
        return std::nullopt;
    const bool squawkChanged = t.squawk && t.squawk != m->squawk;
    const bool flightChanged = !t.callsign.empty() && t.callsign != m->flightId;
    if (!squawkChanged && !flightChanged)
        return std::nullopt;
    return core::ReportTransponder{unitId, t.squawk, t.callsign};
}

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
            if (it == fleet.end()) {
                if (t.position)
                    ++m_contextFixes;
                continue;
            }
            // Squawk and flight id go first: an emergency code is alerted even when the
            // position in the same batch is refused.
            if (auto transponder = transponderChange(state, it->second, t))
                commands.emplace_back(std::move(*transponder));
            if (!t.position)
                continue;
            core::PositionFix fix = feeds::toFix(t);
            if (const core::Unit* unit = state.unit(it->second); unit && unit->lastFix) {
                const core::PositionFix& last = *unit->lastFix;
                if (last.fixTime > fix.fixTime)
                    continue;  // the session has a newer position (from another source)
                if (last.fixTime == fix.fixTime) {
                    // The position already reported: only a new altitude, speed or heading is
                    // news. It keeps the position and its time, so the fix's age stays true.
                    if (last.position != fix.position || sameReading(last, fix))
                        continue;
                    commands.emplace_back(core::ReportPosition{it->second, fix});
                    ++m_fleetUpdates;
                    continue;
                }
            }
            commands.emplace_back(core::ReportPosition{it->second, fix});
            ++m_fleetFixes;
        }
    });
    if (commands.empty()) {
        return;
    }
    m_session.submit({"feed", m_origin, 0}, std::move(commands), nullptr);
}

}  // namespace flameblue::app

#include "aviation/alert_rules.h"

#include <algorithm>
#include <cmath>

namespace flameblue::aviation {

namespace {

std::string minutes(double seconds) {
    return std::to_string(static_cast<long long>(std::lround(seconds / 60.0))) + " min";
}

// When the aircraft was last heard, or took off if it was not heard since (0: never).
core::TimeMs lastSign(const core::Unit& u, const core::AircraftMission& m,
                      const session::Session::LastHeard& heard) {
    core::TimeMs t = std::max(m.since, m.airborneSince.value_or(0));
    if (u.lastFix)
        t = std::max(t, u.lastFix->fixTime);
    if (auto it = heard.find(u.spec.id); it != heard.end())
        t = std::max(t, it->second);
    return t;
}

void signalLost(const core::State& state, const core::Unit& u, const core::AircraftMission& m,
                const session::Session::LastHeard& heard, core::TimeMs now, const AlertRules& rules,
                std::vector<core::Command>& out) {
    const core::Alert* open = state.aviation().activeAlert(u.spec.id, core::AlertKind::SignalLost);
    const bool flying = core::isFlying(m.state) || m.airborneSince.has_value();
    const core::TimeMs silentMs = now - lastSign(u, m, heard);
    const bool lost = flying && silentMs > rules.signalLostMs;
    if (lost && !open) {
        out.emplace_back(core::RaiseAlert{u.spec.id, core::AlertKind::SignalLost,
                                          "no position for " + std::to_string(silentMs / 1000) +
                                              " s (limit " +
                                              std::to_string(rules.signalLostMs / 1000) + " s)"});
    } else if (!lost && open) {
        out.emplace_back(
            core::ClearAlert{open->id, flying ? "signal restored" : std::string("landed")});
    }
}

void lowEndurance(const core::State& state, const core::Unit& u, core::TimeMs now,
                  core::TimeMs heard, const FleetFigures& figures,
                  std::vector<core::Command>& out) {
    const core::Alert* open =
        state.aviation().activeAlert(u.spec.id, core::AlertKind::LowEndurance);
    const AircraftFigures f = figures.compute(state, u, now, heard);
    const bool low = f.lowEndurance();
    if (low && !open) {
        out.emplace_back(core::RaiseAlert{u.spec.id, core::AlertKind::LowEndurance,
                                          minutes(std::max(0.0, *f.enduranceLeftSeconds)) +
                                              " of flight time left; " +
                                              minutes(*f.returnToBaseSeconds) + " to base + " +
                                              minutes(f.reserveSeconds) + " reserve"});
    } else if (!low && open) {
        out.emplace_back(core::ClearAlert{
            open->id, f.enduranceLeftSeconds ? "enough flight time" : std::string("landed")});
    }
}

}  // namespace

std::vector<core::Command> evaluateAlerts(const core::State& state,
                                          const session::Session::LastHeard& lastHeard,
                                          core::TimeMs now, const AlertRules& rules,
                                          const FleetFigures& figures) {
    std::vector<core::Command> out;
    for (const auto& [id, m] : state.aviation().missions) {
        const core::Unit* u = state.unit(id);
        if (!u)
            continue;
        signalLost(state, *u, m, lastHeard, now, rules, out);
        core::TimeMs heard = 0;
        if (auto it = lastHeard.find(id); it != lastHeard.end())
            heard = it->second;
        lowEndurance(state, *u, now, heard, figures, out);
    }
    return out;
}

}  // namespace flameblue::aviation

#include <algorithm>
#include <functional>
#include <map>

#include "common/iso_time.h"
#include "core/geo.h"
#include "replay/scenario.h"

namespace flameblue::replay {

namespace {

constexpr core::TimeMs kGroundFixEveryMs = 30'000;
constexpr core::TimeMs kAirFixEveryMs = 60'000;
constexpr double kCruiseAltitudeM = 600;

using KeyMap = std::map<std::string, core::Id>;

struct Step {
    core::TimeMs atMs = 0;
    int order = 0;  // keeps a file's order among steps at the same time
    std::string where;
    std::function<core::Command(const KeyMap&)> make;
    std::string createsKey;  // the incident key a CreateIncident step names
};

core::PositionFix fixAt(core::LatLon p, core::TimeMs t, std::optional<double> altitudeM = {}) {
    core::PositionFix f;
    f.position = p;
    f.fixTime = t;
    f.altitudeM = altitudeM;
    return f;
}

core::LatLon between(core::LatLon a, core::LatLon b, double f) {
    return {a.latDeg + (b.latDeg - a.latDeg) * f, a.lonDeg + (b.lonDeg - a.lonDeg) * f};
}

class Compiler {
public:
    Compiler(const Scenario& s, const core::State& roster) : m_s(s), m_roster(roster) {}

    core::Result<std::vector<Step>> steps() {
        for (const auto& inc : m_s.incidents) {
            if (auto st = incident(inc); !st)
                return st.error();
        }
        std::stable_sort(m_steps.begin(), m_steps.end(), [](const Step& a, const Step& b) {
            return a.atMs != b.atMs ? a.atMs < b.atMs : a.order < b.order;
        });
        return std::move(m_steps);
    }

private:
    void add(core::TimeMs t, std::string where, std::function<core::Command(const KeyMap&)> f) {
        m_steps.push_back({t, m_order++, std::move(where), std::move(f), {}});
    }
    void drive(const core::Id& unit, core::LatLon from, core::LatLon to, core::TimeMs t0,
               core::TimeMs t1, const std::string& where, core::TimeMs everyMs,
               std::optional<double> altitudeM) {
        for (core::TimeMs t = t0 + everyMs; t < t1; t += everyMs) {
            const double f = static_cast<double>(t - t0) / static_cast<double>(t1 - t0);
            add(t, where, [=](const KeyMap&) {
                return core::ReportPosition{unit, fixAt(between(from, to, f), t, altitudeM)};
            });
        }
        add(t1, where, [=](const KeyMap&) {
            return core::ReportPosition{unit, fixAt(to, t1, altitudeM)};
        });
    }
    core::Result<core::LatLon> home(const core::Id& unitId, const std::string& where) const {
        const core::Unit* u = m_roster.unit(unitId);
        if (!u)
            return core::notFound(where + ": unit \"" + unitId + "\" is not in the roster");
        const core::Station* st = m_roster.station(u->spec.stationId);
        if (!st) {
            return core::notFound(where + ": the station of unit \"" + unitId +
                                  "\" is not in the roster");
        }
        return st->position;
    }
    // When `action` names `unit` at or after index `from` of the timeline; 0 when never.
    static core::TimeMs nextTime(const ScenarioIncident& inc, std::size_t from,
                                 const std::string& action, const core::Id& unit) {
        for (std::size_t i = from; i < inc.timeline.size(); ++i) {
            const auto& a = inc.timeline[i];
            if (a.action == action &&
                std::find(a.units.begin(), a.units.end(), unit) != a.units.end())
                return a.atMs;
        }
        return 0;
    }

    core::Status incident(const ScenarioIncident& inc) {
        const std::string key = inc.key;
        const std::string base = "incident \"" + key + "\"";
        add(inc.alarmMs, base + " alarm", [inc](const KeyMap&) {
            return core::CreateIncident{inc.type,    inc.level,       inc.position,
                                        inc.address, inc.description, inc.alarmMs};
        });
        m_steps.back().createsKey = key;
        for (std::size_t i = 0; i < inc.timeline.size(); ++i) {
            const ScenarioAction& a = inc.timeline[i];
            const std::string where = base + " timeline[" + std::to_string(i) + "] (" + a.action +
                                      " at " + common::formatChinaStandardTime(a.atMs) + ")";
            if (auto st = action(inc, i, a, key, where); !st)
                return st;
        }
        for (std::size_t i = 0; i < inc.sorties.size(); ++i) {
            const std::string where = base + " sorties[" + std::to_string(i) + "]";
            if (auto st = sortie(inc, inc.sorties[i], key, where); !st)
                return st;
        }
        return core::Ok{};
    }

    core::Status action(const ScenarioIncident& inc, std::size_t index, const ScenarioAction& a,
                        const std::string& key, const std::string& where) {
        const core::TimeMs t = a.atMs;
        if (a.action == "dispatch") {
            add(t, where, [a, key](const KeyMap& k) {
                return core::DispatchUnits{k.at(key), a.units};
            });
        } else if (a.action == "en_route" || a.action == "on_scene" || a.action == "available") {
            const auto status = a.action == "en_route"   ? core::UnitStatus::EnRoute
                                : a.action == "on_scene" ? core::UnitStatus::OnScene
                                                         : core::UnitStatus::Available;
            for (const core::Id& u : a.units) {
                auto from = home(u, where);
                if (!from)
                    return from.error();
                add(t, where, [u, status](const KeyMap&) {
                    return core::SetUnitStatus{u, status, {}};
                });
                if (a.action == "en_route") {
                    const core::TimeMs arrive = nextTime(inc, index, "on_scene", u);
                    if (arrive > t)
                        drive(u, *from, inc.position, t, arrive, where, kGroundFixEveryMs, {});
                }
            }
        } else if (a.action == "release") {
            add(t, where, [a, key](const KeyMap& k) {
                return core::ReleaseUnits{k.at(key), a.units};
            });
            for (const core::Id& u : a.units) {
                auto to = home(u, where);
                if (!to)
                    return to.error();
                const core::TimeMs back = nextTime(inc, index, "available", u);
                if (back > t)
                    drive(u, inc.position, *to, t, back, where, kGroundFixEveryMs, {});
            }
        } else if (a.action == "level") {
            add(t, where, [a, key](const KeyMap& k) {
                return core::UpdateIncident{k.at(key), {}, a.level, {}, {}, {}};
            });
        } else if (a.action == "note") {
            add(t, where, [a, key](const KeyMap& k) { return core::AddNote{k.at(key), a.text}; });
        } else if (a.action == "under_control" || a.action == "close") {
            const auto status = a.action == "close" ? core::IncidentStatus::Closed
                                                    : core::IncidentStatus::UnderControl;
            add(t, where, [status, key](const KeyMap& k) {
                return core::SetIncidentStatus{k.at(key), status};
            });
        }
        return core::Ok{};
    }

    core::Status sortie(const ScenarioIncident& inc, const ScenarioSortie& s,
                        const std::string& key, const std::string& where) {
        auto base = home(s.aircraft, where);
        if (!base)
            return base.error();
        const core::WaterSource* dip = m_roster.waterSource(s.dipSite);
        if (!dip || !dip->dipSite) {
            return core::notFound(where + ": dip_site \"" + s.dipSite +
                                  "\" is not a dip site in the roster's water sources");
        }
        const core::Id ac = s.aircraft;
        add(s.dispatchedMs, where + " dispatch", [ac, key](const KeyMap& k) {
            return core::DispatchUnits{k.at(key), {ac}};
        });
        add(s.airborneMs, where + " airborne", [ac](const KeyMap&) {
            return core::SetUnitStatus{ac, core::UnitStatus::EnRoute, {}};
        });
        auto flight = [&](core::LatLon a, core::LatLon b) {
            const double km = core::distanceMeters(a, b) / 1000.0;
            return static_cast<core::TimeMs>(km / s.cruiseKmh * 3'600'000.0);
        };
        core::TimeMs t = s.airborneMs;
        const core::TimeMs arrive = t + flight(*base, inc.position);
        drive(ac, *base, inc.position, t, arrive, where + " flight out", kAirFixEveryMs,
              kCruiseAltitudeM);
        add(arrive, where + " over the fire", [ac](const KeyMap&) {
            return core::SetUnitStatus{ac, core::UnitStatus::OnScene, {}};
        });
        t = arrive;
        const core::TimeMs half = s.cycleMinutes * 30'000LL;
        for (int d = 0; d < s.drops; ++d) {
            drive(ac, inc.position, dip->position, t, t + half, where + " to the dip site",
                  kAirFixEveryMs, 30.0);
            drive(ac, dip->position, inc.position, t + half, t + 2 * half, where + " drop",
                  kAirFixEveryMs, 60.0);
            t += 2 * half;
        }
        add(t, where + " release", [ac, key](const KeyMap& k) {
            return core::ReleaseUnits{k.at(key), {ac}};
        });
        const core::TimeMs landed = t + flight(inc.position, *base);
        drive(ac, inc.position, *base, t, landed, where + " flight home", kAirFixEveryMs,
              kCruiseAltitudeM);
        add(landed, where + " landed", [ac](const KeyMap&) {
            return core::SetUnitStatus{ac, core::UnitStatus::Available, {}};
        });
        if (landed > m_s.endMs) {
            return core::invalidArgument(
                where + ": the aircraft lands at " + common::formatChinaStandardTime(landed) +
                ", after the scenario's end " + common::formatChinaStandardTime(m_s.endMs));
        }
        return core::Ok{};
    }

    const Scenario& m_s;
    const core::State& m_roster;
    std::vector<Step> m_steps;
    int m_order = 0;
};

}  // namespace

core::Result<CompiledScenario> compileScenario(const Scenario& scenario, const core::State& roster,
                                               const core::Reference& reference) {
    CompiledScenario out;
    // The world before: the roster only, every unit in quarters.
    std::vector<core::EventPayload> setup;
    for (const auto& [id, s] : roster.stations())
        setup.emplace_back(core::StationUpserted{s});
    for (const auto& [id, u] : roster.units())
        setup.emplace_back(core::UnitUpserted{u.spec, u.staffing});
    for (const auto& [id, w] : roster.waterSources())
        setup.emplace_back(core::WaterSourceUpserted{w});
    for (auto& p : setup) {
        core::Event e;
        e.seq = out.base.lastSeq() + 1;
        e.time = scenario.startMs;
        e.operatorId = "system";
        e.origin = "scenario " + scenario.id;
        e.payload = std::move(p);
        out.base.apply(e);
    }

    auto steps = Compiler(scenario, out.base).steps();
    if (!steps)
        return steps.error();
    core::State state = out.base;
    KeyMap keys;
    for (const Step& step : *steps) {
        if (step.atMs > scenario.endMs) {
            return core::invalidArgument("scenario " + scenario.id + ": " + step.where + ": at " +
                                         common::formatChinaStandardTime(step.atMs) +
                                         ", after the end");
        }
        const core::Command command = step.make(keys);
        const core::CommandContext ctx{"scenario", "scenario " + scenario.id, step.atMs};
        auto decided = core::decide(state, reference, ctx, command);
        if (!decided) {
            return core::Error{decided.error().code, "scenario " + scenario.id + ": " + step.where +
                                                         ": " + decided.error().message};
        }
        for (auto& payload : *decided) {
            if (const auto* c = std::get_if<core::IncidentCreated>(&payload)) {
                keys[step.createsKey] = c->id;
            }
            core::Event e;
            e.seq = state.lastSeq() + 1;
            e.time = step.atMs;
            e.operatorId = ctx.operatorId;
            e.origin = ctx.origin;
            e.payload = std::move(payload);
            state.apply(e);
            out.events.push_back(std::move(e));
        }
    }
    return out;
}

}  // namespace flameblue::replay

#include "sim/simulator.h"

#include <chrono>

#include "core/geo.h"

namespace flameblue::sim {

namespace {
const core::CommandContext kContext{"simulator", "avl-simulator", 0};
}

Simulator::Simulator(session::Session& session, SimulatorOptions options)
    : m_session(session), m_options(std::move(options)) {}

Simulator::~Simulator() {
    stop();
}

void Simulator::start() {
    m_worker.start([this] { run(); });
}

void Simulator::stop() {
    m_worker.stop();
}

void Simulator::run() {
    const auto tick = std::chrono::duration<double>(m_options.tickSeconds);
    std::unique_lock lock(m_mutex);
    while (!m_cv.wait_for(lock, tick, [this] { return m_stopping; })) {
        lock.unlock();
        step(m_options.tickSeconds * m_options.speedFactor);
        lock.lock();
    }
}

double Simulator::speedKmh(const core::Unit& unit, double distanceMeters) const {
    if (unit.spec.kind == core::UnitKind::Aircraft) {
        auto it = m_options.aircraftCruiseKmh.find(unit.spec.aircraftType);
        return it != m_options.aircraftCruiseKmh.end() ? it->second : m_options.defaultAircraftKmh;
    }
    return distanceMeters < m_options.urbanRadiusMeters ? m_options.urbanKmh
                                                        : m_options.openRoadKmh;
}

void Simulator::step(double simSeconds) {
    std::vector<core::Command> commands;
    const core::TimeMs now = m_session.now();
    m_session.withState([&](const core::State& state, const auto&) {
        for (const auto& [id, unit] : state.units()) {
            const core::Station* home = state.station(unit.spec.stationId);
            const core::LatLon here =
                unit.lastFix ? unit.lastFix->position : (home ? home->position : core::LatLon{});
            if (unit.status != core::UnitStatus::Dispatched) {
                m_sinceDispatch.erase(id);
            }
            switch (unit.status) {
                case core::UnitStatus::Dispatched: {
                    double& since = m_sinceDispatch[id];
                    since += simSeconds;
                    const double delay = unit.spec.kind == core::UnitKind::Aircraft
                                             ? m_options.launchSeconds
                                             : m_options.turnoutSeconds;
                    if (since >= delay) {
                        commands.emplace_back(
                            core::SetUnitStatus{id, core::UnitStatus::EnRoute, {}});
                    }
                    break;
                }
                case core::UnitStatus::EnRoute:
                case core::UnitStatus::Returning: {
                    const bool outbound = unit.status == core::UnitStatus::EnRoute;
                    const core::Incident* inc = state.incident(unit.incidentId);
                    if (outbound && !inc)
                        break;
                    if (!outbound && !home)
                        break;
                    const core::LatLon target = outbound ? inc->position : home->position;
                    const double remaining = core::distanceMeters(here, target);
                    const double kmh = speedKmh(unit, remaining);
                    const double stepMeters = kmh / 3.6 * simSeconds;
                    core::PositionFix fix;
                    fix.fixTime = now;
                    fix.headingDeg = core::initialBearingDeg(here, target);
                    if (stepMeters + m_options.arrivalMeters >= remaining) {
                        fix.position = target;
                        fix.speedKmh = 0.0;
                        commands.emplace_back(core::ReportPosition{id, fix});
                        commands.emplace_back(core::SetUnitStatus{
                            id,
                            outbound ? core::UnitStatus::OnScene : core::UnitStatus::Available,
                            {}});
                    } else {
                        fix.position = core::destination(here, *fix.headingDeg, stepMeters);
                        fix.speedKmh = kmh;
                        if (unit.spec.kind == core::UnitKind::Aircraft)
                            fix.altitudeM = 600.0;
                        commands.emplace_back(core::ReportPosition{id, fix});
                    }
                    break;
                }
                case core::UnitStatus::OnScene:
                    // A transponder keeps transmitting over the incident (the session keeps an
                    // unchanged fix as "still heard" without storing it again).
                    if (unit.spec.kind == core::UnitKind::Aircraft && unit.lastFix) {
                        core::PositionFix fix = *unit.lastFix;
                        fix.fixTime = now;
                        commands.emplace_back(core::ReportPosition{id, fix});
                    }
                    break;
                default:
                    break;
            }
        }
    });
    if (!commands.empty()) {
        // Refusals (a dispatcher changed the unit meanwhile) are expected and harmless.
        m_session.executeAll(kContext, std::move(commands));
    }
}

}  // namespace flameblue::sim

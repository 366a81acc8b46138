#include "cot/cot_observer.h"

#include <algorithm>

#include "core/events.h"

namespace flameblue::cot {

namespace {
constexpr double kMpsPerKmh = 1.0 / 3.6;
}

CotObserver::CotObserver(CotObserverOptions options, CotSender& sender)
    : m_options(std::move(options)), m_sender(sender) {}

const char* CotObserver::typeFor(const core::UnitSpec& spec) const {
    if (spec.kind == core::UnitKind::Ground)
        return kTypeVehicle;
    auto it = m_options.aircraftCategories.find(spec.aircraftType);
    if (it != m_options.aircraftCategories.end() && it->second == "fixed_wing")
        return kTypeFixedWing;
    return kTypeRotaryWing;  // the fleet is mostly helicopters; the data file says otherwise
}

CotEvent CotObserver::eventFor(const core::Unit& unit, core::TimeMs staleAfterMs) const {
    CotEvent e;
    e.uid = m_options.uidPrefix + unit.spec.id;
    e.type = typeFor(unit.spec);
    e.callsign = unit.spec.callsign.empty() ? unit.spec.id : unit.spec.callsign;
    e.remarks = unit.spec.nameEn;
    if (!unit.spec.registration.empty())
        e.remarks += " " + unit.spec.registration;
    e.remarks += std::string(" (") + core::toString(unit.status) + ")";
    e.exercise = m_options.sessionId != "live";
    if (unit.lastFix) {
        const core::PositionFix& f = *unit.lastFix;
        e.position = f.position;
        e.haeM = f.altitudeM;
        e.courseDeg = f.headingDeg;
        if (f.speedKmh)
            e.speedMps = *f.speedKmh * kMpsPerKmh;
        e.time = f.fixTime;
    }
    e.stale = e.time + staleAfterMs;
    return e;
}

void CotObserver::stage(const core::Event& event, const core::State& after,
                        const core::Affected& /*affected*/) {
    const auto* reported = std::get_if<core::PositionReported>(&event.payload);
    if (!reported)
        return;
    const core::Unit* unit = after.unit(reported->unitId);
    if (!unit || !unit->lastFix)
        return;
    // Stale from the unit's own update rate: a few missed updates and TAK greys it out.
    double staleS = m_options.defaultStaleSeconds;
    const core::TimeMs fixTime = unit->lastFix->fixTime;
    auto [it, first] = m_lastFixTime.try_emplace(unit->spec.id, fixTime);
    if (!first) {
        if (fixTime > it->second) {
            const double intervalS = static_cast<double>(fixTime - it->second) / 1000.0;
            staleS = std::clamp(intervalS * m_options.staleIntervals, m_options.minStaleSeconds,
                                m_options.maxStaleSeconds);
        }
        it->second = fixTime;
    }
    m_staged.push_back(eventFor(*unit, static_cast<core::TimeMs>(staleS * 1000.0)));
}

void CotObserver::commit() {
    if (m_staged.empty())
        return;
    m_sender.post(std::move(m_staged));
    m_staged.clear();
}

}  // namespace flameblue::cot

#include "cot/cot_observer.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/aviation.h"
#include "core/events.h"

namespace flameblue::cot {

namespace {
constexpr double kMpsPerKmh = 1.0 / 3.6;

std::string squawkText(int squawk) {
    char text[8];
    std::snprintf(text, sizeof text, "%04d", squawk);
    return text;
}

const char* squawkMeaning(int squawk) {
    switch (squawk) {
        case 7500:
            return "unlawful interference";
        case 7600:
            return "radio failure";
        default:
            return "emergency";
    }
}
}  // namespace

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

std::string CotObserver::uidFor(const core::UnitSpec& spec) const {
    if (spec.kind != core::UnitKind::Aircraft || spec.icao24.empty())
        return m_options.uidPrefix + spec.id;
    std::string uid = m_options.sessionId == "live" ? "" : m_options.uidPrefix;
    uid += "ICAO-";
    for (char c : spec.icao24)
        uid += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return uid;
}

CotEvent CotObserver::eventFor(const core::Unit& unit, core::TimeMs staleAfterMs) const {
    CotEvent e;
    e.uid = uidFor(unit.spec);
    e.type = typeFor(unit.spec);
    e.callsign = unit.spec.callsign.empty() ? unit.spec.id : unit.spec.callsign;
    e.remarks = unit.spec.nameEn;
    if (!unit.spec.registration.empty())
        e.remarks += " " + unit.spec.registration;
    e.remarks += std::string(" (") + core::toString(unit.status) + ")";
    if (m_options.sessionId != "live")
        e.opex = kOpexExercise;
    e.flowTag = m_options.flowTag;
    if (unit.lastFix) {
        const core::PositionFix& f = *unit.lastFix;
        e.position = f.position;
        e.haeM = f.altitudeM;
        e.courseDeg = f.headingDeg;
        if (f.speedKmh)
            e.speedMps = *f.speedKmh * kMpsPerKmh;
        e.fixTime = f.fixTime;
    }
    e.stale = e.fixTime + staleAfterMs;
    return e;
}

void CotObserver::stageUnit(const core::Unit& unit, const core::State& after, Exported& exported) {
    CotEvent e = eventFor(unit, exported.staleAfterMs);
    if (exported.simulated) {
        e.how = kHowSimulated;
        if (e.opex.empty())
            e.opex = kOpexSimulation;
    }
    const core::AircraftMission* mission = after.aviation().mission(unit.spec.id);
    const bool emergency = mission && mission->squawk && core::isEmergencySquawk(*mission->squawk);
    if (mission && !mission->flightId.empty())
        e.remarks += ", flight " + mission->flightId;
    if (mission && mission->squawk) {
        e.remarks += ", squawk " + squawkText(*mission->squawk);
        if (emergency)
            e.remarks += std::string(" (") + squawkMeaning(*mission->squawk) + ")";
    }
    if (emergency)
        e.emergencyType = kEmergencyAlert;
    else if (exported.emergency)
        e.emergencyCancel = true;  // over: TAK clients clear the alert
    exported.emergency = emergency;
    m_staged.push_back(std::move(e));
}

void CotObserver::stage(const core::Event& event, const core::State& after,
                        const core::Affected& /*affected*/) {
    const core::Id* unitId = nullptr;
    const auto* reported = std::get_if<core::PositionReported>(&event.payload);
    const auto* transponder = std::get_if<core::TransponderChanged>(&event.payload);
    if (reported)
        unitId = &reported->unitId;
    else if (transponder)
        unitId = &transponder->unitId;
    else
        return;
    const core::Unit* unit = after.unit(*unitId);
    if (!unit || !unit->lastFix)
        return;
    const core::TimeMs fixTime = unit->lastFix->fixTime;
    auto [it, first] = m_exported.try_emplace(unit->spec.id);
    Exported& exported = it->second;
    if (reported) {
        // Stale from the unit's own update rate: a few missed updates and TAK greys it out. A
        // new altitude or speed at the same position keeps the interval it had.
        double staleS = m_options.defaultStaleSeconds;
        if (!first && fixTime > exported.fixTime) {
            const double intervalS = static_cast<double>(fixTime - exported.fixTime) / 1000.0;
            staleS = std::clamp(intervalS * m_options.staleIntervals, m_options.minStaleSeconds,
                                m_options.maxStaleSeconds);
        }
        if (first || fixTime != exported.fixTime)
            exported.staleAfterMs = static_cast<core::TimeMs>(staleS * 1000.0);
        exported.fixTime = fixTime;
        exported.simulated = m_options.simulatedOperators.contains(event.operatorId);
    } else if (first) {
        exported.fixTime = fixTime;
        exported.staleAfterMs = static_cast<core::TimeMs>(m_options.defaultStaleSeconds * 1000.0);
    }
    stageUnit(*unit, after, exported);
}

void CotObserver::commit() {
    if (m_staged.empty())
        return;
    m_sender.post(std::move(m_staged));
    m_staged.clear();
}

}  // namespace flameblue::cot

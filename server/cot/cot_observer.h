#pragma once

#include <functional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "cot/cot_event.h"
#include "cot/cot_sender.h"
#include "session/session.h"

namespace flameblue::cot {

struct CotObserverOptions {
    std::string sessionId = "live";  // any other session is a drill: events carry opex="e"
    // Aircraft type id -> "rotorcraft" or "fixed_wing" (data/aircraft_types.json).
    std::unordered_map<std::string, std::string> aircraftCategories;
    // A position stays fresh for this many update intervals, within these bounds.
    double staleIntervals = 3.0;
    double minStaleSeconds = 20.0;
    double maxStaleSeconds = 600.0;
    double defaultStaleSeconds = 60.0;  // before a unit's update rate is known
    // Ground units and aircraft without an ICAO address: uidPrefix + unit id. Aircraft with one
    // use the ADS-B gateways' uid "ICAO-<HEX>" in the live session, so that TAK shows one marker
    // for an aircraft both export; a drill puts uidPrefix before it, never to replace the real one.
    std::string uidPrefix = "flameblue-";
    // Positions reported by these operators were made up, not measured: how="m-s", and in the
    // live session opex="s". The movement simulator (--simulate) and drill scenario files.
    std::set<std::string, std::less<>> simulatedOperators = {"simulator", "scenario"};
    // The _flow-tags_ attribute naming this system.
    std::string flowTag = "flameblue-server";
};

// Watches a session and exports every fleet aircraft and ground unit position as a CoT event,
// and an aircraft's position again when its squawk changes (an emergency reaches TAK at once).
// stage() only copies what the event needs (on the writer thread, no formatting, no I/O);
// commit() hands the batch to the sender's bounded queue.
class CotObserver : public session::CommitObserver {
public:
    CotObserver(CotObserverOptions options, CotSender& sender);

    void stage(const core::Event& event, const core::State& after,
               const core::Affected& affected) override;
    void commit() override;

    // The event for `unit` at its last fix; also used by tests.
    CotEvent eventFor(const core::Unit& unit, core::TimeMs staleAfterMs) const;
    const char* typeFor(const core::UnitSpec& spec) const;
    std::string uidFor(const core::UnitSpec& spec) const;

private:
    // What was last exported for a unit.
    struct Exported {
        core::TimeMs fixTime = 0;
        core::TimeMs staleAfterMs = 0;
        bool simulated = false;
        bool emergency = false;
    };
    void stageUnit(const core::Unit& unit, const core::State& after, Exported& exported);

    CotObserverOptions m_options;
    CotSender& m_sender;
    std::vector<CotEvent> m_staged;
    std::unordered_map<core::Id, Exported> m_exported;
};

}  // namespace flameblue::cot

#pragma once

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
    std::string uidPrefix = "flameblue-";
};

// Watches a session and exports every fleet aircraft and ground unit position as a CoT event.
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

private:
    CotObserverOptions m_options;
    CotSender& m_sender;
    std::vector<CotEvent> m_staged;
    std::unordered_map<core::Id, core::TimeMs> m_lastFixTime;
};

}  // namespace flameblue::cot

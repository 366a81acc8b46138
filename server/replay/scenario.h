#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/decide.h"
#include "core/events.h"
#include "core/result.h"
#include "core/state.h"

namespace flameblue::replay {

// A scenario file (docs/scenarios.md): an incident timeline written by hand, for incidents that
// happened before the system was in use. Version 1; a newer version is refused, never guessed.
struct ScenarioAction {
    core::TimeMs atMs = 0;
    // dispatch, en_route, on_scene, release, available (units); level; note; under_control; close
    std::string action;
    std::vector<core::Id> units;
    int level = 0;
    std::string text;
    bool operator==(const ScenarioAction&) const = default;
};

// An aircraft sortie with bucket operations: from its base to the fire at cruise speed, then
// `drops` cycles between the dip site and the fire, then home.
struct ScenarioSortie {
    core::Id aircraft;
    core::TimeMs dispatchedMs = 0;
    core::TimeMs airborneMs = 0;
    double cruiseKmh = 0;
    core::Id dipSite;  // a water source with dip_site
    int drops = 0;
    int cycleMinutes = 0;
    bool operator==(const ScenarioSortie&) const = default;
};

struct ScenarioIncident {
    std::string key;  // names the incident inside the file
    std::string type;
    int level = 1;
    core::LatLon position;
    std::string address;
    std::string description;
    core::TimeMs alarmMs = 0;
    std::vector<ScenarioAction> timeline;
    std::vector<ScenarioSortie> sorties;
    bool operator==(const ScenarioIncident&) const = default;
};

struct Scenario {
    static constexpr int kVersion = 1;
    static constexpr const char* kFormat = "flameblue-scenario";

    int version = kVersion;
    std::string id;
    std::string titleZh;
    std::string titleEn;
    std::string descriptionZh;
    std::string descriptionEn;
    bool constructedForTraining = false;  // not a record of a real incident
    core::TimeMs startMs = 0;
    core::TimeMs endMs = 0;
    std::vector<ScenarioIncident> incidents;
    bool operator==(const Scenario&) const = default;
};

// Parses and checks a scenario file's text; the error names the field and the value.
core::Result<Scenario> parseScenario(std::string_view text);
// The file text of a scenario (times in China Standard Time).
std::string writeScenario(const Scenario& scenario);

struct CompiledScenario {
    core::State base;  // the roster, every unit available in quarters, no incident
    std::vector<core::Event> events;
};

// Turns a scenario into events against `roster` (stations, units, aircraft, water sources of the
// running server): every step is validated like a dispatcher's command, so a unit that is not
// in the roster or is already committed is an error naming the incident and the entry. Ground
// units drive in a straight line between quarters and scene (a fix every 30 s); aircraft fly
// and cycle between dip site and fire (a fix every minute and at every dip and drop).
core::Result<CompiledScenario> compileScenario(const Scenario& scenario, const core::State& roster,
                                               const core::Reference& reference);

}  // namespace flameblue::replay

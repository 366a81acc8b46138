#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/entities.h"
#include "core/result.h"
#include "core/state.h"

namespace flameblue::reports {

// The EIDO version this export follows: NENA-STA-021.1a-2022, "NENA Standard for Emergency
// Incident Data Object (EIDO)", JSON encoding, EIDO version 1.0. docs/interop.md maps every
// field; data/schema/eido_incident.schema.json checks what is emitted.
inline constexpr const char* kEidoVersion = "1.0";
inline constexpr const char* kEidoStandard = "NENA-STA-021.1a-2022";

// Names the export takes from the data set.
struct EidoCatalog {
    // The NENA element identifier of this system (issuingElementIdentification), a domain name.
    std::string issuingElement = "cad.fire119.shanxi.cn";
    // Incident type id -> its English and Chinese names.
    std::map<std::string, std::pair<std::string, std::string>> incidentTypes;
    // City id -> its English and Chinese names (the city's fire and rescue detachment).
    std::map<std::string, std::pair<std::string, std::string>> cities;
    // Station id -> its city (the agency a unit belongs to).
    std::map<std::string, std::string> stationCity;
};

// The incident as an EIDO incident object: tracking identifier, type codes, location (civic
// address and a GeoJSON point), the owning and responding agencies, the dispatchers, every
// dispatch with its units, each unit's status history (dispatched, en route, on scene, cleared)
// as timestamped notes, the incident's status and disposition. `state` names the units (callsign,
// type, home station); `now` is the export's own time. Times are RFC 3339 with the China
// Standard Time offset, as NENA timestamps require an offset.
nlohmann::json eidoIncident(const core::Incident& incident, const core::State& state,
                            const EidoCatalog& catalog, core::TimeMs now);

// The incident `id` of `state` as EIDO JSON text (indented), or NotFound naming the id.
core::Result<std::string> exportEido(const core::State& state, const core::Id& id,
                                     const EidoCatalog& catalog, core::TimeMs now);

// NENA timestamp: "2026-03-14T08:15:30.120+08:00".
std::string nenaTimestamp(core::TimeMs t);

}  // namespace flameblue::reports

#include "reports/eido_export.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

namespace flameblue::reports {

namespace {

using nlohmann::json;

constexpr core::TimeMs kChinaOffsetMs = 8LL * 3600 * 1000;

// The closest common incident type (APCO ANS 2.103.2 names) of each of our incident types.
std::string commonIncidentType(std::string_view type) {
    static const std::vector<std::pair<std::string_view, std::string_view>> map = {
        {"building_fire", "Structure Fire"},
        {"high_rise_fire", "Structure Fire"},
        {"underground_rail_fire", "Structure Fire"},
        {"chemical_fire", "Hazardous Materials"},
        {"hazmat_leak", "Hazardous Materials"},
        {"forest_grassland_fire", "Wildland Fire"},
        {"flood_water_rescue", "Water Rescue"},
        {"geological_disaster", "Technical Rescue"},
        {"earthquake", "Earthquake"},
        {"mountain_rescue", "Technical Rescue"},
        {"traffic_accident", "Traffic Collision"},
        {"other_rescue", "Rescue"},
    };
    for (const auto& [ours, common] : map) {
        if (ours == type) {
            return std::string(common);
        }
    }
    return "Other";
}

std::string commonResourceType(const core::UnitSpec& spec) {
    static const std::vector<std::pair<std::string_view, std::string_view>> map = {
        {"engine", "Engine"},          {"foam", "Engine"},
        {"tanker", "Tender"},          {"aerial_ladder", "Aerial"},
        {"rescue", "Rescue"},          {"hazmat", "HazMat"},
        {"forest_team", "Crew"},       {"mountain_rescue_team", "Crew"},
        {"water_rescue_team", "Crew"}, {"command", "Command"},
        {"logistics", "Support"},      {"ambulance_support", "Ambulance"},
        {"helicopter", "Helicopter"},  {"fixed_wing", "FixedWing"},
    };
    for (const auto& [ours, common] : map) {
        if (ours == spec.unitType) {
            return std::string(common);
        }
    }
    return "Other";
}

std::string commonUnitStatus(core::UnitStatus s) {
    switch (s) {
        case core::UnitStatus::Available:
            return "Available";
        case core::UnitStatus::Dispatched:
            return "Dispatched";
        case core::UnitStatus::EnRoute:
            return "Enroute";
        case core::UnitStatus::OnScene:
            return "OnScene";
        case core::UnitStatus::Returning:
            return "Returning";
        case core::UnitStatus::OutOfService:
            return "OutOfService";
    }
    return "Unknown";
}

std::string commonIncidentStatus(core::IncidentStatus s) {
    switch (s) {
        case core::IncidentStatus::Received:
            return "Pending";
        case core::IncidentStatus::Active:
            return "Active";
        case core::IncidentStatus::UnderControl:
            return "UnderControl";
        case core::IncidentStatus::Closed:
            return "Closed";
    }
    return "Unknown";
}

json refTo(const std::string& id) {
    return json{{"$ref", id}};
}

// The part of the issuing element after its first label: "fire119.shanxi.cn".
std::string agencyDomain(const std::string& element) {
    const auto dot = element.find('.');
    return dot == std::string::npos ? element : element.substr(dot + 1);
}

class Builder {
public:
    Builder(const core::Incident& incident, const core::State& state, const EidoCatalog& catalog)
        : m_inc(incident),
          m_state(state),
          m_catalog(catalog),
          m_domain(agencyDomain(catalog.issuingElement)) {}

    json build(core::TimeMs now) {
        const std::string owning = agencyId(m_inc.city);
        const std::string locationId = m_inc.id + "-location";
        m_lastUpdate = m_inc.received;

        // Notes: what the caller reported, the dispatchers' notes, the status history.
        std::vector<std::string> incidentNotes;
        if (!m_inc.description.empty()) {
            incidentNotes.push_back(note(m_inc.received, "Caller reported: " + m_inc.description,
                                         m_inc.createdBy, m_inc.city));
        }
        incidentNotes.push_back(
            note(m_inc.received, "Incident status: alarm received", m_inc.createdBy, m_inc.city));
        for (const core::Note& n : m_inc.notes) {
            incidentNotes.push_back(note(n.time, n.text, n.operatorId, m_inc.city));
        }
        if (m_inc.firstDispatched) {
            incidentNotes.push_back(note(*m_inc.firstDispatched,
                                         "Incident status: first unit "
                                         "dispatched",
                                         {}, m_inc.city));
        }
        if (m_inc.underControl) {
            incidentNotes.push_back(
                note(*m_inc.underControl, "Incident status: under control", {}, m_inc.city));
        }
        if (m_inc.closed) {
            incidentNotes.push_back(note(*m_inc.closed, "Incident status: closed", {}, m_inc.city));
        }

        // Units, one emergency resource per assignment, and dispatches grouped by their time.
        json resources = json::array();
        std::vector<std::pair<core::TimeMs, std::vector<std::string>>> dispatches;
        bool anyArrived = false;
        for (std::size_t i = 0; i < m_inc.assignments.size(); ++i) {
            const core::Assignment& a = m_inc.assignments[i];
            const std::string rid = m_inc.id + "-resource-" + std::to_string(i + 1);
            resources.push_back(resource(a, rid));
            anyArrived = anyArrived || a.onScene.has_value();
            auto it = std::find_if(dispatches.begin(), dispatches.end(),
                                   [&](const auto& d) { return d.first == a.dispatched; });
            if (it == dispatches.end()) {
                dispatches.emplace_back(a.dispatched, std::vector<std::string>{rid});
            } else {
                it->second.push_back(rid);
            }
        }
        json dispatchComponent = json::array();
        for (std::size_t i = 0; i < dispatches.size(); ++i) {
            json refs = json::array();
            for (const std::string& rid : dispatches[i].second) {
                refs.push_back(refTo(rid));
            }
            dispatchComponent.push_back(
                json{{"$id", m_inc.id + "-dispatch-" + std::to_string(i + 1)},
                     {"lastUpdateTimestamp", nenaTimestamp(dispatches[i].first)},
                     {"updatedByAgencyReference", refTo(owning)},
                     {"agencyReference", refTo(owning)},
                     {"emergencyResourceReference", std::move(refs)}});
        }

        json incidentComponent = {
            {"$id", m_inc.id + "-incident"},
            {"lastUpdateTimestamp", nenaTimestamp(m_lastUpdate)},
            {"updatedByAgencyReference", refTo(owning)},
            {"incidentTrackingIdentifier",
             "urn:emergency:uid:incidentid:" + m_inc.id + ":" + m_catalog.issuingElement},
            {"internalIncidentId", m_inc.id},
            {"incidentTypeCommonRegistryText", commonIncidentType(m_inc.type)},
            {"incidentTypeInternalCode", m_inc.type},
            {"incidentTypeInternalText", typeName(m_inc.type)},
            {"incidentStatusCommonRegistryText", json::array({commonIncidentStatus(m_inc.status)})},
            {"incidentStatusInternalText", json::array({core::toString(m_inc.status)})},
            {"incidentPriorityInternalText", "level " + std::to_string(m_inc.level)},
            // Our levels 1..5 on NENA's 0..10 scale.
            {"incidentCommonPriorityNumber", m_inc.level * 2},
            {"beatOrDispatchGroupText", m_inc.city},
            {"locationReference", json::array({refTo(locationId)})},
        };
        if (m_inc.createdBy.empty()) {
            incidentComponent["agentReference"] = json::array();
        } else {
            incidentComponent["agentReference"] = json::array({refTo(agentId(m_inc.createdBy))});
            agent(m_inc.createdBy, m_inc.city);
        }
        json noteRefs = json::array();
        for (const std::string& id : incidentNotes) {
            noteRefs.push_back(refTo(id));
        }
        incidentComponent["notesReference"] = std::move(noteRefs);
        if (m_inc.status == core::IncidentStatus::Closed) {
            incidentComponent["dispositionComponent"] = json::array({json{
                {"$id", m_inc.id + "-disposition"},
                {"lastUpdateTimestamp", nenaTimestamp(m_inc.closed.value_or(m_lastUpdate))},
                {"updatedByAgencyReference", refTo(owning)},
                {"dispositionCommonRegistryText",
                 anyArrived ? "ServiceProvided" : "CancelledBeforeArrival"},
                {"dispositionInternalText", anyArrived ? "closed" : "closed without arrival"},
            }});
        }

        json location = {
            {"$id", locationId},
            {"lastUpdateTimestamp", nenaTimestamp(m_inc.received)},
            {"updatedByAgencyReference", refTo(owning)},
            {"locationTypeDescriptionRegistryText", json::array({"Incident"})},
            {"locationByValue",
             {{"civicAddress",
               {{"country", "CN"},
                {"A1", "山西省"},
                {"A2", cityName(m_inc.city).second},
                {"freeText", m_inc.address}}},
              {"geoJson",
               {{"type", "Point"},
                {"coordinates", json::array({m_inc.position.lonDeg, m_inc.position.latDeg})}}}}},
        };

        json eido = {
            {"$id", "urn:emergency:uid:eidoid:" + m_inc.id + "-" + std::to_string(now) + ":" +
                        m_catalog.issuingElement},
            {"eidoVersion", kEidoVersion},
            {"lastUpdateTimestamp", nenaTimestamp(m_lastUpdate)},
            {"issuingElementIdentification", m_catalog.issuingElement},
            {"incidentComponent", std::move(incidentComponent)},
            {"locationComponent", json::array({std::move(location)})},
            {"dispatchComponent", std::move(dispatchComponent)},
            {"emergencyResourceComponent", std::move(resources)},
            {"notesComponent", m_notes},
            {"agentComponent", m_agents},
        };
        json agencies = json::array();
        for (const auto& [city, _] : m_agencyCities) {
            const auto names = cityName(city);
            agencies.push_back(json{
                {"$id", agencyId(city)},
                {"lastUpdateTimestamp", nenaTimestamp(m_inc.received)},
                {"agencyName", names.first + " Fire and Rescue Detachment"},
                {"agencyNameInternalText", names.second + "消防救援支队"},
                {"incidentOwningAgencyIndicator", city == m_inc.city},
            });
        }
        eido["agencyComponent"] = std::move(agencies);
        return eido;
    }

private:
    std::string agencyId(const std::string& city) {
        m_agencyCities.emplace(city, true);
        return city + "." + m_domain;
    }
    static std::string agentId(const std::string& operatorId) { return "agent-" + operatorId; }

    void agent(const std::string& operatorId, const std::string& city) {
        if (operatorId.empty() || !m_agentIds.insert(operatorId).second) {
            return;
        }
        m_agents.push_back(json{{"$id", agentId(operatorId)},
                                {"lastUpdateTimestamp", nenaTimestamp(m_inc.received)},
                                {"agentRoleRegistryText", json::array({"Dispatcher"})},
                                {"agentIdentifier", operatorId},
                                {"agencyReference", refTo(agencyId(city))}});
    }

    std::string note(core::TimeMs at, const std::string& text, const std::string& author,
                     const std::string& city) {
        const std::string id = m_inc.id + "-note-" + std::to_string(m_notes.size() + 1);
        json n = {{"$id", id},
                  {"lastUpdateTimestamp", nenaTimestamp(at)},
                  {"updatedByAgencyReference", refTo(agencyId(city))},
                  {"noteDateTimeStamp", nenaTimestamp(at)},
                  {"noteText", text}};
        if (!author.empty()) {
            n["authorReference"] = refTo(agentId(author));
            agent(author, city);
        }
        m_notes.push_back(std::move(n));
        m_lastUpdate = std::max(m_lastUpdate, at);
        return m_notes.back()["$id"].get<std::string>();
    }

    json resource(const core::Assignment& a, const std::string& rid) {
        const core::Unit* unit = m_state.unit(a.unitId);
        core::UnitSpec spec;
        if (unit) {
            spec = unit->spec;
        } else {
            spec.id = a.unitId;  // removed from the roster since
        }
        std::string city = m_inc.city;
        if (const auto it = m_catalog.stationCity.find(spec.stationId);
            it != m_catalog.stationCity.end()) {
            city = it->second;
        }
        const std::string label = spec.callsign.empty() ? spec.id : spec.callsign;
        std::vector<std::string> notes;
        json internal = json::array();
        auto step = [&](core::TimeMs at, const char* code, const char* words) {
            internal.push_back(code);
            notes.push_back(note(at, label + " (" + spec.id + ") " + words, {}, city));
        };
        step(a.dispatched, "dispatched", "dispatched");
        if (a.enRoute) {
            step(*a.enRoute, "en_route", "en route");
        }
        if (a.onScene) {
            step(*a.onScene, "on_scene", "on scene");
        }
        if (a.released) {
            step(*a.released, "cleared",
                 a.onScene ? "cleared from the incident" : "called off before arrival");
        }
        std::string status = "Cleared";
        if (a.active()) {
            status = unit ? commonUnitStatus(unit->status) : "Unknown";
        }
        core::TimeMs last = a.dispatched;
        for (const auto& t : {a.enRoute, a.onScene, a.released}) {
            if (t) {
                last = std::max(last, *t);
            }
        }
        json refs = json::array();
        for (const std::string& id : notes) {
            refs.push_back(refTo(id));
        }
        return json{{"$id", rid},
                    {"lastUpdateTimestamp", nenaTimestamp(last)},
                    {"updatedByAgencyReference", refTo(agencyId(city))},
                    {"emergencyResourceName", label},
                    {"emergencyResourceIdentifier", spec.id},
                    {"emergencyResourceTypeCommonRegistryText", commonResourceType(spec)},
                    {"emergencyResourceTypeInternalText", spec.unitType},
                    {"primaryUnitStatusRegistryText", status},
                    {"unitStatusInternal", std::move(internal)},
                    {"notesReference", std::move(refs)}};
    }

    std::string typeName(const std::string& type) const {
        const auto it = m_catalog.incidentTypes.find(type);
        return it == m_catalog.incidentTypes.end() ? type : it->second.first;
    }
    std::pair<std::string, std::string> cityName(const std::string& city) const {
        const auto it = m_catalog.cities.find(city);
        return it == m_catalog.cities.end() ? std::make_pair(city, city) : it->second;
    }

    const core::Incident& m_inc;
    const core::State& m_state;
    const EidoCatalog& m_catalog;
    const std::string m_domain;
    core::TimeMs m_lastUpdate = 0;
    json m_notes = json::array();
    json m_agents = json::array();
    std::set<std::string> m_agentIds;
    std::map<std::string, bool> m_agencyCities;
};

}  // namespace

std::string nenaTimestamp(core::TimeMs t) {
    const core::TimeMs local = t + kChinaOffsetMs;
    const auto secs = static_cast<std::time_t>(local >= 0 ? local / 1000 : (local - 999) / 1000);
    const auto millis = static_cast<int>(local - static_cast<core::TimeMs>(secs) * 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+08:00", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
    return buf;
}

json eidoIncident(const core::Incident& incident, const core::State& state,
                  const EidoCatalog& catalog, core::TimeMs now) {
    Builder b(incident, state, catalog);
    return b.build(now);
}

core::Result<std::string> exportEido(const core::State& state, const core::Id& id,
                                     const EidoCatalog& catalog, core::TimeMs now) {
    if (id.empty()) {
        return core::invalidArgument("incident_id: required");
    }
    const core::Incident* incident = state.incident(id);
    if (!incident) {
        return core::notFound("incident_id: no incident \"" + id + "\"");
    }
    return eidoIncident(*incident, state, catalog, now).dump(2);
}

}  // namespace flameblue::reports

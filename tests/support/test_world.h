#pragma once

// A small piece of Shanxi for tests: real places, a handful of stations, units and one aircraft.

#include <vector>

#include "core/decide.h"
#include "core/events.h"
#include "core/state.h"

namespace flameblue::testing {

// 2026-11-28 20:00 UTC, already 2026-11-29 04:00 in Beijing.
inline constexpr core::TimeMs kT0 = 1'795'896'000'000;

inline core::LatLon taiyuanCentre() {
    return {37.8706, 112.5489};
}  // Yingze district
inline core::LatLon datongCentre() {
    return {40.0936, 113.2914};
}
inline core::LatLon yaocheng() {
    return {37.5920, 112.4060};
}

inline core::Reference testReference() {
    core::Reference ref;
    ref.incidentTypes = {"building_fire", "high_rise_fire", "forest_grassland_fire",
                         "traffic_accident"};
    ref.citySeats = {{"taiyuan", {37.86944, 112.56028}},
                     {"datong", {40.09361, 113.29139}},
                     {"lvliang", {37.5186, 111.1414}}};
    return ref;
}

inline core::Station station(const char* id, const char* city, core::LatLon p,
                             const char* cls = "class1") {
    core::Station s;
    s.id = id;
    s.nameZh = std::string(id) + "站";
    s.nameEn = std::string(id) + " station";
    s.city = city;
    s.county = "test";
    s.stationClass = cls;
    s.position = p;
    return s;
}

inline core::UnitSpec unit(const char* id, const char* stationId,
                           std::vector<std::string> caps = {"fire_suppression"},
                           core::UnitKind kind = core::UnitKind::Ground) {
    core::UnitSpec u;
    u.id = id;
    u.callsign = id;
    u.nameZh = std::string(id) + "车";
    u.nameEn = id;
    u.kind = kind;
    u.unitType = kind == core::UnitKind::Aircraft ? "helicopter" : "engine";
    u.stationId = stationId;
    u.capabilities = std::move(caps);
    u.crewCapacity = 6;
    if (kind == core::UnitKind::Aircraft) {
        u.registration = "B-7951";
        u.icao24 = "780a51";
        u.aircraftType = "z8";
    }
    return u;
}

inline std::vector<core::EventPayload> rosterEvents() {
    std::vector<core::EventPayload> out;
    out.emplace_back(core::StationUpserted{station("TY-S01", "taiyuan", {37.8650, 112.5600})});
    out.emplace_back(core::StationUpserted{station("TY-S02", "taiyuan", {37.8200, 112.5700})});
    out.emplace_back(core::StationUpserted{station("DT-S01", "datong", {40.0800, 113.3000})});
    out.emplace_back(
        core::StationUpserted{station("AV-YC", "taiyuan", yaocheng(), "aviation_base")});
    out.emplace_back(core::UnitUpserted{unit("TY-E1", "TY-S01"), 5});
    out.emplace_back(core::UnitUpserted{unit("TY-E2", "TY-S02"), 4});
    out.emplace_back(
        core::UnitUpserted{unit("TY-L1", "TY-S01", {"aerial_ladder", "high_rise"}), 3});
    out.emplace_back(core::UnitUpserted{unit("DT-E1", "DT-S01"), 5});
    out.emplace_back(core::UnitUpserted{
        unit("AV-Z8-01", "AV-YC", {"air_water_drop", "air_rescue"}, core::UnitKind::Aircraft), 4});
    core::WaterSource w;
    w.id = "WS-FENHE";
    w.nameZh = "汾河水库";
    w.nameEn = "Fenhe Reservoir";
    w.kind = "reservoir";
    w.city = "taiyuan";
    w.position = {38.0520, 111.9270};
    w.dipSite = true;
    out.emplace_back(core::WaterSourceUpserted{w});
    return out;
}

// Applies payloads as sequenced events, one second apart from `t`.
inline void applyAll(core::State& s, const std::vector<core::EventPayload>& payloads,
                     core::TimeMs t = kT0, const std::string& op = "tester") {
    for (const auto& p : payloads) {
        core::Event e;
        e.seq = s.lastSeq() + 1;
        e.time = t;
        e.operatorId = op;
        e.origin = "test";
        e.payload = p;
        s.apply(e);
        t += 1000;
    }
}

}  // namespace flameblue::testing

// A small Shanxi world for the console model tests: two cities, three stations, four units,
// one aircraft, two incidents, a dip site. Times are fixed so that outputs are reproducible.
#pragma once

#include <google/protobuf/util/time_util.h>

#include "flameblue/v1/dispatch.pb.h"

namespace flameblue::console::test {

namespace pb = ::flameblue::v1;

// 2024-06-01 08:00:00 UTC.
inline constexpr qint64 kT0Ms = 1717228800000;

inline google::protobuf::Timestamp at(qint64 ms) {
    return google::protobuf::util::TimeUtil::MillisecondsToTimestamp(ms);
}

inline pb::Catalog catalog() {
    pb::Catalog c;
    auto add = [](auto* list, const char* id, const char* zh, const char* en) {
        pb::CatalogEntry* e = list->Add();
        e->set_id(id);
        e->set_name_zh(zh);
        e->set_name_en(en);
    };
    add(c.mutable_cities(), "taiyuan", "太原市", "Taiyuan");
    add(c.mutable_cities(), "datong", "大同市", "Datong");
    add(c.mutable_station_classes(), "class1", "一级站", "Class-1 station");
    add(c.mutable_station_classes(), "aviation", "航空救援", "Aviation");
    add(c.mutable_capabilities(), "pumper", "水罐消防", "Pumper");
    add(c.mutable_capabilities(), "aerial_ladder", "登高平台", "Aerial ladder");
    add(c.mutable_capabilities(), "water_rescue", "水域救援", "Water rescue");
    add(c.mutable_unit_types(), "water_tender", "水罐消防车", "Water tender");
    add(c.mutable_unit_types(), "aerial_platform", "登高平台消防车", "Aerial platform");
    add(c.mutable_incident_types(), "building_fire", "建筑火灾", "Building fire");
    add(c.mutable_incident_types(), "forest_grassland_fire", "森林草原火灾",
        "Forest and grassland fire");
    add(c.mutable_aircraft_types(), "Z-8", "直-8", "Z-8");
    return c;
}

inline pb::Station station(const char* id, const char* zh, const char* en, const char* city,
                           const char* cls, double lat, double lon) {
    pb::Station s;
    s.set_id(id);
    s.set_name_zh(zh);
    s.set_name_en(en);
    s.set_city(city);
    s.set_station_class(cls);
    s.mutable_position()->set_lat(lat);
    s.mutable_position()->set_lon(lon);
    s.set_illustrative(true);
    return s;
}

inline pb::PositionFix fix(double lat, double lon, qint64 timeMs, double headingDeg = 90) {
    pb::PositionFix f;
    f.mutable_position()->set_lat(lat);
    f.mutable_position()->set_lon(lon);
    f.set_heading_deg(headingDeg);
    f.set_speed_kmh(40);
    *f.mutable_time() = at(timeMs);
    return f;
}

inline pb::Unit unit(const char* id, const char* callsign, const char* stationId, const char* type,
                     std::initializer_list<const char*> caps,
                     pb::UnitStatus status = pb::UNIT_STATUS_AVAILABLE) {
    pb::Unit u;
    u.set_id(id);
    u.set_callsign(callsign);
    u.set_name_zh(std::string(callsign) + " 号车");
    u.set_name_en(std::string("Engine ") + callsign);
    u.set_unit_type(type);
    u.set_station_id(stationId);
    for (const char* c : caps) {
        u.add_capabilities(c);
    }
    u.set_crew_capacity(6);
    u.set_staffing(5);
    u.set_status(status);
    // As the server marks the statuses these fixtures use (its status machine decides).
    u.set_dispatchable(status == pb::UNIT_STATUS_AVAILABLE);
    if (status == pb::UNIT_STATUS_AVAILABLE)
        u.add_next_statuses(pb::UNIT_STATUS_OUT_OF_SERVICE);
    else if (status == pb::UNIT_STATUS_OUT_OF_SERVICE)
        u.add_next_statuses(pb::UNIT_STATUS_AVAILABLE);
    *u.mutable_status_since() = at(kT0Ms - 3600'000);
    return u;
}

inline pb::Incident incident(const char* id, const char* type, int level, qint64 receivedMs,
                             double lat, double lon, const char* city, const char* address) {
    pb::Incident i;
    i.set_id(id);
    i.set_type(type);
    i.set_level(level);
    i.set_status(pb::INCIDENT_STATUS_RECEIVED);
    i.mutable_position()->set_lat(lat);
    i.mutable_position()->set_lon(lon);
    i.set_city(city);
    i.set_address(address);
    *i.mutable_received() = at(receivedMs);
    return i;
}

// The snapshot as the server sends it: begin, two chunks, end at seq 100.
struct Snapshot {
    pb::SnapshotBegin begin;
    std::vector<pb::SnapshotChunk> chunks;
    quint64 seq = 100;
};

inline Snapshot snapshot() {
    Snapshot s;
    s.begin.set_session_id("live");
    s.begin.set_seq(100);
    s.begin.set_reason("new");
    pb::SnapshotChunk a;
    *a.add_stations() = station("ty-01", "太原迎泽消防救援站", "Taiyuan Yingze Station", "taiyuan",
                                "class1", 37.8570, 112.5610);
    *a.add_stations() = station("dt-01", "大同平城消防救援站", "Datong Pingcheng Station", "datong",
                                "class1", 40.0768, 113.3001);
    *a.add_stations() = station("tyc-air", "太原尧城航空救援站", "Taiyuan Yaocheng Airbase",
                                "taiyuan", "aviation", 37.5900, 112.4300);
    pb::Unit ty1 = unit("ty-01-e1", "迎泽1", "ty-01", "water_tender", {"pumper"});
    *ty1.mutable_last_fix() = fix(37.8571, 112.5611, kT0Ms - 60'000);
    *a.add_units() = ty1;
    *a.add_units() =
        unit("ty-01-l1", "迎泽2", "ty-01", "aerial_platform", {"aerial_ladder", "pumper"});
    s.chunks.push_back(a);
    pb::SnapshotChunk b;
    *b.add_units() = unit("dt-01-e1", "平城1", "dt-01", "water_tender", {"pumper", "water_rescue"});
    *b.add_units() = unit("dt-01-e2", "平城2", "dt-01", "water_tender", {"pumper"},
                          pb::UNIT_STATUS_OUT_OF_SERVICE);
    pb::Aircraft z8;
    z8.set_id("air-z8-1");
    z8.set_callsign("B-7101");
    z8.set_registration("B-7101");
    z8.set_icao24("7A0001");
    z8.set_aircraft_type("Z-8");
    z8.set_base_station_id("tyc-air");
    z8.set_name_zh("直-8 一号");
    z8.set_name_en("Z-8 No. 1");
    z8.set_status(pb::UNIT_STATUS_AVAILABLE);
    z8.set_dispatchable(true);
    z8.set_staffing(4);
    z8.set_crew_capacity(4);
    *b.add_aircraft() = z8;
    *b.add_incidents() = incident("inc-1", "building_fire", 2, kT0Ms - 600'000, 37.8702, 112.5489,
                                  "taiyuan", "迎泽大街 100 号");
    *b.add_incidents() = incident("inc-2", "forest_grassland_fire", 3, kT0Ms - 120'000, 38.9, 112.1,
                                  "taiyuan", "娄烦县 云顶山");
    pb::WaterSource w;
    w.set_id("ws-fenhe");
    w.set_name_zh("汾河水库");
    w.set_name_en("Fenhe Reservoir");
    w.set_kind("reservoir");
    w.set_city("taiyuan");
    w.mutable_position()->set_lat(38.03);
    w.mutable_position()->set_lon(111.93);
    w.set_dip_site(true);
    *b.add_water_sources() = w;
    s.chunks.push_back(b);
    s.begin.set_stations(3);
    s.begin.set_units(4);
    s.begin.set_aircraft(1);
    s.begin.set_incidents(2);
    s.begin.set_water_sources(1);
    return s;
}

inline pb::Event event(quint64 seq, const char* kind, const char* subject, qint64 timeMs) {
    pb::Event e;
    e.set_seq(seq);
    e.set_kind(kind);
    e.set_subject(subject);
    e.set_operator_id("zhang.wei");
    e.set_origin("console-1");
    *e.mutable_time() = at(timeMs);
    return e;
}

}  // namespace flameblue::console::test

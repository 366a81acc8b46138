// The building registry: the shipped demo data loads, and a broken file is refused with every
// problem named.
#include <gtest/gtest.h>

#include <fstream>

#include "iot/registry.h"

using namespace flameblue::iot;

namespace {

const std::set<std::string> kCities = {"taiyuan",  "datong",   "yangquan", "changzhi",
                                       "jincheng", "shuozhou", "jinzhong", "yuncheng",
                                       "xinzhou",  "linfen",   "lvliang"};
const std::set<std::string> kTypes = {"building_fire", "high_rise_fire", "chemical_fire"};

TEST(Registry, TheDemoDataHasBuildingsInEveryCity) {
    std::set<std::string> sources;
    for (const char* id : {"WS-TY-01", "WS-TY-02", "WS-TY-03", "WS-TY-05", "WS-TY-07"})
        sources.insert(id);
    // Water sensors of sources outside this set are refused: pass every id the file names.
    std::ifstream in(std::string(FLAMEBLUE_DATA_DIR) + "/water_sources.json");
    std::string line;
    while (std::getline(in, line)) {
        const auto at = line.find("\"id\": \"");
        if (at != std::string::npos)
            sources.insert(line.substr(at + 7, line.find('"', at + 7) - at - 7));
    }
    auto r = Registry::load(std::string(FLAMEBLUE_DATA_DIR) + "/buildings.json", kCities, kTypes,
                            sources);
    ASSERT_TRUE(r.ok()) << r.error().message;
    std::set<std::string> cities;
    std::set<std::string> kinds;
    for (const auto& b : r->buildings()) {
        cities.insert(b.city);
        kinds.insert(b.kind);
        EXPECT_FALSE(b.preplanZh.empty()) << b.id;
    }
    EXPECT_EQ(cities, kCities);
    EXPECT_EQ(kinds.size(), 5U);
    const Device* p = r->device("BLD-TY-01-P1");
    ASSERT_NE(p, nullptr);
    EXPECT_FALSE(p->water);
    EXPECT_EQ(r->buildings()[p->building].id, "BLD-TY-01");
    const Device* s = r->device("WS-TY-01-LV");
    ASSERT_NE(s, nullptr);
    EXPECT_TRUE(s->water);
    EXPECT_EQ(s->sensor.quantity, "level_m");
    EXPECT_EQ(r->recommendationFor("petrochemical").incidentType, "chemical_fire");
}

TEST(Registry, ABrokenFileIsRefusedWithEveryProblem) {
    const std::string file = ::testing::TempDir() + "/buildings-broken.json";
    std::ofstream(file) << R"({"buildings":[
        {"id":"B1","name_zh":"x","name_en":"x","kind":"castle","city":"atlantis","lat":37.8,
         "lon":112.5,"floors":3,"devices":[{"id":"D1"}]},
        {"id":"B1","name_zh":"y","name_en":"y","kind":"school","city":"taiyuan","lat":0,
         "lon":0,"floors":3,"devices":[{"id":"D1"}]}],
      "water_sensors":[{"device":"W1","source":"WS-NONE","quantity":"flow","minimum":1}]})";
    auto r = Registry::load(file, kCities, kTypes, {});
    ASSERT_FALSE(r.ok());
    for (const char* what : {"castle", "atlantis", "used twice", "WS-NONE", "quantity", "lat"})
        EXPECT_NE(r.error().message.find(what), std::string::npos) << what;
}

}  // namespace

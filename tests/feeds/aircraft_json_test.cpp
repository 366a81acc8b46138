#include <gtest/gtest.h>

#include "feeds/aircraft_json.h"

using namespace flameblue::feeds;

TEST(AircraftJson, ReadsReadsbRecordsWithAbsentKeysAndGround) {
    const char* doc = R"({"now": 1796000000.5, "messages": 123456, "aircraft": [
        {"hex": "780e41", "flight": "YC01    ", "lat": 37.592, "lon": 112.406,
         "alt_baro": 3500, "gs": 120.0, "track": 275.5, "baro_rate": -640, "squawk": "7700",
         "category": "A7", "seen": 0.5, "seen_pos": 1.5},
        {"hex": "780e42", "alt_baro": "ground", "seen": 2.0},
        {"hex": "~1234ab", "lat": 37.0, "lon": 112.0},
        {"hex": "780e43", "lat": 137.0, "lon": 112.0}
    ]})";
    auto r = parseAircraftJson(doc);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->aircraft.size(), 2u);
    EXPECT_EQ(r->skipped, 2u);
    EXPECT_NE(r->firstProblem.find("ICAO"), std::string::npos);
    const AircraftTrack& a = r->aircraft[0];
    EXPECT_EQ(a.icao, 0x780E41u);
    EXPECT_EQ(a.callsign, "YC01");
    EXPECT_TRUE(a.rotorcraft);
    EXPECT_EQ(a.squawk, 7700);
    EXPECT_EQ(a.positionTime, 1'795'999'999'000);
    EXPECT_EQ(a.lastSeen, 1'796'000'000'000);
    const AircraftTrack& b = r->aircraft[1];
    EXPECT_TRUE(b.onGround);
    EXPECT_FALSE(b.position.has_value());
    EXPECT_FALSE(b.altitudeFt.has_value());
}

TEST(AircraftJson, RejectsDocumentsThatAreNotAircraftLists) {
    EXPECT_FALSE(parseAircraftJson("").ok());
    EXPECT_FALSE(parseAircraftJson("{\"now\": 1").ok());
    EXPECT_FALSE(parseAircraftJson("[1,2,3]").ok());
    EXPECT_FALSE(parseAircraftJson("{\"aircraft\": []}").ok());
    EXPECT_FALSE(parseAircraftJson("{\"now\": 5, \"aircraft\": {}}").ok());
    EXPECT_FALSE(parseAircraftJson("{\"now\": 5, \"aircraft\": []}").ok());  // not Unix time
    auto empty = parseAircraftJson("{\"now\": 1796000000, \"aircraft\": []}");
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(empty->aircraft.empty());
}

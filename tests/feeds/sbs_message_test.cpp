#include <gtest/gtest.h>

#include "feeds/aircraft_tracker.h"
#include "feeds/sbs_message.h"

using namespace flameblue::feeds;

namespace {

SbsParse parse(std::string_view line, SbsMessage& m) {
    std::string_view error;
    return parseSbsLine(line, m, error);
}

// As dump1090 and readsb write them: date/time and session fields often empty.
constexpr const char* kType1 =
    "MSG,1,1,1,780E41,1,2026/11/29,08:00:00.000,2026/11/29,08:00:00.000,YC01    ,,,,,,,,,,,0";
constexpr const char* kType3 = "MSG,3,,,780E41,,,,,,,3500,,,37.59200,112.40600,,,0,0,0,0\r\n";
constexpr const char* kType4 = "MSG,4,,,780E41,,,,,,,,120,275.5,,,-640,,,,,0";
constexpr const char* kType6 = "MSG,6,,,780E41,,,,,,,3500,,,,,,7700,0,-1,0,0";

}  // namespace

TEST(Sbs, DecodesEachMessageType) {
    SbsMessage m;
    ASSERT_EQ(parse(kType1, m), SbsParse::Message);
    EXPECT_EQ(m.transmissionType, 1);
    EXPECT_EQ(m.icao, 0x780E41u);
    EXPECT_EQ(m.callsign, "YC01");
    EXPECT_FALSE(m.latDeg.has_value());
    EXPECT_EQ(m.onGround, false);

    ASSERT_EQ(parse(kType3, m), SbsParse::Message);
    EXPECT_DOUBLE_EQ(*m.altitudeFt, 3500);
    EXPECT_DOUBLE_EQ(*m.latDeg, 37.592);
    EXPECT_DOUBLE_EQ(*m.lonDeg, 112.406);
    EXPECT_FALSE(m.callsign.has_value());

    ASSERT_EQ(parse(kType4, m), SbsParse::Message);
    EXPECT_DOUBLE_EQ(*m.groundSpeedKt, 120);
    EXPECT_DOUBLE_EQ(*m.trackDeg, 275.5);
    EXPECT_DOUBLE_EQ(*m.verticalRateFpm, -640);

    ASSERT_EQ(parse(kType6, m), SbsParse::Message);
    EXPECT_EQ(m.squawk, 7700);
    EXPECT_EQ(m.emergency, true);
    EXPECT_EQ(m.alert, false);
}

TEST(Sbs, OtherLineKindsAndBlankLinesAreIgnored) {
    SbsMessage m;
    for (const char* line :
         {"SEL,,496,2286,4CA4E5,27215,2010/02/19,18:06:07.710,,,RYR1427",
          "ID,,496,7162,405637,27928,2010/02/19,18:06:07.115,,,EZY691A",
          "AIR,,496,5906,400F01,27931,2010/02/19,18:06:07.128",
          "STA,,5,179,400AE7,10103,2008/11/28,14:58:51.153,,,RM", "CLK,,,", "", "\r"}) {
        EXPECT_EQ(parse(line, m), SbsParse::Ignored) << line;
    }
}

TEST(Sbs, MalformedLinesAreRefusedWithAReason) {
    SbsMessage m;
    std::string_view error;
    const char* bad[] = {
        "MSG,9,,,780E41,,,,,,,3500,,,37.5,112.4,,,0,0,0,0",      // type out of range
        "MSG,3,,,78ZE41,,,,,,,3500,,,37.5,112.4,,,0,0,0,0",      // not hex
        "MSG,3,,,780E41,,,,,,,3500,,,95.0,112.4,,,0,0,0,0",      // latitude
        "MSG,3,,,780E41,,,,,,,3500,,,37.5,,,,0,0,0,0",           // lat without lon
        "MSG,3,,,780E41,,,,,,,35x0,,,37.5,112.4,,,0,0,0,0",      // garbage number
        "MSG,6,,,780E41,,,,,,,,,,,,,7800,0,0,0,0",               // squawk not octal
        "MSG,3,,,780E41,,,,,,,3500,,,37.5,112.4,,,0,2,0,0",      // flag
        "MSG,3,,,780E41",                                        // truncated
        "MSG,3,,,780E41,,,,,,,3500,,,37.5,112.4,,,0,0,0,0,1,2",  // too many fields
        "HELLO,3,,,780E41",
        "MSG,1,,,780E41,,,,,,\x01\x02\x03,,,,,,,,,,,0",  // binary callsign
    };
    for (const char* line : bad) {
        EXPECT_EQ(parseSbsLine(line, m, error), SbsParse::Malformed) << line;
        EXPECT_FALSE(error.empty());
    }
    const std::string longLine(600, 'M');
    EXPECT_EQ(parseSbsLine(longLine, m, error), SbsParse::Malformed);
}

TEST(Sbs, TrackerMergesOneAircraftAcrossMessageTypes) {
    AircraftTracker tracker;
    SbsMessage m;
    ASSERT_EQ(parse(kType1, m), SbsParse::Message);
    EXPECT_FALSE(tracker.apply(m, 1000).position);
    ASSERT_EQ(parse(kType4, m), SbsParse::Message);
    EXPECT_FALSE(tracker.apply(m, 1100).position);
    ASSERT_EQ(parse(kType3, m), SbsParse::Message);
    EXPECT_TRUE(tracker.apply(m, 1200).position);
    ASSERT_EQ(parse(kType6, m), SbsParse::Message);
    tracker.apply(m, 1300);

    const AircraftTrack* t = tracker.find(0x780E41);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->callsign, "YC01");
    EXPECT_EQ(t->positionTime, 1200);
    EXPECT_EQ(t->lastSeen, 1300);
    EXPECT_EQ(t->squawk, 7700);
    EXPECT_TRUE(t->emergency);
    const auto fix = toFix(*t);
    EXPECT_NEAR(*fix.altitudeM, 1066.8, 1e-6);  // 3,500 ft
    EXPECT_NEAR(*fix.speedKmh, 222.24, 1e-6);   // 120 kt
    EXPECT_DOUBLE_EQ(*fix.headingDeg, 275.5);
    tracker.expire(70'000, 60'000);
    EXPECT_EQ(tracker.find(0x780E41), nullptr);
}

TEST(Sbs, IcaoHexRoundTrips) {
    EXPECT_EQ(icaoHex(0x780E41), "780e41");
    EXPECT_EQ(parseIcaoHex("780e41"), 0x780E41u);
    EXPECT_FALSE(parseIcaoHex("780e4").has_value());
    EXPECT_FALSE(parseIcaoHex("~80e41").has_value());
}

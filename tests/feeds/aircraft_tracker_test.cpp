// One aircraft's state built up from SBS-1 lines of several types: a new altitude, speed or track
// between positions is news, not only a new position.
#include <gtest/gtest.h>

#include "feeds/sbs_decoder.h"

using namespace flameblue::feeds;
using flameblue::core::TimeMs;

namespace {
constexpr TimeMs kT0 = 1'796'000'000'000;
}

TEST(SbsDecoder, AltitudeSpeedAndTrackAfterAPositionAreHandedOn) {
    FeedCounters counters;
    ProblemLog problems("test", nullptr);
    SbsDecoder decoder(counters, problems);
    decoder.feed("MSG,3,,,780A51,,,,,,,2775,,,37.59200,112.40600,,,0,0,0,0\r\n", kT0);
    auto moved = decoder.takeMoved();
    ASSERT_EQ(moved.size(), 1u);
    EXPECT_EQ(moved[0].altitudeFt, 2775);

    // The transponder says 2,725 ft before the next position.
    decoder.feed("MSG,5,,,780A51,,,,,,,2725,,,,,,,0,0,0,0\r\n", kT0 + 500);
    moved = decoder.takeMoved();
    ASSERT_EQ(moved.size(), 1u);
    EXPECT_EQ(moved[0].altitudeFt, 2725);
    EXPECT_EQ(moved[0].altitudeTime, kT0 + 500);
    EXPECT_EQ(moved[0].positionTime, kT0);  // the position is the one heard before
    EXPECT_DOUBLE_EQ(moved[0].position->latDeg, 37.592);

    decoder.feed("MSG,4,,,780A51,,,,,,,,118,270.0,,,-320,,,,,0\r\n", kT0 + 700);
    moved = decoder.takeMoved();
    ASSERT_EQ(moved.size(), 1u);
    EXPECT_EQ(moved[0].groundSpeedKt, 118);
    EXPECT_EQ(moved[0].trackDeg, 270.0);
    EXPECT_EQ(moved[0].velocityTime, kT0 + 700);

    // The same altitude again brings nothing new.
    decoder.feed("MSG,5,,,780A51,,,,,,,2725,,,,,,,0,0,0,0\r\n", kT0 + 900);
    EXPECT_TRUE(decoder.takeMoved().empty());
}

TEST(SbsDecoder, AnAltitudeBeforeAnyPositionIsNotHandedOn) {
    FeedCounters counters;
    ProblemLog problems("test", nullptr);
    SbsDecoder decoder(counters, problems);
    decoder.feed("MSG,5,,,780A51,,,,,,,2725,,,,,,,0,0,0,0\r\n", kT0);
    decoder.feed("MSG,5,,,780A51,,,,,,,2700,,,,,,,0,0,0,0\r\n", kT0 + 500);
    EXPECT_TRUE(decoder.takeMoved().empty());  // nothing to attach it to
}

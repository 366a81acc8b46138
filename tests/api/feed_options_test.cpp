// The feed options as operators write them.
#include <gtest/gtest.h>

#include "app/feed_options.h"

using namespace flameblue::app;

TEST(FeedOptions, ReadsSourcesIntervalsSpeedsAndLoops) {
    std::string error;
    auto json = parseAircraftJsonSpec("http://192.168.10.30:8080/data/aircraft.json@2.5", error);
    ASSERT_TRUE(json) << error;
    EXPECT_EQ(json->source, "http://192.168.10.30:8080/data/aircraft.json");
    EXPECT_DOUBLE_EQ(json->intervalSeconds, 2.5);
    auto file = parseAircraftJsonSpec("/run/readsb/aircraft.json", error);
    ASSERT_TRUE(file) << error;
    EXPECT_EQ(file->source, "/run/readsb/aircraft.json");
    EXPECT_DOUBLE_EQ(file->intervalSeconds, 1.0);
    EXPECT_FALSE(parseAircraftJsonSpec("/run/readsb/aircraft.json@0.01", error));
    EXPECT_NE(error.find("interval"), std::string::npos);

    auto replay = parseSbsReplaySpec("data/recordings/yaocheng_fire_drill.sbs@10,loop", error);
    ASSERT_TRUE(replay) << error;
    EXPECT_EQ(replay->path, "data/recordings/yaocheng_fire_drill.sbs");
    EXPECT_DOUBLE_EQ(replay->speed, 10);
    EXPECT_TRUE(replay->loop);
    auto once = parseSbsReplaySpec("drill.sbs", error);
    ASSERT_TRUE(once);
    EXPECT_DOUBLE_EQ(once->speed, 1);
    EXPECT_FALSE(once->loop);
    EXPECT_FALSE(parseSbsReplaySpec("drill.sbs@0", error));
    EXPECT_FALSE(parseSbsReplaySpec("@5", error));

    auto box = parseGeoBox("36.5,111.0,38.5,113.5", error);
    ASSERT_TRUE(box) << error;
    EXPECT_DOUBLE_EQ(box->southDeg, 36.5);
    EXPECT_DOUBLE_EQ(box->eastDeg, 113.5);
    EXPECT_FALSE(parseGeoBox("36.5,111.0,38.5", error));
    EXPECT_FALSE(parseGeoBox("36.5,111.0,38.5,113.5,1", error));
    EXPECT_FALSE(parseGeoBox("38.5,111.0,36.5,113.5", error));
    EXPECT_FALSE(parseGeoBox("a,b,c,d", error));
}

TEST(FeedOptions, TakesOnlyItsOwnOptionsFromTheCommandLine) {
    const char* args[] = {"flameblue-server",     "--traffic-area", "off",        "--cot",
                          "udp://239.2.3.1:6969", "--listen",       "127.0.0.1:1"};
    char** argv = const_cast<char**>(args);
    FeedOptions out;
    std::string error;
    int i = 1;
    ASSERT_TRUE(parseFeedOption(7, argv, i, out, error));
    EXPECT_TRUE(error.empty());
    EXPECT_EQ(out.traffic.maxAircraft, 0u);
    ++i;
    ASSERT_TRUE(parseFeedOption(7, argv, i, out, error));
    EXPECT_EQ(out.cotEndpoint, "udp://239.2.3.1:6969");
    ++i;
    EXPECT_FALSE(parseFeedOption(7, argv, i, out, error));  // --listen is not a feed option
    EXPECT_TRUE(error.empty());
}

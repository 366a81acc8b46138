// Replay of recorded SBS-1 files: times from the lines, empty ones, speed, loops, bad lines.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <mutex>

#include "feeds/sbs_replay.h"
#include "loopback_server.h"

using namespace flameblue::feeds;
using flameblue::testing::waitUntil;

namespace {

class TempFile {
public:
    explicit TempFile(const std::string& text) {
        static int n = 0;
        m_path =
            std::filesystem::temp_directory_path() /
            ("flameblue-replay-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".sbs");
        std::ofstream(m_path, std::ios::binary) << text;
    }
    ~TempFile() { std::filesystem::remove(m_path); }
    std::string path() const { return m_path.string(); }

private:
    std::filesystem::path m_path;
};

struct Played {
    std::mutex mutex;
    std::vector<AircraftTrack> tracks;
    void add(std::vector<AircraftTrack> b) {
        std::lock_guard lock(mutex);
        tracks.insert(tracks.end(), b.begin(), b.end());
    }
    std::size_t size() {
        std::lock_guard lock(mutex);
        return tracks.size();
    }
};

// Two helicopters leave Yaocheng two seconds apart; a CRLF line, a SEL line and garbage between.
const char* kRecording =
    "MSG,1,1,1,780E41,1,2026/11/29,09:41:00.000,2026/11/29,09:41:00.010,YC01    ,,,,,,,,,,,0\r\n"
    "MSG,3,1,1,780E41,1,2026/11/29,09:41:00.500,2026/11/"
    "29,09:41:00.510,,1800,,,37.59200,112.40600,,,0,0,0,0\n"
    "SEL,,496,2286,4CA4E5,27215,2010/02/19,18:06:07.710,2010/02/19,18:06:07.710,RYR1427\n"
    "this line is not SBS\n"
    "MSG,4,1,1,780E41,1,,,,,,,120,275.5,,,-640,,,,,0\n"
    "MSG,3,1,1,780E42,1,2026/11/29,09:41:02.000,,,,2200,,,37.60000,112.41000,,,0,0,0,0\n"
    "MSG,3,1,1,780E41,1,,,2026/11/29,09:41:02.400,,2400,,,37.61000,112.39000,,,0,0,0,0\n";

}  // namespace

TEST(SbsLineTime, ReadsGeneratedThenLoggedTimeAndRejectsNonsense) {
    const auto t = sbsLineTime(
        "MSG,3,1,1,780E41,1,2026/11/29,09:41:00.500,2026/11/29,09:41:00.900,,1800,,,37.5,112.4");
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(*t, 1'795'945'260'500);  // 2026-11-29T09:41:00.5Z
    EXPECT_EQ(sbsLineTime("MSG,3,1,1,780E41,1,,,2026/11/29,09:41:00.9,,1800"), 1'795'945'260'900);
    EXPECT_EQ(sbsLineTime("MSG,3,1,1,780E41,1,2026-11-29,09:41:00,,,,"), 1'795'945'260'000);
    EXPECT_FALSE(sbsLineTime("MSG,3,,,780E41,,,,,,,1800").has_value());
    EXPECT_FALSE(sbsLineTime("MSG,3,1,1,780E41,1,2026/13/29,09:41:00.000,,,").has_value());
    EXPECT_FALSE(sbsLineTime("MSG,3,1,1,780E41,1,2026/02/30,09:41:00.000,,,").has_value());
    EXPECT_FALSE(sbsLineTime("MSG,3,1,1,780E41,1,2026/11/29,25:41:00.000,,,").has_value());
    EXPECT_FALSE(sbsLineTime("MSG,3,1,1,780E41,1,2026/11/29,09:41:00.0x0,,,").has_value());
    EXPECT_FALSE(sbsLineTime("").has_value());
}

TEST(SbsReplay, PlaysARecordingInOrderWithTheStateOfEachAircraft) {
    TempFile file(kRecording);
    Played played;
    SbsReplayOptions o;
    o.path = file.path();
    o.speed = 50;        // 2.4 recorded seconds in about 50 ms
    o.flushSeconds = 0;  // every line handed on as played: the order across aircraft is kept
    SbsReplay replay(
        o, [] { return flameblue::core::TimeMs{1'800'000'000'000}; },
        [&](std::vector<AircraftTrack> b) { played.add(std::move(b)); }, nullptr);
    replay.start();
    ASSERT_TRUE(waitUntil([&] { return replay.finished(); }));
    replay.stop();

    std::lock_guard lock(played.mutex);
    ASSERT_GE(played.tracks.size(), 3u);
    // The first fix of 780e41 comes before 780e42's, which comes before 780e41's second.
    std::vector<std::pair<std::uint32_t, double>> order;
    for (const auto& t : played.tracks)
        order.emplace_back(t.icao, t.position->latDeg);
    const auto first = std::find(order.begin(), order.end(), std::pair{0x780E41u, 37.592});
    const auto other = std::find(order.begin(), order.end(), std::pair{0x780E42u, 37.6});
    const auto last = std::find(order.begin(), order.end(), std::pair{0x780E41u, 37.61});
    ASSERT_NE(first, order.end());
    ASSERT_NE(other, order.end());
    ASSERT_NE(last, order.end());
    EXPECT_LT(first, other);
    EXPECT_LT(other, last);
    const AircraftTrack& z8 = *std::find_if(played.tracks.rbegin(), played.tracks.rend(),
                                            [](const auto& t) { return t.icao == 0x780E41u; });
    EXPECT_EQ(z8.callsign, "YC01");
    EXPECT_DOUBLE_EQ(*z8.altitudeFt, 2400);
    EXPECT_DOUBLE_EQ(*z8.groundSpeedKt, 120);
    EXPECT_DOUBLE_EQ(*z8.trackDeg, 275.5);
    // Positions carry the time they are played, so downstream it looks like a live feed, and
    // the pace they are played at, so that their speed is judged on the recorded clock.
    EXPECT_EQ(z8.positionTime, 1'800'000'000'000);
    EXPECT_DOUBLE_EQ(z8.pace, 50.0);
    EXPECT_EQ(replay.counters().malformed.load(), 1u);
    EXPECT_EQ(replay.counters().ignored.load(), 1u);
    EXPECT_EQ(replay.counters().messages.load(), 5u);
}

TEST(SbsReplay, LoopsAndPlaysFilesWithoutTimesOrWithAHalfLastLine) {
    // No times at all (as many receivers send it), and the recording stops mid-line.
    TempFile file(
        "MSG,3,,,780E43,,,,,,,1500,,,37.50000,112.30000,,,,,,0\n"
        "MSG,3,,,780E43,,,,,,,1600,,,37.51000,112.31000,,,,,,0\n"
        "MSG,3,,,780E43,,,,,,,1700,,,37.52");
    Played played;
    std::atomic<flameblue::core::TimeMs> now{1'800'000'000'000};
    SbsReplayOptions o;
    o.path = file.path();
    o.speed = 100;
    o.loop = true;
    SbsReplay replay(
        o, [&] { return now += 10; },
        [&](std::vector<AircraftTrack> b) { played.add(std::move(b)); }, nullptr);
    replay.start();
    ASSERT_TRUE(waitUntil([&] { return replay.passes() >= 3; }));
    replay.stop();
    EXPECT_FALSE(replay.finished());
    EXPECT_GE(replay.counters().truncated.load(), 3u);
    std::lock_guard lock(played.mutex);
    for (const auto& t : played.tracks) {
        EXPECT_NE(t.altitudeFt.value_or(0), 1700) << "the half line was played";
    }
    for (std::size_t i = 1; i < played.tracks.size(); ++i) {
        EXPECT_GT(played.tracks[i].positionTime, played.tracks[i - 1].positionTime)
            << "a loop went back in time";
    }
}

TEST(SbsReplay, SaysWhenTheFileIsMissing) {
    std::vector<std::string> logs;
    SbsReplayOptions o;
    o.path = "/nonexistent/recording.sbs";
    SbsReplay replay(
        o, [] { return flameblue::core::TimeMs{1}; }, nullptr,
        [&](const std::string& line) { logs.push_back(line); });
    replay.start();
    replay.stop();
    ASSERT_EQ(logs.size(), 1u);
    EXPECT_NE(logs[0].find("cannot open"), std::string::npos);
    EXPECT_FALSE(replay.finished());
}

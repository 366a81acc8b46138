// aircraft.json polled from a real HTTP server on loopback and from a file being rewritten.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <mutex>

#include "feeds/aircraft_json_poller.h"
#include "loopback_server.h"

using namespace flameblue::feeds;
using flameblue::testing::LoopbackServer;
using flameblue::testing::waitUntil;

namespace {

// 7c0001's position was taken at 1796000000 - 1 in every version of the document.
std::string document(double now, double lat, const char* extra = "") {
    return R"({"now": )" + std::to_string(now) + R"(, "messages": 5000, "aircraft": [
        {"hex": "780e41", "flight": "YC01    ", "lat": )" +
           std::to_string(lat) +
           R"(, "lon": 112.406, "alt_baro": 3500, "gs": 120.0, "track": 275.5, "seen": 0.1,
         "seen_pos": 0.2, "category": "A7"},
        {"hex": "780e42", "alt_baro": "ground", "seen": 1.0},
        {"hex": "7c0001", "flight": "CES2531", "lat": 37.9, "lon": 112.8, "alt_baro": 9800,
         "seen": 0.5, "seen_pos": )" +
           std::to_string(now - 1795999999.0) + "}" + extra + "]}";
}

std::string http200(const std::string& body) {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

struct Collected {
    std::mutex mutex;
    std::vector<std::vector<AircraftTrack>> batches;
    std::vector<std::string> logs;
    std::size_t count() {
        std::lock_guard lock(mutex);
        return batches.size();
    }
};

}  // namespace

TEST(AircraftJsonPoller, PollsOverHttpRecoversFromErrorsAndReportsOnlyNewPositions) {
    std::mutex m;
    std::vector<std::string> answers = {
        "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"now\": 17",  // not JSON
        http200(document(1796000000.0, 37.5920)),
        http200(document(1796000000.0, 37.5920)),  // the same document again: nothing new
        http200(document(1796000001.0, 37.6000)),
    };
    std::size_t served = 0;
    LoopbackServer server([&](int fd) {
        LoopbackServer::readRequest(fd);
        std::lock_guard lock(m);
        LoopbackServer::sendAll(fd, answers[std::min(served, answers.size() - 1)]);
        ++served;
    });
    Collected got;
    AircraftJsonPollerOptions o;
    o.source = "http://127.0.0.1:" + std::to_string(server.port()) + "/data/aircraft.json";
    o.intervalSeconds = 0.01;
    o.maxBackoffSeconds = 0.02;
    AircraftJsonPoller poller(
        o, [] { return flameblue::core::TimeMs{1'796'000'002'000}; },
        [&](std::vector<AircraftTrack> batch) {
            std::lock_guard lock(got.mutex);
            got.batches.push_back(std::move(batch));
        },
        [&](const std::string& line) {
            std::lock_guard lock(got.mutex);
            got.logs.push_back(line);
        });
    poller.start();
    ASSERT_TRUE(waitUntil([&] { return got.count() >= 2; }));
    poller.stop();

    std::lock_guard lock(got.mutex);
    ASSERT_EQ(got.batches.size(), 2u);  // the repeated document brought nothing new
    const auto& first = got.batches[0];
    ASSERT_EQ(first.size(), 2u);  // the aircraft on the ground has no position
    EXPECT_EQ(first[0].icao, 0x780E41u);
    EXPECT_EQ(first[0].callsign, "YC01");
    EXPECT_TRUE(first[0].rotorcraft);
    EXPECT_DOUBLE_EQ(first[0].position->latDeg, 37.592);
    EXPECT_EQ(first[1].callsign, "CES2531");
    ASSERT_EQ(got.batches[1].size(), 1u);  // only the aircraft that moved
    EXPECT_DOUBLE_EQ(got.batches[1][0].position->latDeg, 37.6);
    EXPECT_EQ(poller.counters().failures.load(), 2u);
    EXPECT_EQ(poller.counters().malformed.load(), 1u);
    ASSERT_FALSE(got.logs.empty());
    EXPECT_NE(got.logs.front().find("HTTP status 500"), std::string::npos);
}

TEST(AircraftJsonPoller, ReadsAFileThatIsRewrittenAndSurvivesAHalfWrittenOne) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("flameblue-aircraft-" + std::to_string(::getpid()) + ".json");
    auto write = [&](const std::string& text) {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
    };
    Collected got;
    AircraftJsonPollerOptions o;
    o.source = path.string();
    AircraftJsonPoller poller(
        o, [] { return flameblue::core::TimeMs{1'796'000'002'000}; },
        [&](std::vector<AircraftTrack> batch) { got.batches.push_back(std::move(batch)); },
        [&](const std::string& line) { got.logs.push_back(line); });

    EXPECT_FALSE(poller.pollOnce().ok());  // not there yet
    write(document(1796000000.0, 37.5920));
    ASSERT_TRUE(poller.pollOnce().ok());
    ASSERT_EQ(got.batches.size(), 1u);

    // A writer that truncates and writes in place can be caught halfway.
    const std::string next = document(1796000001.0, 37.6100);
    write(next.substr(0, next.size() / 2));
    EXPECT_FALSE(poller.pollOnce().ok());
    EXPECT_EQ(got.batches.size(), 1u);

    write(document(
        1796000001.0, 37.6100,
        R"(, {"hex": "zzzzzz", "lat": 1, "lon": 2}, {"hex": "780e43", "lat": 95, "lon": 2})"));
    ASSERT_TRUE(poller.pollOnce().ok());
    ASSERT_EQ(got.batches.size(), 2u);
    ASSERT_EQ(got.batches[1].size(), 1u);
    EXPECT_DOUBLE_EQ(got.batches[1][0].position->latDeg, 37.61);
    EXPECT_EQ(poller.counters().skippedRecords.load(), 2u);
    EXPECT_EQ(poller.counters().failures.load(), 2u);
    EXPECT_EQ(poller.counters().polls.load(), 4u);
    std::filesystem::remove(path);
}

TEST(AircraftJsonPoller, RefusesBadSourcesBeforeStarting) {
    AircraftJsonPollerOptions o;
    EXPECT_FALSE(AircraftJsonPoller::validate(o).ok());
    o.source = "https://receiver/data/aircraft.json";
    EXPECT_FALSE(AircraftJsonPoller::validate(o).ok());
    o.source = "http://receiver:8080/data/aircraft.json";
    EXPECT_TRUE(AircraftJsonPoller::validate(o).ok());
    o.intervalSeconds = 0;
    EXPECT_FALSE(AircraftJsonPoller::validate(o).ok());
}

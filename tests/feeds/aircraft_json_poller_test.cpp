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

namespace {

// Polls a file the test rewrites, with a server clock the test sets.
struct SkewedReceiver {
    std::filesystem::path path = std::filesystem::temp_directory_path() /
                                 ("flameblue-skew-" + std::to_string(::getpid()) + ".json");
    flameblue::core::TimeMs serverNow = 0;
    std::vector<AircraftTrack> got;
    AircraftJsonPoller poller{AircraftJsonPollerOptions{.source = path.string()},
                              [this] { return serverNow; },
                              [this](std::vector<AircraftTrack> batch) {
                                  got.insert(got.end(), batch.begin(), batch.end());
                              },
                              nullptr};
    ~SkewedReceiver() { std::filesystem::remove(path); }
    void write(const std::string& text) const {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
    }
    const AircraftTrack* z8() const {
        for (const auto& t : got) {
            if (t.icao == 0x780E41)
                return &t;
        }
        return nullptr;
    }
};

}  // namespace

// A receiver whose clock is two hours behind the server's: the ages in the document are what
// count (the Z-8's position is 0.2 s older than the document), so the fix is not 7,200 s old.
TEST(AircraftJsonPoller, TakesAgesFromTheDocumentWhateverTheReceiversClock) {
    SkewedReceiver r;
    r.serverNow = 1'796'007'200'300;  // 2 h and 0.3 s after the document's `now`
    r.write(document(1796000000.0, 37.5920));
    ASSERT_TRUE(r.poller.pollOnce().ok());
    ASSERT_NE(r.z8(), nullptr);
    EXPECT_EQ(r.z8()->positionTime, r.serverNow - 200);
    EXPECT_EQ(r.z8()->lastSeen, r.serverNow - 100);

    r.got.clear();
    r.serverNow += 1000;
    r.write(document(1796000001.0, 37.6000));
    ASSERT_TRUE(r.poller.pollOnce().ok());
    ASSERT_NE(r.z8(), nullptr);
    EXPECT_DOUBLE_EQ(r.z8()->position->latDeg, 37.6);
    EXPECT_EQ(r.z8()->positionTime, r.serverNow - 200);
}

TEST(AircraftJsonPoller, MeasuresTheReceiversClockOffset) {
    SkewedReceiver r;
    EXPECT_FALSE(r.poller.receiverClockOffsetSeconds().has_value());
    r.serverNow = 1'796'007'200'300;
    r.write(document(1796000000.0, 37.5920));
    ASSERT_TRUE(r.poller.pollOnce().ok());
    ASSERT_TRUE(r.poller.receiverClockOffsetSeconds().has_value());
    EXPECT_NEAR(*r.poller.receiverClockOffsetSeconds(), -7200.3, 1e-9);
    const auto firstFix = r.z8()->positionTime;

    // The next document is read sooner after it was written: the offset gets closer to the
    // truth, and the newer fix does not land before the one handed on.
    r.got.clear();
    r.serverNow += 800;
    r.write(document(1796000001.0, 37.6000));
    ASSERT_TRUE(r.poller.pollOnce().ok());
    EXPECT_NEAR(*r.poller.receiverClockOffsetSeconds(), -7200.1, 1e-9);
    ASSERT_NE(r.z8(), nullptr);
    EXPECT_GT(r.z8()->positionTime, firstFix);

    // A document that is no longer rewritten says nothing new about the clocks, and its
    // position does not come back as new.
    r.got.clear();
    r.serverNow += 30'000;
    ASSERT_TRUE(r.poller.pollOnce().ok());
    EXPECT_TRUE(r.got.empty());
    EXPECT_NEAR(*r.poller.receiverClockOffsetSeconds(), -7200.1, 1e-9);
}

TEST(AircraftJsonPoller, SaysWhyAPollFailed) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("flameblue-empty-" + std::to_string(::getpid()) + ".json");
    std::ofstream(path, std::ios::binary | std::ios::trunc).flush();
    AircraftJsonPollerOptions o;
    o.source = path.string();
    AircraftJsonPoller poller(
        o, [] { return flameblue::core::TimeMs{1'796'000'002'000}; }, nullptr, nullptr);
    EXPECT_FALSE(poller.pollOnce().ok());
    auto [what, when] = poller.lastProblem().get();
    EXPECT_NE(what.find("the document is empty"), std::string::npos) << what;
    EXPECT_EQ(when, 1'796'000'002'000);
    std::filesystem::remove(path);
}

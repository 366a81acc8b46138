// A receiver that floods the server with positions, garbage, binary and overlong lines, then
// drops the connection mid-line: everything bad is counted, the session gets the newest
// position per aircraft rather than one event per line, and the aircraft's state is intact.
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "../support/live_server.h"
#include "../support/loopback_port.h"
#include "app/feed_bridge.h"
#include "feeds/feed_hub.h"
#include "feeds/sbs_client.h"

using namespace flameblue;

TEST(FeedFlood, IsConflatedCountedAndNeverCorruptsTheAircraft) {
    flameblue::testing::LiveServer live;
    const flameblue::testing::LoopbackListener listener(1);

    app::FeedBridge bridge(live.session(), "flood");
    feeds::FeedHub hub(feeds::FeedHubOptions{}, session::systemNowMs);
    hub.addSink([&](const std::vector<feeds::AircraftTrack>& t) { bridge.onPositions(t); });
    hub.start();
    std::vector<std::string> logs;
    std::mutex logMutex;
    feeds::SbsClientOptions options;
    options.port = listener.port();
    feeds::SbsClient client(
        options, session::systemNowMs,
        [&](std::vector<feeds::AircraftTrack> t) { hub.submit(std::move(t)); },
        [&](const std::string& line) {
            std::lock_guard lock(logMutex);
            logs.push_back(line);
        });
    const std::uint64_t seqBefore = live.session().headSeq();
    client.start();
    const int fd = listener.accept();
    ASSERT_GE(fd, 0);

    constexpr int kPositions = 50'000;
    std::string flood;
    char line[160];
    for (int k = 0; k < kPositions; ++k) {
        const int n = std::snprintf(line, sizeof line,
                                    "MSG,3,,,780A51,,,,,,,%d,,,%.5f,112.40600,,,0,0,0,0\r\n",
                                    3000 + k % 1000, 37.0 + k * 1e-5);
        flood.append(line, static_cast<std::size_t>(n));
        if (k % 100 == 0) {
            flood += "MSG,3,,,780A51,,,,,,,99999,,,91.0,200.0,,,0,0,0,0\n";  // out of range
            flood += std::string("\x00\x01\xfe\xff binary\n", 12);
            flood += std::string(4000, 'A') + "\n";  // overlong
        }
    }
    std::size_t off = 0;
    while (off < flood.size()) {
        const ssize_t n = ::send(fd, flood.data() + off, flood.size() - off, MSG_NOSIGNAL);
        ASSERT_GT(n, 0);
        off += static_cast<std::size_t>(n);
    }
    // Then it goes away in the middle of a line that would move the aircraft far away.
    const std::string half = "MSG,3,,,780A51,,,,,,,3000,,,40.00000,11";
    ::send(fd, half.data(), half.size(), MSG_NOSIGNAL);
    ::close(fd);

    const double lastLat = 37.0 + (kPositions - 1) * 1e-5;
    auto lastFix = [&] {
        return live.session().withState([](const core::State& s, const auto&) {
            const core::Unit* u = s.unit("AV-Z8-01");
            return u && u->lastFix ? u->lastFix->position.latDeg : 0.0;
        });
    };
    for (int i = 0; i < 2000 && (client.counters().truncated.load() == 0 ||
                                 std::abs(lastFix() - lastLat) > 1e-9);
         ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    client.stop();
    hub.stop();

    EXPECT_NEAR(lastFix(), lastLat, 1e-9);  // the newest position, not the half line
    EXPECT_EQ(client.counters().messages.load(), static_cast<std::uint64_t>(kPositions));
    EXPECT_EQ(client.counters().malformed.load(), 2u * (kPositions / 100));
    EXPECT_EQ(client.counters().overlong.load(), static_cast<std::uint64_t>(kPositions / 100));
    EXPECT_EQ(client.counters().truncated.load(), 1u);
    // Conflated on the way: far fewer events than lines, each a newer position.
    const std::uint64_t events = live.session().headSeq() - seqBefore;
    EXPECT_GE(events, 1u);
    EXPECT_LT(events, static_cast<std::uint64_t>(kPositions / 10));
    EXPECT_EQ(hub.counters().accepted.load(), hub.counters().received.load());
    {
        // 1,500 bad lines, a handful of log lines.
        std::lock_guard lock(logMutex);
        EXPECT_GE(logs.size(), 1u);
        EXPECT_LE(logs.size(), 5u);
    }
}

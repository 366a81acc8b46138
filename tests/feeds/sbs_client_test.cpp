// The SBS client against a real TCP server on loopback: lines split across writes, both line
// endings, garbage between lines, a disconnect mid-line and a reconnect.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "feeds/sbs_client.h"

using namespace flameblue::feeds;
using namespace std::chrono_literals;

namespace {

class LoopbackFeed {
public:
    LoopbackFeed() {
        m_listen = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        EXPECT_EQ(::bind(m_listen, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        socklen_t len = sizeof addr;
        ::getsockname(m_listen, reinterpret_cast<sockaddr*>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        EXPECT_EQ(::listen(m_listen, 4), 0);
    }
    ~LoopbackFeed() { ::close(m_listen); }
    int port() const { return m_port; }
    int accept() { return ::accept(m_listen, nullptr, nullptr); }
    static void send(int fd, std::string_view s) {
        ASSERT_EQ(::send(fd, s.data(), s.size(), MSG_NOSIGNAL), static_cast<ssize_t>(s.size()));
    }

private:
    int m_listen = -1;
    int m_port = 0;
};

template <typename Pred>
bool waitFor(Pred pred, std::chrono::milliseconds limit = 5000ms) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (pred())
            return true;
        std::this_thread::sleep_for(10ms);
    }
    return pred();
}

}  // namespace

TEST(SbsClient, ReadsAFeedOverTcpAndSurvivesGarbageAndReconnects) {
    LoopbackFeed feed;
    std::mutex m;
    std::vector<AircraftTrack> got;
    std::atomic<flameblue::core::TimeMs> now{1'000'000};
    SbsClientOptions options;
    options.port = feed.port();
    options.minBackoffSeconds = 0.05;
    options.flushSeconds = 0.0;
    SbsClient client(
        options, [&] { return now.load(); },
        [&](std::vector<AircraftTrack> batch) {
            std::lock_guard lock(m);
            got.insert(got.end(), batch.begin(), batch.end());
        },
        nullptr);
    client.start();

    int fd = feed.accept();
    ASSERT_GE(fd, 0);
    LoopbackFeed::send(fd, "MSG,1,,,780E41,,,,,,YC01    ,,,,,,,,,,,0\r\nMSG,4,,,780E41,,,,,,,,12");
    LoopbackFeed::send(fd, "0,275.5,,,-640,,,,,0\n\x01\x02garbage\xff\nMSG,3,,,780E41,,,,,,,35");
    LoopbackFeed::send(fd, "00,,,37.59200,112.40600,,,0,0,0,0\r\n");
    ASSERT_TRUE(waitFor([&] {
        // The callsign alone may come first, in a batch of its own.
        std::lock_guard lock(m);
        return !got.empty() && got.back().position.has_value();
    }));
    {
        std::lock_guard lock(m);
        const AircraftTrack& t = got.back();
        EXPECT_EQ(t.icao, 0x780E41u);
        EXPECT_EQ(t.callsign, "YC01");
        ASSERT_TRUE(t.position.has_value());
        EXPECT_DOUBLE_EQ(t.position->latDeg, 37.592);
        EXPECT_DOUBLE_EQ(*t.altitudeFt, 3500);
        EXPECT_DOUBLE_EQ(*t.groundSpeedKt, 120);
    }
    EXPECT_EQ(client.counters().malformed.load(), 1u);
    EXPECT_EQ(client.counters().messages.load(), 3u);

    // The receiver goes away mid-line; the half line must not be taken as a position.
    LoopbackFeed::send(fd, "MSG,3,,,780E41,,,,,,,4000,,,38.0");
    ::close(fd);
    fd = feed.accept();  // the client reconnects by itself
    ASSERT_GE(fd, 0);
    EXPECT_TRUE(waitFor([&] { return client.counters().connects.load() == 2; }));
    LoopbackFeed::send(fd, "MSG,3,,,780E42,,,,,,,1200,,,37.80000,112.50000,,,0,0,0,-1\n");
    ASSERT_TRUE(waitFor([&] {
        std::lock_guard lock(m);
        return got.back().icao == 0x780E42u;
    }));
    {
        std::lock_guard lock(m);
        for (const auto& t : got) {
            EXPECT_NE(t.altitudeFt.value_or(0), 4000) << "a truncated line leaked through";
        }
        EXPECT_TRUE(got.back().onGround);
    }
    ::close(fd);
    client.stop();
    EXPECT_FALSE(client.connected());
}

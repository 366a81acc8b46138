// The HTTP/1.1 GET client against a real server on loopback: lengths, chunks, bad statuses,
// garbage, a server that stalls, an answer larger than the limit.
#include <gtest/gtest.h>

#include "feeds/http_get.h"
#include "loopback_server.h"

using namespace flameblue::feeds;
using flameblue::testing::ClosedLoopbackPort;
using flameblue::testing::LoopbackServer;

TEST(HttpUrl, ParsesWhatReceiversServe) {
    auto u = parseHttpUrl("http://192.168.1.20:8080/data/aircraft.json");
    ASSERT_TRUE(u.ok());
    EXPECT_EQ(u->host, "192.168.1.20");
    EXPECT_EQ(u->port, 8080);
    EXPECT_EQ(u->target, "/data/aircraft.json");
    auto plain = parseHttpUrl("http://receiver.local");
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain->port, 80);
    EXPECT_EQ(plain->target, "/");
    auto v6 = parseHttpUrl("http://[::1]:8080/tar1090/data/aircraft.json?x=1");
    ASSERT_TRUE(v6.ok());
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->target, "/tar1090/data/aircraft.json?x=1");

    EXPECT_NE(parseHttpUrl("https://h/x").error().message.find("https"), std::string::npos);
    EXPECT_FALSE(parseHttpUrl("ftp://h/x").ok());
    EXPECT_FALSE(parseHttpUrl("http://:80/x").ok());
    EXPECT_FALSE(parseHttpUrl("http://h:0/x").ok());
    EXPECT_FALSE(parseHttpUrl("http://h:99999/x").ok());
    EXPECT_FALSE(parseHttpUrl("http://h:8o/x").ok());
    EXPECT_FALSE(parseHttpUrl("http://h/a b").ok());
    EXPECT_FALSE(parseHttpUrl("http://[::1/x").ok());
}

TEST(HttpResponse, ReadsLengthsAndChunksAndRefusesTheRest) {
    bool complete = false;
    bool untilClose = false;
    auto body = httpResponseBody("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 100, complete,
                                 untilClose);
    ASSERT_TRUE(body.ok());
    EXPECT_TRUE(complete);
    EXPECT_EQ(*body, "hello");

    body = httpResponseBody("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nhel", 100, complete,
                            untilClose);
    ASSERT_TRUE(body.ok());
    EXPECT_FALSE(complete);

    body = httpResponseBody(
        "HTTP/1.1 200 OK\r\ntransfer-encoding: "
        "chunked\r\n\r\n4;x=y\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n",
        100, complete, untilClose);
    ASSERT_TRUE(body.ok()) << body.error().message;
    EXPECT_TRUE(complete);
    EXPECT_EQ(*body, "{\"a\":1}");

    body = httpResponseBody("HTTP/1.0 200 OK\r\n\r\nuntil close", 100, complete, untilClose);
    ASSERT_TRUE(body.ok());
    EXPECT_FALSE(complete);
    EXPECT_TRUE(untilClose);

    auto notFound = httpResponseBody("HTTP/1.1 404 Not Found\r\n\r\n", 100, complete, untilClose);
    ASSERT_FALSE(notFound.ok());
    EXPECT_NE(notFound.error().message.find("404 Not Found"), std::string::npos);
    EXPECT_FALSE(httpResponseBody("SSH-2.0-OpenSSH_9.2\r\n", 100, complete, untilClose).ok());
    EXPECT_FALSE(httpResponseBody("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n", 100, complete,
                                  untilClose)
                     .ok());
    EXPECT_FALSE(
        httpResponseBody("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", 100, complete, untilClose)
            .ok());
    EXPECT_FALSE(httpResponseBody("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                                  100, complete, untilClose)
                     .ok());
    EXPECT_FALSE(httpResponseBody("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  "ffff\r\n",
                                  100, complete, untilClose)
                     .ok());
}

TEST(HttpGet, FetchesFromARealServerOnLoopback) {
    std::string answer;
    std::string request;
    LoopbackServer server([&](int fd) {
        request = LoopbackServer::readRequest(fd);
        // Split in two writes, as a real server may.
        LoopbackServer::sendAll(fd, answer.substr(0, 20));
        LoopbackServer::sendAll(fd, answer.substr(20));
    });
    HttpUrl url{"127.0.0.1", server.port(), "/data/aircraft.json"};
    HttpGetOptions o;
    o.timeoutSeconds = 5;

    answer =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{\"now\": "
        "1}";
    auto r = httpGet(url, o);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, "{\"now\": 1}");
    EXPECT_EQ(request.rfind("GET /data/aircraft.json HTTP/1.1\r\n", 0), 0u);
    EXPECT_NE(request.find("Host: 127.0.0.1:"), std::string::npos);

    answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n[1,2]\r\n0\r\n\r\n";
    r = httpGet(url, o);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, "[1,2]");

    answer = "HTTP/1.0 200 OK\r\n\r\nno length, ends at close";
    r = httpGet(url, o);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(*r, "no length, ends at close");

    answer = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n";
    r = httpGet(url, o);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("503"), std::string::npos);

    answer = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort";
    r = httpGet(url, o);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("closed before"), std::string::npos);

    answer = std::string("\x16\x03\x01\x02\x00garbage that is not HTTP at all", 38);
    EXPECT_FALSE(httpGet(url, o).ok());

    o.maxBodyBytes = 10;
    answer = "HTTP/1.0 200 OK\r\n\r\n" + std::string(70'000, 'x');
    r = httpGet(url, o);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("limit"), std::string::npos);
}

TEST(HttpGet, GivesUpOnAServerThatNeverAnswers) {
    LoopbackServer server([](int fd) {
        LoopbackServer::readRequest(fd);
        LoopbackServer::waitForPeerToClose(fd);
    });
    HttpGetOptions o;
    o.timeoutSeconds = 0.2;
    auto r = httpGet({"127.0.0.1", server.port(), "/"}, o);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("timed out"), std::string::npos);
}

TEST(HttpGet, SaysWhenNothingListens) {
    const ClosedLoopbackPort closed;
    auto r = httpGet({"127.0.0.1", closed.port(), "/"}, HttpGetOptions{});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("refused"), std::string::npos);
}

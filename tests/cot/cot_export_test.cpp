// Positions committed in a session reach a real UDP or TCP receiver on loopback as CoT events.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>

#include "../support/test_world.h"
#include "cot/cot_observer.h"
#include "cot/cot_sender.h"
#include "cot_xml.h"
#include "session/session.h"
#include "sim/simulator.h"

using namespace flameblue;
using flameblue::testing::parseXml;

namespace {

int boundSocket(int type, int& port) {
    const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    if (type == SOCK_STREAM)
        ::listen(fd, 4);
    return fd;
}

bool readable(int fd, int ms = 10'000) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, ms) == 1;
}

// Reads a TCP stream until it holds `count` complete events; returns them one by one.
std::vector<std::string> readEvents(int fd, std::size_t count, std::string& buffer) {
    std::vector<std::string> out;
    char chunk[4096];
    for (;;) {
        std::size_t end = 0;
        while (out.size() < count && (end = buffer.find("</event>")) != std::string::npos) {
            out.push_back(buffer.substr(0, end + 8));
            buffer.erase(0, end + 8);
        }
        if (out.size() >= count || !readable(fd))
            return out;
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return out;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

struct ExportedSession {
    explicit ExportedSession(const std::string& endpoint, const std::string& sessionId = "live") {
        auto parsed = cot::parseCotEndpoint(endpoint);
        EXPECT_TRUE(parsed.ok());
        cot::CotSenderOptions so;
        so.minBackoffSeconds = 0.05;
        so.maxBackoffSeconds = 0.1;
        sender = std::make_unique<cot::CotSender>(*parsed, so, nullptr,
                                                  [this] { return sentAt.load(); });
        cot::CotObserverOptions oo;
        oo.sessionId = sessionId;
        if (sessionId != "live")  // as the server does it: a drill's uids never replace live ones
            oo.uidPrefix += sessionId + "-";
        oo.aircraftCategories = {{"z8", "rotorcraft"}, {"y5b", "fixed_wing"}};
        observer = std::make_unique<cot::CotObserver>(oo, *sender);
        session::SessionOptions options;
        options.id = sessionId;
        session = std::make_unique<session::Session>(options, store::makeMemoryStore(),
                                                     flameblue::testing::testReference());
        EXPECT_TRUE(session->open().ok());
        session->setObserver(observer.get());
        session->start();
        EXPECT_TRUE(
            session->appendTrusted({"system", "roster", 0}, flameblue::testing::rosterEvents())
                .ok());
        sender->start();
    }
    ~ExportedSession() {
        session->stop();
        session->setObserver(nullptr);
        sender->stop();
    }
    void report(const char* unit, core::LatLon p, core::TimeMs t, std::optional<double> altM,
                std::optional<double> speedKmh = std::nullopt,
                std::optional<double> heading = std::nullopt) {
        core::PositionFix fix;
        fix.position = p;
        fix.fixTime = t;
        fix.altitudeM = altM;
        fix.speedKmh = speedKmh;
        fix.headingDeg = heading;
        auto r = session->execute({"avl", "test", 0}, core::ReportPosition{unit, fix});
        ASSERT_TRUE(r.ok()) << r.error().message;
    }

    // When the sender sends (the sender stamps every event with it).
    std::atomic<core::TimeMs> sentAt{session::systemNowMs()};
    std::unique_ptr<cot::CotSender> sender;
    std::unique_ptr<cot::CotObserver> observer;
    std::unique_ptr<session::Session> session;
};

// The next datagram on `udp`, parsed.
flameblue::testing::ParsedXml nextDatagram(int udp) {
    char datagram[65536];
    if (!readable(udp))
        return {};
    const ssize_t n = ::recv(udp, datagram, sizeof datagram, 0);
    if (n <= 0)
        return {};
    return parseXml(std::string(datagram, static_cast<std::size_t>(n)));
}

}  // namespace

TEST(CotExport, SendsFleetAircraftAndUnitsToAUdpReceiver) {
    int port = 0;
    const int udp = boundSocket(SOCK_DGRAM, port);
    ExportedSession s("udp://127.0.0.1:" + std::to_string(port));
    const core::TimeMs t = session::systemNowMs();
    s.sentAt = t + 1500;
    s.report("AV-Z8-01", {37.592, 112.406}, t, 1066.8, 222.24, 275.5);
    s.report("TY-E1", {37.8706, 112.5489}, t, std::nullopt, 40.0, 90.0);

    std::map<std::string, flameblue::testing::ParsedXml> got;
    char datagram[65536];
    while (got.size() < 2 && readable(udp)) {
        const ssize_t n = ::recv(udp, datagram, sizeof datagram, 0);
        ASSERT_GT(n, 0);
        auto x = parseXml(std::string(datagram, static_cast<std::size_t>(n)));
        ASSERT_TRUE(x.ok) << x.error;
        got[x.attr("event", "uid")] = x;
    }
    ASSERT_EQ(got.size(), 2u);
    // An aircraft with an ICAO address has the uid ADS-B gateways give it: one marker in TAK.
    const auto& z8 = got["ICAO-780A51"];
    EXPECT_EQ(z8.attr("event", "type"), "a-f-A-C-H");
    EXPECT_EQ(z8.attr("event", "version"), "2.0");
    EXPECT_EQ(z8.attr("event", "how"), "m-g");
    EXPECT_EQ(z8.attr("event", "time"), cot::cotTime(t + 1500));  // when it was sent
    EXPECT_EQ(z8.attr("event", "start"), cot::cotTime(t));        // when the fix was taken
    EXPECT_EQ(z8.attr("_flow-tags_", "flameblue-server"), cot::cotTime(t + 1500));
    EXPECT_EQ(z8.attr("event", "stale"), cot::cotTime(t + 60'000));  // rate not known yet
    EXPECT_EQ(z8.find("event")->attributes.count("opex"), 0u);
    EXPECT_DOUBLE_EQ(std::stod(z8.attr("point", "lat")), 37.592);
    EXPECT_DOUBLE_EQ(std::stod(z8.attr("point", "lon")), 112.406);
    EXPECT_DOUBLE_EQ(std::stod(z8.attr("point", "hae")), 1066.8);
    EXPECT_EQ(z8.attr("contact", "callsign"), "AV-Z8-01");
    EXPECT_DOUBLE_EQ(std::stod(z8.attr("track", "course")), 275.5);
    EXPECT_NEAR(std::stod(z8.attr("track", "speed")), 61.73, 0.005);  // 222.24 km/h in m/s
    const auto& engine = got["flameblue-TY-E1"];
    EXPECT_EQ(engine.attr("event", "type"), "a-f-G-E-V-C");
    EXPECT_DOUBLE_EQ(std::stod(engine.attr("point", "hae")), 9999999.0);

    // The next fix 4 s later: stale after three update intervals (at least 20 s).
    s.report("AV-Z8-01", {37.600, 112.395}, t + 4'000, 1100.0);
    ASSERT_TRUE(readable(udp));
    const ssize_t n = ::recv(udp, datagram, sizeof datagram, 0);
    auto next = parseXml(std::string(datagram, static_cast<std::size_t>(n)));
    ASSERT_TRUE(next.ok);
    EXPECT_EQ(next.attr("event", "stale"), cot::cotTime(t + 4'000 + 20'000));
    ::close(udp);
}

TEST(CotExport, StreamsToATcpReceiverAndReconnectsWhenItGoesAway) {
    int port = 0;
    const int listener = boundSocket(SOCK_STREAM, port);
    ExportedSession s("tcp://127.0.0.1:" + std::to_string(port), "drill-2026-04-12");
    const core::TimeMs t = session::systemNowMs();
    s.report("AV-Z8-01", {37.592, 112.406}, t, 1066.8);
    ASSERT_TRUE(readable(listener));
    int fd = ::accept(listener, nullptr, nullptr);
    std::string buffer;
    auto events = readEvents(fd, 1, buffer);
    ASSERT_EQ(events.size(), 1u);
    auto x = parseXml(events[0]);
    ASSERT_TRUE(x.ok) << x.error;
    EXPECT_EQ(x.attr("event", "opex"), "e");  // a drill session
    EXPECT_EQ(x.attr("event", "type"), "a-f-A-C-H");

    ::close(fd);  // the receiver restarts
    s.report("TY-E1", {37.87, 112.55}, t + 1000, std::nullopt);
    s.report("AV-Z8-01", {37.61, 112.38}, t + 5000, 1200.0);
    ASSERT_TRUE(readable(listener));
    fd = ::accept(listener, nullptr, nullptr);
    buffer.clear();
    std::map<std::string, std::string> latest;
    for (const auto& e : readEvents(fd, 2, buffer)) {
        auto p = parseXml(e);
        ASSERT_TRUE(p.ok) << p.error;
        latest[p.attr("event", "uid")] = p.attr("point", "lat");
    }
    // Whatever was lost with the old connection, the newest positions arrive.
    if (latest.size() < 2) {
        for (const auto& e : readEvents(fd, 2 - latest.size(), buffer)) {
            auto p = parseXml(e);
            latest[p.attr("event", "uid")] = p.attr("point", "lat");
        }
    }
    EXPECT_DOUBLE_EQ(std::stod(latest["flameblue-drill-2026-04-12-ICAO-780A51"]), 37.61);
    EXPECT_DOUBLE_EQ(std::stod(latest["flameblue-drill-2026-04-12-TY-E1"]), 37.87);
    EXPECT_GE(s.sender->counters().connects.load(), 2u);
    ::close(fd);
    ::close(listener);
}

// A squawk of 7700 reaches TAK at once as an emergency in the aircraft's detail, at the position
// already reported; when the code goes back to normal, the emergency is cancelled.
TEST(CotExport, AnEmergencySquawkReachesTakAndSoDoesItsEnd) {
    int port = 0;
    const int udp = boundSocket(SOCK_DGRAM, port);
    ExportedSession s("udp://127.0.0.1:" + std::to_string(port));
    const core::TimeMs t = session::systemNowMs();
    s.report("AV-Z8-01", {37.592, 112.406}, t, 800.0);
    auto x = nextDatagram(udp);
    ASSERT_TRUE(x.ok) << x.error;
    EXPECT_EQ(x.find("emergency"), nullptr);

    ASSERT_TRUE(
        s.session->execute({"feed", "adsb", 0}, core::ReportTransponder{"AV-Z8-01", 7700, "YC01"})
            .ok());
    x = nextDatagram(udp);
    ASSERT_TRUE(x.ok) << x.error;
    EXPECT_EQ(x.attr("event", "uid"), "ICAO-780A51");
    EXPECT_EQ(x.attr("event", "start"), cot::cotTime(t));  // the position already reported
    EXPECT_EQ(x.attr("emergency", "type"), "911 Alert");
    EXPECT_NE(x.text.find("squawk 7700 (emergency)"), std::string::npos) << x.text;
    EXPECT_NE(x.text.find("flight YC01"), std::string::npos) << x.text;

    ASSERT_TRUE(
        s.session->execute({"feed", "adsb", 0}, core::ReportTransponder{"AV-Z8-01", 1200, "YC01"})
            .ok());
    x = nextDatagram(udp);
    ASSERT_TRUE(x.ok) << x.error;
    EXPECT_EQ(x.attr("emergency", "cancel"), "true");
    EXPECT_NE(x.text.find("squawk 1200"), std::string::npos) << x.text;
    s.report("AV-Z8-01", {37.593, 112.406}, t + 2000, 800.0);
    x = nextDatagram(udp);
    ASSERT_TRUE(x.ok) << x.error;
    EXPECT_EQ(x.find("emergency"), nullptr);  // cancelled once
    ::close(udp);
}

// Movement made up by the demo simulator (--simulate) is not exported as GPS: how="m-s" and,
// in the live session, opex="s". A real AVL report afterwards is GPS again.
TEST(CotExport, SimulatedMovementIsExportedAsSimulated) {
    int port = 0;
    const int udp = boundSocket(SOCK_DGRAM, port);
    ExportedSession s("udp://127.0.0.1:" + std::to_string(port));
    auto created = s.session->execute(
        {"d", "c", 0}, core::CreateIncident{"building_fire", 1, {37.8706, 112.5489}, "", "", {}});
    ASSERT_TRUE(created.ok()) << created.error().message;
    const core::Id fire = std::get<core::IncidentCreated>(created->events.front().payload).id;
    ASSERT_TRUE(s.session->execute({"d", "c", 0}, core::DispatchUnits{fire, {"TY-E1"}}).ok());
    sim::SimulatorOptions so;
    so.turnoutSeconds = 0;
    sim::Simulator simulator(*s.session, so);
    simulator.step(1);   // en route
    simulator.step(10);  // driving: a position
    auto x = nextDatagram(udp);
    ASSERT_TRUE(x.ok) << x.error;
    EXPECT_EQ(x.attr("event", "uid"), "flameblue-TY-E1");
    EXPECT_EQ(x.attr("event", "how"), "m-s");
    EXPECT_EQ(x.attr("event", "opex"), "s");

    s.report("TY-E1", {37.87, 112.55}, session::systemNowMs(), std::nullopt);
    x = nextDatagram(udp);
    ASSERT_TRUE(x.ok) << x.error;
    EXPECT_EQ(x.attr("event", "how"), "m-g");
    EXPECT_EQ(x.find("event")->attributes.count("opex"), 0u);
    ::close(udp);
}

TEST(CotSender, KeepsTheNewestPositionPerUnitAndDropsTheOldestWhenFull) {
    cot::CotSenderOptions o;
    o.queueCapacity = 100;
    cot::CotSender sender(*cot::parseCotEndpoint("udp://127.0.0.1:9"), o, nullptr);  // not started
    std::vector<cot::CotEvent> batch;
    for (int i = 0; i < 150; ++i) {
        cot::CotEvent e;
        e.uid = "u" + std::to_string(i);
        batch.push_back(e);
    }
    sender.post(batch);
    sender.post({batch[120], batch[149]});  // newer positions of waiting units
    EXPECT_EQ(sender.counters().dropped.load(), 50u);
    EXPECT_EQ(sender.counters().conflated.load(), 2u);
}

TEST(CotObserver, TypesFollowTheAircraftTypeData) {
    cot::CotSender sender(*cot::parseCotEndpoint("udp://127.0.0.1:9"), {}, nullptr);
    cot::CotObserverOptions o;
    o.aircraftCategories = {{"z8", "rotorcraft"}, {"y5b", "fixed_wing"}};
    cot::CotObserver observer(o, sender);
    core::UnitSpec spec =
        flameblue::testing::unit("AV-Y5B-01", "AV-YC", {}, core::UnitKind::Aircraft);
    spec.aircraftType = "y5b";
    EXPECT_STREQ(observer.typeFor(spec), "a-f-A-C-F");
    spec.aircraftType = "z8";
    EXPECT_STREQ(observer.typeFor(spec), "a-f-A-C-H");
    EXPECT_STREQ(observer.typeFor(flameblue::testing::unit("TY-E1", "TY-S01")), "a-f-G-E-V-C");
}

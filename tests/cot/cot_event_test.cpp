// CoT events as XML: parsed with expat, every required attribute present with the right value.
#include <gtest/gtest.h>

#include "cot/cot_endpoint.h"
#include "cot/cot_event.h"
#include "cot_xml.h"

using namespace flameblue::cot;
using flameblue::testing::parseXml;

namespace {
constexpr flameblue::core::TimeMs kT = 1'795'945'260'500;  // 2026-11-29T09:41:00.500Z
}

TEST(CotTime, IsIsoUtcWithMilliseconds) {
    EXPECT_EQ(cotTime(kT), "2026-11-29T09:41:00.500Z");
    EXPECT_EQ(cotTime(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(cotTime(951'825'600'001), "2000-02-29T12:00:00.001Z");
}

TEST(CotEvent, IsWellFormedXmlWithEveryRequiredAttribute) {
    CotEvent e;
    e.uid = "flameblue-AV-Z8-01";
    e.type = kTypeRotaryWing;
    e.callsign = "尧城01";
    e.remarks = "Z-8 <B-70A1> & crew \"4\"";
    e.position = {37.5920123, 112.4060456};
    e.haeM = 1066.8;
    e.courseDeg = 275.5;
    e.speedMps = 61.73;
    e.fixTime = kT;
    e.stale = kT + 30'000;
    const auto x = parseXml(toXml(e));
    ASSERT_TRUE(x.ok) << x.error << "\n" << toXml(e);
    ASSERT_EQ(x.elements.front().name, "event");
    EXPECT_EQ(x.attr("event", "version"), "2.0");
    EXPECT_EQ(x.attr("event", "uid"), "flameblue-AV-Z8-01");
    EXPECT_EQ(x.attr("event", "type"), "a-f-A-C-H");
    EXPECT_EQ(x.attr("event", "how"), "m-g");
    EXPECT_EQ(x.attr("event", "time"), "2026-11-29T09:41:00.500Z");
    EXPECT_EQ(x.attr("event", "start"), "2026-11-29T09:41:00.500Z");
    EXPECT_EQ(x.attr("event", "stale"), "2026-11-29T09:41:30.500Z");
    EXPECT_EQ(x.find("event")->attributes.count("opex"), 0u);  // live: no exercise mark
    EXPECT_EQ(x.find("point")->depth, 1);
    EXPECT_DOUBLE_EQ(std::stod(x.attr("point", "lat")), 37.5920123);
    EXPECT_DOUBLE_EQ(std::stod(x.attr("point", "lon")), 112.4060456);
    EXPECT_DOUBLE_EQ(std::stod(x.attr("point", "hae")), 1066.8);
    EXPECT_DOUBLE_EQ(std::stod(x.attr("point", "ce")), 9999999.0);
    EXPECT_DOUBLE_EQ(std::stod(x.attr("point", "le")), 9999999.0);
    EXPECT_EQ(x.find("contact")->depth, 2);
    EXPECT_EQ(x.attr("contact", "callsign"), "尧城01");
    EXPECT_DOUBLE_EQ(std::stod(x.attr("track", "course")), 275.5);
    EXPECT_DOUBLE_EQ(std::stod(x.attr("track", "speed")), 61.73);
    EXPECT_EQ(x.text, "Z-8 <B-70A1> & crew \"4\"");
}

TEST(CotEvent, MarksDrillsAsExercisesAndUnknownHeightAsUnknown) {
    CotEvent e;
    e.uid = "flameblue-TY-E1";
    e.type = kTypeVehicle;
    e.callsign = "TY-E1\x01";  // a control character must not break the XML
    e.position = {37.87, 112.55};
    e.fixTime = kT;
    e.stale = kT + 60'000;
    e.opex = kOpexExercise;
    const auto x = parseXml(toXml(e));
    ASSERT_TRUE(x.ok) << x.error;
    EXPECT_EQ(x.attr("event", "opex"), "e");
    EXPECT_EQ(x.attr("event", "type"), "a-f-G-E-V-C");
    EXPECT_DOUBLE_EQ(std::stod(x.attr("point", "hae")), 9999999.0);
    EXPECT_EQ(x.attr("contact", "callsign"), "TY-E1");
    EXPECT_EQ(x.find("track"), nullptr);  // neither course nor speed known
}

// time is when the event was generated (sent), start when the position was taken; the flow tag
// names this system with the time the event left it.
TEST(CotEvent, IsStampedWhenSentAndCarriesAFlowTag) {
    CotEvent e;
    e.uid = "ICAO-780A51";
    e.type = kTypeRotaryWing;
    e.callsign = "YC01";
    e.position = {37.592, 112.406};
    e.fixTime = kT;
    e.stale = kT + 30'000;
    e.sentTime = kT + 1'250;
    e.flowTag = "flameblue-server";
    const auto x = parseXml(toXml(e));
    ASSERT_TRUE(x.ok) << x.error;
    EXPECT_EQ(x.attr("event", "time"), "2026-11-29T09:41:01.750Z");
    EXPECT_EQ(x.attr("event", "start"), "2026-11-29T09:41:00.500Z");
    EXPECT_EQ(x.attr("event", "stale"), "2026-11-29T09:41:30.500Z");
    ASSERT_NE(x.find("_flow-tags_"), nullptr);
    EXPECT_EQ(x.find("_flow-tags_")->depth, 2);  // inside <detail>
    EXPECT_EQ(x.attr("_flow-tags_", "flameblue-server"), "2026-11-29T09:41:01.750Z");
    // A flow tag that is not an XML name is left out rather than break the event.
    e.flowTag = "flame blue";
    const auto y = parseXml(toXml(e));
    ASSERT_TRUE(y.ok) << y.error;
    EXPECT_EQ(y.find("_flow-tags_"), nullptr);
}

TEST(CotEvent, CarriesAnEmergencyAndItsEnd) {
    CotEvent e;
    e.uid = "ICAO-780A51";
    e.type = kTypeRotaryWing;
    e.how = kHowSimulated;
    e.opex = kOpexSimulation;
    e.callsign = "YC01";
    e.position = {37.592, 112.406};
    e.fixTime = kT;
    e.stale = kT + 30'000;
    e.emergencyType = kEmergencyAlert;
    auto x = parseXml(toXml(e));
    ASSERT_TRUE(x.ok) << x.error;
    EXPECT_EQ(x.attr("event", "how"), "m-s");
    EXPECT_EQ(x.attr("event", "opex"), "s");
    ASSERT_NE(x.find("emergency"), nullptr);
    EXPECT_EQ(x.find("emergency")->depth, 2);
    EXPECT_EQ(x.attr("emergency", "type"), "911 Alert");
    EXPECT_EQ(x.text, "YC01");
    e.emergencyType.clear();
    e.emergencyCancel = true;
    x = parseXml(toXml(e));
    ASSERT_TRUE(x.ok) << x.error;
    EXPECT_EQ(x.attr("emergency", "cancel"), "true");
    EXPECT_EQ(x.find("emergency")->attributes.count("type"), 0u);
}

TEST(CotEndpoint, ParsesTcpAndUdpAndRefusesTheRest) {
    auto tcp = parseCotEndpoint("tcp://takserver.local:8087");
    ASSERT_TRUE(tcp.ok());
    EXPECT_EQ(tcp->protocol, CotEndpoint::Protocol::Tcp);
    EXPECT_EQ(tcp->host, "takserver.local");
    EXPECT_EQ(tcp->port, 8087);
    auto udp = parseCotEndpoint("udp://[ff02::1]:6969");
    ASSERT_TRUE(udp.ok());
    EXPECT_EQ(udp->protocol, CotEndpoint::Protocol::Udp);
    EXPECT_EQ(udp->host, "ff02::1");
    EXPECT_EQ(udp->describe(), "udp://[ff02::1]:6969");
    EXPECT_FALSE(parseCotEndpoint("http://h:1").ok());
    EXPECT_FALSE(parseCotEndpoint("tcp://h").ok());
    EXPECT_FALSE(parseCotEndpoint("tcp://:8087").ok());
    EXPECT_FALSE(parseCotEndpoint("udp://h:70000").ok());
    EXPECT_FALSE(parseCotEndpoint("udp://h:x").ok());
}

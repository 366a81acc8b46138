// The device payload parser (docs/iot.md): strict, versioned, size-capped; every refusal names
// the field.
#include <gtest/gtest.h>

#include "iot/payload.h"

using namespace flameblue::iot;

namespace {

TEST(Payload, ReadsEveryMessageType) {
    auto alarm = parsePayload(
        R"({"v":1,"device":"BLD-TY-01-P1","seq":42,"ts":1764900000000,"type":"fire_alarm","zone":"3F east","detail":"smoke"})");
    ASSERT_TRUE(alarm.ok()) << alarm.error().message;
    EXPECT_EQ(alarm->device, "BLD-TY-01-P1");
    EXPECT_EQ(alarm->seq, 42U);
    EXPECT_EQ(alarm->time, 1764900000000);
    EXPECT_EQ(alarm->type, MessageType::FireAlarm);
    EXPECT_EQ(alarm->zone, "3F east");
    EXPECT_EQ(alarm->detail, "smoke");
    for (const char* t : {"fault", "supervisory", "reset", "heartbeat"}) {
        auto m =
            parsePayload(std::string(R"({"v":1,"device":"P","seq":1,"ts":1,"type":")") + t + "\"}");
        ASSERT_TRUE(m.ok()) << t;
        EXPECT_STREQ(toString(m->type), t);
    }
    auto level =
        parsePayload(R"({"v":1,"device":"WS-1-LV","seq":3,"ts":5,"type":"level","value":2.5})");
    ASSERT_TRUE(level.ok());
    EXPECT_EQ(level->type, MessageType::Level);
    EXPECT_DOUBLE_EQ(level->value, 2.5);
}

void expectRefused(const std::string& payload, const std::string& field) {
    auto r = parsePayload(payload);
    ASSERT_FALSE(r.ok()) << payload;
    EXPECT_NE(r.error().message.find(field), std::string::npos)
        << payload << " -> " << r.error().message;
}

TEST(Payload, RefusesWhatIsNotVersionOneNamingTheField) {
    expectRefused("", "JSON");
    expectRefused("{", "JSON");
    expectRefused("[1,2]", "object");
    expectRefused(R"({"device":"P","seq":1,"ts":1,"type":"reset"})", "v:");
    expectRefused(R"({"v":2,"device":"P","seq":1,"ts":1,"type":"reset"})", "version");
    expectRefused(R"({"v":"1","device":"P","seq":1,"ts":1,"type":"reset"})", "version");
    expectRefused(R"({"v":1,"seq":1,"ts":1,"type":"reset"})", "device");
    expectRefused(R"({"v":1,"device":"a/b","seq":1,"ts":1,"type":"reset"})", "device");
    expectRefused(R"({"v":1,"device":"P","seq":-1,"ts":1,"type":"reset"})", "seq");
    expectRefused(R"({"v":1,"device":"P","seq":1.5,"ts":1,"type":"reset"})", "seq");
    expectRefused(R"({"v":1,"device":"P","seq":1,"type":"reset"})", "ts");
    expectRefused(R"({"v":1,"device":"P","seq":1,"ts":1,"type":"explode"})", "type");
    expectRefused(R"({"v":1,"device":"P","seq":1,"ts":1,"type":"reset","extra":1})", "extra");
    expectRefused(R"({"v":1,"device":"P","seq":1,"ts":1,"type":"reset","value":1})", "value");
    expectRefused(R"({"v":1,"device":"P","seq":1,"ts":1,"type":"level"})", "value");
    expectRefused(R"({"v":1,"device":"P","seq":1,"ts":1,"type":"level","value":"3"})", "value");
    expectRefused(R"({"v":1,"device":"P","seq":1,"ts":1,"type":"level","value":-3})", "value");
    expectRefused(R"({"v":1,"device":"P","seq":1,"ts":1,"type":"fault","zone":7})", "zone");
    expectRefused(R"({"v":1,"device":"P","seq":1,"ts":1,"type":"fault","zone":"a\u0001"})", "zone");
    expectRefused(std::string(R"({"v":1,"device":"P","seq":1,"ts":1,"type":"fault","detail":")") +
                      std::string(300, 'x') + "\"}",
                  "detail");
    expectRefused(std::string(5000, ' '), "bytes");
}

TEST(Payload, TopicsNameTheDevice) {
    EXPECT_EQ(deviceOfTopic("flameblue/v1/panel/BLD-TY-01-P1"), "BLD-TY-01-P1");
    EXPECT_EQ(deviceOfTopic("flameblue/v1/water/WS-TY-01-LV"), "WS-TY-01-LV");
    EXPECT_FALSE(deviceOfTopic("flameblue/v1/panel/"));
    EXPECT_FALSE(deviceOfTopic("flameblue/v1/panel/a/b"));
    EXPECT_FALSE(deviceOfTopic("other/v1/panel/P"));
}

}  // namespace

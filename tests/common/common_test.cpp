// The small shared rules: which addresses are this machine, ISO 8601 times, XML text.
#include <gtest/gtest.h>

#include "common/iso_time.h"
#include "common/net_address.h"
#include "common/xml_text.h"

namespace flameblue::common {
namespace {

TEST(LoopbackAddress, ThisMachineInEveryFormWithOrWithoutAPort) {
    for (const char* a : {"127.0.0.1:50051", "127.1.2.3:1", "localhost:50051", "[::1]:50051", "::1",
                          "localhost", "127.0.0.1"}) {
        EXPECT_TRUE(isLoopbackAddress(a)) << a;
    }
}

TEST(LoopbackAddress, OtherHostsAndLookAlikesAreNot) {
    for (const char* a : {"10.0.0.1:50051", "0.0.0.0:50051", "[::]:50051", "[2001:db8::1]:50051",
                          "localhost.example.com:50051", "128.0.0.1:1", "[::1", "", ":50051",
                          "dispatch.example:127"}) {
        EXPECT_FALSE(isLoopbackAddress(a)) << a;
    }
}

TEST(IsoTime, UtcAndOffsetFormsNameTheSameInstant) {
    const auto z = parseIsoTime("2026-11-29T09:41:01Z");
    const auto cst = parseIsoTime("2026-11-29T17:41:01+08:00");
    const auto west = parseIsoTime("2026-11-29T04:11:01-05:30");
    ASSERT_TRUE(z && cst && west);
    EXPECT_EQ(*z, 1'795'945'261'000LL);
    EXPECT_EQ(*cst, *z);
    EXPECT_EQ(*west, *z);
}

TEST(IsoTime, MalformedOrImpossibleTimesAreRefused) {
    for (const char* t :
         {"", "2026-11-29", "2026-11-29T09:41:01", "2026-11-29T09:41:01.Z", "2026-11-29 09:41:01Z",
          "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
          "2026-11-29T24:00:00Z", "2026-11-29T09:4Z", "2026-11-29T09:41:1Z",
          "2026-11-29T09:41:01+8:00", "2026-11-29T09:41:01+15:00", "2026-11-29T09:41:01Zjunk"}) {
        EXPECT_FALSE(parseIsoTime(t).has_value()) << t;
    }
}

TEST(IsoTime, SecondsMayBeLeftOutOrCarryAFraction) {
    const std::int64_t z = 1'795'945'261'000LL;  // 2026-11-29T09:41:01Z
    EXPECT_EQ(*parseIsoTime("2026-11-29T17:41+08:00"), z - 1000);
    EXPECT_EQ(*parseIsoTime("2026-11-29T09:41:01.5Z"), z + 500);
    EXPECT_EQ(*parseIsoTime("2026-11-29T09:41:01.0429Z"), z + 42);
    EXPECT_EQ(*parseIsoTime("2024-02-29T00:00:00Z"), 1'709'164'800'000LL);  // a leap day
    EXPECT_EQ(*parseIsoTime("1969-12-31T23:59:59Z"), -1000);
}

TEST(IsoTime, FormatsRoundTripInUtcAndAtAnOffset) {
    const std::int64_t t = 1'795'945'261'750LL;  // the .750 s fall in the second they belong to
    EXPECT_EQ(formatUtcIso(t), "2026-11-29T09:41:01Z");
    EXPECT_EQ(formatIsoAtOffset(t, 8 * 60), "2026-11-29T17:41:01+08:00");
    EXPECT_EQ(formatIsoAtOffset(t, -(5 * 60 + 30)), "2026-11-29T04:11:01-05:30");
    EXPECT_EQ(*parseIsoTime(formatIsoAtOffset(t, 8 * 60)), t - 750);
    EXPECT_EQ(formatUtcIso(-1), "1969-12-31T23:59:59Z");
}

TEST(XmlText, MarkupCharactersAreEscapedAndControlsDropped) {
    EXPECT_EQ(xmlEscaped(R"(<a href="x">Tom's & co</a>)"),
              "&lt;a href=&quot;x&quot;&gt;Tom&apos;s &amp; co&lt;/a&gt;");
    EXPECT_EQ(xmlEscaped(std::string("a\x01"
                                     "b\tc\nd\x1f",
                                     8)),
              "ab\tc\nd");
    EXPECT_EQ(xmlEscaped("尧城07 · 信号丢失"), "尧城07 · 信号丢失");
    std::string out = "<x>";
    appendXmlEscaped(out, "1 < 2");
    EXPECT_EQ(out, "<x>1 &lt; 2");
}

}  // namespace
}  // namespace flameblue::common

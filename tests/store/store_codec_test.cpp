// Round trips through the codec the store writes with: what goes into a row or a snapshot must
// come back equal, and damaged bytes must give an error, never a crash.
#include <gtest/gtest.h>

#include "core/codec.h"
#include "store_test_support.h"

namespace flameblue::store {
namespace {

using namespace core;
// Every payload kind: the operational ones of the shift fixtures, then the drill markers.
std::vector<EventPayload> everyPayloadKind(bool full) {
    auto out = testing::everyPayloadKind(full);
    out.emplace_back(DrillStateReset{full ? "seek" : "", testing::kShiftStart + 7000});
    out.emplace_back(IncidentHandedOver{"INC-20261129-0001", testing::kShiftStart + 8000});
    // Building alarm panels and water telemetry.
    BuildingCard card;
    if (full) {
        card.id = "BLD-TY-01";
        card.nameZh = "太原国际金融中心";
        card.nameEn = "Taiyuan International Finance Centre";
        card.kind = "high_rise";
        card.city = "taiyuan";
        card.address = "示例路10号";
    }
    out.emplace_back(AlarmDraftRaised{full ? "DRF-1" : "", card, full ? "high_rise_fire" : "",
                                      full ? 2 : 1, full ? "P1" : "", full ? "3F" : "",
                                      full ? testing::kShiftStart + 9000 : 0});
    out.emplace_back(AlarmDraftCorroborated{"DRF-1", full ? "P2" : "", full ? "5F" : ""});
    out.emplace_back(AlarmDraftConfirmed{"DRF-1", full ? "INC-20261129-0002" : ""});
    out.emplace_back(AlarmDraftDismissed{"DRF-1", full ? "test of the detector" : ""});
    out.emplace_back(PanelFaultRaised{"P1", full ? "BLD-TY-01" : "", full ? "no heartbeat" : ""});
    out.emplace_back(PanelFaultCleared{"P1", full ? "heard again" : ""});
    WaterReading reading;
    reading.sourceId = "WS-TY-01";
    if (full) {
        reading.deviceId = "W1";
        reading.quantity = "level_m";
        reading.value = 1.25;
        reading.threshold = 2.0;
        reading.measured = testing::kShiftStart + 9500;
        reading.outOfService = true;
    }
    out.emplace_back(WaterReadingReported{reading});
    return out;
}

class PayloadCodec : public ::testing::TestWithParam<bool> {};

TEST_P(PayloadCodec, EveryKindRoundTrips) {
    const auto payloads = everyPayloadKind(GetParam());
    ASSERT_EQ(payloads.size(), std::variant_size_v<EventPayload>);
    for (std::size_t i = 0; i < payloads.size(); ++i) {
        const EventKind kind = kindOf(payloads[i]);
        EXPECT_EQ(payloadIndexOf(kind), i);
        auto back = decodePayload(kind, encodePayload(payloads[i]));
        ASSERT_TRUE(back.ok()) << toString(kind) << ": " << back.error().message;
        EXPECT_EQ(*back, payloads[i]) << toString(kind);
    }
}

TEST_P(PayloadCodec, TruncatedOrExtendedBytesAreRejected) {
    for (const EventPayload& p : everyPayloadKind(GetParam())) {
        const EventKind kind = kindOf(p);
        const std::string bytes = encodePayload(p);
        for (std::size_t n = 0; n < bytes.size(); ++n) {
            EXPECT_FALSE(decodePayload(kind, bytes.substr(0, n)).ok())
                << toString(kind) << " cut to " << n << " bytes";
        }
        EXPECT_FALSE(decodePayload(kind, bytes + '\0').ok()) << toString(kind);
    }
}

INSTANTIATE_TEST_SUITE_P(OptionalFields, PayloadCodec, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Set" : "Unset"; });

TEST(PayloadCodecErrors, WrongVersionAndUnknownKindAreErrors) {
    std::string bytes = encodePayload(NoteAdded{"INC-20261129-0001", "现场浓烟"});
    EXPECT_FALSE(decodePayload(static_cast<EventKind>(0), bytes).ok());
    EXPECT_FALSE(decodePayload(static_cast<EventKind>(99), bytes).ok());
    bytes[0] = static_cast<char>(0x7F);
    auto r = decodePayload(EventKind::NoteAdded, bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("version"), std::string::npos) << r.error().message;
}

// Random bytes for every kind: each is refused with an error naming the kind, unless it happens
// to be a well-formed record of that kind (short string-and-number kinds often are), and then it
// decodes to exactly what encodes back to those bytes: nothing invented, nothing left over.
TEST(PayloadCodecErrors, GarbageIsRefusedAndValidBytesStillDecode) {
    const auto payloads = everyPayloadKind(true);
    std::uint32_t x = 0x9E3779B9;
    int refused = 0;
    for (int round = 0; round < 2000; ++round) {
        std::string junk(static_cast<std::size_t>(round % 64), '\0');
        for (char& c : junk) {
            x = x * 1664525 + 1013904223;
            c = static_cast<char>(x >> 24);
        }
        if (!junk.empty()) {
            junk[0] = 1;  // past the version byte, into the fields
        }
        for (const EventPayload& p : payloads) {
            const EventKind kind = kindOf(p);
            const auto r = decodePayload(kind, junk);
            if (!r.ok()) {
                ++refused;
                const std::string expected = junk.empty() ? "version" : toString(kind);
                EXPECT_NE(r.error().message.find(expected), std::string::npos)
                    << toString(kind) << ", " << junk.size() << " bytes: " << r.error().message;
                continue;
            }
            EXPECT_EQ(kindOf(*r), kind) << junk.size() << " bytes";
            EXPECT_EQ(encodePayload(*r), junk)
                << toString(kind) << ", " << junk.size() << " bytes decoded to something else";
        }
    }
    EXPECT_GT(refused, 0);
    // The decoder keeps no state: real records still decode after all that.
    for (const EventPayload& p : payloads) {
        const auto back = decodePayload(kindOf(p), encodePayload(p));
        ASSERT_TRUE(back.ok()) << toString(kindOf(p)) << ": " << back.error().message;
        EXPECT_EQ(*back, p) << toString(kindOf(p));
    }
}

TEST(StateCodec, ScenarioStateRoundTrips) {
    const State s = testing::fold(testing::shiftScenario());
    ASSERT_FALSE(s.units().empty());
    ASSERT_FALSE(s.incidents().empty());
    auto back = StateCodec::decode(StateCodec::encode(s));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, s);
    EXPECT_EQ(back->lastSeq(), s.lastSeq());
    EXPECT_EQ(back->incidentsOnLastDay(), 2);
}

TEST(StateCodec, EmptyStateRoundTrips) {
    auto back = StateCodec::decode(StateCodec::encode(State{}));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, State{});
}

TEST(StateCodec, DamagedSnapshotIsRejected) {
    const std::string bytes = StateCodec::encode(testing::fold(testing::shiftScenario()));
    for (std::size_t n = 0; n < bytes.size(); n += 7) {
        EXPECT_FALSE(StateCodec::decode(bytes.substr(0, n)).ok()) << "cut to " << n;
    }
    EXPECT_FALSE(StateCodec::decode(bytes + "x").ok());
    EXPECT_FALSE(StateCodec::decode("not a snapshot").ok());
}

}  // namespace
}  // namespace flameblue::store

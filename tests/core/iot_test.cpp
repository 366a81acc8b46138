// Building alarm drafts, panel faults and water telemetry in the core: decisions, the fold and
// the snapshot.
#include <gtest/gtest.h>

#include "../support/test_world.h"
#include "core/codec.h"
#include "core/decide.h"
#include "core/iot_decide.h"

using namespace flameblue::core;
using namespace flameblue::testing;

namespace {

BuildingCard tower() {
    BuildingCard b;
    b.id = "BLD-TY-01";
    b.nameZh = "太原国际金融中心";
    b.nameEn = "Taiyuan International Finance Centre";
    b.kind = "high_rise";
    b.city = "taiyuan";
    b.address = "示例路10号";
    b.position = taiyuanCentre();
    b.floors = 42;
    b.contacts = {"fire control room, +86 351 0000001"};
    b.preplanZh = "优先调派举高车";
    b.preplanEn = "Send aerial units first";
    return b;
}

class IotTest : public ::testing::Test {
protected:
    void SetUp() override { applyAll(state, rosterEvents()); }

    Result<std::vector<EventPayload>> run(const Command& c) { return decide(state, ref, ctx, c); }
    std::vector<EventPayload> accept(const Command& c) {
        auto r = run(c);
        EXPECT_TRUE(r.ok()) << r.error().message;
        if (!r.ok())
            return {};
        applyAll(state, *r, ctx.now, ctx.operatorId);
        ctx.now += 5000;
        return *r;
    }
    RaisePanelAlarm alarm(const std::string& device, const std::string& zone = "3F") {
        return RaisePanelAlarm{tower(), "high_rise_fire", 2, device, zone, ctx.now - 100};
    }

    State state;
    Reference ref = testReference();
    CommandContext ctx{"iot", "mqtt", kT0 + 60'000};
};

TEST_F(IotTest, AnAlarmOpensADraftAndASecondDetectorRaisesItsConfidence) {
    auto first = accept(alarm("P1"));
    ASSERT_EQ(first.size(), 1U);
    ASSERT_TRUE(std::holds_alternative<AlarmDraftRaised>(first[0]));
    const AlarmDraft* d = state.iot().openDraftFor("BLD-TY-01");
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->id, "DRF-1");
    EXPECT_EQ(d->confidence(), 1);
    // The same detector again: nothing new.
    EXPECT_TRUE(accept(alarm("P1")).empty());
    auto second = accept(alarm("P2", "4F"));
    ASSERT_EQ(second.size(), 1U);
    EXPECT_TRUE(std::holds_alternative<AlarmDraftCorroborated>(second[0]));
    d = state.iot().openDraftFor("BLD-TY-01");
    EXPECT_EQ(d->confidence(), 2);
    EXPECT_EQ(d->zones, (std::vector<std::string>{"3F", "4F"}));
}

TEST_F(IotTest, ConfirmingCreatesTheIncidentTheNormalWay) {
    accept(alarm("P1"));
    ctx.operatorId = "dispatcher-1";
    auto out = accept(ConfirmAlarmDraft{"DRF-1", {}, {}, "caller confirms smoke"});
    ASSERT_EQ(out.size(), 2U);
    const auto& created = std::get<IncidentCreated>(out[0]);
    EXPECT_EQ(created.type, "high_rise_fire");
    EXPECT_EQ(created.level, 2);
    EXPECT_EQ(created.city, "taiyuan");
    EXPECT_NE(created.description.find("BLD-TY-01"), std::string::npos);
    EXPECT_NE(created.description.find("caller confirms smoke"), std::string::npos);
    EXPECT_NE(created.description.find("Send aerial units first"), std::string::npos);
    const AlarmDraft& d = state.iot().drafts.at("DRF-1");
    EXPECT_EQ(d.status, DraftStatus::Confirmed);
    EXPECT_EQ(d.incidentId, created.id);
    EXPECT_EQ(d.settledBy, "dispatcher-1");
    ASSERT_NE(state.incident(created.id), nullptr);
    // Settled: refused, naming who settled it.
    auto again = run(DismissAlarmDraft{"DRF-1", "false"});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::FailedPrecondition);
    EXPECT_NE(again.error().message.find("dispatcher-1"), std::string::npos);
    // A new alarm in the building opens a new draft.
    accept(alarm("P1"));
    EXPECT_EQ(state.iot().openDraftFor("BLD-TY-01")->id, "DRF-2");
}

TEST_F(IotTest, DismissingNeedsAReasonAndAConfirmWithABadLevelWritesNothing) {
    accept(alarm("P1"));
    auto blank = run(DismissAlarmDraft{"DRF-1", "  "});
    ASSERT_FALSE(blank.ok());
    EXPECT_NE(blank.error().message.find("reason"), std::string::npos);
    auto badLevel = run(ConfirmAlarmDraft{"DRF-1", {}, 9, ""});
    ASSERT_FALSE(badLevel.ok());
    EXPECT_NE(badLevel.error().message.find("level"), std::string::npos);
    EXPECT_FALSE(run(DismissAlarmDraft{"DRF-9", "x"}).ok());
    accept(DismissAlarmDraft{"DRF-1", "cooking smoke"});
    EXPECT_EQ(state.iot().drafts.at("DRF-1").dismissReason, "cooking smoke");
    EXPECT_EQ(state.iot().openDraftFor("BLD-TY-01"), nullptr);
    EXPECT_TRUE(state.incidents().empty());
}

TEST_F(IotTest, PanelFaultsAreRaisedOnceAndCleared) {
    EXPECT_EQ(accept(SetPanelFault{"P1", "BLD-TY-01", true, "no heartbeat for 181 s"}).size(), 1U);
    EXPECT_TRUE(accept(SetPanelFault{"P1", "BLD-TY-01", true, "no heartbeat for 181 s"}).empty());
    ASSERT_EQ(state.iot().faults.size(), 1U);
    EXPECT_EQ(accept(SetPanelFault{"P1", "BLD-TY-01", false, "reset"}).size(), 1U);
    EXPECT_TRUE(state.iot().faults.empty());
    EXPECT_TRUE(accept(SetPanelFault{"P1", "BLD-TY-01", false, "reset"}).empty());
}

TEST_F(IotTest, WaterReadingsMarkSourcesOutOfServiceAndUnknownSourcesAreRefused) {
    WaterReading low{"WS-FENHE", "WS-FENHE-LV", "level_m", 0.5, 1.5, ctx.now, true};
    accept(ReportWaterReading{low});
    EXPECT_TRUE(state.iot().outOfService("WS-FENHE"));
    low.sourceId = "WS-NONE";
    EXPECT_EQ(run(ReportWaterReading{low}).error().code, ErrorCode::NotFound);
    WaterReading ok{"WS-FENHE", "WS-FENHE-LV", "level_m", 4.0, 1.5, ctx.now, false};
    accept(ReportWaterReading{ok});
    EXPECT_FALSE(state.iot().outOfService("WS-FENHE"));
}

TEST_F(IotTest, TheSnapshotKeepsDraftsFaultsAndReadingsAndEventsRoundTrip) {
    accept(alarm("P1"));
    accept(alarm("P2"));
    accept(SetPanelFault{"P3", "BLD-TY-01", true, "fault: loop 2 open"});
    accept(ReportWaterReading{{"WS-FENHE", "WS-FENHE-LV", "level_m", 0.5, 1.5, ctx.now, true}});
    auto back = StateCodec::decode(StateCodec::encode(state));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, state);
    const EventPayload raised =
        AlarmDraftRaised{"DRF-1", tower(), "high_rise_fire", 2, "P1", "3F", 5};
    auto decoded = decodePayload(kindOf(raised), encodePayload(raised));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, raised);
    EXPECT_STREQ(toString(kindOf(raised)), "alarm_draft_raised");
    EXPECT_EQ(eventKindFromNumber(46).value_or(EventKind::StationUpserted),
              EventKind::WaterReadingReported);
}

}  // namespace

// The merge point of all feeds: newest position per aircraft, no going back, no double reports
// when two receivers hear the same aircraft, fields filled from whichever feed heard them.
#include <gtest/gtest.h>

#include <atomic>

#include "feeds/feed_hub.h"

using namespace flameblue::feeds;
using flameblue::core::TimeMs;

namespace {

constexpr TimeMs kT0 = 1'796'000'000'000;

AircraftTrack fix(std::uint32_t icao, TimeMs t, double lat, double lon,
                  std::optional<double> altFt = std::nullopt) {
    AircraftTrack a;
    a.icao = icao;
    a.position = flameblue::core::LatLon{lat, lon};
    a.positionTime = t;
    a.lastSeen = t;
    a.altitudeFt = altFt;
    return a;
}

struct Hub {
    std::atomic<TimeMs> now{kT0 + 60'000};
    FeedHub hub{FeedHubOptions{}, [this] { return now.load(); }};
    std::vector<AircraftTrack> out;
    Hub() {
        hub.addSink([this](const std::vector<AircraftTrack>& b) {
            out.insert(out.end(), b.begin(), b.end());
        });
    }
    std::vector<AircraftTrack> take() {
        hub.deliverNow();
        return std::exchange(out, {});
    }
};

}  // namespace

TEST(FeedHub, TwoReceiversHearingTheSameAircraftGiveOneReport) {
    Hub h;
    // Receivers A and B hear the Z-8 climb out of Yaocheng; B hears each report a little later.
    h.hub.submit({fix(0x780E41, kT0 + 0, 37.5920, 112.4060, 2500)});
    h.hub.submit({fix(0x780E41, kT0 + 400, 37.5920, 112.4060, 2500)});   // B, same report
    h.hub.submit({fix(0x780E41, kT0 + 1000, 37.5960, 112.4100, 2700)});  // A
    h.hub.submit({fix(0x780E41, kT0 + 1300, 37.5920, 112.4060, 2500)});  // B, late and old
    h.hub.submit({fix(0x780E41, kT0 + 1400, 37.5960, 112.4100, 2700)});  // B
    const auto out = h.take();
    ASSERT_EQ(out.size(), 1u);  // conflated: the newest position is handed on
    EXPECT_DOUBLE_EQ(out[0].position->latDeg, 37.5960);
    EXPECT_EQ(out[0].positionTime, kT0 + 1000);
    EXPECT_EQ(h.hub.counters().accepted.load(), 2u);
    EXPECT_EQ(h.hub.counters().duplicates.load(), 3u);
    EXPECT_EQ(h.hub.counters().conflated.load(), 1u);
}

TEST(FeedHub, NeverGoesBackInTime) {
    Hub h;
    h.hub.submit({fix(0x780E41, kT0 + 5000, 37.60, 112.42)});
    ASSERT_EQ(h.take().size(), 1u);
    h.hub.submit({fix(0x780E41, kT0 + 4000, 37.59, 112.41)});  // an older position, new to us
    h.hub.submit({fix(0x780E41, kT0 + 5000, 37.58, 112.40)});  // same time, different place
    EXPECT_TRUE(h.take().empty());
    EXPECT_EQ(h.hub.counters().older.load(), 2u);
    h.hub.submit({fix(0x780E41, kT0 + 6000, 37.61, 112.43)});
    const auto out = h.take();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_DOUBLE_EQ(out[0].position->latDeg, 37.61);
}

TEST(FeedHub, AReceiverClockAheadDoesNotLockOutTheOthers) {
    Hub h;
    h.hub.submit({fix(0x780E41, h.now + 3'600'000, 37.60, 112.42)});  // an hour in the future
    ASSERT_EQ(h.take()[0].positionTime, h.now.load());
    h.now += 1000;
    h.hub.submit({fix(0x780E41, h.now, 37.61, 112.43)});
    EXPECT_EQ(h.take().size(), 1u);
}

TEST(FeedHub, FillsWhatOneFeedMissedFromAnother) {
    Hub h;
    AircraftTrack a = fix(0x780E41, kT0, 37.60, 112.42, 3000);
    a.callsign = "YC01";
    a.squawk = 7700;
    a.groundSpeedKt = 110;
    h.hub.submit({a});
    AircraftTrack b = fix(0x780E41, kT0 + 1000, 37.61, 112.43);  // a receiver with less
    h.hub.submit({b});
    const auto out = h.take();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].callsign, "YC01");
    EXPECT_EQ(out[0].squawk, 7700);
    EXPECT_EQ(out[0].groundSpeedKt, 110);
    EXPECT_EQ(out[0].altitudeFt, 3000);
    EXPECT_DOUBLE_EQ(out[0].position->latDeg, 37.61);
}

TEST(FeedHub, AFloodIsConflatedAndTooManyAircraftAreRefused) {
    std::atomic<TimeMs> now{kT0 + 200'000};
    FeedHubOptions o;
    o.maxAircraft = 100;
    FeedHub hub(o, [&] { return now.load(); });
    std::size_t delivered = 0;
    hub.addSink([&](const std::vector<AircraftTrack>& b) { delivered += b.size(); });
    for (int i = 0; i < 100'000; ++i) {
        hub.submit({fix(0x780E41, kT0 + i, 37.0 + i * 1e-6, 112.0)});
    }
    for (std::uint32_t i = 0; i < 500; ++i) {
        hub.submit({fix(0x7C0000 + i, kT0, 38.0, 113.0)});
    }
    hub.deliverNow();
    EXPECT_EQ(delivered, 100u);  // one per aircraft held, however many reports came in
    EXPECT_EQ(hub.aircraftCount(), 100u);
    EXPECT_EQ(hub.counters().refused.load(), 401u);
    EXPECT_EQ(hub.counters().conflated.load(), 99'999u);
}

TEST(FeedHub, HandsOnFromItsOwnThread) {
    std::atomic<TimeMs> now{kT0 + 60'000};
    FeedHub hub(FeedHubOptions{}, [&] { return now.load(); });
    std::atomic<std::size_t> delivered{0};
    hub.addSink([&](const std::vector<AircraftTrack>& b) { delivered += b.size(); });
    hub.start();
    hub.submit({fix(0x780E41, kT0, 37.6, 112.4), fix(0x780E42, kT0, 37.7, 112.5)});
    for (int i = 0; i < 1000 && delivered < 2; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    hub.stop();
    EXPECT_EQ(delivered.load(), 2u);
}

TEST(FeedHub, ASquawkChangeWithoutMovementIsHandedOn) {
    Hub h;
    // A helicopter hovering over a fire: every receiver repeats the same position.
    AircraftTrack a = fix(0x780E41, kT0, 37.60, 112.42, 3000);
    a.squawk = 1200;
    h.hub.submit({a});
    ASSERT_EQ(h.take().size(), 1u);

    AircraftTrack same = a;
    same.lastSeen = kT0 + 2000;
    h.hub.submit({same});  // same position, same code: nothing new
    EXPECT_TRUE(h.take().empty());

    same.squawk = 7700;  // same position, new code
    same.lastSeen = kT0 + 3000;
    h.hub.submit({same});
    auto out = h.take();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].squawk, 7700);
    EXPECT_EQ(out[0].positionTime, kT0);  // the position held, not a new fix
    EXPECT_EQ(h.hub.counters().accepted.load(), 1u);

    // A squawk alone (an SBS type-6 line), then a lagging receiver with the old code.
    AircraftTrack code;
    code.icao = 0x780E41;
    code.squawk = 7600;
    code.lastSeen = kT0 + 4000;
    h.hub.submit({code});
    out = h.take();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].squawk, 7600);
    ASSERT_TRUE(out[0].position.has_value());
    EXPECT_DOUBLE_EQ(out[0].position->latDeg, 37.60);
    AircraftTrack stale = code;
    stale.squawk = 7700;
    stale.lastSeen = kT0 + 3500;
    h.hub.submit({stale});
    EXPECT_TRUE(h.take().empty());
    EXPECT_EQ(h.hub.counters().transponder.load(), 2u);
}

TEST(FeedHub, ASquawkBeforeAnyPositionIsHandedOnWithoutOne) {
    Hub h;
    AircraftTrack code;
    code.icao = 0x780E41;
    code.squawk = 7700;
    code.lastSeen = kT0;
    h.hub.submit({code});
    const auto out = h.take();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].squawk, 7700);
    EXPECT_FALSE(out[0].position.has_value());
    // The first position afterwards is a new fix and keeps the code.
    h.hub.submit({fix(0x780E41, kT0 + 1000, 37.60, 112.42)});
    const auto next = h.take();
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0].squawk, 7700);
    EXPECT_EQ(next[0].positionTime, kT0 + 1000);
}

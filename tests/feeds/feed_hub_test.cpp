// The merge point of all feeds: newest position per aircraft, no going back, no double reports
// when two receivers hear the same aircraft, fields filled from whichever feed heard them.
#include <gtest/gtest.h>

#include <algorithm>
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

TEST(FeedHub, AFloodIsConflatedAndNewAddressesPushOutOtherTrafficNeverTheFleet) {
    std::atomic<TimeMs> now{kT0 + 200'000};
    FeedHubOptions o;
    o.maxAircraft = 100;
    FeedHub hub(o, [&] { return now.load(); });
    hub.setFleet({{0x780E41, FleetAircraft{}}});
    std::size_t delivered = 0;
    hub.addSink([&](const std::vector<AircraftTrack>& b) { delivered += b.size(); });
    for (int i = 0; i < 100'000; ++i) {
        hub.submit({fix(0x780E41, kT0 + i, 37.0 + i * 1e-6, 112.0)});
    }
    for (std::uint32_t i = 0; i < 500; ++i) {
        hub.submit({fix(0x7C0000 + i, kT0, 38.0, 113.0)});
    }
    hub.deliverNow();
    EXPECT_EQ(delivered, 501u);  // one per aircraft, however many reports came in
    EXPECT_EQ(hub.aircraftCount(), 100u);
    EXPECT_EQ(hub.counters().evicted.load(), 401u);
    EXPECT_EQ(hub.counters().refused.load(), 0u);
    EXPECT_EQ(hub.counters().conflated.load(), 99'999u);
    // The fleet aircraft is still held: its last report again is a duplicate, not news.
    hub.submit({fix(0x780E41, kT0 + 100'000, 37.0 + 99'999 * 1e-6, 112.0)});
    EXPECT_EQ(hub.counters().duplicates.load(), 1u);
}

// 20,500 distinct addresses in one feed fill the 20,000-aircraft table: the fleet aircraft heard
// after them is taken at once, and the traffic heard longest ago makes room.
TEST(FeedHub, AFloodOfAddressesNeverLocksOutTheFleet) {
    Hub h;
    constexpr std::uint32_t kFleet = 0x780A51;
    h.hub.setFleet({{kFleet, FleetAircraft{}}});
    std::vector<AircraftTrack> flood;
    for (std::uint32_t i = 0; i < 20'500; ++i)
        flood.push_back(fix(0x100000 + i, kT0, 38.0 + i * 1e-5, 113.0));
    h.hub.submit(flood);
    h.hub.submit({fix(kFleet, kT0 + 1000, 37.592, 112.406)});
    const auto out = h.take();
    ASSERT_FALSE(out.empty());
    EXPECT_TRUE(std::any_of(out.begin(), out.end(),
                            [&](const AircraftTrack& t) { return t.icao == kFleet; }));
    EXPECT_EQ(h.hub.aircraftCount(), 20'000u);
    EXPECT_EQ(h.hub.counters().evicted.load(), 501u);
    EXPECT_EQ(h.hub.counters().refused.load(), 0u);
}

TEST(FeedHub, TheTrafficHeardLongestAgoIsPushedOutFirst) {
    std::atomic<TimeMs> now{kT0 + 60'000};
    FeedHubOptions o;
    o.maxAircraft = 3;
    FeedHub hub(o, [&] { return now.load(); });
    hub.submit({fix(0xA, kT0, 38.0, 113.0)});
    hub.submit({fix(0xB, kT0, 38.1, 113.0)});
    hub.submit({fix(0xC, kT0, 38.2, 113.0)});
    hub.submit({fix(0xA, kT0 + 1000, 38.01, 113.0)});  // A heard again: B is now the oldest
    hub.submit({fix(0xD, kT0 + 1000, 38.3, 113.0)});
    EXPECT_EQ(hub.counters().evicted.load(), 1u);
    // A and C are still held (their last reports, heard again, are duplicates); B was pushed
    // out and comes back as a new aircraft.
    hub.submit({fix(0xA, kT0 + 2000, 38.01, 113.0)});
    hub.submit({fix(0xC, kT0 + 2000, 38.2, 113.0)});
    EXPECT_EQ(hub.counters().duplicates.load(), 2u);
    hub.submit({fix(0xB, kT0 + 2000, 38.1, 113.0)});
    EXPECT_EQ(hub.counters().duplicates.load(), 2u);
    EXPECT_EQ(hub.counters().evicted.load(), 2u);  // ... in place of D, heard before A and C
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

namespace {

// The Z-8 of the test fleet: 266 km/h cruise, 1.5 times that at most over the ground.
constexpr std::uint32_t kZ8 = 0x780E41;
constexpr double kZ8MaxKmh = 399.0;

struct JudgingHub {
    std::atomic<TimeMs> now{kT0 + 300'000};
    std::vector<std::string> logs;
    FeedHub hub;
    std::vector<AircraftTrack> out;
    explicit JudgingHub(std::optional<TimedPosition> lastFix = std::nullopt)
        : hub(
              options(), [this] { return now.load(); },
              [this](const std::string& line) { logs.push_back(line); }) {
        hub.setFleet({{kZ8, FleetAircraft{kZ8MaxKmh, lastFix}}});
        hub.addSink([this](const std::vector<AircraftTrack>& b) {
            out.insert(out.end(), b.begin(), b.end());
        });
    }
    static FeedHubOptions options() {
        FeedHubOptions o;
        o.plausibility.positionNoiseM = 500;
        o.plausibility.confirmFixes = 3;
        o.plausibility.otherMaxGroundKmh = 1500;
        return o;
    }
    std::vector<AircraftTrack> take() {
        hub.deliverNow();
        return std::exchange(out, {});
    }
};

}  // namespace

// One valid line at 0,0 would move the helicopter 12,000 km: it is held back, counted and said
// why, and the track goes on from where the helicopter is.
TEST(FeedHubPlausibility, AFixTheTypeCannotReachIsHeldBack) {
    JudgingHub h;
    h.hub.submit({fix(kZ8, kT0, 37.5920, 112.4060)});
    ASSERT_EQ(h.take().size(), 1u);
    h.hub.submit({fix(kZ8, kT0 + 1000, 0.0, 0.0)});
    EXPECT_TRUE(h.take().empty());
    EXPECT_EQ(h.hub.counters().implausible.load(), 1u);
    const auto [why, when] = h.hub.lastImplausible().get();
    EXPECT_NE(why.find("780e41"), std::string::npos) << why;
    EXPECT_NE(why.find("0.00000, 0.00000"), std::string::npos) << why;
    EXPECT_NE(why.find("at most 399 km/h"), std::string::npos) << why;
    EXPECT_EQ(when, h.now.load());
    ASSERT_EQ(h.logs.size(), 1u);
    // 60 m further two seconds later: believed, measured from the last believed fix.
    h.hub.submit({fix(kZ8, kT0 + 2000, 37.5925, 112.4063)});
    const auto out = h.take();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_DOUBLE_EQ(out[0].position->latDeg, 37.5925);
    EXPECT_EQ(h.hub.counters().implausible.load(), 1u);
}

TEST(FeedHubPlausibility, NoisyFixesAndFlightAtTopSpeedAreBelieved) {
    JudgingHub h;
    h.hub.submit({fix(kZ8, kT0, 37.5920, 112.4060)});
    // Hovering: fixes half a second apart scatter by 300 m, far more than 399 km/h would allow
    // without the noise allowance.
    h.hub.submit({fix(kZ8, kT0 + 500, 37.5947, 112.4060)});
    h.hub.submit({fix(kZ8, kT0 + 1000, 37.5921, 112.4060)});
    // Then 390 km/h (108 m/s) due north for a minute: 6.5 km, 0.0584 degrees of latitude.
    h.hub.submit({fix(kZ8, kT0 + 61'000, 37.5920 + 0.0584, 112.4060)});
    EXPECT_EQ(h.hub.counters().implausible.load(), 0u);
    EXPECT_EQ(h.hub.counters().accepted.load(), 4u);
}

TEST(FeedHubPlausibility, TheFirstFixAfterALongGapIsJudgedOverTheWholeGap) {
    JudgingHub h;
    h.hub.submit({fix(kZ8, kT0, 37.5920, 112.4060)});
    // Two hours unheard, then 300 km away (Datong): 150 km/h, believed.
    h.now = kT0 + 7'200'000;
    h.hub.submit({fix(kZ8, kT0 + 7'200'000, 40.0768, 113.3001)});
    EXPECT_EQ(h.hub.counters().implausible.load(), 0u);
    // Ten minutes later 1,000 km further (Shanghai): 6,000 km/h, not believed.
    h.now = kT0 + 7'800'000;
    h.hub.submit({fix(kZ8, kT0 + 7'800'000, 31.2304, 121.4737)});
    EXPECT_EQ(h.hub.counters().implausible.load(), 1u);
}

// The hub has heard nothing of the helicopter since the server started: the session's last fix
// is what its first fix is judged against.
TEST(FeedHubPlausibility, TheSessionsLastFixJudgesTheFirstFixHeard) {
    JudgingHub h(TimedPosition{{37.5920, 112.4060}, kT0});
    h.hub.submit({fix(kZ8, kT0 + 60'000, 0.0, 0.0)});
    EXPECT_TRUE(h.take().empty());
    EXPECT_EQ(h.hub.counters().implausible.load(), 1u);
    h.hub.submit({fix(kZ8, kT0 + 61'000, 37.5930, 112.4070)});
    EXPECT_EQ(h.take().size(), 1u);
}

TEST(FeedHubPlausibility, FixesThatKeepAgreeingFarAwayBecomeTheTrack) {
    // The session's last fix is wrong (the helicopter was moved by road to Datong unheard).
    JudgingHub h(TimedPosition{{37.5920, 112.4060}, kT0});
    for (int i = 0; i < 3; ++i)
        h.hub.submit({fix(kZ8, kT0 + 60'000 + i * 1000, 40.0768 + i * 1e-4, 113.3001)});
    EXPECT_EQ(h.hub.counters().implausible.load(), 2u);  // the third one confirms them
    const auto out = h.take();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_DOUBLE_EQ(out[0].position->latDeg, 40.0770);
    // One stray fix between fixes that agree starts no new track.
    h.hub.submit({fix(kZ8, kT0 + 64'000, 0.0, 0.0)});
    h.hub.submit({fix(kZ8, kT0 + 65'000, 40.0772, 113.3001)});
    EXPECT_EQ(h.take().size(), 1u);
    EXPECT_EQ(h.hub.counters().implausible.load(), 3u);
}

TEST(FeedHubPlausibility, AReplayIsJudgedOnItsRecordedClock) {
    JudgingHub h;
    // A recording played 200 times as fast: 250 km/h recorded is 50,000 km/h played.
    AircraftTrack a = fix(kZ8, kT0, 37.5920, 112.4060);
    a.pace = 200;
    h.hub.submit({a});
    AircraftTrack b = fix(kZ8, kT0 + 1000, 37.5920 + 0.1248, 112.4060);  // 13.9 km in 1 s
    b.pace = 200;
    h.hub.submit({b});
    EXPECT_EQ(h.hub.counters().implausible.load(), 0u);
    EXPECT_EQ(h.hub.counters().accepted.load(), 2u);
}

TEST(FeedHubPlausibility, OtherTrafficIsJudgedByTheLimitForAnyAircraft) {
    JudgingHub h;
    h.hub.submit({fix(0x7804A1, kT0, 37.70, 112.60)});
    h.hub.submit({fix(0x7804A1, kT0 + 10'000, 37.725, 112.60)});  // 800 km/h: an airliner
    h.hub.submit({fix(0x7804A1, kT0 + 11'000, 0.0, 0.0)});
    EXPECT_EQ(h.hub.counters().accepted.load(), 2u);
    EXPECT_EQ(h.hub.counters().implausible.load(), 1u);
}

// SBS types 4 and 5 between positions: a new altitude, speed or track is handed on with the
// position held and its time, so the fix's age stays true.
TEST(FeedHub, AnAltitudeHeardInTheSameMillisecondAsThePositionIsHandedOn) {
    Hub h;
    AircraftTrack a = fix(0x780E41, kT0, 37.5920, 112.4060, 2775);
    a.altitudeTime = kT0;
    h.hub.submit({a});
    ASSERT_EQ(h.take().size(), 1u);
    // A type-5 line right behind the position line, stamped in the same millisecond.
    AircraftTrack next = a;
    next.altitudeFt = 2725;
    h.hub.submit({next});
    auto out = h.take();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].altitudeFt, 2725);
}

TEST(FeedHub, AnAltitudeWithoutANewPositionIsHandedOn) {
    Hub h;
    AircraftTrack a = fix(0x780E41, kT0, 37.5920, 112.4060, 2775);
    a.altitudeTime = kT0;
    a.velocityTime = kT0;
    a.groundSpeedKt = 100;
    h.hub.submit({a});
    ASSERT_EQ(h.take().size(), 1u);

    AircraftTrack climb = a;  // the same position, the altitude of a type-5 line heard later
    climb.altitudeFt = 2725;
    climb.altitudeTime = kT0 + 800;
    climb.lastSeen = kT0 + 800;
    h.hub.submit({climb});
    auto out = h.take();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].altitudeFt, 2725);
    EXPECT_EQ(out[0].positionTime, kT0);
    EXPECT_EQ(h.hub.counters().kinematics.load(), 1u);
    EXPECT_EQ(h.hub.counters().accepted.load(), 1u);

    AircraftTrack turn = climb;  // a type-4 line: new speed and track
    turn.groundSpeedKt = 95;
    turn.trackDeg = 180;
    turn.velocityTime = kT0 + 900;
    turn.lastSeen = kT0 + 900;
    h.hub.submit({turn});
    out = h.take();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].groundSpeedKt, 95);
    EXPECT_EQ(out[0].trackDeg, 180);
    EXPECT_EQ(out[0].altitudeFt, 2725);

    // A receiver that lags behind still has the old altitude: it is not put back.
    AircraftTrack lagging = a;
    lagging.altitudeTime = kT0 + 500;
    lagging.lastSeen = kT0 + 1000;
    h.hub.submit({lagging});
    EXPECT_TRUE(h.take().empty());
    // Nor by a new position from that receiver carrying it.
    AircraftTrack moved = fix(0x780E41, kT0 + 1500, 37.5930, 112.4060, 2775);
    moved.altitudeTime = kT0 + 500;
    h.hub.submit({moved});
    out = h.take();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].altitudeFt, 2725);
    EXPECT_EQ(out[0].positionTime, kT0 + 1500);
}

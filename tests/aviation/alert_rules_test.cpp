#include "aviation/alert_rules.h"

#include <gtest/gtest.h>

#include "aviation/alert_monitor.h"
#include "aviation_world.h"
#include "core/geo.h"
#include "store/event_store.h"

using namespace flameblue;
using namespace flameblue::core;
using namespace flameblue::testing;

namespace {

constexpr TimeMs kMinute = 60'000;

class AlertRulesTest : public ::testing::Test {
protected:
    void SetUp() override { applyAll(state, rosterEvents()); }

    // Decides and applies at `t`.
    void accept(const Command& c, TimeMs t) {
        auto r = decide(state, ref, CommandContext{"tester", "test", t}, c);
        ASSERT_TRUE(r.ok()) << r.error().message;
        applyAll(state, *r, t);
    }
    std::vector<Command> evaluate(TimeMs now) {
        return aviation::evaluateAlerts(state, heard, now, rules, figures);
    }
    // Applies what the monitor would write.
    void settle(TimeMs now) {
        for (const Command& c : evaluate(now))
            accept(c, now);
    }
    void fly(TimeMs takeOff) {
        accept(CreateIncident{"forest_grassland_fire", 2, {37.95, 112.20}, "", "", {}}, takeOff);
        accept(DispatchUnits{state.incidents().rbegin()->first, {kZ8}}, takeOff);
        accept(SetMissionState{kZ8, MissionState::EnRoute, ""}, takeOff);
    }
    void fix(LatLon p, TimeMs t) { accept(ReportPosition{kZ8, {p, 90.0, 220.0, 900.0, t}}, t); }
    template <typename C>
    static std::vector<C> only(const std::vector<Command>& cs) {
        std::vector<C> out;
        for (const Command& c : cs) {
            if (const auto* x = std::get_if<C>(&c))
                out.push_back(*x);
        }
        return out;
    }

    State state;
    Reference ref = testReference();
    session::Session::LastHeard heard;
    aviation::AlertRules rules;
    aviation::FleetFigures figures = aviationFigures();
};

TEST_F(AlertRulesTest, StaleSignalRaisesOnceAfterTheLimitAndClosesWhenHeardAgain) {
    fly(kT0);
    fix(yaocheng(), kT0 + 10'000);
    EXPECT_TRUE(evaluate(kT0 + 10'000 + 60'000).empty());  // exactly the limit: not yet
    auto raised = only<RaiseAlert>(evaluate(kT0 + 10'000 + 61'000));
    ASSERT_EQ(raised.size(), 1u);
    EXPECT_EQ(raised[0].kind, AlertKind::SignalLost);
    EXPECT_NE(raised[0].detail.find("61 s"), std::string::npos) << raised[0].detail;
    settle(kT0 + 71'000);
    // Raised once: later checks write nothing while the silence lasts.
    EXPECT_TRUE(evaluate(kT0 + 120'000).empty());
    EXPECT_TRUE(evaluate(kT0 + 300'000).empty());

    fix({37.62, 112.38}, kT0 + 301'000);
    auto cleared = only<ClearAlert>(evaluate(kT0 + 302'000));
    ASSERT_EQ(cleared.size(), 1u);
    EXPECT_EQ(cleared[0].reason, "signal restored");
    settle(kT0 + 302'000);
    EXPECT_EQ(state.aviation().activeAlert(kZ8, AlertKind::SignalLost), nullptr);
}

TEST_F(AlertRulesTest, UnchangedFixesHeardButNotStoredKeepTheSignalAlive) {
    fly(kT0);
    fix(yaocheng(), kT0);
    heard[kZ8] = kT0 + 50'000;  // the session saw identical fixes since
    EXPECT_TRUE(evaluate(kT0 + 100'000).empty());
    EXPECT_EQ(only<RaiseAlert>(evaluate(kT0 + 111'000)).size(), 1u);
}

TEST_F(AlertRulesTest, ParkedAircraftAreNotExpectedToTransmit) {
    // Ready at base, heard standing, transponder then switched off.
    accept(ReportPosition{kZ8, {yaocheng(), 90.0, 0.0, 780.0, kT0}}, kT0);
    EXPECT_TRUE(evaluate(kT0 + 3600'000).empty());
}

TEST_F(AlertRulesTest, AnAircraftHeardFlyingWhileReadyIsWatchedLikeAnyFlight) {
    // Nobody tasked it: the mission state says ready, the feed says 232 km/h at 2,438 m.
    ASSERT_EQ(state.aviation().mission(kZ8)->state, MissionState::Ready);
    accept(ReportPosition{kZ8, {{37.60, 112.40}, 45.0, 232.0, 2438.0, kT0}}, kT0);
    EXPECT_TRUE(evaluate(kT0 + 30'000).empty());
    const auto raised = only<RaiseAlert>(evaluate(kT0 + 10 * kMinute));
    ASSERT_EQ(raised.size(), 1u);
    EXPECT_EQ(raised[0].kind, AlertKind::SignalLost);
}

TEST_F(AlertRulesTest, ConfigurableLimit) {
    rules.signalLostMs = 20'000;
    fly(kT0);
    fix(yaocheng(), kT0);
    EXPECT_EQ(only<RaiseAlert>(evaluate(kT0 + 21'000)).size(), 1u);
}

TEST_F(AlertRulesTest, LowEnduranceWhenFlightTimeLeftIsBelowTimeHomePlusReserve) {
    fly(kT0);
    // 100 km from Yaocheng: 22.6 min home at 266 km/h, plus 30 min reserve = 52.6 min needed.
    const LatLon far = destination(yaocheng(), 0.0, 100'000.0);
    const double homeMin = greatCircleMeters(far, yaocheng()) / (266.0 / 3.6) / 60.0;
    ASSERT_NEAR(homeMin, 22.56, 0.05);
    // Endurance 151 min: the alert is due after 151 - 52.6 = 98.4 min airborne.
    const TimeMs due = kT0 + static_cast<TimeMs>((151.0 - 30.0 - homeMin) * kMinute);
    for (TimeMs t = kT0 + kMinute; t < due; t += 5 * kMinute) {
        fix(far, t);
        EXPECT_TRUE(only<RaiseAlert>(evaluate(t)).empty()) << (t - kT0) / kMinute << " min";
    }
    fix(far, due + 30'000);
    auto raised = only<RaiseAlert>(evaluate(due + 30'000));
    ASSERT_EQ(raised.size(), 1u);
    EXPECT_EQ(raised[0].kind, AlertKind::LowEndurance);
    EXPECT_NE(raised[0].detail.find("23 min to base + 30 min reserve"), std::string::npos)
        << raised[0].detail;
    settle(due + 30'000);
    fix(far, due + 60'000);
    EXPECT_TRUE(evaluate(due + 60'000).empty());  // no duplicate

    // Home and landed: the condition is over.
    accept(SetMissionState{kZ8, MissionState::Returning, ""}, due + 70'000);
    accept(SetMissionState{kZ8, MissionState::Landed, ""}, due + 80'000);
    auto cleared = only<ClearAlert>(evaluate(due + 90'000));
    ASSERT_EQ(cleared.size(), 1u);
    EXPECT_EQ(cleared[0].reason, "landed");
}

TEST_F(AlertRulesTest, CloseToBaseTheSameFlightTimeIsEnough) {
    fly(kT0);
    const LatLon near = destination(yaocheng(), 90.0, 5'000.0);
    const TimeMs t = kT0 + 110 * kMinute;  // 41 min left; home in 1 min + 30 min reserve
    fix(near, t);
    EXPECT_TRUE(evaluate(t).empty());
}

// The monitor on a real session: writes through the command path as "aviation monitor", once.
TEST(AlertMonitor, WritesThroughTheSessionOnceAndLogsWhoRaisedIt) {
    std::atomic<TimeMs> now{kT0};
    session::SessionOptions o;
    o.clock = [&] { return now.load(); };
    session::Session s(o, store::makeMemoryStore(), testReference());
    ASSERT_TRUE(s.open().ok());
    s.start();
    ASSERT_TRUE(s.appendTrusted({"system", "roster", 0}, rosterEvents()).ok());
    const CommandContext ctx{"coordinator", "console", 0};
    ASSERT_TRUE(
        s.execute(ctx, CreateIncident{"forest_grassland_fire", 2, {37.9, 112.2}, "", "", {}}).ok());
    const Id inc =
        s.withState([](const State& st, const auto&) { return st.incidents().rbegin()->first; });
    ASSERT_TRUE(s.execute(ctx, DispatchUnits{inc, {kZ8}}).ok());
    ASSERT_TRUE(s.execute(ctx, SetMissionState{kZ8, MissionState::EnRoute, ""}).ok());

    const aviation::FleetFigures figures = aviationFigures();
    aviation::AlertMonitor monitor(s, figures, aviation::AlertRules{});
    EXPECT_EQ(monitor.checkNow(), 0u);
    now = kT0 + 61'000;
    EXPECT_EQ(monitor.checkNow(), 1u);
    EXPECT_EQ(monitor.checkNow(), 0u);
    now = kT0 + 200'000;
    EXPECT_EQ(monitor.checkNow(), 0u);

    auto events = s.store().read(0, s.headSeq(), 10'000);
    ASSERT_TRUE(events.ok());
    int raised = 0;
    for (const Event& e : *events) {
        if (const auto* r = std::get_if<AlertRaised>(&e.payload)) {
            ++raised;
            EXPECT_EQ(r->kind, AlertKind::SignalLost);
            EXPECT_EQ(e.operatorId, "system");
            EXPECT_EQ(e.origin, "aviation monitor");
            EXPECT_EQ(e.time, kT0 + 61'000);
        }
    }
    EXPECT_EQ(raised, 1);
    s.stop();
}

}  // namespace

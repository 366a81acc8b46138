#include <gtest/gtest.h>

#include "feeds/context_traffic.h"

using namespace flameblue::feeds;
using flameblue::core::TimeMs;

namespace {
constexpr TimeMs kT0 = 1'796'000'000'000;

AircraftTrack heard(std::uint32_t icao, double lat, double lon, TimeMs t) {
    AircraftTrack a;
    a.icao = icao;
    a.position = flameblue::core::LatLon{lat, lon};
    a.positionTime = t;
    a.lastSeen = t;
    return a;
}
}  // namespace

TEST(ContextTraffic, KeepsOtherTrafficInTheAreaAndNeverTheFleet) {
    ContextTraffic traffic(ContextTrafficOptions{});
    const std::unordered_set<std::uint32_t> fleet = {0x780E41};
    traffic.update({heard(0x780E41, 37.59, 112.41, kT0),   // the fleet's Z-8
                    heard(0x7C0001, 37.75, 112.63, kT0),   // on approach to Wusu (ZBYN)
                    heard(0x7C0002, 39.90, 116.40, kT0),   // over Beijing: outside the area
                    heard(0x7C0003, 34.80, 111.00, kT0)},  // near Yuncheng, in the margin
                   fleet);
    auto list = traffic.list(kT0 + 1000);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].icao, 0x7C0001u);
    EXPECT_EQ(list[1].icao, 0x7C0003u);

    // Leaving the area drops it; so does becoming a fleet aircraft (roster changed).
    traffic.update({heard(0x7C0001, 42.5, 112.6, kT0 + 2000)}, fleet);
    traffic.update({heard(0x7C0003, 34.9, 111.1, kT0 + 2000)}, {0x780E41, 0x7C0003});
    EXPECT_TRUE(traffic.list(kT0 + 3000).empty());
}

TEST(ContextTraffic, ForgetsWhatIsNoLongerHeard) {
    ContextTrafficOptions o;
    o.maxAgeMs = 60'000;
    ContextTraffic traffic(o);
    traffic.update({heard(0x7C0001, 37.75, 112.63, kT0)}, {});
    traffic.update({heard(0x7C0002, 37.80, 112.70, kT0 + 50'000)}, {});
    const auto list = traffic.list(kT0 + 61'000);
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0].icao, 0x7C0002u);
    EXPECT_EQ(traffic.size(), 1u);
}

TEST(ContextTraffic, HoldsAtMostTheConfiguredNumber) {
    ContextTrafficOptions o;
    o.maxAircraft = 3;
    ContextTraffic traffic(o);
    std::vector<AircraftTrack> many;
    for (std::uint32_t i = 0; i < 10; ++i)
        many.push_back(heard(0x7C0000 + i, 37.7, 112.6, kT0));
    traffic.update(many, {});
    EXPECT_EQ(traffic.size(), 3u);
}

TEST(ContextTraffic, KeepsNothingWhenSwitchedOff) {
    ContextTrafficOptions o;
    o.maxAircraft = 0;  // --traffic-area off
    ContextTraffic traffic(o);
    traffic.update({heard(0x7C0001, 37.75, 112.63, kT0)}, {});
    EXPECT_TRUE(traffic.list(kT0).empty());
}

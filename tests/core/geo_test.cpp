#include <gtest/gtest.h>

#include "core/geo.h"

using namespace flameblue::core;

namespace {
const LatLon kTaiyuan{37.86944, 112.56028};
const LatLon kDatong{40.09361, 113.29139};
const LatLon kWusu{37.74694, 112.62833};
}  // namespace

TEST(Geo, VincentyMatchesThePublishedReferenceLine) {
    // Vincenty's own worked example (Flinders Peak to Buninyong): 54,972.271 m.
    const LatLon flinders{-(37 + 57 / 60.0 + 3.72030 / 3600), 144 + 25 / 60.0 + 29.52440 / 3600};
    const LatLon buninyong{-(37 + 39 / 60.0 + 10.15610 / 3600), 143 + 55 / 60.0 + 35.38390 / 3600};
    EXPECT_NEAR(distanceMeters(flinders, buninyong), 54972.271, 0.01);
}

TEST(Geo, TaiyuanToDatongIsAbout255Km) {
    const double d = distanceMeters(kTaiyuan, kDatong);
    EXPECT_GT(d, 250'000);
    EXPECT_LT(d, 260'000);
    // The spherical shortcut stays within half a percent at these latitudes.
    EXPECT_NEAR(greatCircleMeters(kTaiyuan, kDatong) / d, 1.0, 0.005);
}

TEST(Geo, ZeroDistanceAndSymmetry) {
    EXPECT_EQ(distanceMeters(kWusu, kWusu), 0.0);
    EXPECT_NEAR(distanceMeters(kTaiyuan, kWusu), distanceMeters(kWusu, kTaiyuan), 1e-6);
}

TEST(Geo, BearingFromTaiyuanToDatongIsNorthNorthEast) {
    const double b = initialBearingDeg(kTaiyuan, kDatong);
    EXPECT_GT(b, 10.0);
    EXPECT_LT(b, 20.0);
    EXPECT_NEAR(initialBearingDeg({37, 112}, {38, 112}), 0.0, 1e-9);
    EXPECT_NEAR(initialBearingDeg({37, 112}, {37, 111}), 270.0, 0.5);
}

TEST(Geo, DestinationInvertsDistanceAndBearing) {
    const double bearing = initialBearingDeg(kTaiyuan, kDatong);
    const double d = greatCircleMeters(kTaiyuan, kDatong);
    const LatLon p = destination(kTaiyuan, bearing, d);
    EXPECT_LT(greatCircleMeters(p, kDatong), 1.0);
}

TEST(Geo, ValidPositionRejectsNanAndOutOfRange) {
    EXPECT_TRUE(isValidPosition(kTaiyuan));
    EXPECT_FALSE(isValidPosition({std::nan(""), 112}));
    EXPECT_FALSE(isValidPosition({91, 112}));
    EXPECT_FALSE(isValidPosition({37, 181}));
    EXPECT_FALSE(isValidPosition({37, INFINITY}));
}

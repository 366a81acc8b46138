// MapProjection alone: Web Mercator round trips at every console zoom, the camera's
// screen mapping, zoom around a point, fitBounds; plus the geometry helpers of the base map.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "map/map_projection.h"
#include "map/polygon_triangulator.h"
#include "map/polyline_simplifier.h"

namespace flameblue::map {
namespace {

// Real places: Taiyuan city seat, Datong, Yuncheng, Wusu airport; plus the extremes.
const std::vector<LonLat> kShanxiPoints = {
    {112.56028, 37.86944}, {113.29139, 40.09361}, {110.99278, 35.02306}, {112.62833, 37.74694}};
const std::vector<LonLat> kExtremes = {
    {-179.999, 85.05}, {179.999, -85.05}, {0.0, 0.0}, {-0.0001, 0.0001}, {139.69, 35.69}};

TEST(MapProjectionTest, CoordinateRoundTripsWithinAPixelAtEveryZoom) {
    for (int zoom = 5; zoom <= 18; ++zoom) {
        for (const auto& points : {kShanxiPoints, kExtremes}) {
            for (const LonLat& c : points) {
                const ScreenPoint px = MapProjection::toWorldPixels(c, zoom);
                const LonLat back = MapProjection::fromWorldPixels(px, zoom);
                const ScreenPoint again = MapProjection::toWorldPixels(back, zoom);
                EXPECT_LT(std::hypot(again.x - px.x, again.y - px.y), 1e-3)
                    << "zoom " << zoom << " at " << c.lon << "," << c.lat;
                EXPECT_NEAR(back.lon, c.lon, 1e-9);
                EXPECT_NEAR(back.lat, c.lat, 1e-9);
            }
        }
    }
}

TEST(MapProjectionTest, KnownWorldPixels) {
    // Zoom 0: the world is one 256-pixel tile with (0,0) in its middle.
    const ScreenPoint origin = MapProjection::toWorldPixels({0.0, 0.0}, 0);
    EXPECT_DOUBLE_EQ(origin.x, 128.0);
    EXPECT_NEAR(origin.y, 128.0, 1e-9);
    // Taiyuan at zoom 12 lies in tile x=3328, y=1581 (the slippy-map formula).
    const ScreenPoint taiyuan = MapProjection::toWorldPixels({112.56028, 37.86944}, 12);
    EXPECT_EQ(static_cast<int>(taiyuan.x / 256), 3328);
    EXPECT_EQ(static_cast<int>(taiyuan.y / 256), 1581);
}

TEST(MapProjectionTest, LatitudeIsClampedToTheMercatorSquare) {
    EXPECT_DOUBLE_EQ(MapProjection::clampLatitude(89.0), MapProjection::kMaxLatitude);
    EXPECT_DOUBLE_EQ(MapProjection::clampLatitude(-90.0), -MapProjection::kMaxLatitude);
    EXPECT_NEAR(MapProjection::toWorld({0.0, 90.0}).y, 0.0, 1e-9);
    EXPECT_NEAR(MapProjection::toWorld({0.0, -90.0}).y, 1.0, 1e-9);
}

TEST(MapProjectionTest, MetersPerPixelMatchesTheEquatorFigureScaledByLatitude) {
    EXPECT_NEAR(MapProjection::metersPerPixel(0.0, 0), 156543.03392, 1e-3);
    // Taiyuan at zoom 12: 38.22 m/px * cos(37.87 deg).
    EXPECT_NEAR(MapProjection::metersPerPixel(37.87, 12), 30.17, 0.05);
}

TEST(MapProjectionTest, CentreMapsToViewportMiddleAndBack) {
    MapProjection p;
    p.setZoomLimits(5, 18);
    p.setViewportSize(1200, 800);
    for (int zoom = 5; zoom <= 18; ++zoom) {
        p.setZoom(zoom);
        p.setCenter({112.3, 37.6});
        const ScreenPoint middle = p.toScreen({112.3, 37.6});
        EXPECT_NEAR(middle.x, 600.0, 1e-6);
        EXPECT_NEAR(middle.y, 400.0, 1e-6);
        for (const LonLat& c : kShanxiPoints) {
            const ScreenPoint s = p.toScreen(c);
            const ScreenPoint again = p.toScreen(p.toLonLat(s));
            EXPECT_LT(std::hypot(again.x - s.x, again.y - s.y), 1e-3) << "zoom " << zoom;
        }
    }
}

TEST(MapProjectionTest, ZoomAroundKeepsTheAnchorFixed) {
    MapProjection p;
    p.setZoomLimits(5, 18);
    p.setViewportSize(1000, 700);
    p.setCenter({112.3, 37.6});
    p.setZoom(7.0);
    const ScreenPoint anchor{830.0, 120.0};
    const LonLat under = p.toLonLat(anchor);
    for (const double zoom : {7.5, 9.25, 12.0, 18.0, 5.0, 10.7}) {
        p.zoomAround(anchor, zoom);
        const ScreenPoint s = p.toScreen(under);
        EXPECT_NEAR(s.x, anchor.x, 0.01) << zoom;
        EXPECT_NEAR(s.y, anchor.y, 0.01) << zoom;
    }
}

TEST(MapProjectionTest, ZoomIsClampedToLimits) {
    MapProjection p;
    p.setZoomLimits(5, 18);
    EXPECT_DOUBLE_EQ(p.setZoom(2.0), 5.0);
    EXPECT_DOUBLE_EQ(p.setZoom(25.0), 18.0);
}

TEST(MapProjectionTest, PanMovesContentByThePixels) {
    MapProjection p;
    p.setZoomLimits(5, 18);
    p.setViewportSize(800, 600);
    p.setCenter({112.3, 37.6});
    p.setZoom(10);
    const LonLat c{112.56028, 37.86944};
    const ScreenPoint before = p.toScreen(c);
    p.panByPixels(35.0, -20.0);
    const ScreenPoint after = p.toScreen(c);
    EXPECT_NEAR(after.x - before.x, 35.0, 1e-6);
    EXPECT_NEAR(after.y - before.y, -20.0, 1e-6);
}

TEST(MapProjectionTest, FitBoundsShowsTheWholeBoxOfShanxi) {
    MapProjection p;
    p.setZoomLimits(5, 18);
    p.setViewportSize(1200, 900);
    const LonLat topLeft{110.2, 40.75};
    const LonLat bottomRight{114.6, 34.55};
    p.fitBounds(topLeft, bottomRight, 20.0);
    const ScreenPoint a = p.toScreen(topLeft);
    const ScreenPoint b = p.toScreen(bottomRight);
    EXPECT_GE(a.x, 19.9);
    EXPECT_GE(a.y, 19.9);
    EXPECT_LE(b.x, 1180.1);
    EXPECT_LE(b.y, 880.1);
    // Tight on the limiting axis (height here).
    EXPECT_NEAR(b.y - a.y, 860.0, 0.5);
    EXPECT_GT(p.zoom(), 6.0);
    EXPECT_LT(p.zoom(), 7.5);
}

TEST(PolylineSimplifierTest, DropsCollinearPointsKeepsCorners) {
    const std::vector<WorldPoint> line = {{0, 0}, {1, 0.001}, {2, 0}, {2, 5}, {2.001, 6}, {2, 7}};
    const auto simple = simplifyPolyline(line, 0.01);
    ASSERT_EQ(simple.size(), 3U);
    EXPECT_DOUBLE_EQ(simple[1].x, 2.0);
    EXPECT_DOUBLE_EQ(simple[1].y, 0.0);
}

TEST(PolylineSimplifierTest, ClosedRingKeepsItsArea) {
    std::vector<WorldPoint> ring;
    for (int i = 0; i <= 360; ++i) {
        const double a = i * M_PI / 180.0;
        ring.push_back({std::cos(a), std::sin(a)});
    }
    ring.back() = ring.front();
    const auto simple = simplifyPolyline(ring, 0.05);
    EXPECT_GE(simple.size(), 8U);
    EXPECT_LT(simple.size(), 40U);
    EXPECT_DOUBLE_EQ(simple.front().x, simple.back().x);
}

double triangleArea(const std::vector<WorldPoint>& t) {
    double area = 0.0;
    for (size_t i = 0; i + 2 < t.size(); i += 3) {
        area += std::abs((t[i + 1].x - t[i].x) * (t[i + 2].y - t[i].y) -
                         (t[i + 2].x - t[i].x) * (t[i + 1].y - t[i].y)) /
                2.0;
    }
    return area;
}

TEST(PolygonTriangulatorTest, SquareWithHoleHasTheRightArea) {
    const std::vector<std::vector<WorldPoint>> rings = {
        {{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
        {{3, 3}, {3, 6}, {6, 6}, {6, 3}, {3, 3}},
    };
    EXPECT_NEAR(triangleArea(triangulateRings(rings)), 100.0 - 9.0, 1e-9);
}

TEST(PolygonTriangulatorTest, ConcaveRingAndTwoPolygons) {
    // A "U" shape (area 7) and a separate triangle (area 2).
    const std::vector<std::vector<WorldPoint>> rings = {
        {{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}},
        {{5, 0}, {7, 0}, {5, 2}},
    };
    EXPECT_NEAR(triangleArea(triangulateRings(rings)), 9.0, 1e-9);
}

}  // namespace
}  // namespace flameblue::map

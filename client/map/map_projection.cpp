#include "map/map_projection.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace flameblue::map {

namespace {

constexpr double kPi = std::numbers::pi;

double clampUnit(double value) {
    return std::clamp(value, 0.0, 1.0);
}

}  // namespace

double MapProjection::clampLatitude(double latitude) {
    return std::clamp(latitude, -kMaxLatitude, kMaxLatitude);
}

WorldPoint MapProjection::toWorld(const LonLat& coordinate) {
    const double latRad = clampLatitude(coordinate.lat) * kPi / 180.0;
    const double x = (coordinate.lon + 180.0) / 360.0;
    const double y = 0.5 - std::log(std::tan(kPi / 4.0 + latRad / 2.0)) / (2.0 * kPi);
    return {x, y};
}

LonLat MapProjection::toLonLat(const WorldPoint& world) {
    const double lon = world.x * 360.0 - 180.0;
    const double lat = std::atan(std::sinh(kPi * (1.0 - 2.0 * world.y))) * 180.0 / kPi;
    return {lon, clampLatitude(lat)};
}

double MapProjection::worldSizePixels(double zoom) {
    return kTileSizePixels * std::exp2(zoom);
}

ScreenPoint MapProjection::toWorldPixels(const LonLat& coordinate, double zoom) {
    const WorldPoint w = toWorld(coordinate);
    const double size = worldSizePixels(zoom);
    return {w.x * size, w.y * size};
}

LonLat MapProjection::fromWorldPixels(const ScreenPoint& pixels, double zoom) {
    const double size = worldSizePixels(zoom);
    return toLonLat(WorldPoint{pixels.x / size, pixels.y / size});
}

double MapProjection::metersPerPixel(double latitude, double zoom) {
    const double circumference = 2.0 * kPi * kEarthRadiusMeters;
    return circumference * std::cos(clampLatitude(latitude) * kPi / 180.0) / worldSizePixels(zoom);
}

void MapProjection::setViewportSize(double widthPixels, double heightPixels) {
    m_width = std::max(0.0, widthPixels);
    m_height = std::max(0.0, heightPixels);
}

void MapProjection::setZoomLimits(double minimumZoom, double maximumZoom) {
    m_minimumZoom = std::min(minimumZoom, maximumZoom);
    m_maximumZoom = std::max(minimumZoom, maximumZoom);
    setZoom(m_zoom);
}

void MapProjection::setCenter(const LonLat& center) {
    setCenterWorld(toWorld(center));
}

void MapProjection::setCenterWorld(const WorldPoint& center) {
    m_center = {clampUnit(center.x), clampUnit(center.y)};
}

double MapProjection::setZoom(double zoom) {
    m_zoom = std::clamp(zoom, m_minimumZoom, m_maximumZoom);
    return m_zoom;
}

ScreenPoint MapProjection::worldToScreen(const WorldPoint& world) const {
    const double s = scale();
    return {(world.x - m_center.x) * s + m_width / 2.0,
            (world.y - m_center.y) * s + m_height / 2.0};
}

WorldPoint MapProjection::screenToWorld(const ScreenPoint& screen) const {
    const double s = scale();
    return {m_center.x + (screen.x - m_width / 2.0) / s,
            m_center.y + (screen.y - m_height / 2.0) / s};
}

WorldRect MapProjection::visibleWorld(double marginPixels) const {
    const WorldPoint topLeft = screenToWorld({-marginPixels, -marginPixels});
    const WorldPoint bottomRight = screenToWorld({m_width + marginPixels, m_height + marginPixels});
    return {topLeft.x, topLeft.y, bottomRight.x, bottomRight.y};
}

void MapProjection::zoomAround(const ScreenPoint& anchor, double zoom) {
    const WorldPoint fixed = screenToWorld(anchor);
    setZoom(zoom);
    const double s = scale();
    setCenterWorld(
        {fixed.x - (anchor.x - m_width / 2.0) / s, fixed.y - (anchor.y - m_height / 2.0) / s});
}

void MapProjection::panByPixels(double dx, double dy) {
    const double s = scale();
    setCenterWorld({m_center.x - dx / s, m_center.y - dy / s});
}

void MapProjection::fitBounds(const LonLat& topLeft, const LonLat& bottomRight,
                              double paddingPixels) {
    const WorldPoint a = toWorld(topLeft);
    const WorldPoint b = toWorld(bottomRight);
    const double spanX = std::max(std::abs(b.x - a.x), 1e-12);
    const double spanY = std::max(std::abs(b.y - a.y), 1e-12);
    const double usableW = std::max(1.0, m_width - 2.0 * paddingPixels);
    const double usableH = std::max(1.0, m_height - 2.0 * paddingPixels);
    const double scaleNeeded = std::min(usableW / spanX, usableH / spanY);
    setZoom(std::log2(scaleNeeded / kTileSizePixels));
    setCenterWorld({(a.x + b.x) / 2.0, (a.y + b.y) / 2.0});
}

}  // namespace flameblue::map

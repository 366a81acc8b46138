// Web Mercator (EPSG:3857) with 256-pixel tiles, and the camera that turns it into the
// item's pixels: centre, fractional zoom and viewport size. North-up, no wrap-around.
#pragma once

#include "map/geo_types.h"

namespace flameblue::map {

class MapProjection {
public:
    static constexpr double kTileSizePixels = 256.0;
    // Where Web Mercator's square world ends (atan(sinh(pi)) in degrees).
    static constexpr double kMaxLatitude = 85.0511287798066;
    static constexpr double kEarthRadiusMeters = 6378137.0;

    // Pure projection math.
    static double clampLatitude(double latitude);
    static WorldPoint toWorld(const LonLat& coordinate);
    static LonLat toLonLat(const WorldPoint& world);
    static double worldSizePixels(double zoom);
    static ScreenPoint toWorldPixels(const LonLat& coordinate, double zoom);
    static LonLat fromWorldPixels(const ScreenPoint& pixels, double zoom);
    // Ground metres per screen pixel at `latitude` (Mercator's scale grows with 1/cos(lat)).
    static double metersPerPixel(double latitude, double zoom);

    // Camera state.
    void setViewportSize(double widthPixels, double heightPixels);
    double viewportWidth() const { return m_width; }
    double viewportHeight() const { return m_height; }
    void setZoomLimits(double minimumZoom, double maximumZoom);
    double minimumZoom() const { return m_minimumZoom; }
    double maximumZoom() const { return m_maximumZoom; }
    void setCenter(const LonLat& center);
    void setCenterWorld(const WorldPoint& center);
    LonLat center() const { return toLonLat(m_center); }
    const WorldPoint& centerWorld() const { return m_center; }
    // Clamped to the zoom limits; returns the zoom actually set.
    double setZoom(double zoom);
    double zoom() const { return m_zoom; }
    // Screen pixels per world unit at the current zoom.
    double scale() const { return worldSizePixels(m_zoom); }
    double metersPerPixel() const { return metersPerPixel(center().lat, m_zoom); }

    ScreenPoint worldToScreen(const WorldPoint& world) const;
    WorldPoint screenToWorld(const ScreenPoint& screen) const;
    ScreenPoint toScreen(const LonLat& coordinate) const {
        return worldToScreen(toWorld(coordinate));
    }
    LonLat toLonLat(const ScreenPoint& screen) const { return toLonLat(screenToWorld(screen)); }
    // The world rectangle the viewport shows, grown by `marginPixels` on every side.
    WorldRect visibleWorld(double marginPixels = 0.0) const;

    // Changes zoom while the ground point under `anchor` stays under it (wheel, pinch).
    void zoomAround(const ScreenPoint& anchor, double zoom);
    // Moves the content by (dx, dy) screen pixels, as a drag does.
    void panByPixels(double dx, double dy);
    // Centres on the box and picks the largest zoom at which it fits with `paddingPixels`.
    void fitBounds(const LonLat& topLeft, const LonLat& bottomRight, double paddingPixels);

private:
    WorldPoint m_center{0.5, 0.5};
    double m_zoom = 5.0;
    double m_width = 0.0;
    double m_height = 0.0;
    double m_minimumZoom = 0.0;
    double m_maximumZoom = 22.0;
};

}  // namespace flameblue::map

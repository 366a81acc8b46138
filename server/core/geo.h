#pragma once

#include <cmath>

namespace flameblue::core {

// A WGS-84 position in degrees.
struct LatLon {
    double latDeg = 0.0;
    double lonDeg = 0.0;

    bool operator==(const LatLon&) const = default;
};

// True when both values are finite and within [-90, 90] and [-180, 180].
bool isValidPosition(const LatLon& p);

// Geodesic distance on the WGS-84 ellipsoid (Vincenty's inverse formula; falls back to a
// spherical great circle in the rare near-antipodal cases where it does not converge).
double distanceMeters(const LatLon& a, const LatLon& b);

// Fast spherical great-circle distance (haversine, mean Earth radius); within 0.5 % of the
// ellipsoid at Shanxi latitudes. For ranking many candidates.
double greatCircleMeters(const LatLon& a, const LatLon& b);

// Initial bearing from a to b, degrees clockwise from true north in [0, 360).
double initialBearingDeg(const LatLon& a, const LatLon& b);

// The point reached from `from` after `distanceMeters` along `bearingDeg` (spherical).
LatLon destination(const LatLon& from, double bearingDeg, double distanceMeters);

}  // namespace flameblue::core

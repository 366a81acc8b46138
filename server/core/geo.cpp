#include "core/geo.h"

#include <numbers>

namespace flameblue::core {

namespace {
constexpr double kWgs84A = 6378137.0;
constexpr double kWgs84F = 1.0 / 298.257223563;
constexpr double kWgs84B = kWgs84A * (1.0 - kWgs84F);
constexpr double kMeanRadius = 6371008.8;
constexpr double kDeg = std::numbers::pi / 180.0;
}  // namespace

bool isValidPosition(const LatLon& p) {
    return std::isfinite(p.latDeg) && std::isfinite(p.lonDeg) && p.latDeg >= -90.0 &&
           p.latDeg <= 90.0 && p.lonDeg >= -180.0 && p.lonDeg <= 180.0;
}

double greatCircleMeters(const LatLon& a, const LatLon& b) {
    const double phi1 = a.latDeg * kDeg;
    const double phi2 = b.latDeg * kDeg;
    const double dPhi = phi2 - phi1;
    const double dLambda = (b.lonDeg - a.lonDeg) * kDeg;
    const double h = std::sin(dPhi / 2) * std::sin(dPhi / 2) + std::cos(phi1) * std::cos(phi2) *
                                                                   std::sin(dLambda / 2) *
                                                                   std::sin(dLambda / 2);
    return 2.0 * kMeanRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

double distanceMeters(const LatLon& a, const LatLon& b) {
    if (a == b) {
        return 0.0;
    }
    const double L = (b.lonDeg - a.lonDeg) * kDeg;
    const double U1 = std::atan((1 - kWgs84F) * std::tan(a.latDeg * kDeg));
    const double U2 = std::atan((1 - kWgs84F) * std::tan(b.latDeg * kDeg));
    const double sinU1 = std::sin(U1), cosU1 = std::cos(U1);
    const double sinU2 = std::sin(U2), cosU2 = std::cos(U2);

    double lambda = L;
    double sinSigma = 0, cosSigma = 0, sigma = 0, cosSqAlpha = 0, cos2SigmaM = 0;
    for (int i = 0; i < 200; ++i) {
        const double sinLambda = std::sin(lambda), cosLambda = std::cos(lambda);
        const double t1 = cosU2 * sinLambda;
        const double t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
        sinSigma = std::sqrt(t1 * t1 + t2 * t2);
        if (sinSigma == 0) {
            return 0.0;
        }
        cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
        sigma = std::atan2(sinSigma, cosSigma);
        const double sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
        cosSqAlpha = 1 - sinAlpha * sinAlpha;
        cos2SigmaM = cosSqAlpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cosSqAlpha : 0.0;
        const double C = kWgs84F / 16 * cosSqAlpha * (4 + kWgs84F * (4 - 3 * cosSqAlpha));
        const double previous = lambda;
        lambda =
            L + (1 - C) * kWgs84F * sinAlpha *
                    (sigma + C * sinSigma *
                                 (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        if (std::abs(lambda - previous) < 1e-12) {
            const double uSq =
                cosSqAlpha * (kWgs84A * kWgs84A - kWgs84B * kWgs84B) / (kWgs84B * kWgs84B);
            const double A = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
            const double B = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
            const double deltaSigma =
                B * sinSigma *
                (cos2SigmaM + B / 4 *
                                  (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
                                   B / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) *
                                       (-3 + 4 * cos2SigmaM * cos2SigmaM)));
            return kWgs84B * A * (sigma - deltaSigma);
        }
    }
    return greatCircleMeters(a, b);
}

double initialBearingDeg(const LatLon& a, const LatLon& b) {
    const double phi1 = a.latDeg * kDeg;
    const double phi2 = b.latDeg * kDeg;
    const double dLambda = (b.lonDeg - a.lonDeg) * kDeg;
    const double y = std::sin(dLambda) * std::cos(phi2);
    const double x =
        std::cos(phi1) * std::sin(phi2) - std::sin(phi1) * std::cos(phi2) * std::cos(dLambda);
    double deg = std::atan2(y, x) / kDeg;
    deg = std::fmod(deg + 360.0, 360.0);
    return deg;
}

LatLon destination(const LatLon& from, double bearingDeg, double distanceMeters) {
    const double delta = distanceMeters / kMeanRadius;
    const double theta = bearingDeg * kDeg;
    const double phi1 = from.latDeg * kDeg;
    const double lambda1 = from.lonDeg * kDeg;
    const double phi2 = std::asin(std::sin(phi1) * std::cos(delta) +
                                  std::cos(phi1) * std::sin(delta) * std::cos(theta));
    const double lambda2 = lambda1 + std::atan2(std::sin(theta) * std::sin(delta) * std::cos(phi1),
                                                std::cos(delta) - std::sin(phi1) * std::sin(phi2));
    double lon = lambda2 / kDeg;
    lon = std::fmod(lon + 540.0, 360.0) - 180.0;
    return {phi2 / kDeg, lon};
}

}  // namespace flameblue::core

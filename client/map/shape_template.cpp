#include "map/shape_template.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace flameblue::map {

namespace {

constexpr int kCircleSegments = 12;
constexpr int kSmallCircleSegments = 8;
// Sharp corners are bevelled at this miter length so outlines do not spike.
constexpr float kMiterLimit = 2.5F;

}  // namespace

ShapeTemplate ShapeTemplate::fromRing(std::vector<Vec> ring, Vec fanCentre) {
    ShapeTemplate shape;
    shape.points = std::move(ring);
    shape.fanCentre = fanCentre;
    const size_t n = shape.points.size();
    double area = 0.0;
    for (size_t i = 0; i < n; ++i) {
        const Vec& a = shape.points[i];
        const Vec& b = shape.points[(i + 1) % n];
        area += static_cast<double>(a.x) * b.y - static_cast<double>(b.x) * a.y;
    }
    // Outward normal of edge (dx, dy) is (dy, -dx) for a counter-clockwise ring in y-down
    // coordinates (negative area); flip for the other orientation.
    const float sign = area < 0.0 ? 1.0F : -1.0F;
    shape.offsets.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const Vec& p = shape.points[(i + n - 1) % n];
        const Vec& v = shape.points[i];
        const Vec& q = shape.points[(i + 1) % n];
        auto normal = [sign](const Vec& a, const Vec& b) {
            const float dx = b.x - a.x;
            const float dy = b.y - a.y;
            const float len = std::max(1e-6F, std::sqrt(dx * dx + dy * dy));
            return Vec{sign * dy / len, -sign * dx / len};
        };
        const Vec n1 = normal(p, v);
        const Vec n2 = normal(v, q);
        Vec m{n1.x + n2.x, n1.y + n2.y};
        const float len = std::max(1e-6F, std::sqrt(m.x * m.x + m.y * m.y));
        m = {m.x / len, m.y / len};
        const float cosHalf = std::max(1.0F / kMiterLimit, m.x * n1.x + m.y * n1.y);
        shape.offsets[i] = {m.x / cosHalf, m.y / cosHalf};
    }
    return shape;
}

const ShapeTemplate& ShapeTemplate::circle() {
    static const ShapeTemplate shape = [] {
        std::vector<Vec> ring;
        for (int i = 0; i < kCircleSegments; ++i) {
            const double a = 2.0 * std::numbers::pi * i / kCircleSegments;
            ring.push_back({static_cast<float>(std::cos(a)), static_cast<float>(std::sin(a))});
        }
        return fromRing(std::move(ring));
    }();
    return shape;
}

const ShapeTemplate& ShapeTemplate::smallCircle() {
    static const ShapeTemplate shape = [] {
        std::vector<Vec> ring;
        for (int i = 0; i < kSmallCircleSegments; ++i) {
            const double a = 2.0 * std::numbers::pi * (i + 0.5) / kSmallCircleSegments;
            ring.push_back({static_cast<float>(std::cos(a)), static_cast<float>(std::sin(a))});
        }
        return fromRing(std::move(ring));
    }();
    return shape;
}

const ShapeTemplate& ShapeTemplate::square() {
    static const ShapeTemplate shape =
        fromRing({{-0.85F, -0.85F}, {0.85F, -0.85F}, {0.85F, 0.85F}, {-0.85F, 0.85F}});
    return shape;
}

const ShapeTemplate& ShapeTemplate::house() {
    static const ShapeTemplate shape =
        fromRing({{-0.8F, 0.8F}, {0.8F, 0.8F}, {0.8F, -0.15F}, {0.0F, -0.95F}, {-0.8F, -0.15F}});
    return shape;
}

const ShapeTemplate& ShapeTemplate::diamond() {
    static const ShapeTemplate shape =
        fromRing({{0.0F, -1.2F}, {1.0F, 0.0F}, {0.0F, 1.2F}, {-1.0F, 0.0F}});
    return shape;
}

const ShapeTemplate& ShapeTemplate::triangleDown() {
    static const ShapeTemplate shape = fromRing({{-1.0F, -0.7F}, {1.0F, -0.7F}, {0.0F, 1.0F}});
    return shape;
}

const ShapeTemplate& ShapeTemplate::headingTip() {
    static const ShapeTemplate shape =
        fromRing({{0.0F, -1.85F}, {0.72F, -0.55F}, {-0.72F, -0.55F}}, {0.0F, -1.0F});
    return shape;
}

const std::vector<ShapeTemplate>& ShapeTemplate::aircraftParts() {
    // Each part is star-shaped around its fan centre, so a triangle fan fills it.
    static const std::vector<ShapeTemplate> parts = {
        fromRing({{0.0F, -1.0F},
                  {0.13F, -0.75F},
                  {0.13F, 0.7F},
                  {0.0F, 0.8F},
                  {-0.13F, 0.7F},
                  {-0.13F, -0.75F}}),
        fromRing({{0.13F, -0.3F},
                  {0.95F, 0.15F},
                  {0.95F, 0.32F},
                  {0.13F, 0.12F},
                  {-0.13F, 0.12F},
                  {-0.95F, 0.32F},
                  {-0.95F, 0.15F},
                  {-0.13F, -0.3F}}),
        fromRing({{0.1F, 0.55F},
                  {0.42F, 0.78F},
                  {0.42F, 0.9F},
                  {0.0F, 0.82F},
                  {-0.42F, 0.9F},
                  {-0.42F, 0.78F},
                  {-0.1F, 0.55F}},
                 {0.0F, 0.7F}),
    };
    return parts;
}

}  // namespace flameblue::map

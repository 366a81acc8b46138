#include "map/polyline_simplifier.h"

#include <cmath>
#include <utility>

namespace flameblue::map {

namespace {

double squaredSegmentDistance(const WorldPoint& p, const WorldPoint& a, const WorldPoint& b) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double lengthSquared = dx * dx + dy * dy;
    double t = 0.0;
    if (lengthSquared > 0.0) {
        t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / lengthSquared;
        t = t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t);
    }
    const double ex = a.x + t * dx - p.x;
    const double ey = a.y + t * dy - p.y;
    return ex * ex + ey * ey;
}

}  // namespace

std::vector<WorldPoint> simplifyPolyline(const std::vector<WorldPoint>& points, double tolerance) {
    if (points.size() < 3) {
        return points;
    }
    const double toleranceSquared = tolerance * tolerance;
    std::vector<char> keep(points.size(), 0);
    keep.front() = 1;
    keep.back() = 1;
    // A closed ring's first and last points coincide, so split it at its farthest point first:
    // otherwise every point is measured against a zero-length segment and the ring collapses.
    std::vector<std::pair<size_t, size_t>> stack;
    const bool closed = points.front().x == points.back().x && points.front().y == points.back().y;
    if (closed) {
        size_t farthest = 1;
        double best = -1.0;
        for (size_t i = 1; i + 1 < points.size(); ++i) {
            const double dx = points[i].x - points.front().x;
            const double dy = points[i].y - points.front().y;
            if (dx * dx + dy * dy > best) {
                best = dx * dx + dy * dy;
                farthest = i;
            }
        }
        keep[farthest] = 1;
        stack.emplace_back(0, farthest);
        stack.emplace_back(farthest, points.size() - 1);
    } else {
        stack.emplace_back(0, points.size() - 1);
    }
    while (!stack.empty()) {
        const auto [first, last] = stack.back();
        stack.pop_back();
        double maxDistance = -1.0;
        size_t index = first;
        for (size_t i = first + 1; i < last; ++i) {
            const double d = squaredSegmentDistance(points[i], points[first], points[last]);
            if (d > maxDistance) {
                maxDistance = d;
                index = i;
            }
        }
        if (maxDistance > toleranceSquared) {
            keep[index] = 1;
            stack.emplace_back(first, index);
            stack.emplace_back(index, last);
        }
    }
    std::vector<WorldPoint> result;
    for (size_t i = 0; i < points.size(); ++i) {
        if (keep[i] != 0) {
            result.push_back(points[i]);
        }
    }
    return result;
}

}  // namespace flameblue::map

#include "map/polygon_triangulator.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace flameblue::map {

namespace {

struct Edge {
    double yTop = 0.0;
    double yBottom = 0.0;
    double xAtTop = 0.0;
    double slope = 0.0;  // dx/dy

    double xAt(double y) const { return xAtTop + (y - yTop) * slope; }
};

struct Interval {
    double from = 0.0;
    double to = 0.0;
};

// One inside span of a thin band: between a left and a right crossing edge.
struct Span {
    double xl0, xr0;  // at the band's top
    double xl1, xr1;  // at its bottom
};

struct ThinBand {
    double y0 = 0.0;
    double y1 = 0.0;
    std::vector<Span> spans;
};

std::vector<Edge> collectEdges(const std::vector<std::vector<WorldPoint>>& rings) {
    std::vector<Edge> edges;
    for (const auto& ring : rings) {
        const size_t n = ring.size();
        for (size_t i = 0; i < n; ++i) {
            WorldPoint a = ring[i];
            WorldPoint b = ring[(i + 1) % n];
            if (a.y == b.y) {
                continue;  // horizontal edges never bound a band from the side
            }
            if (a.y > b.y) {
                std::swap(a, b);
            }
            edges.push_back({a.y, b.y, a.x, (b.x - a.x) / (b.y - a.y)});
        }
    }
    std::sort(edges.begin(), edges.end(),
              [](const Edge& p, const Edge& q) { return p.yTop < q.yTop; });
    return edges;
}

void emitQuad(const WorldPoint& tl, const WorldPoint& tr, const WorldPoint& br,
              const WorldPoint& bl, std::vector<WorldPoint>& out) {
    out.insert(out.end(), {tl, tr, br, tl, br, bl});
}

// Intervals inside the span for the whole band height.
Interval innerOf(const Span& s) {
    return {std::max(s.xl0, s.xl1), std::min(s.xr0, s.xr1)};
}

std::vector<Interval> intersect(const std::vector<Interval>& a, const std::vector<Interval>& b) {
    std::vector<Interval> out;
    size_t i = 0;
    size_t j = 0;
    while (i < a.size() && j < b.size()) {
        const double from = std::max(a[i].from, b[j].from);
        const double to = std::min(a[i].to, b[j].to);
        if (from < to) {
            out.push_back({from, to});
        }
        (a[i].to < b[j].to) ? ++i : ++j;
    }
    return out;
}

// A group of thin bands inside one coarse band: tall rectangles where all of them are inside,
// and the rest of every span (towards the outline) as trapezoids.
void emitGroup(const std::vector<ThinBand>& group, std::vector<WorldPoint>& out) {
    std::vector<Interval> solid;
    for (size_t b = 0; b < group.size(); ++b) {
        std::vector<Interval> inner;
        for (const Span& s : group[b].spans) {
            const Interval i = innerOf(s);
            if (i.from < i.to) {
                inner.push_back(i);
            }
        }
        solid = b == 0 ? inner : intersect(solid, inner);
    }
    const double top = group.front().y0;
    const double bottom = group.back().y1;
    for (const Interval& r : solid) {
        emitQuad({r.from, top}, {r.to, top}, {r.to, bottom}, {r.from, bottom}, out);
    }
    for (const ThinBand& band : group) {
        for (const Span& s : band.spans) {
            // Walk left to right, skipping the solid rectangles inside this span.
            double left0 = s.xl0;
            double left1 = s.xl1;
            const Interval inner = innerOf(s);
            for (const Interval& r : solid) {
                if (r.from < inner.from || r.to > inner.to) {
                    continue;  // belongs to another span
                }
                emitQuad({left0, band.y0}, {r.from, band.y0}, {r.from, band.y1}, {left1, band.y1},
                         out);
                left0 = r.to;
                left1 = r.to;
            }
            emitQuad({left0, band.y0}, {s.xr0, band.y0}, {s.xr1, band.y1}, {left1, band.y1}, out);
        }
    }
}

}  // namespace

std::vector<WorldPoint> triangulateRings(const std::vector<std::vector<WorldPoint>>& rings,
                                         double bandHeight) {
    const std::vector<Edge> edges = collectEdges(rings);
    std::vector<double> ys;
    for (const Edge& e : edges) {
        ys.push_back(e.yTop);
        ys.push_back(e.yBottom);
    }
    if (ys.empty()) {
        return {};
    }
    const auto [minY, maxY] = std::minmax_element(ys.begin(), ys.end());
    if (bandHeight > 0.0) {
        for (double y = std::ceil(*minY / bandHeight) * bandHeight; y < *maxY; y += bandHeight) {
            ys.push_back(y);
        }
    }
    std::sort(ys.begin(), ys.end());
    ys.erase(std::unique(ys.begin(), ys.end()), ys.end());

    std::vector<WorldPoint> out;
    std::vector<int> active;
    std::vector<ThinBand> group;
    double groupIndex = -1.0;
    size_t nextEdge = 0;
    for (size_t band = 0; band + 1 < ys.size(); ++band) {
        const double y0 = ys[band];
        const double y1 = ys[band + 1];
        const double mid = (y0 + y1) / 2.0;
        std::erase_if(active, [&](int e) { return edges[static_cast<size_t>(e)].yBottom <= y0; });
        while (nextEdge < edges.size() && edges[nextEdge].yTop <= y0) {
            if (edges[nextEdge].yBottom > y0) {
                active.push_back(static_cast<int>(nextEdge));
            }
            ++nextEdge;
        }
        std::sort(active.begin(), active.end(), [&](int a, int b) {
            return edges[static_cast<size_t>(a)].xAt(mid) < edges[static_cast<size_t>(b)].xAt(mid);
        });
        ThinBand thin{y0, y1, {}};
        // Even-odd: spans between the 1st and 2nd, 3rd and 4th... crossing are inside.
        for (size_t i = 0; i + 1 < active.size(); i += 2) {
            const Edge& l = edges[static_cast<size_t>(active[i])];
            const Edge& r = edges[static_cast<size_t>(active[i + 1])];
            thin.spans.push_back({l.xAt(y0), r.xAt(y0), l.xAt(y1), r.xAt(y1)});
        }
        const double index = bandHeight > 0.0 ? std::floor(mid / bandHeight) : 0.0;
        if (!group.empty() && (index != groupIndex || bandHeight <= 0.0)) {
            emitGroup(group, out);
            group.clear();
        }
        groupIndex = index;
        group.push_back(std::move(thin));
    }
    if (!group.empty()) {
        emitGroup(group, out);
    }
    return out;
}

}  // namespace flameblue::map

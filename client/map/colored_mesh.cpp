#include "map/colored_mesh.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace flameblue::map {

namespace {

// Width of the transparent fringe that fakes antialiasing without multisampling.
constexpr float kFringePixels = 1.0F;
// Points closer than this on screen add nothing but vertices.
constexpr double kMinSegmentPixels = 1.0;
constexpr float kLineMiterLimit = 2.0F;

std::uint8_t scaleChannel(int value, double factor) {
    return static_cast<std::uint8_t>(std::clamp(std::lround(value * factor), 0L, 255L));
}

Rgba lerp(Rgba a, Rgba b, double t) {
    auto mix = [t](std::uint8_t p, std::uint8_t q) {
        return static_cast<std::uint8_t>(std::lround(p + (q - p) * t));
    };
    return {mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b), mix(a.a, b.a)};
}

}  // namespace

Rgba Rgba::from(const QColor& color, double opacity) {
    const double alpha = color.alphaF() * std::clamp(opacity, 0.0, 1.0);
    return {scaleChannel(color.red(), alpha), scaleChannel(color.green(), alpha),
            scaleChannel(color.blue(), alpha), scaleChannel(255, alpha)};
}

Rgba Rgba::withOpacity(double opacity) const {
    return {scaleChannel(r, opacity), scaleChannel(g, opacity), scaleChannel(b, opacity),
            scaleChannel(a, opacity)};
}

void ColoredMesh::clear() {
    m_vertices.clear();
    m_indices.clear();
}

std::uint32_t ColoredMesh::addVertex(float x, float y, Rgba c) {
    m_vertices.push_back({x, y, c.r, c.g, c.b, c.a});
    return static_cast<std::uint32_t>(m_vertices.size() - 1);
}

// Joins two parallel vertex rows (a[i], b[i]) with quads.
void ColoredMesh::addQuadStrip(std::uint32_t firstA, std::uint32_t firstB, size_t count,
                               bool closed) {
    const size_t segments = closed ? count : count - 1;
    for (size_t i = 0; i < segments; ++i) {
        const auto j = static_cast<std::uint32_t>((i + 1) % count);
        const auto k = static_cast<std::uint32_t>(i);
        m_indices.insert(m_indices.end(),
                         {firstA + k, firstB + k, firstB + j, firstA + k, firstB + j, firstA + j});
    }
}

void ColoredMesh::addPolyline(const ScreenPoint* points, size_t count, float width, Rgba color) {
    addPolyline(points, count, width, color, color);
}

void ColoredMesh::addPolyline(const ScreenPoint* points, size_t count, float width, Rgba color,
                              Rgba endColor) {
    m_scratch.clear();
    for (size_t i = 0; i < count; ++i) {
        if (m_scratch.empty() ||
            std::hypot(points[i].x - m_scratch.back().x, points[i].y - m_scratch.back().y) >=
                kMinSegmentPixels) {
            m_scratch.push_back(points[i]);
        }
    }
    if (m_scratch.size() < 2) {
        return;
    }
    const size_t n = m_scratch.size();
    const float core = std::max(0.0F, width / 2.0F - kFringePixels / 2.0F);
    const float outer = core + kFringePixels;
    const Rgba clear{0, 0, 0, 0};
    const auto first = static_cast<std::uint32_t>(m_vertices.size());
    for (size_t i = 0; i < n; ++i) {
        const ScreenPoint& prev = m_scratch[i == 0 ? 0 : i - 1];
        const ScreenPoint& next = m_scratch[i + 1 == n ? n - 1 : i + 1];
        const ScreenPoint& here = m_scratch[i];
        // Unit normals of the incoming and outgoing segments; their mean is the miter.
        auto normalOf = [](const ScreenPoint& a, const ScreenPoint& b) {
            const double dx = b.x - a.x;
            const double dy = b.y - a.y;
            const double len = std::max(1e-9, std::hypot(dx, dy));
            return ScreenPoint{-dy / len, dx / len};
        };
        const ScreenPoint n1 = i == 0 ? normalOf(here, next) : normalOf(prev, here);
        const ScreenPoint n2 = i + 1 == n ? n1 : normalOf(here, next);
        ScreenPoint m{n1.x + n2.x, n1.y + n2.y};
        const double len = std::hypot(m.x, m.y);
        m = len < 1e-9 ? n1 : ScreenPoint{m.x / len, m.y / len};
        const double miter = 1.0 / std::max(1.0 / kLineMiterLimit, m.x * n1.x + m.y * n1.y);
        const auto mx = static_cast<float>(m.x * miter);
        const auto my = static_cast<float>(m.y * miter);
        const auto x = static_cast<float>(here.x);
        const auto y = static_cast<float>(here.y);
        const Rgba c = color.r == endColor.r && color.g == endColor.g && color.b == endColor.b &&
                               color.a == endColor.a
                           ? color
                           : lerp(color, endColor, static_cast<double>(i) / (n - 1));
        addVertex(x + mx * outer, y + my * outer, clear);
        addVertex(x + mx * core, y + my * core, c);
        addVertex(x - mx * core, y - my * core, c);
        addVertex(x - mx * outer, y - my * outer, clear);
    }
    for (size_t i = 0; i + 1 < n; ++i) {
        const auto a = static_cast<std::uint32_t>(first + i * 4);
        const auto b = a + 4;
        for (std::uint32_t lane = 0; lane < 3; ++lane) {
            m_indices.insert(m_indices.end(), {a + lane, a + lane + 1, b + lane + 1, a + lane,
                                               b + lane + 1, b + lane});
        }
    }
}

void ColoredMesh::addShapeOutline(const ShapeTemplate& shape, const ShapePlacement& at,
                                  Rgba outline, float outlineWidth) {
    const size_t n = shape.points.size();
    const Rgba clear{0, 0, 0, 0};
    const float c = at.cosAngle;
    const float s = at.sinAngle;
    // Rotation clockwise on screen (y down) by the heading.
    auto place = [&](float px, float py, float ox, float oy, float grow) {
        const float lx = px * at.size + ox * grow;
        const float ly = py * at.size + oy * grow;
        return std::pair{at.x + lx * c - ly * s, at.y + lx * s + ly * c};
    };
    const auto centre =
        addVertex(at.x + (shape.fanCentre.x * c - shape.fanCentre.y * s) * at.size,
                  at.y + (shape.fanCentre.x * s + shape.fanCentre.y * c) * at.size, outline);
    auto fringe = static_cast<std::uint32_t>(m_vertices.size());
    if (m_softEdges) {
        for (size_t i = 0; i < n; ++i) {
            const auto [x, y] = place(shape.points[i].x, shape.points[i].y, shape.offsets[i].x,
                                      shape.offsets[i].y, outlineWidth + kFringePixels);
            addVertex(x, y, clear);
        }
    }
    const auto edge = static_cast<std::uint32_t>(m_vertices.size());
    for (size_t i = 0; i < n; ++i) {
        const auto [x, y] = place(shape.points[i].x, shape.points[i].y, shape.offsets[i].x,
                                  shape.offsets[i].y, outlineWidth);
        addVertex(x, y, outline);
    }
    if (m_softEdges) {
        addQuadStrip(fringe, edge, n, true);
    }
    for (size_t i = 0; i < n; ++i) {
        m_indices.insert(m_indices.end(), {centre, edge + static_cast<std::uint32_t>(i),
                                           edge + static_cast<std::uint32_t>((i + 1) % n)});
    }
}

void ColoredMesh::addShapeFill(const ShapeTemplate& shape, const ShapePlacement& at, Rgba fill) {
    const size_t n = shape.points.size();
    const float c = at.cosAngle;
    const float s = at.sinAngle;
    const auto centre =
        addVertex(at.x + (shape.fanCentre.x * c - shape.fanCentre.y * s) * at.size,
                  at.y + (shape.fanCentre.x * s + shape.fanCentre.y * c) * at.size, fill);
    const auto ring = static_cast<std::uint32_t>(m_vertices.size());
    for (size_t i = 0; i < n; ++i) {
        const float lx = shape.points[i].x * at.size;
        const float ly = shape.points[i].y * at.size;
        addVertex(at.x + lx * c - ly * s, at.y + lx * s + ly * c, fill);
    }
    for (size_t i = 0; i < n; ++i) {
        m_indices.insert(m_indices.end(), {centre, ring + static_cast<std::uint32_t>(i),
                                           ring + static_cast<std::uint32_t>((i + 1) % n)});
    }
}

void ColoredMesh::addShape(const ShapeTemplate& shape, const ShapePlacement& at, Rgba fill,
                           Rgba outline, float outlineWidth) {
    addShapeOutline(shape, at, outline, outlineWidth);
    addShapeFill(shape, at, fill);
}

void ColoredMesh::addRing(float x, float y, float innerRadius, float outerRadius, Rgba color) {
    const ShapeTemplate& circle = ShapeTemplate::circle();
    const size_t n = circle.points.size();
    const Rgba clear{0, 0, 0, 0};
    const float radii[4] = {std::max(0.0F, innerRadius - kFringePixels), innerRadius, outerRadius,
                            outerRadius + kFringePixels};
    std::uint32_t rows[4] = {};
    for (int r = 0; r < 4; ++r) {
        rows[r] = static_cast<std::uint32_t>(m_vertices.size());
        const Rgba c = (r == 0 || r == 3) ? clear : color;
        for (size_t i = 0; i < n; ++i) {
            addVertex(x + circle.points[i].x * radii[r], y + circle.points[i].y * radii[r], c);
        }
    }
    for (int r = 0; r < 3; ++r) {
        addQuadStrip(rows[r], rows[r + 1], n, true);
    }
}

void ColoredMesh::copyTo(QSGGeometry* geometry) const {
    geometry->allocate(static_cast<int>(m_vertices.size()), static_cast<int>(m_indices.size()));
    if (!m_vertices.empty()) {
        std::memcpy(geometry->vertexDataAsColoredPoint2D(), m_vertices.data(),
                    m_vertices.size() * sizeof(QSGGeometry::ColoredPoint2D));
    }
    if (!m_indices.empty()) {
        std::memcpy(geometry->indexDataAsUInt(), m_indices.data(),
                    m_indices.size() * sizeof(std::uint32_t));
    }
}

}  // namespace flameblue::map

// CPU-side vertex-coloured triangle mesh for one scene-graph node: antialiased thick lines
// (triangle strips with a one-pixel transparent fringe, since line width > 1 is not
// portable across RHI backends) and outlined marker shapes. Colours are premultiplied.
#pragma once

#include <QColor>
#include <QtQuick/QSGGeometry>

#include <cstdint>
#include <vector>

#include "map/geo_types.h"
#include "map/shape_template.h"

namespace flameblue::map {

struct Rgba {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
    std::uint8_t a = 0;

    // Premultiplies; `opacity` scales the colour's own alpha.
    static Rgba from(const QColor& color, double opacity = 1.0);
    Rgba withOpacity(double opacity) const;
};

// A marker placement: centre, radius in pixels and rotation (clockwise from north).
struct ShapePlacement {
    float x = 0.0F;
    float y = 0.0F;
    float size = 1.0F;
    float cosAngle = 1.0F;
    float sinAngle = 0.0F;
};

class ColoredMesh {
public:
    void clear();
    // Soft (antialiasing) edges on shape outlines. Off saves two thirds of a small marker's
    // triangles, which is what a software rasteriser pays for with thousands of markers.
    void setSoftEdges(bool soft) { m_softEdges = soft; }
    bool isEmpty() const { return m_indices.empty(); }
    size_t vertexCount() const { return m_vertices.size(); }
    size_t indexCount() const { return m_indices.size(); }

    // A line `width` pixels wide through screen points, with mitred joins and soft edges;
    // the colour runs from `color` at the first point to `endColor` at the last.
    void addPolyline(const ScreenPoint* points, size_t count, float width, Rgba color);
    void addPolyline(const ScreenPoint* points, size_t count, float width, Rgba color,
                     Rgba endColor);
    // Outline (+ fringe) then fill, in one go.
    void addShape(const ShapeTemplate& shape, const ShapePlacement& at, Rgba fill, Rgba outline,
                  float outlineWidth);
    // The shape grown by `outlineWidth` in `outline` colour, with a soft edge.
    void addShapeOutline(const ShapeTemplate& shape, const ShapePlacement& at, Rgba outline,
                         float outlineWidth);
    // The bare shape, hard-edged (an outline drawn beneath hides the edge).
    void addShapeFill(const ShapeTemplate& shape, const ShapePlacement& at, Rgba fill);
    // A ring (annulus) of the given radii, soft on both edges: highlight halos.
    void addRing(float x, float y, float innerRadius, float outerRadius, Rgba color);

    // Resizes `geometry` (ColoredPoint2D, 32-bit indices) and copies the mesh into it.
    void copyTo(QSGGeometry* geometry) const;

private:
    std::uint32_t addVertex(float x, float y, Rgba c);
    void addQuadStrip(std::uint32_t firstA, std::uint32_t firstB, size_t count, bool closed);

    std::vector<QSGGeometry::ColoredPoint2D> m_vertices;
    std::vector<std::uint32_t> m_indices;
    std::vector<ScreenPoint> m_scratch;
    bool m_softEdges = true;
};

}  // namespace flameblue::map

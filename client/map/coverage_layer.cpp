#include "map/coverage_layer.h"

#include <QGeoCoordinate>
#include <QtQuick/QSGGeometryNode>
#include <QtQuick/QSGVertexColorMaterial>

#include <algorithm>
#include <array>
#include <cmath>

#include "map/colored_mesh.h"
#include "map/map_view.h"

namespace flameblue::map {

namespace {

constexpr std::uint16_t kOutside = 0xFFFF;
constexpr std::uint16_t kUnreached = 0xFFFE;
constexpr double kGridOpacity = 0.55;
constexpr int kBands = 7;  // within the circle, 4 slower bands, beyond 30 min, unreached

// Green within the circle through yellow and red to dark red; grey where no unit reaches.
const std::array<QColor, kBands> kBandColors = {QColor(0x1a, 0x98, 0x50), QColor(0x91, 0xcf, 0x60),
                                                QColor(0xfe, 0xe0, 0x8b), QColor(0xfc, 0x8d, 0x59),
                                                QColor(0xd7, 0x30, 0x27), QColor(0x7f, 0x00, 0x00),
                                                QColor(0x70, 0x70, 0x70)};

QSGGeometryNode* makeNode() {
    auto* node = new QSGGeometryNode;
    auto* geometry = new QSGGeometry(QSGGeometry::defaultAttributes_ColoredPoint2D(), 0, 0,
                                     QSGGeometry::UnsignedIntType);
    geometry->setDrawingMode(QSGGeometry::DrawTriangles);
    node->setGeometry(geometry);
    node->setMaterial(new QSGVertexColorMaterial);
    node->setFlags(QSGNode::OwnsGeometry | QSGNode::OwnsMaterial);
    return node;
}

}  // namespace

CoverageLayer::CoverageLayer(QQuickItem* parent) : QQuickItem(parent) {
    setFlag(ItemHasContents, true);
}

void CoverageLayer::setMap(MapView* map) {
    if (m_map == map) {
        return;
    }
    if (m_map) {
        disconnect(m_map, nullptr, this, nullptr);
    }
    m_map = map;
    if (m_map) {
        connect(m_map, &MapView::centerChanged, this, &QQuickItem::update);
        connect(m_map, &MapView::zoomLevelChanged, this, &QQuickItem::update);
        connect(m_map, &QQuickItem::widthChanged, this, &QQuickItem::update);
        connect(m_map, &QQuickItem::heightChanged, this, &QQuickItem::update);
    }
    emit mapChanged();
    update();
}

void CoverageLayer::setShowGrid(bool show) {
    if (m_showGrid != show) {
        m_showGrid = show;
        emit layersChanged();
        update();
    }
}

void CoverageLayer::setShowFirstDue(bool show) {
    if (m_showFirstDue != show) {
        m_showFirstDue = show;
        emit layersChanged();
        update();
    }
}

void CoverageLayer::setCircleSeconds(double seconds) {
    if (seconds > 0.0 && seconds != m_circleSeconds) {
        m_circleSeconds = seconds;
        emit legendChanged();
    }
}

int CoverageLayer::bandOf(std::uint16_t seconds) const {
    if (seconds == kOutside) {
        return -1;
    }
    if (seconds == kUnreached) {
        return kBands - 1;
    }
    const double s = seconds;
    const std::array<double, 5> limits = {m_circleSeconds, 600.0, 900.0, 1200.0, 1800.0};
    for (std::size_t b = 0; b < limits.size(); ++b) {
        if (s <= std::max(limits[b], b == 0 ? 0.0 : m_circleSeconds)) {
            return static_cast<int>(b);
        }
    }
    return kBands - 2;
}

QColor CoverageLayer::bandColor(int band) const {
    return band >= 0 && band < kBands ? kBandColors[static_cast<std::size_t>(band)] : QColor();
}

QVariantList CoverageLayer::legend() const {
    // Minutes; "to" -1 for the open-ended band, "unreached" for the grey one. Labels are made
    // in QML (translatable there).
    const double circle = m_circleSeconds / 60.0;
    auto entry = [](double from, double to, const QColor& c, bool unreached = false) {
        return QVariantMap{{QStringLiteral("from"), from},
                           {QStringLiteral("to"), to},
                           {QStringLiteral("color"), c},
                           {QStringLiteral("unreached"), unreached}};
    };
    QVariantList out;
    out << entry(0.0, circle, kBandColors[0]);
    const std::array<double, 5> edges = {circle, 10.0, 15.0, 20.0, 30.0};
    for (std::size_t b = 1; b < edges.size(); ++b) {
        out << entry(std::max(edges[b - 1], circle), std::max(edges[b], circle), kBandColors[b]);
    }
    out << entry(std::max(30.0, circle), -1.0, kBandColors[5]);
    out << entry(-1.0, -1.0, kBandColors[6], true);
    return out;
}

void CoverageLayer::setFirstDueAreas(const QVariantList& areas) {
    m_areasVariant = areas;
    m_areas.clear();
    for (const QVariant& area : areas) {
        std::vector<std::pair<double, double>> ring;
        for (const QVariant& p : area.toList()) {
            if (p.canConvert<QGeoCoordinate>() && p.value<QGeoCoordinate>().isValid()) {
                const auto c = p.value<QGeoCoordinate>();
                ring.emplace_back(c.latitude(), c.longitude());
            } else {
                const QVariantMap m = p.toMap();
                ring.emplace_back(m.value(QStringLiteral("lat")).toDouble(),
                                  m.value(QStringLiteral("lon")).toDouble());
            }
        }
        if (ring.size() >= 3) {
            m_areas.push_back(std::move(ring));
        }
    }
    emit firstDueAreasChanged();
    update();
}

void CoverageLayer::setGrid(int rows, int cols, double minLat, double minLon, double latStep,
                            double lonStep, const QByteArray& seconds) {
    if (rows <= 0 || cols <= 0 || seconds.size() < 2LL * rows * cols) {
        clearGrid();
        return;
    }
    m_rows = rows;
    m_cols = cols;
    m_minLat = minLat;
    m_minLon = minLon;
    m_latStep = latStep;
    m_lonStep = lonStep;
    m_bands.assign(static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols), -1);
    m_cells = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(seconds.constData());
    for (std::size_t i = 0; i < m_bands.size(); ++i) {
        const auto s = static_cast<std::uint16_t>(bytes[2 * i] | (bytes[2 * i + 1] << 8));
        m_bands[i] = static_cast<std::int8_t>(bandOf(s));
        if (s != kOutside) {
            ++m_cells;
        }
    }
    emit gridChanged();
    update();
}

void CoverageLayer::clearGrid() {
    m_rows = m_cols = m_cells = 0;
    m_bands.clear();
    emit gridChanged();
    update();
}

QSGNode* CoverageLayer::updatePaintNode(QSGNode* old, UpdatePaintNodeData*) {
    auto* root = old;
    if (!root) {
        root = new QSGNode;
        root->appendChildNode(makeNode());  // grid
        root->appendChildNode(makeNode());  // first-due outlines
    }
    auto* gridNode = static_cast<QSGGeometryNode*>(root->firstChild());
    auto* areaNode = static_cast<QSGGeometryNode*>(root->lastChild());
    const double w = width();
    const double h = height();
    auto screen = [&](double lat, double lon) {
        const QPointF p = m_map->fromCoordinate(QGeoCoordinate(lat, lon));
        return mapFromItem(m_map, p);
    };

    std::vector<QSGGeometry::ColoredPoint2D> vertices;
    std::vector<std::uint32_t> indices;
    if (m_map && m_showGrid && m_rows > 0) {
        // Web Mercator: x is linear in longitude, y depends on the latitude only.
        const QPointF origin = screen(m_minLat, m_minLon);
        const double dx = screen(m_minLat, m_minLon + m_lonStep).x() - origin.x();
        std::vector<double> rowY(static_cast<std::size_t>(m_rows) + 1);
        for (int r = 0; r <= m_rows; ++r) {
            rowY[static_cast<std::size_t>(r)] = screen(m_minLat + r * m_latStep, m_minLon).y();
        }
        std::array<Rgba, kBands> colors{};
        for (int b = 0; b < kBands; ++b) {
            colors[static_cast<std::size_t>(b)] = Rgba::from(bandColor(b), kGridOpacity);
        }
        const int c0 = std::max(0, static_cast<int>(std::floor(-origin.x() / dx)) - 1);
        const int c1 = std::min(m_cols, static_cast<int>(std::ceil((w - origin.x()) / dx)) + 1);
        for (int r = 0; r < m_rows; ++r) {
            const double yBottom = rowY[static_cast<std::size_t>(r)];
            const double yTop = rowY[static_cast<std::size_t>(r) + 1];
            if (yBottom < 0.0 || yTop > h) {
                continue;
            }
            const std::int8_t* row = m_bands.data() + static_cast<std::size_t>(r) * m_cols;
            // Runs of one band along the row: one quad each.
            for (int c = c0; c < c1;) {
                const std::int8_t band = row[c];
                int end = c + 1;
                while (end < c1 && row[end] == band) {
                    ++end;
                }
                if (band >= 0) {
                    const Rgba col =
                        colors[static_cast<std::size_t>(static_cast<unsigned char>(band))];
                    const auto x0 = static_cast<float>(origin.x() + c * dx);
                    const auto x1 = static_cast<float>(origin.x() + end * dx);
                    const auto first = static_cast<std::uint32_t>(vertices.size());
                    for (const auto& [x, y] : {std::pair{x0, yBottom}, std::pair{x1, yBottom},
                                               std::pair{x1, yTop}, std::pair{x0, yTop}}) {
                        QSGGeometry::ColoredPoint2D v;
                        v.set(x, static_cast<float>(y), col.r, col.g, col.b, col.a);
                        vertices.push_back(v);
                    }
                    for (const std::uint32_t k : {0U, 1U, 2U, 0U, 2U, 3U}) {
                        indices.push_back(first + k);
                    }
                }
                c = end;
            }
        }
    }
    {
        QSGGeometry* g = gridNode->geometry();
        g->allocate(static_cast<int>(vertices.size()), static_cast<int>(indices.size()));
        std::copy(vertices.begin(), vertices.end(), g->vertexDataAsColoredPoint2D());
        std::copy(indices.begin(), indices.end(), g->indexDataAsUInt());
        gridNode->markDirty(QSGNode::DirtyGeometry);
    }

    ColoredMesh outlines;
    if (m_map && m_showFirstDue) {
        const Rgba line = Rgba::from(QColor(0x0b, 0x3d, 0x91), 0.9);
        std::vector<ScreenPoint> points;
        for (const auto& ring : m_areas) {
            points.clear();
            bool visible = false;
            for (const auto& [lat, lon] : ring) {
                const QPointF p = screen(lat, lon);
                visible =
                    visible || (p.x() >= -50 && p.x() <= w + 50 && p.y() >= -50 && p.y() <= h + 50);
                points.push_back({p.x(), p.y()});
            }
            if (!visible) {
                continue;
            }
            points.push_back(points.front());
            outlines.addPolyline(points.data(), points.size(), 1.5F, line);
        }
    }
    outlines.copyTo(areaNode->geometry());
    areaNode->markDirty(QSGNode::DirtyGeometry);
    return root;
}

}  // namespace flameblue::map

#include "map/map_scene_node.h"

#include <QQuickWindow>
#include <QtQuick/QSGFlatColorMaterial>
#include <QtQuick/QSGImageNode>
#include <QtQuick/QSGSimpleRectNode>
#include <QtQuick/QSGTextureMaterial>
#include <QtQuick/QSGVertexColorMaterial>

#include <cstring>

#include "map/basemap_data.h"
#include "map/basemap_painter.h"
#include "map/map_palette.h"
#include "map/map_view.h"
#include "map/marker_painter.h"

namespace flameblue::map {

namespace {

QSGGeometryNode* makeColoredNode() {
    auto* node = new QSGGeometryNode;
    auto* geometry = new QSGGeometry(QSGGeometry::defaultAttributes_ColoredPoint2D(), 0, 0,
                                     QSGGeometry::UnsignedIntType);
    geometry->setDrawingMode(QSGGeometry::DrawTriangles);
    // Rewritten most frames: tell the renderer not to bother keeping it in a static buffer.
    geometry->setVertexDataPattern(QSGGeometry::StreamPattern);
    geometry->setIndexDataPattern(QSGGeometry::StreamPattern);
    node->setGeometry(geometry);
    node->setMaterial(new QSGVertexColorMaterial);
    node->setFlags(QSGNode::OwnsGeometry | QSGNode::OwnsMaterial);
    return node;
}

QSGGeometryNode* makeFillNode(const QColor& color) {
    auto* node = new QSGGeometryNode;
    auto* geometry = new QSGGeometry(QSGGeometry::defaultAttributes_Point2D(), 0);
    geometry->setDrawingMode(QSGGeometry::DrawTriangles);
    node->setGeometry(geometry);
    auto* material = new QSGFlatColorMaterial;
    material->setColor(color);
    node->setMaterial(material);
    node->setFlags(QSGNode::OwnsGeometry | QSGNode::OwnsMaterial);
    return node;
}

void setMesh(QSGGeometryNode* node, const ColoredMesh& mesh) {
    mesh.copyTo(node->geometry());
    node->markDirty(QSGNode::DirtyGeometry);
}

void setFill(QSGGeometryNode* node, const FillTriangles* triangles) {
    const int count = triangles == nullptr ? 0 : static_cast<int>(triangles->size() / 2);
    node->geometry()->allocate(count);
    if (count > 0) {
        std::memcpy(node->geometry()->vertexDataAsPoint2D(), triangles->data(),
                    triangles->size() * sizeof(float));
    }
    node->markDirty(QSGNode::DirtyGeometry);
}

}  // namespace

MapSceneNode::MapSceneNode(QQuickWindow* window)
    : m_window(window),
      m_background(new QSGSimpleRectNode),
      m_tileRoot(new QSGNode),
      m_fillTransform(new QSGTransformNode),
      m_lines(makeColoredNode()),
      m_places(makeColoredNode()),
      m_trails(makeColoredNode()),
      m_labels(new QSGGeometryNode) {
    m_background->setColor(MapPalette::background());
    appendChildNode(m_background);
    appendChildNode(m_fillTransform);
    m_fills = {makeFillNode(MapPalette::homeLand()), makeFillNode(MapPalette::lake())};
    for (QSGGeometryNode* fill : m_fills) {
        m_fillTransform->appendChildNode(fill);
    }
    // Raster tiles, when configured, cover the vector fills but not the lines above them.
    appendChildNode(m_tileRoot);
    appendChildNode(m_lines);
    appendChildNode(m_places);
    appendChildNode(m_trails);
    for (auto& node : m_markers) {
        node = makeColoredNode();
        appendChildNode(node);
    }
    auto* labelGeometry = new QSGGeometry(QSGGeometry::defaultAttributes_TexturedPoint2D(), 0, 0,
                                          QSGGeometry::UnsignedIntType);
    labelGeometry->setDrawingMode(QSGGeometry::DrawTriangles);
    m_labels->setGeometry(labelGeometry);
    m_labels->setMaterial(new QSGTextureMaterial);
    m_labels->setFlags(QSGNode::OwnsGeometry | QSGNode::OwnsMaterial);
    appendChildNode(m_labels);
}

MapSceneNode::~MapSceneNode() {
    delete m_atlasTexture;
    qDeleteAll(m_tileTextures);
}

void MapSceneNode::sync(MapView& view) {
    m_background->setRect(view.boundingRect());
    syncFills(view);
    syncTiles(view);
    syncBasemap(view);
    syncMarkers(view);
    syncLabels(view);
}

void MapSceneNode::syncFills(MapView& view) {
    const BasemapData* data = view.m_showBasemap ? view.m_basemap.get() : nullptr;
    const MapProjection& projection = view.m_projection;
    const BasemapLod* lod = data != nullptr ? data->lodFor(projection.zoom()) : nullptr;
    if (data != m_fillData || lod != m_fillLod) {
        m_fillData = data;
        m_fillLod = lod;
        setFill(m_fills[0], lod != nullptr ? &lod->homeFill : nullptr);
        setFill(m_fills[1], lod != nullptr ? &lod->lakeFill : nullptr);
    }
    if (data == nullptr) {
        return;
    }
    // Fill vertices are world pixels at kFillZoom relative to the anchor: one matrix maps them.
    const double k = projection.scale() / MapProjection::worldSizePixels(BasemapData::kFillZoom);
    const ScreenPoint origin = projection.worldToScreen(data->anchor);
    QMatrix4x4 matrix;
    matrix.translate(static_cast<float>(origin.x), static_cast<float>(origin.y));
    matrix.scale(static_cast<float>(k), static_cast<float>(k));
    m_fillTransform->setMatrix(matrix);
    m_fillTransform->markDirty(QSGNode::DirtyMatrix);
}

void MapSceneNode::syncTiles(MapView& view) {
    const TileLayer& tiles = *view.m_tiles;
    if (tiles.generation() != m_tileGeneration) {
        qDeleteAll(m_tileTextures);
        m_tileTextures.clear();
        m_tileGeneration = tiles.generation();
    }
    const auto& drawables = view.m_tileDrawables;
    QHash<TileKey, QSGTexture*> used;
    int index = 0;
    for (const TileLayer::Drawable& d : drawables) {
        QSGTexture* texture = m_tileTextures.take(d.image);
        if (texture == nullptr) {
            texture = used.value(d.image);
        }
        if (texture == nullptr) {
            const QImage* image = tiles.image(d.image);
            if (image == nullptr) {
                continue;
            }
            texture = m_window->createTextureFromImage(*image);
            texture->setFiltering(QSGTexture::Linear);
        }
        used.insert(d.image, texture);
        auto* node = static_cast<QSGImageNode*>(m_tileRoot->childAtIndex(index));
        if (node == nullptr) {
            node = m_window->createImageNode();
            m_tileRoot->appendChildNode(node);
        }
        const QSizeF size = texture->textureSize();
        node->setTexture(texture);
        node->setFiltering(QSGTexture::Linear);
        node->setRect(d.target);
        node->setSourceRect(
            QRectF(d.sourceRect.x() * size.width(), d.sourceRect.y() * size.height(),
                   d.sourceRect.width() * size.width(), d.sourceRect.height() * size.height()));
        ++index;
    }
    while (m_tileRoot->childCount() > index) {
        QSGNode* last = m_tileRoot->lastChild();
        m_tileRoot->removeChildNode(last);
        delete last;
    }
    qDeleteAll(m_tileTextures);  // off screen now
    m_tileTextures = used;
}

void MapSceneNode::syncBasemap(MapView& view) {
    const BasemapData* data = view.m_showBasemap ? view.m_basemap.get() : nullptr;
    if (data == m_lineData && view.m_cameraRevision == m_lineCamera &&
        view.m_showBasemap == m_lineShown) {
        return;
    }
    m_lineData = data;
    m_lineCamera = view.m_cameraRevision;
    m_lineShown = view.m_showBasemap;
    m_mesh.clear();
    if (data != nullptr) {
        if (const BasemapLod* lod = data->lodFor(view.m_projection.zoom())) {
            paintBasemapLines(*lod, view.m_projection, m_mesh);
        }
    }
    setMesh(m_lines, m_mesh);
    m_mesh.clear();
    if (data != nullptr) {
        paintBasemapPlaces(*data, view.m_projection, m_mesh);
    }
    setMesh(m_places, m_mesh);
}

void MapSceneNode::syncMarkers(MapView& view) {
    for (size_t i = 0; i < m_markers.size(); ++i) {
        MarkerLayer& layer = view.layer(static_cast<MarkerLayerKind>(i));
        LayerState& state = m_layerStates[i];
        const LayerState now{layer.mirror().revision(), view.m_cameraRevision, layer.visible(), 0};
        if (now.revision == state.revision && now.camera == state.camera &&
            now.visible == state.visible) {
            continue;
        }
        state = now;
        const bool aircraft = layer.kind() == MarkerLayerKind::Aircraft;
        m_mesh.clear();
        if (aircraft) {
            m_trailMesh.clear();
        }
        if (layer.visible()) {
            paintMarkerLayer(layer, view.m_projection, m_mesh, m_trailMesh);
        }
        setMesh(m_markers[i], m_mesh);
        if (aircraft) {
            setMesh(m_trails, m_trailMesh);
        }
    }
}

void MapSceneNode::syncLabels(MapView& view) {
    const LabelAtlas& atlas = view.m_labelAtlas;
    if (atlas.revision() != m_atlasRevision) {
        delete m_atlasTexture;
        m_atlasTexture = nullptr;
        m_atlasRevision = atlas.revision();
        if (!atlas.image().isNull()) {
            m_atlasTexture = m_window->createTextureFromImage(atlas.image());
            m_atlasTexture->setFiltering(QSGTexture::Linear);
        }
        auto* material = static_cast<QSGTextureMaterial*>(m_labels->material());
        material->setTexture(m_atlasTexture);
        material->setFiltering(QSGTexture::Linear);
        m_labels->markDirty(QSGNode::DirtyMaterial);
        m_labelsRevision = UINT64_MAX;
    }
    if (view.m_labelsRevision == m_labelsRevision) {
        return;
    }
    m_labelsRevision = view.m_labelsRevision;
    QSGGeometry* geometry = m_labels->geometry();
    const QSizeF imageSize = atlas.image().size();
    std::vector<QSGGeometry::TexturedPoint2D> vertices;
    std::vector<std::uint32_t> indices;
    auto addQuad = [&](const LabelAtlas::Entry& e, double x, double y) {
        const auto base = static_cast<std::uint32_t>(vertices.size());
        const auto x0 = static_cast<float>(x);
        const auto y0 = static_cast<float>(y);
        const auto x1 = static_cast<float>(x + e.sizePixels.width());
        const auto y1 = static_cast<float>(y + e.sizePixels.height());
        const auto u0 = static_cast<float>(e.source.left() / imageSize.width());
        const auto v0 = static_cast<float>(e.source.top() / imageSize.height());
        const auto u1 = static_cast<float>(e.source.right() / imageSize.width());
        const auto v1 = static_cast<float>(e.source.bottom() / imageSize.height());
        vertices.push_back({x0, y0, u0, v0});
        vertices.push_back({x1, y0, u1, v0});
        vertices.push_back({x1, y1, u1, v1});
        vertices.push_back({x0, y1, u0, v1});
        indices.insert(indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
    };
    if (m_atlasTexture != nullptr) {
        for (const LabelPlacement& label : view.m_labels) {
            if (label.digits.isEmpty()) {
                const LabelAtlas::Entry* e = atlas.find(label.key);
                if (e != nullptr) {
                    addQuad(*e, label.x, label.y);
                }
                continue;
            }
            // Counts: digits side by side, halos overlapping, centred on the point.
            std::vector<const LabelAtlas::Entry*> glyphs;
            double width = 0.0;
            for (const QChar digit : label.digits) {
                const LabelAtlas::Entry* e =
                    atlas.find(LabelAtlas::key(LabelStyle::Count, QString(digit)));
                if (e != nullptr) {
                    glyphs.push_back(e);
                    width += e->sizePixels.width() - 2.0 * e->haloPixels;
                }
            }
            double x = label.x - width / 2.0;
            for (const LabelAtlas::Entry* e : glyphs) {
                addQuad(*e, x - e->haloPixels, label.y - e->sizePixels.height() / 2.0);
                x += e->sizePixels.width() - 2.0 * e->haloPixels;
            }
        }
    }
    geometry->allocate(static_cast<int>(vertices.size()), static_cast<int>(indices.size()));
    if (!vertices.empty()) {
        std::memcpy(geometry->vertexDataAsTexturedPoint2D(), vertices.data(),
                    vertices.size() * sizeof(QSGGeometry::TexturedPoint2D));
        std::memcpy(geometry->indexDataAsUInt(), indices.data(),
                    indices.size() * sizeof(std::uint32_t));
    }
    m_labels->markDirty(QSGNode::DirtyGeometry);
}

}  // namespace flameblue::map

// The map's scene-graph subtree: background, raster tiles, base map fills (one transform,
// static geometry per level of detail), base map lines and places, one vertex-coloured
// geometry node per live layer, aircraft trails and one textured node for all labels.
// Built and updated on the render thread while the GUI thread is blocked (sync).
#pragma once

#include <QHash>
#include <QtQuick/QSGNode>

#include <array>
#include <cstdint>

#include "map/colored_mesh.h"
#include "map/marker_layer.h"
#include "map/tile_source_spec.h"

class QQuickWindow;
class QSGGeometryNode;
class QSGSimpleRectNode;
class QSGTexture;
class QSGTransformNode;

namespace flameblue::map {

class MapView;
struct BasemapData;
struct BasemapLod;

class MapSceneNode : public QSGNode {
public:
    explicit MapSceneNode(QQuickWindow* window);
    ~MapSceneNode() override;
    MapSceneNode(const MapSceneNode&) = delete;
    MapSceneNode& operator=(const MapSceneNode&) = delete;

    void sync(MapView& view);

private:
    struct LayerState {
        std::uint64_t revision = UINT64_MAX;
        std::uint64_t camera = 0;
        bool visible = false;
        int zoomKey = -1;
    };

    void syncTiles(MapView& view);
    void syncFills(MapView& view);
    void syncBasemap(MapView& view);
    void syncMarkers(MapView& view);
    void syncLabels(MapView& view);

    QQuickWindow* m_window;
    QSGSimpleRectNode* m_background;
    QSGNode* m_tileRoot;
    QHash<TileKey, QSGTexture*> m_tileTextures;
    std::uint64_t m_tileGeneration = 0;
    QSGTransformNode* m_fillTransform;
    std::array<QSGGeometryNode*, 2> m_fills{};  // Shanxi, lakes
    QSGGeometryNode* m_lines;
    QSGGeometryNode* m_places;
    QSGGeometryNode* m_trails;
    std::array<QSGGeometryNode*, kMarkerLayerCount> m_markers{};
    QSGGeometryNode* m_labels;
    QSGTexture* m_atlasTexture = nullptr;
    std::uint64_t m_atlasRevision = 0;
    std::uint64_t m_labelsRevision = UINT64_MAX;

    const BasemapData* m_fillData = nullptr;
    const BasemapLod* m_fillLod = nullptr;
    const BasemapData* m_lineData = nullptr;
    std::uint64_t m_lineCamera = 0;
    bool m_lineShown = false;
    std::array<LayerState, kMarkerLayerCount> m_layerStates{};
    ColoredMesh m_mesh;
    ColoredMesh m_trailMesh;
};

}  // namespace flameblue::map

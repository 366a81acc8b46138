// MapView on the scene graph: labels and raster tiles are prepared on the GUI thread in
// updatePolish(); updatePaintNode() (render thread, GUI blocked) hands over to MapSceneNode.
#include <QQuickWindow>
#include <QRectF>

#include <algorithm>
#include <array>

#include "map/basemap_painter.h"
#include "map/map_scene_node.h"
#include "map/map_view.h"
#include "map/marker_painter.h"

namespace flameblue::map {

QSGNode* MapView::updatePaintNode(QSGNode* oldNode, UpdatePaintNodeData* /*data*/) {
    auto* node = static_cast<MapSceneNode*>(oldNode);
    if (width() <= 0 || height() <= 0) {
        delete node;
        return nullptr;
    }
    if (node == nullptr) {
        node = new MapSceneNode(window());
    }
    node->sync(*this);
    return node;
}

void MapView::releaseResources() {
    // The scene graph (and its textures) goes away with the window; the atlas image stays.
    m_labelsRevision++;
}

void MapView::updatePolish() {
    m_tileDrawables = m_tiles->prepare(m_projection);
    computeLabels();
}

QStringList MapView::placedLabelTexts() const {
    QStringList texts;
    for (const LabelPlacement& label : m_labels) {
        if (label.digits.isEmpty()) {
            texts.append(label.key.mid(1));  // the key is the style's letter and the text
        }
    }
    return texts;
}

void MapView::computeLabels() {
    std::vector<LabelPlacement> candidates;
    if (m_showBasemap && m_basemap) {
        appendBasemapLabels(*m_basemap, m_projection, englishNames(), candidates);
    }
    // Fleet labels claim space first; context traffic's last.
    for (const MarkerLayerKind kind :
         {MarkerLayerKind::Aircraft, MarkerLayerKind::Units, MarkerLayerKind::Stations,
          MarkerLayerKind::Water, MarkerLayerKind::Traffic}) {
        MarkerLayer& l = layer(kind);
        if (l.visible()) {
            appendMarkerLabels(l, m_projection, candidates);
        }
    }
    QSet<QString> keys;
    for (int digit = 0; digit <= 9; ++digit) {
        keys.insert(LabelAtlas::key(LabelStyle::Count, QString::number(digit)));
    }
    for (const LabelPlacement& label : candidates) {
        if (label.digits.isEmpty()) {
            keys.insert(label.key);
        }
    }
    const double dpr = window() != nullptr ? window()->effectiveDevicePixelRatio() : 1.0;
    m_labelAtlas.ensure(keys, dpr);

    // Greedy placement in priority order: right of the point, else left, above, below.
    // Cluster discs are obstacles too; their counts sit on them and always show.
    m_labels.clear();
    std::vector<QRectF> taken;
    std::vector<QRectF> clusters;
    for (const LabelPlacement& label : candidates) {
        if (!label.digits.isEmpty()) {
            m_labels.push_back(label);
            const double r = label.offset;
            clusters.emplace_back(label.x - r, label.y - r, 2 * r, 2 * r);
        }
    }
    auto freeOf = [](const std::vector<QRectF>& rects, const QRectF& box) {
        return std::none_of(rects.begin(), rects.end(),
                            [&](const QRectF& r) { return r.intersects(box); });
    };
    for (const LabelPlacement& label : candidates) {
        const LabelAtlas::Entry* e =
            label.digits.isEmpty() ? m_labelAtlas.find(label.key) : nullptr;
        if (e == nullptr) {
            continue;
        }
        const double halo = e->haloPixels;
        const double w = e->sizePixels.width() - 2.0 * halo;
        const double h = e->sizePixels.height() - 2.0 * halo;
        const double gap = label.offset;
        // Near first, then clear of a cluster disc sitting on the point.
        const double far = gap + 20.0;
        const std::array<QRectF, 8> boxes = {
            QRectF(label.x + gap, label.y - h / 2.0, w, h),
            QRectF(label.x - gap - w, label.y - h / 2.0, w, h),
            QRectF(label.x - w / 2.0, label.y - gap - h, w, h),
            QRectF(label.x - w / 2.0, label.y + gap, w, h),
            QRectF(label.x + far, label.y - h / 2.0, w, h),
            QRectF(label.x - far - w, label.y - h / 2.0, w, h),
            QRectF(label.x - w / 2.0, label.y - far - h, w, h),
            QRectF(label.x - w / 2.0, label.y + far, w, h),
        };
        const QRectF* chosen = nullptr;
        for (const QRectF& box : boxes) {
            if (freeOf(taken, box) && freeOf(clusters, box)) {
                chosen = &box;
                break;
            }
        }
        if (chosen == nullptr && label.mustShow) {
            for (const QRectF& box : boxes) {
                if (freeOf(taken, box)) {
                    chosen = &box;
                    break;
                }
            }
        }
        if (chosen == nullptr || !chosen->intersects(boundingRect())) {
            continue;
        }
        taken.push_back(*chosen);
        LabelPlacement placed = label;
        placed.anchor = LabelPlacement::Anchor::TopLeft;
        placed.x = chosen->x() - halo;
        placed.y = chosen->y() - halo;
        m_labels.push_back(placed);
    }
    ++m_labelsRevision;
}

}  // namespace flameblue::map

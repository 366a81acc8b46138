// The optional raster layer: finds the tiles that cover the view, loads missing ones off the
// GUI thread (folder, MBTiles) or asynchronously (HTTP with a disk cache), and meanwhile
// offers a loaded ancestor's quarter so the view is never empty while zooming. Never blocks.
#pragma once

#include <QHash>
#include <QImage>
#include <QObject>
#include <QRectF>
#include <QSet>
#include <QThreadPool>

#include <cstdint>
#include <list>
#include <memory>
#include <vector>

#include "map/tile_source_spec.h"

class QNetworkAccessManager;

namespace flameblue::map {

class MapProjection;
class MbTilesReader;

class TileLayer : public QObject {
    Q_OBJECT

public:
    struct Drawable {
        TileKey image;      // which loaded tile's image to draw
        QRectF target;      // item pixels
        QRectF sourceRect;  // normalised (0..1) part of that image
    };

    explicit TileLayer(QObject* parent = nullptr);
    ~TileLayer() override;

    void setSource(const QString& source);
    bool isEnabled() const { return m_spec.kind != TileSourceSpec::Kind::None; }
    // Requests what is missing and returns what can be drawn now. GUI thread.
    std::vector<Drawable> prepare(const MapProjection& projection);
    const QImage* image(const TileKey& key) const;
    std::uint64_t generation() const { return m_generation; }

signals:
    void tilesChanged();

private:
    void request(const TileKey& key);
    void deliver(std::uint64_t generation, const TileKey& key, const QImage& image);

    TileSourceSpec m_spec;
    std::uint64_t m_generation = 0;
    QHash<TileKey, QImage> m_images;
    std::list<TileKey> m_recent;  // least recently delivered first, for eviction
    QSet<TileKey> m_pending;
    QSet<TileKey> m_failed;
    QThreadPool m_pool;
    std::shared_ptr<MbTilesReader> m_mbtiles;
    QNetworkAccessManager* m_network = nullptr;
};

}  // namespace flameblue::map

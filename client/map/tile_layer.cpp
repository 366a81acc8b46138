#include "map/tile_layer.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkDiskCache>
#include <QNetworkReply>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>

#include "map/map_projection.h"
#include "map/mbtiles_reader.h"

namespace flameblue::map {

namespace {

constexpr int kMaxCachedTiles = 384;
constexpr int kMaxPending = 48;
constexpr int kMaxTileZoom = 19;
constexpr qint64 kDiskCacheBytes = 512LL * 1024 * 1024;

}  // namespace

TileLayer::TileLayer(QObject* parent) : QObject(parent) {
    m_pool.setMaxThreadCount(2);
}

TileLayer::~TileLayer() {
    ++m_generation;
    m_pool.clear();
    m_pool.waitForDone();
}

void TileLayer::setSource(const QString& source) {
    ++m_generation;  // results of the old source are dropped on arrival
    m_pool.clear();
    m_images.clear();
    m_recent.clear();
    m_pending.clear();
    m_failed.clear();
    m_mbtiles.reset();
    m_spec = TileSourceSpec::parse(source);
    if (!m_spec.error.isEmpty()) {
        qWarning("MapView: %s", qPrintable(m_spec.error));
    }
    if (m_spec.kind == TileSourceSpec::Kind::MbTiles) {
        m_mbtiles = std::make_shared<MbTilesReader>(m_spec.location);
    }
    if (m_spec.kind == TileSourceSpec::Kind::Http && m_network == nullptr) {
        m_network = new QNetworkAccessManager(this);
        auto* cache = new QNetworkDiskCache(m_network);
        cache->setCacheDirectory(QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
                                 QStringLiteral("/tiles"));
        cache->setMaximumCacheSize(kDiskCacheBytes);
        m_network->setCache(cache);
    }
    emit tilesChanged();
}

const QImage* TileLayer::image(const TileKey& key) const {
    const auto it = m_images.constFind(key);
    return it == m_images.constEnd() ? nullptr : &*it;
}

std::vector<TileLayer::Drawable> TileLayer::prepare(const MapProjection& projection) {
    std::vector<Drawable> drawables;
    if (!isEnabled() || projection.viewportWidth() <= 0) {
        return drawables;
    }
    const int z = std::clamp(static_cast<int>(std::round(projection.zoom())), 0, kMaxTileZoom);
    const int count = 1 << z;
    const WorldRect view = projection.visibleWorld();
    const int x0 = std::max(0, static_cast<int>(std::floor(view.minX * count)));
    const int x1 = std::min(count - 1, static_cast<int>(std::floor(view.maxX * count)));
    const int y0 = std::max(0, static_cast<int>(std::floor(view.minY * count)));
    const int y1 = std::min(count - 1, static_cast<int>(std::floor(view.maxY * count)));
    const double tileWorld = 1.0 / count;
    for (int y = y0; y <= y1; ++y) {
        for (int x = x0; x <= x1; ++x) {
            const TileKey key{z, x, y};
            const ScreenPoint tl = projection.worldToScreen({x * tileWorld, y * tileWorld});
            const ScreenPoint br =
                projection.worldToScreen({(x + 1) * tileWorld, (y + 1) * tileWorld});
            const QRectF target(QPointF(tl.x, tl.y), QPointF(br.x, br.y));
            if (m_images.contains(key)) {
                drawables.push_back({key, target, QRectF(0, 0, 1, 1)});
                continue;
            }
            request(key);
            // Meanwhile, the nearest loaded ancestor's matching part.
            for (int up = 1; up <= z; ++up) {
                const TileKey parent{z - up, x >> up, y >> up};
                if (m_images.contains(parent)) {
                    const double span = 1.0 / (1 << up);
                    const QRectF source((x - (parent.x << up)) * span,
                                        (y - (parent.y << up)) * span, span, span);
                    drawables.push_back({parent, target, source});
                    break;
                }
            }
        }
    }
    return drawables;
}

void TileLayer::request(const TileKey& key) {
    if (m_pending.contains(key) || m_failed.contains(key) || m_pending.size() >= kMaxPending) {
        return;
    }
    m_pending.insert(key);
    const std::uint64_t generation = m_generation;
    if (m_spec.kind == TileSourceSpec::Kind::Http) {
        QNetworkRequest req{QUrl(m_spec.tileLocation(key))};
        req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::PreferCache);
        QNetworkReply* reply = m_network->get(req);
        connect(reply, &QNetworkReply::finished, this, [this, reply, generation, key] {
            reply->deleteLater();
            QImage image;
            if (reply->error() == QNetworkReply::NoError) {
                image.loadFromData(reply->readAll());
            }
            deliver(generation, key, image);
        });
        return;
    }
    const TileSourceSpec spec = m_spec;
    const std::shared_ptr<MbTilesReader> mbtiles = m_mbtiles;
    // The destructor waits for the pool, and a queued call to a deleted object is dropped.
    m_pool.start([this, spec, mbtiles, generation, key] {
        QImage image;
        if (mbtiles) {
            image.loadFromData(mbtiles->read(key.z, key.x, key.y));
        } else {
            image.load(spec.tileLocation(key));
        }
        if (!image.isNull()) {
            image = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        }
        QMetaObject::invokeMethod(
            this, [this, generation, key, image] { deliver(generation, key, image); },
            Qt::QueuedConnection);
    });
}

void TileLayer::deliver(std::uint64_t generation, const TileKey& key, const QImage& image) {
    if (generation != m_generation) {
        return;
    }
    m_pending.remove(key);
    if (image.isNull()) {
        m_failed.insert(key);
        return;
    }
    m_images.insert(key, image);
    m_recent.push_back(key);
    while (m_images.size() > kMaxCachedTiles && !m_recent.empty()) {
        m_images.remove(m_recent.front());
        m_recent.pop_front();
    }
    emit tilesChanged();
}

}  // namespace flameblue::map

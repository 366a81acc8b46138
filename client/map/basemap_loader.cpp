#include "map/basemap_loader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>

#include "map/map_projection.h"
#include "map/polygon_triangulator.h"
#include "map/polyline_simplifier.h"

namespace flameblue::map {

namespace {

using Ring = std::vector<WorldPoint>;

// Levels of detail, one per integer zoom up to kLastLodZoom, each simplified to a fraction
// of a pixel at the top of its zoom range (the most it is magnified); beyond, every vertex.
// Fewer vertices is what keeps the software rasteriser fast at province zoom.
constexpr int kFirstLodZoom = 5;
constexpr int kLastLodZoom = 11;
constexpr double kLodTolerancePixels = 0.6;
// Fill triangulation band height, in pixels at the level's zoom (see polygon_triangulator.h).
constexpr double kFillBandPixels = 24.0;
constexpr double kFullDetailZoom = 12.0;
// Points per drawable line piece: small enough to cull well, large enough to stay cheap.
constexpr size_t kLinePieceLength = 48;

struct Sources {
    std::vector<std::vector<Ring>> homePolygons;
    std::vector<std::vector<Ring>> neighbourPolygons;
    std::vector<std::pair<Ring, int>> rivers;
    std::vector<Ring> lakes;
};

std::optional<QJsonArray> readFeatures(const QString& path, QStringList& warnings) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        warnings << QStringLiteral("%1: cannot open (%2)").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        warnings << QStringLiteral("%1: not a GeoJSON object (%2 at offset %3)")
                        .arg(path, error.errorString())
                        .arg(error.offset);
        return std::nullopt;
    }
    const QJsonValue features = doc.object().value(QStringLiteral("features"));
    if (!features.isArray()) {
        warnings << QStringLiteral("%1: expected a FeatureCollection with \"features\"").arg(path);
        return std::nullopt;
    }
    return features.toArray();
}

Ring readRing(const QJsonArray& coordinates) {
    Ring ring;
    ring.reserve(static_cast<size_t>(coordinates.size()));
    for (const QJsonValue v : coordinates) {
        const QJsonArray pair = v.toArray();
        if (pair.size() < 2) {
            continue;
        }
        ring.push_back(MapProjection::toWorld({pair.at(0).toDouble(), pair.at(1).toDouble()}));
    }
    return ring;
}

std::vector<std::vector<Ring>> readPolygons(const QJsonObject& geometry) {
    std::vector<std::vector<Ring>> polygons;
    const QString type = geometry.value(QStringLiteral("type")).toString();
    const QJsonArray coordinates = geometry.value(QStringLiteral("coordinates")).toArray();
    auto readPolygon = [](const QJsonArray& rings) {
        std::vector<Ring> polygon;
        for (const QJsonValue ring : rings) {
            polygon.push_back(readRing(ring.toArray()));
        }
        return polygon;
    };
    if (type == QLatin1String("Polygon")) {
        polygons.push_back(readPolygon(coordinates));
    } else if (type == QLatin1String("MultiPolygon")) {
        for (const QJsonValue p : coordinates) {
            polygons.push_back(readPolygon(p.toArray()));
        }
    }
    return polygons;
}

std::vector<Ring> readLines(const QJsonObject& geometry) {
    std::vector<Ring> lines;
    const QString type = geometry.value(QStringLiteral("type")).toString();
    const QJsonArray coordinates = geometry.value(QStringLiteral("coordinates")).toArray();
    if (type == QLatin1String("LineString")) {
        lines.push_back(readRing(coordinates));
    } else if (type == QLatin1String("MultiLineString") || type == QLatin1String("Polygon")) {
        for (const QJsonValue l : coordinates) {
            lines.push_back(readRing(l.toArray()));
        }
    }
    return lines;
}

void readProvinces(const QString& dir, Sources& sources, QStringList& warnings) {
    const auto features =
        readFeatures(dir + QStringLiteral("/province_outlines.geojson"), warnings);
    if (!features) {
        return;
    }
    for (const QJsonValue f : *features) {
        const QJsonObject feature = f.toObject();
        const QString name = feature.value(QStringLiteral("properties"))
                                 .toObject()
                                 .value(QStringLiteral("name"))
                                 .toString();
        auto polygons = readPolygons(feature.value(QStringLiteral("geometry")).toObject());
        auto& target = name == QLatin1String(kHomeProvinceName) ? sources.homePolygons
                                                                : sources.neighbourPolygons;
        for (auto& p : polygons) {
            target.push_back(std::move(p));
        }
    }
}

void readWater(const QString& dir, Sources& sources, QStringList& warnings) {
    if (const auto rivers = readFeatures(dir + QStringLiteral("/rivers.geojson"), warnings)) {
        for (const QJsonValue f : *rivers) {
            const QJsonObject feature = f.toObject();
            const int level = feature.value(QStringLiteral("properties"))
                                  .toObject()
                                  .value(QStringLiteral("level"))
                                  .toInt(3);
            for (auto& line : readLines(feature.value(QStringLiteral("geometry")).toObject())) {
                sources.rivers.emplace_back(std::move(line), level);
            }
        }
    }
    if (const auto lakes = readFeatures(dir + QStringLiteral("/lakes.geojson"), warnings)) {
        for (const QJsonValue f : *lakes) {
            for (auto& ring :
                 readLines(f.toObject().value(QStringLiteral("geometry")).toObject())) {
                sources.lakes.push_back(std::move(ring));
            }
        }
    }
}

std::vector<BasemapPlace> readPlaces(const QString& path, QStringList& warnings) {
    std::vector<BasemapPlace> places;
    const auto features = readFeatures(path, warnings);
    if (!features) {
        return places;
    }
    for (const QJsonValue f : *features) {
        const QJsonObject feature = f.toObject();
        const QJsonObject props = feature.value(QStringLiteral("properties")).toObject();
        const QJsonArray c = feature.value(QStringLiteral("geometry"))
                                 .toObject()
                                 .value(QStringLiteral("coordinates"))
                                 .toArray();
        if (c.size() < 2) {
            warnings << QStringLiteral("%1: a feature without point coordinates").arg(path);
            continue;
        }
        BasemapPlace place;
        place.position = MapProjection::toWorld({c.at(0).toDouble(), c.at(1).toDouble()});
        place.nameZh = props.value(QStringLiteral("name_zh")).toString();
        place.nameEn = props.value(QStringLiteral("name_en")).toString();
        place.kind = props.value(QStringLiteral("kind")).toString();
        for (const char* key : {"adcode", "icao", "iata"}) {
            if (props.contains(QLatin1String(key))) {
                place.code = props.value(QLatin1String(key)).toString();
                break;
            }
        }
        places.push_back(place);
    }
    return places;
}

void appendPieces(const Ring& line, int level, std::vector<BasemapLine>& out) {
    if (line.size() < 2) {
        return;
    }
    for (size_t start = 0; start + 1 < line.size(); start += kLinePieceLength) {
        const size_t end = std::min(line.size(), start + kLinePieceLength + 1);
        BasemapLine piece;
        piece.level = level;
        piece.points.assign(line.begin() + static_cast<std::ptrdiff_t>(start),
                            line.begin() + static_cast<std::ptrdiff_t>(end));
        piece.bounds = {std::numeric_limits<double>::max(), std::numeric_limits<double>::max(),
                        std::numeric_limits<double>::lowest(),
                        std::numeric_limits<double>::lowest()};
        for (const WorldPoint& p : piece.points) {
            piece.bounds.minX = std::min(piece.bounds.minX, p.x);
            piece.bounds.minY = std::min(piece.bounds.minY, p.y);
            piece.bounds.maxX = std::max(piece.bounds.maxX, p.x);
            piece.bounds.maxY = std::max(piece.bounds.maxY, p.y);
        }
        out.push_back(std::move(piece));
    }
}

Ring simplified(const Ring& ring, double tolerance) {
    return tolerance > 0.0 ? simplifyPolyline(ring, tolerance) : ring;
}

void appendFill(const std::vector<Ring>& rings, const WorldPoint& anchor, double lodZoom,
                FillTriangles& out) {
    const double scale = MapProjection::worldSizePixels(BasemapData::kFillZoom);
    const double band = kFillBandPixels / MapProjection::worldSizePixels(lodZoom);
    for (const WorldPoint& p : triangulateRings(rings, band)) {
        out.push_back(static_cast<float>((p.x - anchor.x) * scale));
        out.push_back(static_cast<float>((p.y - anchor.y) * scale));
    }
}

void appendPolygons(const std::vector<std::vector<Ring>>& polygons, double tolerance, int level,
                    const WorldPoint& anchor, double lodZoom, BasemapLod& lod,
                    FillTriangles* fill) {
    for (const auto& polygon : polygons) {
        std::vector<Ring> rings;
        for (const Ring& ring : polygon) {
            Ring r = simplified(ring, tolerance);
            if (r.size() >= 4) {  // a closed ring that kept some area
                appendPieces(r, level, lod.borders);
                rings.push_back(std::move(r));
            }
        }
        if (fill != nullptr) {
            appendFill(rings, anchor, lodZoom, *fill);
        }
    }
}

BasemapLod buildLod(const Sources& sources, double tolerance, double maxZoom,
                    const WorldPoint& anchor) {
    BasemapLod lod;
    lod.maxZoom = maxZoom;
    const double lodZoom = std::min(maxZoom, kFullDetailZoom);
    appendPolygons(sources.neighbourPolygons, tolerance, 2, anchor, lodZoom, lod, nullptr);
    appendPolygons(sources.homePolygons, tolerance, 1, anchor, lodZoom, lod, &lod.homeFill);
    for (const auto& [line, level] : sources.rivers) {
        appendPieces(simplified(line, tolerance), level, lod.rivers);
    }
    std::vector<Ring> lakeRings;
    for (const Ring& ring : sources.lakes) {
        Ring r = simplified(ring, tolerance);
        if (r.size() >= 4) {
            appendPieces(r, 0, lod.lakeShores);
            lakeRings.push_back(std::move(r));
        }
    }
    appendFill(lakeRings, anchor, lodZoom, lod.lakeFill);
    return lod;
}

WorldPoint centreOf(const Sources& sources) {
    WorldRect box{1.0, 1.0, 0.0, 0.0};
    for (const auto& polygon : sources.homePolygons) {
        for (const Ring& ring : polygon) {
            for (const WorldPoint& p : ring) {
                box = {std::min(box.minX, p.x), std::min(box.minY, p.y), std::max(box.maxX, p.x),
                       std::max(box.maxY, p.y)};
            }
        }
    }
    if (box.minX > box.maxX) {
        return {0.5, 0.5};
    }
    return {(box.minX + box.maxX) / 2.0, (box.minY + box.maxY) / 2.0};
}

}  // namespace

std::shared_ptr<const BasemapData> loadBasemap(const QString& directory) {
    auto data = std::make_shared<BasemapData>();
    const QString dir = QDir(directory).absolutePath();
    if (!QDir(dir).exists()) {
        data->error = QStringLiteral("basemap directory %1 does not exist").arg(dir);
        return data;
    }
    Sources sources;
    readProvinces(dir, sources, data->warnings);
    readWater(dir, sources, data->warnings);
    data->cities = readPlaces(dir + QStringLiteral("/city_seats.geojson"), data->warnings);
    data->airports = readPlaces(dir + QStringLiteral("/airports.geojson"), data->warnings);
    data->anchor = centreOf(sources);
    for (int zoom = kFirstLodZoom; zoom <= kLastLodZoom; ++zoom) {
        const double tolerance = kLodTolerancePixels / MapProjection::worldSizePixels(zoom + 1);
        data->lods.push_back(buildLod(sources, tolerance, zoom + 1, data->anchor));
    }
    data->lods.push_back(
        buildLod(sources, 0.0, std::numeric_limits<double>::infinity(), data->anchor));
    if (sources.homePolygons.empty() && sources.neighbourPolygons.empty() &&
        sources.rivers.empty()) {
        data->error = QStringLiteral("no base map features in %1: %2")
                          .arg(dir, data->warnings.join(QStringLiteral("; ")));
    }
    return data;
}

}  // namespace flameblue::map

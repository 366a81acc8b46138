#include "map/tile_source_spec.h"

#include <QUrl>

namespace flameblue::map {

TileSourceSpec TileSourceSpec::parse(const QString& source) {
    TileSourceSpec spec;
    const QString s = source.trimmed();
    if (s.isEmpty()) {
        return spec;
    }
    if (s.startsWith(QLatin1String("http://")) || s.startsWith(QLatin1String("https://"))) {
        spec.kind = Kind::Http;
        spec.location = s;
    } else {
        // QUrl would percent-encode the braces of the template, so strip the scheme by hand.
        QString path = s;
        if (path.startsWith(QLatin1String("file://"))) {
            path = path.mid(7);
        }
        spec.location = path;
        spec.kind = path.endsWith(QLatin1String(".mbtiles"), Qt::CaseInsensitive) ? Kind::MbTiles
                                                                                  : Kind::Folder;
    }
    if (spec.kind != Kind::MbTiles && !(spec.location.contains(QLatin1String("{z}")) &&
                                        spec.location.contains(QLatin1String("{x}")) &&
                                        spec.location.contains(QLatin1String("{y}")))) {
        spec.error = QStringLiteral(
                         "tileSource \"%1\": expected {z}, {x} and {y} in the template "
                         "or a path ending in .mbtiles")
                         .arg(source);
        spec.kind = Kind::None;
    }
    return spec;
}

QString TileSourceSpec::tileLocation(const TileKey& key) const {
    QString s = location;
    s.replace(QLatin1String("{z}"), QString::number(key.z));
    s.replace(QLatin1String("{x}"), QString::number(key.x));
    s.replace(QLatin1String("{y}"), QString::number(key.y));
    return s;
}

}  // namespace flameblue::map

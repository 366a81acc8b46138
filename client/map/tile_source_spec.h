// What a tileSource string means: a local XYZ folder template, an MBTiles file or an
// http(s) URL template. Parsed once, pure, so it is testable without I/O.
#pragma once

#include <QString>

namespace flameblue::map {

struct TileKey {
    int z = 0;
    int x = 0;
    int y = 0;
    friend bool operator==(const TileKey& a, const TileKey& b) {
        return a.z == b.z && a.x == b.x && a.y == b.y;
    }
};

inline size_t qHash(const TileKey& key, size_t seed = 0) {
    return static_cast<size_t>(key.z) * 0x9E3779B97F4A7C15ULL ^
           (static_cast<size_t>(key.x) << 20U) ^ static_cast<size_t>(key.y) ^ seed;
}

struct TileSourceSpec {
    enum class Kind { None, Folder, MbTiles, Http };
    Kind kind = Kind::None;
    QString location;  // template with {z}/{x}/{y}, or the .mbtiles path
    QString error;

    static TileSourceSpec parse(const QString& source);
    // The file path or URL of one tile (Folder, Http).
    QString tileLocation(const TileKey& key) const;
};

}  // namespace flameblue::map

// Map labels (city names in Chinese, airport names, callsigns, cluster counts) rendered once
// with a halo into one texture image; the scene graph then draws any number of them as
// textured quads from a single node. Rebuilt only when a new string appears.
#pragma once

#include <QHash>
#include <QImage>
#include <QRectF>
#include <QSet>
#include <QString>

#include <cstdint>

namespace flameblue::map {

enum class LabelStyle : char {
    City = 'c',
    Airport = 'a',
    Callsign = 's',
    Count = 'n',
    Traffic = 't',  // context traffic's callsigns: smaller and grey
};

class LabelAtlas {
public:
    struct Entry {
        QRectF source;      // in image pixels
        QSizeF sizePixels;  // on screen, in item (logical) pixels, halo included
        double haloPixels = 0.0;
    };

    // Strings kept beyond those in use: aircraft callsigns come and go all day, so once the
    // atlas holds more than this, a rebuild keeps only the keys asked for.
    static constexpr qsizetype kMaxEntries = 1024;

    static QString key(LabelStyle style, const QString& text);

    // Makes sure every key has an entry; re-renders the image when any was missing or the
    // device pixel ratio changed. Returns true when the image changed. GUI thread.
    bool ensure(const QSet<QString>& keys, double devicePixelRatio);
    const Entry* find(const QString& key) const;
    qsizetype size() const { return m_entries.size(); }
    const QImage& image() const { return m_image; }
    std::uint64_t revision() const { return m_revision; }

private:
    void render(double devicePixelRatio);

    QHash<QString, Entry> m_entries;
    QImage m_image;
    double m_devicePixelRatio = 0.0;
    std::uint64_t m_revision = 0;
};

}  // namespace flameblue::map

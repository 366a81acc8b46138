#include "map/label_atlas.h"

#include <QFont>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "map/map_palette.h"

namespace flameblue::map {

namespace {

constexpr int kAtlasWidth = 1024;
constexpr double kPadding = 1.0;

struct StyleSpec {
    int pixelSize;
    QFont::Weight weight;
    QColor text;
    QColor halo;
    double haloWidth;
};

StyleSpec specFor(LabelStyle style) {
    switch (style) {
        case LabelStyle::City:
            return {15, QFont::DemiBold, MapPalette::labelText(), MapPalette::labelHalo(), 3.0};
        case LabelStyle::Airport:
            return {12, QFont::Normal, MapPalette::place(), MapPalette::labelHalo(), 2.5};
        case LabelStyle::Callsign:
            return {12, QFont::Bold, QColor(0x0d, 0x2a, 0x4a), MapPalette::labelHalo(), 2.5};
        case LabelStyle::Count:
            return {12, QFont::Bold, Qt::white, QColor(0x10, 0x14, 0x18, 0xb0), 2.0};
        case LabelStyle::Traffic:
            return {11, QFont::Normal, MapPalette::traffic().darker(140), MapPalette::labelHalo(),
                    2.0};
    }
    return {12, QFont::Normal, Qt::black, Qt::white, 2.0};
}

QFont fontFor(const StyleSpec& spec) {
    // Noto Sans CJK covers the Chinese names; fontconfig falls back if it is missing.
    QFont font(QStringLiteral("Noto Sans CJK SC"));
    font.setPixelSize(spec.pixelSize);
    font.setWeight(spec.weight);
    font.setHintingPreference(QFont::PreferNoHinting);
    return font;
}

}  // namespace

QString LabelAtlas::key(LabelStyle style, const QString& text) {
    return QChar(static_cast<char16_t>(style)) + text;
}

bool LabelAtlas::ensure(const QSet<QString>& keys, double devicePixelRatio) {
    bool missing = devicePixelRatio != m_devicePixelRatio;
    for (const QString& k : keys) {
        if (!m_entries.contains(k)) {
            m_entries.insert(k, {});
            missing = true;
        }
    }
    if (missing) {
        if (m_entries.size() > kMaxEntries) {
            for (auto it = m_entries.begin(); it != m_entries.end();) {
                it = keys.contains(it.key()) ? std::next(it) : m_entries.erase(it);
            }
        }
        render(devicePixelRatio);
    }
    return missing;
}

const LabelAtlas::Entry* LabelAtlas::find(const QString& key) const {
    const auto it = m_entries.constFind(key);
    return it == m_entries.constEnd() || it->sizePixels.isEmpty() ? nullptr : &*it;
}

void LabelAtlas::render(double devicePixelRatio) {
    m_devicePixelRatio = devicePixelRatio;
    const double dpr = std::max(1.0, devicePixelRatio);
    // Shelf packing, tallest first.
    QStringList keys = m_entries.keys();
    std::sort(keys.begin(), keys.end());
    struct Item {
        QString key;
        StyleSpec spec;
        QFont font;
        QSizeF size;  // logical
    };
    std::vector<Item> items;
    for (const QString& k : keys) {
        const auto style = static_cast<LabelStyle>(k.at(0).unicode());
        const StyleSpec spec = specFor(style);
        const QFont font = fontFor(spec);
        const QFontMetricsF metrics(font);
        const QString text = k.mid(1);
        const QSizeF size(metrics.horizontalAdvance(text) + 2 * (spec.haloWidth + kPadding),
                          metrics.height() + 2 * (spec.haloWidth + kPadding));
        items.push_back({k, spec, font, size});
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return a.size.height() > b.size.height();
    });
    double x = 0.0;
    double y = 0.0;
    double shelf = 0.0;
    std::vector<QPointF> positions;
    for (const Item& item : items) {
        const double w = std::ceil(item.size.width() * dpr);
        const double h = std::ceil(item.size.height() * dpr);
        if (x + w > kAtlasWidth) {
            x = 0.0;
            y += shelf;
            shelf = 0.0;
        }
        positions.emplace_back(x, y);
        x += w + 1.0;
        shelf = std::max(shelf, h + 1.0);
    }
    const int height = std::max(1, static_cast<int>(std::ceil(y + shelf)));
    m_image = QImage(kAtlasWidth, height, QImage::Format_ARGB32_Premultiplied);
    m_image.fill(Qt::transparent);
    QPainter painter(&m_image);
    painter.setRenderHint(QPainter::Antialiasing);
    for (size_t i = 0; i < items.size(); ++i) {
        const Item& item = items[i];
        const QPointF origin = positions[i];
        QPainterPath path;
        const QFontMetricsF metrics(item.font);
        path.addText(QPointF(item.spec.haloWidth + kPadding,
                             item.spec.haloWidth + kPadding + metrics.ascent()),
                     item.font, item.key.mid(1));
        painter.save();
        painter.translate(origin);
        painter.scale(dpr, dpr);
        painter.strokePath(path, QPen(item.spec.halo, item.spec.haloWidth * 2.0, Qt::SolidLine,
                                      Qt::RoundCap, Qt::RoundJoin));
        painter.fillPath(path, item.spec.text);
        painter.restore();
        Entry& entry = m_entries[item.key];
        entry.source = QRectF(origin, QSizeF(item.size.width() * dpr, item.size.height() * dpr));
        entry.sizePixels = item.size;
        entry.haloPixels = item.spec.haloWidth + kPadding;
    }
    ++m_revision;
}

}  // namespace flameblue::map

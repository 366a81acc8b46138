// A small chart of an aircraft's altitude over time (the selected aircraft's track).
#pragma once

#include <QtQml/qqml.h>
#include <QColor>
#include <QQuickPaintedItem>
#include <QVariantList>

namespace flameblue::console {

class AltitudeProfile : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
    // Points {x: time ms, y: altitude m}, oldest first.
    Q_PROPERTY(QVariantList points READ points WRITE setPoints NOTIFY pointsChanged)
    Q_PROPERTY(QColor lineColor MEMBER m_lineColor NOTIFY styleChanged)
    Q_PROPERTY(QColor gridColor MEMBER m_gridColor NOTIFY styleChanged)
    Q_PROPERTY(QColor textColor MEMBER m_textColor NOTIFY styleChanged)
    Q_PROPERTY(int pointCount READ pointCount NOTIFY pointsChanged)

public:
    explicit AltitudeProfile(QQuickItem* parent = nullptr);

    QVariantList points() const { return m_points; }
    void setPoints(const QVariantList& points);
    int pointCount() const { return static_cast<int>(m_points.size()); }
    void paint(QPainter* painter) override;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

Q_SIGNALS:
    void pointsChanged();
    void styleChanged();

private:
    QVariantList m_points;
    QColor m_lineColor = QColor(0x4f, 0xc3, 0xf7);
    QColor m_gridColor = QColor(0x44, 0x4c, 0x56);
    QColor m_textColor = QColor(0xc9, 0xd1, 0xd9);
};

}  // namespace flameblue::console

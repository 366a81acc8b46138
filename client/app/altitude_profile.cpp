#include "app/altitude_profile.h"

#include <QCoreApplication>
#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace flameblue::console {

namespace {
constexpr double kMarginLeft = 52.0;
constexpr double kMarginBottom = 18.0;
constexpr double kMarginTop = 6.0;
constexpr double kMinSpanM = 100.0;  // a level flight still gets a readable scale
}  // namespace

AltitudeProfile::AltitudeProfile(QQuickItem* parent) : QQuickPaintedItem(parent) {
    setAntialiasing(true);
    connect(this, &AltitudeProfile::styleChanged, this, [this] { update(); });
    // Its texts are painted, not bound: a new translation needs a new picture.
    if (QCoreApplication* app = QCoreApplication::instance()) {
        app->installEventFilter(this);
    }
}

bool AltitudeProfile::eventFilter(QObject* watched, QEvent* event) {
    if (watched == QCoreApplication::instance() && event->type() == QEvent::LanguageChange) {
        update();
    }
    return QQuickPaintedItem::eventFilter(watched, event);
}

void AltitudeProfile::setPoints(const QVariantList& points) {
    m_points = points;
    Q_EMIT pointsChanged();
    update();
}

void AltitudeProfile::paint(QPainter* painter) {
    const QRectF plot(kMarginLeft, kMarginTop, width() - kMarginLeft - 4.0,
                      height() - kMarginTop - kMarginBottom);
    if (plot.width() <= 0 || plot.height() <= 0)
        return;
    painter->setPen(QPen(m_gridColor, 1));
    painter->drawRect(plot);
    if (m_points.size() < 2) {
        painter->setPen(m_textColor);
        painter->drawText(plot, Qt::AlignCenter, tr("No altitude reported yet"));
        return;
    }
    double t0 = 0, t1 = 0, lo = 0, hi = 0;
    bool first = true;
    for (const QVariant& v : m_points) {
        const QVariantMap p = v.toMap();
        const double t = p.value(QStringLiteral("x")).toDouble();
        const double a = p.value(QStringLiteral("y")).toDouble();
        if (first) {
            t0 = t1 = t;
            lo = hi = a;
            first = false;
        }
        t0 = std::min(t0, t);
        t1 = std::max(t1, t);
        lo = std::min(lo, a);
        hi = std::max(hi, a);
    }
    if (hi - lo < kMinSpanM) {
        const double mid = (hi + lo) / 2;
        lo = mid - kMinSpanM / 2;
        hi = mid + kMinSpanM / 2;
    }
    const double span = std::max(1.0, t1 - t0);
    auto at = [&](double t, double a) {
        return QPointF(plot.left() + (t - t0) / span * plot.width(),
                       plot.bottom() - (a - lo) / (hi - lo) * plot.height());
    };
    QPainterPath path;
    for (qsizetype i = 0; i < m_points.size(); ++i) {
        const QVariantMap p = m_points[i].toMap();
        const QPointF q =
            at(p.value(QStringLiteral("x")).toDouble(), p.value(QStringLiteral("y")).toDouble());
        if (i == 0)
            path.moveTo(q);
        else
            path.lineTo(q);
    }
    painter->setPen(QPen(m_lineColor, 2));
    painter->drawPath(path);

    painter->setPen(m_textColor);
    painter->drawText(QRectF(0, plot.top() - 2, kMarginLeft - 6, 16), Qt::AlignRight,
                      tr("%1 m").arg(std::lround(hi)));
    painter->drawText(QRectF(0, plot.bottom() - 14, kMarginLeft - 6, 16), Qt::AlignRight,
                      tr("%1 m").arg(std::lround(lo)));
    painter->drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), kMarginBottom),
                      Qt::AlignRight, tr("last %1 min").arg(std::lround(span / 60000.0)));
}

}  // namespace flameblue::console

// MapView interaction: drag to pan, wheel and pinch to zoom around the pointer, double-click
// to zoom in, keyboard pan and zoom, click, press-and-hold and hover on markers.
#include <QCursor>
#include <QEasingCurve>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QStyleHints>
#include <QTouchEvent>
#include <QWheelEvent>

#include <cmath>

#include "map/map_view.h"

namespace flameblue::map {

namespace {

constexpr double kWheelZoomPerNotch = 0.5;  // a wheel notch (120 units) = half a zoom level
constexpr int kWheelAnimationMs = 160;
constexpr int kDoubleClickAnimationMs = 250;
constexpr int kPressAndHoldMs = 800;
constexpr double kKeyPanPixels = 120.0;
constexpr double kKeyZoomStep = 1.0;
constexpr double kClusterClickZoomStep = 2.0;

}  // namespace

void MapView::mousePressEvent(QMouseEvent* event) {
    if (!m_interactive) {
        event->ignore();
        return;
    }
    forceActiveFocus(Qt::MouseFocusReason);
    stopZoomAnimation();
    m_pressed = true;
    m_dragging = false;
    m_pressPosition = event->position();
    m_lastDragPosition = event->position();
    m_holdTimer.start(kPressAndHoldMs, this);
    event->accept();
}

void MapView::mouseMoveEvent(QMouseEvent* event) {
    if (!m_pressed) {
        return;
    }
    const QPointF delta = event->position() - m_lastDragPosition;
    if (!m_dragging && (event->position() - m_pressPosition).manhattanLength() >=
                           QGuiApplication::styleHints()->startDragDistance()) {
        m_dragging = true;
        m_holdTimer.stop();
        setKeepMouseGrab(true);
    }
    if (m_dragging) {
        pan(delta.x(), delta.y());
        m_lastDragPosition = event->position();
    }
    event->accept();
}

void MapView::mouseReleaseEvent(QMouseEvent* event) {
    const bool wasClick = m_pressed && !m_dragging && m_holdTimer.isActive();
    m_pressed = false;
    m_dragging = false;
    m_holdTimer.stop();
    setKeepMouseGrab(false);
    if (wasClick && m_placing) {
        // Only the place counts: no marker is hit and no cluster opens up.
        emit clicked(toCoordinate(event->position()), QString(), QString());
    } else if (wasClick) {
        const auto hit = hitAt(event->position());
        if (hit && hit->row < 0) {
            // A cluster: open it up around where it is.
            const ScreenPoint s = m_projection.worldToScreen(hit->position);
            animateZoomTo({s.x, s.y}, m_projection.zoom() + kClusterClickZoomStep,
                          kDoubleClickAnimationMs);
        }
        emit clicked(toCoordinate(event->position()), hit ? hit->layer : QString(),
                     hit ? hit->itemId : QString());
    }
    event->accept();
}

void MapView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (!m_interactive) {
        event->ignore();
        return;
    }
    emit doubleClicked(toCoordinate(event->position()));
    animateZoomTo(event->position(),
                  std::round(m_zoomTarget > 0 ? m_zoomTarget : zoomLevel()) + 1.0,
                  kDoubleClickAnimationMs);
    event->accept();
}

void MapView::mouseUngrabEvent() {
    m_pressed = false;
    m_dragging = false;
    m_holdTimer.stop();
}

void MapView::timerEvent(QTimerEvent* event) {
    if (event->timerId() == m_holdTimer.timerId()) {
        m_holdTimer.stop();
        if (m_pressed && !m_dragging) {
            const auto hit = hitAt(m_pressPosition);
            emit pressAndHold(toCoordinate(m_pressPosition), hit ? hit->layer : QString(),
                              hit ? hit->itemId : QString());
        }
        return;
    }
    QQuickItem::timerEvent(event);
}

void MapView::wheelEvent(QWheelEvent* event) {
    if (!m_interactive) {
        event->ignore();
        return;
    }
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0.0) {
        event->ignore();
        return;
    }
    // Successive notches accumulate into one smooth move toward the summed target.
    const bool animating =
        m_zoomAnimation != nullptr && m_zoomAnimation->state() == QAbstractAnimation::Running;
    const double base = animating ? m_zoomTarget : zoomLevel();
    animateZoomTo(event->position(), base + notches * kWheelZoomPerNotch, kWheelAnimationMs);
    event->accept();
}

void MapView::animateZoomTo(const QPointF& anchor, double targetZoom, int durationMs) {
    targetZoom = std::clamp(targetZoom, minimumZoomLevel(), maximumZoomLevel());
    if (m_zoomAnimation == nullptr) {
        m_zoomAnimation = new QVariantAnimation(this);
        m_zoomAnimation->setEasingCurve(QEasingCurve::OutCubic);
        connect(m_zoomAnimation, &QVariantAnimation::valueChanged, this,
                [this](const QVariant& value) { zoomAt(m_zoomAnchor, value.toDouble()); });
        connect(m_zoomAnimation, &QVariantAnimation::finished, this, [this] { m_zoomTarget = 0; });
    }
    m_zoomAnimation->stop();
    m_zoomAnchor = anchor;
    m_zoomTarget = targetZoom;
    m_zoomAnimation->setDuration(durationMs);
    m_zoomAnimation->setStartValue(zoomLevel());
    m_zoomAnimation->setEndValue(targetZoom);
    m_zoomAnimation->start();
}

void MapView::stopZoomAnimation() {
    if (m_zoomAnimation != nullptr) {
        m_zoomAnimation->stop();
    }
    m_zoomTarget = 0.0;
}

void MapView::hoverMoveEvent(QHoverEvent* event) {
    const auto hit = hitAt(event->position());
    const QString layerName = hit ? hit->layer : QString();
    const QString itemId = hit ? hit->itemId : QString();
    if (m_placing) {
        setCursor(QCursor(Qt::CrossCursor));
    } else {
        setCursor(QCursor(hit ? Qt::PointingHandCursor : Qt::ArrowCursor));
    }
    if (layerName != m_hoveredLayer || itemId != m_hoveredItemId) {
        m_hoveredLayer = layerName;
        m_hoveredItemId = itemId;
        emit hovered(layerName, itemId);
    }
}

void MapView::hoverLeaveEvent(QHoverEvent* /*event*/) {
    setCursor(QCursor(m_placing ? Qt::CrossCursor : Qt::ArrowCursor));
    if (!m_hoveredLayer.isEmpty() || !m_hoveredItemId.isEmpty()) {
        m_hoveredLayer.clear();
        m_hoveredItemId.clear();
        emit hovered(QString(), QString());
    }
}

void MapView::touchEvent(QTouchEvent* event) {
    if (!m_interactive) {
        event->ignore();
        return;
    }
    const auto& points = event->points();
    if (points.size() < 2) {
        // One finger: the synthesised mouse events pan and click.
        m_pinchStartDistance = 0.0;
        event->ignore();
        return;
    }
    const QPointF a = points[0].position();
    const QPointF b = points[1].position();
    const QPointF centre = (a + b) / 2.0;
    const double distance = std::hypot(a.x() - b.x(), a.y() - b.y());
    if (m_pinchStartDistance <= 0.0 || event->type() == QEvent::TouchBegin) {
        stopZoomAnimation();
        m_pinchStartDistance = std::max(1.0, distance);
        m_pinchStartZoom = zoomLevel();
        m_pinchLastCentre = centre;
    } else {
        // Two fingers: the midpoint pans, the spread zooms around the midpoint.
        pan(centre.x() - m_pinchLastCentre.x(), centre.y() - m_pinchLastCentre.y());
        m_pinchLastCentre = centre;
        zoomAt(centre,
               m_pinchStartZoom + std::log2(std::max(1.0, distance) / m_pinchStartDistance));
    }
    if (event->type() == QEvent::TouchEnd || event->type() == QEvent::TouchCancel) {
        m_pinchStartDistance = 0.0;
    }
    event->accept();
}

void MapView::keyPressEvent(QKeyEvent* event) {
    if (!m_interactive) {
        event->ignore();
        return;
    }
    const QPointF middle(width() / 2.0, height() / 2.0);
    switch (event->key()) {
        case Qt::Key_Left:
            pan(kKeyPanPixels, 0);
            break;
        case Qt::Key_Right:
            pan(-kKeyPanPixels, 0);
            break;
        case Qt::Key_Up:
            pan(0, kKeyPanPixels);
            break;
        case Qt::Key_Down:
            pan(0, -kKeyPanPixels);
            break;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            animateZoomTo(middle, zoomLevel() + kKeyZoomStep, kDoubleClickAnimationMs);
            break;
        case Qt::Key_Minus:
        case Qt::Key_Underscore:
            animateZoomTo(middle, zoomLevel() - kKeyZoomStep, kDoubleClickAnimationMs);
            break;
        default:
            event->ignore();
            return;
    }
    event->accept();
}

}  // namespace flameblue::map

// Waiting for a window to be drawn, for window grabs: wait on the frame itself, never on time.
#pragma once

#include <QObject>
#include <QQuickWindow>
#include <QTest>

namespace flameblue::testing {

// Asks `window` for a frame and waits until the scene graph has drawn and shown it, so that a
// grab afterwards shows what the models and items hold now. The timeout only bounds a hang.
inline bool waitForFrame(QQuickWindow* window, int timeoutMs = 60000) {
    QObject context;
    bool swapped = false;
    // frameSwapped may come from the render thread: count it on this one.
    QObject::connect(
        window, &QQuickWindow::frameSwapped, &context, [&swapped] { swapped = true; },
        Qt::QueuedConnection);
    window->update();
    return QTest::qWaitFor([&swapped] { return swapped; }, timeoutMs);
}

}  // namespace flameblue::testing

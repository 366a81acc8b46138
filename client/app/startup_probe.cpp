#include "app/startup_probe.h"

#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>

#include <unistd.h>
#include <cstdio>
#include <ctime>

#include "app/console_controller.h"
#include "models/console_state.h"

namespace flameblue::console {

StartupProbe::StartupProbe(QQuickWindow* window, QQuickItem* map, ConsoleState* state,
                           QObject* parent)
    : QObject(parent), m_window(window), m_map(map), m_state(state) {
    connect(state, &ConsoleState::readyChanged, this, &StartupProbe::check);
    if (map) {
        // The map item's own notification; queued so that it is read after it is set.
        connect(map, SIGNAL(basemapLoadedChanged()), this, SLOT(check()));
    }
    // Direct: beforeSynchronizing is emitted on the render thread while the GUI thread waits.
    m_syncConnection = connect(window, &QQuickWindow::beforeSynchronizing, this,
                               &StartupProbe::onSynchronizing, Qt::DirectConnection);
    m_swapConnection = connect(window, &QQuickWindow::frameSwapped, this,
                               &StartupProbe::onFrameSwapped, Qt::DirectConnection);
    check();
}

void StartupProbe::check() {
    if (m_armed || m_reported) {
        return;
    }
    const bool basemap = !m_map || m_map->property("basemapLoaded").toBool();
    if (m_state->ready() && basemap) {
        m_armed = true;
        if (m_window) {
            m_window->update();  // a frame that takes both in
        }
    }
}

void StartupProbe::onSynchronizing() {
    // The GUI thread is blocked during sync: what it armed before is in this frame.
    if (m_armed) {
        m_synced = true;
    }
}

void StartupProbe::onFrameSwapped() {
    // On the render thread, right after the swap of the frame that was synchronised armed.
    if (!m_synced || m_reported.exchange(true)) {
        return;
    }
    const double ms = msSinceProcessStart();
    QMetaObject::invokeMethod(
        this,
        [this, ms] {
            disconnect(m_syncConnection);
            disconnect(m_swapConnection);
            Q_EMIT drawn(ms);
        },
        Qt::QueuedConnection);
}

double StartupProbe::msSinceProcessStart() {
    // Field 22 of /proc/self/stat: start time in clock ticks since boot.
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly)) {
        return -1.0;
    }
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');  // the command name may contain spaces
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    constexpr int kStartTimeField = 22 - 3;  // fields after "pid (comm)"
    if (close < 0 || fields.size() <= kStartTimeField) {
        return -1.0;
    }
    const double ticks = fields.at(kStartTimeField).toDouble();
    const double ticksPerSecond = static_cast<double>(sysconf(_SC_CLK_TCK));
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double nowMs =
        static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1e6;
    return nowMs - ticks / ticksPerSecond * 1000.0;
}

namespace {
// A "VmRSS:   123 kB" line of /proc/self/status, in kB (-1 when unknown).
long statusKb(const QByteArray& status, const char* key) {
    for (const QByteArray& line : status.split('\n')) {
        if (line.startsWith(key)) {
            return line.mid(static_cast<qsizetype>(qstrlen(key)))
                .trimmed()
                .split(' ')
                .value(0)
                .toLong();
        }
    }
    return -1;
}
}  // namespace

void reportStartup(QQmlApplicationEngine& engine, ConsoleController& controller) {
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().value(0));
    if (!window) {
        return;
    }
    auto* map = window->findChild<QQuickItem*>(QStringLiteral("map"));
    auto* probe = new StartupProbe(window, map, controller.state(), &controller);
    QObject::connect(probe, &StartupProbe::drawn, probe, [probe](double ms) {
        QFile statusFile(QStringLiteral("/proc/self/status"));
        const QByteArray status =
            statusFile.open(QIODevice::ReadOnly) ? statusFile.readAll() : QByteArray();
        std::printf(
            "flameblue-console: province drawn %.0f ms after start, VmRSS %ld kB, "
            "VmHWM %ld kB\n",
            ms, statusKb(status, "VmRSS:"), statusKb(status, "VmHWM:"));
        std::fflush(stdout);
        probe->deleteLater();
    });
}

}  // namespace flameblue::console

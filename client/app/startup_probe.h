// Tells when the console first shows the whole province: the snapshot applied, the base map
// loaded, and a frame with both on screen. Prints one line to stdout with the time since the
// process started, so that start-up can be measured from outside (tests/bench/console_bench).
#pragma once

#include <QMetaObject>
#include <QObject>
#include <QPointer>

#include <atomic>

class QQmlApplicationEngine;
class QQuickWindow;
class QQuickItem;

namespace flameblue::console {

class ConsoleController;
class ConsoleState;

class StartupProbe : public QObject {
    Q_OBJECT

public:
    // `map` may be null (a build without the map module): then the state alone counts.
    StartupProbe(QQuickWindow* window, QQuickItem* map, ConsoleState* state,
                 QObject* parent = nullptr);

    bool reported() const { return m_reported; }
    // Milliseconds since the process was started by the kernel (not since main()).
    static double msSinceProcessStart();

Q_SIGNALS:
    void drawn(double msSinceStart);

private Q_SLOTS:
    void check();

private:
    void onSynchronizing();
    void onFrameSwapped();

    QPointer<QQuickWindow> m_window;
    QPointer<QQuickItem> m_map;
    ConsoleState* m_state;
    std::atomic<bool> m_armed{false};   // everything is in place; waiting for a sync
    std::atomic<bool> m_synced{false};  // a sync has taken it into the scene graph
    std::atomic<bool> m_reported{false};
    QMetaObject::Connection m_syncConnection;
    QMetaObject::Connection m_swapConnection;
};

// For --report-startup: prints "flameblue-console: province drawn <ms> ms after start,
// VmRSS <kB> kB, VmHWM <kB> kB" once, on stdout.
void reportStartup(QQmlApplicationEngine& engine, ConsoleController& controller);

}  // namespace flameblue::console

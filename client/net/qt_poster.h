// Hands work from gRPC threads to the thread of a QObject, and drops it once that object is gone.
#pragma once

#include <QCoreApplication>
#include <QMetaObject>
#include <QObject>

#include <functional>
#include <mutex>

namespace flameblue::console {

class QtPoster {
public:
    explicit QtPoster(QObject* target) : m_target(target) {}

    // Queues `work` to run on the target's thread. Work still queued when the target is
    // destroyed is discarded with the target's posted events. Once the target is gone, work is
    // not run but still released on the application's thread: what it holds (a call, its
    // channel) must never be released last on a gRPC callback thread (see SubscribeStream).
    void post(std::function<void()> work) {
        std::lock_guard lock(m_mutex);
        if (m_target) {
            QMetaObject::invokeMethod(m_target, std::move(work), Qt::QueuedConnection);
        } else if (QCoreApplication* app = QCoreApplication::instance()) {
            QMetaObject::invokeMethod(
                app, [discarded = std::move(work)] {}, Qt::QueuedConnection);
        }
    }

    // Called by the target before it goes away; later posts are dropped.
    void detach() {
        std::lock_guard lock(m_mutex);
        m_target = nullptr;
    }

private:
    std::mutex m_mutex;
    QObject* m_target;
};

}  // namespace flameblue::console

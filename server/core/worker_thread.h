#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

namespace flameblue::core {

// The start/stop protocol of a component's one background thread. The component keeps its own
// mutex, condition variable and stopping flag, because its own waits (a queue, a timer) use
// them; this is only how the thread is started once and stopped, woken and joined.
class WorkerThread {
public:
    WorkerThread(std::mutex& mutex, std::condition_variable& cv, bool& stopping)
        : m_mutex(mutex), m_cv(cv), m_stopping(stopping) {}
    ~WorkerThread() { stop(); }
    WorkerThread(const WorkerThread&) = delete;
    WorkerThread& operator=(const WorkerThread&) = delete;

    // Runs `body` on the thread unless it is running already.
    template <typename Body>
    void start(Body&& body) {
        std::lock_guard lock(m_mutex);
        if (m_thread.joinable())
            return;
        m_stopping = false;
        m_thread = std::thread(std::forward<Body>(body));
    }

    // Sets the stopping flag, wakes the thread and joins it. False when it was not running.
    bool stop() {
        {
            std::lock_guard lock(m_mutex);
            if (!m_thread.joinable())
                return false;
            m_stopping = true;
        }
        m_cv.notify_all();
        m_thread.join();
        return true;
    }

private:
    std::mutex& m_mutex;
    std::condition_variable& m_cv;
    bool& m_stopping;
    std::thread m_thread;
};

}  // namespace flameblue::core

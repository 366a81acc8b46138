#pragma once

// A TCP server on an ephemeral loopback port for feed tests: accepts connections on its own
// thread and answers each with a handler (a real socket, so the clients are tested as they run).

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <thread>

#include "../support/loopback_port.h"

namespace flameblue::testing {

class LoopbackServer {
public:
    using Handler = std::function<void(int fd)>;

    explicit LoopbackServer(Handler handler) : m_handler(std::move(handler)) {
        m_thread = std::thread([this] { run(); });
    }
    ~LoopbackServer() {
        m_stop = true;
        m_thread.join();
    }
    int port() const { return m_listener.port(); }
    int connections() const { return m_connections.load(); }

    static void sendAll(int fd, std::string_view s) {
        while (!s.empty()) {
            const ssize_t n = ::send(fd, s.data(), s.size(), MSG_NOSIGNAL);
            if (n <= 0)
                return;
            s.remove_prefix(static_cast<std::size_t>(n));
        }
    }
    // Reads until the blank line that ends an HTTP request (or the peer closes).
    static std::string readRequest(int fd) {
        std::string in;
        char buffer[4096];
        while (in.find("\r\n\r\n") == std::string::npos) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 5000) <= 0)
                break;
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0)
                break;
            in.append(buffer, static_cast<std::size_t>(n));
        }
        return in;
    }

    // Holds the connection open without answering until the peer gives up and closes it.
    static void waitForPeerToClose(int fd,
                                   std::chrono::milliseconds limit = std::chrono::seconds(60)) {
        char buffer[4096];
        const auto end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0)
                continue;
            if (::recv(fd, buffer, sizeof buffer, 0) <= 0)
                return;
        }
    }

private:
    void run() {
        while (!m_stop) {
            pollfd p{m_listener.fd(), POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0)
                continue;
            const int fd = m_listener.accept();
            if (fd < 0)
                continue;
            ++m_connections;
            m_handler(fd);
            ::close(fd);
        }
    }

    Handler m_handler;
    LoopbackListener m_listener;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connections{0};
    std::thread m_thread;
};

template <typename Pred>
bool waitUntil(Pred pred, std::chrono::milliseconds limit = std::chrono::milliseconds(10000)) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (pred())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return pred();
}

}  // namespace flameblue::testing

#pragma once

// Loopback TCP ports for tests, without the race of "find a free port, close it, hope nobody
// takes it before the server binds": a port is either held by the test for as long as it needs
// it, or picked by the server itself (--listen 127.0.0.1:0) and read back from what it reports.
// Only a program that cannot pick its own port gets an unheld one, and its starter starts it
// again on another should that port be taken in between.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace flameblue::testing {

namespace detail {

// A TCP socket bound to 127.0.0.1 on a port the kernel picks; throws when that fails.
inline int bindLoopback(int* port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        throw std::system_error(errno, std::generic_category(), "socket");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        const int error = errno;
        ::close(fd);
        throw std::system_error(error, std::generic_category(), "bind 127.0.0.1:0");
    }
    *port = ntohs(addr.sin_port);
    return fd;
}

}  // namespace detail

// A listening socket on 127.0.0.1, for a test that plays a receiver or a web server.
class LoopbackListener {
public:
    explicit LoopbackListener(int backlog = 16) : m_fd(detail::bindLoopback(&m_port)) {
        if (::listen(m_fd, backlog) != 0) {
            const int error = errno;
            ::close(m_fd);
            throw std::system_error(error, std::generic_category(), "listen");
        }
    }
    ~LoopbackListener() { ::close(m_fd); }
    LoopbackListener(const LoopbackListener&) = delete;
    LoopbackListener& operator=(const LoopbackListener&) = delete;

    int fd() const { return m_fd; }
    int port() const { return m_port; }
    std::string address() const { return "127.0.0.1:" + std::to_string(m_port); }
    // Waits for the next connection; -1 on error.
    int accept() const { return ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC); }

private:
    int m_port = 0;
    int m_fd = -1;
};

// A loopback port where nothing listens and, while this lives, nothing else can: the socket is
// bound but never listens, so a connection there is refused.
class ClosedLoopbackPort {
public:
    ClosedLoopbackPort() : m_fd(detail::bindLoopback(&m_port)) {}
    ~ClosedLoopbackPort() { ::close(m_fd); }
    ClosedLoopbackPort(const ClosedLoopbackPort&) = delete;
    ClosedLoopbackPort& operator=(const ClosedLoopbackPort&) = delete;

    int port() const { return m_port; }
    std::string address() const { return "127.0.0.1:" + std::to_string(m_port); }

private:
    int m_port = 0;
    int m_fd = -1;
};

// A loopback port that is free at this moment but not held: for a program that must be told its
// port (postgres; a server whose port has to stay the same while it waits for its database).
// The caller starts that program again on a fresh port when it reports the port taken.
inline int unheldLoopbackPort() {
    int port = 0;
    ::close(detail::bindLoopback(&port));
    return port;
}

// The port flameblue-server reports once it serves ("... listening on HOST:PORT (port N)"),
// read from its output; nullopt until that line is there.
inline std::optional<int> reportedServerPort(std::string_view output) {
    constexpr std::string_view kLine = "Flameblue dispatch server listening on ";
    constexpr std::string_view kPort = " (port ";
    const auto line = output.find(kLine);
    if (line == std::string_view::npos)
        return std::nullopt;
    const auto end = output.find('\n', line);
    if (end == std::string_view::npos)
        return std::nullopt;  // the line is not complete yet
    const std::string_view text = output.substr(line, end - line);
    const auto at = text.rfind(kPort);
    if (at == std::string_view::npos)
        return std::nullopt;
    const std::string_view digits = text.substr(at + kPort.size());
    int port = 0;
    const auto [rest, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    const bool closed = rest != digits.data() + digits.size() && *rest == ')';
    if (ec != std::errc{} || !closed || port <= 0 || port > 65535)
        return std::nullopt;
    return port;
}

}  // namespace flameblue::testing

#include "cot/cot_sender.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace flameblue::cot {

namespace {
constexpr std::int64_t kLogIntervalMs = 10'000;
constexpr int kConnectTimeoutMs = 5'000;

std::int64_t systemMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::int64_t steadyMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
}  // namespace

CotSender::CotSender(CotEndpoint endpoint, CotSenderOptions options, Log log, Clock clock)
    : m_endpoint(std::move(endpoint)),
      m_options(options),
      m_log(std::move(log)),
      m_clock(clock ? std::move(clock) : Clock(systemMs)),
      m_backoff(options.minBackoffSeconds) {}

CotSender::~CotSender() {
    stop();
}

void CotSender::start() {
    m_worker.start([this] { run(); });
}

void CotSender::stop() {
    if (!m_worker.stop())
        return;
    closeSocket();
}

void CotSender::post(std::vector<CotEvent> events) {
    if (events.empty())
        return;
    {
        std::lock_guard lock(m_mutex);
        for (CotEvent& e : events) {
            ++m_counters.queued;
            auto [it, inserted] = m_waiting.insert_or_assign(e.uid, std::move(e));
            if (!inserted) {
                ++m_counters.conflated;  // keeps its place in the order: fair to other units
                continue;
            }
            m_order.push_back(it->first);
            while (m_order.size() > m_options.queueCapacity) {
                m_waiting.erase(m_order.front());
                m_order.pop_front();
                ++m_counters.dropped;
            }
        }
    }
    m_cv.notify_one();
}

bool CotSender::sleepFor(double seconds) {
    std::unique_lock lock(m_mutex);
    return !m_cv.wait_for(lock, std::chrono::duration<double>(seconds),
                          [this] { return m_stopping; });
}

void CotSender::logProblem(const std::string& what) {
    ++m_counters.failures;
    ++m_problemsSinceLog;
    const std::int64_t now = steadyMs();
    if (!m_log || (m_lastLogMs != 0 && now - m_lastLogMs < kLogIntervalMs))
        return;
    m_log("Cursor-on-Target " + m_endpoint.describe() + ": " + std::to_string(m_problemsSinceLog) +
          " problem(s), latest: " + what);
    m_lastLogMs = now;
    m_problemsSinceLog = 0;
}

void CotSender::closeSocket() {
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_connected = false;
}

bool CotSender::peerClosed() {
    // A receiver that closed its end would swallow the next event (the write succeeds, the
    // reset comes later): look for its FIN before writing. Anything it sends is not needed.
    pollfd p{m_fd, static_cast<short>(POLLIN | POLLRDHUP), 0};
    if (::poll(&p, 1, 0) != 1)
        return false;
    if ((p.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0)
        return true;
    char sink[4096];
    return ::recv(m_fd, sink, sizeof sink, MSG_DONTWAIT) == 0;
}

bool CotSender::ensureSocket() {
    if (m_fd >= 0 && m_endpoint.protocol == CotEndpoint::Protocol::Tcp && peerClosed()) {
        logProblem("the receiver closed the connection");
        closeSocket();
    }
    if (m_fd >= 0)
        return true;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype =
        m_endpoint.protocol == CotEndpoint::Protocol::Tcp ? SOCK_STREAM : SOCK_DGRAM;
    addrinfo* found = nullptr;
    const std::string port = std::to_string(m_endpoint.port);
    if (::getaddrinfo(m_endpoint.host.c_str(), port.c_str(), &hints, &found) != 0) {
        logProblem("cannot resolve the host");
        return false;
    }
    for (addrinfo* a = found; a && m_fd < 0; a = a->ai_next) {
        // connect() on UDP only fixes the peer, so that send() works and errors come back. On
        // TCP it is bounded: an endpoint that does not answer must not hold up stop().
        m_fd =
            ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (m_fd < 0)
            continue;
        bool ok = ::connect(m_fd, a->ai_addr, a->ai_addrlen) == 0;
        if (!ok && errno == EINPROGRESS) {
            pollfd p{m_fd, POLLOUT, 0};
            int soError = 0;
            socklen_t len = sizeof soError;
            ok = ::poll(&p, 1, kConnectTimeoutMs) == 1 &&
                 ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &soError, &len) == 0 && soError == 0;
        }
        if (!ok) {
            ::close(m_fd);
            m_fd = -1;
        } else {
            ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) & ~O_NONBLOCK);
        }
    }
    ::freeaddrinfo(found);
    if (m_fd < 0) {
        logProblem("cannot connect");
        return false;
    }
    ++m_counters.connects;
    m_connected = true;
    return true;
}

bool CotSender::sendOne(const std::string& xml) {
    if (m_endpoint.protocol == CotEndpoint::Protocol::Udp) {
        // One event per datagram; a lost datagram is replaced by the next position anyway.
        if (::send(m_fd, xml.data(), xml.size(), MSG_NOSIGNAL) < 0) {
            logProblem(std::string("UDP send failed: ") + std::strerror(errno));
            if (errno != ECONNREFUSED)
                closeSocket();
            return false;
        }
        return true;
    }
    std::size_t done = 0;
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                              std::chrono::duration<double>(m_options.sendTimeoutSeconds));
    while (done < xml.size()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd p{m_fd, POLLOUT, 0};
        if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) {
            logProblem("the receiver does not read (send timed out)");
            closeSocket();
            return false;
        }
        const ssize_t n =
            ::send(m_fd, xml.data() + done, xml.size() - done, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n <= 0) {
            logProblem("the connection was closed");
            closeSocket();
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

void CotSender::requeue(CotEvent event) {
    std::lock_guard lock(m_mutex);
    if (m_waiting.contains(event.uid) || m_order.size() >= m_options.queueCapacity)
        return;  // superseded by a newer position meanwhile, or no room
    m_order.push_front(event.uid);
    m_waiting.emplace(event.uid, std::move(event));
}

void CotSender::run() {
    for (;;) {
        CotEvent next;
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_stopping || !m_order.empty(); });
            if (m_stopping)
                return;
            const std::string uid = m_order.front();
            m_order.pop_front();
            auto it = m_waiting.find(uid);
            next = std::move(it->second);
            m_waiting.erase(it);
        }
        if (!ensureSocket()) {
            requeue(std::move(next));  // keep the newest position for when it connects
            if (!sleepFor(m_backoff))
                return;
            m_backoff = std::min(m_backoff * 2, m_options.maxBackoffSeconds);
            continue;
        }
        next.sentTime = m_clock();
        if (sendOne(toXml(next))) {
            ++m_counters.sent;
            m_backoff = m_options.minBackoffSeconds;
        } else if (m_fd < 0) {
            requeue(std::move(next));
        }
    }
}

}  // namespace flameblue::cot

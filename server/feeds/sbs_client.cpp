#include "feeds/sbs_client.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <random>

#include "feeds/tcp_connect.h"

namespace flameblue::feeds {

namespace {
constexpr int kPollMs = 200;
constexpr std::chrono::milliseconds kConnectTimeout{5000};
// Aircraft not heard for this long are forgotten by the reader (the merge point keeps its own).
constexpr core::TimeMs kForgetAfterMs = core::TimeMs{10} * 60 * 1000;
}  // namespace

SbsClient::SbsClient(SbsClientOptions options, Clock clock, OnPositions onPositions, OnLog onLog)
    : m_options(std::move(options)),
      m_clock(std::move(clock)),
      m_onPositions(std::move(onPositions)),
      m_problems("SBS feed " + m_options.host + ":" + std::to_string(m_options.port),
                 std::move(onLog)) {}

SbsClient::~SbsClient() {
    stop();
}

void SbsClient::start() {
    m_worker.start([this] { run(); });
}

void SbsClient::stop() {
    m_worker.stop();
}

bool SbsClient::sleepFor(double seconds) {
    std::unique_lock lock(m_mutex);
    return !m_cv.wait_for(lock, std::chrono::duration<double>(seconds),
                          [this] { return m_stopping; });
}

void SbsClient::run() {
    double backoff = m_options.minBackoffSeconds;
    std::mt19937 jitter(std::random_device{}());
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                return;
        }
        const int fd = connectOnce();
        if (fd >= 0) {
            ++m_counters.connects;
            m_connected = true;
            backoff = m_options.minBackoffSeconds;
            readFrom(fd);
            ::close(fd);
            m_connected = false;
            m_decoder.endOfStream();
            flush(true);
        }
        // Jitter keeps many feeds from reconnecting in lockstep after a receiver restarts.
        const double wait = backoff * std::uniform_real_distribution<double>(0.8, 1.2)(jitter);
        if (!sleepFor(wait))
            return;
        backoff = std::min(backoff * 2, m_options.maxBackoffSeconds);
    }
}

int SbsClient::connectOnce() {
    std::string error;
    const int fd = connectTcp(m_options.host, m_options.port, kConnectTimeout, error);
    if (fd < 0)
        m_problems.report(m_clock(), error);
    return fd;
}

void SbsClient::readFrom(int fd) {
    char buffer[16 * 1024];
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                return;
        }
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, kPollMs);
        if (ready < 0 && errno != EINTR) {
            m_problems.report(m_clock(), "poll failed: ", std::strerror(errno));
            return;
        }
        if (ready > 0) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) {
                m_problems.report(
                    m_clock(), n == 0 ? "the receiver closed the connection" : "receive failed: ",
                    n == 0 ? "" : std::strerror(errno));
                return;
            }
            m_decoder.feed(std::string_view(buffer, static_cast<std::size_t>(n)), m_clock());
        }
        flush(false);
    }
}

void SbsClient::flush(bool force) {
    const core::TimeMs now = m_clock();
    if (!m_decoder.hasMoved() ||
        (!force && now - m_lastFlush < static_cast<core::TimeMs>(m_options.flushSeconds * 1000))) {
        return;
    }
    std::vector<AircraftTrack> batch = m_decoder.takeMoved();
    m_lastFlush = now;
    m_decoder.expire(now, kForgetAfterMs);
    if (m_onPositions && !batch.empty())
        m_onPositions(std::move(batch));
}

}  // namespace flameblue::feeds

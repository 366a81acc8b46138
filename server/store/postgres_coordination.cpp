#include "store/postgres_coordination.h"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <mutex>
#include <thread>
#include <utility>

#include "store/postgres_event_store.h"

namespace flameblue::store {

namespace {

using Clock = std::chrono::steady_clock;

// TCP keepalive (seconds, probes) of the coordination connections, on both ends: a server or
// database host that vanishes without closing its connections is noticed in about 11 s, so
// that a lease held by a machine that is gone is released, and its holder stops, within that.
constexpr const char* kKeepalivesIdle = "5";
constexpr const char* kKeepalivesInterval = "2";
constexpr const char* kKeepalivesCount = "3";
constexpr const char* kConnectTimeout = "5";

struct ConnDeleter {
    void operator()(PGconn* c) const { PQfinish(c); }
};
using Conn = std::unique_ptr<PGconn, ConnDeleter>;

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// libpq messages end in a newline and may span lines; log lines are one line.
std::string oneLine(const char* message) {
    std::string out;
    for (const char* p = message ? message : ""; *p; ++p) {
        const bool space = *p == '\n' || *p == '\r' || *p == '\t';
        if (space && (out.empty() || out.back() == ' ')) {
            continue;
        }
        out.push_back(space ? ' ' : *p);
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

// Wakes a thread waiting in poll() for a stop.
class StopSignal {
public:
    StopSignal() : m_fd(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}
    ~StopSignal() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    StopSignal(const StopSignal&) = delete;
    StopSignal& operator=(const StopSignal&) = delete;

    void raise() {
        m_raised = true;
        const std::uint64_t one = 1;
        [[maybe_unused]] const auto n = ::write(m_fd, &one, sizeof one);
    }
    void reset() {
        std::uint64_t count = 0;
        [[maybe_unused]] const auto n = ::read(m_fd, &count, sizeof count);
        m_raised = false;
    }
    bool raised() const { return m_raised.load(); }
    int fd() const { return m_fd; }

    // Waits up to `d`; false when stopped.
    bool sleep(std::chrono::milliseconds d) const {
        pollfd p{m_fd, POLLIN, 0};
        const int ms = static_cast<int>(std::max<std::int64_t>(0, d.count()));
        ::poll(&p, 1, ms);
        return !raised();
    }

private:
    int m_fd;
    std::atomic<bool> m_raised{false};
};

Conn connectTo(const std::string& uri, const std::string& applicationName, std::string& why) {
    // Keywords before "dbname" are defaults: the URI (expanded from dbname) overrides them.
    const std::array<const char*, 8> keys = {"connect_timeout",
                                             "fallback_application_name",
                                             "keepalives_idle",
                                             "keepalives_interval",
                                             "keepalives_count",
                                             "dbname",
                                             nullptr,
                                             nullptr};
    const std::array<const char*, 8> values = {kConnectTimeout,  applicationName.c_str(),
                                               kKeepalivesIdle,  kKeepalivesInterval,
                                               kKeepalivesCount, uri.c_str(),
                                               nullptr,          nullptr};
    Conn c(PQconnectdbParams(keys.data(), values.data(), 1));
    if (!c) {
        why = "out of memory";
        return nullptr;
    }
    if (PQstatus(c.get()) != CONNECTION_OK) {
        why = oneLine(PQerrorMessage(c.get()));
        return nullptr;
    }
    PQsetNoticeProcessor(
        c.get(), [](void*, const char*) {}, nullptr);
    return c;
}

enum class Outcome { Done, Failed, Stopped };

// Sends `sql` and waits for its result while watching for a stop, so that a database that
// stops answering never holds up a shutdown. The result is the last one of the statement.
Outcome query(PGconn* c, const std::string& sql, const StopSignal& stop, Result& out,
              std::string& why) {
    if (PQsendQuery(c, sql.c_str()) != 1) {
        why = oneLine(PQerrorMessage(c));
        return Outcome::Failed;
    }
    for (;;) {
        if (PQconsumeInput(c) != 1) {
            why = oneLine(PQerrorMessage(c));
            return Outcome::Failed;
        }
        if (PQisBusy(c) == 0) {
            break;
        }
        std::array<pollfd, 2> fds = {pollfd{PQsocket(c), POLLIN, 0}, pollfd{stop.fd(), POLLIN, 0}};
        ::poll(fds.data(), fds.size(), -1);
        if (stop.raised()) {
            return Outcome::Stopped;
        }
    }
    bool failed = false;
    while (Result r{PQgetResult(c)}) {
        const ExecStatusType st = PQresultStatus(r.get());
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            failed = true;
            why = oneLine(PQresultErrorMessage(r.get()));
        }
        out = std::move(r);
    }
    if (failed || PQstatus(c) != CONNECTION_OK) {
        if (why.empty()) {
            why = oneLine(PQerrorMessage(c));
        }
        return Outcome::Failed;
    }
    return Outcome::Done;
}

// Back-off between connection attempts.
class Backoff {
public:
    Backoff(std::chrono::milliseconds first, std::chrono::milliseconds max)
        : m_first(first), m_max(max), m_next(first) {}
    std::chrono::milliseconds next() {
        const auto d = m_next;
        m_next = std::min(m_next * 2, m_max);
        return d;
    }
    void reset() { m_next = m_first; }

private:
    std::chrono::milliseconds m_first;
    std::chrono::milliseconds m_max;
    std::chrono::milliseconds m_next;
};

}  // namespace

// --- PostgresLogListener ---

struct PostgresLogListener::Impl {
    std::string uri;
    LogListenerOptions options;
    std::function<std::uint64_t()> head;
    std::function<void()> wake;
    CoordinationLog log;

    StopSignal stop;
    std::mutex threadMutex;
    std::thread thread;

    void run();
};

PostgresLogListener::PostgresLogListener(std::string uri, LogListenerOptions options,
                                         std::function<std::uint64_t()> head,
                                         std::function<void()> wake, CoordinationLog log)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->uri = std::move(uri);
    m_impl->options = std::move(options);
    m_impl->head = std::move(head);
    m_impl->wake = std::move(wake);
    m_impl->log = std::move(log);
}

PostgresLogListener::~PostgresLogListener() {
    stop();
}

void PostgresLogListener::start() {
    std::lock_guard lock(m_impl->threadMutex);
    if (m_impl->thread.joinable()) {
        return;
    }
    m_impl->stop.reset();
    m_impl->thread = std::thread([impl = m_impl.get()] { impl->run(); });
}

void PostgresLogListener::stop() {
    std::lock_guard lock(m_impl->threadMutex);
    if (!m_impl->thread.joinable()) {
        return;
    }
    m_impl->stop.raise();
    m_impl->thread.join();
}

void PostgresLogListener::Impl::run() {
    const std::string listen = std::string("LISTEN ") + PostgresEventStore::kNotifyChannel;
    Backoff backoff(options.retryFirst, options.retryMax);
    Conn conn;
    bool failing = false;
    auto lastWake = Clock::now();
    auto wakeNow = [&] {
        lastWake = Clock::now();
        wake();
    };
    while (!stop.raised()) {
        if (!conn) {
            std::string why;
            conn = connectTo(uri, options.applicationName, why);
            Result ignored;
            if (conn) {
                const Outcome o = query(conn.get(), listen, stop, ignored, why);
                if (o == Outcome::Stopped) {
                    return;
                }
                if (o == Outcome::Failed) {
                    conn.reset();
                }
            }
            if (!conn) {
                if (!failing) {
                    log("log listener: cannot listen for other servers' events (" + why +
                        "); looking at the log every " +
                        std::to_string(options.pollInterval.count()) +
                        " ms and trying again with back-off");
                    failing = true;
                }
                // Meanwhile the log is still looked at by polling, through the store.
                const auto delay = std::min(backoff.next(), options.pollInterval);
                if (!stop.sleep(delay)) {
                    return;
                }
                if (Clock::now() - lastWake >= options.pollInterval) {
                    wakeNow();
                }
                continue;
            }
            if (failing) {
                log("log listener: listening for other servers' events again");
                failing = false;
            }
            backoff.reset();
            // Whatever was appended while no one listened.
            wakeNow();
        }
        const auto left = options.pollInterval - (Clock::now() - lastWake);
        const int ms = static_cast<int>(std::max<std::int64_t>(
            0, std::chrono::duration_cast<std::chrono::milliseconds>(left).count()));
        std::array<pollfd, 2> fds = {pollfd{PQsocket(conn.get()), POLLIN, 0},
                                     pollfd{stop.fd(), POLLIN, 0}};
        const int ready = ::poll(fds.data(), fds.size(), ms);
        if (stop.raised()) {
            return;
        }
        if (ready <= 0 || (fds[0].revents == 0)) {
            if (Clock::now() - lastWake >= options.pollInterval) {
                wakeNow();
            }
            continue;
        }
        if (PQconsumeInput(conn.get()) != 1 || PQstatus(conn.get()) != CONNECTION_OK) {
            log("log listener: the connection was lost (" + oneLine(PQerrorMessage(conn.get())) +
                "); connecting again");
            failing = true;
            conn.reset();
            continue;
        }
        bool newer = false;
        const std::uint64_t known = head();
        while (PGnotify* n = PQnotifies(conn.get())) {
            std::uint64_t seq = 0;
            const std::string_view payload = n->extra ? n->extra : "";
            const auto parsed =
                std::from_chars(payload.data(), payload.data() + payload.size(), seq);
            // A payload that does not parse still says that something happened.
            if (parsed.ec != std::errc() || seq > known) {
                newer = true;
            }
            PQfreemem(n);
        }
        if (newer || Clock::now() - lastWake >= options.pollInterval) {
            wakeNow();
        }
    }
}

// --- PostgresLease ---

struct PostgresLease::Impl {
    std::string uri;
    std::int64_t key = 0;
    LeaseOptions options;
    std::function<void()> acquired;
    std::function<void()> lost;
    CoordinationLog log;

    StopSignal stop;
    std::atomic<bool> held{false};
    std::mutex threadMutex;
    std::thread thread;

    void run();
    void release(const std::string& why);
};

PostgresLease::PostgresLease(std::string uri, std::int64_t key, LeaseOptions options,
                             std::function<void()> acquired, std::function<void()> lost,
                             CoordinationLog log)
    : m_impl(std::make_unique<Impl>()) {
    m_impl->uri = std::move(uri);
    m_impl->key = key;
    m_impl->options = std::move(options);
    m_impl->acquired = std::move(acquired);
    m_impl->lost = std::move(lost);
    m_impl->log = std::move(log);
}

PostgresLease::~PostgresLease() {
    stop();
}

void PostgresLease::start() {
    std::lock_guard lock(m_impl->threadMutex);
    if (m_impl->thread.joinable()) {
        return;
    }
    m_impl->stop.reset();
    m_impl->thread = std::thread([impl = m_impl.get()] { impl->run(); });
}

void PostgresLease::stop() {
    std::lock_guard lock(m_impl->threadMutex);
    if (!m_impl->thread.joinable()) {
        return;
    }
    m_impl->stop.raise();
    m_impl->thread.join();
}

bool PostgresLease::held() const {
    return m_impl->held.load();
}

void PostgresLease::Impl::release(const std::string& why) {
    if (!held.exchange(false)) {
        return;
    }
    log("lease: " + why);
    lost();
}

void PostgresLease::Impl::run() {
    const std::string take = "SELECT pg_try_advisory_lock(" + std::to_string(key) + ")";
    // The database notices a holder that vanished from the network as quickly as the holder
    // notices the database gone.
    const std::string keepalives = std::string("SET tcp_keepalives_idle = ") + kKeepalivesIdle +
                                   "; SET tcp_keepalives_interval = " + kKeepalivesInterval +
                                   "; SET tcp_keepalives_count = " + kKeepalivesCount;
    Backoff backoff(options.retryFirst, options.retryMax);
    Conn conn;
    bool failing = false;
    while (!stop.raised()) {
        std::string why;
        if (!conn) {
            conn = connectTo(uri, options.applicationName, why);
            if (!conn) {
                if (!failing) {
                    log("lease: cannot reach the database (" + why +
                        "); trying again with back-off");
                    failing = true;
                }
                if (!stop.sleep(backoff.next())) {
                    break;
                }
                continue;
            }
            failing = false;
            backoff.reset();
            Result ignored;
            std::string ignoredWhy;
            if (query(conn.get(), keepalives, stop, ignored, ignoredWhy) == Outcome::Stopped) {
                break;
            }
        }
        Result r;
        const Outcome o = query(conn.get(), held ? std::string("SELECT 1") : take, stop, r, why);
        if (o == Outcome::Stopped) {
            break;
        }
        if (o == Outcome::Failed) {
            // With the connection goes the lock: another server may hold it already.
            release("lost with the connection to the database (" + why + ")");
            if (!failing) {
                log("lease: the database connection failed (" + why + "); connecting again");
                failing = true;
            }
            conn.reset();
            if (!stop.sleep(backoff.next())) {
                break;
            }
            continue;
        }
        if (!held && PQntuples(r.get()) == 1 &&
            std::string_view(PQgetvalue(r.get(), 0, 0)) == "t") {
            held = true;
            log("lease: taken");
            acquired();
        }
        if (!stop.sleep(options.checkInterval)) {
            break;
        }
    }
    release("released (shutting down)");
    // Closing the connection ends the database session and with it the lock.
}

}  // namespace flameblue::store

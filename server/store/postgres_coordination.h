#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace flameblue::store {

// Several servers on one PostgreSQL event store: how each learns that the others appended
// (PostgresLogListener) and how they agree which one runs the deployment's singletons
// (PostgresLease). Each holds one dedicated connection of its own, opened on its own thread and
// opened again after a loss, with back-off; neither ever blocks a caller on the database.

using CoordinationLog = std::function<void(const std::string& line)>;

struct LogListenerOptions {
    // A look at the log without a notification, so that a lost NOTIFY (or one sent while the
    // connection was being re-established) delays an event by at most this long.
    std::chrono::milliseconds pollInterval{1000};
    // Back-off between connection attempts: first, doubling up to max.
    std::chrono::milliseconds retryFirst{250};
    std::chrono::milliseconds retryMax{5000};
    std::string applicationName = "flameblue-server log listener";
};

// LISTENs on PostgresEventStore::kNotifyChannel and calls `wake` when the log may have grown: on
// a notification whose head is beyond `head()` (notifications of this server's own appends are
// skipped), after every poll interval without one, and after (re)connecting. `wake` only says
// "look now": the caller reads the log by seq (the payload is never trusted to carry events).
class PostgresLogListener {
public:
    PostgresLogListener(std::string uri, LogListenerOptions options,
                        std::function<std::uint64_t()> head, std::function<void()> wake,
                        CoordinationLog log);
    ~PostgresLogListener();
    PostgresLogListener(const PostgresLogListener&) = delete;
    PostgresLogListener& operator=(const PostgresLogListener&) = delete;

    void start();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

struct LeaseOptions {
    // How often a server without the lease tries to take it, and a holder checks that its
    // connection (and so its lock) is still there.
    std::chrono::milliseconds checkInterval{1000};
    std::chrono::milliseconds retryFirst{250};
    std::chrono::milliseconds retryMax{5000};
    std::string applicationName = "flameblue-server lease";
};

// A lease held as a session-level advisory lock (pg_try_advisory_lock(key)) on a dedicated
// connection: exactly one connection in the database holds it. When the holder dies (or its
// connection does), PostgreSQL ends its session and releases the lock; the others, trying every
// check interval, take it within about that long. `acquired` runs when this server takes the
// lease, `lost` when its connection goes (the lock must then be taken as gone, since another
// server may already hold it) and at stop() while held; both on the lease's own thread.
class PostgresLease {
public:
    PostgresLease(std::string uri, std::int64_t key, LeaseOptions options,
                  std::function<void()> acquired, std::function<void()> lost, CoordinationLog log);
    ~PostgresLease();
    PostgresLease(const PostgresLease&) = delete;
    PostgresLease& operator=(const PostgresLease&) = delete;

    void start();
    // Releases the lease (calling `lost` first when held) and closes the connection.
    void stop();
    bool held() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The advisory lock key of the lease for the feeds, the alert monitor and the simulator.
inline constexpr std::int64_t kSingletonsLeaseKey = 0x466c616d65536e67;  // "FlameSng"

}  // namespace flameblue::store

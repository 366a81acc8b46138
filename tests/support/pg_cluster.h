#pragma once

// A throw-away PostgreSQL 15 cluster for tests and benchmarks: initdb into a fresh temporary
// directory, a postgres server on a free loopback port and a Unix socket in that directory, shut
// down and removed at the end. Nothing outside the temporary directory is touched: no system
// service, no root. When the tests run as root (initdb refuses root) the server runs as the
// `postgres` system user of the Debian package, with the directory owned by it.
//
// The first cluster of a build initialises a template under the build directory (one initdb,
// shared by all test processes under a file lock); every cluster starts from a copy of it.
//
// The server is a child of the thread that starts it and dies with it (SIGQUIT on parent death),
// so a crashed test leaves no server behind: start clusters from the test's main thread.

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace flameblue::testing {

class PgCluster {
public:
    struct Options {
        // fsync on: commits reach the disk (benchmarks). Off by default: tests check behaviour,
        // not the disk, and run faster without it.
        bool durable = false;
        // Where the temporary directory goes; default $TMPDIR or /tmp.
        std::filesystem::path parent;
    };

    // The role and database every cluster has, for the event store (password authentication
    // over TCP, as in production).
    static constexpr const char* kUser = "flameblue";
    static constexpr const char* kPassword = "fire-and-rescue";
    static constexpr const char* kDatabase = "flameblue";

    // Starts a cluster; on failure returns null and says why in *error (a missing binary names
    // the package to install).
    static std::unique_ptr<PgCluster> start(std::string* error);
    static std::unique_ptr<PgCluster> start(const Options& options, std::string* error);
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    int port() const { return m_port; }
    const std::filesystem::path& dir() const { return m_dir; }

    // postgresql://USER:PASSWORD@127.0.0.1:PORT/DB[?QUERY] (QUERY without the '?').
    std::string uri(const std::string& database = kDatabase, const std::string& user = kUser,
                    const std::string& password = kPassword, const std::string& query = "") const;

    // Runs SQL as the superuser in `database`; returns the first column of the first row ("" if
    // none), or nullopt with the error in *error.
    std::optional<std::string> sql(const std::string& statement, std::string* error,
                                   const std::string& database = "postgres") const;
    // A new, empty UTF-8 database owned by kUser.
    bool createDatabase(const std::string& name, std::string* error) const;

    // Stops the server at once, as a crash or a pulled cable would (SIGQUIT: immediate shutdown).
    bool stop(std::string* error);
    // Starts it again on the same port and waits until it accepts connections.
    bool restart(std::string* error);
    bool running() const { return m_pid > 0; }

    // The server's log so far (for failure messages).
    std::string log() const;

    // A hot standby of this cluster by streaming replication (pg_basebackup of the running
    // server), made the synchronous standby: from its return, a commit on this cluster returns
    // only once the standby has it. Null (and *error) on failure.
    std::unique_ptr<PgCluster> startSynchronousStandby(std::string* error);
    // On a standby: promotes it to a primary and waits until it accepts writes.
    bool promote(std::string* error);

private:
    PgCluster() = default;
    bool launch(std::string* error);

    Options m_options;
    std::filesystem::path m_dir;
    int m_port = 0;
    pid_t m_pid = -1;
};

// One cluster for the whole test process, started on first use; null (and *error set) when it
// cannot be started. Tests that stop or break their server start their own instead.
PgCluster* sharedPgCluster(std::string* error);

}  // namespace flameblue::testing

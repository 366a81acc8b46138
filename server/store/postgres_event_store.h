#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "store/event_store.h"

namespace flameblue::store {

struct PostgresOptions {
    // Keep at most this many snapshots.
    int keepSnapshots = 3;
    // The connections' application_name (as pg_stat_activity shows them), unless the URI sets one.
    std::string applicationName = "flameblue-server";
    // Seconds to wait for the server to answer a connection attempt, unless the URI sets
    // connect_timeout.
    int connectTimeoutSeconds = 10;
};

// The event log in a PostgreSQL database (15 or newer), for several command centres sharing one
// durable log. Tables: schema_version, events, snapshots and log_head, in the connection's schema
// (the first of its search_path).
//
// append() is one transaction that advances log_head from the head this writer expects to the new
// one and inserts the events; commit is synchronous (synchronous_commit on), so an acknowledged
// event is durable. When the head is not the expected one (another writer came first), nothing is
// written and append() fails with ErrorCode::Conflict. The head this store expects is the newest
// seq it has seen: its own appends, a conflict, and events or snapshots of other servers that it
// read, so a writer that catches up by reading continues the log. The transaction also sends NOTIFY
// on kNotifyChannel with the new head, for servers tailing the log.
//
// One write connection (guarded by m_writeMutex) serves append() and saveSnapshot(); reads take a
// connection from a small pool, so they run concurrently with each other and with appends. A
// connection that breaks is replaced on next use. When the database cannot be reached, every call
// fails with ErrorCode::Unavailable and nothing is half written; lastSeq() keeps the last head
// this store knew.
class PostgresEventStore final : public EventStore {
public:
    // Errors: Unavailable when the database cannot be reached (yet): worth retrying;
    // FailedPrecondition when it refuses (password, role, database, a schema from a newer
    // version, tables that are not an event store); InvalidArgument for a malformed URI.
    static core::Result<std::unique_ptr<PostgresEventStore>> open(
        const std::string& uri, const PostgresOptions& options = {});
    ~PostgresEventStore() override;

    PostgresEventStore(const PostgresEventStore&) = delete;
    PostgresEventStore& operator=(const PostgresEventStore&) = delete;

    core::Status append(std::span<const core::Event> events) override;
    std::uint64_t lastSeq() const override;
    bool sharedByServers() const override { return true; }
    std::uint64_t firstSeq() const override;
    core::Status scan(std::uint64_t afterSeq, std::uint64_t upToSeq,
                      const std::function<bool(const core::Event&)>& fn) const override;
    core::Status scanSubject(const core::Id& subject, std::uint64_t afterSeq, std::uint64_t upToSeq,
                             const std::function<bool(const core::Event&)>& fn) const override;
    core::Status saveSnapshot(const core::State& state) override;
    core::Result<std::optional<core::State>> loadLatestSnapshot() const override;
    core::Result<std::optional<core::State>> loadSnapshotAtOrBefore(
        std::uint64_t seq) const override;
    core::Result<std::uint64_t> lastSeqAtOrBefore(core::TimeMs timeMs) const override;

    // The database as messages name it: postgresql://user@host:port/dbname, never the password.
    const std::string& name() const { return m_name; }

    // Schema version this build writes and the newest it can read.
    static constexpr int kSchemaVersion = 1;
    // SQLSTATE the append transaction raises when the log's head is not the expected one.
    static constexpr const char* kConflictSqlState = "FB001";
    // Channel of the NOTIFY sent by every append; the payload is the new head seq.
    static constexpr const char* kNotifyChannel = "flameblue_log";

    struct Connection;

private:
    struct Batch;

    PostgresEventStore(std::string uri, PostgresOptions options);

    core::Status init();
    core::Result<std::unique_ptr<Connection>> connect() const;
    // Runs fn(Connection&) on a pooled read connection; returns what fn returns.
    template <typename F>
    auto withReader(F&& fn) const;
    core::Status appendOnce(Connection& w, const Batch& batch, std::uint64_t expectedHead,
                            std::uint64_t newHead, bool& lost);
    core::Status afterLostAppend(std::span<const core::Event> events, std::uint64_t expectedHead,
                                 const std::string& why, bool& retry);
    core::Result<std::uint64_t> readHead(Connection& c) const;
    core::Status scanRows(const core::Id* subject, std::uint64_t afterSeq, std::uint64_t upToSeq,
                          const std::function<bool(const core::Event&)>& fn) const;
    core::Result<std::optional<core::State>> loadSnapshot(std::uint64_t atOrBefore) const;
    core::Error storeError(core::ErrorCode code, const std::string& what) const;
    // Raises lastSeq() to `seq` (an event of the log was seen there).
    void noteHead(std::uint64_t seq) const;

    // The connection string as given (it may hold the password: never in a message).
    const std::string m_uri;
    const PostgresOptions m_options;
    std::string m_name;

    std::mutex m_writeMutex;
    std::unique_ptr<Connection> m_writer;  // guarded by m_writeMutex; null after a failure

    mutable std::mutex m_readersMutex;
    mutable std::vector<std::unique_ptr<Connection>> m_idleReaders;  // guarded by m_readersMutex

    mutable std::atomic<std::uint64_t> m_lastSeq{0};
    std::atomic<std::uint64_t> m_firstSeq{1};
};

// True for postgresql:// and postgres:// URIs.
bool isPostgresUri(std::string_view location);

// Checks a PostgreSQL URI's syntax without connecting; the error names what is wrong.
core::Status checkPostgresUri(const std::string& uri);

// The URI as messages may show it: postgresql://user@host:port/dbname, without the password.
std::string describePostgresUri(const std::string& uri);

// Opens (creating the schema in an empty database) a PostgreSQL event store; see
// PostgresEventStore::open for the errors.
core::Result<std::unique_ptr<EventStore>> openPostgresStore(const std::string& uri,
                                                            const PostgresOptions& options = {});

}  // namespace flameblue::store

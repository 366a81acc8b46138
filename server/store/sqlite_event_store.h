#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/event_store.h"

struct sqlite3;
struct sqlite3_stmt;

namespace flameblue::store {

// The embedded event store: one SQLite file in WAL mode.
//
// One write connection (guarded by m_writeMutex) serves append() and saveSnapshot(); reads take a
// connection from a small pool, so scans run concurrently with each other and with appends, and
// each scan sees one consistent snapshot of the file (a single SELECT is one read transaction).
// A scan callback may call back into the store: it simply gets another pooled connection.
class SqliteEventStore final : public EventStore {
public:
    static core::Result<std::unique_ptr<SqliteEventStore>> open(const std::filesystem::path& file,
                                                                const SqliteOptions& options = {});
    ~SqliteEventStore() override;

    SqliteEventStore(const SqliteEventStore&) = delete;
    SqliteEventStore& operator=(const SqliteEventStore&) = delete;

    core::Status append(std::span<const core::Event> events) override;
    std::uint64_t lastSeq() const override;
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

    const std::filesystem::path& file() const { return m_file; }

    // Schema version this build writes and the newest it can read.
    static constexpr int kSchemaVersion = 1;

private:
    struct Connection;

    SqliteEventStore(std::filesystem::path file, SqliteOptions options);

    core::Status init();
    core::Status scanRows(std::size_t sql, const core::Id* subject, std::uint64_t afterSeq,
                          std::uint64_t upToSeq,
                          const std::function<bool(const core::Event&)>& fn) const;
    core::Result<std::unique_ptr<Connection>> openConnection(bool writer) const;
    // Runs fn(Connection&) on a pooled read connection; returns what fn returns.
    template <typename F>
    auto withReader(F&& fn) const;
    template <typename F>
    core::Status inWriteTransaction(const char* what, F&& body);
    core::Result<std::optional<core::State>> loadSnapshot(std::uint64_t atOrBefore) const;
    core::Error sqliteError(sqlite3* db, const std::string& what) const;
    core::Error storeError(const std::string& what) const;

    const std::filesystem::path m_file;
    const SqliteOptions m_options;

    std::mutex m_writeMutex;
    std::unique_ptr<Connection> m_writer;  // guarded by m_writeMutex

    mutable std::mutex m_readersMutex;
    mutable std::vector<std::unique_ptr<Connection>> m_idleReaders;  // guarded by m_readersMutex

    std::atomic<std::uint64_t> m_lastSeq{0};
    std::atomic<std::uint64_t> m_firstSeq{1};
};

}  // namespace flameblue::store

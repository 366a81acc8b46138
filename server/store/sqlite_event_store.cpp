#include "store/sqlite_event_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

#include "core/codec.h"

namespace flameblue::store {

namespace {

using core::Error;
using core::ErrorCode;
using core::Ok;
using core::Status;

constexpr int kBusyTimeoutMs = 5000;
// Idle read connections kept open; more can exist while many threads read at once.
constexpr std::size_t kMaxIdleReaders = 8;
// A scan reads rows in chunks so that no read transaction stays open while a slow callback
// runs: a long-lived reader would stop WAL checkpoints and let the -wal file grow unbounded.
constexpr std::int64_t kFirstScanChunk = 64;
constexpr std::int64_t kMaxScanChunk = 1024;

enum Sql : std::size_t {
    kBegin,
    kCommit,
    kRollback,
    kInsertEvent,
    kInsertSnapshot,
    kPruneSnapshots,
    kScanEvents,
    kSnapshotAtOrBefore,
    kSeqAtOrBeforeTime,
    kScanSubject,
    kSqlCount,
};

constexpr std::array<const char*, kSqlCount> kSqlText = {
    "BEGIN IMMEDIATE",
    "COMMIT",
    "ROLLBACK",
    "INSERT INTO events(seq, time_ms, kind, subject, operator, origin, payload) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "INSERT OR REPLACE INTO snapshots(seq, time_ms, payload) VALUES(?1, ?2, ?3)",
    "DELETE FROM snapshots WHERE seq NOT IN "
    "(SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?1)",
    "SELECT seq, time_ms, kind, operator, origin, payload FROM events "
    "WHERE seq > ?1 AND seq <= ?2 ORDER BY seq LIMIT ?3",
    "SELECT seq, payload FROM snapshots WHERE seq <= ?1 ORDER BY seq DESC LIMIT 1",
    // Walks the time index backwards, so seeking stays O(log n) on a long log. It equals "max seq
    // with time <= t" as long as event times never decrease along the log.
    "SELECT seq FROM events WHERE time_ms <= ?1 ORDER BY time_ms DESC, seq DESC LIMIT 1",
    // One entity's events (an aircraft's track): walks the seq range and compares the subject
    // column, so no payload outside the entity is decoded.
    "SELECT seq, time_ms, kind, operator, origin, payload FROM events "
    "WHERE seq > ?1 AND seq <= ?2 AND subject = ?4 ORDER BY seq LIMIT ?3",
};

constexpr const char* kCreateSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS events(
    seq INTEGER PRIMARY KEY,
    time_ms INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    subject TEXT NOT NULL,
    operator TEXT NOT NULL,
    origin TEXT NOT NULL,
    payload BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS events_time ON events(time_ms);
-- Position fixes (kind 12) are most of the log; indexing them made appends 4-5x slower.
CREATE INDEX IF NOT EXISTS events_subject ON events(subject) WHERE kind <> 12;
CREATE TABLE IF NOT EXISTS snapshots(seq INTEGER PRIMARY KEY, time_ms INTEGER, payload BLOB);
INSERT OR IGNORE INTO meta(key, value) VALUES('schema_version', 1);
)sql";
static_assert(SqliteEventStore::kSchemaVersion == 1,
              "a new schema version needs kCreateSchema updated and a migration in init()");

// SQLite integers are signed; seqs beyond INT64_MAX cannot exist, so "everything" clamps there.
std::int64_t toSqlSeq(std::uint64_t seq) {
    return static_cast<std::int64_t>(
        std::min<std::uint64_t>(seq, std::numeric_limits<std::int64_t>::max()));
}

std::string_view columnBytes(sqlite3_stmt* s, int col) {
    const void* p = sqlite3_column_blob(s, col);
    const int n = sqlite3_column_bytes(s, col);
    return p ? std::string_view(static_cast<const char*>(p), static_cast<std::size_t>(n))
             : std::string_view();
}

std::string columnText(sqlite3_stmt* s, int col) {
    return std::string(columnBytes(s, col));
}

// The current row of kScanEvents as an event; a row that does not decode names its seq.
core::Result<core::Event> eventFromRow(sqlite3_stmt* s) {
    const auto seq = static_cast<std::uint64_t>(sqlite3_column_int64(s, 0));
    const std::int64_t kind = sqlite3_column_int64(s, 2);
    const std::string where = "event seq " + std::to_string(seq) + " is unreadable: ";
    const auto known = core::eventKindFromNumber(kind);
    if (!known) {
        return Error{ErrorCode::Internal, where + "unknown kind " + std::to_string(kind)};
    }
    auto payload = core::decodePayload(*known, columnBytes(s, 5));
    if (!payload) {
        return Error{ErrorCode::Internal, where + payload.error().message};
    }
    return core::Event{seq, sqlite3_column_int64(s, 1), columnText(s, 3), columnText(s, 4),
                       std::move(payload).value()};
}

// Resets a cached statement on every path out of a scope, which also ends its read transaction.
class StmtReset {
public:
    explicit StmtReset(sqlite3_stmt* s) : m_s(s) {}
    ~StmtReset() { sqlite3_reset(m_s); }
    StmtReset(const StmtReset&) = delete;
    StmtReset& operator=(const StmtReset&) = delete;

private:
    sqlite3_stmt* m_s;
};

}  // namespace

struct SqliteEventStore::Connection {
    sqlite3* db = nullptr;
    std::array<sqlite3_stmt*, kSqlCount> stmts{};

    Connection() = default;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() {
        for (sqlite3_stmt* s : stmts) {
            sqlite3_finalize(s);
        }
        sqlite3_close_v2(db);
    }

    // Prepared once per connection and kept; nullptr on failure (see sqlite3_errmsg(db)).
    sqlite3_stmt* stmt(Sql which) {
        if (!stmts[which]) {
            sqlite3_prepare_v3(db, kSqlText[which], -1, SQLITE_PREPARE_PERSISTENT, &stmts[which],
                               nullptr);
        }
        return stmts[which];
    }

    // Runs a one-off query and returns the first column of its first row (nullopt: no row or
    // NULL), or the SQLite error code.
    int queryInt(const char* sql, std::optional<std::int64_t>& out) const {
        sqlite3_stmt* s = nullptr;
        int rc = sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(s);
            out.reset();
            if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
                out = sqlite3_column_int64(s, 0);
            }
            rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
        }
        sqlite3_finalize(s);
        return rc;
    }

    int stepOnce(Sql which) {
        sqlite3_stmt* s = stmt(which);
        if (!s) {
            return sqlite3_errcode(db);
        }
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
    }
};

core::Result<std::unique_ptr<EventStore>> openSqliteStore(const std::filesystem::path& file,
                                                          const SqliteOptions& options) {
    auto store = SqliteEventStore::open(file, options);
    if (!store) {
        return store.error();
    }
    return std::unique_ptr<EventStore>(std::move(store).value());
}

core::Result<std::unique_ptr<SqliteEventStore>> SqliteEventStore::open(
    const std::filesystem::path& file, const SqliteOptions& options) {
    std::unique_ptr<SqliteEventStore> store(new SqliteEventStore(file, options));
    if (Status st = store->init(); !st) {
        return st.error();
    }
    return store;
}

SqliteEventStore::SqliteEventStore(std::filesystem::path file, SqliteOptions options)
    : m_file(std::move(file)), m_options(options) {}

// Readers go first: closing the last connection checkpoints the WAL into the main file.
SqliteEventStore::~SqliteEventStore() {
    m_idleReaders.clear();
    m_writer.reset();
}

Error SqliteEventStore::storeError(const std::string& what) const {
    return Error{ErrorCode::Internal, "event store '" + m_file.string() + "': " + what};
}

Error SqliteEventStore::sqliteError(sqlite3* db, const std::string& what) const {
    return storeError(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

core::Result<std::unique_ptr<SqliteEventStore::Connection>> SqliteEventStore::openConnection(
    bool writer) const {
    auto c = std::make_unique<Connection>();
    const int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (writer ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(m_file.c_str(), &c->db, flags, nullptr) != SQLITE_OK) {
        return sqliteError(c->db, "cannot open");
    }
    sqlite3_extended_result_codes(c->db, 1);
    sqlite3_busy_timeout(c->db, kBusyTimeoutMs);
    if (!writer && sqlite3_exec(c->db, "PRAGMA query_only=1", nullptr, nullptr, nullptr)) {
        return sqliteError(c->db, "cannot open a read connection");
    }
    return c;
}

template <typename F>
Status SqliteEventStore::inWriteTransaction(const char* what, F&& body) {
    Connection& w = *m_writer;
    if (w.stepOnce(kBegin) != SQLITE_OK) {
        return sqliteError(w.db, std::string(what) + ": cannot begin a transaction");
    }
    Status st = body();
    if (st && w.stepOnce(kCommit) != SQLITE_OK) {
        st = sqliteError(w.db, std::string(what) + ": commit failed");
    }
    // SQLite rolls some failures back by itself; only roll back what is still open.
    if (!st && !sqlite3_get_autocommit(w.db)) {
        w.stepOnce(kRollback);
    }
    return st;
}

Status SqliteEventStore::init() {
    auto opened = openConnection(true);
    if (!opened) {
        return opened.error();
    }
    m_writer = std::move(opened).value();
    Connection& w = *m_writer;

    // Identify the file before changing anything in it: a foreign database or one written by a
    // newer server must be left exactly as it was.
    std::optional<std::int64_t> objects;
    std::optional<std::int64_t> version;
    if (w.queryInt("SELECT count(*) FROM sqlite_master", objects) != SQLITE_OK) {
        return sqliteError(w.db, "cannot read the database header");
    }
    if (objects.value_or(0) > 0) {
        // Without a meta table this does not even prepare: the database belongs to someone else.
        if (w.queryInt("SELECT value FROM meta WHERE key = 'schema_version'", version) !=
                SQLITE_OK ||
            !version) {
            return Error{ErrorCode::FailedPrecondition,
                         "'" + m_file.string() +
                             "' is a SQLite database but not a Flameblue event store "
                             "(no schema version); refusing to use it"};
        }
        if (*version > kSchemaVersion || *version < 1) {
            return Error{ErrorCode::FailedPrecondition,
                         "event store '" + m_file.string() + "' has schema version " +
                             std::to_string(*version) + ", but this server reads versions 1 to " +
                             std::to_string(kSchemaVersion) +
                             "; open it with the server version that wrote it"};
        }
    }

    sqlite3_stmt* mode = nullptr;
    std::string journalMode;
    if (sqlite3_prepare_v2(w.db, "PRAGMA journal_mode=WAL", -1, &mode, nullptr) == SQLITE_OK &&
        sqlite3_step(mode) == SQLITE_ROW) {
        journalMode = columnText(mode, 0);
    }
    sqlite3_finalize(mode);
    if (journalMode != "wal") {
        return sqliteError(w.db, "cannot switch to WAL mode (got '" + journalMode + "')");
    }
    const char* sync = m_options.fullSync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL";
    if (sqlite3_exec(w.db, sync, nullptr, nullptr, nullptr) != SQLITE_OK) {
        return sqliteError(w.db, "cannot set synchronous mode");
    }
    if (!objects.value_or(0)) {
        Status created = inWriteTransaction("cannot create the schema", [&]() -> Status {
            if (sqlite3_exec(w.db, kCreateSchema, nullptr, nullptr, nullptr) != SQLITE_OK) {
                return sqliteError(w.db, "cannot create the schema");
            }
            return Ok{};
        });
        if (!created) {
            return created;
        }
    }

    std::optional<std::int64_t> maxSeq;
    std::optional<std::int64_t> minSeq;
    if (w.queryInt("SELECT max(seq) FROM events", maxSeq) != SQLITE_OK ||
        w.queryInt("SELECT min(seq) FROM events", minSeq) != SQLITE_OK) {
        return sqliteError(w.db, "cannot read the log bounds");
    }
    m_lastSeq.store(static_cast<std::uint64_t>(maxSeq.value_or(0)));
    m_firstSeq.store(static_cast<std::uint64_t>(minSeq.value_or(1)));
    return Ok{};
}

template <typename F>
auto SqliteEventStore::withReader(F&& fn) const {
    std::unique_ptr<Connection> conn;
    {
        std::lock_guard lock(m_readersMutex);
        if (!m_idleReaders.empty()) {
            conn = std::move(m_idleReaders.back());
            m_idleReaders.pop_back();
        }
    }
    using R = decltype(fn(*conn));
    if (!conn) {
        auto opened = openConnection(false);
        if (!opened) {
            return R(opened.error());
        }
        conn = std::move(opened).value();
    }
    struct GiveBack {
        const SqliteEventStore& store;
        std::unique_ptr<Connection>& conn;
        ~GiveBack() {
            std::lock_guard lock(store.m_readersMutex);
            if (store.m_idleReaders.size() < kMaxIdleReaders) {
                store.m_idleReaders.push_back(std::move(conn));
            }
        }
    } giveBack{*this, conn};
    return fn(*conn);
}

Status SqliteEventStore::append(std::span<const core::Event> events) {
    if (events.empty()) {
        return Ok{};
    }
    std::lock_guard lock(m_writeMutex);
    const std::uint64_t last = m_lastSeq.load(std::memory_order_relaxed);
    if (events.front().seq != last + 1) {
        return core::conflict("append: first seq is " + std::to_string(events.front().seq) +
                              ", expected " + std::to_string(last + 1));
    }
    for (std::size_t i = 1; i < events.size(); ++i) {
        if (events[i].seq != events[i - 1].seq + 1) {
            return core::invalidArgument("append: seq " + std::to_string(events[i].seq) +
                                         " follows " + std::to_string(events[i - 1].seq) +
                                         "; seqs in a batch must be consecutive");
        }
    }
    Connection& w = *m_writer;
    Status st = inWriteTransaction("append", [&]() -> Status {
        sqlite3_stmt* s = w.stmt(kInsertEvent);
        if (!s) {
            return sqliteError(w.db, "append: cannot prepare insert");
        }
        for (const core::Event& e : events) {
            const std::string payload = core::encodePayload(e.payload);
            const core::Id subject = core::subjectOf(e.payload);
            StmtReset reset(s);
            sqlite3_bind_int64(s, 1, toSqlSeq(e.seq));
            sqlite3_bind_int64(s, 2, e.time);
            sqlite3_bind_int(s, 3, static_cast<int>(core::kindOf(e.payload)));
            sqlite3_bind_text(s, 4, subject.data(), static_cast<int>(subject.size()),
                              SQLITE_STATIC);
            sqlite3_bind_text(s, 5, e.operatorId.data(), static_cast<int>(e.operatorId.size()),
                              SQLITE_STATIC);
            sqlite3_bind_text(s, 6, e.origin.data(), static_cast<int>(e.origin.size()),
                              SQLITE_STATIC);
            sqlite3_bind_blob(s, 7, payload.data(), static_cast<int>(payload.size()),
                              SQLITE_STATIC);
            if (sqlite3_step(s) != SQLITE_DONE) {
                return sqliteError(w.db, "append: cannot write event seq " + std::to_string(e.seq));
            }
        }
        return Ok{};
    });
    if (st) {
        m_lastSeq.store(events.back().seq, std::memory_order_release);
    }
    return st;
}

std::uint64_t SqliteEventStore::lastSeq() const {
    return m_lastSeq.load(std::memory_order_acquire);
}

std::uint64_t SqliteEventStore::firstSeq() const {
    return m_firstSeq.load();
}

Status SqliteEventStore::scan(std::uint64_t afterSeq, std::uint64_t upToSeq,
                              const std::function<bool(const core::Event&)>& fn) const {
    return scanRows(kScanEvents, nullptr, afterSeq, upToSeq, fn);
}

Status SqliteEventStore::scanSubject(const core::Id& subject, std::uint64_t afterSeq,
                                     std::uint64_t upToSeq,
                                     const std::function<bool(const core::Event&)>& fn) const {
    return scanRows(kScanSubject, &subject, afterSeq, upToSeq, fn);
}

Status SqliteEventStore::scanRows(std::size_t sql, const core::Id* subject, std::uint64_t afterSeq,
                                  std::uint64_t upToSeq,
                                  const std::function<bool(const core::Event&)>& fn) const {
    if (upToSeq <= afterSeq) {
        return Ok{};
    }
    return withReader([&](Connection& c) -> Status {
        sqlite3_stmt* s = c.stmt(static_cast<Sql>(sql));
        if (!s) {
            return sqliteError(c.db, "scan: cannot prepare");
        }
        std::vector<core::Event> chunk;
        std::int64_t chunkSize = kFirstScanChunk;
        std::uint64_t from = afterSeq;
        for (;;) {
            chunk.clear();
            std::optional<Error> failure;
            bool done = false;
            {
                StmtReset reset(s);
                sqlite3_bind_int64(s, 1, toSqlSeq(from));
                sqlite3_bind_int64(s, 2, toSqlSeq(upToSeq));
                sqlite3_bind_int64(s, 3, chunkSize);
                if (subject) {
                    sqlite3_bind_text(s, 4, subject->data(), static_cast<int>(subject->size()),
                                      SQLITE_TRANSIENT);
                }
                int rc = SQLITE_ROW;
                while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
                    auto e = eventFromRow(s);
                    if (!e) {
                        failure = storeError(e.error().message);
                        break;
                    }
                    chunk.push_back(std::move(e).value());
                }
                if (!failure && rc != SQLITE_DONE) {
                    failure = sqliteError(c.db, "scan: cannot read events");
                }
                done = rc == SQLITE_DONE && static_cast<std::int64_t>(chunk.size()) < chunkSize;
            }
            // Deliver what was read before a bad row, then report the bad row.
            for (const core::Event& e : chunk) {
                if (!fn(e)) {
                    return Ok{};
                }
            }
            if (failure) {
                return *failure;
            }
            if (done || chunk.empty()) {
                return Ok{};
            }
            from = chunk.back().seq;
            chunkSize = std::min(chunkSize * 2, kMaxScanChunk);
        }
    });
}

Status SqliteEventStore::saveSnapshot(const core::State& state) {
    const std::uint64_t seq = state.lastSeq();
    if (seq > lastSeq()) {
        return core::failedPrecondition("snapshot at seq " + std::to_string(seq) +
                                        " is ahead of the log (last seq " +
                                        std::to_string(lastSeq()) + ")");
    }
    // Encoding a large state takes a while; do it before taking the writer.
    const std::string blob = core::StateCodec::encode(state);
    std::lock_guard lock(m_writeMutex);
    Connection& w = *m_writer;
    return inWriteTransaction("save snapshot", [&]() -> Status {
        sqlite3_stmt* ins = w.stmt(kInsertSnapshot);
        sqlite3_stmt* prune = w.stmt(kPruneSnapshots);
        if (!ins || !prune) {
            return sqliteError(w.db, "save snapshot: cannot prepare");
        }
        {
            StmtReset reset(ins);
            sqlite3_bind_int64(ins, 1, toSqlSeq(seq));
            sqlite3_bind_int64(ins, 2, state.lastEventTime());
            sqlite3_bind_blob(ins, 3, blob.data(), static_cast<int>(blob.size()), SQLITE_STATIC);
            if (sqlite3_step(ins) != SQLITE_DONE) {
                return sqliteError(w.db, "save snapshot at seq " + std::to_string(seq));
            }
        }
        StmtReset reset(prune);
        sqlite3_bind_int(prune, 1, std::max(1, m_options.keepSnapshots));
        if (sqlite3_step(prune) != SQLITE_DONE) {
            return sqliteError(w.db, "prune snapshots");
        }
        return Ok{};
    });
}

core::Result<std::optional<core::State>> SqliteEventStore::loadSnapshot(
    std::uint64_t atOrBefore) const {
    using R = core::Result<std::optional<core::State>>;
    return withReader([&](Connection& c) -> R {
        sqlite3_stmt* s = c.stmt(kSnapshotAtOrBefore);
        if (!s) {
            return sqliteError(c.db, "load snapshot: cannot prepare");
        }
        StmtReset reset(s);
        sqlite3_bind_int64(s, 1, toSqlSeq(atOrBefore));
        const int rc = sqlite3_step(s);
        if (rc == SQLITE_DONE) {
            return std::optional<core::State>();
        }
        if (rc != SQLITE_ROW) {
            return sqliteError(c.db, "load snapshot");
        }
        const auto seq = static_cast<std::uint64_t>(sqlite3_column_int64(s, 0));
        auto state = core::StateCodec::decode(columnBytes(s, 1));
        if (!state) {
            return storeError("snapshot at seq " + std::to_string(seq) +
                              " is unreadable: " + state.error().message);
        }
        if (state->lastSeq() != seq) {
            return storeError("snapshot stored at seq " + std::to_string(seq) + " holds seq " +
                              std::to_string(state->lastSeq()));
        }
        return std::optional<core::State>(std::move(state).value());
    });
}

core::Result<std::optional<core::State>> SqliteEventStore::loadLatestSnapshot() const {
    return loadSnapshot(std::numeric_limits<std::uint64_t>::max());
}

core::Result<std::optional<core::State>> SqliteEventStore::loadSnapshotAtOrBefore(
    std::uint64_t seq) const {
    return loadSnapshot(seq);
}

core::Result<std::uint64_t> SqliteEventStore::lastSeqAtOrBefore(core::TimeMs timeMs) const {
    return withReader([&](Connection& c) -> core::Result<std::uint64_t> {
        sqlite3_stmt* s = c.stmt(kSeqAtOrBeforeTime);
        if (!s) {
            return sqliteError(c.db, "seek by time: cannot prepare");
        }
        StmtReset reset(s);
        sqlite3_bind_int64(s, 1, timeMs);
        const int rc = sqlite3_step(s);
        if (rc == SQLITE_DONE) {
            return std::uint64_t{0};
        }
        if (rc != SQLITE_ROW) {
            return sqliteError(c.db, "seek by time");
        }
        return static_cast<std::uint64_t>(sqlite3_column_int64(s, 0));
    });
}

}  // namespace flameblue::store

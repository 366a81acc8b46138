#include "store/postgres_event_store.h"

#include <libpq-fe.h>

#include <algorithm>
#include <array>
#include <deque>
#include <limits>
#include <map>
#include <utility>

#include "core/codec.h"

namespace flameblue::store {

namespace {

using core::Error;
using core::ErrorCode;
using core::Ok;
using core::Status;

// Idle read connections kept open; more can exist while many threads read at once.
constexpr std::size_t kMaxIdleReaders = 8;
// Scans read in chunks, so no query stays open while a slow callback runs.
constexpr std::int64_t kFirstScanChunk = 64;
constexpr std::int64_t kMaxScanChunk = 1024;
// Serialises schema creation between servers that open an empty database at the same moment.
constexpr std::int64_t kSchemaLockKey = 0x466c616d65626c75;  // "Flameblu"
// TCP keepalive defaults (seconds, probes): a database host that vanishes from the network is
// noticed in about a minute instead of the kernel's two hours. The URI may set its own.
constexpr const char* kKeepalivesIdle = "30";
constexpr const char* kKeepalivesInterval = "10";
constexpr const char* kKeepalivesCount = "3";

// Type OIDs, fixed by PostgreSQL (pg_type.dat).
constexpr Oid kInt4Oid = 23;
constexpr Oid kInt8Oid = 20;
constexpr Oid kTextOid = 25;
constexpr Oid kByteaOid = 17;
constexpr Oid kInt4ArrayOid = 1007;
constexpr Oid kInt8ArrayOid = 1016;
constexpr Oid kTextArrayOid = 1009;
constexpr Oid kByteaArrayOid = 1001;

enum Sql : std::size_t {
    kAdvanceHead,
    kInsertEvents,
    kReadHead,
    kInsertSnapshot,
    kPruneSnapshots,
    kScanEvents,
    kScanSubject,
    kSnapshotAtOrBefore,
    kSeqAtOrBeforeTime,
    kSqlCount,
};

struct Statement {
    const char* name;
    const char* text;
    int paramCount;
    std::array<Oid, 7> types;
};

const std::array<Statement, kSqlCount> kStatements = {{
    {"flameblue_advance_head", "SELECT flameblue_advance_head($1, $2)", 2, {kInt8Oid, kInt8Oid}},
    // One statement for a batch of any size: seven arrays, one element per event.
    {"flameblue_insert_events",
     "INSERT INTO events(seq, time_ms, kind, subject, operator, origin, payload) "
     "SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7)",
     7,
     {kInt8ArrayOid, kInt8ArrayOid, kInt4ArrayOid, kTextArrayOid, kTextArrayOid, kTextArrayOid,
      kByteaArrayOid}},
    {"flameblue_read_head", "SELECT seq FROM log_head", 0, {}},
    {"flameblue_insert_snapshot",
     "INSERT INTO snapshots(seq, time_ms, payload) VALUES($1, $2, $3) "
     "ON CONFLICT (seq) DO UPDATE SET time_ms = excluded.time_ms, payload = excluded.payload",
     3,
     {kInt8Oid, kInt8Oid, kByteaOid}},
    {"flameblue_prune_snapshots",
     "DELETE FROM snapshots WHERE seq NOT IN "
     "(SELECT seq FROM snapshots ORDER BY seq DESC LIMIT $1)",
     1,
     {kInt8Oid}},
    {"flameblue_scan",
     "SELECT seq, time_ms, kind, operator, origin, payload FROM events "
     "WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3",
     3,
     {kInt8Oid, kInt8Oid, kInt8Oid}},
    // One entity's events (an aircraft's track): walks the seq range and compares the subject
    // column, so no payload outside the entity is sent or decoded.
    {"flameblue_scan_subject",
     "SELECT seq, time_ms, kind, operator, origin, payload FROM events "
     "WHERE seq > $1 AND seq <= $2 AND subject = $4 ORDER BY seq LIMIT $3",
     4,
     {kInt8Oid, kInt8Oid, kInt8Oid, kTextOid}},
    {"flameblue_snapshot_at",
     "SELECT seq, payload FROM snapshots WHERE seq <= $1 ORDER BY seq DESC LIMIT 1",
     1,
     {kInt8Oid}},
    // Walks the time index backwards: "max seq with time <= t" as long as event times never
    // decrease along the log (the same answer as the SQLite store).
    {"flameblue_seq_at_time",
     "SELECT seq FROM events WHERE time_ms <= $1 ORDER BY time_ms DESC, seq DESC LIMIT 1",
     1,
     {kInt8Oid}},
}};

// The schema, created in one transaction. Other servers opening the same empty database wait on
// the advisory lock and then find everything in place. The function is the append protocol: it
// moves the head from the seq the writer expects to the new one, or fails with kConflictSqlState
// and rolls the whole append back; its NOTIFY goes out when the append commits.
std::string createSchemaSql() {
    const std::string positionFix =
        std::to_string(static_cast<int>(core::EventKind::PositionReported));
    return "SELECT pg_advisory_xact_lock(" + std::to_string(kSchemaLockKey) +
           ");\n"
           "CREATE TABLE IF NOT EXISTS schema_version(version integer NOT NULL);\n"
           "INSERT INTO schema_version(version) SELECT " +
           std::to_string(PostgresEventStore::kSchemaVersion) +
           " WHERE NOT EXISTS (SELECT 1 FROM schema_version);\n"
           "CREATE TABLE IF NOT EXISTS events(\n"
           "    seq bigint PRIMARY KEY,\n"
           "    time_ms bigint NOT NULL,\n"
           "    kind integer NOT NULL,\n"
           "    subject text NOT NULL,\n"
           "    operator text NOT NULL,\n"
           "    origin text NOT NULL,\n"
           "    payload bytea NOT NULL);\n"
           "CREATE INDEX IF NOT EXISTS events_time ON events(time_ms, seq);\n"
           // As in the SQLite store: position fixes, most of the log, stay out of this index.
           "CREATE INDEX IF NOT EXISTS events_subject ON events(subject) WHERE kind <> " +
           positionFix +
           ";\n"
           "CREATE TABLE IF NOT EXISTS snapshots(\n"
           "    seq bigint PRIMARY KEY,\n"
           "    time_ms bigint NOT NULL,\n"
           "    payload bytea NOT NULL);\n"
           "CREATE TABLE IF NOT EXISTS log_head(\n"
           "    single boolean PRIMARY KEY DEFAULT true CHECK (single),\n"
           "    seq bigint NOT NULL);\n"
           "INSERT INTO log_head(seq) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM log_head);\n"
           "CREATE OR REPLACE FUNCTION flameblue_advance_head(expected bigint, new_head bigint)\n"
           "RETURNS void LANGUAGE plpgsql AS $fn$\n"
           "DECLARE\n"
           "    head bigint;\n"
           "BEGIN\n"
           "    UPDATE log_head SET seq = new_head WHERE seq = expected;\n"
           "    IF NOT FOUND THEN\n"
           "        SELECT seq INTO head FROM log_head;\n"
           "        RAISE EXCEPTION USING ERRCODE = '" +
           PostgresEventStore::kConflictSqlState +
           "', MESSAGE = format("
           "'the log''s head is seq %s, but this writer expected seq %s', head, expected);\n"
           "    END IF;\n"
           "    PERFORM pg_notify('" +
           PostgresEventStore::kNotifyChannel +
           "', new_head::text);\n"
           "END\n"
           "$fn$;\n";
}
static_assert(PostgresEventStore::kSchemaVersion == 1,
              "a new schema version needs createSchemaSql() updated and a migration in init()");

// PostgreSQL integers are signed; seqs beyond INT64_MAX cannot exist, so "everything" clamps.
std::int64_t toSqlSeq(std::uint64_t seq) {
    return static_cast<std::int64_t>(
        std::min<std::uint64_t>(seq, std::numeric_limits<std::int64_t>::max()));
}

// --- binary wire format (network byte order) ---

void putU32(std::string& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.push_back(static_cast<char>((v >> shift) & 0xffU));
    }
}

void putU64(std::string& out, std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) {
        out.push_back(static_cast<char>((v >> shift) & 0xffU));
    }
}

std::uint64_t getU(const char* p, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) {
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    }
    return v;
}

// A one-dimensional array parameter in PostgreSQL's binary array format.
class ArrayParam {
public:
    ArrayParam(Oid element, std::size_t count) {
        putU32(m_bytes, 1);  // dimensions
        putU32(m_bytes, 0);  // no NULLs
        putU32(m_bytes, element);
        putU32(m_bytes, static_cast<std::uint32_t>(count));
        putU32(m_bytes, 1);  // lower bound
    }
    void add(std::string_view v) {
        putU32(m_bytes, static_cast<std::uint32_t>(v.size()));
        m_bytes.append(v);
    }
    void addInt8(std::int64_t v) {
        putU32(m_bytes, 8);
        putU64(m_bytes, static_cast<std::uint64_t>(v));
    }
    void addInt4(std::int32_t v) {
        putU32(m_bytes, 4);
        putU32(m_bytes, static_cast<std::uint32_t>(v));
    }
    std::string take() { return std::move(m_bytes); }

private:
    std::string m_bytes;
};

// Binary parameters of one statement. Views must outlive the call that uses them.
class Params {
public:
    Params& int8(std::int64_t v) {
        std::string& s = m_owned.emplace_back();
        putU64(s, static_cast<std::uint64_t>(v));
        return bytes(s);
    }
    Params& bytes(std::string_view v) {
        // A null pointer would be SQL NULL; an empty value is not.
        m_values.push_back(v.data() ? v.data() : "");
        m_lengths.push_back(static_cast<int>(v.size()));
        m_formats.push_back(1);
        return *this;
    }
    int count() const { return static_cast<int>(m_values.size()); }
    const char* const* values() const { return m_values.data(); }
    const int* lengths() const { return m_lengths.data(); }
    const int* formats() const { return m_formats.data(); }

private:
    std::deque<std::string> m_owned;  // stable addresses
    std::vector<const char*> m_values;
    std::vector<int> m_lengths;
    std::vector<int> m_formats;
};

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

// libpq messages end in a newline and may span lines; messages here are one line.
std::string flat(const char* message) {
    std::string out;
    bool space = false;
    for (const char* p = message ? message : ""; *p; ++p) {
        if (*p == '\n' || *p == '\t' || *p == '\r' || *p == ' ') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out.push_back(' ');
            space = false;
        }
        out.push_back(*p);
    }
    return out;
}

// Keyword -> value of a parsed connection string (libpq's own parser), or its error.
core::Result<std::map<std::string, std::string>> parseConninfo(const std::string& uri) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error);
    if (!options) {
        std::string why = error ? flat(error) : "out of memory";
        PQfreemem(error);
        return core::invalidArgument(why);
    }
    std::map<std::string, std::string> out;
    for (PQconninfoOption* o = options; o->keyword; ++o) {
        if (o->val && *o->val) {
            out[o->keyword] = o->val;
        }
    }
    PQconninfoFree(options);
    return out;
}

// The password as written in the URI (between "user:" and "@"), which libpq may quote back in
// a parse error.
std::string rawUriPassword(const std::string& uri) {
    const auto scheme = uri.find("://");
    if (scheme == std::string::npos) {
        return {};
    }
    const auto at = uri.find('@', scheme + 3);
    const auto slash = uri.find('/', scheme + 3);
    if (at == std::string::npos || (slash != std::string::npos && slash < at)) {
        return {};
    }
    const auto colon = uri.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) {
        return {};
    }
    return uri.substr(colon + 1, at - colon - 1);
}

void replaceAll(std::string& s, const std::string& what, const std::string& with) {
    if (what.empty()) {
        return;
    }
    for (auto pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + with.size())) {
        s.replace(pos, what.size(), with);
    }
}

// Removes the URI and its password from a message that might quote them.
std::string scrub(std::string message, const std::string& uri) {
    replaceAll(message, uri, describePostgresUri(uri));
    std::string raw = rawUriPassword(uri);
    std::string decoded;
    if (auto parsed = parseConninfo(uri); parsed && parsed->count("password")) {
        decoded = parsed->at("password");
    }
    // Very short passwords would scrub ordinary words; libpq never prints those on its own.
    for (const std::string* p : {&raw, &decoded}) {
        if (p->size() >= 4) {
            replaceAll(message, *p, "***");
        }
    }
    return message;
}

// Why a statement failed, from the connection state and the SQLSTATE.
struct Failure {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
    bool lost = false;  // the connection is gone: the outcome of a commit in flight is unknown
};

Failure classify(PGconn* pg, const PGresult* r) {
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const std::string message =
        primary ? flat(primary) : flat(r ? PQresultErrorMessage(r) : PQerrorMessage(pg));
    if (PQstatus(pg) == CONNECTION_BAD) {
        return {ErrorCode::Unavailable,
                "the connection to the database was lost (" +
                    (message.empty() ? flat(PQerrorMessage(pg)) : message) + ")",
                true};
    }
    const std::string_view s = state ? state : "";
    if (s == PostgresEventStore::kConflictSqlState || s == "23505") {
        return {ErrorCode::Conflict, message, false};
    }
    // Connection exceptions, operator intervention (shutdown, cancel), insufficient resources
    // (disk full, too many connections), transaction rollback (serialization) and a read-only
    // server (a standby after fail-over): all worth retrying once the database recovers.
    if (s.starts_with("08") || s.starts_with("57") || s.starts_with("53") || s.starts_with("40") ||
        s == "25006") {
        return {ErrorCode::Unavailable, message + " (SQLSTATE " + std::string(s) + ")", false};
    }
    return {ErrorCode::Internal, message + (s.empty() ? "" : " (SQLSTATE " + std::string(s) + ")"),
            false};
}

// --- reading binary results ---

bool intAt(const PGresult* r, int row, int col, int bytes, std::int64_t& out) {
    if (PQgetisnull(r, row, col) || PQgetlength(r, row, col) != bytes) {
        return false;
    }
    const std::uint64_t u = getU(PQgetvalue(r, row, col), bytes);
    out = bytes == 8 ? static_cast<std::int64_t>(u)
                     : static_cast<std::int64_t>(static_cast<std::int32_t>(u));
    return true;
}

std::string_view bytesAt(const PGresult* r, int row, int col) {
    return {PQgetvalue(r, row, col), static_cast<std::size_t>(PQgetlength(r, row, col))};
}

}  // namespace

struct PostgresEventStore::Connection {
    PGconn* pg = nullptr;
    std::array<bool, kSqlCount> prepared{};

    Connection() = default;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection() {
        if (pg) {
            PQfinish(pg);
        }
    }

    bool broken() const { return PQstatus(pg) != CONNECTION_OK; }

    std::optional<Failure> prepare(Sql which) {
        if (prepared[which]) {
            return std::nullopt;
        }
        const Statement& s = kStatements[which];
        PgResult r(PQprepare(pg, s.name, s.text, s.paramCount, s.types.data()));
        if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
            return classify(pg, r.get());
        }
        prepared[which] = true;
        return std::nullopt;
    }

    // Runs a prepared statement with binary parameters and binary results.
    core::Result<PgResult> run(Sql which, const Params& params) {
        std::optional<Failure> f = prepare(which);
        PgResult r;
        if (!f) {
            r.reset(PQexecPrepared(pg, kStatements[which].name, params.count(), params.values(),
                                   params.lengths(), params.formats(), 1));
            const ExecStatusType st = PQresultStatus(r.get());
            if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK) {
                return r;
            }
            f = classify(pg, r.get());
        }
        return Error{f->code, f->message};
    }

    // Runs statements as one pipeline that commits at its sync point (one implicit transaction,
    // one round trip): all of them or none. `lost` tells that the connection broke on the way,
    // so whether the transaction committed is unknown.
    Status runPipeline(std::initializer_list<std::pair<Sql, const Params*>> statements,
                       bool& lost) {
        lost = false;
        for (const auto& [which, params] : statements) {
            if (auto f = prepare(which)) {
                lost = f->lost;
                return Error{f->code, f->message};
            }
        }
        if (PQenterPipelineMode(pg) != 1) {
            lost = true;  // not idle: this connection cannot be trusted any more
            return Error{ErrorCode::Unavailable,
                         "cannot start a pipeline: " + flat(PQerrorMessage(pg))};
        }
        bool sent = true;
        for (const auto& [which, params] : statements) {
            sent = sent && PQsendQueryPrepared(pg, kStatements[which].name, params->count(),
                                               params->values(), params->lengths(),
                                               params->formats(), 1) == 1;
        }
        sent = sent && PQpipelineSync(pg) == 1;
        if (!sent) {
            // Part of it may have reached the server; treat it like a connection lost in flight.
            lost = true;
            return Error{ErrorCode::Unavailable,
                         "cannot send to the database: " + flat(PQerrorMessage(pg))};
        }
        std::optional<Failure> failure;
        bool synced = false;
        for (std::size_t q = 0; q < statements.size() && !broken(); ++q) {
            while (PgResult r{PQgetResult(pg)}) {
                if (PQresultStatus(r.get()) == PGRES_FATAL_ERROR && !failure) {
                    failure = classify(pg, r.get());
                }
            }
        }
        if (!broken()) {
            PgResult sync(PQgetResult(pg));
            synced = PQresultStatus(sync.get()) == PGRES_PIPELINE_SYNC;
        }
        if (broken() || !synced || PQexitPipelineMode(pg) != 1) {
            lost = true;
            const std::string why = failure ? failure->message
                                            : "the connection to the database was lost (" +
                                                  flat(PQerrorMessage(pg)) + ")";
            return Error{ErrorCode::Unavailable, why};
        }
        if (failure) {
            return Error{failure->code, failure->message};
        }
        return Ok{};
    }
};

// The seven arrays of one append, encoded once (a retry sends the same bytes).
struct PostgresEventStore::Batch {
    std::array<std::string, 7> arrays;
};

bool isPostgresUri(std::string_view location) {
    return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

Status checkPostgresUri(const std::string& uri) {
    if (!isPostgresUri(uri)) {
        return core::invalidArgument("\"" + describePostgresUri(uri) +
                                     "\" is not a PostgreSQL URI (postgresql://...)");
    }
    auto parsed = parseConninfo(uri);
    if (!parsed) {
        return core::invalidArgument("invalid PostgreSQL URI: " +
                                     scrub(parsed.error().message, uri));
    }
    return Ok{};
}

std::string describePostgresUri(const std::string& uri) {
    auto parsed = parseConninfo(uri);
    if (!parsed) {
        return "postgresql://(an invalid URI)";
    }
    std::map<std::string, std::string> values = std::move(parsed).value();
    // What libpq would use for what the URI leaves out (environment, then built-in defaults).
    if (PQconninfoOption* defaults = PQconndefaults()) {
        for (PQconninfoOption* o = defaults; o->keyword; ++o) {
            if (o->val && *o->val && !values.count(o->keyword)) {
                values[o->keyword] = o->val;
            }
        }
        PQconninfoFree(defaults);
    }
    auto get = [&](const char* key) { return values.count(key) ? values[key] : std::string(); };
    std::string host = get("host");
    if (host.empty()) {
        host = get("hostaddr");
    }
    if (host.empty()) {
        host = "/var/run/postgresql";
    }
    const std::string user = get("user");
    const std::string db = get("dbname").empty() ? user : get("dbname");
    const std::string port = get("port").empty() ? "5432" : get("port");
    return "postgresql://" + (user.empty() ? "" : user + "@") + host + ":" + port + "/" + db;
}

core::Result<std::unique_ptr<EventStore>> openPostgresStore(const std::string& uri,
                                                            const PostgresOptions& options) {
    auto store = PostgresEventStore::open(uri, options);
    if (!store) {
        return store.error();
    }
    return std::unique_ptr<EventStore>(std::move(store).value());
}

core::Result<std::unique_ptr<PostgresEventStore>> PostgresEventStore::open(
    const std::string& uri, const PostgresOptions& options) {
    if (Status valid = checkPostgresUri(uri); !valid) {
        return valid.error();
    }
    std::unique_ptr<PostgresEventStore> store(new PostgresEventStore(uri, options));
    if (Status st = store->init(); !st) {
        return st.error();
    }
    return store;
}

PostgresEventStore::PostgresEventStore(std::string uri, PostgresOptions options)
    : m_uri(std::move(uri)), m_options(std::move(options)), m_name(describePostgresUri(m_uri)) {}

PostgresEventStore::~PostgresEventStore() {
    m_idleReaders.clear();
    m_writer.reset();
}

Error PostgresEventStore::storeError(ErrorCode code, const std::string& what) const {
    return Error{code, "event store " + m_name + ": " + what};
}

core::Result<std::unique_ptr<PostgresEventStore::Connection>> PostgresEventStore::connect() const {
    const std::string timeout = std::to_string(m_options.connectTimeoutSeconds);
    // Keywords before "dbname" are defaults: the URI (expanded from dbname) overrides them.
    const std::array<const char*, 7> keys = {"connect_timeout",
                                             "fallback_application_name",
                                             "keepalives_idle",
                                             "keepalives_interval",
                                             "keepalives_count",
                                             "dbname",
                                             nullptr};
    const std::array<const char*, 7> values = {timeout.c_str(),  m_options.applicationName.c_str(),
                                               kKeepalivesIdle,  kKeepalivesInterval,
                                               kKeepalivesCount, m_uri.c_str(),
                                               nullptr};
    for (int attempt = 0;; ++attempt) {
        auto c = std::make_unique<Connection>();
        c->pg = PQconnectdbParams(keys.data(), values.data(), 1);
        if (!c->pg) {
            return Error{ErrorCode::Unavailable, "cannot connect: out of memory"};
        }
        if (PQstatus(c->pg) == CONNECTION_OK) {
            // Notices ("already exists, skipping", shutdown warnings) are the server's business;
            // libpq would print them on stderr. What matters reaches us as errors.
            PQsetNoticeProcessor(
                c->pg, [](void*, const char*) {}, nullptr);
            if (PQsetClientEncoding(c->pg, "UTF8") != 0) {
                return Error{
                    ErrorCode::FailedPrecondition,
                    "cannot use UTF8 as the client encoding: " + flat(PQerrorMessage(c->pg))};
            }
            // Durable before acknowledged, whatever the server's or the role's default is.
            PgResult sync(PQexec(c->pg, "SET synchronous_commit TO on"));
            if (PQresultStatus(sync.get()) != PGRES_COMMAND_OK) {
                const Failure f = classify(c->pg, sync.get());
                return Error{f.code, "cannot set synchronous_commit: " + f.message};
            }
            return c;
        }
        const std::string why = scrub(flat(PQerrorMessage(c->pg)), m_uri);
        // libpq does not say why a connection failed; a ping does: is anyone there at all?
        switch (PQpingParams(keys.data(), values.data(), 1)) {
            case PQPING_NO_ATTEMPT:
                return Error{ErrorCode::InvalidArgument, "invalid connection parameters: " + why};
            case PQPING_NO_RESPONSE:
                return Error{ErrorCode::Unavailable, "cannot reach the database server: " + why};
            case PQPING_REJECT:
                return Error{ErrorCode::Unavailable,
                             "the database server is not accepting connections (starting up, "
                             "shutting down or recovering): " +
                                 why};
            case PQPING_OK:
                break;
        }
        // The server answers, so it refused us. It may have come up between the attempt and
        // the ping: only a second refusal counts.
        if (attempt == 0) {
            continue;
        }
        if (PQconnectionNeedsPassword(c->pg)) {
            return Error{ErrorCode::FailedPrecondition,
                         "the database server asks for a password and none was given (put it "
                         "in the URI, in ~/.pgpass or in PGPASSWORD): " +
                             why};
        }
        // Out of connection slots is a passing state, not a refusal of who we are.
        if (why.find("too many clients") != std::string::npos ||
            why.find("connection slots") != std::string::npos) {
            return Error{ErrorCode::Unavailable, "the database server is full: " + why};
        }
        return Error{ErrorCode::FailedPrecondition,
                     "the database server refused the connection: " + why};
    }
}

Status PostgresEventStore::init() {
    auto opened = connect();
    if (!opened) {
        return storeError(opened.error().code, opened.error().message);
    }
    m_writer = std::move(opened).value();
    PGconn* pg = m_writer->pg;
    auto exec = [&](const char* what, const std::string& sql, ExecStatusType expect,
                    PgResult& out) -> Status {
        out.reset(PQexec(pg, sql.c_str()));
        if (PQresultStatus(out.get()) != expect) {
            const Failure f = classify(pg, out.get());
            return storeError(f.code, std::string(what) + ": " + f.message);
        }
        return Ok{};
    };

    // Text (UTF-8) columns: the operators' names, consoles and ids are Chinese as often as not.
    const std::string encoding =
        PQparameterStatus(pg, "server_encoding") ? PQparameterStatus(pg, "server_encoding") : "";
    if (encoding != "UTF8" && encoding != "SQL_ASCII") {
        return storeError(ErrorCode::FailedPrecondition,
                          "the database's encoding is " + encoding +
                              ", the event store needs UTF8 (create the database with "
                              "createdb -E UTF8 -T template0)");
    }

    // Identify the database before changing anything in it: tables of someone else, or of a
    // newer server, must be left exactly as they are.
    PgResult found;
    if (Status st =
            exec("cannot look for the event store's tables",
                 "SELECT to_regclass('schema_version') IS NOT NULL, to_regclass('events') IS NOT "
                 "NULL, to_regclass('snapshots') IS NOT NULL, to_regclass('log_head') IS NOT NULL",
                 PGRES_TUPLES_OK, found);
        !st) {
        return st;
    }
    const bool hasVersion = std::string_view(PQgetvalue(found.get(), 0, 0)) == "t";
    std::string ours;
    for (int col = 1; col < 4; ++col) {
        if (std::string_view(PQgetvalue(found.get(), 0, col)) == "t") {
            ours += std::string(ours.empty() ? "" : ", ") + PQfname(found.get(), col);
        }
    }
    if (!hasVersion && !ours.empty()) {
        return storeError(ErrorCode::FailedPrecondition,
                          "the database has a table named like the event store's (" + ours +
                              ") but no schema_version table: it is not a Flameblue event "
                              "store; refusing to use it");
    }
    if (!hasVersion) {
        // One string, one implicit transaction; its result is the last statement's.
        PgResult created;
        if (Status st =
                exec("cannot create the schema", createSchemaSql(), PGRES_COMMAND_OK, created);
            !st) {
            return st;
        }
    }

    PgResult version;
    if (Status st = exec("cannot read the schema version",
                         "SELECT max(version) FROM schema_version", PGRES_TUPLES_OK, version);
        !st) {
        return st;
    }
    if (PQgetisnull(version.get(), 0, 0)) {
        return storeError(ErrorCode::FailedPrecondition,
                          "the schema_version table is empty: not a Flameblue event store (or "
                          "a damaged one); refusing to use it");
    }
    const long long v = std::stoll(PQgetvalue(version.get(), 0, 0));
    if (v > kSchemaVersion || v < 1) {
        return storeError(ErrorCode::FailedPrecondition,
                          "the database has event store schema version " + std::to_string(v) +
                              ", but this server reads versions 1 to " +
                              std::to_string(kSchemaVersion) +
                              "; use the server version that wrote it");
    }

    PgResult bounds;
    if (Status st = exec("cannot read the log's bounds",
                         "SELECT (SELECT seq FROM log_head), (SELECT max(seq) FROM events), "
                         "(SELECT min(seq) FROM events)",
                         PGRES_TUPLES_OK, bounds);
        !st) {
        return st;
    }
    if (PQgetisnull(bounds.get(), 0, 0)) {
        return storeError(ErrorCode::FailedPrecondition,
                          "the log_head table is empty: the event store is damaged");
    }
    const auto head = static_cast<std::uint64_t>(std::stoll(PQgetvalue(bounds.get(), 0, 0)));
    const std::uint64_t maxSeq =
        PQgetisnull(bounds.get(), 0, 1)
            ? 0
            : static_cast<std::uint64_t>(std::stoll(PQgetvalue(bounds.get(), 0, 1)));
    if (head != maxSeq) {
        return storeError(ErrorCode::FailedPrecondition,
                          "log_head says the log ends at seq " + std::to_string(head) +
                              ", but the events table ends at seq " + std::to_string(maxSeq) +
                              ": the event store is damaged");
    }
    m_lastSeq.store(head);
    m_firstSeq.store(PQgetisnull(bounds.get(), 0, 2)
                         ? 1
                         : static_cast<std::uint64_t>(std::stoll(PQgetvalue(bounds.get(), 0, 2))));
    return Ok{};
}

template <typename F>
auto PostgresEventStore::withReader(F&& fn) const {
    using R = decltype(fn(std::declval<Connection&>()));
    for (int attempt = 0;; ++attempt) {
        std::unique_ptr<Connection> conn;
        {
            std::lock_guard lock(m_readersMutex);
            if (!m_idleReaders.empty()) {
                conn = std::move(m_idleReaders.back());
                m_idleReaders.pop_back();
            }
        }
        const bool pooled = conn != nullptr;
        if (!conn) {
            auto opened = connect();
            if (!opened) {
                return R(storeError(ErrorCode::Unavailable, opened.error().message));
            }
            conn = std::move(opened).value();
        }
        R r = fn(*conn);
        const bool broken = conn->broken();
        if (!broken) {
            std::lock_guard lock(m_readersMutex);
            if (m_idleReaders.size() < kMaxIdleReaders) {
                m_idleReaders.push_back(std::move(conn));
            }
        }
        // A pooled connection may have died while idle (a restarted or fail-over database):
        // reads are idempotent, so ask again once on a fresh one.
        if (r.ok() || !broken || !pooled || attempt > 0) {
            return r;
        }
    }
}

core::Result<std::uint64_t> PostgresEventStore::readHead(Connection& c) const {
    auto r = c.run(kReadHead, Params{});
    if (!r) {
        return storeError(r.error().code, "read the log's head: " + r.error().message);
    }
    std::int64_t head = 0;
    if (PQntuples(r->get()) != 1 || !intAt(r->get(), 0, 0, 8, head)) {
        return storeError(ErrorCode::Internal, "the log_head table does not hold one seq");
    }
    return static_cast<std::uint64_t>(head);
}

namespace {

// Events of a kScanEvents/kScanSubject result; a row that does not decode stops the list and
// is reported after the rows before it.
struct EventRows {
    std::vector<core::Event> events;
    std::optional<std::string> failure;
};

EventRows eventsFrom(const PGresult* r) {
    EventRows out;
    const int rows = PQntuples(r);
    out.events.reserve(static_cast<std::size_t>(rows));
    for (int row = 0; row < rows; ++row) {
        std::int64_t seq = 0;
        std::int64_t time = 0;
        std::int64_t kind = 0;
        if (!intAt(r, row, 0, 8, seq) || !intAt(r, row, 1, 8, time) || !intAt(r, row, 2, 4, kind)) {
            out.failure = "row " + std::to_string(out.events.size()) + " of a scan is malformed";
            break;
        }
        const std::string where = "event seq " + std::to_string(seq) + " is unreadable: ";
        const auto known = core::eventKindFromNumber(kind);
        if (!known) {
            out.failure = where + "unknown kind " + std::to_string(kind);
            break;
        }
        auto payload = core::decodePayload(*known, bytesAt(r, row, 5));
        if (!payload) {
            out.failure = where + payload.error().message;
            break;
        }
        out.events.push_back(
            core::Event{static_cast<std::uint64_t>(seq), time, std::string(bytesAt(r, row, 3)),
                        std::string(bytesAt(r, row, 4)), std::move(payload).value()});
    }
    return out;
}

}  // namespace

Status PostgresEventStore::append(std::span<const core::Event> events) {
    if (events.empty()) {
        return Ok{};
    }
    std::lock_guard lock(m_writeMutex);
    // The head as this store last saw it (its own appends, a conflict, or events of other
    // servers that a scan read); the database checks it again inside the transaction.
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
    Batch batch;
    {
        ArrayParam seq(kInt8Oid, events.size());
        ArrayParam time(kInt8Oid, events.size());
        ArrayParam kind(kInt4Oid, events.size());
        ArrayParam subject(kTextOid, events.size());
        ArrayParam op(kTextOid, events.size());
        ArrayParam origin(kTextOid, events.size());
        ArrayParam payload(kByteaOid, events.size());
        for (const core::Event& e : events) {
            seq.addInt8(toSqlSeq(e.seq));
            time.addInt8(e.time);
            kind.addInt4(static_cast<std::int32_t>(core::kindOf(e.payload)));
            subject.add(core::subjectOf(e.payload));
            op.add(e.operatorId);
            origin.add(e.origin);
            payload.add(core::encodePayload(e.payload));
        }
        batch.arrays = {seq.take(), time.take(),   kind.take(),   subject.take(),
                        op.take(),  origin.take(), payload.take()};
    }

    for (int attempt = 0;; ++attempt) {
        if (!m_writer) {
            auto opened = connect();
            if (!opened) {
                return storeError(ErrorCode::Unavailable,
                                  "append: " + opened.error().message + "; nothing was written");
            }
            m_writer = std::move(opened).value();
            auto head = readHead(*m_writer);
            if (!head) {
                m_writer.reset();
                return Error{ErrorCode::Unavailable, head.error().message};
            }
            if (*head != last) {
                // Moved while this writer was away (another server, or an append of ours whose
                // commit was in flight when the connection broke).
                m_lastSeq.store(*head, std::memory_order_release);
                return storeError(ErrorCode::Conflict,
                                  "append: the log's head is seq " + std::to_string(*head) +
                                      ", but this writer expected seq " + std::to_string(last) +
                                      "; nothing was written");
            }
        }
        bool lost = false;
        Status st = appendOnce(*m_writer, batch, last, events.back().seq, lost);
        if (st) {
            m_lastSeq.store(events.back().seq, std::memory_order_release);
            return Ok{};
        }
        if (!lost) {
            if (st.error().code == ErrorCode::Conflict) {
                if (auto head = readHead(*m_writer)) {
                    m_lastSeq.store(*head, std::memory_order_release);
                }
                return storeError(ErrorCode::Conflict,
                                  "append: " + st.error().message + "; nothing was written");
            }
            return storeError(st.error().code,
                              "append: " + st.error().message + "; nothing was written");
        }
        m_writer.reset();
        bool retry = false;
        Status settled = afterLostAppend(events, last, st.error().message, retry);
        if (!retry || attempt > 0) {
            return retry ? storeError(ErrorCode::Unavailable,
                                      "append: " + st.error().message + "; nothing was written")
                         : settled;
        }
    }
}

Status PostgresEventStore::appendOnce(Connection& w, const Batch& batch, std::uint64_t expectedHead,
                                      std::uint64_t newHead, bool& lost) {
    Params head;
    head.int8(toSqlSeq(expectedHead)).int8(toSqlSeq(newHead));
    Params rows;
    for (const std::string& a : batch.arrays) {
        rows.bytes(a);
    }
    return w.runPipeline({{kAdvanceHead, &head}, {kInsertEvents, &rows}}, lost);
}

// The connection broke while an append was in flight: it either committed or not. A fresh
// connection tells which: the head still where it was (send it again), or these very events
// stored (done), or something else (another writer: a conflict).
Status PostgresEventStore::afterLostAppend(std::span<const core::Event> events,
                                           std::uint64_t expectedHead, const std::string& why,
                                           bool& retry) {
    retry = false;
    const std::string range =
        "seq " + std::to_string(events.front().seq) + " to " + std::to_string(events.back().seq);
    auto opened = connect();
    if (!opened) {
        return storeError(ErrorCode::Unavailable,
                          "append: " + why + "; the database cannot be reached again (" +
                              opened.error().message + "), so whether " + range +
                              " were stored is known only once it is back; they were not "
                              "acknowledged");
    }
    m_writer = std::move(opened).value();
    auto head = readHead(*m_writer);
    if (!head) {
        m_writer.reset();
        return Error{ErrorCode::Unavailable, head.error().message};
    }
    if (*head == expectedHead) {
        retry = true;
        return Ok{};
    }
    if (*head >= events.back().seq) {
        Params p;
        p.int8(toSqlSeq(events.front().seq - 1))
            .int8(toSqlSeq(events.back().seq))
            .int8(static_cast<std::int64_t>(events.size()));
        auto stored = m_writer->run(kScanEvents, p);
        if (!stored) {
            m_writer.reset();
            return storeError(ErrorCode::Unavailable,
                              "append: " + why + "; cannot check whether " + range +
                                  " were stored: " + stored.error().message);
        }
        EventRows rows = eventsFrom(stored->get());
        if (!rows.failure &&
            std::equal(rows.events.begin(), rows.events.end(), events.begin(), events.end())) {
            m_lastSeq.store(*head, std::memory_order_release);
            return Ok{};
        }
    }
    m_lastSeq.store(*head, std::memory_order_release);
    return storeError(ErrorCode::Conflict,
                      "append: the log's head is seq " + std::to_string(*head) +
                          ", but this writer expected seq " + std::to_string(expectedHead) + "; " +
                          range + " were not written");
}

void PostgresEventStore::noteHead(std::uint64_t seq) const {
    std::uint64_t known = m_lastSeq.load(std::memory_order_relaxed);
    while (known < seq && !m_lastSeq.compare_exchange_weak(known, seq, std::memory_order_acq_rel)) {
    }
}

std::uint64_t PostgresEventStore::lastSeq() const {
    return m_lastSeq.load(std::memory_order_acquire);
}

std::uint64_t PostgresEventStore::firstSeq() const {
    return m_firstSeq.load();
}

Status PostgresEventStore::scan(std::uint64_t afterSeq, std::uint64_t upToSeq,
                                const std::function<bool(const core::Event&)>& fn) const {
    return scanRows(nullptr, afterSeq, upToSeq, fn);
}

Status PostgresEventStore::scanSubject(const core::Id& subject, std::uint64_t afterSeq,
                                       std::uint64_t upToSeq,
                                       const std::function<bool(const core::Event&)>& fn) const {
    return scanRows(&subject, afterSeq, upToSeq, fn);
}

Status PostgresEventStore::scanRows(const core::Id* subject, std::uint64_t afterSeq,
                                    std::uint64_t upToSeq,
                                    const std::function<bool(const core::Event&)>& fn) const {
    std::int64_t chunkSize = kFirstScanChunk;
    std::uint64_t from = afterSeq;
    while (from < upToSeq) {
        // The connection goes back to the pool before the callbacks run: a callback may read
        // the store again, and a slow one holds no database resources.
        auto chunk = withReader([&](Connection& c) -> core::Result<EventRows> {
            Params p;
            p.int8(toSqlSeq(from)).int8(toSqlSeq(upToSeq)).int8(chunkSize);
            if (subject) {
                p.bytes(*subject);
            }
            auto r = c.run(subject ? kScanSubject : kScanEvents, p);
            if (!r) {
                return storeError(r.error().code, "scan: " + r.error().message);
            }
            return eventsFrom(r->get());
        });
        if (!chunk) {
            return chunk.error();
        }
        // Deliver what was read before a bad row, then report the bad row.
        for (const core::Event& e : chunk->events) {
            if (!fn(e)) {
                return Ok{};
            }
        }
        if (chunk->failure) {
            return storeError(ErrorCode::Internal, *chunk->failure);
        }
        if (!chunk->events.empty()) {
            // Events another server appended: the head is at least there.
            noteHead(chunk->events.back().seq);
        }
        if (static_cast<std::int64_t>(chunk->events.size()) < chunkSize) {
            return Ok{};
        }
        from = chunk->events.back().seq;
        chunkSize = std::min(chunkSize * 2, kMaxScanChunk);
    }
    return Ok{};
}

Status PostgresEventStore::saveSnapshot(const core::State& state) {
    const std::uint64_t seq = state.lastSeq();
    if (seq > lastSeq()) {
        return core::failedPrecondition("snapshot at seq " + std::to_string(seq) +
                                        " is ahead of the log (last seq " +
                                        std::to_string(lastSeq()) + ")");
    }
    // Encoding a large state takes a while; do it before taking the writer.
    const std::string blob = core::StateCodec::encode(state);
    std::lock_guard lock(m_writeMutex);
    if (!m_writer) {
        auto opened = connect();
        if (!opened) {
            return storeError(
                ErrorCode::Unavailable,
                "save snapshot at seq " + std::to_string(seq) + ": " + opened.error().message);
        }
        m_writer = std::move(opened).value();
    }
    Params insert;
    insert.int8(toSqlSeq(seq)).int8(state.lastEventTime()).bytes(blob);
    Params prune;
    prune.int8(std::max(1, m_options.keepSnapshots));
    bool lost = false;
    Status st =
        m_writer->runPipeline({{kInsertSnapshot, &insert}, {kPruneSnapshots, &prune}}, lost);
    if (lost) {
        m_writer.reset();
    }
    if (!st) {
        return storeError(st.error().code, "save snapshot at seq " + std::to_string(seq) + ": " +
                                               st.error().message);
    }
    return Ok{};
}

core::Result<std::optional<core::State>> PostgresEventStore::loadSnapshot(
    std::uint64_t atOrBefore) const {
    using R = core::Result<std::optional<core::State>>;
    return withReader([&](Connection& c) -> R {
        Params p;
        p.int8(toSqlSeq(atOrBefore));
        auto r = c.run(kSnapshotAtOrBefore, p);
        if (!r) {
            return storeError(r.error().code, "load snapshot: " + r.error().message);
        }
        if (PQntuples(r->get()) == 0) {
            return std::optional<core::State>();
        }
        std::int64_t seq = 0;
        if (!intAt(r->get(), 0, 0, 8, seq)) {
            return storeError(ErrorCode::Internal, "load snapshot: malformed row");
        }
        noteHead(static_cast<std::uint64_t>(seq));
        auto state = core::StateCodec::decode(bytesAt(r->get(), 0, 1));
        if (!state) {
            return storeError(ErrorCode::Internal, "snapshot at seq " + std::to_string(seq) +
                                                       " is unreadable: " + state.error().message);
        }
        if (state->lastSeq() != static_cast<std::uint64_t>(seq)) {
            return storeError(ErrorCode::Internal, "snapshot stored at seq " + std::to_string(seq) +
                                                       " holds seq " +
                                                       std::to_string(state->lastSeq()));
        }
        return std::optional<core::State>(std::move(state).value());
    });
}

core::Result<std::optional<core::State>> PostgresEventStore::loadLatestSnapshot() const {
    return loadSnapshot(std::numeric_limits<std::uint64_t>::max());
}

core::Result<std::optional<core::State>> PostgresEventStore::loadSnapshotAtOrBefore(
    std::uint64_t seq) const {
    return loadSnapshot(seq);
}

core::Result<std::uint64_t> PostgresEventStore::lastSeqAtOrBefore(core::TimeMs timeMs) const {
    return withReader([&](Connection& c) -> core::Result<std::uint64_t> {
        Params p;
        p.int8(timeMs);
        auto r = c.run(kSeqAtOrBeforeTime, p);
        if (!r) {
            return storeError(r.error().code, "seek by time: " + r.error().message);
        }
        if (PQntuples(r->get()) == 0) {
            return std::uint64_t{0};
        }
        std::int64_t seq = 0;
        if (!intAt(r->get(), 0, 0, 8, seq)) {
            return storeError(ErrorCode::Internal, "seek by time: malformed row");
        }
        return static_cast<std::uint64_t>(seq);
    });
}

}  // namespace flameblue::store

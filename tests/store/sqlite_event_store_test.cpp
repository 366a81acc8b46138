// What only the SQLite store has: a file that outlives the process, and a file that can be
// damaged, foreign or from another version.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <limits>
#include <sstream>

#include "store/sqlite_event_store.h"
#include "store_test_support.h"

namespace flameblue::store {
namespace {

using namespace core;
using testing::numbered;

constexpr std::uint64_t kAll = std::numeric_limits<std::uint64_t>::max();

// Runs SQL on the file through a separate raw connection, as an outside tool (or damage) would.
void rawExec(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    EXPECT_EQ(rc, SQLITE_OK) << sql << ": " << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
}

std::string rawQueryText(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    sqlite3_stmt* s = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW) {
        out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

std::string rawQueryPlan(const std::filesystem::path& file, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    sqlite3_stmt* s = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &s, nullptr) ==
        SQLITE_OK) {
        while (sqlite3_step(s) == SQLITE_ROW) {
            out += reinterpret_cast<const char*>(sqlite3_column_text(s, 3));
            out += '\n';
        }
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
}

std::string slurp(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

class SqliteStore : public ::testing::Test {
protected:
    std::unique_ptr<EventStore> open(const SqliteOptions& options = {}) {
        auto opened = openSqliteStore(m_file, options);
        EXPECT_TRUE(opened.ok()) << opened.error().message;
        return opened.ok() ? std::move(opened).value() : nullptr;
    }

    testing::TempDir m_dir;
    std::filesystem::path m_file = m_dir.file("live.db");
};

TEST_F(SqliteStore, ReopenContinuesTheLog) {
    const auto events = testing::shiftScenario();
    const std::size_t head = 12;
    {
        auto store = open();
        ASSERT_TRUE(store->append({events.begin(), events.begin() + head}).ok());
        ASSERT_TRUE(store->saveSnapshot(testing::fold({events.begin(), events.begin() + 6})).ok());
    }
    auto store = open(SqliteOptions{.fullSync = false, .keepSnapshots = 1});
    ASSERT_TRUE(store);
    EXPECT_EQ(store->lastSeq(), head);
    EXPECT_EQ(store->firstSeq(), 1u);
    EXPECT_FALSE(store->append({events.begin() + 1, events.begin() + head + 1}).ok());
    ASSERT_TRUE(store->append({events.begin() + head, events.end()}).ok());
    EXPECT_EQ(store->lastSeq(), events.size());
    EXPECT_EQ(*store->read(0, kAll, 1000), events);
    EXPECT_EQ((*store->loadLatestSnapshot())->lastSeq(), 6u);
    auto recovered = recoverState(*store);
    ASSERT_TRUE(recovered.ok()) << recovered.error().message;
    EXPECT_EQ(*recovered, testing::fold(events));
}

TEST_F(SqliteStore, FileIsInWalModeWithTheDocumentedSchema) {
    auto store = open();
    ASSERT_TRUE(store);
    EXPECT_EQ(rawQueryText(m_file, "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(rawQueryText(m_file, "SELECT value FROM meta WHERE key = 'schema_version'"), "1");
    for (const char* index : {"events_time", "events_subject"}) {
        EXPECT_EQ(rawQueryText(m_file, std::string("SELECT count(*) FROM sqlite_master WHERE "
                                                   "type = 'index' AND name = '") +
                                           index + "'"),
                  "1")
            << index;
    }
    ASSERT_TRUE(store->append(numbered(testing::everyPayloadKind(true), 1)).ok());
    EXPECT_EQ(rawQueryText(m_file, "SELECT subject FROM events WHERE seq = 5"),
              "INC-20261129-0001");
    EXPECT_EQ(rawQueryText(m_file, "SELECT kind FROM events WHERE seq = 12"), "12");
    // Seeking by time must use the index, not scan the log.
    EXPECT_NE(rawQueryPlan(m_file,
                           "SELECT seq FROM events WHERE time_ms <= 5 "
                           "ORDER BY time_ms DESC, seq DESC LIMIT 1")
                  .find("USING COVERING INDEX events_time"),
              std::string::npos);
}

TEST_F(SqliteStore, FailedInsertRollsBackTheWholeBatch) {
    auto store = open();
    const auto events = testing::avlTraffic(1, 10, testing::kShiftStart);
    ASSERT_TRUE(store->append({events.begin(), events.begin() + 3}).ok());
    // Someone else put seq 6 there: the batch 4..8 passes the seq check but fails at seq 6.
    rawExec(m_file, "INSERT INTO events VALUES(6, 0, 12, 'x', 'intruder', 'cli', x'00')");
    auto st = store->append({events.begin() + 3, events.begin() + 8});
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("seq 6"), std::string::npos) << st.error().message;
    EXPECT_NE(st.error().message.find(m_file.string()), std::string::npos);
    EXPECT_EQ(store->lastSeq(), 3u);
    EXPECT_EQ(rawQueryText(m_file, "SELECT count(*) FROM events WHERE seq IN (4, 5)"), "0");
    // The store is still usable once the obstacle is gone.
    rawExec(m_file, "DELETE FROM events WHERE seq = 6");
    ASSERT_TRUE(store->append({events.begin() + 3, events.end()}).ok());
    EXPECT_EQ(*store->read(0, kAll, 100), events);
}

TEST_F(SqliteStore, CorruptPayloadRowGivesAnErrorNamingTheSeq) {
    auto store = open();
    const auto events = testing::shiftScenario();
    ASSERT_TRUE(store->append(events).ok());
    rawExec(m_file, "UPDATE events SET payload = x'01ffffffff0f' WHERE seq = 7");
    std::vector<std::uint64_t> seen;
    auto st = store->scan(0, kAll, [&](const Event& e) {
        seen.push_back(e.seq);
        return true;
    });
    ASSERT_FALSE(st.ok());
    EXPECT_NE(st.error().message.find("seq 7"), std::string::npos) << st.error().message;
    EXPECT_EQ(seen, (std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6}));
    EXPECT_FALSE(recoverState(*store).ok());
    // The rows around it still read.
    EXPECT_EQ(store->read(7, kAll, 1000)->size(), events.size() - 7);

    rawExec(m_file, "UPDATE events SET kind = 99 WHERE seq = 9");
    auto r = store->read(8, 9, 10);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("seq 9"), std::string::npos) << r.error().message;
}

TEST_F(SqliteStore, CorruptSnapshotIsAnErrorNotACrash) {
    auto store = open();
    const auto events = testing::shiftScenario();
    ASSERT_TRUE(store->append(events).ok());
    ASSERT_TRUE(store->saveSnapshot(testing::fold(events)).ok());
    rawExec(m_file, "UPDATE snapshots SET payload = substr(payload, 1, 40)");
    auto snap = store->loadLatestSnapshot();
    ASSERT_FALSE(snap.ok());
    EXPECT_NE(snap.error().message.find("snapshot at seq"), std::string::npos);
    EXPECT_FALSE(recoverState(*store).ok());
}

TEST_F(SqliteStore, GapInTheStoredLogFailsRecovery) {
    auto store = open();
    ASSERT_TRUE(store->append(testing::shiftScenario()).ok());
    rawExec(m_file, "DELETE FROM events WHERE seq = 17");
    auto recovered = recoverState(*store);
    ASSERT_FALSE(recovered.ok());
    EXPECT_NE(recovered.error().message.find("seq 17"), std::string::npos)
        << recovered.error().message;
}

TEST_F(SqliteStore, TextFileIsRefusedAndLeftAlone) {
    const std::string text = "station_id,name\nST-TY-01,太原迎泽特勤站\n" + std::string(4096, '#');
    std::ofstream(m_file, std::ios::binary) << text;
    auto opened = openSqliteStore(m_file);
    ASSERT_FALSE(opened.ok());
    EXPECT_NE(opened.error().message.find(m_file.string()), std::string::npos);
    EXPECT_NE(opened.error().message.find("not a database"), std::string::npos)
        << opened.error().message;
    EXPECT_EQ(slurp(m_file), text);
}

TEST_F(SqliteStore, ForeignDatabaseIsRefusedAndLeftAlone) {
    rawExec(m_file, "CREATE TABLE hydrants(id TEXT PRIMARY KEY); INSERT INTO hydrants VALUES('a')");
    auto opened = openSqliteStore(m_file);
    ASSERT_FALSE(opened.ok());
    EXPECT_NE(opened.error().message.find("not a Flameblue event store"), std::string::npos)
        << opened.error().message;
    EXPECT_EQ(rawQueryText(m_file, "PRAGMA journal_mode"), "delete");
}

TEST_F(SqliteStore, NewerSchemaVersionIsRefused) {
    open().reset();
    rawExec(m_file, "UPDATE meta SET value = 7 WHERE key = 'schema_version'");
    auto opened = openSqliteStore(m_file);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::FailedPrecondition);
    EXPECT_NE(opened.error().message.find(m_file.string()), std::string::npos);
    EXPECT_NE(opened.error().message.find("schema version 7"), std::string::npos)
        << opened.error().message;
}

TEST_F(SqliteStore, MissingDirectoryIsAnError) {
    auto opened = openSqliteStore(m_dir.file("no/such/dir/live.db"));
    ASSERT_FALSE(opened.ok());
    EXPECT_NE(opened.error().message.find("no/such/dir/live.db"), std::string::npos)
        << opened.error().message;
}

TEST_F(SqliteStore, ScanCallbackMayReadTheStoreAgain) {
    auto store = open();
    const auto events = testing::avlTraffic(1, 200, testing::kShiftStart);
    ASSERT_TRUE(store->append(events).ok());
    std::size_t nestedOk = 0;
    auto st = store->scan(0, kAll, [&](const Event& e) {
        auto one = store->read(e.seq - 1, e.seq, 1);
        nestedOk += one.ok() && one->size() == 1 && one->front() == e;
        return true;
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_EQ(nestedOk, events.size());
}

}  // namespace
}  // namespace flameblue::store

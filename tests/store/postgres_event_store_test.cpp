// The PostgreSQL event store beyond the shared contract: several writers on one log, the schema
// version, bad credentials, and a database that is down, restarted or cut off mid-run. Every test
// runs against a throw-away cluster of its own (tests/support/pg_cluster.h).
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <poll.h>

#include <atomic>
#include <barrier>
#include <limits>
#include <thread>

#include "pg_cluster.h"
#include "store/open_store.h"
#include "store/postgres_event_store.h"
#include "store_test_support.h"

namespace flameblue::store {
namespace {

using namespace core;
using flameblue::testing::PgCluster;
using testing::numbered;

constexpr std::uint64_t kAll = std::numeric_limits<std::uint64_t>::max();

class PostgresStore : public ::testing::Test {
protected:
    void SetUp() override {
        std::string error;
        m_cluster = PgCluster::start(&error);
        ASSERT_NE(m_cluster, nullptr) << error;
    }

    std::unique_ptr<PostgresEventStore> open(const std::string& uri) {
        auto opened = PostgresEventStore::open(uri);
        EXPECT_TRUE(opened.ok()) << opened.error().message;
        return opened.ok() ? std::move(opened).value() : nullptr;
    }

    std::string sql(const std::string& statement, const std::string& db = PgCluster::kDatabase) {
        std::string error;
        auto r = m_cluster->sql(statement, &error, db);
        EXPECT_TRUE(r.has_value()) << error;
        return r.value_or("");
    }

    static std::vector<Event> readAll(const EventStore& store) {
        auto r = store.read(0, kAll, std::numeric_limits<std::size_t>::max());
        EXPECT_TRUE(r.ok()) << r.error().message;
        return r.ok() ? *r : std::vector<Event>{};
    }

    std::unique_ptr<PgCluster> m_cluster;
};

// A batch of n distinguishable events from `who`, seq first..first+n-1.
std::vector<Event> batchFrom(const std::string& who, std::uint64_t first, std::size_t n) {
    auto events = testing::avlTraffic(first, n, testing::kShiftStart + static_cast<TimeMs>(first));
    for (Event& e : events) {
        e.origin = who;
    }
    return events;
}

TEST_F(PostgresStore, SecondWriterWithAStaleHeadGetsAConflictAndWritesNothing) {
    auto a = open(m_cluster->uri());
    auto b = open(m_cluster->uri());
    ASSERT_TRUE(a && b);
    const auto first = batchFrom("server-a", 1, 3);
    ASSERT_TRUE(a->append(first).ok());

    // b still believes the log is empty: it would write seq 1 again.
    auto st = b->append(batchFrom("server-b", 1, 2));
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::Conflict);
    EXPECT_NE(st.error().message.find("head is seq 3"), std::string::npos) << st.error().message;
    EXPECT_NE(st.error().message.find("expected seq 0"), std::string::npos) << st.error().message;
    EXPECT_EQ(readAll(*a), first);

    // The conflict taught b where the head is; it continues the log, and now a is the stale one.
    EXPECT_EQ(b->lastSeq(), 3u);
    const auto second = batchFrom("server-b", 4, 2);
    ASSERT_TRUE(b->append(second).ok());
    st = a->append(batchFrom("server-a", 4, 1));
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::Conflict);
    auto all = first;
    all.insert(all.end(), second.begin(), second.end());
    EXPECT_EQ(readAll(*a), all);
    EXPECT_EQ(sql("SELECT seq FROM log_head"), "5");
}

TEST_F(PostgresStore, TwoWritersRacingForTheSameSeqNeverBothWin) {
    auto a = open(m_cluster->uri());
    auto b = open(m_cluster->uri());
    ASSERT_TRUE(a && b);
    std::vector<Event> expected;
    constexpr int kRounds = 25;
    for (int round = 0; round < kRounds; ++round) {
        ASSERT_EQ(a->lastSeq(), b->lastSeq());
        const std::uint64_t next = a->lastSeq() + 1;
        const auto fromA = batchFrom("server-a", next, 1 + round % 4);
        const auto fromB = batchFrom("server-b", next, 1 + round % 3);
        Status stA = Ok{};
        Status stB = Ok{};
        std::barrier go(2);
        std::thread ta([&] {
            go.arrive_and_wait();
            stA = a->append(fromA);
        });
        std::thread tb([&] {
            go.arrive_and_wait();
            stB = b->append(fromB);
        });
        ta.join();
        tb.join();
        ASSERT_NE(stA.ok(), stB.ok()) << "round " << round << ": exactly one writer must win";
        const Status& lost = stA.ok() ? stB : stA;
        EXPECT_EQ(lost.error().code, ErrorCode::Conflict) << lost.error().message;
        const auto& won = stA.ok() ? fromA : fromB;
        expected.insert(expected.end(), won.begin(), won.end());
    }
    EXPECT_EQ(readAll(*a), expected);
    auto recovered = recoverState(*b);
    ASSERT_TRUE(recovered.ok()) << recovered.error().message;
    EXPECT_EQ(*recovered, testing::fold(expected));
}

TEST_F(PostgresStore, EveryAppendNotifiesTheNewHead) {
    auto store = open(m_cluster->uri());
    ASSERT_TRUE(store);
    PGconn* listener = PQconnectdb(m_cluster->uri().c_str());
    ASSERT_EQ(PQstatus(listener), CONNECTION_OK) << PQerrorMessage(listener);
    PQclear(
        PQexec(listener, (std::string("LISTEN ") + PostgresEventStore::kNotifyChannel).c_str()));

    ASSERT_TRUE(store->append(batchFrom("server-a", 1, 4)).ok());
    ASSERT_TRUE(store->append(batchFrom("server-a", 5, 2)).ok());
    std::vector<std::string> heard;
    while (heard.size() < 2) {
        pollfd fd{PQsocket(listener), POLLIN, 0};
        ASSERT_GT(::poll(&fd, 1, 30'000), 0) << "no notification";
        ASSERT_EQ(PQconsumeInput(listener), 1) << PQerrorMessage(listener);
        while (PGnotify* n = PQnotifies(listener)) {
            heard.emplace_back(n->extra);
            PQfreemem(n);
        }
    }
    EXPECT_EQ(heard, (std::vector<std::string>{"4", "6"}));
    PQfinish(listener);
}

TEST_F(PostgresStore, ASchemaFromANewerVersionIsRefusedAndLeftAlone) {
    {
        auto store = open(m_cluster->uri());
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->append(batchFrom("server-a", 1, 3)).ok());
    }
    sql("UPDATE schema_version SET version = 2");
    auto opened = PostgresEventStore::open(m_cluster->uri());
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::FailedPrecondition);
    const std::string& m = opened.error().message;
    EXPECT_NE(m.find("schema version 2"), std::string::npos) << m;
    EXPECT_NE(m.find("reads versions 1 to 1"), std::string::npos) << m;
    EXPECT_NE(m.find("postgresql://flameblue@127.0.0.1:"), std::string::npos) << m;
    EXPECT_EQ(sql("SELECT version FROM schema_version"), "2");
    EXPECT_EQ(sql("SELECT count(*) FROM events"), "3");
}

TEST_F(PostgresStore, ADatabaseOfSomethingElseIsRefusedAndLeftAlone) {
    sql("CREATE TABLE events(id serial PRIMARY KEY, what text)");
    sql("INSERT INTO events(what) VALUES ('a concert')");
    auto opened = PostgresEventStore::open(m_cluster->uri());
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::FailedPrecondition);
    EXPECT_NE(opened.error().message.find("not a Flameblue event store"), std::string::npos)
        << opened.error().message;
    EXPECT_EQ(sql("SELECT what FROM events"), "a concert");
    EXPECT_EQ(sql("SELECT to_regclass('schema_version') IS NULL"), "t");
}

TEST_F(PostgresStore, AWrongPasswordSaysSoWithoutShowingIt) {
    const std::string wrong = "not-the-password";
    auto opened = openStore(m_cluster->uri(PgCluster::kDatabase, PgCluster::kUser, wrong));
    ASSERT_FALSE(opened.ok());
    // Waiting would not help: not Unavailable, so a server does not retry it.
    EXPECT_EQ(opened.error().code, ErrorCode::FailedPrecondition);
    const std::string& m = opened.error().message;
    EXPECT_NE(m.find("password authentication failed for user \"flameblue\""), std::string::npos)
        << m;
    EXPECT_NE(m.find("postgresql://flameblue@127.0.0.1:" + std::to_string(m_cluster->port()) +
                     "/flameblue"),
              std::string::npos)
        << m;
    EXPECT_EQ(m.find(wrong), std::string::npos) << m;

    // No password at all is told apart.
    opened = openStore(m_cluster->uri(PgCluster::kDatabase, PgCluster::kUser, ""));
    ASSERT_FALSE(opened.ok());
    EXPECT_NE(opened.error().message.find("asks for a password and none was given"),
              std::string::npos)
        << opened.error().message;
}

TEST_F(PostgresStore, AMissingDatabaseAndAMalformedUriAreNamed) {
    auto opened = openStore(m_cluster->uri("no_such_db"));
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::FailedPrecondition);
    EXPECT_NE(opened.error().message.find("\"no_such_db\" does not exist"), std::string::npos)
        << opened.error().message;

    const std::string bad = "postgresql://flameblue:hunter2hunter2@127.0.0.1:5432/db?sslmode=sure";
    opened = openStore(bad);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(opened.error().message.find("sslmode"), std::string::npos) << opened.error().message;
    EXPECT_EQ(opened.error().message.find("hunter2"), std::string::npos) << opened.error().message;
    EXPECT_EQ(describeLocation(bad), "postgresql://flameblue@127.0.0.1:5432/db");

    const std::string unknown =
        "postgresql://flameblue:hunter2hunter2@127.0.0.1:5432/db?colour=red";
    opened = openStore(unknown);
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(opened.error().message.find("colour"), std::string::npos) << opened.error().message;
    EXPECT_EQ(opened.error().message.find("hunter2"), std::string::npos) << opened.error().message;
}

TEST_F(PostgresStore, ADatabaseDownAtOpenIsWaitedForUntilItIsUp) {
    std::string error;
    ASSERT_TRUE(m_cluster->stop(&error)) << error;

    auto opened = openStore(m_cluster->uri());
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::Unavailable);
    EXPECT_NE(opened.error().message.find("cannot reach the database server"), std::string::npos)
        << opened.error().message;

    // Giving up returns the last error.
    int waits = 0;
    opened = openStoreRetrying(m_cluster->uri(), {}, [&](const Error&, auto) {
        ++waits;
        return false;
    });
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::Unavailable);
    EXPECT_EQ(waits, 1);

    // The database comes up during the second wait; the back-off doubles meanwhile.
    std::vector<std::chrono::milliseconds> delays;
    opened = openStoreRetrying(m_cluster->uri(),
                               {std::chrono::milliseconds(100), std::chrono::milliseconds(150)},
                               [&](const Error& why, std::chrono::milliseconds delay) {
                                   EXPECT_EQ(why.code, ErrorCode::Unavailable) << why.message;
                                   delays.push_back(delay);
                                   std::string e;
                                   if (delays.size() == 3) {
                                       EXPECT_TRUE(m_cluster->restart(&e)) << e;
                                   }
                                   return delays.size() <= 3;
                               });
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    EXPECT_EQ(delays, (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(100),
                                                              std::chrono::milliseconds(150),
                                                              std::chrono::milliseconds(150)}));
    ASSERT_TRUE((*opened)->append(batchFrom("server-a", 1, 2)).ok());
}

// Ends a store's connections and returns how many there were, once they are gone.
std::string terminateBackends(PgCluster& cluster, const std::string& application) {
    std::string error;
    auto r = cluster.sql(
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid, 30000)) FROM pg_stat_activity "
        "WHERE application_name = '" +
            application + "'",
        &error);
    EXPECT_TRUE(r.has_value()) << error;
    return r.value_or("");
}

TEST_F(PostgresStore, AKilledConnectionIsReplacedAndNothingIsLostOrDoubled) {
    const std::string uri = m_cluster->uri(PgCluster::kDatabase, PgCluster::kUser,
                                           PgCluster::kPassword, "application_name=store-a");
    auto store = open(uri);
    ASSERT_TRUE(store);
    auto events = batchFrom("server-a", 1, 5);
    ASSERT_TRUE(store->append(events).ok());
    ASSERT_EQ(readAll(*store), events);

    // The writer and the pooled reader are cut off (an administrator, a restarted proxy).
    EXPECT_EQ(terminateBackends(*m_cluster, "store-a"), "2");
    const auto more = batchFrom("server-a", 6, 3);
    auto st = store->append(more);
    ASSERT_TRUE(st.ok()) << st.error().message;
    events.insert(events.end(), more.begin(), more.end());
    EXPECT_EQ(readAll(*store), events);
    EXPECT_EQ(store->lastSeq(), 8u);
    EXPECT_EQ(sql("SELECT count(*) FROM events"), "8");
}

TEST_F(PostgresStore, ACutOffWriterFailsCleanlyAndRecoversWhenAllowedBack) {
    const std::string uri = m_cluster->uri(PgCluster::kDatabase, PgCluster::kUser,
                                           PgCluster::kPassword, "application_name=store-a");
    auto store = open(uri);
    ASSERT_TRUE(store);
    auto events = batchFrom("server-a", 1, 4);
    ASSERT_TRUE(store->append(events).ok());
    ASSERT_EQ(readAll(*store), events);

    // Killed and not let back in: the append fails as unavailable and writes nothing.
    sql("ALTER ROLE flameblue NOLOGIN");
    EXPECT_EQ(terminateBackends(*m_cluster, "store-a"), "2");
    const auto more = batchFrom("server-a", 5, 6);
    auto st = store->append(more);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::Unavailable) << st.error().message;
    EXPECT_NE(st.error().message.find("not permitted to log in"), std::string::npos)
        << st.error().message;
    EXPECT_EQ(store->lastSeq(), 4u);
    auto read = store->read(0, kAll, 100);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::Unavailable);
    EXPECT_EQ(sql("SELECT count(*) FROM events"), "4");
    EXPECT_EQ(sql("SELECT seq FROM log_head"), "4");

    // Let back in: the same batch goes through, once.
    sql("ALTER ROLE flameblue LOGIN");
    st = store->append(more);
    ASSERT_TRUE(st.ok()) << st.error().message;
    events.insert(events.end(), more.begin(), more.end());
    EXPECT_EQ(readAll(*store), events);
}

TEST_F(PostgresStore, ADatabaseThatGoesAwayMidRunFailsCleanlyAndComesBack) {
    auto store = open(m_cluster->uri());
    ASSERT_TRUE(store);
    auto events = testing::shiftScenario();
    ASSERT_TRUE(store->append(events).ok());
    ASSERT_TRUE(store->saveSnapshot(testing::fold(events)).ok());

    std::string error;
    ASSERT_TRUE(m_cluster->stop(&error)) << error;
    const auto more = testing::avlTraffic(events.size() + 1, 50, events.back().time + 1000);
    auto st = store->append(more);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::Unavailable) << st.error().message;
    EXPECT_EQ(store->lastSeq(), events.size());
    // Reads say so too, rather than returning an empty log.
    auto read = store->read(0, kAll, 10);
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().code, ErrorCode::Unavailable);
    auto snapshot = store->loadLatestSnapshot();
    ASSERT_FALSE(snapshot.ok());
    EXPECT_EQ(snapshot.error().code, ErrorCode::Unavailable);
    auto saved = store->saveSnapshot(testing::fold(events));
    ASSERT_FALSE(saved.ok());
    EXPECT_EQ(saved.error().code, ErrorCode::Unavailable);

    ASSERT_TRUE(m_cluster->restart(&error)) << error;
    st = store->append(more);
    ASSERT_TRUE(st.ok()) << st.error().message;
    events.insert(events.end(), more.begin(), more.end());
    auto recovered = recoverState(*store);
    ASSERT_TRUE(recovered.ok()) << recovered.error().message;
    EXPECT_EQ(*recovered, testing::fold(events));
    EXPECT_EQ(readAll(*store), events);
}

TEST_F(PostgresStore, ReopeningFindsTheLogAndTheSnapshots) {
    auto events = testing::shiftScenario();
    {
        auto store = open(m_cluster->uri());
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->append(events).ok());
        ASSERT_TRUE(store->saveSnapshot(testing::fold({events.begin(), events.begin() + 10})).ok());
    }
    auto store = open(m_cluster->uri());
    ASSERT_TRUE(store);
    EXPECT_EQ(store->lastSeq(), events.size());
    EXPECT_EQ(store->firstSeq(), 1u);
    auto recovered = recoverState(*store);
    ASSERT_TRUE(recovered.ok()) << recovered.error().message;
    EXPECT_EQ(*recovered, testing::fold(events));
}

TEST_F(PostgresStore, ALogWhoseHeadDisagreesWithItsEventsIsRefused) {
    {
        auto store = open(m_cluster->uri());
        ASSERT_TRUE(store);
        ASSERT_TRUE(store->append(batchFrom("server-a", 1, 3)).ok());
    }
    sql("DELETE FROM events WHERE seq = 3");
    auto opened = PostgresEventStore::open(m_cluster->uri());
    ASSERT_FALSE(opened.ok());
    EXPECT_EQ(opened.error().code, ErrorCode::FailedPrecondition);
    EXPECT_NE(opened.error().message.find("log_head says the log ends at seq 3, but the events "
                                          "table ends at seq 2"),
              std::string::npos)
        << opened.error().message;
}

}  // namespace
}  // namespace flameblue::store

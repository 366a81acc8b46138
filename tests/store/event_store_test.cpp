// The EventStore contract, run against the SQLite, PostgreSQL and memory stores.
#include <gtest/gtest.h>

#include <atomic>
#include <limits>
#include <mutex>
#include <thread>

#include "pg_cluster.h"
#include "store/event_store.h"
#include "store/postgres_event_store.h"
#include "store_test_support.h"

namespace flameblue::store {
namespace {

using namespace core;
using testing::numbered;

constexpr std::uint64_t kAll = std::numeric_limits<std::uint64_t>::max();

enum class Backend { Sqlite, Postgres, Memory };

class EventStoreContract : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override {
        if (GetParam() == Backend::Sqlite) {
            auto opened = openSqliteStore(m_dir.file("live.db"));
            ASSERT_TRUE(opened.ok()) << opened.error().message;
            m_store = std::move(opened).value();
        } else if (GetParam() == Backend::Postgres) {
            // One cluster per test process, a fresh database per test.
            static int databases = 0;
            std::string error;
            auto* cluster = flameblue::testing::sharedPgCluster(&error);
            ASSERT_NE(cluster, nullptr) << error;
            const std::string db = "contract_" + std::to_string(++databases);
            ASSERT_TRUE(cluster->createDatabase(db, &error)) << error;
            auto opened = openPostgresStore(cluster->uri(db));
            ASSERT_TRUE(opened.ok()) << opened.error().message;
            m_store = std::move(opened).value();
        } else {
            m_store = makeMemoryStore();
        }
    }

    std::vector<Event> readAll() const {
        auto r = m_store->read(0, kAll, std::numeric_limits<std::size_t>::max());
        EXPECT_TRUE(r.ok()) << r.error().message;
        return r.ok() ? *r : std::vector<Event>{};
    }

    void appendOk(const std::vector<Event>& events) {
        auto st = m_store->append(events);
        ASSERT_TRUE(st.ok()) << st.error().message;
    }

    testing::TempDir m_dir;
    std::unique_ptr<EventStore> m_store;
};

TEST_P(EventStoreContract, EmptyStore) {
    EXPECT_EQ(m_store->lastSeq(), 0u);
    EXPECT_EQ(m_store->firstSeq(), 1u);
    EXPECT_TRUE(readAll().empty());
    EXPECT_FALSE(m_store->loadLatestSnapshot()->has_value());
    EXPECT_EQ(*m_store->lastSeqAtOrBefore(testing::kShiftStart), 0u);
    auto state = recoverState(*m_store);
    ASSERT_TRUE(state.ok()) << state.error().message;
    EXPECT_EQ(*state, State{});
    EXPECT_TRUE(m_store->append({}).ok());
    EXPECT_EQ(m_store->lastSeq(), 0u);
}

TEST_P(EventStoreContract, EveryKindReadsBackEqual) {
    std::vector<EventPayload> payloads = testing::everyPayloadKind(true);
    for (EventPayload& p : testing::everyPayloadKind(false)) {
        payloads.push_back(std::move(p));
    }
    const auto events = numbered(payloads, 1);
    appendOk({events.begin(), events.begin() + 5});
    appendOk({events.begin() + 5, events.end()});
    EXPECT_EQ(m_store->lastSeq(), events.size());
    EXPECT_EQ(readAll(), events);
}

TEST_P(EventStoreContract, WrongFirstSeqIsRejectedAndNothingWritten) {
    const auto payloads = testing::everyPayloadKind(true);
    // Not the head this writer expects: the same conflict another writer's append causes.
    EXPECT_EQ(m_store->append(numbered(payloads, 0)).error().code, ErrorCode::Conflict);
    EXPECT_EQ(m_store->append(numbered(payloads, 2)).error().code, ErrorCode::Conflict);
    EXPECT_EQ(m_store->lastSeq(), 0u);
    EXPECT_TRUE(readAll().empty());

    appendOk(numbered(payloads, 1));
    const std::uint64_t n = payloads.size();
    const auto before = readAll();
    for (std::uint64_t first : {std::uint64_t{1}, n, n + 2}) {
        auto st = m_store->append(numbered(payloads, first));
        ASSERT_FALSE(st.ok()) << "first seq " << first;
        EXPECT_EQ(st.error().code, ErrorCode::Conflict);
        EXPECT_NE(st.error().message.find("expected " + std::to_string(n + 1)), std::string::npos)
            << st.error().message;
    }
    EXPECT_EQ(m_store->lastSeq(), n);
    EXPECT_EQ(readAll(), before);
}

TEST_P(EventStoreContract, GapInsideABatchIsRejectedAndNothingWritten) {
    appendOk(numbered(testing::everyPayloadKind(false), 1));
    const std::uint64_t n = testing::everyPayloadKind(false).size();
    auto batch = numbered(testing::everyPayloadKind(true), n + 1);
    batch[7].seq = n + 9;  // n+1..n+7, then n+9: a gap in the middle
    auto st = m_store->append(batch);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(m_store->lastSeq(), n);
    EXPECT_EQ(readAll().size(), n);
    batch[7].seq = n + 7;  // a duplicate
    EXPECT_FALSE(m_store->append(batch).ok());
    EXPECT_EQ(m_store->lastSeq(), n);
    batch[7].seq = n + 8;
    appendOk(batch);
    EXPECT_EQ(m_store->lastSeq(), 2 * n);
}

TEST_P(EventStoreContract, ScanRangesAndEarlyStop) {
    const auto events = testing::avlTraffic(1, 600, testing::kShiftStart);
    appendOk(events);
    auto seqs = [&](std::uint64_t after, std::uint64_t upTo, std::size_t stopAfter) {
        std::vector<std::uint64_t> out;
        auto st = m_store->scan(after, upTo, [&](const Event& e) {
            out.push_back(e.seq);
            return out.size() < stopAfter;
        });
        EXPECT_TRUE(st.ok()) << st.error().message;
        return out;
    };
    EXPECT_EQ(seqs(2, 5, 100), (std::vector<std::uint64_t>{3, 4, 5}));
    EXPECT_EQ(seqs(0, kAll, 2), (std::vector<std::uint64_t>{1, 2}));
    EXPECT_TRUE(seqs(600, kAll, 100).empty());
    EXPECT_TRUE(seqs(5, 5, 100).empty());
    EXPECT_TRUE(seqs(9, 3, 100).empty());
    // Long ranges cross the store's internal chunking without losing or repeating an event.
    const auto all = seqs(0, kAll, 10'000);
    ASSERT_EQ(all.size(), 600u);
    for (std::size_t i = 0; i < all.size(); ++i) {
        ASSERT_EQ(all[i], i + 1);
    }
    EXPECT_EQ(seqs(99, 555, 10'000).size(), 456u);
    EXPECT_EQ(seqs(64, kAll, 300).size(), 300u);

    auto some = m_store->read(100, 200, 10);
    ASSERT_TRUE(some.ok());
    ASSERT_EQ(some->size(), 10u);
    EXPECT_EQ(some->front(), events[100]);
    EXPECT_EQ(some->back(), events[109]);
    EXPECT_TRUE(m_store->read(0, kAll, 0)->empty());
}

TEST_P(EventStoreContract, SnapshotsSaveLoadAndPrune) {
    const auto events = testing::shiftScenario();
    appendOk(events);
    State s;
    std::vector<State> saved;
    for (const Event& e : events) {
        s.apply(e);
        if (e.seq % 5 == 0) {
            ASSERT_TRUE(m_store->saveSnapshot(s).ok());
            saved.push_back(s);
        }
    }
    ASSERT_GE(saved.size(), 5u);
    auto latest = m_store->loadLatestSnapshot();
    ASSERT_TRUE(latest.ok() && latest->has_value());
    EXPECT_EQ(**latest, saved.back());

    // Only the newest three are kept.
    const std::uint64_t oldestKept = saved[saved.size() - 3].lastSeq();
    EXPECT_FALSE(m_store->loadSnapshotAtOrBefore(oldestKept - 1)->has_value());
    auto at = m_store->loadSnapshotAtOrBefore(oldestKept + 3);
    ASSERT_TRUE(at.ok() && at->has_value());
    EXPECT_EQ(**at, saved[saved.size() - 3]);
    at = m_store->loadSnapshotAtOrBefore(saved.back().lastSeq());
    EXPECT_EQ(**at, saved.back());
    at = m_store->loadSnapshotAtOrBefore(kAll);
    EXPECT_EQ(**at, saved.back());

    // Saving the same seq again replaces it rather than adding one.
    ASSERT_TRUE(m_store->saveSnapshot(saved.back()).ok());
    EXPECT_EQ(**m_store->loadSnapshotAtOrBefore(oldestKept), saved[saved.size() - 3]);
}

TEST_P(EventStoreContract, SnapshotAheadOfTheLogIsRejected) {
    const auto events = testing::shiftScenario();
    appendOk({events.begin(), events.begin() + 10});
    auto st = m_store->saveSnapshot(testing::fold(events));
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::FailedPrecondition);
    EXPECT_FALSE(m_store->loadLatestSnapshot()->has_value());
}

TEST_P(EventStoreContract, RecoverEqualsDirectFold) {
    auto events = testing::shiftScenario();
    const auto traffic = testing::avlTraffic(events.size() + 1, 300, events.back().time + 1000);
    events.insert(events.end(), traffic.begin(), traffic.end());
    const State expected = testing::fold(events);

    // No snapshot: the whole log is folded from seq 0.
    const std::size_t half = events.size() / 2;
    appendOk({events.begin(), events.begin() + static_cast<std::ptrdiff_t>(half)});
    auto recovered = recoverState(*m_store);
    ASSERT_TRUE(recovered.ok()) << recovered.error().message;
    EXPECT_EQ(*recovered, testing::fold({events.begin(), events.begin() + half}));

    // A snapshot mid-way plus the events after it.
    ASSERT_TRUE(m_store->saveSnapshot(*recovered).ok());
    appendOk({events.begin() + static_cast<std::ptrdiff_t>(half), events.end()});
    recovered = recoverState(*m_store);
    ASSERT_TRUE(recovered.ok()) << recovered.error().message;
    EXPECT_EQ(*recovered, expected);
    EXPECT_EQ(recovered->lastSeq(), events.size());

    // A snapshot at the very end: nothing left to fold.
    ASSERT_TRUE(m_store->saveSnapshot(expected).ok());
    recovered = recoverState(*m_store);
    ASSERT_TRUE(recovered.ok()) << recovered.error().message;
    EXPECT_EQ(*recovered, expected);
}

TEST_P(EventStoreContract, LastSeqAtOrBeforeTime) {
    const auto events = testing::shiftScenario();  // 45 s apart
    appendOk(events);
    const TimeMs t0 = events.front().time;
    EXPECT_EQ(*m_store->lastSeqAtOrBefore(t0 - 1), 0u);
    EXPECT_EQ(*m_store->lastSeqAtOrBefore(t0), 1u);
    EXPECT_EQ(*m_store->lastSeqAtOrBefore(t0 + 44'999), 1u);
    EXPECT_EQ(*m_store->lastSeqAtOrBefore(t0 + 45'000), 2u);
    EXPECT_EQ(*m_store->lastSeqAtOrBefore(events[9].time + 10), 10u);
    EXPECT_EQ(*m_store->lastSeqAtOrBefore(std::numeric_limits<TimeMs>::max()), events.size());

    // Several events in one millisecond: seeking to it includes all of them.
    auto burst =
        numbered(testing::everyPayloadKind(true), events.size() + 1, events.back().time + 60'000);
    for (Event& e : burst) {
        e.time = events.back().time + 60'000;
    }
    appendOk(burst);
    EXPECT_EQ(*m_store->lastSeqAtOrBefore(burst.front().time), burst.back().seq);
    EXPECT_EQ(*m_store->lastSeqAtOrBefore(burst.front().time - 1), events.size());
}

TEST_P(EventStoreContract, ConcurrentReadersSeeAConsistentPrefix) {
    const auto events = testing::avlTraffic(1, 3000, testing::kShiftStart);
    std::atomic<bool> done{false};
    std::atomic<int> failures{0};
    std::mutex firstFailureMutex;
    std::string firstFailure;
    auto fail = [&](const std::string& why) {
        if (failures.fetch_add(1) == 0) {
            std::lock_guard lock(firstFailureMutex);
            firstFailure = why;
        }
    };
    std::atomic<int> scans{0};
    auto reader = [&] {
        while (!done.load()) {
            const std::uint64_t seen = m_store->lastSeq();
            std::uint64_t next = 1;
            auto st = m_store->scan(0, kAll, [&](const Event& e) {
                if (e.seq != next || e != events[e.seq - 1]) {
                    fail("got seq " + std::to_string(e.seq) + ", expected " + std::to_string(next));
                    return false;
                }
                ++next;
                return true;
            });
            // Everything appended before the scan started must be in it, in order, unchanged.
            if (!st.ok()) {
                fail(st.error().message);
            } else if (next - 1 < seen) {
                fail("scan ended at " + std::to_string(next - 1) + " after lastSeq " +
                     std::to_string(seen));
            }
            // avlTraffic() is 200 ms apart, so this time is seq 501 once that is appended. A
            // reader may see a commit before lastSeq() does, never the other way round.
            const std::uint64_t before = m_store->lastSeq();
            const auto at = m_store->lastSeqAtOrBefore(testing::kShiftStart + 100'000);
            if (!at.ok()) {
                fail(at.error().message);
            } else if (*at > 501 || *at < std::min<std::uint64_t>(before, 501)) {
                fail("seek found seq " + std::to_string(*at) + " with lastSeq " +
                     std::to_string(before));
            }
            scans.fetch_add(1);
        }
    };
    std::vector<std::thread> readers;
    readers.reserve(3);
    for (int i = 0; i < 3; ++i) {
        readers.emplace_back(reader);
    }
    std::size_t pos = 0;
    for (std::size_t batch = 1; pos < events.size(); batch = batch % 37 + 1) {
        const std::size_t n = std::min(batch, events.size() - pos);
        auto st = m_store->append({events.data() + pos, n});
        if (!st.ok()) {
            ADD_FAILURE() << st.error().message;  // no ASSERT: the readers must still be joined
            break;
        }
        pos += n;
    }
    // Let the readers finish at least one full pass after the last append.
    const int scansAtEnd = scans.load();
    while (scans.load() < scansAtEnd + 3) {
        std::this_thread::yield();
    }
    done = true;
    for (auto& t : readers) {
        t.join();
    }
    EXPECT_EQ(failures.load(), 0) << firstFailure;
    EXPECT_EQ(readAll(), events);
}

TEST_P(EventStoreContract, ScanSubjectFindsOneEntitysEvents) {
    auto events = testing::shiftScenario();
    const auto traffic = testing::avlTraffic(events.size() + 1, 400, events.back().time + 1000);
    events.insert(events.end(), traffic.begin(), traffic.end());
    appendOk(events);
    // Position fixes and status changes of one unit, and an entity that has no events.
    const Id unit = subjectOf(traffic.front().payload);
    std::vector<Event> expected;
    for (const Event& e : events) {
        if (subjectOf(e.payload) == unit) {
            expected.push_back(e);
        }
    }
    ASSERT_GT(expected.size(), 20u);
    std::vector<Event> got;
    auto st = m_store->scanSubject(unit, 0, kAll, [&](const Event& e) {
        got.push_back(e);
        return true;
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_EQ(got, expected);

    // A range and an early stop.
    got.clear();
    st = m_store->scanSubject(unit, expected[2].seq, expected[9].seq, [&](const Event& e) {
        got.push_back(e);
        return got.size() < 4;
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_EQ(got, std::vector<Event>(expected.begin() + 3, expected.begin() + 7));

    std::size_t none = 0;
    st = m_store->scanSubject("NO-SUCH-UNIT", 0, kAll, [&](const Event&) {
        ++none;
        return true;
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_EQ(none, 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventStoreContract,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres, Backend::Memory),
                         [](const auto& info) {
                             switch (info.param) {
                                 case Backend::Sqlite:
                                     return "Sqlite";
                                 case Backend::Postgres:
                                     return "Postgres";
                                 case Backend::Memory:
                                     return "Memory";
                             }
                             return "Unknown";
                         });

}  // namespace
}  // namespace flameblue::store

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <optional>
#include <thread>

#include "../support/test_world.h"
#include "session/session.h"

using namespace flameblue;
using namespace flameblue::core;
using namespace flameblue::testing;
using session::Session;

namespace {

// Records what an observer is told, to check nothing is published before it is durable.
class RecordingObserver : public session::CommitObserver {
public:
    void stage(const Event& e, const State&, const Affected&) override { staged.push_back(e.seq); }
    void commit() override {
        published.insert(published.end(), staged.begin(), staged.end());
        staged.clear();
    }
    std::vector<std::uint64_t> staged, published;
};

// A store whose appends can be made to fail, as a full disk would.
class FlakyStore : public store::EventStore {
public:
    FlakyStore() : m_inner(store::makeMemoryStore()) {}
    Status append(std::span<const Event> events) override {
        if (gate) {
            // Holds the append (a slow sync) until the test opens the gate.
            entered.set_value();
            gate->wait();
            gate.reset();
        }
        if (fail)
            return Error{ErrorCode::Internal, "disk full"};
        return m_inner->append(events);
    }
    std::uint64_t lastSeq() const override { return m_inner->lastSeq(); }
    std::uint64_t firstSeq() const override { return m_inner->firstSeq(); }
    Status scan(std::uint64_t a, std::uint64_t b,
                const std::function<bool(const Event&)>& fn) const override {
        return m_inner->scan(a, b, fn);
    }
    Status saveSnapshot(const State& s) override { return m_inner->saveSnapshot(s); }
    Result<std::optional<State>> loadLatestSnapshot() const override {
        return m_inner->loadLatestSnapshot();
    }
    Result<std::optional<State>> loadSnapshotAtOrBefore(std::uint64_t seq) const override {
        return m_inner->loadSnapshotAtOrBefore(seq);
    }
    Result<std::uint64_t> lastSeqAtOrBefore(TimeMs t) const override {
        return m_inner->lastSeqAtOrBefore(t);
    }
    std::atomic<bool> fail{false};
    std::optional<std::shared_future<void>> gate;
    std::promise<void> entered;

private:
    std::unique_ptr<store::EventStore> m_inner;
};

std::atomic<TimeMs> g_now{kT0};

session::SessionOptions testOptions() {
    session::SessionOptions o;
    o.clock = [] { return g_now.load(); };
    o.fixHeartbeatMs = 30'000;
    return o;
}

const CommandContext kDispatcher{"dispatcher-1", "console-a", 0};

std::unique_ptr<Session> openSession(std::unique_ptr<store::EventStore> store,
                                     session::SessionOptions options = testOptions()) {
    auto s = std::make_unique<Session>(options, std::move(store), testReference());
    EXPECT_TRUE(s->open().ok());
    s->start();
    return s;
}

Id createFire(Session& s) {
    auto r =
        s.execute(kDispatcher, CreateIncident{"building_fire", 1, taiyuanCentre(), "", "", {}});
    EXPECT_TRUE(r.ok());
    return std::get<IncidentCreated>(r->events.front().payload).id;
}

}  // namespace

TEST(Session, ConcurrentDispatchOfOneUnitHasExactlyOneWinner) {
    auto s = openSession(store::makeMemoryStore());
    ASSERT_TRUE(s->appendTrusted({"system", "roster", 0}, rosterEvents()).ok());
    std::vector<Id> incidents;
    for (int i = 0; i < 8; ++i)
        incidents.push_back(createFire(*s));
    std::atomic<int> wins{0}, refused{0};
    std::vector<std::thread> threads;
    for (const Id& inc : incidents) {
        threads.emplace_back([&, inc] {
            auto r = s->execute({"dispatcher-" + inc, "console", 0}, DispatchUnits{inc, {"TY-E1"}});
            if (r.ok()) {
                ++wins;
            } else if (r.error().code == ErrorCode::FailedPrecondition) {
                ++refused;
            }
        });
    }
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(wins, 1);
    EXPECT_EQ(refused, 7);
    s->withState([](const State& st, const auto&) {
        EXPECT_EQ(st.unit("TY-E1")->status, UnitStatus::Dispatched);
        int onIncidents = 0;
        for (const auto& [id, inc] : st.incidents())
            onIncidents += inc.assignments.size();
        EXPECT_EQ(onIncidents, 1);
    });
}

TEST(Session, ManyWritersGetGapFreeSequenceAndEveryEventIsPublishedAfterCommit) {
    auto s = openSession(store::makeMemoryStore());
    RecordingObserver observer;
    s->setObserver(&observer);
    ASSERT_TRUE(s->appendTrusted({"system", "roster", 0}, rosterEvents()).ok());
    const Id fire = createFire(*s);
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 250; ++i) {
                auto r = s->execute({"op" + std::to_string(t), "c", 0},
                                    AddNote{fire, "note " + std::to_string(i)});
                if (r.ok())
                    ++ok;
            }
        });
    }
    for (auto& t : threads)
        t.join();
    EXPECT_EQ(ok, 1000);
    const std::uint64_t head = s->store().lastSeq();
    EXPECT_EQ(head, rosterEvents().size() + 1 + 1000);
    EXPECT_EQ(s->headSeq(), head);
    ASSERT_EQ(observer.published.size(), head);
    for (std::uint64_t i = 0; i < head; ++i)
        EXPECT_EQ(observer.published[i], i + 1);
    std::uint64_t expected = 1;
    ASSERT_TRUE(s->store().scan(0, head, [&](const Event& e) {
        EXPECT_EQ(e.seq, expected++);
        return true;
    }));
    s->withState(
        [&](const State& st, const auto&) { EXPECT_EQ(st.incident(fire)->notes.size(), 1000u); });
    s->setObserver(nullptr);
}

TEST(Session, UnchangedFixesAreNotStoredAgainButKeepTheUnitHeard) {
    auto s = openSession(store::makeMemoryStore());
    ASSERT_TRUE(s->appendTrusted({"system", "roster", 0}, rosterEvents()).ok());
    const PositionFix fix{taiyuanCentre(), 90.0, 0.0, {}, kT0};
    auto first = s->execute(kDispatcher, ReportPosition{"TY-E1", fix});
    ASSERT_TRUE(first.ok());
    EXPECT_FALSE(first->unchanged);
    const std::uint64_t head = s->headSeq();

    PositionFix same = fix;
    same.fixTime = kT0 + 10'000;
    auto second = s->execute(kDispatcher, ReportPosition{"TY-E1", same});
    ASSERT_TRUE(second.ok());
    EXPECT_TRUE(second->unchanged);
    EXPECT_EQ(s->headSeq(), head);
    s->withState([&](const State&, const Session::LastHeard& heard) {
        EXPECT_EQ(heard.at("TY-E1"), kT0 + 10'000);
    });

    // After the heartbeat interval the unchanged fix is stored again, so fix age survives restarts.
    same.fixTime = kT0 + 31'000;
    auto third = s->execute(kDispatcher, ReportPosition{"TY-E1", same});
    ASSERT_TRUE(third.ok());
    EXPECT_FALSE(third->unchanged);
    EXPECT_EQ(s->headSeq(), head + 1);

    PositionFix old = fix;
    old.position.latDeg += 0.01;
    old.fixTime = kT0 + 5'000;
    auto late = s->execute(kDispatcher, ReportPosition{"TY-E1", old});
    ASSERT_FALSE(late.ok());
    EXPECT_NE(late.error().message.find("older"), std::string::npos);
}

TEST(Session, FailedWriteRefusesTheBatchAndLeavesStateAsStored) {
    auto flaky = std::make_unique<FlakyStore>();
    FlakyStore* store = flaky.get();
    auto s = openSession(std::move(flaky));
    RecordingObserver observer;
    s->setObserver(&observer);
    ASSERT_TRUE(s->appendTrusted({"system", "roster", 0}, rosterEvents()).ok());
    const Id fire = createFire(*s);
    const State before = s->withState([](const State& st, const auto&) { return st; });
    const std::size_t publishedBefore = observer.published.size();

    store->fail = true;
    auto r = s->execute(kDispatcher, DispatchUnits{fire, {"TY-E1"}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Internal);
    EXPECT_NE(r.error().message.find("disk full"), std::string::npos);
    EXPECT_TRUE(observer.staged.empty());
    EXPECT_EQ(observer.published.size(), publishedBefore);
    s->withState([&](const State& st, const auto&) { EXPECT_EQ(st, before); });

    store->fail = false;
    auto retry = s->execute(kDispatcher, DispatchUnits{fire, {"TY-E1"}});
    ASSERT_TRUE(retry.ok());
    EXPECT_EQ(retry->firstSeq, before.lastSeq() + 1);
    s->setObserver(nullptr);
}

TEST(Session, NothingOfAFailedBatchIsEverAppliedOrHeardOrPublished) {
    auto flaky = std::make_unique<FlakyStore>();
    FlakyStore* store = flaky.get();
    auto s = openSession(std::move(flaky));
    RecordingObserver observer;
    s->setObserver(&observer);
    ASSERT_TRUE(s->appendTrusted({"system", "roster", 0}, rosterEvents()).ok());
    const Id fire = createFire(*s);
    PositionFix fix;
    fix.position = {37.87, 112.55};
    fix.fixTime = kT0;
    ASSERT_TRUE(s->execute(kDispatcher, ReportPosition{"TY-E2", fix}).ok());
    const State before = s->withState([](const State& st, const auto&) { return st; });
    const auto heardBefore = s->withState([](const State&, const auto& heard) { return heard; });
    const std::uint64_t headBefore = s->headSeq();
    const std::uint64_t changeBefore = s->lastChangeSeq();
    const std::size_t publishedBefore = observer.published.size();
    const std::size_t stagedBefore = observer.staged.size();

    // One batch: an unchanged fix (only "heard"), a dispatch and a note; the append fails.
    PositionFix again = fix;
    again.fixTime = kT0 + 5'000;
    std::vector<Command> batch;
    batch.emplace_back(ReportPosition{"TY-E2", again});
    batch.emplace_back(DispatchUnits{fire, {"TY-E1"}});
    batch.emplace_back(AddNote{fire, "caller reports smoke on the 3rd floor"});
    store->fail = true;
    auto results = s->executeAll(kDispatcher, std::move(batch));
    ASSERT_EQ(results.size(), 3u);
    for (const auto& r : results) {
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::Internal);
    }
    EXPECT_EQ(s->headSeq(), headBefore);
    EXPECT_EQ(s->lastChangeSeq(), changeBefore);
    EXPECT_EQ(observer.staged.size(), stagedBefore);
    EXPECT_EQ(observer.published.size(), publishedBefore);
    s->withState([&](const State& st, const auto& heard) {
        EXPECT_EQ(st, before);
        EXPECT_EQ(heard, heardBefore);
    });

    // The writer goes on from the stored state: the same commands now succeed, in sequence.
    store->fail = false;
    auto retry = s->execute(kDispatcher, DispatchUnits{fire, {"TY-E1"}});
    ASSERT_TRUE(retry.ok());
    EXPECT_EQ(retry->firstSeq, headBefore + 1);
    s->setObserver(nullptr);
}

TEST(Session, ReadersDoNotWaitForTheDisk) {
    auto flaky = std::make_unique<FlakyStore>();
    FlakyStore* store = flaky.get();
    auto s = openSession(std::move(flaky));
    ASSERT_TRUE(s->appendTrusted({"system", "roster", 0}, rosterEvents()).ok());
    const Id fire = createFire(*s);
    const std::uint64_t head = s->headSeq();

    std::promise<void> open;
    store->gate = open.get_future().share();
    auto entered = store->entered.get_future();
    auto dispatched = std::async(std::launch::async, [&] {
        return s->execute(kDispatcher, DispatchUnits{fire, {"TY-E1"}});
    });
    entered.wait();  // the writer is inside the append, as in a slow fsync

    // A reader gets the last durable state while the append is held; the bound only stops a
    // hang from blocking the suite, it measures nothing.
    auto read = std::async(std::launch::async, [&] {
        return s->withState([](const State& st, const auto&) {
            return std::make_pair(st.lastSeq(), st.unit("TY-E1")->status);
        });
    });
    const bool answered = read.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
    open.set_value();
    ASSERT_TRUE(answered) << "a reader waited for the event log's sync";
    const auto [seq, status] = read.get();
    EXPECT_EQ(seq, head);
    EXPECT_EQ(status, UnitStatus::Available);
    ASSERT_TRUE(dispatched.get().ok());
    s->withState([](const State& st, const auto&) {
        EXPECT_EQ(st.unit("TY-E1")->status, UnitStatus::Dispatched);
    });
}

TEST(Session, OutcomeNamesEveryUnitAClosedIncidentReleased) {
    auto s = openSession(store::makeMemoryStore());
    ASSERT_TRUE(s->appendTrusted({"system", "roster", 0}, rosterEvents()).ok());
    const Id fire = createFire(*s);
    ASSERT_TRUE(s->execute(kDispatcher, DispatchUnits{fire, {"TY-E1", "TY-E2"}}).ok());
    ASSERT_TRUE(s->execute(kDispatcher, SetUnitStatus{"TY-E2", UnitStatus::OnScene, {}}).ok());
    auto closed = s->execute(kDispatcher, SetIncidentStatus{fire, IncidentStatus::Closed});
    ASSERT_TRUE(closed.ok()) << closed.error().message;
    std::vector<Id> units = closed->affected.units;
    std::sort(units.begin(), units.end());
    EXPECT_EQ(units, (std::vector<Id>{"TY-E1", "TY-E2"}));
    EXPECT_EQ(closed->affected.incidents, std::vector<Id>{fire});
    s->withState([](const State& st, const auto&) {
        // Both left quarters when dispatched: they drive home, then report available.
        EXPECT_EQ(st.unit("TY-E1")->status, UnitStatus::Returning);
        EXPECT_EQ(st.unit("TY-E2")->status, UnitStatus::Returning);
        EXPECT_TRUE(st.unit("TY-E1")->incidentId.empty());
    });
}

TEST(Session, RestartOnTheSameLogReproducesTheStateAndContinuesTheSequence) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("flameblue-session-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto file = dir / "live.db";
    session::SessionOptions options = testOptions();
    options.snapshotEveryEvents = 100;
    State before;
    {
        auto opened = store::openSqliteStore(file);
        ASSERT_TRUE(opened.ok()) << opened.error().message;
        auto s = openSession(std::move(opened).value(), options);
        ASSERT_TRUE(s->appendTrusted({"system", "roster", 0}, rosterEvents()).ok());
        const Id fire = createFire(*s);
        ASSERT_TRUE(s->execute(kDispatcher, DispatchUnits{fire, {"TY-E1", "AV-Z8-01"}}).ok());
        for (int i = 0; i < 300; ++i) {
            g_now += 1000;
            PositionFix fix{{37.80 + i * 0.0001, 112.55}, 10.0, 40.0, {}, g_now.load()};
            ASSERT_TRUE(s->execute(kDispatcher, ReportPosition{"TY-E1", fix}).ok());
        }
        ASSERT_TRUE(s->execute(kDispatcher, SetUnitStatus{"TY-E1", UnitStatus::EnRoute, {}}).ok());
        s->stop();
        before = s->withState([](const State& st, const auto&) { return st; });
        auto snap = s->store().loadLatestSnapshot();
        ASSERT_TRUE(snap.ok() && snap->has_value());
    }
    auto reopened = store::openSqliteStore(file);
    ASSERT_TRUE(reopened.ok());
    auto s = openSession(std::move(reopened).value(), options);
    s->withState([&](const State& st, const auto&) { EXPECT_EQ(st, before); });
    auto next =
        s->execute(kDispatcher, AddNote{before.incidents().begin()->first, "after restart"});
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(next->firstSeq, before.lastSeq() + 1);
    s->stop();
    std::filesystem::remove_all(dir);
}

TEST(Session, CommandsAfterStopAreRefusedNotLost) {
    auto s = openSession(store::makeMemoryStore());
    s->stop();
    auto r =
        s->execute(kDispatcher, CreateIncident{"building_fire", 1, taiyuanCentre(), "", "", {}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::FailedPrecondition);
}

// Two sessions on one event log, as two servers on one PostgreSQL database: every append is
// linearised by the store, a writer that lost the race catches up and decides again, and each
// session serves the other's events. The log is an in-memory store shared by both; a hook lets
// a test put the other writer's append exactly between a session's decision and its append.
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>

#include "../support/test_world.h"
#include "session/session.h"

using namespace flameblue;
using namespace flameblue::core;
using namespace flameblue::testing;
using session::Session;

namespace {

using namespace std::chrono_literals;

// One server's view of the shared log: appends and reads go to the same log as every other
// view's. beforeAppend runs once, just before the next append reaches the log (the moment at
// which another server's append makes this one lose the race).
class SharedLogView : public store::EventStore {
public:
    explicit SharedLogView(std::shared_ptr<store::EventStore> log) : m_log(std::move(log)) {}
    Status append(std::span<const Event> events) override {
        std::function<void()> hook;
        {
            std::lock_guard lock(m_mutex);
            hook = std::exchange(m_beforeAppend, nullptr);
            if (m_alwaysBefore) {
                hook = m_alwaysBefore;
            }
        }
        if (hook) {
            hook();
        }
        ++appends;
        return m_log->append(events);
    }
    std::uint64_t lastSeq() const override { return m_log->lastSeq(); }
    std::uint64_t firstSeq() const override { return m_log->firstSeq(); }
    Status scan(std::uint64_t a, std::uint64_t b,
                const std::function<bool(const Event&)>& fn) const override {
        return m_log->scan(a, b, fn);
    }
    Status saveSnapshot(const State& s) override { return m_log->saveSnapshot(s); }
    Result<std::optional<State>> loadLatestSnapshot() const override {
        return m_log->loadLatestSnapshot();
    }
    Result<std::optional<State>> loadSnapshotAtOrBefore(std::uint64_t seq) const override {
        return m_log->loadSnapshotAtOrBefore(seq);
    }
    Result<std::uint64_t> lastSeqAtOrBefore(TimeMs t) const override {
        return m_log->lastSeqAtOrBefore(t);
    }

    void beforeNextAppend(std::function<void()> hook) {
        std::lock_guard lock(m_mutex);
        m_beforeAppend = std::move(hook);
    }
    void beforeEveryAppend(std::function<void()> hook) {
        std::lock_guard lock(m_mutex);
        m_alwaysBefore = std::move(hook);
    }
    std::atomic<int> appends{0};

private:
    std::shared_ptr<store::EventStore> m_log;
    std::mutex m_mutex;
    std::function<void()> m_beforeAppend;
    std::function<void()> m_alwaysBefore;
};

// Records the seqs an observer is told, in order, once committed.
class RecordingObserver : public session::CommitObserver {
public:
    void stage(const Event& e, const State&, const Affected&) override {
        std::lock_guard lock(m_mutex);
        m_staged.push_back(e.seq);
    }
    void commit() override {
        std::lock_guard lock(m_mutex);
        m_published.insert(m_published.end(), m_staged.begin(), m_staged.end());
        m_staged.clear();
    }
    std::vector<std::uint64_t> published() const {
        std::lock_guard lock(m_mutex);
        return m_published;
    }

private:
    mutable std::mutex m_mutex;
    std::vector<std::uint64_t> m_staged, m_published;
};

session::SessionOptions options() {
    session::SessionOptions o;
    o.clock = [] { return kT0; };
    return o;
}

struct Server {
    SharedLogView* view = nullptr;
    RecordingObserver observer;
    std::unique_ptr<Session> session;
};

std::unique_ptr<Server> serverOn(const std::shared_ptr<store::EventStore>& log,
                                 session::SessionOptions o = options()) {
    auto server = std::make_unique<Server>();
    auto view = std::make_unique<SharedLogView>(log);
    server->view = view.get();
    server->session = std::make_unique<Session>(o, std::move(view), testReference());
    EXPECT_TRUE(server->session->open().ok());
    server->session->setObserver(&server->observer);
    server->session->start();
    return server;
}

CommandContext at(const std::string& console) {
    return {"dispatcher@" + console, console, 0};
}

Id createFire(Session& s, const std::string& console) {
    auto r =
        s.execute(at(console), CreateIncident{"building_fire", 1, taiyuanCentre(), "", "", {}});
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? std::get<IncidentCreated>(r->events.front().payload).id : Id{};
}

// Waits until `s` has caught up with the log (bounded only against a hang).
bool caughtUp(Session& s, const store::EventStore& log) {
    const auto until = std::chrono::steady_clock::now() + 30s;
    while (s.headSeq() != log.lastSeq()) {
        if (std::chrono::steady_clock::now() > until)
            return false;
        s.requestCatchUp();
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

State stateOf(const Session& s) {
    return s.withState([](const State& st, const auto&) { return st; });
}

std::vector<std::uint64_t> oneTo(std::uint64_t n) {
    std::vector<std::uint64_t> out;
    for (std::uint64_t i = 1; i <= n; ++i)
        out.push_back(i);
    return out;
}

int dispatchesOf(const store::EventStore& log, const Id& unit) {
    int n = 0;
    EXPECT_TRUE(log.scan(0, log.lastSeq(),
                         [&](const Event& e) {
                             if (const auto* d = std::get_if<UnitsDispatched>(&e.payload)) {
                                 n += static_cast<int>(
                                     std::count(d->unitIds.begin(), d->unitIds.end(), unit));
                             }
                             return true;
                         })
                    .ok());
    return n;
}

class SharedLog : public ::testing::Test {
protected:
    void SetUp() override {
        m_log = store::makeMemoryStore();
        a = serverOn(m_log);
        b = serverOn(m_log);
        ASSERT_TRUE(a->session->appendTrusted({"system", "roster", 0}, rosterEvents()).ok());
        ASSERT_TRUE(caughtUp(*b->session, *m_log));
    }
    std::shared_ptr<store::EventStore> m_log;
    std::unique_ptr<Server> a, b;
};

}  // namespace

TEST_F(SharedLog, TheOtherServersEventsAreServedAndPublishedInOrder) {
    const Id fire = createFire(*a->session, "console-a");
    ASSERT_TRUE(a->session->execute(at("console-a"), DispatchUnits{fire, {"TY-E1"}}).ok());
    ASSERT_TRUE(caughtUp(*b->session, *m_log));
    EXPECT_EQ(stateOf(*b->session), stateOf(*a->session));
    EXPECT_EQ(b->observer.published(), oneTo(m_log->lastSeq()));
    EXPECT_EQ(a->observer.published(), oneTo(m_log->lastSeq()));
    // Merged requests: asking again with nothing new publishes nothing.
    b->session->requestCatchUp();
    ASSERT_TRUE(caughtUp(*b->session, *m_log));
    EXPECT_EQ(b->observer.published(), oneTo(m_log->lastSeq()));
}

TEST_F(SharedLog, TheLoserOfTheRaceGetsTheReasonASingleServerGives) {
    const Id fireA = createFire(*a->session, "console-a");
    const Id fireB = createFire(*a->session, "console-a");
    ASSERT_TRUE(caughtUp(*b->session, *m_log));

    // What one server answers when the unit is already on another incident.
    auto single = store::makeMemoryStore();
    auto reference = serverOn(std::shared_ptr<store::EventStore>(std::move(single)));
    ASSERT_TRUE(reference->session->appendTrusted({"system", "roster", 0}, rosterEvents()).ok());
    const Id refA = createFire(*reference->session, "console-a");
    const Id refB = createFire(*reference->session, "console-a");
    ASSERT_EQ(refA, fireA);
    ASSERT_EQ(refB, fireB);
    ASSERT_TRUE(reference->session->execute(at("console-a"), DispatchUnits{refA, {"TY-E1"}}).ok());
    const auto expected =
        reference->session->execute(at("console-b"), DispatchUnits{refB, {"TY-E1"}});
    ASSERT_FALSE(expected.ok());

    // B decided against a state where TY-E1 was free; A's dispatch reaches the log first.
    b->view->beforeNextAppend([&] {
        ASSERT_TRUE(a->session->execute(at("console-a"), DispatchUnits{fireA, {"TY-E1"}}).ok());
    });
    const auto lost = b->session->execute(at("console-b"), DispatchUnits{fireB, {"TY-E1"}});
    ASSERT_FALSE(lost.ok());
    EXPECT_EQ(lost.error().code, ErrorCode::FailedPrecondition);
    EXPECT_EQ(lost.error().message, expected.error().message);
    EXPECT_EQ(dispatchesOf(*m_log, "TY-E1"), 1);
    EXPECT_EQ(b->view->appends, 1);  // nothing left to append after deciding again
    // B serves A's dispatch, published in order like its own.
    EXPECT_EQ(b->session->headSeq(), m_log->lastSeq());
    EXPECT_EQ(stateOf(*b->session).unit("TY-E1")->incidentId, fireA);
    EXPECT_EQ(b->observer.published(), oneTo(m_log->lastSeq()));
}

TEST_F(SharedLog, ACommandThatStillHoldsIsAppendedAfterTheOtherServersEvents) {
    const Id fire = createFire(*a->session, "console-a");
    ASSERT_TRUE(caughtUp(*b->session, *m_log));
    b->view->beforeNextAppend([&] { createFire(*a->session, "console-a"); });
    const auto won = b->session->execute(at("console-b"), DispatchUnits{fire, {"TY-E2"}});
    ASSERT_TRUE(won.ok()) << won.error().message;
    EXPECT_EQ(b->view->appends, 2);  // lost once, then won
    EXPECT_EQ(won->firstSeq, m_log->lastSeq());
    ASSERT_TRUE(caughtUp(*a->session, *m_log));
    EXPECT_EQ(stateOf(*a->session), stateOf(*b->session));
    EXPECT_EQ(stateOf(*a->session).unit("TY-E2")->incidentId, fire);
    EXPECT_EQ(b->observer.published(), oneTo(m_log->lastSeq()));
    EXPECT_EQ(a->observer.published(), oneTo(m_log->lastSeq()));
}

TEST_F(SharedLog, TrustedEventsComputedBeforeTheOtherServersAppendAreRefusedWithAConflict) {
    b->view->beforeNextAppend([&] { createFire(*a->session, "console-a"); });
    const std::uint64_t before = m_log->lastSeq();
    const auto r = b->session->appendTrusted({"system", "roster", 0}, rosterEvents());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Conflict);
    EXPECT_EQ(m_log->lastSeq(), before + 1);  // A's incident only
    EXPECT_EQ(b->session->headSeq(), m_log->lastSeq());
}

TEST_F(SharedLog, AWriterThatAlwaysLosesGivesUpAndWritesNothing) {
    auto log = store::makeMemoryStore();
    std::shared_ptr<store::EventStore> shared(std::move(log));
    auto other = serverOn(shared);
    auto o = options();
    o.maxAppendAttempts = 3;
    auto busy = serverOn(shared, o);
    ASSERT_TRUE(other->session->appendTrusted({"system", "roster", 0}, rosterEvents()).ok());
    busy->view->beforeEveryAppend([&] { createFire(*other->session, "console-a"); });
    const auto r = busy->session->execute(
        at("console-b"), CreateIncident{"building_fire", 1, taiyuanCentre(), "", "", {}});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::Conflict);
    EXPECT_NE(r.error().message.find("3 appends in a row"), std::string::npos) << r.error().message;
    EXPECT_EQ(busy->view->appends, 3);
    busy->view->beforeEveryAppend(nullptr);
    int fromBusy = 0;
    ASSERT_TRUE(shared
                    ->scan(0, shared->lastSeq(),
                           [&](const Event& e) {
                               fromBusy += e.origin == "console-b" ? 1 : 0;
                               return true;
                           })
                    .ok());
    EXPECT_EQ(fromBusy, 0);
    // Once the race is over, it writes again.
    EXPECT_TRUE(busy->session
                    ->execute(at("console-b"),
                              CreateIncident{"building_fire", 1, taiyuanCentre(), "", "", {}})
                    .ok());
}

TEST_F(SharedLog, ConcurrentDispatchesAtTwoServersHaveExactlyOneWinnerEveryRound) {
    constexpr int kRounds = 60;
    for (int round = 0; round < kRounds; ++round) {
        const Id fireA = createFire(*a->session, "console-a");
        const Id fireB = createFire(*a->session, "console-a");
        ASSERT_TRUE(caughtUp(*b->session, *m_log));
        std::barrier go(2);
        session::CommandResult ra = Error{}, rb = Error{};
        std::thread ta([&] {
            go.arrive_and_wait();
            ra = a->session->execute(at("console-a"), DispatchUnits{fireA, {"TY-E1"}});
        });
        std::thread tb([&] {
            go.arrive_and_wait();
            rb = b->session->execute(at("console-b"), DispatchUnits{fireB, {"TY-E1"}});
        });
        ta.join();
        tb.join();
        ASSERT_NE(ra.ok(), rb.ok()) << "round " << round << ": exactly one dispatch must win";
        const auto& loser = ra.ok() ? rb : ra;
        EXPECT_EQ(loser.error().code, ErrorCode::FailedPrecondition) << loser.error().message;
        EXPECT_NE(loser.error().message.find("TY-E1"), std::string::npos) << loser.error().message;
        EXPECT_EQ(dispatchesOf(*m_log, "TY-E1"), round + 1);
        // Release it for the next round.
        ASSERT_TRUE(caughtUp(*a->session, *m_log));
        const Id winner = ra.ok() ? fireA : fireB;
        ASSERT_TRUE(a->session->execute(at("console-a"), ReleaseUnits{winner, {}}).ok());
    }
    ASSERT_TRUE(caughtUp(*a->session, *m_log));
    ASSERT_TRUE(caughtUp(*b->session, *m_log));
    EXPECT_EQ(stateOf(*a->session), stateOf(*b->session));
    EXPECT_EQ(a->observer.published(), oneTo(m_log->lastSeq()));
    EXPECT_EQ(b->observer.published(), oneTo(m_log->lastSeq()));
}

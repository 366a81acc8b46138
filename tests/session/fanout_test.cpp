#include <gtest/gtest.h>

#include <atomic>

#include "session/fanout.h"

using flameblue::session::FanOut;

namespace {

struct Item {
    std::uint64_t seq;
    std::string what;
};
using Out = FanOut<Item>;

Out::Published position(std::uint64_t seq, const std::string& unit) {
    return {std::make_shared<Item>(Item{seq, "pos " + unit}), unit};
}
Out::Published change(std::uint64_t seq) {
    return {std::make_shared<Item>(Item{seq, "change"}), ""};
}

std::vector<std::uint64_t> drain(Out::Subscriber& s) {
    std::vector<std::uint64_t> seqs;
    while (auto item = s.pop())
        seqs.push_back(item->seq);
    return seqs;
}

}  // namespace

TEST(FanOut, SlowSubscriberGetsLatestPositionPerUnitAndEveryChangeInOrder) {
    Out fanout;
    auto slow = std::make_shared<Out::Subscriber>(nullptr, nullptr, 1000);
    fanout.add(slow);
    fanout.publish({position(1, "A"), position(2, "B"), change(3)});
    fanout.publish({position(4, "A"), change(5), position(6, "A"), position(7, "B")});
    // A's fixes 1 and 4 and B's fix 2 were superseded; changes 3 and 5 stay, in order.
    EXPECT_EQ(drain(*slow), (std::vector<std::uint64_t>{3, 5, 6, 7}));
    EXPECT_EQ(slow->conflated(), 3u);
}

TEST(FanOut, FastSubscriberLosesNothing) {
    Out fanout;
    auto fast = std::make_shared<Out::Subscriber>(nullptr, nullptr, 1000);
    fanout.add(fast);
    std::vector<std::uint64_t> got;
    for (std::uint64_t seq = 1; seq <= 100; ++seq) {
        fanout.publish({seq % 10 == 0 ? change(seq) : position(seq, "A")});
        auto more = drain(*fast);
        got.insert(got.end(), more.begin(), more.end());
    }
    ASSERT_EQ(got.size(), 100u);
    for (std::uint64_t i = 0; i < got.size(); ++i)
        EXPECT_EQ(got[i], i + 1);
}

TEST(FanOut, OneStalledSubscriberDoesNotHoldBackAnother) {
    Out fanout;
    auto stalled = std::make_shared<Out::Subscriber>(nullptr, nullptr, 1000);
    auto live = std::make_shared<Out::Subscriber>(nullptr, nullptr, 1000);
    fanout.add(stalled);
    fanout.add(live);
    std::size_t liveGot = 0;
    for (std::uint64_t seq = 1; seq <= 100'000; ++seq) {
        fanout.publish({position(seq, "U" + std::to_string(seq % 500))});
        liveGot += drain(*live).size();
    }
    EXPECT_EQ(liveGot, 100'000u);
    // The stalled one holds at most one fix per unit, not the backlog.
    EXPECT_EQ(stalled->pending(), 500u);
}

TEST(FanOut, BacklogOverflowAsksForResync) {
    Out fanout;
    auto s = std::make_shared<Out::Subscriber>(nullptr, nullptr, 10);
    fanout.add(s);
    for (std::uint64_t seq = 1; seq <= 11; ++seq)
        fanout.publish({change(seq)});
    EXPECT_TRUE(s->takeOverflow());
    EXPECT_FALSE(s->takeOverflow());
    EXPECT_EQ(s->pop(), nullptr);
    fanout.publish({change(12)});
    EXPECT_EQ(drain(*s), (std::vector<std::uint64_t>{12}));
}

TEST(FanOut, WakesOnlyWhenTheQueueBecomesNonEmptyAndFiltersApply) {
    Out fanout;
    std::atomic<int> wakes{0};
    auto s = std::make_shared<Out::Subscriber>(
        [&] { ++wakes; }, [](const Item& i) { return i.what == "change"; }, 100);
    fanout.add(s);
    fanout.publish({position(1, "A")});
    EXPECT_EQ(wakes, 0);  // filtered out
    fanout.publish({change(2)});
    fanout.publish({change(3)});
    EXPECT_EQ(wakes, 1);
    EXPECT_EQ(drain(*s), (std::vector<std::uint64_t>{2, 3}));
    fanout.remove(s.get());
    fanout.publish({change(4)});
    EXPECT_EQ(s->pop(), nullptr);
    EXPECT_EQ(fanout.size(), 0u);
}

TEST(FanOut, SubscriberKeepingUpGetsEveryPositionBelowTheMark) {
    Out fanout;
    auto s = std::make_shared<Out::Subscriber>(nullptr, nullptr, 1000, 10);
    fanout.add(s);
    for (std::uint64_t seq = 1; seq <= 10; ++seq)
        fanout.publish({position(seq, "A")});
    // Ten waiting is not behind: none of A's fixes is replaced.
    EXPECT_EQ(drain(*s), (std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    EXPECT_EQ(s->conflated(), 0u);
}

TEST(FanOut, SubscriberPastTheMarkIsConflatedUntilItCatchesUp) {
    Out fanout;
    auto s = std::make_shared<Out::Subscriber>(nullptr, nullptr, 1000, 4);
    fanout.add(s);
    fanout.publish({position(1, "A"), position(2, "B"), change(3), position(4, "A")});
    EXPECT_EQ(s->conflated(), 0u);
    // The fifth waiting item passes the mark: the waiting fixes superseded by newer ones go,
    // and from then on a newer fix replaces a waiting one at once.
    fanout.publish({position(5, "B")});
    fanout.publish({position(6, "A")});
    EXPECT_EQ(s->conflated(), 3u);
    EXPECT_EQ(s->pending(), 3u);
    EXPECT_EQ(drain(*s), (std::vector<std::uint64_t>{3, 5, 6}));
    // Caught up: every fix again.
    fanout.publish({position(7, "A"), position(8, "A")});
    EXPECT_EQ(drain(*s), (std::vector<std::uint64_t>{7, 8}));
    EXPECT_EQ(s->conflated(), 3u);
}

TEST(FanOut, StalledSubscriberWithAMarkHoldsOneFixPerUnit) {
    Out fanout;
    auto stalled = std::make_shared<Out::Subscriber>(nullptr, nullptr, 1000, 2000);
    auto live = std::make_shared<Out::Subscriber>(nullptr, nullptr, 1000, 2000);
    fanout.add(stalled);
    fanout.add(live);
    std::size_t liveGot = 0;
    for (std::uint64_t seq = 1; seq <= 100'000; ++seq) {
        fanout.publish({position(seq, "U" + std::to_string(seq % 500))});
        liveGot += drain(*live).size();
    }
    EXPECT_EQ(liveGot, 100'000u);
    EXPECT_EQ(live->conflated(), 0u);
    // Not the backlog: the newest fix of each unit.
    EXPECT_EQ(stalled->pending(), 500u);
    std::vector<std::uint64_t> kept = drain(*stalled);
    ASSERT_EQ(kept.size(), 500u);
    EXPECT_EQ(kept.front(), 100'000u - 499u);
    EXPECT_EQ(kept.back(), 100'000u);
}

// The accounting the benchmarks judge by: fixes delivered, conflated or missing
// (feed_e2e_bench) and when a console has a snapshot (drill_bench).
#include <gtest/gtest.h>

#include <chrono>
#include <limits>

#include "fix_accounting.h"
#include "snapshot_watch.h"

namespace flameblue::bench {
namespace {

constexpr std::int64_t kMs = 1'000'000;

std::vector<FixMark> sentEvery500Ms(int n) {
    std::vector<FixMark> out;
    for (int k = 0; k < n; ++k) {
        out.push_back({k, k * 500 * kMs});
    }
    return out;
}

TEST(FixAccounting, AFixSupersededByANewerOneIsConflatedAndWaitsForIt) {
    // Fix 2 never arrived; fix 3 did, 900 ms after 2 was sent.
    const auto sent = sentEvery500Ms(4);
    const std::vector<FixMark> arrived = {{0, 10 * kMs}, {1, 510 * kMs}, {3, 1900 * kMs}};
    FixTally t;
    tallyFixes(sent, arrived, t);
    EXPECT_EQ(t.delivered, 3U);
    EXPECT_EQ(t.conflated, 1U);
    EXPECT_EQ(t.missing, 0U);
    ASSERT_EQ(t.waitMs.size(), 4U);
    EXPECT_DOUBLE_EQ(t.waitMs[2], 900.0);
    EXPECT_DOUBLE_EQ(t.waitMs[3], 400.0);
}

TEST(FixAccounting, AFixWithNothingNewerAfterItIsMissing) {
    const auto sent = sentEvery500Ms(3);
    const std::vector<FixMark> arrived = {{0, 5 * kMs}, {1, 505 * kMs}};
    FixTally t;
    tallyFixes(sent, arrived, t);
    EXPECT_EQ(t.delivered, 2U);
    EXPECT_EQ(t.missing, 1U);
    EXPECT_EQ(t.waitMs.back(), std::numeric_limits<double>::infinity());
}

// What arrived was fast, but much did not arrive: judged on what arrived alone this would pass.
TEST(FixAccounting, TheVerdictCountsWhatWasConflatedOrMissing) {
    const auto sent = sentEvery500Ms(100);
    std::vector<FixMark> arrived;
    for (int k = 0; k < 100; k += 10) {  // one fix in ten, each 20 ms after it was sent
        arrived.push_back({k, k * 500 * kMs + 20 * kMs});
    }
    FixTally t;
    tallyFixes(sent, arrived, t);
    EXPECT_EQ(t.delivered, 10U);
    EXPECT_EQ(t.conflated, 81U);
    EXPECT_EQ(t.missing, 9U);
    EXPECT_LE(quantile(t.deliveredWaitMs, 0.99), 200.0);
    EXPECT_FALSE(fixLatencyMet(t, 200.0));

    // Conflated only (nothing missing): still judged on how long the newer position took.
    FixTally slow;
    arrived.push_back({100, 100 * 500 * kMs});
    tallyFixes(sent, arrived, slow);
    EXPECT_EQ(slow.missing, 0U);
    EXPECT_GT(quantile(slow.waitMs, 0.99), 200.0);
    EXPECT_FALSE(fixLatencyMet(slow, 200.0));
}

TEST(FixAccounting, EverythingDeliveredInTimeIsMet) {
    const auto sent = sentEvery500Ms(50);
    std::vector<FixMark> arrived;
    for (const auto& s : sent) {
        arrived.push_back({s.k, s.atNs + 30 * kMs});
    }
    FixTally t;
    tallyFixes(sent, arrived, t);
    EXPECT_EQ(t.delivered, 50U);
    EXPECT_DOUBLE_EQ(quantile(t.waitMs, 0.99), 30.0);
    EXPECT_TRUE(fixLatencyMet(t, 200.0));
}

v1::SubscribeResponse begin(const char* reason, std::uint64_t seq, int units) {
    v1::SubscribeResponse m;
    m.mutable_snapshot_begin()->set_reason(reason);
    m.mutable_snapshot_begin()->set_seq(seq);
    m.mutable_snapshot_begin()->set_units(static_cast<std::uint32_t>(units));
    return m;
}

v1::SubscribeResponse chunk(int units) {
    v1::SubscribeResponse m;
    for (int i = 0; i < units; ++i) {
        m.mutable_snapshot_chunk()->add_units()->set_id("U" + std::to_string(i));
    }
    return m;
}

v1::SubscribeResponse end(std::uint64_t seq) {
    v1::SubscribeResponse m;
    m.mutable_snapshot_end()->set_seq(seq);
    return m;
}

// A seek's wait ends when the last part of the new snapshot has arrived, not before.
TEST(SnapshotWatch, ASeekIsServedWhenItsWholeSnapshotHasArrived) {
    using Clock = SnapshotWatch::Clock;
    const Clock::time_point t0{};
    SnapshotWatch w;
    w.onMessage(begin("new", 10, 3), t0);
    w.onMessage(chunk(3), t0);
    w.onMessage(end(10), t0 + std::chrono::milliseconds(1));
    v1::SubscribeResponse event;
    event.mutable_event()->set_seq(11);
    w.onMessage(event, t0 + std::chrono::milliseconds(2));

    w.onMessage(begin("seek", 12, 1000), t0 + std::chrono::milliseconds(100));
    w.onMessage(chunk(500), t0 + std::chrono::milliseconds(150));
    EXPECT_FALSE(w.firstAtOrAfter("seek", 12));  // half the state is not a state
    w.onMessage(chunk(500), t0 + std::chrono::milliseconds(300));
    EXPECT_FALSE(w.firstAtOrAfter("seek", 12));
    w.onMessage(end(12), t0 + std::chrono::milliseconds(310));
    const auto served = w.firstAtOrAfter("seek", 12);
    ASSERT_TRUE(served);
    EXPECT_EQ(served->at, t0 + std::chrono::milliseconds(310));
    EXPECT_TRUE(served->complete);
    EXPECT_EQ(w.events(), 1U);
    // An earlier state does not answer a later seek.
    EXPECT_FALSE(w.firstAtOrAfter("seek", 13));
}

TEST(SnapshotWatch, ASnapshotShortOfWhatItAnnouncedIsIncomplete) {
    SnapshotWatch w;
    w.onMessage(begin("seek", 5, 10), {});
    w.onMessage(chunk(7), {});
    w.onMessage(end(5), {});
    ASSERT_TRUE(w.firstAtOrAfter("seek", 5));
    EXPECT_FALSE(w.firstAtOrAfter("seek", 5)->complete);
}

}  // namespace
}  // namespace flameblue::bench

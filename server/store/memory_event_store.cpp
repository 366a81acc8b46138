#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "store/event_store.h"

namespace flameblue::store {

namespace {

// Callbacks run outside the lock, on a copied chunk: a callback may then call back into the
// store (even append) without deadlocking, and a slow one never blocks the writer.
constexpr std::size_t kScanChunk = 256;

class MemoryEventStore final : public EventStore {
public:
    core::Status append(std::span<const core::Event> events) override {
        if (events.empty()) {
            return core::Ok{};
        }
        std::unique_lock lock(m_mutex);
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
        m_events.insert(m_events.end(), events.begin(), events.end());
        m_lastSeq.store(events.back().seq, std::memory_order_release);
        return core::Ok{};
    }

    std::uint64_t lastSeq() const override { return m_lastSeq.load(std::memory_order_acquire); }
    std::uint64_t firstSeq() const override { return 1; }

    core::Status scan(std::uint64_t afterSeq, std::uint64_t upToSeq,
                      const std::function<bool(const core::Event&)>& fn) const override {
        std::vector<core::Event> chunk;
        std::uint64_t from = afterSeq;
        while (from < upToSeq) {
            chunk.clear();
            {
                std::shared_lock lock(m_mutex);
                // m_events[i] holds seq i + 1.
                const std::size_t begin = std::min<std::uint64_t>(from, m_events.size());
                const std::size_t end = static_cast<std::size_t>(std::min<std::uint64_t>(
                    {upToSeq, m_events.size(), static_cast<std::uint64_t>(begin) + kScanChunk}));
                chunk.assign(m_events.begin() + static_cast<std::ptrdiff_t>(begin),
                             m_events.begin() + static_cast<std::ptrdiff_t>(end));
            }
            if (chunk.empty()) {
                break;
            }
            for (const core::Event& e : chunk) {
                if (!fn(e)) {
                    return core::Ok{};
                }
            }
            from = chunk.back().seq;
        }
        return core::Ok{};
    }

    core::Status saveSnapshot(const core::State& state) override {
        std::unique_lock lock(m_mutex);
        const std::uint64_t last = m_lastSeq.load(std::memory_order_relaxed);
        if (state.lastSeq() > last) {
            return core::failedPrecondition("snapshot at seq " + std::to_string(state.lastSeq()) +
                                            " is ahead of the log (last seq " +
                                            std::to_string(last) + ")");
        }
        m_snapshots.insert_or_assign(state.lastSeq(), state);
        while (m_snapshots.size() > static_cast<std::size_t>(std::max(1, m_keepSnapshots))) {
            m_snapshots.erase(m_snapshots.begin());
        }
        return core::Ok{};
    }

    core::Result<std::optional<core::State>> loadLatestSnapshot() const override {
        std::shared_lock lock(m_mutex);
        if (m_snapshots.empty()) {
            return std::optional<core::State>();
        }
        return std::optional<core::State>(m_snapshots.rbegin()->second);
    }

    core::Result<std::optional<core::State>> loadSnapshotAtOrBefore(
        std::uint64_t seq) const override {
        std::shared_lock lock(m_mutex);
        auto it = m_snapshots.upper_bound(seq);
        if (it == m_snapshots.begin()) {
            return std::optional<core::State>();
        }
        return std::optional<core::State>(std::prev(it)->second);
    }

    // Same answer as the SQLite store: the event with the greatest (time, seq) at or before
    // timeMs; "the last seq at or before" whenever times do not decrease along the log.
    core::Result<std::uint64_t> lastSeqAtOrBefore(core::TimeMs timeMs) const override {
        std::shared_lock lock(m_mutex);
        const core::Event* best = nullptr;
        for (const core::Event& e : m_events) {
            if (e.time <= timeMs && (!best || e.time >= best->time)) {
                best = &e;
            }
        }
        return best ? best->seq : 0;
    }

private:
    mutable std::shared_mutex m_mutex;
    std::vector<core::Event> m_events;                 // guarded by m_mutex
    std::map<std::uint64_t, core::State> m_snapshots;  // guarded by m_mutex
    std::atomic<std::uint64_t> m_lastSeq{0};
    int m_keepSnapshots = SqliteOptions{}.keepSnapshots;
};

}  // namespace

std::unique_ptr<EventStore> makeMemoryStore() {
    return std::make_unique<MemoryEventStore>();
}

}  // namespace flameblue::store

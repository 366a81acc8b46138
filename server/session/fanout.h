#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace flameblue::session {

// Live fan-out of one session's events to many subscribers, each with its own queue.
//
// A subscriber that falls behind never slows the writer or the others: position items carry a
// conflation key (the unit id), and once more than `conflateAbove` items wait in a subscriber's
// queue it is behind: from then on a newer position replaces an older one of the same key still
// waiting there (and those already waiting are conflated the same way), so it gets the latest
// position per entity rather than a stale backlog. A subscriber that keeps up (its queue at or
// below that mark) gets every position; once its queue is back to half the mark it is no longer
// behind. Other items are never dropped or reordered; if more than `maxBacklog` of them pile up,
// the queue is cleared and the subscriber is marked overflowed so that it is sent a fresh
// snapshot.
template <typename Item>
class FanOut {
public:
    using ItemPtr = std::shared_ptr<const Item>;

    struct Published {
        ItemPtr item;
        std::string conflationKey;  // empty: never conflated
    };

    class Subscriber {
    public:
        // `wake` is called (without locks held) when an empty queue gets an item or overflows.
        // `conflateAbove` 0: positions are conflated whenever an older one still waits.
        Subscriber(std::function<void()> wake, std::function<bool(const Item&)> accept,
                   std::size_t maxBacklog, std::size_t conflateAbove = 0)
            : m_wake(std::move(wake)),
              m_accept(std::move(accept)),
              m_maxBacklog(maxBacklog),
              m_conflateAbove(conflateAbove),
              m_conflating(conflateAbove == 0) {}

        // The next item, or null when the queue is empty.
        ItemPtr pop() {
            std::lock_guard lock(m_mutex);
            while (!m_queue.empty()) {
                Entry e = std::move(m_queue.front());
                m_queue.pop_front();
                ++m_front;
                if (!e.item) {
                    --m_dead;
                    continue;
                }
                if (e.key.empty()) {
                    --m_stateItems;
                } else if (m_conflating) {
                    auto it = m_latest.find(e.key);
                    if (it != m_latest.end() && it->second == m_front - 1) {
                        m_latest.erase(it);
                    }
                }
                if (m_conflating && m_conflateAbove > 0 &&
                    m_queue.size() - m_dead <= m_conflateAbove / 2) {
                    m_conflating = false;  // caught up: every position again
                    m_latest.clear();
                }
                return e.item;
            }
            return nullptr;
        }

        // True once after the queue overflowed; the caller resynchronises with a snapshot.
        bool takeOverflow() {
            std::lock_guard lock(m_mutex);
            const bool o = m_overflow;
            m_overflow = false;
            return o;
        }

        std::size_t pending() const {
            std::lock_guard lock(m_mutex);
            return m_queue.size() - m_dead;
        }
        std::uint64_t conflated() const {
            std::lock_guard lock(m_mutex);
            return m_conflatedTotal;
        }

    private:
        friend class FanOut;
        struct Entry {
            ItemPtr item;  // null: superseded by a newer position
            std::string key;
        };

        // Returns true when the subscriber should be woken.
        bool push(const std::vector<Published>& batch) {
            std::lock_guard lock(m_mutex);
            const bool wasEmpty = m_queue.size() == m_dead;
            bool any = false;
            for (const Published& p : batch) {
                if (m_accept && !m_accept(*p.item)) {
                    continue;
                }
                any = true;
                const std::uint64_t index = m_front + m_queue.size();
                if (p.conflationKey.empty()) {
                    ++m_stateItems;
                } else if (m_conflating) {
                    auto [it, inserted] = m_latest.try_emplace(p.conflationKey, index);
                    if (!inserted) {
                        m_queue[it->second - m_front].item.reset();
                        ++m_dead;
                        ++m_conflatedTotal;
                        it->second = index;
                    }
                }
                m_queue.push_back(Entry{p.item, p.conflationKey});
            }
            if (!m_conflating && m_queue.size() - m_dead > m_conflateAbove) {
                startConflating();
            }
            if (m_stateItems > m_maxBacklog) {
                m_queue.clear();
                m_latest.clear();
                m_front = 0;
                m_dead = 0;
                m_stateItems = 0;
                m_conflating = m_conflateAbove == 0;
                m_overflow = true;
                return true;
            }
            if (m_dead > 1024 && m_dead * 2 > m_queue.size()) {
                compact();
            }
            return any && wasEmpty;
        }

        // The queue grew past the mark: keep only the newest waiting position per key.
        void startConflating() {
            m_conflating = true;
            m_latest.clear();
            for (std::size_t i = m_queue.size(); i-- > 0;) {
                Entry& e = m_queue[i];
                if (!e.item || e.key.empty()) {
                    continue;
                }
                if (!m_latest.try_emplace(e.key, m_front + i).second) {
                    e.item.reset();  // a newer one of the same key waits behind it
                    ++m_dead;
                    ++m_conflatedTotal;
                }
            }
        }

        void compact() {
            std::deque<Entry> kept;
            m_latest.clear();
            for (Entry& e : m_queue) {
                if (!e.item)
                    continue;
                if (!e.key.empty() && m_conflating)
                    m_latest[e.key] = m_front + kept.size();
                kept.push_back(std::move(e));
            }
            m_queue = std::move(kept);
            m_dead = 0;
        }

        std::function<void()> m_wake;
        std::function<bool(const Item&)> m_accept;
        std::size_t m_maxBacklog;
        std::size_t m_conflateAbove;
        bool m_conflating;  // behind: m_latest indexes the newest waiting position per key

        mutable std::mutex m_mutex;
        std::deque<Entry> m_queue;
        std::uint64_t m_front = 0;  // absolute index of m_queue.front()
        std::unordered_map<std::string, std::uint64_t> m_latest;
        std::size_t m_dead = 0;
        std::size_t m_stateItems = 0;
        std::uint64_t m_conflatedTotal = 0;
        bool m_overflow = false;
    };

    void add(const std::shared_ptr<Subscriber>& s) {
        std::lock_guard lock(m_mutex);
        m_subscribers.push_back(s);
    }

    void remove(const Subscriber* s) {
        std::lock_guard lock(m_mutex);
        std::erase_if(m_subscribers, [s](const auto& p) { return p.get() == s; });
    }

    void publish(const std::vector<Published>& batch) {
        if (batch.empty()) {
            return;
        }
        std::vector<std::shared_ptr<Subscriber>> toWake;
        {
            std::lock_guard lock(m_mutex);
            for (const auto& s : m_subscribers) {
                if (s->push(batch)) {
                    toWake.push_back(s);
                }
            }
        }
        for (const auto& s : toWake) {
            if (s->m_wake)
                s->m_wake();
        }
    }

    std::size_t size() const {
        std::lock_guard lock(m_mutex);
        return m_subscribers.size();
    }

private:
    mutable std::mutex m_mutex;
    std::vector<std::shared_ptr<Subscriber>> m_subscribers;
};

}  // namespace flameblue::session

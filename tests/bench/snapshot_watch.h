// Follows a Subscribe stream as a console reads it and notes when each snapshot has fully
// arrived: the moment a console has the state (drill_bench ends a seek's time there).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "flameblue/v1/dispatch.pb.h"

namespace flameblue::bench {

class SnapshotWatch {
public:
    using Clock = std::chrono::steady_clock;
    struct Snapshot {
        std::string reason;     // "new", "seek", "start", "lagging", ...
        std::uint64_t seq = 0;  // the state's version
        Clock::time_point at;   // when its last message was read
        bool complete = false;  // every entity the begin announced came in its chunks
    };

    // Every message of the stream, in order, with the moment it was read.
    void onMessage(const v1::SubscribeResponse& m, Clock::time_point at) {
        if (m.has_snapshot_begin()) {
            const auto& b = m.snapshot_begin();
            m_open = true;
            m_current = Snapshot{b.reason(), b.seq(), at, false};
            m_announced = std::uint64_t{b.stations()} + b.units() + b.aircraft() + b.incidents() +
                          b.water_sources();
            m_received = 0;
        } else if (m.has_snapshot_chunk() && m_open) {
            const auto& c = m.snapshot_chunk();
            m_received +=
                static_cast<std::uint64_t>(c.stations_size() + c.units_size() + c.aircraft_size() +
                                           c.incidents_size() + c.water_sources_size());
        } else if (m.has_snapshot_end() && m_open) {
            m_open = false;
            m_current.at = at;
            m_current.complete = m_received == m_announced;
            m_done.push_back(m_current);
        } else if (m.has_event()) {
            ++m_events;
        } else if (m.has_events()) {
            m_events += static_cast<std::uint64_t>(m.events().events_size());
        }
    }

    // The first snapshot for `reason` of state `seq` or later that has fully arrived.
    std::optional<Snapshot> firstAtOrAfter(const std::string& reason, std::uint64_t seq) const {
        for (const Snapshot& s : m_done) {
            if (s.reason == reason && s.seq >= seq) {
                return s;
            }
        }
        return std::nullopt;
    }
    const std::vector<Snapshot>& snapshots() const { return m_done; }
    std::uint64_t events() const { return m_events; }

private:
    bool m_open = false;
    Snapshot m_current;
    std::uint64_t m_announced = 0;
    std::uint64_t m_received = 0;
    std::vector<Snapshot> m_done;
    std::uint64_t m_events = 0;
};

}  // namespace flameblue::bench

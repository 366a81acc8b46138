#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/events.h"
#include "core/result.h"
#include "core/state.h"
#include "store/event_store.h"

namespace flameblue::replay {

// An incident as the drill bar marks it on the seek slider.
struct IncidentMark {
    core::Id id;
    std::string type;
    int level = 1;
    std::string city;
    core::TimeMs alarmMs = 0;
};

struct TimelineOptions {
    // A snapshot every this many events: a seek folds at most this many.
    std::uint64_t snapshotEveryEvents = 20'000;
    // Events copied per append transaction while building.
    std::size_t batchEvents = 10'000;
};

// The history a drill replays, copied once into the drill's own store and never changed: seq 1
// is a DrillStateReset marker whose snapshot is the state just before the range; seq 2.. are the
// events of the range with their own times, operators and origins, renumbered. Snapshots every
// few thousand events make the state at any time a snapshot plus a short fold.
class Timeline {
public:
    // Copies the events of `source` with fromMs <= time <= toMs (reading only) into `target`,
    // which must be empty. An empty range is an error.
    static core::Result<std::unique_ptr<Timeline>> fromStore(
        const store::EventStore& source, core::TimeMs fromMs, core::TimeMs toMs,
        std::unique_ptr<store::EventStore> target, const TimelineOptions& options = {});
    // A timeline from events made elsewhere (a scenario file): `base` is the world before them;
    // their seq numbers are assigned here, their times must not decrease.
    static core::Result<std::unique_ptr<Timeline>> fromEvents(
        core::State base, core::TimeMs fromMs, std::vector<core::Event> events,
        std::unique_ptr<store::EventStore> target, const TimelineOptions& options = {});

    core::TimeMs startMs() const { return m_startMs; }
    core::TimeMs endMs() const { return m_endMs; }
    // Seq of the last timeline event (the marker is seq 1).
    std::uint64_t lastSeq() const { return m_store->lastSeq(); }
    std::uint64_t eventCount() const { return lastSeq() - 1; }
    const std::vector<IncidentMark>& incidents() const { return m_incidents; }
    const store::EventStore& store() const { return *m_store; }

    // Seq of the last event with time <= t (1, the marker, before the first event).
    core::Result<std::uint64_t> seqAt(core::TimeMs t) const;
    // The world after every event with time <= t; the state's seq is the timeline's.
    core::Result<core::State> stateAt(core::TimeMs t) const;
    // The world after timeline seq `seq`.
    core::Result<core::State> stateAtSeq(std::uint64_t seq) const;
    // Events afterSeq < seq <= upToSeq in order (never the marker).
    core::Status scan(std::uint64_t afterSeq, std::uint64_t upToSeq,
                      const std::function<bool(const core::Event&)>& fn) const;

private:
    Timeline(std::unique_ptr<store::EventStore> store, core::TimeMs startMs, core::TimeMs endMs)
        : m_store(std::move(store)), m_startMs(startMs), m_endMs(endMs) {}

    // Writes the marker and base snapshot; then append() each event in order and finish().
    core::Status begin(core::State base);
    core::Status append(core::Event event);
    core::Status finish();
    core::Status flush();

    std::unique_ptr<store::EventStore> m_store;
    core::TimeMs m_startMs = 0;
    core::TimeMs m_endMs = 0;
    std::vector<IncidentMark> m_incidents;

    // Building only.
    TimelineOptions m_options;
    core::State m_building;
    std::vector<core::Event> m_pending;
    std::uint64_t m_lastSnapshotSeq = 0;
};

}  // namespace flameblue::replay

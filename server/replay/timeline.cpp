#include "replay/timeline.h"

#include <utility>

namespace flameblue::replay {

namespace {
std::string timeText(core::TimeMs t) {
    return std::to_string(t);
}
}  // namespace

core::Result<std::unique_ptr<Timeline>> Timeline::fromStore(
    const store::EventStore& source, core::TimeMs fromMs, core::TimeMs toMs,
    std::unique_ptr<store::EventStore> target, const TimelineOptions& options) {
    if (fromMs <= 0 || toMs < fromMs) {
        return core::invalidArgument("range: from " + timeText(fromMs) + " to " + timeText(toMs) +
                                     " ms is not a time range (from > 0 and from <= to expected)");
    }
    auto before = source.lastSeqAtOrBefore(fromMs - 1);
    auto last = before ? source.lastSeqAtOrBefore(toMs) : before;
    if (!last) {
        return last.error();
    }
    const std::uint64_t baseSeq = *before;
    const std::uint64_t lastSeq = *last;
    if (lastSeq <= baseSeq) {
        return core::failedPrecondition("range: the log has no events between " + timeText(fromMs) +
                                        " and " + timeText(toMs) +
                                        " ms; choose a range that has some");
    }
    // The world before the range: the newest snapshot at or before it plus the events between.
    auto snapshot = source.loadSnapshotAtOrBefore(baseSeq);
    if (!snapshot) {
        return snapshot.error();
    }
    core::State base = snapshot->value_or(core::State{});
    if (!snapshot->has_value() && source.firstSeq() > 1) {
        return core::failedPrecondition("range: the log before " + timeText(fromMs) +
                                        " ms is no longer stored");
    }
    core::Status folded = source.scan(base.lastSeq(), baseSeq, [&](const core::Event& e) {
        base.apply(e);
        return true;
    });
    if (!folded) {
        return folded.error();
    }

    std::unique_ptr<Timeline> t(new Timeline(std::move(target), fromMs, toMs));
    t->m_options = options;
    if (auto st = t->begin(std::move(base)); !st) {
        return st.error();
    }
    core::Status appended = core::Ok{};
    core::Status scanned = source.scan(baseSeq, lastSeq, [&](const core::Event& e) {
        appended = t->append(e);
        return bool(appended);
    });
    if (!scanned) {
        return scanned.error();
    }
    if (!appended) {
        return appended.error();
    }
    if (auto st = t->finish(); !st) {
        return st.error();
    }
    return t;
}

core::Result<std::unique_ptr<Timeline>> Timeline::fromEvents(
    core::State base, core::TimeMs fromMs, std::vector<core::Event> events,
    std::unique_ptr<store::EventStore> target, const TimelineOptions& options) {
    if (events.empty()) {
        return core::failedPrecondition("timeline: no events to replay");
    }
    const core::TimeMs toMs = events.back().time;
    std::unique_ptr<Timeline> t(new Timeline(std::move(target), fromMs, toMs));
    t->m_options = options;
    if (auto st = t->begin(std::move(base)); !st) {
        return st.error();
    }
    core::TimeMs previous = fromMs;
    for (core::Event& e : events) {
        if (e.time < previous) {
            return core::invalidArgument("timeline: event times go backwards at " +
                                         timeText(e.time) + " ms");
        }
        previous = e.time;
        if (auto st = t->append(std::move(e)); !st) {
            return st.error();
        }
    }
    if (auto st = t->finish(); !st) {
        return st.error();
    }
    return t;
}

core::Status Timeline::begin(core::State base) {
    if (m_store->lastSeq() != 0) {
        return core::failedPrecondition("timeline: the target store is not empty");
    }
    for (const auto& [id, inc] : base.incidents()) {
        if (inc.status != core::IncidentStatus::Closed) {
            m_incidents.push_back({id, inc.type, inc.level, inc.city, inc.received});
        }
    }
    core::Event marker;
    marker.seq = 1;
    marker.time = m_startMs;
    marker.operatorId = "system";
    marker.origin = "replay";
    marker.payload = core::DrillStateReset{"start", m_startMs};
    base.apply(marker);
    if (auto st = m_store->append(std::span<const core::Event>(&marker, 1)); !st) {
        return st;
    }
    if (auto st = m_store->saveSnapshot(base); !st) {
        return st;
    }
    m_lastSnapshotSeq = 1;
    m_building = std::move(base);
    return core::Ok{};
}

core::Status Timeline::append(core::Event event) {
    event.seq = m_building.lastSeq() + 1;
    if (const auto* c = std::get_if<core::IncidentCreated>(&event.payload)) {
        m_incidents.push_back({c->id, c->type, c->level, c->city, event.time});
    }
    m_building.apply(event);
    m_pending.push_back(std::move(event));
    if (m_pending.size() >= m_options.batchEvents) {
        if (auto st = flush(); !st) {
            return st;
        }
    }
    if (m_building.lastSeq() - m_lastSnapshotSeq >= m_options.snapshotEveryEvents) {
        if (auto st = flush(); !st) {
            return st;
        }
        if (auto st = m_store->saveSnapshot(m_building); !st) {
            return st;
        }
        m_lastSnapshotSeq = m_building.lastSeq();
    }
    return core::Ok{};
}

core::Status Timeline::flush() {
    if (m_pending.empty()) {
        return core::Ok{};
    }
    core::Status st = m_store->append(m_pending);
    m_pending.clear();
    return st;
}

core::Status Timeline::finish() {
    if (auto st = flush(); !st) {
        return st;
    }
    if (m_building.lastSeq() > m_lastSnapshotSeq) {
        if (auto st = m_store->saveSnapshot(m_building); !st) {
            return st;
        }
    }
    m_building = core::State{};
    return core::Ok{};
}

core::Result<std::uint64_t> Timeline::seqAt(core::TimeMs t) const {
    auto seq = m_store->lastSeqAtOrBefore(t);
    if (!seq) {
        return seq;
    }
    return std::max<std::uint64_t>(1, *seq);
}

core::Result<core::State> Timeline::stateAt(core::TimeMs t) const {
    auto seq = seqAt(t);
    if (!seq) {
        return seq.error();
    }
    return stateAtSeq(*seq);
}

core::Result<core::State> Timeline::stateAtSeq(std::uint64_t seq) const {
    auto snapshot = m_store->loadSnapshotAtOrBefore(seq);
    if (!snapshot) {
        return snapshot.error();
    }
    if (!snapshot->has_value()) {
        return core::Error{core::ErrorCode::Internal, "timeline: the start snapshot is missing"};
    }
    core::State state = std::move(**snapshot);
    core::Status st = m_store->scan(state.lastSeq(), seq, [&](const core::Event& e) {
        state.apply(e);
        return true;
    });
    if (!st) {
        return st.error();
    }
    return state;
}

core::Status Timeline::scan(std::uint64_t afterSeq, std::uint64_t upToSeq,
                            const std::function<bool(const core::Event&)>& fn) const {
    return m_store->scan(std::max<std::uint64_t>(afterSeq, 1), upToSeq, fn);
}

}  // namespace flameblue::replay

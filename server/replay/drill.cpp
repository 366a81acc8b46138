#include "replay/drill.h"

#include <algorithm>
#include <cmath>

namespace flameblue::replay {

namespace {
constexpr std::size_t kDeliveryChunk = 4096;

// The incident an event is about, for renaming; null for other events.
core::Id* incidentIdOf(core::EventPayload& p) {
    if (auto* e = std::get_if<core::IncidentCreated>(&p))
        return &e->id;
    if (auto* e = std::get_if<core::IncidentUpdated>(&p))
        return &e->id;
    if (auto* e = std::get_if<core::IncidentStatusChanged>(&p))
        return &e->id;
    if (auto* e = std::get_if<core::NoteAdded>(&p))
        return &e->incidentId;
    if (auto* e = std::get_if<core::UnitsDispatched>(&p))
        return &e->incidentId;
    if (auto* e = std::get_if<core::UnitsReleased>(&p))
        return &e->incidentId;
    return nullptr;
}
}  // namespace

void Drill::renameLocked(core::Event& e, const core::State& served) {
    core::Id* id = incidentIdOf(e.payload);
    if (!id) {
        return;
    }
    if (std::holds_alternative<core::IncidentCreated>(e.payload) && served.incident(*id)) {
        // Trainees created an incident that took this number first: history's keeps its own
        // under another id, so neither overwrites the other.
        core::Id renamed = *id + "-H";
        while (served.incident(renamed)) {
            renamed += "H";
        }
        m_renamed[*id] = renamed;
    }
    if (auto it = m_renamed.find(*id); it != m_renamed.end()) {
        *id = it->second;
    }
}

Drill::Drill(DrillInfo info, std::unique_ptr<Timeline> timeline,
             std::unique_ptr<store::EventStore> sessionStore, core::Reference reference,
             session::Clock wallClock)
    : m_info(std::move(info)), m_timeline(std::move(timeline)), m_wallClock(std::move(wallClock)) {
    m_clockMs = m_timeline->startMs();
    session::SessionOptions options;
    options.id = m_info.id;
    // Snapshots only at resets (and at stop): catch-up never has to fold across a reset.
    options.snapshotEveryEvents = UINT64_MAX / 2;
    options.clock = [this] { return m_clockMs.load(); };
    m_session =
        std::make_unique<session::Session>(options, std::move(sessionStore), std::move(reference));
}

Drill::~Drill() {
    stop();
}

core::Status Drill::start() {
    if (auto st = m_session->open(); !st) {
        return st;
    }
    m_session->start();
    std::lock_guard lock(m_mutex);
    const core::TimeMs t = m_timeline->startMs();
    auto world = m_timeline->stateAt(t);
    auto seq = world ? m_timeline->seqAt(t) : core::Result<std::uint64_t>(world.error());
    if (!seq) {
        return seq.error();
    }
    auto reset = m_session->resetState(std::move(world).value(), {m_info.createdBy, "drill", t},
                                       core::DrillStateReset{"start", t});
    if (!reset) {
        return reset.error();
    }
    m_cursor = *seq;
    m_clockMs = t;
    return core::Ok{};
}

void Drill::stop() {
    m_session->stop();
}

core::Status Drill::acquireLocked(const std::string& by) {
    const core::TimeMs now = m_wallClock();
    if (!m_controller.empty() && m_controller != by && now < m_leaseUntil) {
        return core::failedPrecondition(
            "drill " + m_info.id + ": playback is controlled by instructor \"" + m_controller +
            "\"; it is free when they release it or after " + std::to_string(kLeaseMs / 1000) +
            " s without a playback call (" + std::to_string((m_leaseUntil - now + 999) / 1000) +
            " s left)");
    }
    m_controller = by;
    m_leaseUntil = now + kLeaseMs;
    return core::Ok{};
}

core::Status Drill::holdControl(const std::string& by) {
    std::lock_guard lock(m_mutex);
    return acquireLocked(by);
}

core::Status Drill::releaseControl(const std::string& by) {
    std::lock_guard lock(m_mutex);
    if (m_controller != by) {
        return core::failedPrecondition("drill " + m_info.id + ": \"" + by +
                                        "\" does not hold the playback control");
    }
    m_controller.clear();
    m_leaseUntil = 0;
    return core::Ok{};
}

core::Status Drill::play(const std::string& by) {
    std::lock_guard lock(m_mutex);
    if (auto st = acquireLocked(by); !st) {
        return st;
    }
    if (m_clockMs.load() >= m_timeline->endMs()) {
        return core::failedPrecondition("drill " + m_info.id +
                                        ": playback is at the end of the range; seek back first");
    }
    m_playing = true;
    return core::Ok{};
}

core::Status Drill::pause(const std::string& by) {
    std::lock_guard lock(m_mutex);
    if (auto st = acquireLocked(by); !st) {
        return st;
    }
    m_playing = false;
    return core::Ok{};
}

core::Status Drill::setSpeed(const std::string& by, double speed) {
    if (!std::isfinite(speed) || speed < kMinSpeed || speed > kMaxSpeed) {
        return core::invalidArgument("speed: " + std::to_string(speed) + " is outside " +
                                     std::to_string(kMinSpeed) + " to " +
                                     std::to_string(kMaxSpeed));
    }
    std::lock_guard lock(m_mutex);
    if (auto st = acquireLocked(by); !st) {
        return st;
    }
    m_speed = speed;
    return core::Ok{};
}

core::Status Drill::step(const std::string& by, core::TimeMs ms) {
    std::lock_guard lock(m_mutex);
    if (auto st = acquireLocked(by); !st) {
        return st;
    }
    m_playing = false;
    core::TimeMs target = m_clockMs.load() + ms;
    if (ms <= 0) {
        // The next thing that happened in history.
        target = m_timeline->endMs();
        core::Status st = m_timeline->scan(m_cursor, m_timeline->lastSeq(), [&](const auto& e) {
            target = e.time;
            return false;
        });
        if (!st) {
            return st;
        }
    }
    return deliverUpToLocked(std::min(target, m_timeline->endMs()));
}

core::Status Drill::seek(const std::string& by, core::TimeMs t) {
    std::lock_guard lock(m_mutex);
    if (auto st = acquireLocked(by); !st) {
        return st;
    }
    if (t < m_timeline->startMs() || t > m_timeline->endMs()) {
        return core::invalidArgument("time: " + std::to_string(t) +
                                     " ms is outside the drill's range " +
                                     std::to_string(m_timeline->startMs()) + " to " +
                                     std::to_string(m_timeline->endMs()) + " ms");
    }
    auto seq = m_timeline->seqAt(t);
    if (!seq) {
        return seq.error();
    }
    auto world = m_timeline->stateAtSeq(*seq);
    if (!world) {
        return world.error();
    }
    auto reset = m_session->resetState(std::move(world).value(), {by, "drill", t},
                                       core::DrillStateReset{"seek", t});
    if (!reset) {
        return reset.error();
    }
    m_cursor = *seq;
    m_clockMs = t;
    m_carryMs = 0;
    m_filter.clear();
    m_handOvers.clear();
    m_renamed.clear();
    return core::Ok{};
}

core::Status Drill::handOver(const std::string& by, const core::Id& incidentId) {
    std::lock_guard lock(m_mutex);
    if (auto st = acquireLocked(by); !st) {
        return st;
    }
    const auto& marks = m_timeline->incidents();
    const bool known = std::any_of(marks.begin(), marks.end(),
                                   [&](const IncidentMark& m) { return m.id == incidentId; });
    if (!known) {
        return core::notFound("incident: \"" + incidentId + "\" is not in drill " + m_info.id);
    }
    if (m_filter.handedOver(incidentId)) {
        return core::Error{core::ErrorCode::AlreadyExists,
                           "incident: \"" + incidentId + "\" is already handed over"};
    }
    if (!m_filter.active()) {
        auto history = m_timeline->stateAtSeq(m_cursor);
        if (!history) {
            return history.error();
        }
        m_filter.handOver(incidentId, *history);
    } else {
        m_filter.handOver(incidentId, core::State{});
    }
    const core::TimeMs now = m_clockMs.load();
    auto marker =
        m_session->appendTrusted({by, "drill", now}, {core::IncidentHandedOver{incidentId, now}});
    if (!marker) {
        return marker.error();
    }
    m_handOvers.push_back({incidentId, now, by});
    return core::Ok{};
}

core::Status Drill::advance(core::TimeMs wallMs) {
    std::lock_guard lock(m_mutex);
    if (!m_playing || wallMs <= 0) {
        return core::Ok{};
    }
    const double drillMs = static_cast<double>(wallMs) * m_speed + m_carryMs;
    const auto whole = static_cast<core::TimeMs>(drillMs);
    m_carryMs = drillMs - static_cast<double>(whole);
    core::TimeMs target = m_clockMs.load() + whole;
    if (target >= m_timeline->endMs()) {
        target = m_timeline->endMs();
        m_playing = false;
    }
    return deliverUpToLocked(target);
}

core::Status Drill::deliverUpToLocked(core::TimeMs t) {
    auto upTo = m_timeline->seqAt(t);
    if (!upTo) {
        return upTo.error();
    }
    std::vector<core::Event> chunk;
    core::Status delivered = core::Ok{};
    core::Status scanned = m_timeline->scan(m_cursor, *upTo, [&](const core::Event& e) {
        chunk.push_back(e);
        if (chunk.size() >= kDeliveryChunk) {
            delivered = deliverChunkLocked(chunk);
        }
        return bool(delivered);
    });
    if (scanned && delivered) {
        delivered = deliverChunkLocked(chunk);
    }
    if (!scanned) {
        return scanned;
    }
    if (!delivered) {
        return delivered;
    }
    m_cursor = *upTo;
    // The drill clock moves only once what is due is in: a trainee command is never stamped
    // earlier than history already served.
    m_clockMs = std::max(m_clockMs.load(), t);
    return core::Ok{};
}

core::Status Drill::deliverChunkLocked(std::vector<core::Event>& chunk) {
    if (chunk.empty()) {
        return core::Ok{};
    }
    const std::uint64_t lastSeq = chunk.back().seq;
    std::vector<core::Event> out;
    out.reserve(chunk.size());
    m_session->withState([&](const core::State& served, const auto&) {
        for (const core::Event& e : chunk) {
            std::optional<core::Event> kept = m_filter.pass(e, served);
            if (kept) {
                renameLocked(*kept, served);
                out.push_back(std::move(*kept));
            }
        }
        return 0;
    });
    chunk.clear();
    if (!out.empty()) {
        auto appended = m_session->appendReplayed(std::move(out));
        if (!appended) {
            return appended.error();
        }
    }
    m_cursor = lastSeq;
    return core::Ok{};
}

Playback Drill::playback() const {
    std::lock_guard lock(m_mutex);
    Playback p;
    p.playing = m_playing;
    p.speed = m_speed;
    p.drillTimeMs = m_clockMs.load();
    p.startMs = m_timeline->startMs();
    p.endMs = m_timeline->endMs();
    p.atEnd = p.drillTimeMs >= p.endMs;
    if (m_wallClock() < m_leaseUntil) {
        p.controller = m_controller;
    }
    p.handOvers = m_handOvers;
    p.timelineSeq = m_cursor;
    return p;
}

}  // namespace flameblue::replay

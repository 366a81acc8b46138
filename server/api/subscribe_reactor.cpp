#include "api/subscribe_reactor.h"

#include <algorithm>

namespace flameblue::api {

namespace {

// Protocol buffers wire format: the key and length of a length-delimited field (a message).
void putVarint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

void putField(std::string& out, int field, std::size_t length) {
    constexpr std::uint64_t kLengthDelimited = 2;
    putVarint(out, (static_cast<std::uint64_t>(field) << 3) | kLengthDelimited);
    putVarint(out, length);
}

}  // namespace

SubscribeReactor::SubscribeReactor(SessionHandle handle, const pb::SubscribeRequest& request,
                                   const SubscribeLimits& limits)
    : m_handle(handle), m_limits(limits), m_link(std::make_shared<Link>()) {
    m_excludePositions = request.filter().exclude_positions();
    m_maxBatch = static_cast<int>(
        std::clamp<std::uint32_t>(request.max_events_per_message(), 1, kMaxEventsPerMessage));
    m_cities = CityFilter(
        std::set<std::string>(request.filter().cities().begin(), request.filter().cities().end()));
    m_link->reactor = this;
    std::weak_ptr<Link> weak = m_link;
    m_subscriber = std::make_shared<LiveFanOut::Subscriber>(
        [weak] {
            if (auto link = weak.lock()) {
                std::lock_guard lock(link->mutex);
                if (link->reactor) {
                    std::lock_guard inner(link->reactor->m_mutex);
                    link->reactor->pumpLocked();
                }
            }
        },
        [this](const LiveItem& item) { return accepts(item); }, m_limits.maxBacklog,
        m_limits.conflateAbove);
    start(request.after_seq());
}

bool SubscribeReactor::accepts(const LiveItem& item) const {
    if (m_excludePositions && item.position)
        return false;
    if (!m_cities.accepts(item.cities))
        return false;
    return true;
}

void SubscribeReactor::start(std::uint64_t afterSeq) {
    session::Session& session = *m_handle.session;
    const FixContext fix{session.now(), m_limits.staleAfterMs, 0};
    std::uint64_t head = 0;
    bool needSnapshot = afterSeq == 0;
    std::string reason = "new";
    std::lock_guard lock(m_mutex);
    // Registering under the state lock: every event after `head` reaches the subscriber's queue.
    // A console that moved here from another server of the same log may have seen events this
    // server has not read yet: they are in the shared log, so it waits for them instead of
    // taking a snapshot (resumed exactly, nothing twice).
    bool aheadOnSharedLog = false;
    session.withState([&](const core::State& state, const session::Session::LastHeard& heard) {
        head = state.lastSeq();
        aheadOnSharedLog = !needSnapshot && afterSeq > head && session.store().sharedByServers() &&
                           afterSeq - head <= m_limits.maxCatchUpEvents;
        if (!needSnapshot && !aheadOnSharedLog &&
            (afterSeq > head || head - afterSeq > m_limits.maxCatchUpEvents ||
             afterSeq + 1 < session.store().firstSeq())) {
            needSnapshot = true;
            reason = afterSeq > head ? "gap" : "lagging";
        }
        if (needSnapshot) {
            for (auto& item : makeSnapshot(state, heard, session.id(), fix, reason,
                                           m_limits.snapshotChunkEntities, m_cities)) {
                m_preamble.push_back(std::move(item));
            }
        }
        m_handle.fanout->add(m_subscriber);
    });
    m_floorSeq = aheadOnSharedLog ? afterSeq : head;
    if (aheadOnSharedLog) {
        session.requestCatchUp();
    }
    if (!needSnapshot && afterSeq < head) {
        auto items = catchUp(session.store(), afterSeq, head, fix);
        if (items) {
            for (auto& item : *items) {
                if (accepts(*item))
                    m_preamble.push_back(std::move(item));
            }
        } else {
            m_preamble.clear();
            session.withState([&](const core::State& state, const auto& heard) {
                // Events after this snapshot are already queued; skip the ones it covers.
                for (auto& item : makeSnapshot(state, heard, session.id(), fix, "gap",
                                               m_limits.snapshotChunkEntities, m_cities)) {
                    m_preamble.push_back(std::move(item));
                }
                m_floorSeq = state.lastSeq();
            });
        }
    }
    auto beat = std::make_shared<LiveItem>();
    pb::Heartbeat* hb = beat->message.mutable_heartbeat();
    hb->set_head_seq(m_floorSeq);
    toProto(session.now(), hb->mutable_server_time());
    m_preamble.push_back(std::move(beat));
    pumpLocked();
}

void SubscribeReactor::resyncLocked(const std::string& reason) {
    session::Session& session = *m_handle.session;
    const FixContext fix{session.now(), m_limits.staleAfterMs, 0};
    m_preamble.clear();
    session.withState([&](const core::State& state, const auto& heard) {
        for (auto& item : makeSnapshot(state, heard, session.id(), fix, reason,
                                       m_limits.snapshotChunkEntities, m_cities)) {
            m_preamble.push_back(std::move(item));
        }
        m_floorSeq = state.lastSeq();
    });
}

LiveItemPtr SubscribeReactor::nextLocked() {
    if (!m_preamble.empty()) {
        LiveItemPtr next = std::move(m_preamble.front());
        m_preamble.pop_front();
        return next;
    }
    LiveItemPtr next;
    while ((next = m_subscriber->pop())) {
        if (next->seq <= m_floorSeq) {
            continue;
        }
        if (next->resync.empty()) {
            break;
        }
        // The state was replaced (a drill seek): a fresh snapshot, then what follows it.
        resyncLocked(next->resync);
        if (!m_preamble.empty()) {
            next = std::move(m_preamble.front());
            m_preamble.pop_front();
            return next;
        }
    }
    return next;
}

void SubscribeReactor::pumpLocked() {
    if (m_finished || m_inFlight) {
        return;
    }
    if (m_subscriber->takeOverflow()) {
        resyncLocked("lagging");
    }
    LiveItemPtr next = nextLocked();
    if (!next) {
        return;
    }
    if (!next->ended.empty()) {
        finishLocked(grpc::Status(grpc::StatusCode::NOT_FOUND, next->ended));
        return;
    }
    m_wire.clear();
    if (!next->isEvent()) {
        if (!next->message.AppendToString(&m_wire)) {
            finishLocked(grpc::Status(grpc::StatusCode::INTERNAL, "a message failed to encode"));
            return;
        }
        writeLocked(m_wire);
        return;
    }
    if (m_maxBatch == 1) {
        putField(m_wire, pb::SubscribeResponse::kEventFieldNumber, next->event.size());
        m_wire += next->event;
        writeLocked(m_wire);
        return;
    }
    // Gather what is already waiting into one EventBatch: one send instead of hundreds. Its
    // length comes first on the wire, so the events are framed into m_batchBody, then wrapped.
    m_batchBody.clear();
    int events = 0;
    for (LiveItemPtr item = std::move(next); item;) {
        putField(m_batchBody, pb::EventBatch::kEventsFieldNumber, item->event.size());
        m_batchBody += item->event;
        if (++events == m_maxBatch) {
            break;
        }
        item = nextLocked();
        if (item && !item->isEvent()) {
            m_preamble.push_front(std::move(item));  // goes out next, on its own
            break;
        }
    }
    putField(m_wire, pb::SubscribeResponse::kEventsFieldNumber, m_batchBody.size());
    m_wire += m_batchBody;
    writeLocked(m_wire);
}

void SubscribeReactor::writeLocked(const std::string& bytes) {
    grpc::Slice slice(bytes.data(), bytes.size());
    m_out = grpc::ByteBuffer(&slice, 1);
    m_inFlight = true;
    StartWrite(&m_out);
}

void SubscribeReactor::OnWriteDone(bool ok) {
    std::lock_guard lock(m_mutex);
    m_inFlight = false;
    if (!ok) {
        finishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE, "subscriber stream closed"));
        return;
    }
    pumpLocked();
}

void SubscribeReactor::OnCancel() {
    std::lock_guard lock(m_mutex);
    finishLocked(grpc::Status::CANCELLED);
}

void SubscribeReactor::finishLocked(const grpc::Status& status) {
    if (m_finished) {
        return;
    }
    m_finished = true;
    Finish(status);
}

void SubscribeReactor::OnDone() {
    m_handle.fanout->remove(m_subscriber.get());
    {
        std::lock_guard lock(m_link->mutex);
        m_link->reactor = nullptr;
    }
    delete this;
}

}  // namespace flameblue::api

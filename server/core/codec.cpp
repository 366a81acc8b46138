#include "core/codec.h"

#include <cstring>
#include <limits>

namespace flameblue::core {

namespace {

constexpr std::uint8_t kPayloadVersion = 1;
constexpr std::uint32_t kStateMagic = 0x46425331;  // "FBS1"
constexpr std::uint64_t kMaxCount = 50'000'000;

class Writer {
public:
    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            m_out.push_back(static_cast<char>((v & 0x7F) | 0x80));
            v >>= 7;
        }
        m_out.push_back(static_cast<char>(v));
    }
    void svarint(std::int64_t v) {
        varint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
    }
    void f64(double v) {
        char b[8];
        std::memcpy(b, &v, 8);
        m_out.append(b, 8);
    }
    void str(const std::string& s) {
        varint(s.size());
        m_out.append(s);
    }
    void u8(std::uint8_t v) { m_out.push_back(static_cast<char>(v)); }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

class Reader {
public:
    explicit Reader(std::string_view in) : m_in(in) {}
    bool varint(std::uint64_t& v) {
        v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_pos >= m_in.size())
                return false;
            const auto b = static_cast<std::uint8_t>(m_in[m_pos++]);
            v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
            if (!(b & 0x80))
                return true;
        }
        return false;
    }
    bool svarint(std::int64_t& v) {
        std::uint64_t u = 0;
        if (!varint(u))
            return false;
        v = static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
        return true;
    }
    bool f64(double& v) {
        if (m_in.size() - m_pos < 8)
            return false;
        std::memcpy(&v, m_in.data() + m_pos, 8);
        m_pos += 8;
        return true;
    }
    bool str(std::string& s) {
        std::uint64_t n = 0;
        if (!varint(n) || n > m_in.size() - m_pos)
            return false;
        s.assign(m_in.data() + m_pos, n);
        m_pos += n;
        return true;
    }
    bool u8(std::uint8_t& v) {
        if (m_pos >= m_in.size())
            return false;
        v = static_cast<std::uint8_t>(m_in[m_pos++]);
        return true;
    }
    bool count(std::uint64_t& n) { return varint(n) && n <= kMaxCount && n <= m_in.size(); }
    bool atEnd() const { return m_pos == m_in.size(); }

private:
    std::string_view m_in;
    std::size_t m_pos = 0;
};

// ---- primitives shared by events and snapshots ----

void put(Writer& w, const std::string& s) {
    w.str(s);
}
bool get(Reader& r, std::string& s) {
    return r.str(s);
}
void put(Writer& w, int v) {
    w.svarint(v);
}
bool get(Reader& r, int& v) {
    std::int64_t x = 0;
    if (!r.svarint(x) || x < std::numeric_limits<int>::min() || x > std::numeric_limits<int>::max())
        return false;
    v = static_cast<int>(x);
    return true;
}
void put(Writer& w, std::int64_t v) {
    w.svarint(v);
}
bool get(Reader& r, std::int64_t& v) {
    return r.svarint(v);
}
void put(Writer& w, double v) {
    w.f64(v);
}
bool get(Reader& r, double& v) {
    return r.f64(v);
}
void put(Writer& w, bool v) {
    w.u8(v ? 1 : 0);
}
bool get(Reader& r, bool& v) {
    std::uint8_t b = 0;
    if (!r.u8(b) || b > 1)
        return false;
    v = b == 1;
    return true;
}
template <typename E>
requires std::is_enum_v<E>
void put(Writer& w, E v) {
    w.u8(static_cast<std::uint8_t>(v));
}
// The highest valid value of each stored enum: a damaged byte must not decode into an
// impossible status.
constexpr std::uint8_t maxOf(UnitStatus) {
    return 6;
}
constexpr std::uint8_t maxOf(UnitKind) {
    return 2;
}
constexpr std::uint8_t maxOf(IncidentStatus) {
    return 4;
}
constexpr std::uint8_t maxOf(EntityKind) {
    return 4;
}
constexpr std::uint8_t maxOf(MissionState) {
    return kMaxMissionState;
}
constexpr std::uint8_t maxOf(AlertKind) {
    return kMaxAlertKind;
}
constexpr std::uint8_t maxOf(DraftStatus) {
    return kMaxDraftStatus;
}

template <typename E>
requires std::is_enum_v<E>
bool get(Reader& r, E& v) {
    std::uint8_t b = 0;
    if (!r.u8(b) || b < 1 || b > maxOf(E{})) {
        return false;
    }
    v = static_cast<E>(b);
    return true;
}
void put(Writer& w, const LatLon& p) {
    w.f64(p.latDeg);
    w.f64(p.lonDeg);
}
bool get(Reader& r, LatLon& p) {
    return r.f64(p.latDeg) && r.f64(p.lonDeg);
}

template <typename T>
void put(Writer& w, const std::optional<T>& v) {
    w.u8(v ? 1 : 0);
    if (v)
        put(w, *v);
}
template <typename T>
bool get(Reader& r, std::optional<T>& v) {
    std::uint8_t has = 0;
    if (!r.u8(has) || has > 1)
        return false;
    if (!has) {
        v.reset();
        return true;
    }
    T x{};
    if (!get(r, x))
        return false;
    v = std::move(x);
    return true;
}
template <typename T>
void put(Writer& w, const std::vector<T>& v) {
    w.varint(v.size());
    for (const T& x : v)
        put(w, x);
}
template <typename T>
bool get(Reader& r, std::vector<T>& v) {
    std::uint64_t n = 0;
    if (!r.count(n))
        return false;
    v.clear();
    v.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) {
        T x{};
        if (!get(r, x))
            return false;
        v.push_back(std::move(x));
    }
    return true;
}

// Each record type lists its fields once; `io` is put or get.
#define FB_FIELDS(T, ...)                                                   \
    void put(Writer& w, const T& x) {                                       \
        [&](const auto&... f) { (put(w, f), ...); }(__VA_ARGS__);           \
    }                                                                       \
    bool get(Reader& r, T& x) {                                             \
        return [&](auto&... f) { return (get(r, f) && ...); }(__VA_ARGS__); \
    }

FB_FIELDS(PositionFix, x.position, x.headingDeg, x.speedKmh, x.altitudeM, x.fixTime)
FB_FIELDS(Station, x.id, x.nameZh, x.nameEn, x.city, x.county, x.stationClass, x.position,
          x.illustrative, x.positionApproximate)
FB_FIELDS(UnitSpec, x.id, x.callsign, x.nameZh, x.nameEn, x.kind, x.unitType, x.stationId,
          x.capabilities, x.crewCapacity, x.registration, x.icao24, x.aircraftType)
FB_FIELDS(Unit, x.spec, x.status, x.staffing, x.incidentId, x.statusSince, x.lastFix)
FB_FIELDS(WaterSource, x.id, x.nameZh, x.nameEn, x.kind, x.city, x.position, x.dipSite,
          x.capacityM3)
FB_FIELDS(Assignment, x.unitId, x.dispatched, x.enRoute, x.onScene, x.released)
FB_FIELDS(Note, x.time, x.operatorId, x.text)
FB_FIELDS(Incident, x.id, x.type, x.level, x.status, x.position, x.address, x.description, x.city,
          x.received, x.firstDispatched, x.underControl, x.closed, x.assignments, x.notes,
          x.createdBy)

FB_FIELDS(StationUpserted, x.station)
FB_FIELDS(UnitUpserted, x.spec, x.staffing)
FB_FIELDS(WaterSourceUpserted, x.source)
FB_FIELDS(EntityRemoved, x.kind, x.id)
FB_FIELDS(IncidentCreated, x.id, x.type, x.level, x.position, x.address, x.description, x.city,
          x.received)
FB_FIELDS(IncidentUpdated, x.id, x.type, x.level, x.position, x.address, x.description, x.city)
FB_FIELDS(IncidentStatusChanged, x.id, x.status)
FB_FIELDS(NoteAdded, x.incidentId, x.text)
FB_FIELDS(UnitsDispatched, x.incidentId, x.unitIds)
FB_FIELDS(UnitsReleased, x.incidentId, x.unitIds)
FB_FIELDS(UnitStatusChanged, x.unitId, x.status, x.staffing)
FB_FIELDS(PositionReported, x.unitId, x.fix)
FB_FIELDS(DrillStateReset, x.reason, x.drillTime)
FB_FIELDS(IncidentHandedOver, x.incidentId, x.drillTime)

FB_FIELDS(MissionTransition, x.state, x.time)
FB_FIELDS(AircraftMission, x.state, x.since, x.incidentId, x.history, x.airborneSince, x.squawk,
          x.flightId, x.dipSiteId, x.drops)
FB_FIELDS(Alert, x.id, x.kind, x.unitId, x.squawk, x.detail, x.raised, x.cleared, x.clearedReason,
          x.acknowledged, x.acknowledgedBy)
FB_FIELDS(MissionStateChanged, x.unitId, x.state, x.note)
FB_FIELDS(AlertRaised, x.alertId, x.kind, x.unitId, x.squawk, x.detail)
FB_FIELDS(AlertAcknowledged, x.alertId)
FB_FIELDS(AlertCleared, x.alertId, x.reason)
FB_FIELDS(TransponderChanged, x.unitId, x.squawk, x.flightId)
FB_FIELDS(DropRecorded, x.unitId, x.incidentId, x.dipSiteId)

FB_FIELDS(BuildingCard, x.id, x.nameZh, x.nameEn, x.kind, x.city, x.address, x.position, x.floors,
          x.contacts, x.preplanZh, x.preplanEn)
FB_FIELDS(AlarmDraft, x.id, x.building, x.incidentType, x.level, x.devices, x.zones, x.detected,
          x.raised, x.status, x.settled, x.settledBy, x.dismissReason, x.incidentId)
FB_FIELDS(PanelFault, x.deviceId, x.buildingId, x.reason, x.since)
FB_FIELDS(WaterReading, x.sourceId, x.deviceId, x.quantity, x.value, x.threshold, x.measured,
          x.outOfService)
FB_FIELDS(AlarmDraftRaised, x.draftId, x.building, x.incidentType, x.level, x.deviceId, x.zone,
          x.detected)
FB_FIELDS(AlarmDraftCorroborated, x.draftId, x.deviceId, x.zone)
FB_FIELDS(AlarmDraftConfirmed, x.draftId, x.incidentId)
FB_FIELDS(AlarmDraftDismissed, x.draftId, x.reason)
FB_FIELDS(PanelFaultRaised, x.deviceId, x.buildingId, x.reason)
FB_FIELDS(PanelFaultCleared, x.deviceId, x.reason)
FB_FIELDS(WaterReadingReported, x.reading)

#undef FB_FIELDS

template <std::size_t I = 0>
bool decodeAlternative(std::size_t index, Reader& r, EventPayload& out) {
    if constexpr (I < std::variant_size_v<EventPayload>) {
        if (index == I) {
            std::variant_alternative_t<I, EventPayload> x{};
            if (!get(r, x))
                return false;
            out = std::move(x);
            return true;
        }
        return decodeAlternative<I + 1>(index, r, out);
    } else {
        return false;
    }
}

template <typename Map>
void putMap(Writer& w, const Map& m) {
    w.varint(m.size());
    for (const auto& [id, value] : m)
        put(w, value);
}

template <typename Map, typename IdOf>
bool getMap(Reader& r, Map& m, IdOf idOf) {
    std::uint64_t n = 0;
    if (!r.count(n))
        return false;
    for (std::uint64_t i = 0; i < n; ++i) {
        typename Map::mapped_type v{};
        if (!get(r, v))
            return false;
        Id id = idOf(v);
        m.emplace(std::move(id), std::move(v));
    }
    return true;
}

// Snapshot sections after the incidents; older snapshots end before them.
constexpr std::uint8_t kAviationSection = 0xA1;
constexpr std::uint8_t kIotSection = 0xA2;

void putIot(Writer& w, const IotState& s) {
    w.u8(kIotSection);
    putMap(w, s.drafts);
    putMap(w, s.faults);
    putMap(w, s.water);
    w.varint(s.draftsRaised);
}

bool getIot(Reader& r, IotState& s) {
    if (r.atEnd()) {
        return true;
    }
    std::uint8_t section = 0;
    return r.u8(section) && section == kIotSection &&
           getMap(r, s.drafts, [](const AlarmDraft& x) { return x.id; }) &&
           getMap(r, s.faults, [](const PanelFault& x) { return x.deviceId; }) &&
           getMap(r, s.water, [](const WaterReading& x) { return x.sourceId; }) &&
           r.varint(s.draftsRaised) && r.atEnd();
}

void putAviation(Writer& w, const AviationState& a) {
    w.u8(kAviationSection);
    w.varint(a.missions.size());
    for (const auto& [id, mission] : a.missions) {
        put(w, id);
        put(w, mission);
    }
    putMap(w, a.alerts);
    w.varint(a.alertsRaised);
}

bool getAviation(Reader& r, AviationState& a) {
    if (r.atEnd()) {
        return true;
    }
    std::uint8_t section = 0;
    std::uint64_t n = 0;
    if (!r.u8(section) || section != kAviationSection || !r.count(n)) {
        return false;
    }
    for (std::uint64_t i = 0; i < n; ++i) {
        Id id;
        AircraftMission m;
        if (!get(r, id) || !get(r, m))
            return false;
        a.missions.emplace(std::move(id), std::move(m));
    }
    return getMap(r, a.alerts, [](const Alert& x) { return x.id; }) && r.varint(a.alertsRaised);
}

}  // namespace

std::string encodePayload(const EventPayload& payload) {
    Writer w;
    w.u8(kPayloadVersion);
    std::visit([&](const auto& e) { put(w, e); }, payload);
    return w.take();
}

Result<EventPayload> decodePayload(EventKind kind, std::string_view bytes) {
    Reader r(bytes);
    std::uint8_t version = 0;
    if (!r.u8(version) || version != kPayloadVersion) {
        return Error{ErrorCode::Internal,
                     "event payload: unknown encoding version " + std::to_string(version)};
    }
    const std::size_t index = payloadIndexOf(kind);
    EventPayload out;
    if (index >= std::variant_size_v<EventPayload> || !decodeAlternative(index, r, out) ||
        !r.atEnd()) {
        return Error{ErrorCode::Internal,
                     std::string("event payload: corrupt ") + toString(kind) + " record"};
    }
    return out;
}

std::string StateCodec::encode(const State& s) {
    Writer w;
    w.varint(kStateMagic);
    w.varint(s.m_lastSeq);
    w.svarint(s.m_lastEventTime);
    w.str(s.m_lastIncidentDay);
    w.svarint(s.m_incidentsOnLastDay);
    putMap(w, s.m_stations);
    putMap(w, s.m_units);
    putMap(w, s.m_waterSources);
    putMap(w, s.m_incidents);
    // Aviation section (added after the first snapshot format; absent in older snapshots).
    putAviation(w, s.m_aviation);
    putIot(w, s.m_iot);
    return w.take();
}

Result<State> StateCodec::decode(std::string_view bytes) {
    Reader r(bytes);
    State s;
    std::uint64_t magic = 0;
    std::int64_t count = 0;
    const bool ok = r.varint(magic) && magic == kStateMagic && r.varint(s.m_lastSeq) &&
                    r.svarint(s.m_lastEventTime) && r.str(s.m_lastIncidentDay) &&
                    r.svarint(count) &&
                    getMap(r, s.m_stations, [](const Station& x) { return x.id; }) &&
                    getMap(r, s.m_units, [](const Unit& x) { return x.spec.id; }) &&
                    getMap(r, s.m_waterSources, [](const WaterSource& x) { return x.id; }) &&
                    getMap(r, s.m_incidents, [](const Incident& x) { return x.id; }) &&
                    getAviation(r, s.m_aviation) && getIot(r, s.m_iot);
    if (!ok) {
        return Error{ErrorCode::Internal, "snapshot: corrupt or from an unknown version"};
    }
    if (s.m_aviation.missions.empty()) {
        // A snapshot from before aviation: every aircraft starts from its unit status.
        s.syncMissions(s.m_lastEventTime, true);
    }
    s.m_incidentsOnLastDay = static_cast<int>(count);
    return s;
}

}  // namespace flameblue::core

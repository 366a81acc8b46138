#include "reports/phase_log.h"

#include <type_traits>
#include <variant>

namespace flameblue::reports {

using core::UnitStatus;

void PhaseLog::seedUnits(const core::State& state) {
    for (const auto& [id, unit] : state.units()) {
        auto& info = m_units[id];
        if (info.stationId.empty() && info.unitType.empty()) {
            info.stationId = unit.spec.stationId;
            info.unitType = unit.spec.unitType;
        }
    }
}

IncidentTimes* PhaseLog::incident(const core::Id& id) {
    auto it = m_incidentIndex.find(id);
    return it == m_incidentIndex.end() ? nullptr : &m_incidents[it->second];
}

void PhaseLog::onStatus(const core::Id& unitId, UnitStatus status, core::TimeMs time) {
    auto u = m_units.find(unitId);
    if (u == m_units.end() || u->second.openResponse < 0) {
        return;  // a status change outside any response (out of service at the station, ...)
    }
    UnitResponse& r = m_responses[static_cast<std::size_t>(u->second.openResponse)];
    IncidentTimes* inc = incident(r.incidentId);
    switch (status) {
        case UnitStatus::EnRoute:
            if (r.enRoute == 0) {
                r.enRoute = time;
                if (inc && inc->firstEnRoute == 0) {
                    inc->firstEnRoute = time;
                }
            }
            break;
        case UnitStatus::OnScene:
            if (r.onScene == 0) {
                r.onScene = time;
                if (inc && inc->firstOnScene == 0) {
                    inc->firstOnScene = time;
                }
            }
            break;
        case UnitStatus::Returning:
        case UnitStatus::Available:
        case UnitStatus::OutOfService:
            r.cleared = time;
            r.cancelled = r.onScene == 0;
            u->second.openResponse = -1;
            break;
        case UnitStatus::Dispatched:
            break;
    }
}

void PhaseLog::apply(const core::Event& event) {
    m_lastSeq = event.seq;
    const core::TimeMs t = event.time;
    std::visit(
        [&](const auto& e) {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, core::UnitUpserted>) {
                auto& info = m_units[e.spec.id];
                info.stationId = e.spec.stationId;
                info.unitType = e.spec.unitType;
            } else if constexpr (std::is_same_v<E, core::IncidentCreated>) {
                if (m_incidentIndex.contains(e.id)) {
                    return;
                }
                m_incidentIndex.emplace(e.id, static_cast<std::uint32_t>(m_incidents.size()));
                IncidentTimes inc;
                inc.id = e.id;
                inc.type = e.type;
                inc.level = e.level;
                inc.city = e.city;
                inc.received = e.received != 0 ? e.received : t;
                m_incidents.push_back(std::move(inc));
            } else if constexpr (std::is_same_v<E, core::IncidentUpdated>) {
                if (IncidentTimes* inc = incident(e.id)) {
                    if (e.type)
                        inc->type = *e.type;
                    if (e.level)
                        inc->level = *e.level;
                    if (e.city)
                        inc->city = *e.city;
                }
            } else if constexpr (std::is_same_v<E, core::IncidentStatusChanged>) {
                IncidentTimes* inc = incident(e.id);
                if (!inc) {
                    return;
                }
                if (e.status == core::IncidentStatus::UnderControl && inc->underControl == 0) {
                    inc->underControl = t;
                } else if (e.status == core::IncidentStatus::Closed && inc->closed == 0) {
                    inc->closed = t;
                }
            } else if constexpr (std::is_same_v<E, core::UnitsDispatched>) {
                IncidentTimes* inc = incident(e.incidentId);
                if (!inc) {
                    return;
                }
                const bool initial = inc->firstDispatch == 0;
                if (initial) {
                    inc->firstDispatch = t;
                }
                for (const core::Id& unitId : e.unitIds) {
                    auto& info = m_units[unitId];
                    if (info.openResponse >= 0) {
                        // Sent on from another response (e.g. while returning): that one ends.
                        UnitResponse& previous =
                            m_responses[static_cast<std::size_t>(info.openResponse)];
                        previous.cleared = t;
                        previous.cancelled = previous.onScene == 0;
                    }
                    UnitResponse r;
                    r.incidentId = e.incidentId;
                    r.unitId = unitId;
                    r.stationId = info.stationId;
                    r.unitType = info.unitType;
                    r.initialAssignment = initial;
                    r.dispatched = t;
                    info.openResponse = static_cast<std::int64_t>(m_responses.size());
                    inc->responses.push_back(static_cast<std::uint32_t>(m_responses.size()));
                    m_responses.push_back(std::move(r));
                }
            } else if constexpr (std::is_same_v<E, core::UnitsReleased>) {
                for (const core::Id& unitId : e.unitIds) {
                    auto u = m_units.find(unitId);
                    if (u == m_units.end() || u->second.openResponse < 0) {
                        continue;
                    }
                    UnitResponse& r = m_responses[static_cast<std::size_t>(u->second.openResponse)];
                    if (r.incidentId == e.incidentId) {
                        r.cleared = t;
                        r.cancelled = r.onScene == 0;
                        u->second.openResponse = -1;
                    }
                }
            } else if constexpr (std::is_same_v<E, core::UnitStatusChanged>) {
                onStatus(e.unitId, e.status, t);
            }
        },
        event.payload);
}

}  // namespace flameblue::reports

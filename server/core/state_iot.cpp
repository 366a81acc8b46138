#include <algorithm>

#include "core/state.h"

namespace flameblue::core {

const AlarmDraft* IotState::openDraftFor(const Id& buildingId) const {
    for (const auto& [id, d] : drafts) {
        if (d.open() && d.building.id == buildingId)
            return &d;
    }
    return nullptr;
}

bool IotState::outOfService(const Id& sourceId) const {
    auto it = water.find(sourceId);
    return it != water.end() && it->second.outOfService;
}

const char* toString(DraftStatus s) {
    switch (s) {
        case DraftStatus::Open:
            return "open";
        case DraftStatus::Confirmed:
            return "confirmed";
        case DraftStatus::Dismissed:
            return "dismissed";
    }
    return "unknown";
}

void State::applyIot(const AlarmDraftRaised& e, TimeMs t) {
    AlarmDraft& d = m_iot.drafts[e.draftId];
    d.id = e.draftId;
    d.building = e.building;
    d.incidentType = e.incidentType;
    d.level = e.level;
    d.devices = {e.deviceId};
    d.zones = {e.zone};
    d.detected = e.detected;
    d.raised = t;
    d.status = DraftStatus::Open;
    ++m_iot.draftsRaised;
}

void State::applyIot(const AlarmDraftCorroborated& e) {
    auto it = m_iot.drafts.find(e.draftId);
    if (it == m_iot.drafts.end())
        return;
    AlarmDraft& d = it->second;
    if (std::find(d.devices.begin(), d.devices.end(), e.deviceId) == d.devices.end()) {
        d.devices.push_back(e.deviceId);
        d.zones.push_back(e.zone);
    }
}

void State::applyIot(const AlarmDraftConfirmed& e, TimeMs t, const std::string& op) {
    auto it = m_iot.drafts.find(e.draftId);
    if (it == m_iot.drafts.end())
        return;
    it->second.status = DraftStatus::Confirmed;
    it->second.settled = t;
    it->second.settledBy = op;
    it->second.incidentId = e.incidentId;
    pruneSettledDrafts();
}

void State::applyIot(const AlarmDraftDismissed& e, TimeMs t, const std::string& op) {
    auto it = m_iot.drafts.find(e.draftId);
    if (it == m_iot.drafts.end())
        return;
    it->second.status = DraftStatus::Dismissed;
    it->second.settled = t;
    it->second.settledBy = op;
    it->second.dismissReason = e.reason;
    pruneSettledDrafts();
}

void State::applyIot(const PanelFaultRaised& e, TimeMs t) {
    m_iot.faults[e.deviceId] = PanelFault{e.deviceId, e.buildingId, e.reason, t};
}

void State::applyIot(const PanelFaultCleared& e) {
    m_iot.faults.erase(e.deviceId);
}

void State::applyIot(const WaterReadingReported& e) {
    m_iot.water[e.reading.sourceId] = e.reading;
}

void State::pruneSettledDrafts() {
    std::vector<const AlarmDraft*> settled;
    for (const auto& [id, d] : m_iot.drafts) {
        if (!d.open())
            settled.push_back(&d);
    }
    if (settled.size() <= kMaxSettledDrafts)
        return;
    std::sort(settled.begin(), settled.end(), [](const AlarmDraft* a, const AlarmDraft* b) {
        return a->settled != b->settled ? a->settled < b->settled : a->id < b->id;
    });
    std::vector<Id> drop;
    for (std::size_t i = 0; i + kMaxSettledDrafts < settled.size(); ++i)
        drop.push_back(settled[i]->id);
    for (const Id& id : drop)
        m_iot.drafts.erase(id);
}

}  // namespace flameblue::core

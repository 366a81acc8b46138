#include "app/drill_cot.h"

#include <iostream>

namespace flameblue::app {

DrillCotExports::DrillCotExports(std::string endpoint, const data::Dataset& dataset)
    : m_endpoint(std::move(endpoint)), m_dataset(dataset) {}

DrillCotExports::~DrillCotExports() {
    std::lock_guard lock(m_mutex);
    for (auto& [id, e] : m_active)
        e->stop();
}

session::CommitObserver* DrillCotExports::opened(const std::string& drillId) {
    std::string error;
    auto e = CotExport::create(m_endpoint, drillId, m_dataset, error);
    if (!e) {
        std::cerr << "flameblue-server: drill " << drillId << ": " << error << "\n";
        return nullptr;
    }
    e->start();
    session::CommitObserver* observer = e->observer();
    std::lock_guard lock(m_mutex);
    auto& slot = m_active[drillId];
    if (slot) {  // the same id again: keep the old observer alive, it may still be attached
        slot->stop();
        m_ended.push_back(std::move(slot));
    }
    slot = std::move(e);
    return observer;
}

void DrillCotExports::ended(const std::string& drillId) {
    std::lock_guard lock(m_mutex);
    auto it = m_active.find(drillId);
    if (it == m_active.end())
        return;
    it->second->stop();
    m_ended.push_back(std::move(it->second));
    m_active.erase(it);
}

std::size_t DrillCotExports::active() const {
    std::lock_guard lock(m_mutex);
    return m_active.size();
}

}  // namespace flameblue::app

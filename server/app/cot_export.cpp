#include "app/cot_export.h"

#include <iostream>

namespace flameblue::app {

std::unique_ptr<CotExport> CotExport::create(const std::string& endpoint,
                                             const std::string& sessionId,
                                             const data::Dataset& dataset, std::string& error) {
    auto parsed = cot::parseCotEndpoint(endpoint);
    if (!parsed) {
        error = "--cot " + endpoint + ": " + parsed.error().message;
        return nullptr;
    }
    std::unique_ptr<CotExport> out(new CotExport());
    out->m_sender = std::make_unique<cot::CotSender>(
        *parsed, cot::CotSenderOptions{},
        [](const std::string& line) { std::cerr << line << "\n"; });
    cot::CotObserverOptions o;
    o.sessionId = sessionId;
    // A drill replays live units under their own ids: its uids must not replace live ones.
    if (sessionId != "live")
        o.uidPrefix += sessionId + "-";
    for (const auto& t : dataset.aircraftTypes)
        o.aircraftCategories[t.id] = t.category;
    out->m_observer = std::make_unique<cot::CotObserver>(std::move(o), *out->m_sender);
    return out;
}

CotExport::~CotExport() {
    stop();
}

}  // namespace flameblue::app

#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "app/cot_export.h"

namespace flameblue::app {

// Cursor-on-Target export of drill sessions (--cot): every drill that opens gets its own export
// to the same endpoint, marked as an exercise (opex="e") and with uids of its own, so a drill's
// units never overwrite the live ones on a receiver's map. The export stops when the drill ends.
class DrillCotExports {
public:
    DrillCotExports(std::string endpoint, const data::Dataset& dataset);
    ~DrillCotExports();
    DrillCotExports(const DrillCotExports&) = delete;
    DrillCotExports& operator=(const DrillCotExports&) = delete;

    // Starts the export of `drillId`; the observer to attach to its session, or null (logged)
    // when the endpoint is unusable.
    session::CommitObserver* opened(const std::string& drillId);
    // Stops the export of `drillId`. The observer stays valid until this object goes: the
    // drill's session may still hold it.
    void ended(const std::string& drillId);
    // Drills being exported now.
    std::size_t active() const;

private:
    std::string m_endpoint;
    const data::Dataset& m_dataset;
    mutable std::mutex m_mutex;
    std::map<std::string, std::unique_ptr<CotExport>> m_active;
    std::vector<std::unique_ptr<CotExport>> m_ended;
};

}  // namespace flameblue::app

#pragma once

#include <memory>
#include <string>

#include "cot/cot_observer.h"
#include "cot/cot_sender.h"
#include "data/dataset.h"

namespace flameblue::app {

// Cursor-on-Target export of one session (--cot): the sender and the observer that feeds it.
class CotExport {
public:
    // Null (and `error` set) when the endpoint is malformed.
    static std::unique_ptr<CotExport> create(const std::string& endpoint,
                                             const std::string& sessionId,
                                             const data::Dataset& dataset, std::string& error);
    ~CotExport();

    session::CommitObserver* observer() { return m_observer.get(); }
    const cot::CotSender& sender() const { return *m_sender; }
    void start() { m_sender->start(); }
    void stop() { m_sender->stop(); }

private:
    CotExport() = default;
    std::unique_ptr<cot::CotSender> m_sender;
    std::unique_ptr<cot::CotObserver> m_observer;
};

}  // namespace flameblue::app

#include "api/report_positions_reactor.h"

#include "api/mapping.h"

namespace flameblue::api {

ReportPositionsReactor::ReportPositionsReactor(SessionRegistry& sessions,
                                               core::Result<Caller> caller,
                                               std::shared_ptr<void> slot,
                                               pb::ReportPositionsReply* reply,
                                               int maxReportsPerBatch)
    : m_sessions(sessions), m_reply(reply), m_maxReportsPerBatch(maxReportsPerBatch) {
    m_slot = std::move(slot);
    if (!caller) {
        finish(toGrpc(caller.error()));
        return;
    }
    m_caller = std::move(caller).value();
    StartRead(&m_batch);
}

void ReportPositionsReactor::reject(const std::string& unitId, const std::string& reason) {
    m_reply->set_rejected(m_reply->rejected() + 1);
    if (m_reply->rejections_size() < kMaxListedRejections) {
        pb::PositionRejection* r = m_reply->add_rejections();
        r->set_unit_id(unitId.substr(0, 64));
        r->set_reason(reason);
    }
}

void ReportPositionsReactor::OnReadDone(bool ok) {
    if (!ok) {
        // The client closed its side: every batch it sent has been answered.
        finish(grpc::Status::OK);
        return;
    }
    SessionHandle handle;
    if (!m_sessions.find(m_batch.session().id(), handle)) {
        finish(grpc::Status(grpc::StatusCode::NOT_FOUND,
                            "session: no session \"" + m_batch.session().id() + "\""));
        return;
    }
    if (m_batch.reports_size() > m_maxReportsPerBatch) {
        finish(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                            "reports: at most " + std::to_string(m_maxReportsPerBatch) +
                                " per batch, got " + std::to_string(m_batch.reports_size())));
        return;
    }
    std::vector<core::Command> commands;
    std::vector<std::string> unitIds;
    commands.reserve(m_batch.reports_size());
    for (const pb::PositionReport& r : m_batch.reports()) {
        auto fix = fromProto(r.fix(), "fix");
        if (!fix) {
            reject(r.unit_id(), fix.error().message);
            continue;
        }
        unitIds.push_back(r.unit_id());
        commands.emplace_back(core::ReportPosition{r.unit_id(), *fix});
    }
    if (commands.empty()) {
        StartRead(&m_batch);
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_submitPending = true;
    }
    handle.session->submit(
        core::CommandContext{m_caller.operatorId, m_caller.origin, 0,
                             m_caller.scope.province
                                 ? std::nullopt
                                 : std::optional<std::set<std::string>>(m_caller.scope.cities)},
        std::move(commands),
        [this, unitIds = std::move(unitIds)](std::vector<session::CommandResult> results) {
            std::unique_lock lock(m_mutex);
            m_submitPending = false;
            if (m_doneCalled) {
                // The call ended while this batch was being committed; nothing to answer.
                lock.unlock();
                delete this;
                return;
            }
            for (std::size_t i = 0; i < results.size(); ++i) {
                if (!results[i]) {
                    reject(unitIds[i], results[i].error().message);
                } else if (results[i]->unchanged) {
                    m_reply->set_unchanged(m_reply->unchanged() + 1);
                } else {
                    m_reply->set_accepted(m_reply->accepted() + 1);
                }
            }
            if (!m_finished) {
                StartRead(&m_batch);
            }
        });
}

void ReportPositionsReactor::OnCancel() {
    finish(grpc::Status::CANCELLED);
}

void ReportPositionsReactor::finish(const grpc::Status& status) {
    std::lock_guard lock(m_mutex);
    if (m_finished)
        return;
    m_finished = true;
    Finish(status);
}

void ReportPositionsReactor::OnDone() {
    {
        std::lock_guard lock(m_mutex);
        if (m_submitPending) {
            m_doneCalled = true;  // the commit callback deletes us
            return;
        }
    }
    delete this;
}

}  // namespace flameblue::api

#pragma once

#include <grpcpp/grpcpp.h>

#include <mutex>

#include "api/auth.h"
#include "api/session_registry.h"
#include "flameblue/v1/dispatch.pb.h"

namespace flameblue::api {

// Reads position batches from a client stream. Each batch is committed before the next is
// read, so a fast reporter is paced by durability instead of filling memory. A bad report is
// refused with its reason and counted; the stream and the other reports go on.
class ReportPositionsReactor : public grpc::ServerReadReactor<pb::PositionBatch> {
public:
    // `slot` counts the stream against its client address until it ends.
    ReportPositionsReactor(SessionRegistry& sessions, core::Result<Caller> caller,
                           std::shared_ptr<void> slot, pb::ReportPositionsReply* reply,
                           int maxReportsPerBatch);

    void OnReadDone(bool ok) override;
    void OnCancel() override;
    void OnDone() override;

private:
    static constexpr int kMaxListedRejections = 20;

    void reject(const std::string& unitId, const std::string& reason);
    void finish(const grpc::Status& status);

    SessionRegistry& m_sessions;
    Caller m_caller;
    std::shared_ptr<void> m_slot;
    pb::ReportPositionsReply* m_reply;
    int m_maxReportsPerBatch;
    pb::PositionBatch m_batch;
    std::mutex m_mutex;
    bool m_finished = false;
    bool m_submitPending = false;
    bool m_doneCalled = false;
};

}  // namespace flameblue::api

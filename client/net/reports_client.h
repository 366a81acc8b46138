// Calls to the server's Reports service. The reply is mapped into the console's report types
// (models/phase_report.h) here and arrives as a signal on the Qt thread; gRPC stays in here.
#pragma once

#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

#include "models/phase_report.h"
#include "net/server_link.h"

namespace flameblue::v1 {
class PhaseReportReply;
class PhaseReportRequest;
}  // namespace flameblue::v1

namespace flameblue::console {

class QtPoster;

// The wire's report as the console's, and the console's query as the wire's.
PhaseReport phaseReportFromWire(const flameblue::v1::PhaseReportReply& reply);
void phaseReportQueryToWire(const PhaseReportQuery& query, flameblue::v1::PhaseReportRequest* out);

class ReportsClient : public QObject {
    Q_OBJECT

public:
    struct Settings : ServerLink {
        // Reports over a year of the log take a while on a busy server.
        std::chrono::milliseconds deadline{60000};
    };

    explicit ReportsClient(Settings settings, QObject* parent = nullptr);
    ~ReportsClient() override;
    ReportsClient(const ReportsClient&) = delete;
    ReportsClient& operator=(const ReportsClient&) = delete;

    // Returns a request id that the matching signal carries.
    int phaseReport(const PhaseReportQuery& query);

Q_SIGNALS:
    void reportReceived(int requestId, const flameblue::console::PhaseReport& report);
    // `message` is the server's reason or the transport's; `code` the gRPC status code
    // (UNAVAILABLE while the server is still reading its log for reports).
    void reportFailed(int requestId, int code, const QString& message);

private:
    struct Net;

    Settings m_settings;
    std::shared_ptr<QtPoster> m_poster;
    std::unique_ptr<Net> m_net;
    int m_nextRequestId = 0;
};

}  // namespace flameblue::console

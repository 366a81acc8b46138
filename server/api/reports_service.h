#pragma once

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <set>
#include <string>

#include "flameblue/v1/reports.grpc.pb.h"
#include "reports/reports_index.h"

namespace flameblue::api {

// The Reports service over the live session's reports index. Requests naming a city, incident
// type, phase or grouping the server does not know are refused with the field at fault.
class ReportsService final : public ::flameblue::v1::Reports::CallbackService {
public:
    ReportsService(reports::ReportsIndex& index, std::set<std::string> cities,
                   std::set<std::string> incidentTypes);

    grpc::ServerUnaryReactor* PhaseReport(grpc::CallbackServerContext* ctx,
                                          const ::flameblue::v1::PhaseReportRequest* req,
                                          ::flameblue::v1::PhaseReportReply* out) override;

    // How ExportIncident finds an incident: its EIDO JSON as of the log's seq, or why not
    // (NotFound for an unknown incident). Set before serving; without it the call is UNAVAILABLE.
    struct IncidentExport {
        std::string json;
        std::uint64_t asOfSeq = 0;
    };
    using IncidentExporter = std::function<core::Result<IncidentExport>(const core::Id&)>;
    void setExporter(IncidentExporter exporter) { m_exporter = std::move(exporter); }

    grpc::ServerUnaryReactor* ExportIncident(grpc::CallbackServerContext* ctx,
                                             const ::flameblue::v1::ExportIncidentRequest* req,
                                             ::flameblue::v1::ExportIncidentReply* out) override;

private:
    reports::ReportsIndex& m_index;
    const std::set<std::string> m_cities;
    const std::set<std::string> m_incidentTypes;
    IncidentExporter m_exporter;
};

// The request as a query, or the reason it is not one.
core::Result<reports::ReportQuery> queryFromProto(const ::flameblue::v1::PhaseReportRequest& req,
                                                  const std::set<std::string>& cities,
                                                  const std::set<std::string>& incidentTypes);
void toProto(const reports::ReportGroup& group, ::flameblue::v1::ReportGroup* out);

}  // namespace flameblue::api

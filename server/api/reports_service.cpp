#include "api/reports_service.h"

#include "api/auth.h"
#include "api/mapping.h"
#include "reports/eido_export.h"

namespace flameblue::api {

namespace pb = ::flameblue::v1;

namespace {

constexpr int kMaxTableMinutes = 180;

std::optional<reports::Phase> phaseFromProto(int p) {
    if (p >= pb::REPORT_PHASE_CALL_PROCESSING && p <= pb::REPORT_PHASE_CLOSED) {
        return static_cast<reports::Phase>(p - pb::REPORT_PHASE_CALL_PROCESSING);
    }
    return std::nullopt;
}

pb::ReportPhase toProto(reports::Phase p) {
    return static_cast<pb::ReportPhase>(static_cast<int>(p) + pb::REPORT_PHASE_CALL_PROCESSING);
}

}  // namespace

ReportsService::ReportsService(Authenticator auth, reports::ReportsIndex& index,
                               std::set<std::string> cities, std::set<std::string> incidentTypes)
    : m_auth(std::move(auth)),
      m_index(index),
      m_cities(std::move(cities)),
      m_incidentTypes(std::move(incidentTypes)) {}

core::Result<reports::ReportQuery> queryFromProto(const pb::PhaseReportRequest& req,
                                                  const std::set<std::string>& cities,
                                                  const std::set<std::string>& incidentTypes) {
    reports::ReportQuery q;
    if (req.has_from()) {
        q.from = fromProto(req.from());
    }
    if (req.has_to()) {
        q.to = fromProto(req.to());
    }
    if (req.has_from() && req.has_to() && q.to <= q.from) {
        return core::invalidArgument("to: must be after from");
    }
    if (!pb::ReportGrouping_IsValid(req.group_by())) {
        return core::invalidArgument("group_by: unknown grouping " +
                                     std::to_string(req.group_by()));
    }
    q.groupBy = static_cast<reports::GroupBy>(req.group_by());
    for (int p : req.phases()) {
        const auto phase = phaseFromProto(p);
        if (!phase) {
            return core::invalidArgument("phases: unknown phase " + std::to_string(p));
        }
        q.phases.push_back(*phase);
    }
    for (const std::string& c : req.cities()) {
        if (!cities.contains(c)) {
            return core::invalidArgument("cities: unknown city \"" + c + "\"");
        }
        q.cities.push_back(c);
    }
    for (const std::string& t : req.incident_types()) {
        if (!incidentTypes.contains(t)) {
            return core::invalidArgument("incident_types: unknown incident type \"" + t + "\"");
        }
        q.incidentTypes.push_back(t);
    }
    for (int level : req.levels()) {
        if (level < 1 || level > 5) {
            return core::invalidArgument("levels: " + std::to_string(level) +
                                         " is not a level (1 to 5)");
        }
        q.levels.push_back(level);
    }
    if (req.has_utc_offset_minutes()) {
        if (req.utc_offset_minutes() < -720 || req.utc_offset_minutes() > 840) {
            return core::invalidArgument(
                "utc_offset_minutes: " + std::to_string(req.utc_offset_minutes()) +
                " is outside -720..840");
        }
        q.utcOffsetMinutes = req.utc_offset_minutes();
    }
    if (req.has_table_minutes()) {
        if (req.table_minutes() < 1 || req.table_minutes() > kMaxTableMinutes) {
            return core::invalidArgument("table_minutes: " + std::to_string(req.table_minutes()) +
                                         " is outside 1.." + std::to_string(kMaxTableMinutes));
        }
        q.tableMinutes = req.table_minutes();
    }
    return q;
}

void toProto(const reports::ReportGroup& group, pb::ReportGroup* out) {
    out->set_key(group.key);
    out->set_incidents(group.incidents);
    out->set_responses(group.responses);
    for (const reports::PhaseFigures& f : group.phases) {
        pb::PhaseFigures* p = out->add_phases();
        p->set_phase(toProto(f.phase));
        p->set_count(f.count);
        if (f.p50)
            p->set_p50_s(*f.p50);
        if (f.p80)
            p->set_p80_s(*f.p80);
        if (f.p90)
            p->set_p90_s(*f.p90);
        if (f.mean)
            p->set_mean_s(*f.mean);
        if (f.threshold) {
            p->mutable_threshold()->set_seconds(f.threshold->seconds);
            p->mutable_threshold()->set_fractile(f.threshold->fractile);
        }
        if (f.compliancePercent)
            p->set_compliance_percent(*f.compliancePercent);
        p->set_compliant(f.compliant);
        for (double c : f.cumulativePercent)
            p->add_cumulative_percent(c);
    }
}

grpc::ServerUnaryReactor* ReportsService::PhaseReport(grpc::CallbackServerContext* ctx,
                                                      const pb::PhaseReportRequest* req,
                                                      pb::PhaseReportReply* out) {
    auto* reactor = ctx->DefaultReactor();
    if (!m_auth.admit(ctx, reactor, rpcName(pb::Reports::service_full_name(), __func__)))
        return reactor;
    auto query = queryFromProto(*req, m_cities, m_incidentTypes);
    if (!query) {
        reactor->Finish(toGrpc(query.error()));
        return reactor;
    }
    auto answer = m_index.report(*query);
    if (!answer) {
        reactor->Finish(toGrpc(answer.error()));
        return reactor;
    }
    for (const auto& g : answer->report.groups) {
        toProto(g, out->add_groups());
    }
    toProto(answer->report.total, out->mutable_total());
    out->set_threshold_source(answer->report.thresholdSource);
    out->set_threshold_source_zh(answer->report.thresholdSourceZh);
    out->set_as_of_seq(answer->asOfSeq);
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

grpc::ServerUnaryReactor* ReportsService::ExportIncident(grpc::CallbackServerContext* ctx,
                                                         const pb::ExportIncidentRequest* req,
                                                         pb::ExportIncidentReply* out) {
    auto* reactor = ctx->DefaultReactor();
    if (!m_auth.admit(ctx, reactor, rpcName(pb::Reports::service_full_name(), __func__)))
        return reactor;
    if (req->incident_id().empty()) {
        reactor->Finish(toGrpc(core::invalidArgument("incident_id: required")));
        return reactor;
    }
    if (!m_exporter) {
        reactor->Finish(toGrpc(core::unavailable("incident export is not available")));
        return reactor;
    }
    auto exported = m_exporter(req->incident_id());
    if (!exported) {
        reactor->Finish(toGrpc(exported.error()));
        return reactor;
    }
    out->set_eido_json(std::move(exported->json));
    out->set_standard(reports::kEidoStandard);
    out->set_eido_version(reports::kEidoVersion);
    out->set_as_of_seq(exported->asOfSeq);
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

}  // namespace flameblue::api

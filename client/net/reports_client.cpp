#include "net/reports_client.h"

#include <grpcpp/grpcpp.h>

#include <utility>

#include "flameblue/v1/reports.grpc.pb.h"
#include "net/qt_poster.h"
#include "net/server_link_net.h"

namespace flameblue::console {

namespace pb = flameblue::v1;

namespace {

constexpr qint64 kMsPerSecond = 1000;
constexpr int kNanosPerMs = 1'000'000;

void setTimestamp(qint64 ms, google::protobuf::Timestamp* out) {
    out->set_seconds(ms / kMsPerSecond);
    out->set_nanos(static_cast<int>(ms % kMsPerSecond) * kNanosPerMs);
}

PhaseFigures figuresFromWire(const pb::PhaseFigures& f) {
    PhaseFigures out;
    out.phase = static_cast<ReportPhase>(f.phase());
    out.count = f.count();
    if (f.has_p50_s())
        out.p50 = f.p50_s();
    if (f.has_p80_s())
        out.p80 = f.p80_s();
    if (f.has_p90_s())
        out.p90 = f.p90_s();
    if (f.has_mean_s())
        out.mean = f.mean_s();
    if (f.has_threshold())
        out.threshold = PhaseThreshold{f.threshold().seconds(), f.threshold().fractile()};
    if (f.has_compliance_percent())
        out.compliancePercent = f.compliance_percent();
    out.compliant = f.compliant();
    out.cumulativePercent.reserve(f.cumulative_percent_size());
    for (double c : f.cumulative_percent())
        out.cumulativePercent.push_back(c);
    return out;
}

ReportGroup groupFromWire(const pb::ReportGroup& g) {
    ReportGroup out;
    out.key = QString::fromStdString(g.key());
    out.incidents = g.incidents();
    out.responses = g.responses();
    out.phases.reserve(static_cast<std::size_t>(g.phases_size()));
    for (const auto& f : g.phases()) {
        // A phase this console does not know (a newer server) is left out.
        if (f.phase() >= kFirstReportPhase && f.phase() <= kLastReportPhase)
            out.phases.push_back(figuresFromWire(f));
    }
    return out;
}

struct Call {
    std::shared_ptr<pb::Reports::Stub> stub;
    grpc::ClientContext context;
    pb::PhaseReportRequest request;
    pb::PhaseReportReply reply;
};

}  // namespace

PhaseReport phaseReportFromWire(const pb::PhaseReportReply& reply) {
    PhaseReport out;
    out.groups.reserve(static_cast<std::size_t>(reply.groups_size()));
    for (const auto& g : reply.groups())
        out.groups.push_back(groupFromWire(g));
    out.total = groupFromWire(reply.total());
    out.thresholdSource = QString::fromStdString(reply.threshold_source());
    out.thresholdSourceZh = QString::fromStdString(reply.threshold_source_zh());
    out.asOfSeq = reply.as_of_seq();
    return out;
}

void phaseReportQueryToWire(const PhaseReportQuery& query, pb::PhaseReportRequest* out) {
    if (query.fromMs > 0)
        setTimestamp(query.fromMs, out->mutable_from());
    if (query.toMs > 0)
        setTimestamp(query.toMs, out->mutable_to());
    out->set_group_by(static_cast<pb::ReportGrouping>(query.grouping));
    for (ReportPhase p : query.phases)
        out->add_phases(static_cast<pb::ReportPhase>(p));
    out->set_utc_offset_minutes(query.utcOffsetMinutes);
    out->set_table_minutes(query.tableMinutes);
}

struct ReportsClient::Net {
    std::shared_ptr<grpc::Channel> channel;
    std::shared_ptr<pb::Reports::Stub> stub;
    Metadata metadata;
};

ReportsClient::ReportsClient(Settings settings, QObject* parent)
    : QObject(parent),
      m_settings(std::move(settings)),
      m_poster(std::make_shared<QtPoster>(this)),
      m_net(std::make_unique<Net>()) {
    m_net->channel = makeChannel(m_settings);
    m_net->stub = pb::Reports::NewStub(m_net->channel);
    m_net->metadata = identityMetadata(m_settings);
}

ReportsClient::~ReportsClient() {
    m_poster->detach();
}

int ReportsClient::phaseReport(const PhaseReportQuery& query) {
    const int id = ++m_nextRequestId;
    auto c = std::make_shared<Call>();
    c->stub = m_net->stub;
    phaseReportQueryToWire(query, &c->request);
    for (const auto& [key, value] : m_net->metadata)
        c->context.AddMetadata(key, value);
    c->context.set_deadline(std::chrono::system_clock::now() + m_settings.deadline);
    c->stub->async()->PhaseReport(
        &c->context, &c->request, &c->reply,
        [this, c, id, poster = m_poster](const grpc::Status& status) mutable {
            // Released on the Qt thread with the work, not here (see SubscribeStream::OnDone).
            poster->post([this, c = std::move(c), id, status] {
                if (status.ok()) {
                    Q_EMIT reportReceived(id, phaseReportFromWire(c->reply));
                } else {
                    Q_EMIT reportFailed(id, static_cast<int>(status.error_code()),
                                        QString::fromStdString(status.error_message()));
                }
            });
        });
    return id;
}

}  // namespace flameblue::console

#include "net/coverage_feed.h"

#include <grpcpp/grpcpp.h>

#include <chrono>

#include "flameblue/v1/reports.grpc.pb.h"
#include "net/qt_poster.h"
#include "net/server_link_net.h"

namespace flameblue::console {

namespace pb = ::flameblue::v1;

namespace {

constexpr int kPollMs = 2000;
constexpr auto kDeadline = std::chrono::seconds(10);

struct Call {
    grpc::ClientContext context;
    pb::CoverageRequest request;
    pb::CoverageReply reply;
};

QVariantMap point(const pb::CoveragePoint& p) {
    return {{QStringLiteral("lat"), p.lat()}, {QStringLiteral("lon"), p.lon()}};
}

}  // namespace

struct CoverageFeed::Net {
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<pb::Coverage::Stub> stub;
};

CoverageFeed::CoverageFeed(ServerLink link, QObject* parent)
    : QObject(parent), m_link(std::move(link)), m_poster(std::make_shared<QtPoster>(this)) {
    m_timer.setInterval(kPollMs);
    connect(&m_timer, &QTimer::timeout, this, &CoverageFeed::poll);
}

CoverageFeed::~CoverageFeed() {
    m_poster->detach();
}

void CoverageFeed::setActive(bool active) {
    if (m_active == active) {
        return;
    }
    m_active = active;
    if (active) {
        m_timer.start();
        poll();
    } else {
        m_timer.stop();
    }
    Q_EMIT activeChanged();
}

void CoverageFeed::refresh() {
    m_version = 0;
    poll();
}

void CoverageFeed::poll() {
    if (m_inFlight) {
        return;
    }
    if (!m_net) {
        m_net = std::make_unique<Net>();
        m_net->channel = makeChannel(m_link);
        m_net->stub = pb::Coverage::NewStub(m_net->channel);
    }
    auto call = std::make_shared<Call>();
    for (const auto& [key, value] : identityMetadata(m_link)) {
        call->context.AddMetadata(key, value);
    }
    call->context.set_deadline(std::chrono::system_clock::now() + kDeadline);
    call->request.set_known_version(m_version);
    call->request.set_include_grid(true);
    call->request.set_include_first_due_areas(!m_haveAreas);
    m_inFlight = true;
    m_net->stub->async()->GetCoverage(
        &call->context, &call->request, &call->reply,
        [call, poster = m_poster, this](const grpc::Status& status) {
            poster->post([call, status, this] {
                m_inFlight = false;
                if (!status.ok()) {
                    m_lastError = QString::fromStdString(status.error_message());
                    Q_EMIT summaryChanged();
                    return;
                }
                const pb::CoverageReply& r = call->reply;
                if (r.unchanged()) {
                    return;
                }
                m_lastError.clear();
                m_version = r.version();
                const auto& s = r.summary();
                m_coveredShare = s.covered_share();
                m_placesShare = s.places_share();
                m_circleSeconds = s.circle_s();
                m_countingUnits = static_cast<int>(s.counting_units());
                m_places = static_cast<int>(s.places());
                m_placesOutside.clear();
                for (const auto& p : s.places_outside()) {
                    m_placesOutside << QVariantMap{
                        {QStringLiteral("id"), QString::fromStdString(p.id())},
                        {QStringLiteral("nameZh"), QString::fromStdString(p.name_zh())},
                        {QStringLiteral("nameEn"), QString::fromStdString(p.name_en())},
                        {QStringLiteral("kind"), QString::fromStdString(p.kind())},
                        {QStringLiteral("seconds"),
                         p.has_first_arrival_s() ? p.first_arrival_s() : -1.0},
                        {QStringLiteral("unitId"), QString::fromStdString(p.first_unit_id())}};
                }
                m_stationGaps.clear();
                for (const auto& g : s.station_gaps()) {
                    m_stationGaps << QVariantMap{
                        {QStringLiteral("id"), QString::fromStdString(g.station_id())},
                        {QStringLiteral("nameZh"), QString::fromStdString(g.name_zh())},
                        {QStringLiteral("nameEn"), QString::fromStdString(g.name_en())},
                        {QStringLiteral("seconds"),
                         g.has_first_arrival_s() ? g.first_arrival_s() : -1.0},
                        {QStringLiteral("unitId"), QString::fromStdString(g.first_unit_id())}};
                }
                Q_EMIT summaryChanged();
                if (r.first_due_areas_size() > 0) {
                    m_firstDueAreas.clear();
                    for (const auto& a : r.first_due_areas()) {
                        QVariantList ring;
                        for (const auto& p : a.outline()) {
                            ring << point(p);
                        }
                        m_firstDueAreas << QVariant(ring);
                    }
                    m_haveAreas = true;
                    Q_EMIT firstDueAreasChanged();
                }
                if (r.has_grid()) {
                    const auto& g = r.grid();
                    Q_EMIT gridReceived(
                        g.rows(), g.cols(), g.min_lat(), g.min_lon(), g.lat_step(), g.lon_step(),
                        QByteArray(g.seconds().data(), static_cast<qsizetype>(g.seconds().size())));
                }
            });
        });
}

}  // namespace flameblue::console

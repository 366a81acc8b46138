#include "app/reports_controller.h"

#include <QDateTime>
#include <QDir>
#include <QQuickItem>
#include <QQuickItemGrabResult>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimeZone>

#include <algorithm>
#include <iterator>
#include <memory>
#include <utility>

#include "app/display_time.h"
#include "app/reports_export.h"
#include "models/console_state.h"

namespace flameblue::console {

namespace {

constexpr const char* kContext = "flameblue::console::ReportsController";
constexpr qint64 kMsPerMinute = 60'000;
constexpr qint64 kMsPerDay = qint64{24} * 60 * kMsPerMinute;
constexpr int kSecondsPerMinute = 60;
constexpr int kDaysPerWeek = 7;
constexpr int kDaysPerMonth = 30;
constexpr const char* kFieldFormat = "yyyy-MM-dd HH:mm";
constexpr const char* kDateFormat = "yyyy-MM-dd";
constexpr const char* kTitleSources[] = {
    QT_TRANSLATE_NOOP("flameblue::console::ReportsController", "p90 per group and threshold"),
    QT_TRANSLATE_NOOP("flameblue::console::ReportsController", "Fractile table"),
    QT_TRANSLATE_NOOP("flameblue::console::ReportsController", "Trend"),
};

QTimeZone displayZone() {
    const QTimeZone zone(DisplayTime::instance()->zoneId().toUtf8());
    return zone.isValid() ? zone : QTimeZone(QByteArrayLiteral("Asia/Shanghai"));
}

std::optional<qint64> parseField(const QString& text, const QTimeZone& zone) {
    const QString t = text.trimmed();
    QDateTime parsed = QDateTime::fromString(t, QString::fromLatin1(kFieldFormat));
    if (!parsed.isValid()) {
        const QDate date = QDate::fromString(t, QString::fromLatin1(kDateFormat));
        if (!date.isValid())
            return std::nullopt;
        parsed = QDateTime(date, QTime(0, 0));
    }
    return QDateTime(parsed.date(), parsed.time(), zone).toMSecsSinceEpoch();
}

QVariantMap choice(int value, const QString& name) {
    return {{QStringLiteral("value"), value}, {QStringLiteral("name"), name}};
}

}  // namespace

ReportsController::ReportsController(ConsoleState* state, ReportsClient::Settings settings,
                                     QObject* parent)
    : QObject(parent), m_state(state), m_client(std::move(settings)) {
    connect(&m_client, &ReportsClient::reportReceived, this, &ReportsController::onReport);
    connect(&m_client, &ReportsClient::reportFailed, this, &ReportsController::onFailed);
    // The custom range starts as the last 7 days, so editing it starts from something sensible.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_customFrom = rangeFieldText(now - kDaysPerWeek * kMsPerDay);
    m_customTo = rangeFieldText(now);
}

ReportsController::~ReportsController() = default;

void ReportsController::setRangePreset(int preset) {
    if (preset == m_rangePreset || preset < Last24Hours || preset > Custom)
        return;
    m_rangePreset = preset;
    Q_EMIT queryChanged();
}

void ReportsController::setCustomFrom(const QString& text) {
    if (text == m_customFrom)
        return;
    m_customFrom = text;
    Q_EMIT queryChanged();
}

void ReportsController::setCustomTo(const QString& text) {
    if (text == m_customTo)
        return;
    m_customTo = text;
    Q_EMIT queryChanged();
}

void ReportsController::setGrouping(int grouping) {
    if (grouping < static_cast<int>(ReportGrouping::Province) ||
        grouping > static_cast<int>(ReportGrouping::Day) || grouping == this->grouping())
        return;
    m_grouping = static_cast<ReportGrouping>(grouping);
    Q_EMIT queryChanged();
}

void ReportsController::setPhase(int phase) {
    if (phase == m_phase || (phase != 0 && (phase < kFirstReportPhase || phase > kLastReportPhase)))
        return;
    m_phase = phase;
    Q_EMIT queryChanged();
}

QVariantList ReportsController::rangePresets() const {
    return {choice(Last24Hours, tr("Last 24 hours")), choice(Last7Days, tr("Last 7 days")),
            choice(Last30Days, tr("Last 30 days")), choice(ThisYear, tr("This year")),
            choice(Custom, tr("Custom"))};
}

QVariantList ReportsController::groupings() const {
    QVariantList out;
    for (ReportGrouping g :
         {ReportGrouping::City, ReportGrouping::Station, ReportGrouping::Unit,
          ReportGrouping::IncidentType, ReportGrouping::Level, ReportGrouping::HourOfDay,
          ReportGrouping::Day, ReportGrouping::Month, ReportGrouping::Province})
        out.push_back(choice(static_cast<int>(g), ReportTexts::groupingName(g)));
    return out;
}

QVariantList ReportsController::phases() const {
    QVariantList out{choice(0, tr("All phases"))};
    for (int p = kFirstReportPhase; p <= kLastReportPhase; ++p)
        out.push_back(choice(p, ReportTexts::phaseName(static_cast<ReportPhase>(p))));
    return out;
}

QString ReportsController::rangeFieldText(qint64 ms) const {
    return QDateTime::fromMSecsSinceEpoch(ms, displayZone())
        .toString(QString::fromLatin1(kFieldFormat));
}

std::optional<std::pair<qint64, qint64>> ReportsController::range(QString* why) const {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    switch (m_rangePreset) {
        case Last24Hours:
            return std::pair<qint64, qint64>{now - kMsPerDay, 0};
        case Last7Days:
            return std::pair<qint64, qint64>{now - kDaysPerWeek * kMsPerDay, 0};
        case Last30Days:
            return std::pair<qint64, qint64>{now - kDaysPerMonth * kMsPerDay, 0};
        case ThisYear: {
            const QTimeZone zone = displayZone();
            const int year = QDateTime::fromMSecsSinceEpoch(now, zone).date().year();
            return std::pair<qint64, qint64>{
                QDateTime(QDate(year, 1, 1), QTime(0, 0), zone).toMSecsSinceEpoch(), 0};
        }
        default:
            break;
    }
    const QTimeZone zone = displayZone();
    const auto from = parseField(m_customFrom, zone);
    const auto to =
        m_customTo.trimmed().isEmpty() ? std::optional<qint64>(0) : parseField(m_customTo, zone);
    if (!from || !to) {
        if (why)
            *why = tr("Enter the range as yyyy-MM-dd HH:mm (%1).")
                       .arg(DisplayTime::instance()->zoneName());
        return std::nullopt;
    }
    if (*to != 0 && *to <= *from) {
        if (why)
            *why = tr("The end of the range must come after its start.");
        return std::nullopt;
    }
    return std::pair<qint64, qint64>{*from, *to};
}

void ReportsController::setError(const QString& error) {
    m_error = error;
    Q_EMIT stateChanged();
}

void ReportsController::refresh() {
    QString why;
    const auto r = range(&why);
    if (!r) {
        setError(why);
        return;
    }
    const QTimeZone zone = displayZone();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    PhaseReportQuery query;
    query.fromMs = r->first;
    query.toMs = r->second;
    query.grouping = m_grouping;
    if (m_phase != 0)
        query.phases = {static_cast<ReportPhase>(m_phase)};
    query.utcOffsetMinutes =
        zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(r->second ? r->second : now)) /
        kSecondsPerMinute;
    query.tableMinutes = kTableMinutes;
    m_mainRequest = m_client.phaseReport(query);

    // The trend: the charts' phase over the whole province, by day (by month over long ranges).
    const bool unitGrouping =
        m_grouping == ReportGrouping::Station || m_grouping == ReportGrouping::Unit;
    const ReportPhase chart =
        m_phase != 0 ? static_cast<ReportPhase>(m_phase)
                     : (unitGrouping ? ReportPhase::Turnout : ReportPhase::FirstArrival);
    PhaseReportQuery trendQuery = query;
    trendQuery.phases = {chart};
    m_pendingChartPhase = chart;
    const qint64 span = (r->second ? r->second : now) - r->first;
    m_pendingTrendByMonth = span > kTrendByDayMaxDays * kMsPerDay;
    trendQuery.grouping = m_pendingTrendByMonth ? ReportGrouping::Month : ReportGrouping::Day;
    m_trendRequest = m_client.phaseReport(trendQuery);
    m_pendingGrouping = m_grouping;
    m_pendingFromMs = r->first;
    m_pendingToMs = r->second;
    m_error.clear();
    Q_EMIT stateChanged();
}

void ReportsController::onReport(int requestId, const PhaseReport& report) {
    if (requestId == m_trendRequest) {
        m_trendRequest = 0;
        m_trendReport = report;
        m_trendByMonth = m_pendingTrendByMonth;
        Q_EMIT reportChanged();
        Q_EMIT stateChanged();
        return;
    }
    if (requestId != m_mainRequest)
        return;  // an older request's answer
    m_mainRequest = 0;
    m_shownGrouping = m_pendingGrouping;
    m_chartPhase = m_pendingChartPhase;
    m_shownFromMs = m_pendingFromMs;
    m_shownToMs = m_pendingToMs;
    // The columns: the phases the report measures for these groups (stations and units have
    // unit phases only).
    std::vector<ReportPhase> columns;
    for (int p = kFirstReportPhase; p <= kLastReportPhase; ++p) {
        const auto phase = static_cast<ReportPhase>(p);
        const bool inGroups = std::any_of(report.groups.begin(), report.groups.end(),
                                          [&](const ReportGroup& g) { return g.figures(phase); });
        if (inGroups || (report.groups.empty() && report.total.figures(phase)))
            columns.push_back(phase);
    }
    if (std::find(columns.begin(), columns.end(), m_chartPhase) == columns.end() &&
        !columns.empty() && m_phase == 0)
        m_chartPhase = columns.front();
    m_table.setReport(report, std::move(columns), labels(report, m_shownGrouping), tr("All"));
    m_loaded = true;
    m_error.clear();
    Q_EMIT reportChanged();
    Q_EMIT stateChanged();
}

void ReportsController::onFailed(int requestId, int code, const QString& message) {
    if (requestId != m_mainRequest && requestId != m_trendRequest)
        return;
    if (requestId == m_mainRequest)
        m_mainRequest = 0;
    else
        m_trendRequest = 0;
    constexpr int kUnavailable = 14;
    setError(code == kUnavailable ? tr("The server cannot give reports yet: %1").arg(message)
                                  : tr("Report refused: %1").arg(message));
}

ReportTableModel::Label ReportsController::label(const QString& key,
                                                 ReportGrouping grouping) const {
    const bool english = m_state->language() == QLatin1String("en");
    const auto pick = [english](QString zh, QString en) {
        if (zh.isEmpty())
            zh = en;
        if (en.isEmpty())
            en = zh;
        return ReportTableModel::Label{english ? en : zh, zh, en};
    };
    const auto fromCatalog = [&](CatalogListModel* model) {
        const int row = model->indexOf(key);
        if (row < 0)
            return pick(key, key);
        const QModelIndex index = model->index(row);
        return pick(index.data(CatalogListModel::NameZhRole).toString(),
                    index.data(CatalogListModel::NameEnRole).toString());
    };
    switch (grouping) {
        case ReportGrouping::Province:
            return pick(m_export.zh(kContext, QT_TR_NOOP("Shanxi province")),
                        QStringLiteral("Shanxi province"));
        case ReportGrouping::City:
            return fromCatalog(m_state->catalog()->cities());
        case ReportGrouping::IncidentType:
            return fromCatalog(m_state->catalog()->incidentTypes());
        case ReportGrouping::Station: {
            if (const auto* s = m_state->stations()->find(key.toStdString()))
                return pick(QString::fromStdString(s->name_zh()),
                            QString::fromStdString(s->name_en()));
            return pick(key, key);
        }
        case ReportGrouping::Unit: {
            const auto* u = m_state->units()->find(key.toStdString());
            if (!u)
                u = m_state->aircraft()->find(key.toStdString());
            const QString callsign = u ? u->displayName() : key;
            return pick(callsign, callsign);
        }
        case ReportGrouping::Level:
            return pick(m_export.zh(kContext, QT_TR_NOOP("Level %1")).arg(key),
                        QStringLiteral("Level %1").arg(key));
        case ReportGrouping::HourOfDay: {
            const int hour = key.toInt();
            const QString text = QStringLiteral("%1:00–%2:00")
                                     .arg(hour, 2, 10, QLatin1Char('0'))
                                     .arg(hour + 1, 2, 10, QLatin1Char('0'));
            return pick(text, text);
        }
        case ReportGrouping::Month:
        case ReportGrouping::Day:
            break;
    }
    return pick(key, key);
}

std::vector<ReportTableModel::Label> ReportsController::labels(const PhaseReport& report,
                                                               ReportGrouping grouping) const {
    std::vector<ReportTableModel::Label> out;
    out.reserve(report.groups.size());
    for (const ReportGroup& g : report.groups)
        out.push_back(label(g.key, grouping));
    return out;
}

void ReportsController::retranslate() {
    if (m_loaded)
        m_table.retranslate(labels(m_table.report(), m_shownGrouping), tr("All"));
    Q_EMIT languageChanged();
    Q_EMIT reportChanged();
}

QString ReportsController::rangeText() const {
    const QString from =
        m_shownFromMs ? DisplayTime::instance()->dateTime(m_shownFromMs) : QString();
    const QString to = m_shownToMs ? DisplayTime::instance()->dateTime(m_shownToMs) : tr("now");
    return tr("%1 – %2 (%3)").arg(from, to, DisplayTime::instance()->zoneName());
}

QString ReportsController::summary() const {
    if (!m_loaded)
        return {};
    const PhaseReport& r = m_table.report();
    const bool chinese = m_state->language() != QLatin1String("en");
    const QString& source =
        chinese && !r.thresholdSourceZh.isEmpty() ? r.thresholdSourceZh : r.thresholdSource;
    const QString thresholds = source.isEmpty() ? tr("no thresholds (fractiles only)") : source;
    return tr("%1 · %n incident(s) · events up to %2 · thresholds: %3", "",
              static_cast<int>(r.total.incidents))
        .arg(rangeText())
        .arg(r.asOfSeq)
        .arg(thresholds);
}

QVariantList ReportsController::bars() const {
    QVariantList out;
    const PhaseReport& r = m_table.report();
    for (std::size_t i = 0; i < r.groups.size(); ++i) {
        const PhaseFigures* f = r.groups[i].figures(m_chartPhase);
        const bool measured = f && f->p90.has_value();
        QVariantMap bar;
        bar.insert(QStringLiteral("label"),
                   i < m_table.labels().size() ? m_table.labels()[i].display : r.groups[i].key);
        bar.insert(QStringLiteral("value"), measured ? *f->p90 / kSecondsPerMinute : 0.0);
        bar.insert(QStringLiteral("measured"), measured);
        bar.insert(QStringLiteral("level"),
                   ReportTexts::complianceKey(f ? f->compliance() : Compliance::None));
        out.push_back(bar);
    }
    return out;
}

double ReportsController::thresholdMinutes() const {
    const PhaseFigures* f = m_table.report().total.figures(m_chartPhase);
    return f && f->threshold ? f->threshold->seconds / kSecondsPerMinute : -1.0;
}

double ReportsController::thresholdFractile() const {
    const PhaseFigures* f = m_table.report().total.figures(m_chartPhase);
    return f && f->threshold ? f->threshold->fractile : -1.0;
}

QVariantList ReportsController::fractileLines() const {
    const PhaseReport& r = m_table.report();
    const auto line = [](const QString& label, const PhaseFigures& f) {
        QVariantList points;
        for (double c : f.cumulativePercent)
            points.push_back(c);
        return QVariantMap{{QStringLiteral("label"), label}, {QStringLiteral("points"), points}};
    };
    QVariantList out;
    if (const PhaseFigures* f = r.total.figures(m_chartPhase); f && f->count > 0)
        out.push_back(line(tr("All"), *f));
    if (r.groups.size() < 2)
        return out;  // one group is the total again
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < r.groups.size(); ++i) {
        const PhaseFigures* f = r.groups[i].figures(m_chartPhase);
        if (f && f->count > 0)
            order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return r.groups[a].figures(m_chartPhase)->count > r.groups[b].figures(m_chartPhase)->count;
    });
    if (order.size() > static_cast<std::size_t>(kFractileLineGroups))
        order.resize(kFractileLineGroups);
    for (std::size_t i : order) {
        out.push_back(
            line(i < m_table.labels().size() ? m_table.labels()[i].display : r.groups[i].key,
                 *r.groups[i].figures(m_chartPhase)));
    }
    return out;
}

QString ReportsController::trendLabel(const QString& key) const {
    // Days as "03-14" (the year is in the range), months as "2026-03".
    if (!m_trendByMonth && key.size() == 10)
        return key.mid(5);
    return key;
}

QVariantList ReportsController::trend() const {
    QVariantList out;
    for (const ReportGroup& g : m_trendReport.groups) {
        const PhaseFigures* f = g.figures(m_chartPhase);
        QVariantMap point;
        point.insert(QStringLiteral("label"), trendLabel(g.key));
        point.insert(QStringLiteral("measured"), f && f->p90.has_value());
        point.insert(QStringLiteral("value"), f && f->p90 ? *f->p90 / kSecondsPerMinute : 0.0);
        point.insert(QStringLiteral("compliance"),
                     f && f->compliancePercent ? *f->compliancePercent : -1.0);
        out.push_back(point);
    }
    return out;
}

QUrl ReportsController::suggestedFile(const QString& format) const {
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    const QString day = QDateTime::currentDateTimeUtc()
                            .toTimeZone(displayZone())
                            .toString(QStringLiteral("yyyyMMdd"));
    return QUrl::fromLocalFile(
        QDir(folder).filePath(QStringLiteral("flameblue-response-times-%1.%2").arg(day, format)));
}

void ReportsController::exportReport(const QUrl& file, const QString& format,
                                     const QVariantList& charts) {
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (!QDir::isAbsolutePath(path)) {
        Q_EMIT exportFinished(false, tr("No file chosen."), path);
        return;
    }
    if (!m_loaded) {
        Q_EMIT exportFinished(false, tr("There is no report to save yet."), path);
        return;
    }
    if (format == QLatin1String("csv")) {
        writeExport(path, format, {});
        return;
    }
    // The charts as they are on screen, grabbed one after the other.
    struct Grabs {
        std::vector<QImage> images;
        std::vector<QSharedPointer<QQuickItemGrabResult>> results;
        int pending = 0;
    };
    auto grabs = std::make_shared<Grabs>();
    for (const QVariant& v : charts) {
        auto* item = qobject_cast<QQuickItem*>(v.value<QObject*>());
        if (!item || !item->window())
            continue;
        auto result = item->grabToImage();
        if (!result)
            continue;
        const auto slot = grabs->images.size();
        grabs->images.emplace_back();
        grabs->results.push_back(result);
        ++grabs->pending;
        connect(result.data(), &QQuickItemGrabResult::ready, this,
                [this, grabs, slot, path, format] {
                    grabs->images[slot] = grabs->results[slot]->image();
                    if (--grabs->pending == 0)
                        writeExport(path, format, grabs->images);
                });
    }
    if (grabs->pending == 0)
        writeExport(path, format, {});
}

void ReportsController::writeExport(const QString& path, const QString& format,
                                    const std::vector<QImage>& images) {
    std::vector<ReportChart> charts;
    const QString phaseZh =
        m_export.zh("flameblue::console::ReportTexts", ReportTexts::phaseSource(m_chartPhase));
    const QString phaseEn = QString::fromUtf8(ReportTexts::phaseSource(m_chartPhase));
    for (std::size_t i = 0; i < images.size() && i < std::size(kTitleSources); ++i) {
        charts.push_back(ReportChart{
            m_export.zh(kContext, kTitleSources[i]) + QStringLiteral(" · ") + phaseZh,
            QString::fromUtf8(kTitleSources[i]) + QStringLiteral(" · ") + phaseEn, images[i]});
    }
    ReportDescription description;
    description.rangeText = rangeText();
    description.grouping = m_shownGrouping;
    description.generatedText =
        DisplayTime::instance()->dateTime(QDateTime::currentMSecsSinceEpoch()) + QLatin1Char(' ') +
        DisplayTime::instance()->zoneName();
    QSaveFile out(path);
    bool written = out.open(QIODevice::WriteOnly);
    if (written) {
        if (format == QLatin1String("csv")) {
            const QByteArray data = ReportExport::csv(m_table, m_shownGrouping);
            written = out.write(data) == data.size();
        } else if (format == QLatin1String("pdf")) {
            written = m_export.pdf(m_table, description, charts, &out);
        } else {
            const QByteArray data = m_export.html(m_table, description, charts, true).toUtf8();
            written = out.write(data) == data.size();
        }
    }
    if (!written || !out.commit()) {
        Q_EMIT exportFinished(
            false, tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), out.errorString()),
            path);
        return;
    }
    Q_EMIT exportFinished(true, tr("Report saved to %1").arg(QDir::toNativeSeparators(path)), path);
}

QString ReportsController::chartTitle(int chart) const {
    if (chart < 0 || chart >= static_cast<int>(std::size(kTitleSources)))
        return {};
    return tr(kTitleSources[chart]);
}

}  // namespace flameblue::console

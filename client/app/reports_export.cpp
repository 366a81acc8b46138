#include "app/reports_export.h"

#include <QBuffer>
#include <QFont>
#include <QIODevice>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

#include <cmath>

#include "app/language_switcher.h"

namespace flameblue::console {

namespace {

constexpr const char* kTextsContext = "flameblue::console::ReportTexts";
constexpr const char* kExportContext = "flameblue::console::ReportExport";
constexpr const char* kBom = "\xEF\xBB\xBF";
constexpr int kPdfResolution = 150;
constexpr qreal kPdfMarginMm = 12;
constexpr int kChartWidthPx = 900;

// A cell of the CSV: quoted when it holds a separator, a quote or a line break.
QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString seconds(std::optional<double> s) {
    if (!s || !std::isfinite(*s))
        return {};
    return QString::number(*s, 'f', 1);
}

QString colourOf(Compliance c) {
    switch (c) {
        case Compliance::Met:
            return QStringLiteral("#1f7a4d");
        case Compliance::Near:
            return QStringLiteral("#a86400");
        case Compliance::Missed:
            return QStringLiteral("#b42318");
        case Compliance::None:
            break;
    }
    return QStringLiteral("#333333");
}

QString rowLabel(const ReportTableModel& table, int row, bool bilingual, const QString& totalBoth) {
    const auto& labels = table.labels();
    if (row >= static_cast<int>(table.report().groups.size()))
        return bilingual ? totalBoth : table.totalLabel();
    if (static_cast<std::size_t>(row) >= labels.size())
        return table.group(row).key;
    const auto& l = labels[static_cast<std::size_t>(row)];
    if (!bilingual)
        return l.display;
    return l.zh == l.en || l.en.isEmpty() ? l.zh : l.zh + QLatin1Char(' ') + l.en;
}

}  // namespace

ReportExport::ReportExport() {
    // Chinese from the console's own catalogue; English is the source text.
    (void)m_zh.load(LanguageSwitcher::resourcePath(QStringLiteral("zh_CN")));
}

QString ReportExport::zh(const char* context, const char* source) const {
    const QString zh = m_zh.translate(context, source);
    return zh.isEmpty() ? QString::fromUtf8(source) : zh;
}

QString ReportExport::both(const char* context, const char* source) const {
    QString en = QString::fromUtf8(source);
    QString zh = m_zh.translate(context, source);
    if (zh.isEmpty() || zh == en)
        return en;
    return zh + QLatin1Char(' ') + en;
}

QByteArray ReportExport::csv(const ReportTableModel& table, ReportGrouping grouping) {
    QStringList header;
    header << ReportTexts::groupingName(grouping);
    header << tr("Incidents") << tr("Unit responses");
    for (ReportPhase p : table.phases()) {
        const QString name = ReportTexts::phaseName(p);
        header << tr("%1: cases").arg(name) << tr("%1: p50 (s)").arg(name)
               << tr("%1: p80 (s)").arg(name) << tr("%1: p90 (s)").arg(name)
               << tr("%1: mean (s)").arg(name) << tr("%1: compliance (%)").arg(name)
               << tr("%1: threshold (s)").arg(name) << tr("%1: threshold fractile (%)").arg(name);
    }
    QStringList lines;
    QStringList fields;
    for (const QString& h : header)
        fields << csvField(h);
    lines << fields.join(QLatin1Char(','));
    for (int row = 0; row < table.rowCount(); ++row) {
        const ReportGroup& g = table.group(row);
        fields.clear();
        fields << csvField(rowLabel(table, row, false, {})) << QString::number(g.incidents)
               << QString::number(g.responses);
        for (ReportPhase p : table.phases()) {
            const PhaseFigures* f = g.figures(p);
            if (!f) {
                for (int i = 0; i < 8; ++i)
                    fields << QString();
                continue;
            }
            fields << QString::number(f->count) << seconds(f->p50) << seconds(f->p80)
                   << seconds(f->p90) << seconds(f->mean) << seconds(f->compliancePercent)
                   << (f->threshold ? seconds(f->threshold->seconds) : QString())
                   << (f->threshold ? seconds(f->threshold->fractile) : QString());
        }
        lines << fields.join(QLatin1Char(','));
    }
    return QByteArray(kBom) + lines.join(QStringLiteral("\r\n")).toUtf8() + "\r\n";
}

QString ReportExport::html(const ReportTableModel& table, const ReportDescription& description,
                           const std::vector<ReportChart>& charts, bool embedImages) const {
    const auto x = [this](const char* source) {
        return both(kExportContext, source).toHtmlEscaped();
    };
    QString h;
    h += QStringLiteral(
             "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>%1</title>\n"
             "<style>body{font-family:'Noto Sans CJK SC',sans-serif;color:#222;margin:16px}"
             "h1{font-size:20px}h2{font-size:16px;margin-top:18px}"
             "table{border-collapse:collapse;font-size:11px}"
             "th,td{border:1px solid #999;padding:3px 5px;text-align:right;vertical-align:top}"
             "th{background:#eee}td.g{text-align:left}tr.total td{font-weight:bold}"
             ".meta{font-size:12px;color:#444}@media print{body{margin:0}}</style>\n"
             "</head><body>\n")
             .arg(x(QT_TR_NOOP("Response-time report")));
    h += QStringLiteral("<h1>%1</h1>\n").arg(x(QT_TR_NOOP("Response-time report")));
    const QString groupingBoth =
        both(kTextsContext, ReportTexts::groupingSource(description.grouping)).toHtmlEscaped();
    const auto meta = [&x](const char* label, const QString& value) {
        return QStringLiteral("%1: %2<br>").arg(x(label), value);
    };
    h += QStringLiteral("<p class=\"meta\">");
    h += meta(QT_TR_NOOP("Time range"), description.rangeText.toHtmlEscaped());
    h += meta(QT_TR_NOOP("Grouped by"), groupingBoth);
    const PhaseReport& report = table.report();
    QString thresholds = report.thresholdSource;
    if (!report.thresholdSourceZh.isEmpty() && report.thresholdSourceZh != thresholds)
        thresholds = report.thresholdSourceZh + QStringLiteral(" / ") + thresholds;
    h +=
        meta(QT_TR_NOOP("Thresholds"), thresholds.isEmpty() ? x(QT_TR_NOOP("none (fractiles only)"))
                                                            : thresholds.toHtmlEscaped());
    h += meta(QT_TR_NOOP("Events up to"), QString::number(table.report().asOfSeq));
    h += meta(QT_TR_NOOP("Generated"), description.generatedText.toHtmlEscaped());
    h += QStringLiteral("</p>\n");

    // The table: group, incidents, responses, then per phase p50/p80/p90/compliance/count.
    h += QStringLiteral(
             "<h2>%1</h2>\n<table>\n<tr><th rowspan=\"2\">%2</th><th rowspan=\"2\">"
             "%3</th><th rowspan=\"2\">%4</th>")
             .arg(x(QT_TR_NOOP("Fractiles and compliance")), groupingBoth,
                  x(QT_TR_NOOP("Incidents")), x(QT_TR_NOOP("Unit responses")));
    for (ReportPhase p : table.phases()) {
        const PhaseFigures* f = table.report().total.figures(p);
        QString threshold;
        if (f && f->threshold) {
            threshold =
                QStringLiteral("<br>") + QStringLiteral("&le; %1 / %2 %")
                                             .arg(ReportTexts::duration(f->threshold->seconds))
                                             .arg(f->threshold->fractile, 0, 'g', 3);
        }
        h += QStringLiteral("<th colspan=\"5\">%1%2</th>")
                 .arg(both(kTextsContext, ReportTexts::phaseSource(p)).toHtmlEscaped(), threshold);
    }
    h += QStringLiteral("</tr>\n<tr>");
    for (std::size_t i = 0; i < table.phases().size(); ++i) {
        h += QStringLiteral("<th>p50</th><th>p80</th><th>p90</th><th>%1</th><th>%2</th>")
                 .arg(x(QT_TR_NOOP("Compliance")), x(QT_TR_NOOP("Cases")));
    }
    h += QStringLiteral("</tr>\n");
    const QString totalBoth = x(QT_TR_NOOP("All"));
    for (int row = 0; row < table.rowCount(); ++row) {
        const ReportGroup& g = table.group(row);
        const bool total = row == table.groupCount();
        h += total ? QStringLiteral("<tr class=\"total\">") : QStringLiteral("<tr>");
        h += QStringLiteral("<td class=\"g\">%1</td><td>%2</td><td>%3</td>")
                 .arg(total ? totalBoth : rowLabel(table, row, true, {}).toHtmlEscaped())
                 .arg(g.incidents)
                 .arg(g.responses);
        for (ReportPhase p : table.phases()) {
            const PhaseFigures* f = g.figures(p);
            const Compliance c = f ? f->compliance() : Compliance::None;
            const QString compliance =
                f && f->threshold ? ReportTexts::percent(f->compliancePercent) : QString();
            h += QStringLiteral(
                     "<td>%1</td><td>%2</td><td>%3</td><td style=\"color:%4\">%5</td><td>%6</td>")
                     .arg(ReportTexts::duration(f ? f->p50 : std::nullopt),
                          ReportTexts::duration(f ? f->p80 : std::nullopt),
                          ReportTexts::duration(f ? f->p90 : std::nullopt), colourOf(c),
                          compliance.toHtmlEscaped(), QString::number(f ? f->count : 0));
        }
        h += QStringLiteral("</tr>\n");
    }
    h += QStringLiteral("</table>\n<p class=\"meta\">%1</p>\n")
             .arg(x(QT_TR_NOOP("Times in minutes:seconds. Compliance: share of cases within "
                               "the threshold; green when it reaches the threshold's fractile, "
                               "orange within 10 points of it, red below.")));

    for (std::size_t i = 0; i < charts.size(); ++i) {
        const ReportChart& chart = charts[i];
        if (chart.image.isNull())
            continue;
        QString src;
        if (embedImages) {
            QByteArray png;
            QBuffer buffer(&png);
            (void)buffer.open(QIODevice::WriteOnly);
            chart.image.save(&buffer, "PNG");
            src = QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
        } else {
            src = QStringLiteral("chart-%1.png").arg(i);
        }
        const int height = chart.image.width() > 0
                               ? kChartWidthPx * chart.image.height() / chart.image.width()
                               : 0;
        h += QStringLiteral("<h2>%1</h2>\n<p><img src=\"%2\" width=\"%3\" height=\"%4\"></p>\n")
                 .arg((chart.titleZh == chart.titleEn
                           ? chart.titleEn
                           : chart.titleZh + QLatin1Char(' ') + chart.titleEn)
                          .toHtmlEscaped(),
                      src)
                 .arg(kChartWidthPx)
                 .arg(height);
    }
    h += QStringLiteral("</body></html>\n");
    return h;
}

bool ReportExport::pdf(const ReportTableModel& table, const ReportDescription& description,
                       const std::vector<ReportChart>& charts, QIODevice* out) const {
    QTextDocument document;
    document.setDefaultFont(QFont(QStringLiteral("Noto Sans CJK SC"), 9));
    for (std::size_t i = 0; i < charts.size(); ++i) {
        document.addResource(QTextDocument::ImageResource,
                             QUrl(QStringLiteral("chart-%1.png").arg(i)),
                             QVariant::fromValue(charts[i].image));
    }
    document.setHtml(html(table, description, charts, false));
    QPdfWriter writer(out);
    writer.setTitle(both(kExportContext, QT_TR_NOOP("Response-time report")));
    writer.setCreator(QStringLiteral("Flameblue"));
    writer.setResolution(kPdfResolution);
    if (!writer.setPageLayout(
            QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                        QMarginsF(kPdfMarginMm, kPdfMarginMm, kPdfMarginMm, kPdfMarginMm),
                        QPageLayout::Millimeter)))
        return false;
    document.print(&writer);
    return true;
}

}  // namespace flameblue::console

// The Reports view's exports: the table as CSV (display language), and a printable bilingual
// report (Chinese and English headings, the table, the charts) as HTML or PDF, written with
// Qt's own PDF writer.
#pragma once

#include <QCoreApplication>
#include <QImage>
#include <QString>
#include <QTranslator>

#include <vector>

#include "models/report_table_model.h"

class QIODevice;

namespace flameblue::console {

struct ReportChart {
    QString titleZh;
    QString titleEn;
    QImage image;
};

// What a report says besides the table: the query and where its figures come from.
struct ReportDescription {
    QString rangeText;  // in the display zone, with the zone named
    ReportGrouping grouping = ReportGrouping::City;
    QString generatedText;  // when it was made, in the display zone
};

class ReportExport {
    Q_DECLARE_TR_FUNCTIONS(flameblue::console::ReportExport)

public:
    ReportExport();

    // The table in the display language: one row per group and the total; durations and
    // thresholds in seconds, compliance in percent; UTF-8 with a byte-order mark.
    static QByteArray csv(const ReportTableModel& table, ReportGrouping grouping);
    // The printable report. `embedImages`: charts as data: URLs (a self-contained .html);
    // otherwise as "chart-N.png" resources (for a QTextDocument).
    QString html(const ReportTableModel& table, const ReportDescription& description,
                 const std::vector<ReportChart>& charts, bool embedImages) const;
    // The same report as PDF (A4 landscape) into `out`; false when it could not be written.
    bool pdf(const ReportTableModel& table, const ReportDescription& description,
             const std::vector<ReportChart>& charts, QIODevice* out) const;

    // A text of `context` in Chinese and in English ("响应时间 Response time"; once when the
    // two are the same).
    QString both(const char* context, const char* source) const;
    // The text in Chinese (the source text when the catalogue lacks it).
    QString zh(const char* context, const char* source) const;

private:
    QTranslator m_zh;
};

}  // namespace flameblue::console

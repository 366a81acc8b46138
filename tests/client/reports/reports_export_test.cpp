// The Reports view's exports from a known report: the CSV table (display language, seconds),
// the bilingual HTML with its charts embedded, and the PDF from Qt's own writer.
#include <QBuffer>
#include <QImage>
#include <QTest>

#include "app/reports_export.h"

using namespace flameblue::console;

namespace {

PhaseFigures figures(ReportPhase phase, quint64 count, double p50, double p90,
                     std::optional<double> compliance) {
    PhaseFigures f;
    f.phase = phase;
    f.count = count;
    f.p50 = p50;
    f.p80 = (p50 + p90) / 2;
    f.p90 = p90;
    f.mean = (p50 + p90) / 2;
    if (compliance) {
        f.threshold = PhaseThreshold{60, 90};
        f.compliancePercent = compliance;
        f.compliant = *compliance >= 90;
    }
    f.cumulativePercent = {50, 100};
    return f;
}

// Two cities: Taiyuan meets the call-processing threshold, "Datong, north" misses it.
void fill(ReportTableModel& table) {
    PhaseReport r;
    ReportGroup ty;
    ty.key = QStringLiteral("taiyuan");
    ty.incidents = 12;
    ty.responses = 20;
    ty.phases = {figures(ReportPhase::CallProcessing, 12, 30, 59.6, 95.0),
                 figures(ReportPhase::Travel, 20, 200, 425, std::nullopt)};
    ReportGroup dt;
    dt.key = QStringLiteral("datong");
    dt.incidents = 3;
    dt.responses = 2;
    dt.phases = {figures(ReportPhase::CallProcessing, 3, 50, 125, 40.0)};
    r.groups = {ty, dt};
    r.total.incidents = 15;
    r.total.responses = 22;
    r.total.phases = {figures(ReportPhase::CallProcessing, 15, 31, 70, 84.0),
                      figures(ReportPhase::Travel, 22, 200, 425, std::nullopt)};
    r.thresholdSource = QStringLiteral("NFPA 1710 (2020)");
    r.asOfSeq = 321;
    table.setReport(
        r, {ReportPhase::CallProcessing, ReportPhase::Travel},
        {{QStringLiteral("Taiyuan"), QString::fromUtf8("太原市"), QStringLiteral("Taiyuan")},
         {QStringLiteral("Datong, north"), QString::fromUtf8("大同市"),
          QStringLiteral("Datong, north")}},
        QStringLiteral("All"));
}

}  // namespace

class ReportsExportTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void csvHoldsTheTableInSeconds() {
        ReportTableModel table;
        fill(table);
        const QByteArray csv = ReportExport::csv(table, ReportGrouping::City);
        QVERIFY(csv.startsWith("\xEF\xBB\xBF"));  // spreadsheets read it as UTF-8
        const QStringList lines =
            QString::fromUtf8(csv.mid(3)).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);  // header, two cities, the total
        const QStringList header = lines[0].split(QLatin1Char(','));
        QCOMPARE(header.size(), 3 + 2 * 8);
        QCOMPARE(header[0], QStringLiteral("City"));
        QCOMPARE(header[1], QStringLiteral("Incidents"));
        QCOMPARE(header[6], QStringLiteral("Call processing: p90 (s)"));
        QCOMPARE(header[8], QStringLiteral("Call processing: compliance (%)"));
        QCOMPARE(header[11], QStringLiteral("Travel: cases"));
        QCOMPARE(lines[1], QStringLiteral("Taiyuan,12,20,12,30.0,44.8,59.6,44.8,95.0,60.0,90.0,"
                                          "20,200.0,312.5,425.0,312.5,,,"));
        // A label with a comma is quoted; a phase the group lacks is left empty.
        QVERIFY2(lines[2].startsWith(QStringLiteral("\"Datong, north\",3,2,3,50.0,")),
                 qPrintable(lines[2]));
        QVERIFY2(lines[2].endsWith(QStringLiteral(",40.0,60.0,90.0,,,,,,,,")),
                 qPrintable(lines[2]));
        QVERIFY(lines[3].startsWith(QStringLiteral("All,15,22,15,31.0,")));
    }

    void htmlIsBilingualWithTheChartsEmbedded() {
        ReportTableModel table;
        fill(table);
        ReportExport exporter;
        QImage chart(40, 20, QImage::Format_RGB32);
        chart.fill(Qt::red);
        ReportDescription description;
        description.rangeText = QStringLiteral("2026-11-01 00:00 – now (China Standard Time)");
        description.grouping = ReportGrouping::City;
        description.generatedText = QStringLiteral("2026-11-29 08:00:00");
        const QString html = exporter.html(
            table, description,
            {ReportChart{QString::fromUtf8("图一"), QStringLiteral("Chart one"), chart},
             ReportChart{QString::fromUtf8("图二"), QStringLiteral("Chart two"), chart}},
            true);
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        // Headings in Chinese and English, from the console's catalogue.
        QVERIFY2(html.contains(QString::fromUtf8("<h1>响应时间报告 Response-time report</h1>")),
                 qPrintable(html.left(2000)));
        QVERIFY(html.contains(QString::fromUtf8("接警处理 Call processing")));
        QVERIFY(html.contains(QString::fromUtf8("城市 City")));
        // Groups by both names, durations as minutes:seconds, compliance coloured.
        QVERIFY(html.contains(QString::fromUtf8("太原市 Taiyuan")));
        QVERIFY(html.contains(QStringLiteral("<td>1:00</td>")));
        QVERIFY(html.contains(QStringLiteral("color:#1f7a4d\">95.0 %")));
        QVERIFY(html.contains(QStringLiteral("color:#b42318\">40.0 %")));
        QVERIFY(html.contains(QStringLiteral("color:#a86400\">84.0 %")));
        QVERIFY(html.contains(QStringLiteral("NFPA 1710 (2020)")));
        QCOMPARE(html.count(QStringLiteral("<img src=\"data:image/png;base64,")), 2);
        QVERIFY(html.contains(QString::fromUtf8("图二 Chart two")));
        // For the PDF the charts are document resources.
        const QString forPdf =
            exporter.html(table, description,
                          {ReportChart{QStringLiteral("a"), QStringLiteral("a"), chart}}, false);
        QVERIFY(forPdf.contains(QStringLiteral("<img src=\"chart-0.png\"")));
    }

    void pdfComesFromQtsWriter() {
        ReportTableModel table;
        fill(table);
        ReportExport exporter;
        QImage chart(400, 200, QImage::Format_RGB32);
        chart.fill(Qt::blue);
        QByteArray pdf;
        QBuffer out(&pdf);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QVERIFY(exporter.pdf(table, {},
                             {ReportChart{QStringLiteral("c"), QStringLiteral("c"), chart}}, &out));
        out.close();
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        QVERIFY(pdf.contains("/Image"));  // the chart went in
    }
};

QTEST_MAIN(ReportsExportTest)
#include "reports_export_test.moc"

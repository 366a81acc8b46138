// The Reports service's reply as the console's report, and the Reports view's table model:
// minutes:seconds, compliance levels against the threshold's fractile, rows and cells.
#include <QAbstractItemModelTester>
#include <QTest>

#include "flameblue/v1/reports.pb.h"
#include "models/report_table_model.h"
#include "net/reports_client.h"

using namespace flameblue::console;
namespace pb = ::flameblue::v1;

namespace {

pb::PhaseFigures* addFigures(pb::ReportGroup* g, pb::ReportPhase phase, quint64 count, double p50,
                             double p80, double p90, std::optional<double> compliance) {
    auto* f = g->add_phases();
    f->set_phase(phase);
    f->set_count(count);
    if (count > 0) {
        f->set_p50_s(p50);
        f->set_p80_s(p80);
        f->set_p90_s(p90);
        f->set_mean_s((p50 + p90) / 2);
    }
    if (compliance) {
        f->mutable_threshold()->set_seconds(60);
        f->mutable_threshold()->set_fractile(90);
        f->set_compliance_percent(*compliance);
        f->set_compliant(*compliance >= 90);
    }
    for (double c : {40.0, 80.0, 100.0})
        f->add_cumulative_percent(c);
    return f;
}

// Taiyuan meets call processing (95 %), Datong is near (85 %), the province misses (50 %);
// travel has no threshold, and Datong has no travel measured.
pb::PhaseReportReply knownReply() {
    pb::PhaseReportReply reply;
    auto* ty = reply.add_groups();
    ty->set_key("taiyuan");
    ty->set_incidents(12);
    ty->set_responses(20);
    addFigures(ty, pb::REPORT_PHASE_CALL_PROCESSING, 12, 30, 45.4, 59.6, 95.0);
    addFigures(ty, pb::REPORT_PHASE_TRAVEL, 20, 200, 300, 425, std::nullopt);
    auto* dt = reply.add_groups();
    dt->set_key("datong");
    dt->set_incidents(3);
    dt->set_responses(0);
    addFigures(dt, pb::REPORT_PHASE_CALL_PROCESSING, 3, 50, 65, 8125, 85.0);
    addFigures(dt, pb::REPORT_PHASE_TRAVEL, 0, 0, 0, 0, std::nullopt);
    auto* total = reply.mutable_total();
    total->set_incidents(15);
    total->set_responses(20);
    addFigures(total, pb::REPORT_PHASE_CALL_PROCESSING, 15, 31, 50, 70, 50.0);
    addFigures(total, pb::REPORT_PHASE_TRAVEL, 20, 200, 300, 425, std::nullopt);
    reply.set_threshold_source("NFPA 1710 (2020)");
    reply.set_as_of_seq(4711);
    return reply;
}

}  // namespace

class ReportsModelTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void durationsReadAsMinutesAndSeconds() {
        QCOMPARE(ReportTexts::duration(65.4), QStringLiteral("1:05"));
        QCOMPARE(ReportTexts::duration(59.6), QStringLiteral("1:00"));
        QCOMPARE(ReportTexts::duration(0.0), QStringLiteral("0:00"));
        QCOMPARE(ReportTexts::duration(8125.0), QStringLiteral("135:25"));
        QCOMPARE(ReportTexts::duration(std::nullopt), QString::fromUtf8("–"));
        QCOMPARE(ReportTexts::percent(87.46), QStringLiteral("87.5 %"));
        QCOMPARE(ReportTexts::threshold(PhaseThreshold{80, 90}),
                 QString::fromUtf8("≤ 1:20 for 90 %"));
        QVERIFY(ReportTexts::threshold(std::nullopt).isEmpty());
    }

    void complianceIsJudgedAgainstTheThresholdsFractile() {
        PhaseFigures f;
        f.count = 10;
        QCOMPARE(f.compliance(), Compliance::None);  // no threshold
        f.threshold = PhaseThreshold{60, 90};
        QCOMPARE(f.compliance(), Compliance::None);  // nothing judged
        f.compliancePercent = 90.0;
        QCOMPARE(f.compliance(), Compliance::Met);
        f.compliancePercent = 80.0;
        QCOMPARE(f.compliance(), Compliance::Near);
        f.compliancePercent = 79.9;
        QCOMPARE(f.compliance(), Compliance::Missed);
        f.count = 0;
        QCOMPARE(f.compliance(), Compliance::None);
    }

    void theReplyMapsIntoTheConsolesReport() {
        const PhaseReport r = phaseReportFromWire(knownReply());
        QCOMPARE(r.groups.size(), std::size_t{2});
        QCOMPARE(r.groups[0].key, QStringLiteral("taiyuan"));
        QCOMPARE(r.groups[0].incidents, quint64{12});
        QCOMPARE(r.groups[0].responses, quint64{20});
        const PhaseFigures* cp = r.groups[0].figures(ReportPhase::CallProcessing);
        QVERIFY(cp);
        QCOMPARE(*cp->p90, 59.6);
        QVERIFY(cp->threshold.has_value());
        QCOMPARE(cp->threshold->seconds, 60.0);
        QCOMPARE(cp->threshold->fractile, 90.0);
        QVERIFY(cp->compliant);
        QCOMPARE(cp->cumulativePercent, (QVector<double>{40.0, 80.0, 100.0}));
        const PhaseFigures* travel = r.groups[1].figures(ReportPhase::Travel);
        QVERIFY(travel);
        QVERIFY(!travel->p50.has_value());
        QVERIFY(!travel->threshold.has_value());
        QVERIFY(!r.groups[1].figures(ReportPhase::Closed));
        QCOMPARE(r.total.incidents, quint64{15});
        QCOMPARE(r.thresholdSource, QStringLiteral("NFPA 1710 (2020)"));
        QCOMPARE(r.asOfSeq, quint64{4711});
    }

    void theQueryMapsIntoTheRequest() {
        PhaseReportQuery q;
        q.fromMs = 1'700'000'000'123;
        q.toMs = 0;  // open
        q.grouping = ReportGrouping::HourOfDay;
        q.phases = {ReportPhase::Turnout, ReportPhase::FirstArrival};
        q.utcOffsetMinutes = 60;
        q.tableMinutes = 20;
        pb::PhaseReportRequest req;
        phaseReportQueryToWire(q, &req);
        QCOMPARE(req.from().seconds(), 1'700'000'000);
        QCOMPARE(req.from().nanos(), 123'000'000);
        QVERIFY(!req.has_to());
        QCOMPARE(req.group_by(), pb::REPORT_GROUPING_HOUR_OF_DAY);
        QCOMPARE(req.phases_size(), 2);
        QCOMPARE(req.phases(1), pb::REPORT_PHASE_FIRST_ARRIVAL);
        QCOMPARE(req.utc_offset_minutes(), 60);
        QCOMPARE(req.table_minutes(), 20);
    }

    void theTableHasARowPerGroupAndTheTotalLast() {
        ReportTableModel table;
        QAbstractItemModelTester tester(&table,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        table.setReport(
            phaseReportFromWire(knownReply()), {ReportPhase::CallProcessing, ReportPhase::Travel},
            {{QStringLiteral("太原市"), QStringLiteral("太原市"), QStringLiteral("Taiyuan")},
             {QStringLiteral("大同市"), QStringLiteral("大同市"), QStringLiteral("Datong")}},
            QStringLiteral("全部"));
        QCOMPARE(table.rowCount(), 3);
        QCOMPARE(table.groupCount(), 2);
        QCOMPARE(table.index(0).data(ReportTableModel::LabelRole).toString(),
                 QStringLiteral("太原市"));
        QCOMPARE(table.index(2).data(ReportTableModel::LabelRole).toString(),
                 QStringLiteral("全部"));
        QVERIFY(table.index(2).data(ReportTableModel::TotalRole).toBool());
        QCOMPARE(table.index(2).data(ReportTableModel::IncidentsRole).toULongLong(), 15u);

        const auto cells = [&](int row) {
            return table.index(row).data(ReportTableModel::CellsRole).toList();
        };
        QCOMPARE(cells(0).size(), 2);
        const QVariantMap ty = cells(0).at(0).toMap();
        QCOMPARE(ty.value("p50").toString(), QStringLiteral("0:30"));
        QCOMPARE(ty.value("p80").toString(), QStringLiteral("0:45"));
        QCOMPARE(ty.value("p90").toString(), QStringLiteral("1:00"));
        QCOMPARE(ty.value("compliance").toString(), QStringLiteral("95.0 %"));
        QCOMPARE(ty.value("complianceLevel").toString(), QStringLiteral("met"));
        QCOMPARE(ty.value("count").toULongLong(), 12u);
        QCOMPARE(cells(1).at(0).toMap().value("complianceLevel").toString(),
                 QStringLiteral("near"));
        QCOMPARE(cells(1).at(0).toMap().value("p90").toString(), QStringLiteral("135:25"));
        QCOMPARE(cells(2).at(0).toMap().value("complianceLevel").toString(),
                 QStringLiteral("missed"));
        // Travel: fractiles only; Datong measured none.
        const QVariantMap travel = cells(0).at(1).toMap();
        QCOMPARE(travel.value("p90").toString(), QStringLiteral("7:05"));
        QVERIFY(travel.value("compliance").toString().isEmpty());
        QCOMPARE(travel.value("complianceLevel").toString(), QStringLiteral("none"));
        QVERIFY(!cells(1).at(1).toMap().value("measured").toBool());
        QCOMPARE(cells(1).at(1).toMap().value("p50").toString(), QString::fromUtf8("–"));

        const QVariantList columns = table.columns();
        QCOMPARE(columns.size(), 2);
        QCOMPARE(columns.at(0).toMap().value("phase").toInt(), 1);
        QCOMPARE(columns.at(0).toMap().value("threshold").toString(),
                 QString::fromUtf8("≤ 1:00 for 90 %"));
        QVERIFY(columns.at(1).toMap().value("threshold").toString().isEmpty());

        table.clear();
        QCOMPARE(table.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(ReportsModelTest)
#include "reports_model_test.moc"

// The Reports view end to end: the real server with incidents worked through the real command
// path (alarms taken a known time ago), the console's window under Xvfb, the Reports view opened
// from the top bar, its table and charts checked and grabbed in English and Chinese, and the
// report exported as CSV, HTML and PDF.
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <set>

#include "../../support/timestamps.h"
#include "../support/frame_wait.h"
#include "app/console_controller.h"
#include "app/console_ui.h"
#include "flameblue/v1/dispatch.grpc.pb.h"
#include "server_runner.h"

using namespace flameblue::console;
namespace pb = ::flameblue::v1;

namespace {

using flameblue::testing::secondsAgo;

constexpr int kWaitMs = 60000;

bool waitFor(const std::function<bool()>& condition, int timeoutMs = kWaitMs) {
    return QTest::qWaitFor(condition, timeoutMs);
}

QString artifact(const QString& name) {
    QDir().mkpath(QStringLiteral(FLAMEBLUE_ARTIFACT_DIR));
    return QStringLiteral(FLAMEBLUE_ARTIFACT_DIR "/") + name;
}

bool command(const std::function<grpc::Status(grpc::ClientContext*)>& call) {
    grpc::ClientContext ctx;
    ctx.AddMetadata("x-flameblue-operator", "reports-test");
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    const grpc::Status st = call(&ctx);
    if (!st.ok())
        qWarning("command refused: %s", st.error_message().c_str());
    return st.ok();
}

struct Alarm {
    const char* city;
    double lat;
    double lon;
    int agoSeconds;  // call processing is at least this (the dispatch follows now)
};

// An incident per alarm, one engine of its city dispatched, en route and on scene.
bool workIncidents(pb::Dispatch::Stub& stub, const std::vector<Alarm>& alarms) {
    std::set<std::string> used;
    for (const Alarm& a : alarms) {
        pb::ListUnitsRequest units;
        units.set_city(a.city);
        units.add_statuses(pb::UNIT_STATUS_AVAILABLE);
        pb::ListUnitsReply listed;
        {
            grpc::ClientContext ctx;
            if (!stub.ListUnits(&ctx, units, &listed).ok())
                return false;
        }
        std::string engine;
        for (const auto& u : listed.units()) {
            if (u.unit_type() == "engine" && !used.count(u.id())) {
                engine = u.id();
                break;
            }
        }
        if (engine.empty())
            return false;
        used.insert(engine);
        pb::CreateIncidentRequest create;
        create.set_type("building_fire");
        create.set_level(1);
        create.mutable_position()->set_lat(a.lat);
        create.mutable_position()->set_lon(a.lon);
        create.set_address("test address");
        *create.mutable_received() = secondsAgo(a.agoSeconds);
        pb::CommandReply created;
        if (!command(
                [&](grpc::ClientContext* c) { return stub.CreateIncident(c, create, &created); }))
            return false;
        pb::DispatchUnitsRequest dispatch;
        dispatch.set_incident_id(created.incident().id());
        dispatch.add_unit_ids(engine);
        pb::CommandReply reply;
        if (!command(
                [&](grpc::ClientContext* c) { return stub.DispatchUnits(c, dispatch, &reply); }))
            return false;
        for (auto status : {pb::UNIT_STATUS_EN_ROUTE, pb::UNIT_STATUS_ON_SCENE}) {
            pb::SetUnitStatusRequest set;
            set.set_unit_id(engine);
            set.set_status(status);
            if (!command(
                    [&](grpc::ClientContext* c) { return stub.SetUnitStatus(c, set, &reply); }))
                return false;
        }
    }
    return true;
}

int rowOf(const ReportTableModel& table, const QString& key) {
    for (int row = 0; row < table.rowCount(); ++row) {
        if (table.index(row).data(ReportTableModel::KeyRole).toString() == key)
            return row;
    }
    return -1;
}

// Reports read the server's log on a thread of their own at start: asks until they answer.
bool refreshUntil(ReportsController* reports, const std::function<bool()>& done) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        reports->refresh();
        if (!waitFor([&] { return !reports->loading(); }))
            return false;
        if (done())
            return true;
        QTest::qWait(200);
    }
    return false;
}

}  // namespace

class ReportsViewTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void reportsOfTheLiveLogInTheConsole() {
        test::ServerRunner server;
        QVERIFY2(server.start(), qPrintable(server.log()));
        // Call processing: Taiyuan within the 60 s threshold, Datong not, Changzhi one of two.
        {
            auto stub = server.stub();
            QVERIFY(workIncidents(*stub, {{"taiyuan", 37.853, 112.579, 20},
                                          {"taiyuan", 37.863, 112.569, 40},
                                          {"datong", 40.078, 113.315, 150},
                                          {"changzhi", 36.195, 113.125, 30},
                                          {"changzhi", 36.205, 113.115, 400}}));
        }

        ConsoleOptions o;
        o.server = server.address();
        o.operatorName = QStringLiteral("analyst");
        o.consoleName = QStringLiteral("reports-console");
        o.language = QStringLiteral("en");
        o.basemapDirectory = QStringLiteral(FLAMEBLUE_DATA_DIR "/basemap");
        auto controller = std::make_unique<ConsoleController>(o);
        auto engine = std::make_unique<QQmlApplicationEngine>();
        QVERIFY(loadConsoleUi(*engine, *controller));
        controller->start();
        auto* window = qobject_cast<QQuickWindow*>(engine->rootObjects().value(0));
        QVERIFY(window);
        QVERIFY(waitFor([&] { return controller->state()->ready(); }));

        // Opened from the top bar.
        auto* button = window->findChild<QQuickItem*>(QStringLiteral("reportsButton"));
        QVERIFY(button);
        QMetaObject::invokeMethod(button, "clicked");
        auto* loader = window->findChild<QQuickItem*>(QStringLiteral("reportsLoader"));
        QVERIFY(loader);
        QVERIFY(waitFor([&] { return loader->property("item").value<QObject*>() != nullptr; }));
        auto* view = qobject_cast<QQuickItem*>(loader->property("item").value<QObject*>());
        QVERIFY(view);

        ReportsController* reports = controller->reports();
        ReportTableModel* table = reports->table();
        reports->setRangePreset(ReportsController::Last24Hours);
        reports->setGrouping(static_cast<int>(ReportGrouping::City));
        reports->setPhase(static_cast<int>(ReportPhase::CallProcessing));
        QVERIFY2(refreshUntil(reports, [&] { return table->groupCount() == 3; }),
                 qPrintable(reports->error()));
        QVERIFY(reports->error().isEmpty());
        QCOMPARE(table->rowCount(), 4);  // three cities and the total
        const int ty = rowOf(*table, QStringLiteral("taiyuan"));
        QVERIFY(ty >= 0);
        QCOMPARE(table->index(ty).data(ReportTableModel::LabelRole).toString(),
                 controller->state()->catalog()->cityName(QStringLiteral("taiyuan")));
        QCOMPARE(table->index(ty).data(ReportTableModel::IncidentsRole).toULongLong(), 2u);
        const auto level = [&](const QString& key) {
            return table->index(rowOf(*table, key))
                .data(ReportTableModel::CellsRole)
                .toList()
                .value(0)
                .toMap()
                .value(QStringLiteral("complianceLevel"))
                .toString();
        };
        QCOMPARE(level(QStringLiteral("taiyuan")), QStringLiteral("met"));
        QCOMPARE(level(QStringLiteral("datong")), QStringLiteral("missed"));
        QCOMPARE(level(QStringLiteral("changzhi")), QStringLiteral("missed"));
        QCOMPARE(table->columns().size(), 1);
        // The column titles are on screen above the first row.
        auto* header = view->findChild<QQuickItem*>(QStringLiteral("reportTableHeader"));
        QVERIFY(header);
        QVERIFY(header->isVisible());
        QVERIFY(header->height() > 0);
        const auto* list = view->findChild<QQuickItem*>(QStringLiteral("reportTable"));
        QVERIFY(list);
        QVERIFY(header->mapToScene(QPointF(0, header->height())).y() <=
                list->mapToScene(QPointF(0, 0)).y());
        const auto headerTexts = [&] {
            QStringList texts;
            for (const QQuickItem* label : header->findChildren<QQuickItem*>())
                texts << label->property("text").toString();
            return texts;
        };
        QVERIFY2(headerTexts().contains(QStringLiteral("Incidents")),
                 qPrintable(headerTexts().join(QLatin1Char('|'))));

        // The charts: a bar per city, the fractile table of all and each city, the trend.
        QVERIFY(waitFor([&] { return view->property("barCount").toInt() == 3; }));
        QCOMPARE(view->property("fractileLineCount").toInt(), 4);
        QVERIFY(view->property("trendPointCount").toInt() >= 1);
        QCOMPARE(reports->thresholdMinutes(), 1.0);
        const QVariantList bars = reports->bars();
        QCOMPARE(bars.size(), 3);
        for (const QVariant& b : bars)
            QVERIFY(b.toMap().value(QStringLiteral("measured")).toBool());
        QVERIFY(flameblue::testing::waitForFrame(window));
        QVERIFY(window->grabWindow().save(artifact(QStringLiteral("reports-en.png"))));

        // Exports of what is shown, with the charts as they are on screen.
        QSignalSpy exported(reports, &ReportsController::exportFinished);
        const QVariantList charts{view->property("barChart"), view->property("fractileChart"),
                                  view->property("trendChart")};
        const auto exportAs = [&](const QString& format) -> QByteArray {
            const QString path = artifact(QStringLiteral("report.") + format);
            QFile::remove(path);
            exported.clear();
            reports->exportReport(QUrl::fromLocalFile(path), format, charts);
            if (!waitFor([&] { return exported.count() == 1; }))
                return {};
            if (!exported.at(0).at(0).toBool()) {
                qWarning("%s", qPrintable(exported.at(0).at(1).toString()));
                return {};
            }
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        const QByteArray csv = exportAs(QStringLiteral("csv"));
        QCOMPARE(QString::fromUtf8(csv).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts).size(),
                 5);
        const QString html = QString::fromUtf8(exportAs(QStringLiteral("html")));
        QCOMPARE(html.count(QStringLiteral("<img src=\"data:image/png;base64,")), 3);
        QVERIFY(html.contains(QString::fromUtf8("太原市 Taiyuan")));
        const QByteArray pdf = exportAs(QStringLiteral("pdf"));
        QVERIFY(pdf.startsWith("%PDF-"));
        QVERIFY(pdf.contains("/Image"));

        // The same view in Chinese: names, headings and chart titles follow.
        controller->setLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(table->index(ty).data(ReportTableModel::LabelRole).toString(),
                 QString::fromUtf8("太原市"));
        QCOMPARE(reports->chartPhaseName(), QString::fromUtf8("接警处理"));
        // The last outcome (the PDF saved) reads in the new language too.
        auto* messageText = window->findChild<QQuickItem*>(QStringLiteral("messageText"));
        QVERIFY(messageText);
        QVERIFY2(
            messageText->property("text").toString().startsWith(QString::fromUtf8("报表已保存到")),
            qPrintable(messageText->property("text").toString()));
        QVERIFY(headerTexts().contains(QString::fromUtf8("警情数")));
        QVERIFY2(reports->summary().contains(QString::fromUtf8("灭火救援圈")),
                 qPrintable(reports->summary()));
        QVERIFY(flameblue::testing::waitForFrame(window));
        QVERIFY(window->grabWindow().save(artifact(QStringLiteral("reports-zh.png"))));

        // Every phase, by city, in Chinese.
        reports->setPhase(0);
        QVERIFY(refreshUntil(reports, [&] { return table->columns().size() > 3; }));
        QVERIFY(waitFor([&] { return view->property("barCount").toInt() == 3; }));
        QVERIFY(flameblue::testing::waitForFrame(window));
        QVERIFY(window->grabWindow().save(artifact(QStringLiteral("reports-all-phases-zh.png"))));

        // Back to dispatch: the view goes.
        QMetaObject::invokeMethod(button, "clicked");
        QVERIFY(waitFor([&] { return loader->property("item").value<QObject*>() == nullptr; }));
        engine.reset();
        controller.reset();
    }
};

QTEST_MAIN(ReportsViewTest)
#include "reports_view_test.moc"

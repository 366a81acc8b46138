// The drill in the console, end to end: the real server runs a drill from a bundled scenario;
// an instructor's console shows the drill bar (clock, play/pause, speed, seek slider with the
// incident marked, hand-over, saving the after-action report) and the drill banner; a trainee's
// console shows the banner only. Window grabs go to the artefacts folder.
#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <grpcpp/grpcpp.h>

#include <memory>

#include "../support/frame_wait.h"
#include "app/console_controller.h"
#include "app/console_ui.h"
#include "flameblue/v1/drill.grpc.pb.h"
#include "net/drill_control.h"
#include "server_runner.h"

using namespace flameblue::console;
namespace pb = ::flameblue::v1;

namespace {

constexpr int kTimeoutMs = 30000;

struct DrillConsole {
    DrillConsole(const QString& server, const QString& session, bool instructor,
                 const QString& language) {
        ConsoleOptions o;
        o.server = server;
        o.operatorName =
            instructor ? QStringLiteral("instructor-zhao") : QStringLiteral("trainee-sun");
        o.consoleName = QStringLiteral("drill-console");
        o.language = language;
        o.session = session;
        o.instructor = instructor;
        o.basemapDirectory = QStringLiteral(FLAMEBLUE_DATA_DIR "/basemap");
        controller = std::make_unique<ConsoleController>(o);
        DrillControl::Settings s;
        s.address = server;
        s.operatorName = o.operatorName;
        s.consoleName = o.consoleName;
        s.session = session;
        s.instructor = instructor;
        drill = std::make_unique<DrillControl>(s);
        engine = std::make_unique<QQmlApplicationEngine>();
        loaded = loadConsoleUi(*engine, *controller);
        if (loaded) {
            engine->rootObjects().constFirst()->setProperty("drill",
                                                            QVariant::fromValue(drill.get()));
        }
        controller->start();
        drill->start();
    }
    ~DrillConsole() {
        engine.reset();
        drill.reset();
        controller.reset();
    }
    QQuickWindow* window() const {
        return qobject_cast<QQuickWindow*>(engine->rootObjects().value(0));
    }
    QQuickItem* find(const char* name) const {
        return window() ? window()->findChild<QQuickItem*>(QString::fromLatin1(name)) : nullptr;
    }
    std::unique_ptr<ConsoleController> controller;
    std::unique_ptr<DrillControl> drill;
    std::unique_ptr<QQmlApplicationEngine> engine;
    bool loaded = false;
};

QString artifact(const QString& name) {
    QDir().mkpath(QStringLiteral(FLAMEBLUE_ARTIFACT_DIR));
    return QStringLiteral(FLAMEBLUE_ARTIFACT_DIR "/") + name;
}

// Items named `name` in the visual tree (Repeater delegates are not QObject children).
int countItems(QQuickItem* item, const QString& name) {
    int n = item->objectName() == name ? 1 : 0;
    for (QQuickItem* child : item->childItems())
        n += countItems(child, name);
    return n;
}

bool grab(QQuickWindow* window, const QString& name) {
    if (!flameblue::testing::waitForFrame(window)) {
        return false;
    }
    const QImage image = window->grabWindow();
    return !image.isNull() && image.save(artifact(name));
}

}  // namespace

class DrillConsoleE2eTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void instructorAndTraineeConsolesInADrill() {
        test::ServerRunner server;
        QVERIFY2(server.start(), qPrintable(server.log()));
        auto channel =
            grpc::CreateChannel(server.address().toStdString(), grpc::InsecureChannelCredentials());
        auto drills = pb::Drills::NewStub(channel);
        pb::DrillInfo info;
        {
            grpc::ClientContext ctx;
            ctx.AddMetadata("x-flameblue-operator", "instructor-zhao");
            ctx.AddMetadata("x-flameblue-role", "instructor");
            pb::CreateDrillRequest req;
            req.mutable_scenario()->set_bundled_id("changzhi-pingshun-forest-fire");
            const grpc::Status s = drills->CreateDrill(&ctx, req, &info);
            QVERIFY2(s.ok(), s.error_message().c_str());
        }
        const QString drillId = QString::fromStdString(info.id());
        QCOMPARE(info.incidents_size(), 1);

        DrillConsole instructor(server.address(), drillId, true, QStringLiteral("zh_CN"));
        QVERIFY(instructor.loaded);
        QTRY_VERIFY_WITH_TIMEOUT(instructor.drill->ready(), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(instructor.controller->connection()->connected(), kTimeoutMs);
        QCOMPARE(instructor.drill->incidents().size(), 1);
        QVERIFY(instructor.find("drillBanner") && instructor.find("drillBanner")->isVisible());
        QVERIFY(instructor.find("drillBar") != nullptr);
        QTRY_COMPARE_WITH_TIMEOUT(
            countItems(instructor.window()->contentItem(), QStringLiteral("incidentMarker")), 1,
            kTimeoutMs);

        // Seek into the helicopters' bucket work through the bar's control: the console's
        // state follows (the seek arrives as a fresh snapshot).
        QSignalSpy finished(instructor.drill.get(), &DrillControl::controlFinished);
        instructor.drill->seekTo(0.45);
        QTRY_VERIFY_WITH_TIMEOUT(instructor.drill->position() > 0.4, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(instructor.controller->state()->incidents()->rowCount(), 1,
                                  kTimeoutMs);
        const QString incidentId = instructor.drill->incidents()
                                       .constFirst()
                                       .toMap()
                                       .value(QStringLiteral("id"))
                                       .toString();
        instructor.controller->selectIncident(incidentId);
        instructor.drill->setSpeed(10);
        QTRY_COMPARE_WITH_TIMEOUT(instructor.drill->speed(), 10.0, kTimeoutMs);
        instructor.drill->handOver(incidentId);
        QTRY_VERIFY_WITH_TIMEOUT(instructor.drill->handedOver().contains(incidentId), kTimeoutMs);
        QCOMPARE(instructor.drill->controller(), QStringLiteral("instructor-zhao"));
        QVERIFY(grab(instructor.window(), QStringLiteral("drill_instructor.png")));

        // A trainee's console: the banner, no drill bar; the instructor keeps control.
        DrillConsole trainee(server.address(), drillId, false, QStringLiteral("zh_CN"));
        QVERIFY(trainee.loaded);
        QTRY_VERIFY_WITH_TIMEOUT(trainee.controller->connection()->connected(), kTimeoutMs);
        QVERIFY(trainee.find("drillBanner") && trainee.find("drillBanner")->isVisible());
        QVERIFY(trainee.find("drillBar") == nullptr);
        QVERIFY(grab(trainee.window(), QStringLiteral("drill_trainee.png")));

        // Play runs the drill clock on.
        const qint64 before = instructor.drill->drillTimeMs();
        instructor.drill->play();
        QTRY_VERIFY_WITH_TIMEOUT(instructor.drill->playing(), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(instructor.drill->drillTimeMs() > before, kTimeoutMs);
        instructor.drill->pause();
        QTRY_VERIFY_WITH_TIMEOUT(!instructor.drill->playing(), kTimeoutMs);

        // Save report…: the file dialog's choice goes to the server's HTML report, written whole.
        QTemporaryDir reports;
        QVERIFY(reports.isValid());
        QVERIFY(instructor.find("saveReport") && instructor.find("saveReport")->isVisible());
        QObject* dialog = instructor.window()->findChild<QObject*>(QStringLiteral("reportDialog"));
        QVERIFY(dialog != nullptr);
        QVERIFY(instructor.drill->suggestedReportFile().toLocalFile().endsWith(
            drillId + QStringLiteral("-after-action.html")));
        QSignalSpy saved(instructor.drill.get(), &DrillControl::reportSaved);
        const QString path = reports.filePath(QStringLiteral("复盘.html"));
        QVERIFY(dialog->setProperty("selectedFile", QUrl::fromLocalFile(path)));
        QVERIFY(QMetaObject::invokeMethod(dialog, "open"));
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("visible").toBool(), kTimeoutMs);
        QVERIFY(grab(instructor.window(), QStringLiteral("drill_save_report.png")));
        QVERIFY(QMetaObject::invokeMethod(dialog, "accept"));
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, kTimeoutMs);
        QVERIFY2(saved.at(0).at(0).toBool(), qPrintable(saved.at(0).at(1).toString()));
        QVERIFY2(saved.at(0).at(1).toString().contains(QStringLiteral("复盘.html")),
                 qPrintable(saved.at(0).at(1).toString()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(file.readAll());
        QVERIFY(page.contains(QStringLiteral("<html")));
        QVERIFY(page.contains(incidentId));
        QVERIFY(page.contains(QStringLiteral("instructor-zhao")));  // who handed over

        // A folder that does not exist: a clear message, nothing written.
        const QString nowhere = reports.filePath(QStringLiteral("missing/report.html"));
        instructor.drill->saveReport(QUrl::fromLocalFile(nowhere));
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 2, kTimeoutMs);
        QVERIFY(!saved.at(1).at(0).toBool());
        QVERIFY(saved.at(1).at(1).toString().contains(QStringLiteral("missing")));
        QVERIFY(!QFile::exists(nowhere));

        // The drill ends: both consoles say so in the banner and stop, no reconnecting.
        {
            grpc::ClientContext ctx;
            ctx.AddMetadata("x-flameblue-operator", "instructor-zhao");
            ctx.AddMetadata("x-flameblue-role", "instructor");
            pb::DrillRef ref;
            ref.set_drill_id(info.id());
            pb::EndDrillReply reply;
            const grpc::Status s = drills->EndDrill(&ctx, ref, &reply);
            QVERIFY2(s.ok(), s.error_message().c_str());
        }
        for (DrillConsole* console : {&instructor, &trainee}) {
            QTRY_VERIFY_WITH_TIMEOUT(console->controller->connection()->sessionEnded(), kTimeoutMs);
            QVERIFY(console->controller->connection()->lastError().contains(
                QStringLiteral("drill ") + drillId + QStringLiteral(" ended")));
            QQuickItem* text = console->find("drillBannerText");
            QVERIFY(text != nullptr);
            QTRY_COMPARE_WITH_TIMEOUT(
                text->property("text").toString(),
                QStringLiteral("演练 %1 已结束 — 显示的是最后状态，不再更新").arg(drillId),
                kTimeoutMs);
            QVERIFY(!console->find("connectionBanner")->isVisible());
            // The last picture stays.
            QCOMPARE(console->controller->state()->incidents()->rowCount(), 1);
        }
        QTRY_VERIFY_WITH_TIMEOUT(instructor.drill->ended(), kTimeoutMs);
        QVERIFY(!instructor.find("playPause")->isEnabled());
        QVERIFY(grab(trainee.window(), QStringLiteral("drill_ended.png")));
        // No reconnection is scheduled.
        QCOMPARE(instructor.controller->connection()->reconnectSeconds(), 0);
        QCOMPARE(trainee.controller->connection()->reconnectSeconds(), 0);
    }
};

QTEST_MAIN(DrillConsoleE2eTest)
#include "drill_console_e2e_test.moc"

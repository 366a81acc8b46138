// The aviation view end to end: the real server moving aircraft (--simulate), the console's
// controller and QML window under Xvfb. Tasks an aircraft, watches the board's mission state,
// ticking fix age and counting-down endurance, the rotorcraft filter, the altitude profile from
// GetTrack, trails seeded from the stored track, and an alert banner acknowledged from the view.
#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <grpcpp/grpcpp.h>

#include <functional>
#include <memory>

#include "../support/frame_wait.h"
#include "app/console_controller.h"
#include "app/console_ui.h"
#include "flameblue/v1/aviation.grpc.pb.h"
#include "server_runner.h"

using namespace flameblue::console;
namespace pb = ::flameblue::v1;

namespace {

constexpr int kWaitMs = 60000;
constexpr const char* kZ8 = "AV-Z8-01";

// Waits on the condition; the timeout only bounds a hang.
bool waitFor(const std::function<bool()>& condition, int timeoutMs = kWaitMs) {
    return QTest::qWaitFor(condition, timeoutMs);
}

QString artifact(const QString& name) {
    QDir().mkpath(QStringLiteral(FLAMEBLUE_ARTIFACT_DIR));
    return QStringLiteral(FLAMEBLUE_ARTIFACT_DIR "/") + name;
}

// Items a Repeater creates are not QObject children of the window: walk the item tree.
QQuickItem* findItem(QQuickItem* root, const QString& name) {
    if (root->objectName() == name)
        return root;
    for (QQuickItem* child : root->childItems()) {
        if (QQuickItem* found = findItem(child, name))
            return found;
    }
    return nullptr;
}

int rowOf(const AviationBoardModel& board, const QString& id) {
    for (int row = 0; row < board.rowCount(); ++row) {
        if (board.index(row).data(AviationBoardModel::AircraftIdRole).toString() == id)
            return row;
    }
    return -1;
}

QVariant role(const AviationBoardModel& board, const QString& id, int role) {
    const int row = rowOf(board, id);
    return row < 0 ? QVariant() : board.index(row).data(role);
}

}  // namespace

class AviationViewTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void taskAircraftWatchItAndAcknowledgeAnAlert() {
        // A receiver's SBS port on loopback, where the server reads the fleet's transponders.
        QTcpServer sbs;
        QVERIFY(sbs.listen(QHostAddress::LocalHost));
        test::ServerRunner server;
        QVERIFY2(server.start({QStringLiteral("--simulate"), QStringLiteral("--sim-speed"),
                               QStringLiteral("20"), QStringLiteral("--sbs"),
                               QStringLiteral("127.0.0.1:%1").arg(sbs.serverPort())}),
                 qPrintable(server.log()));
        ConsoleOptions o;
        o.server = server.address();
        o.operatorName = QStringLiteral("coordinator-view");
        o.consoleName = QStringLiteral("aviation-console");
        o.language = QStringLiteral("en");
        o.basemapDirectory = QStringLiteral(FLAMEBLUE_DATA_DIR "/basemap");
        auto controller = std::make_unique<ConsoleController>(o);
        auto engine = std::make_unique<QQmlApplicationEngine>();
        QVERIFY(loadConsoleUi(*engine, *controller));
        controller->start();
        auto* window = qobject_cast<QQuickWindow*>(engine->rootObjects().value(0));
        QVERIFY(window);
        AviationController* aviation = controller->aviation();
        AviationBoardModel* board = aviation->board();
        QVERIFY(waitFor([&] { return controller->state()->ready() && board->rowCount() == 8; }));

        // Task the Z-8 to a forest fire west of Taiyuan.
        QSignalSpy finished(controller.get(), &ConsoleController::commandFinished);
        controller->createIncident(QStringLiteral("forest_grassland_fire"), 2, 37.80, 112.15,
                                   QStringLiteral("Xishan forest"), QString());
        QVERIFY(waitFor([&] { return controller->state()->incidents()->rowCount() == 1; }));
        const QString incident = controller->state()
                                     ->incidents()
                                     ->index(0)
                                     .data(IncidentListModel::ItemIdRole)
                                     .toString();
        controller->dispatchUnits(incident, {QString::fromLatin1(kZ8)});
        QVERIFY(waitFor([&] {
            return role(*board, kZ8, AviationBoardModel::MissionStateRole).toInt() ==
                   pb::MISSION_STATE_LAUNCHING;
        }));
        QCOMPARE(role(*board, kZ8, AviationBoardModel::IncidentIdRole).toString(), incident);
        // The mission state comes with the event; the ETA with the next status poll.
        QVERIFY(waitFor(
            [&] { return role(*board, kZ8, AviationBoardModel::EtaSecondsRole).isValid(); }));

        // The simulator takes off (en route) and reports fixes.
        QVERIFY(waitFor([&] {
            return role(*board, kZ8, AviationBoardModel::MissionStateRole).toInt() ==
                       pb::MISSION_STATE_EN_ROUTE &&
                   role(*board, kZ8, AviationBoardModel::EnduranceLeftSecondsRole).isValid() &&
                   role(*board, kZ8, AviationBoardModel::AltitudeMRole).isValid();
        }));
        // The endurance left counts down on the board as time passes.
        const double left1 =
            role(*board, kZ8, AviationBoardModel::EnduranceLeftSecondsRole).toDouble();
        QVERIFY(waitFor([&] {
            return role(*board, kZ8, AviationBoardModel::EnduranceLeftSecondsRole).toDouble() <
                   left1;
        }));

        // The Aviation tab, the Z-8 selected: detail and altitude profile from its track.
        auto* tabs = window->findChild<QObject*>(QStringLiteral("boardTabs"));
        QVERIFY(tabs);
        tabs->setProperty("currentIndex", 1);
        aviation->setSelectedAircraftId(QString::fromLatin1(kZ8));
        auto* profile = window->findChild<QQuickItem*>(QStringLiteral("altitudeProfile"));
        QVERIFY(profile);
        QVERIFY(waitFor([&] { return profile->property("pointCount").toInt() >= 2; }));
        QVERIFY(profile->isVisible());

        // Rotorcraft filter: only helicopters stay.
        auto* filter = aviation->boardView();
        const int all = filter->count();
        filter->setRotorcraftOnly(true);
        QVERIFY(filter->count() <= all);
        for (int row = 0; row < filter->count(); ++row)
            QVERIFY(filter->index(row, 0).data(AviationBoardModel::RotorcraftRole).toBool());
        filter->setRotorcraftOnly(false);

        // The AC313 (780E42) squawks 7700 in the receiver's feed: every console's banner shows
        // it until someone acknowledges it from the banner.
        QVERIFY(waitFor([&] { return sbs.hasPendingConnections(); }));
        QTcpSocket* feed = sbs.nextPendingConnection();
        feed->write(
            "MSG,1,,,780E42,,,,,,YC02    ,,,,,,,,,,,0\r\n"
            "MSG,3,,,780E42,,,,,,,1800,,,37.70000,112.30000,,7700,0,-1,0,0\r\n");
        QVERIFY(feed->waitForBytesWritten(5000));
        AlertListModel* alerts = aviation->alerts();
        QVERIFY(waitFor([&] { return alerts->rowCount() == 1; }));
        QCOMPARE(alerts->index(0).data(AlertListModel::KindRole).toInt(),
                 int(pb::ALERT_KIND_EMERGENCY_SQUAWK));
        QCOMPARE(alerts->index(0).data(AlertListModel::MessageRole).toString(),
                 QString::fromUtf8("尧城02 B-70A2: Squawk 7700 (general emergency)"));
        const QString alertId = alerts->index(0).data(AlertListModel::AlertIdRole).toString();
        QVERIFY(flameblue::testing::waitForFrame(window));
        QVERIFY(window->grabWindow().save(artifact(QStringLiteral("aviation-view.png"))));

        auto* ack = findItem(window->contentItem(), QStringLiteral("acknowledge_") + alertId);
        QVERIFY(ack);
        QMetaObject::invokeMethod(ack, "clicked");
        QVERIFY(waitFor([&] { return alerts->rowCount() == 0; }));
        auto stub = pb::Aviation::NewStub(grpc::CreateChannel(server.address().toStdString(),
                                                              grpc::InsecureChannelCredentials()));
        grpc::ClientContext ctx;
        pb::ListAlertsRequest req;
        req.set_include_closed(true);
        pb::ListAlertsReply reply;
        QVERIFY(stub->ListAlerts(&ctx, req, &reply).ok());
        QCOMPARE(reply.alerts_size(), 1);
        QCOMPARE(QString::fromStdString(reply.alerts(0).acknowledged_by()),
                 QString("coordinator-view"));
        QVERIFY(window->grabWindow().save(artifact(QStringLiteral("aviation-acknowledged.png"))));
        // The same view in Chinese.
        controller->setLanguage(QStringLiteral("zh_CN"));
        QCOMPARE(role(*board, kZ8, AviationBoardModel::MissionTextRole).toString(),
                 QString::fromUtf8("飞往现场"));
        QVERIFY(flameblue::testing::waitForFrame(window));
        QVERIFY(window->grabWindow().save(artifact(QStringLiteral("aviation-view-zh.png"))));
        engine.reset();
        controller.reset();
    }
};

QTEST_MAIN(AviationViewTest)
#include "aviation_view_test.moc"

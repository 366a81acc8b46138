// End to end: the real flameblue-server, the console's own controller with the real QML
// window under Xvfb. Creates an incident and dispatches a unit through the controller, checks
// the server's state with a separate gRPC client, grabs the window at province and city zoom,
// and survives a server restart without missing an event.
#include <QDir>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>
#include <QVariantAnimation>

#include <grpcpp/grpcpp.h>

#include <cmath>
#include <memory>

#include "../support/frame_wait.h"
#include "app/console_controller.h"
#include "app/console_ui.h"
#include "server_runner.h"

using namespace flameblue::console;
namespace pb = ::flameblue::v1;

namespace {

constexpr int kConnectTimeoutMs = 30000;
constexpr int kCommandTimeoutMs = 15000;

struct Console {
    explicit Console(const QString& server, const QString& language = QStringLiteral("zh_CN")) {
        ConsoleOptions o;
        o.server = server;
        o.operatorName = QStringLiteral("e2e-dispatcher");
        o.consoleName = QStringLiteral("e2e-console");
        o.language = language;
        o.basemapDirectory = QStringLiteral(FLAMEBLUE_DATA_DIR "/basemap");
        controller = std::make_unique<ConsoleController>(o);
        engine = std::make_unique<QQmlApplicationEngine>();
        loaded = loadConsoleUi(*engine, *controller);
        controller->start();
    }
    ~Console() {
        engine.reset();
        controller.reset();
    }
    QQuickWindow* window() const {
        return qobject_cast<QQuickWindow*>(engine->rootObjects().value(0));
    }
    template <typename T = QObject>
    T* find(const char* name) const {
        return window() ? window()->findChild<T*>(QString::fromLatin1(name)) : nullptr;
    }
    // Runs a command through the controller and waits for its outcome.
    std::pair<bool, QString> run(const std::function<int()>& command) const {
        QSignalSpy finished(controller.get(), &ConsoleController::commandFinished);
        const int id = command();
        QDeadlineTimer deadline(kCommandTimeoutMs);
        while (!deadline.hasExpired()) {
            for (const auto& args : finished) {
                if (args.at(0).toInt() == id) {
                    return {args.at(1).toBool(), args.at(3).toString()};
                }
            }
            finished.wait(200);
        }
        return {false, QStringLiteral("timed out")};
    }

    std::unique_ptr<ConsoleController> controller;
    std::unique_ptr<QQmlApplicationEngine> engine;
    bool loaded = false;
};

QString artifact(const QString& name) {
    QDir().mkpath(QStringLiteral(FLAMEBLUE_ARTIFACT_DIR));
    return QStringLiteral(FLAMEBLUE_ARTIFACT_DIR "/") + name;
}

// Saves the window as a PNG test artefact once it has drawn what it holds now. Unless
// `keepPointer`, the pointer first moves to the top bar so that no hover card covers the map.
bool grab(QQuickWindow* window, const QString& name, bool keepPointer = false) {
    if (!keepPointer) {
        QTest::mouseMove(window, QPoint(window->width() / 2, 8));
    }
    if (!flameblue::testing::waitForFrame(window)) {
        return false;
    }
    const QImage image = window->grabWindow();
    return !image.isNull() && image.save(artifact(name));
}

// Whether the map's animated zoom (wheel, double click, opening a cluster) is under way; the
// input event that starts it starts it at once, so this needs no waiting.
bool zoomAnimationRunning(const QObject* map) {
    const auto* animation = map->findChild<QVariantAnimation*>();
    return animation != nullptr && animation->state() == QAbstractAnimation::Running;
}

// A role of a unit or an aircraft, whichever it is.
QVariant unitRole(ConsoleState& state, const QString& id, int role) {
    for (const UnitListModel* model : {state.units(), state.aircraft()}) {
        if (const int row = model->rowOf(id); row >= 0) {
            return model->index(row).data(role);
        }
    }
    return {};
}

QString availableUnitIn(const UnitListModel& units, const QString& city) {
    for (int row = 0; row < units.rowCount(); ++row) {
        const QModelIndex i = units.index(row);
        if (i.data(UnitListModel::StatusRole).toInt() == pb::UNIT_STATUS_AVAILABLE &&
            i.data(UnitListModel::CityRole).toString() == city &&
            i.data(UnitListModel::CapabilitiesRole)
                .toStringList()
                .contains(QStringLiteral("fire_suppression"))) {
            return i.data(UnitListModel::ItemIdRole).toString();
        }
    }
    return {};
}

// Picks a board filter the way a dispatcher does: the combo box entry with this value.
void chooseFilter(const Console& console, const char* name, const QVariant& value) {
    auto* combo = console.find<QObject>(name);
    QVERIFY(combo);
    const int index = QVariant(combo->property("count")).toInt();
    for (int i = 0; i < index; ++i) {
        QVariant v;
        QVERIFY(
            QMetaObject::invokeMethod(combo, "valueAt", Q_RETURN_ARG(QVariant, v), Q_ARG(int, i)));
        if (v == value) {
            combo->setProperty("currentIndex", i);
            QVERIFY(QMetaObject::invokeMethod(combo, "activated", Q_ARG(int, i)));
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("%1 has no entry %2").arg(name, value.toString())));
}

// The dispatcher's hands: every click and key goes to the window and is counted.
struct Hands {
    QQuickWindow* window = nullptr;
    int clicks = 0;
    int keys = 0;
    void click(QQuickItem* item, QPointF at = {}) {
        QVERIFY(item != nullptr);
        QVERIFY(item->isVisible());
        const QPointF local = at.isNull() ? QPointF(item->width() / 2, item->height() / 2) : at;
        QTest::mouseClick(window, Qt::LeftButton, {}, item->mapToScene(local).toPoint());
        ++clicks;
    }
    void key(Qt::Key k) {
        QTest::keyClick(window, k);
        ++keys;
    }
    void type(const QString& text) {
        for (const char c : text.toLatin1()) {
            QTest::keyClick(window, c);
            ++keys;
        }
    }
};

// From the alarm to units on the way: F2 or the New incident button, the place searched or
// clicked on the map, Enter to create, Enter to dispatch the recommendation. Returns the
// counted hands; the incident id through `incidentId`.
void alarmToDispatch(const Console& console, bool keyboardOnly, Hands& hands, QString& incidentId,
                     const QString& shotPrefix) {
    ConsoleState& state = *console.controller->state();
    hands.window = console.window();
    const QString before = state.selectedIncidentId();
    auto* dialog = console.find<QObject>("createIncidentDialog");
    QVERIFY(dialog);
    if (keyboardOnly) {
        hands.key(Qt::Key_F2);
        QTRY_VERIFY(dialog->property("opened").toBool());
        hands.type(QStringLiteral("Taiyuan"));
        auto* suggestions = console.find<QQuickItem>("placeSuggestions");
        QTRY_VERIFY(suggestions->property("count").toInt() > 0);
        QVERIFY(grab(console.window(), shotPrefix + QStringLiteral("_place_search.png")));
        hands.key(Qt::Key_Return);  // takes the first place
        QCOMPARE(suggestions->property("count").toInt(), 0);
        QVERIFY(std::abs(dialog->property("latitude").toDouble() - 37.86944) < 1e-3);
    } else {
        hands.click(console.find<QQuickItem>("newIncidentButton"));
        auto* map = console.find<QQuickItem>("map");
        QVERIFY(map);
        hands.click(map, QPointF(map->width() / 2, map->height() / 2));
        QTRY_VERIFY(dialog->property("opened").toBool());
        QVERIFY(!std::isnan(dialog->property("latitude").toDouble()));
    }
    hands.key(Qt::Key_Return);  // creates
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), kCommandTimeoutMs);
    incidentId = state.selectedIncidentId();
    QVERIFY(!incidentId.isEmpty());
    QVERIFY(incidentId != before);
    RecommendationModel& recommendation = *state.recommendation();
    QTRY_VERIFY_WITH_TIMEOUT(recommendation.loaded() && recommendation.incidentId() == incidentId,
                             kCommandTimeoutMs);
    const QStringList recommended = recommendation.unitIds();
    QVERIFY(!recommended.isEmpty());
    QVERIFY(console.find<QQuickItem>("recommendationPanel")->hasActiveFocus());
    QVERIFY(grab(console.window(), shotPrefix + QStringLiteral("_recommendation.png")));
    hands.key(Qt::Key_Return);  // dispatches all
    for (const QString& id : recommended) {
        QTRY_COMPARE_WITH_TIMEOUT(unitRole(state, id, UnitListModel::IncidentIdRole).toString(),
                                  incidentId, kCommandTimeoutMs);
    }
}

}  // namespace

class ConsoleE2eTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createDispatchAndScreenshots() {
        test::ServerRunner server;
        QVERIFY2(server.start({QStringLiteral("--simulate"), QStringLiteral("--sim-speed"),
                               QStringLiteral("20")}),
                 qPrintable(server.log()));
        Console console(server.address());
        QVERIFY(console.loaded);
        QVERIFY(console.window());
        ConsoleState& state = *console.controller->state();
        QTRY_VERIFY_WITH_TIMEOUT(state.ready(), kConnectTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(state.catalog()->loaded(), kConnectTimeoutMs);
        QVERIFY(console.controller->connection()->connected());
        QCOMPARE(state.sessionId(), QStringLiteral("live"));
        QVERIFY(state.stations()->rowCount() > 50);
        QVERIFY(state.units()->rowCount() > 300);
        QVERIFY(state.aircraft()->rowCount() > 0);
        QCOMPARE(console.find<QObject>("sessionLabel")->property("text").toString(),
                 QStringLiteral("实战"));
        // The map credits its sources (GeoNames' CC-BY requires it), on screen.
        auto* attribution = console.find<QQuickItem>("mapAttribution");
        QVERIFY(attribution != nullptr);
        QVERIFY(attribution->isVisible());
        const QString credit = attribution->property("text").toString();
        for (const char* source : {"GeoNames", "DCW via GMT", "GSHHG"}) {
            QVERIFY2(credit.contains(QLatin1String(source)), qPrintable(credit));
        }
        // A clock in China Standard Time in the top bar, not the event counter.
        QVERIFY(!console.find<QObject>("clock")->property("text").toString().isEmpty());
        QCOMPARE(console.find<QObject>("clockZone")->property("text").toString(),
                 QStringLiteral("北京时间"));
        QVERIFY(!console.find<QObject>("connectionStatus")
                     ->property("text")
                     .toString()
                     .contains(QStringLiteral("事件")));

        // Alarm: a building fire on Yingze Street, Taiyuan.
        const auto [created, createdMessage] = console.run([&] {
            return console.controller->createIncident(QStringLiteral("building_fire"), 2, 37.8632,
                                                      112.5495, QStringLiteral("迎泽大街 100 号"),
                                                      QStringLiteral("三楼冒烟，有人员被困"));
        });
        QVERIFY2(created, qPrintable(createdMessage));
        const QString incidentId = state.selectedIncidentId();
        QVERIFY(!incidentId.isEmpty());
        QTRY_VERIFY(state.incidents()->rowOf(incidentId) >= 0);
        QVERIFY(state.incidentDetail()->exists());

        // A refused command carries the server's reason.
        const auto [refused, refusal] = console.run([&] {
            return console.controller->dispatchUnits(incidentId, {QStringLiteral("no-such-unit")});
        });
        QVERIFY(!refused);
        QVERIFY2(refusal.contains(QStringLiteral("no-such-unit")), qPrintable(refusal));

        // The recommended response arrives by itself, with arrival times, and its units stand
        // out on the map and the board.
        RecommendationModel& recommendation = *state.recommendation();
        QTRY_VERIFY_WITH_TIMEOUT(recommendation.loaded(), kCommandTimeoutMs);
        QCOMPARE(recommendation.incidentId(), incidentId);
        QVERIFY(recommendation.rowCount() > 0);
        const QStringList recommended = recommendation.unitIds();
        QVERIFY(!recommended.isEmpty());
        const QModelIndex firstSlot = recommendation.index(0);
        QVERIFY(firstSlot.data(RecommendationModel::EtaSecondsRole).toDouble() > 0);
        QVERIFY(!firstSlot.data(RecommendationModel::EtaTextRole).toString().isEmpty());
        QVERIFY(unitRole(state, recommended.first(), UnitListModel::HighlightedRole).toBool());
        QVERIFY(console.find<QObject>("recommendationList")->property("visible").toBool());
        QVERIFY(grab(console.window(), QStringLiteral("console_recommendation.png")));
        // Explained in the display language from the structured fields, not the server's
        // English.
        const QString explanationZh =
            firstSlot.data(RecommendationModel::ExplanationRole).toString();
        QVERIFY2(explanationZh.contains(QStringLiteral("直线距离")), qPrintable(explanationZh));
        QVERIFY2(!explanationZh.contains(QStringLiteral("straight line")),
                 qPrintable(explanationZh));

        // Dispatch the whole recommendation in one action.
        const auto [dispatchedAll, dispatchAllMessage] =
            console.run([&] { return console.controller->dispatchRecommended(false); });
        QVERIFY2(dispatchedAll, qPrintable(dispatchAllMessage));
        for (const QString& id : recommended) {
            QTRY_COMPARE(unitRole(state, id, UnitListModel::IncidentIdRole).toString(), incidentId);
        }

        // Then one more, picked by hand on the board.
        const QString unitId = availableUnitIn(*state.units(), QStringLiteral("taiyuan"));
        QVERIFY(!unitId.isEmpty());
        state.units()->setSelected(unitId, true);
        const auto [dispatched, dispatchMessage] =
            console.run([&] { return console.controller->dispatchSelectedUnits(); });
        QVERIFY2(dispatched, qPrintable(dispatchMessage));
        QCOMPARE(state.units()->selectedCount(), 0);
        const auto [noted, noteMessage] = console.run([&] {
            return console.controller->addNote(incidentId, QStringLiteral("二号楼梯间可进入"));
        });
        QVERIFY2(noted, qPrintable(noteMessage));

        // The server's state, read by a separate client.
        auto stub = server.stub();
        {
            grpc::ClientContext ctx;
            pb::GetRequest request;
            request.set_id(unitId.toStdString());
            pb::Unit unit;
            QVERIFY(stub->GetUnit(&ctx, request, &unit).ok());
            QCOMPARE(QString::fromStdString(unit.incident_id()), incidentId);
            QVERIFY(unit.status() == pb::UNIT_STATUS_DISPATCHED ||
                    unit.status() == pb::UNIT_STATUS_EN_ROUTE ||
                    unit.status() == pb::UNIT_STATUS_ON_SCENE);
        }
        {
            grpc::ClientContext ctx;
            pb::GetRequest request;
            request.set_id(incidentId.toStdString());
            pb::Incident incident;
            QVERIFY(stub->GetIncident(&ctx, request, &incident).ok());
            QStringList assigned;
            for (const pb::Assignment& a : incident.assignments()) {
                assigned.append(QString::fromStdString(a.unit_id()));
            }
            QCOMPARE(assigned.size(), recommended.size() + 1);
            QVERIFY(assigned.contains(unitId));
            for (const QString& id : recommended) {
                QVERIFY2(assigned.contains(id), qPrintable(id));
            }
            QCOMPARE(incident.notes_size(), 1);
            QCOMPARE(incident.notes(0).operator_id(), std::string("e2e-dispatcher"));
            QCOMPARE(incident.address(), std::string("迎泽大街 100 号"));
        }

        // And the console's models show it.
        const UnitListModel& units = *state.units();
        QTRY_COMPARE(
            units.index(units.rowOf(unitId)).data(UnitListModel::IncidentIdRole).toString(),
            incidentId);
        QTRY_COMPARE(state.incidentDetail()->activeUnitIds().size(), recommended.size() + 1);
        QVERIFY(state.incidentDetail()->activeUnitIds().contains(unitId));
        QTRY_VERIFY(state.incidentDetail()->timeline()->count() >= 5);

        QQuickWindow* window = console.window();
        auto* map = console.find<QQuickItem>("map");
        QVERIFY(map);
        if (map->metaObject()->indexOfProperty("basemapLoaded") >= 0) {
            // The real map: its base map loads, and a click in placing mode opens the
            // create-incident dialog at the clicked position.
            QTRY_VERIFY_WITH_TIMEOUT(map->property("basemapLoaded").toBool(), kConnectTimeoutMs);
            QVERIFY(QMetaObject::invokeMethod(window, "beginNewIncident"));
            QTRY_VERIFY(console.find<QObject>("placementPrompt")->property("visible").toBool());
            QVERIFY(map->property("placing").toBool());
            const QPointF middleOfMap(map->width() / 2, map->height() / 2);
            QVariantMap underClick;
            QVERIFY(QMetaObject::invokeMethod(map, "itemAt", Q_RETURN_ARG(QVariantMap, underClick),
                                              Q_ARG(QPointF, middleOfMap)));
            QCOMPARE(underClick.value(QStringLiteral("row")).toInt(), -1);  // a cluster
            const double zoomBefore = map->property("zoomLevel").toDouble();
            const QPointF middle = map->mapToScene(middleOfMap);
            QTest::mouseClick(window, Qt::LeftButton, {}, middle.toPoint());
            // The click only placed the incident: the cluster under it did not start opening up
            // (that zoom animation would start with the click itself).
            QVERIFY(!zoomAnimationRunning(map));
            QCOMPARE(map->property("zoomLevel").toDouble(), zoomBefore);
            QObject* dialog = console.find<QObject>("createIncidentDialog");
            QTRY_VERIFY(dialog->property("visible").toBool());
            const auto centre = map->property("center").value<QGeoCoordinate>();
            QVERIFY(std::abs(dialog->property("latitude").toDouble() - centre.latitude()) < 0.05);
            QVERIFY(std::abs(dialog->property("longitude").toDouble() - centre.longitude()) < 0.05);
            // While the dialog is open another click on the map moves the place.
            QVERIFY(map->property("placing").toBool());
            QVERIFY(!zoomAnimationRunning(map));
            QCOMPARE(map->property("zoomLevel").toDouble(), zoomBefore);
            QVERIFY(QMetaObject::invokeMethod(dialog, "close"));
            QTRY_VERIFY(!dialog->property("visible").toBool());
            QTRY_VERIFY(!map->property("placing").toBool());
        }

        // Screenshots: the province, then the city around the incident.
        map->setProperty("center", QVariant::fromValue(QGeoCoordinate(37.7, 112.3)));
        map->setProperty("zoomLevel", 7.0);
        QVERIFY(grab(window, QStringLiteral("console_province.png")));
        map->setProperty("center", QVariant::fromValue(QGeoCoordinate(37.8632, 112.5495)));
        map->setProperty("zoomLevel", 12.5);
        QVERIFY(grab(window, QStringLiteral("console_city.png")));
        // The map item's own account of the labels it placed (its module is not linked here).
        const auto placedLabels = [map] {
            QStringList texts;
            QMetaObject::invokeMethod(map, "placedLabelTexts", Q_RETURN_ARG(QStringList, texts));
            return texts;
        };
        const auto fromCoordinate = [map](const QGeoCoordinate& c) {
            QPointF p;
            QMetaObject::invokeMethod(map, "fromCoordinate", Q_RETURN_ARG(QPointF, p),
                                      Q_ARG(QGeoCoordinate, c));
            return p;
        };
        // City zoom: place names in Chinese, and ground units carry their callsigns.
        QTRY_VERIFY(placedLabels().contains(QStringLiteral("太原市")));
        int callsignsShown = 0;
        for (int row = 0; row < state.units()->rowCount(); ++row) {
            const QString callsign =
                state.units()->index(row).data(UnitListModel::CallsignRole).toString();
            callsignsShown += placedLabels().contains(callsign) ? 1 : 0;
        }
        QVERIFY(callsignsShown > 0);

        // Hovering a marker shows what it is.
        const QGeoCoordinate unitAt(
            unitRole(state, unitId, UnitListModel::LatitudeRole).toDouble(),
            unitRole(state, unitId, UnitListModel::LongitudeRole).toDouble());
        const QPointF onUnit = map->mapToScene(fromCoordinate(unitAt));
        QTest::mouseMove(window, onUnit.toPoint() + QPoint(0, 8));
        QTest::mouseMove(window, onUnit.toPoint());
        QObject* card = console.find<QObject>("mapHoverCard");
        QVERIFY(card);
        QTRY_VERIFY(card->property("visible").toBool());
        QVERIFY(!console.find<QObject>("hoverTitle")->property("text").toString().isEmpty());
        QVERIFY(grab(window, QStringLiteral("console_hover.png"), true));
        QTest::mouseMove(window, QPoint(5, window->height() - 5));

        // The board filtered by city, status and capability, as a dispatcher does it.
        chooseFilter(console, "cityFilter", QStringLiteral("taiyuan"));
        chooseFilter(console, "statusFilter", int(pb::UNIT_STATUS_AVAILABLE));
        chooseFilter(console, "capabilityFilter", QStringLiteral("fire_suppression"));
        UnitFilterModel& board = *state.unitBoard();
        QTRY_COMPARE(board.city(), QStringLiteral("taiyuan"));
        QCOMPARE(board.status(), int(pb::UNIT_STATUS_AVAILABLE));
        QVERIFY(board.count() > 0);
        for (int row = 0; row < board.rowCount(); ++row) {
            const QModelIndex i = board.index(row, 0);
            QCOMPARE(i.data(UnitListModel::CityRole).toString(), QStringLiteral("taiyuan"));
            QCOMPARE(i.data(UnitListModel::StatusRole).toInt(), int(pb::UNIT_STATUS_AVAILABLE));
        }
        QVERIFY(grab(window, QStringLiteral("console_board_filtered.png")));

        // Run-time language switch: the interface, the map's place names and the
        // recommendation's explanations.
        console.controller->setLanguage(QStringLiteral("en"));
        QTRY_COMPARE(console.find<QObject>("sessionLabel")->property("text").toString(),
                     QStringLiteral("LIVE"));
        QTRY_VERIFY(placedLabels().contains(QStringLiteral("Taiyuan")));
        QVERIFY(grab(window, QStringLiteral("console_city_en.png")));
        // Escalate: the recommendation proposes what the higher level adds, explained in
        // English now.
        const auto [escalated, escalateMessage] =
            console.run([&] { return console.controller->escalateIncident(incidentId); });
        QVERIFY2(escalated, qPrintable(escalateMessage));
        QTRY_COMPARE(state.incidentDetail()->level(), 3);
        QTRY_VERIFY_WITH_TIMEOUT(recommendation.loaded() && recommendation.rowCount() > 0,
                                 kCommandTimeoutMs);
        const QModelIndex added = recommendation.index(0);
        const QString explanationEn = added.data(RecommendationModel::ExplanationRole).toString() +
                                      added.data(RecommendationModel::ShortfallTextRole).toString();
        QVERIFY2(!explanationEn.isEmpty(), "no explanation");
        QVERIFY2(!explanationEn.contains(QStringLiteral("直线距离")) &&
                     !explanationEn.contains(QStringLiteral("无可派单位")),
                 qPrintable(explanationEn));
        QVERIFY(grab(window, QStringLiteral("console_escalated_en.png")));
        map->setProperty("center", QVariant::fromValue(QGeoCoordinate(37.7, 112.3)));
        map->setProperty("zoomLevel", 7.0);
        QVERIFY(grab(window, QStringLiteral("console_province_en.png")));
    }

    void threeClicksFromAlarmToDispatch() {
        test::ServerRunner server;
        QVERIFY2(server.start({QStringLiteral("--simulate"), QStringLiteral("--sim-speed"),
                               QStringLiteral("20")}),
                 qPrintable(server.log()));
        for (const bool keyboardOnly : {true, false}) {
            const QString language = keyboardOnly ? QStringLiteral("zh_CN") : QStringLiteral("en");
            Console console(server.address(), language);
            QVERIFY(console.loaded);
            ConsoleState& state = *console.controller->state();
            QTRY_VERIFY_WITH_TIMEOUT(state.ready(), kConnectTimeoutMs);
            QTRY_VERIFY_WITH_TIMEOUT(state.catalog()->loaded(), kConnectTimeoutMs);
            QVERIFY(QTest::qWaitForWindowExposed(console.window()));
            Hands hands;
            QString incidentId;
            alarmToDispatch(console, keyboardOnly, hands, incidentId,
                            QStringLiteral("three_clicks_") + language);
            if (QTest::currentTestFailed()) {
                return;
            }
            QVERIFY2(hands.clicks <= 3, qPrintable(QString::number(hands.clicks)));
            if (keyboardOnly) {
                QCOMPARE(hands.clicks, 0);
            }
            qInfo("%s: %d clicks, %d keys", keyboardOnly ? "keyboard" : "mouse", hands.clicks,
                  hands.keys);
            // The server has the units on the new incident.
            auto stub = server.stub();
            grpc::ClientContext ctx;
            pb::GetRequest request;
            request.set_id(incidentId.toStdString());
            pb::Incident incident;
            QVERIFY(stub->GetIncident(&ctx, request, &incident).ok());
            QVERIFY(incident.assignments_size() > 0);
        }
    }

    void reconnectResumesWithNothingMissed() {
        test::ServerRunner server;
        QVERIFY2(server.start(), qPrintable(server.log()));
        Console console(server.address(), QStringLiteral("en"));
        QVERIFY(console.loaded);
        DispatchConnection& connection = *console.controller->connection();
        ConsoleState& state = *console.controller->state();
        QTRY_VERIFY_WITH_TIMEOUT(state.ready(), kConnectTimeoutMs);
        QCOMPARE(connection.snapshotCount(), 1);
        const int incidentsBefore = state.incidents()->rowCount();

        QVERIFY(server.stop());
        QTRY_VERIFY_WITH_TIMEOUT(!connection.connected(), kConnectTimeoutMs);
        QObject* banner = console.find<QObject>("connectionBanner");
        QVERIFY(banner);
        QTRY_VERIFY(banner->property("visible").toBool());
        QTRY_VERIFY(connection.reconnectSeconds() > 0);
        QVERIFY(grab(console.window(), QStringLiteral("console_disconnected.png")));

        // Back on the same port and log; another dispatcher acts before this console is back.
        QVERIFY2(server.start(), qPrintable(server.log()));
        QString missedId;
        {
            auto stub = server.stub();
            grpc::ClientContext ctx;
            ctx.AddMetadata("x-flameblue-operator", "other-dispatcher");
            pb::CreateIncidentRequest request;
            request.set_type("forest_grassland_fire");
            request.set_level(3);
            request.mutable_position()->set_lat(38.2);
            request.mutable_position()->set_lon(111.9);
            request.set_address("娄烦县 云顶山");
            pb::CommandReply reply;
            QVERIFY(stub->CreateIncident(&ctx, request, &reply).ok());
            missedId = QString::fromStdString(reply.incident().id());
        }
        const quint64 head = server.headSeq();
        QVERIFY(head > 0);

        QTRY_VERIFY_WITH_TIMEOUT(connection.connected(), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(static_cast<quint64>(connection.lastSeq()), head,
                                  kConnectTimeoutMs);
        QTRY_VERIFY(state.incidents()->rowOf(missedId) >= 0);
        QCOMPARE(state.incidents()->rowCount(), incidentsBefore + 1);
        QCOMPARE(state.seq(), head);
        // Resumed after its last sequence number: no second snapshot was needed.
        QCOMPARE(connection.snapshotCount(), 1);
        QTRY_VERIFY(!banner->property("visible").toBool());
    }
};

QTEST_MAIN(ConsoleE2eTest)
#include "console_e2e_test.moc"

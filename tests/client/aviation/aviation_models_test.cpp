// The aviation view's models: the board (status replies, stream updates, ticking countdowns),
// the rotorcraft filter and the alert banner, each under QAbstractItemModelTester.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include "models/alert_list_model.h"
#include "models/aviation_board_filter.h"
#include "models/aviation_board_model.h"

using namespace flameblue::console;
namespace pb = ::flameblue::v1;

namespace {

constexpr qint64 kNow = 1'795'896'000'000;

void setTime(qint64 ms, google::protobuf::Timestamp* t) {
    t->set_seconds(ms / 1000);
    t->set_nanos(static_cast<int>(ms % 1000) * 1'000'000);
}

pb::AircraftStatus status(const char* id, const char* reg, bool rotorcraft,
                          pb::MissionState state) {
    pb::AircraftStatus s;
    s.set_aircraft_id(id);
    s.set_registration(reg);
    s.set_aircraft_type(rotorcraft ? "z8" : "y12");
    s.set_type_name(rotorcraft ? "Z-8 (直-8)" : "Y-12");
    s.set_category(rotorcraft ? "rotorcraft" : "fixed_wing");
    s.mutable_mission()->set_state(state);
    return s;
}

pb::ListAircraftStatusReply fleet() {
    pb::ListAircraftStatusReply r;
    pb::AircraftStatus z8 = status("AV-Z8-01", "B-70A1", true, pb::MISSION_STATE_EN_ROUTE);
    z8.set_eta_s(600);
    z8.set_endurance_left_s(3000);
    z8.set_return_to_base_s(900);
    z8.set_reserve_s(1800);
    z8.set_fix_age_s(4);
    z8.mutable_last_fix()->set_altitude_m(800);
    z8.mutable_last_fix()->set_speed_kmh(250);
    z8.mutable_last_fix()->set_heading_deg(275);
    z8.mutable_mission()->set_squawk(7700);
    *r.add_aircraft() = z8;
    *r.add_aircraft() = status("AV-Y12-01", "B-70B1", false, pb::MISSION_STATE_READY);
    *r.add_aircraft() = status("AV-KA32-01", "B-70A3", true, pb::MISSION_STATE_MAINTENANCE);
    return r;
}

pb::Alert alert(const char* id, pb::AlertKind kind, bool onBanner, bool active = true) {
    pb::Alert a;
    a.set_id(id);
    a.set_kind(kind);
    a.set_aircraft_id("AV-Z8-01");
    a.set_squawk(kind == pb::ALERT_KIND_EMERGENCY_SQUAWK ? 7700 : 0);
    a.set_detail("detail");
    a.set_on_banner(onBanner);
    a.set_active(active);
    setTime(kNow, a.mutable_raised());
    return a;
}

}  // namespace

class AviationModelsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void boardShowsTheFleetAndCountsDown() {
        AviationBoardModel board;
        QAbstractItemModelTester tester(&board,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        board.setNow(kNow);
        board.applyStatus(fleet(), kNow);
        QCOMPARE(board.rowCount(), 3);
        const QModelIndex z8 = board.index(0);
        QCOMPARE(z8.data(AviationBoardModel::RegistrationRole).toString(), QString("B-70A1"));
        QCOMPARE(z8.data(AviationBoardModel::MissionStateRole).toInt(),
                 int(pb::MISSION_STATE_EN_ROUTE));
        QCOMPARE(z8.data(AviationBoardModel::AltitudeMRole).toDouble(), 800.0);
        QCOMPARE(z8.data(AviationBoardModel::SquawkRole).toString(), QString("7700"));
        QCOMPARE(z8.data(AviationBoardModel::EtaSecondsRole).toDouble(), 600.0);
        QCOMPARE(z8.data(AviationBoardModel::FixAgeSecondsRole).toDouble(), 4.0);
        QVERIFY(!z8.data(AviationBoardModel::EnduranceLowRole).toBool());
        QVERIFY(!board.index(1).data(AviationBoardModel::EtaSecondsRole).isValid());

        // 90 s later without a new reply: ETA, endurance and fix age move with the clock.
        QSignalSpy changed(&board, &QAbstractItemModel::dataChanged);
        board.setNow(kNow + 90'000);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(z8.data(AviationBoardModel::EtaSecondsRole).toDouble(), 510.0);
        QCOMPARE(z8.data(AviationBoardModel::EnduranceLeftSecondsRole).toDouble(), 2910.0);
        QCOMPARE(z8.data(AviationBoardModel::FixAgeSecondsRole).toDouble(), 94.0);
        QCOMPARE(z8.data(AviationBoardModel::EnduranceTextRole).toString(), QString("48 min 30 s"));
        // 5 min more: less flight time left than home (15 min) + reserve (30 min).
        board.setNow(kNow + 390'000);
        QVERIFY(z8.data(AviationBoardModel::EnduranceLowRole).toBool());
        QCOMPARE(z8.data(AviationBoardModel::EtaSecondsRole).toDouble(), 210.0);
    }

    void streamUpdatesRowsAtOnce() {
        AviationBoardModel board;
        QAbstractItemModelTester tester(&board,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        board.setNow(kNow);
        board.applyStatus(fleet(), kNow);
        pb::Aircraft a;
        a.set_id("AV-Y12-01");
        a.mutable_mission()->set_state(pb::MISSION_STATE_LAUNCHING);
        board.applyAircraft(a);
        QCOMPARE(board.index(1).data(AviationBoardModel::MissionTextRole).toString(),
                 QString("Launching"));
        pb::PositionFix fix;
        fix.set_altitude_m(1200);
        setTime(kNow + 1000, fix.mutable_time());
        board.applyFix("AV-Z8-01", fix);
        board.setNow(kNow + 3000);
        QCOMPARE(board.index(0).data(AviationBoardModel::AltitudeMRole).toDouble(), 1200.0);
        QCOMPARE(board.index(0).data(AviationBoardModel::FixAgeSecondsRole).toDouble(), 2.0);
        // An unknown aircraft waits for the next status reply.
        a.set_id("AV-NEW");
        board.applyAircraft(a);
        QCOMPARE(board.rowCount(), 3);
        // A reply without an aircraft removes its row.
        pb::ListAircraftStatusReply two = fleet();
        two.mutable_aircraft()->RemoveLast();
        board.applyStatus(two, kNow + 5000);
        QCOMPARE(board.rowCount(), 2);
        QCOMPARE(board.details("AV-Z8-01").value("registration").toString(), QString("B-70A1"));
        QVERIFY(board.details("AV-KA32-01").isEmpty());
    }

    // The server hears the Y-12 at 2,438 m and 232 km/h while its mission state says ready: the
    // board says airborne; when its signal-lost alert opens, it says so with the fix's age.
    void anAircraftHeardFlyingIsAirborneAndALostOneSaysSo() {
        AviationBoardModel board;
        QAbstractItemModelTester tester(&board,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        board.setNow(kNow);
        pb::ListAircraftStatusReply reply = fleet();
        pb::AircraftStatus& y12 = *reply.mutable_aircraft(1);
        y12.set_callsign("尧城07");
        setTime(kNow - 600'000, y12.mutable_mission()->mutable_airborne_since());
        y12.mutable_last_fix()->set_altitude_m(2438);
        y12.mutable_last_fix()->set_speed_kmh(232);
        y12.set_fix_age_s(5);
        board.applyStatus(reply, kNow);
        const QModelIndex row = board.index(1);
        QCOMPARE(row.data(AviationBoardModel::MissionStateRole).toInt(),
                 int(pb::MISSION_STATE_READY));
        QCOMPARE(row.data(AviationBoardModel::MissionTextRole).toString(), QString("Airborne"));
        QVERIFY(row.data(AviationBoardModel::AirborneRole).toBool());
        QVERIFY(!row.data(AviationBoardModel::SignalLostRole).toBool());
        // One name on every view: callsign with registration.
        QCOMPARE(row.data(AviationBoardModel::AircraftNameRole).toString(),
                 QString::fromUtf8("尧城07 B-70B1"));
        QCOMPARE(board.names().value("AV-Y12-01"), QString::fromUtf8("尧城07 B-70B1"));
        QCOMPARE(board.details("AV-Y12-01").value("aircraftName").toString(),
                 QString::fromUtf8("尧城07 B-70B1"));

        pb::Alert lost = alert("ALR-9", pb::ALERT_KIND_SIGNAL_LOST, true);
        lost.set_aircraft_id("AV-Y12-01");
        *y12.add_alerts() = lost;
        y12.set_fix_age_s(75);  // nothing heard since the first reply
        board.setNow(kNow + 70'000);
        board.applyStatus(reply, kNow + 70'000);
        QVERIFY(row.data(AviationBoardModel::SignalLostRole).toBool());
        QCOMPARE(row.data(AviationBoardModel::MissionTextRole).toString(), QString("Signal lost"));
        QCOMPARE(row.data(AviationBoardModel::FixAgeTextRole).toString(),
                 QString("1 min 15 s ago"));
        QCOMPARE(board.signalLostIds(), QStringList{"AV-Y12-01"});

        // Landed (the server cleared the take-off time): ready again, nothing lost.
        y12.mutable_mission()->clear_airborne_since();
        board.applyStatus(reply, kNow);
        QCOMPARE(row.data(AviationBoardModel::MissionTextRole).toString(), QString("Ready"));
        QVERIFY(board.signalLostIds().isEmpty());
    }

    void rotorcraftFilter() {
        AviationBoardModel board;
        AviationBoardFilter view;
        view.setSourceModel(&board);
        QAbstractItemModelTester tester(&view,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        board.applyStatus(fleet(), kNow);
        QCOMPARE(view.count(), 3);
        view.setRotorcraftOnly(true);
        QCOMPARE(view.count(), 2);
        QCOMPARE(view.aircraftIdAt(0), QString("AV-Z8-01"));
        QCOMPARE(view.aircraftIdAt(1), QString("AV-KA32-01"));
        view.setRotorcraftOnly(false);
        QCOMPARE(view.count(), 3);
    }

    void alertBannerUntilAcknowledged() {
        AlertListModel alerts;
        QAbstractItemModelTester tester(&alerts,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy raised(&alerts, &AlertListModel::alertRaised);
        alerts.reset({alert("ALR-1", pb::ALERT_KIND_SIGNAL_LOST, true),
                      alert("ALR-0", pb::ALERT_KIND_LOW_ENDURANCE, false)});
        QCOMPARE(alerts.rowCount(), 1);  // an acknowledged one is not on the banner
        QCOMPARE(raised.count(), 0);     // a snapshot is not news

        alerts.apply(alert("ALR-2", pb::ALERT_KIND_EMERGENCY_SQUAWK, true));
        QCOMPARE(alerts.rowCount(), 2);
        QCOMPARE(raised.count(), 1);
        alerts.setAircraftLabels({{"AV-Z8-01", "B-70A1"}});
        QCOMPARE(alerts.index(1).data(AlertListModel::MessageRole).toString(),
                 QString("B-70A1: Squawk 7700 (general emergency)"));

        // The squawk ends: still on the banner, marked over, until acknowledged.
        alerts.apply(alert("ALR-2", pb::ALERT_KIND_EMERGENCY_SQUAWK, true, false));
        QCOMPARE(alerts.rowCount(), 2);
        QVERIFY(!alerts.index(1).data(AlertListModel::ActiveRole).toBool());
        alerts.apply(alert("ALR-2", pb::ALERT_KIND_EMERGENCY_SQUAWK, false, false));
        QCOMPARE(alerts.rowCount(), 1);
        QCOMPARE(alerts.index(0).data(AlertListModel::AlertIdRole).toString(), QString("ALR-1"));
        // The signal came back: it closes by itself.
        alerts.apply(alert("ALR-1", pb::ALERT_KIND_SIGNAL_LOST, false, false));
        QCOMPARE(alerts.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(AviationModelsTest)
#include "aviation_models_test.moc"

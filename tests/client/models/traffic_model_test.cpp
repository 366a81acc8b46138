// The context traffic model: snapshots folded row by row (updates in place, inserts, removals)
// under QAbstractItemModelTester, map roles, bad records left out, and the hover card.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

#include "models/console_state.h"
#include "models/traffic_list_model.h"

using namespace flameblue::console;
namespace pb = flameblue::v1;

namespace {

pb::TrafficAircraft aircraft(const char* icao, const char* callsign, double lat, double lon) {
    pb::TrafficAircraft a;
    a.set_icao24(icao);
    a.set_callsign(callsign);
    a.mutable_fix()->mutable_position()->set_lat(lat);
    a.mutable_fix()->mutable_position()->set_lon(lon);
    return a;
}

QStringList ids(const TrafficListModel& m) {
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out.append(m.index(r).data(TrafficListModel::ItemIdRole).toString());
    return out;
}

}  // namespace

class TrafficModelTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void foldsSnapshotsRowByRow();
    void rolesForTheMap();
    void leavesOutWhatCannotBePlaced();
    void hoverCardAndSwitchingOff();
};

void TrafficModelTest::foldsSnapshotsRowByRow() {
    TrafficListModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy count(&m, &TrafficListModel::countChanged);
    QSignalSpy resets(&m, &QAbstractItemModel::modelReset);

    pb::TrafficSnapshot s;
    *s.add_aircraft() = aircraft("7c0003", "CSN3287", 37.75, 112.62);
    *s.add_aircraft() = aircraft("780e41", "CES2145", 37.70, 112.55);
    m.applySnapshot(s);
    QCOMPARE(ids(m), (QStringList{"780e41", "7c0003"}));  // sorted by address
    QCOMPARE(count.count(), 1);

    // One moves, one is gone, one is new: the one still heard keeps its row.
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    QSignalSpy removed(&m, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
    pb::TrafficSnapshot next;
    *next.add_aircraft() = aircraft("7c0003", "CSN3287", 37.80, 112.70);
    *next.add_aircraft() = aircraft("7c00ff", "", 37.90, 112.40);
    m.applySnapshot(next);
    QCOMPARE(ids(m), (QStringList{"7c0003", "7c00ff"}));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m.index(0).data(TrafficListModel::LatitudeRole).toDouble(), 37.80);
    QCOMPARE(count.count(), 1);  // still two
    QCOMPARE(resets.count(), 0);

    m.applySnapshot(pb::TrafficSnapshot{});
    QCOMPARE(m.rowCount(), 0);
    QCOMPARE(count.count(), 2);
}

void TrafficModelTest::rolesForTheMap() {
    TrafficListModel m;
    pb::TrafficSnapshot s;
    pb::TrafficAircraft a = aircraft("7c0003", "CSN3287", 37.75, 112.62);
    a.mutable_fix()->set_heading_deg(275.5);
    a.mutable_fix()->set_altitude_m(3048);
    a.mutable_fix()->set_speed_kmh(520);
    a.set_squawk("7700");
    a.set_emergency(true);
    *s.add_aircraft() = a;
    *s.add_aircraft() = aircraft("7c00ff", "", 37.90, 112.40);
    m.applySnapshot(s);
    const QHash<int, QByteArray> names = m.roleNames();
    for (const char* role : {"itemId", "latitude", "longitude", "status", "headingDeg", "category",
                             "label", "highlighted", "callsign"}) {
        QVERIFY2(names.values().contains(role), role);
    }
    const QModelIndex i = m.index(0);
    QCOMPARE(i.data(TrafficListModel::LabelRole).toString(), QStringLiteral("CSN3287"));
    QCOMPARE(i.data(TrafficListModel::HeadingDegRole).toDouble(), 275.5);
    QCOMPARE(i.data(TrafficListModel::AltitudeMRole).toDouble(), 3048.0);
    QCOMPARE(i.data(TrafficListModel::SquawkRole).toString(), QStringLiteral("7700"));
    QCOMPARE(i.data(TrafficListModel::EmergencyRole).toBool(), true);
    QCOMPARE(i.data(TrafficListModel::CategoryRole).toString(), QStringLiteral("fixed_wing"));
    // Without a callsign the address is shown; unknown heading and altitude are NaN.
    const QModelIndex j = m.index(1);
    QCOMPARE(j.data(TrafficListModel::LabelRole).toString(), QStringLiteral("7C00FF"));
    QVERIFY(std::isnan(j.data(TrafficListModel::HeadingDegRole).toDouble()));
    QVERIFY(std::isnan(j.data(TrafficListModel::AltitudeMRole).toDouble()));
    QCOMPARE(m.rowOf("7c00ff"), 1);
    QCOMPARE(m.rowOf("000000"), -1);
}

void TrafficModelTest::leavesOutWhatCannotBePlaced() {
    TrafficListModel m;
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    pb::TrafficSnapshot s;
    *s.add_aircraft() = aircraft("", "NOADDR", 37.7, 112.5);
    *s.add_aircraft() = aircraft("7c0001", "BADLAT", 95.0, 112.5);
    *s.add_aircraft() = aircraft("7c0002", "NAN", std::nan(""), 112.5);
    *s.add_aircraft() = aircraft("7c0003", "GOOD", 37.7, 112.5);
    *s.add_aircraft() = aircraft("7c0003", "TWICE", 37.8, 112.6);
    m.applySnapshot(s);
    QCOMPARE(ids(m), QStringList{"7c0003"});
}

void TrafficModelTest::hoverCardAndSwitchingOff() {
    ConsoleState state;
    QAbstractItemModelTester tester(state.traffic(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(!state.showTraffic());
    state.setShowTraffic(true);
    pb::TrafficSnapshot s;
    pb::TrafficAircraft a = aircraft("7c0003", "CSN3287", 37.75, 112.62);
    a.mutable_fix()->set_altitude_m(3048);
    a.mutable_fix()->set_speed_kmh(520);
    *s.add_aircraft() = a;
    state.traffic()->applySnapshot(s);
    const QVariantMap card = state.describeMapItem(QStringLiteral("traffic"), "7c0003");
    QCOMPARE(card.value("title").toString(), QStringLiteral("CSN3287"));
    const QStringList lines = card.value("lines").toStringList();
    QVERIFY(lines.contains(QStringLiteral("520 km/h, 3048 m")));
    QVERIFY(state.describeMapItem(QStringLiteral("traffic"), "ffffff").isEmpty());
    // Switched off: nothing old stays on the map.
    QSignalSpy shown(&state, &ConsoleState::showTrafficChanged);
    state.setShowTraffic(false);
    QCOMPARE(shown.count(), 1);
    QCOMPARE(state.traffic()->rowCount(), 0);
}

QTEST_MAIN(TrafficModelTest)
#include "traffic_model_test.moc"

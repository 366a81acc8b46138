// ConsoleState and its list models: a snapshot in chunks, then events, applied in place.
#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <string>

#include "model_dump.h"
#include "models/console_state.h"
#include "test_data.h"

using namespace flameblue::console;
namespace t = flameblue::console::test;
namespace pb = ::flameblue::v1;

namespace {

// Attaches QAbstractItemModelTester to every model ConsoleState owns, before anything happens.
struct Testers {
    explicit Testers(ConsoleState& s) {
        const QList<QAbstractItemModel*> models{s.stations(),
                                                s.units(),
                                                s.aircraft(),
                                                s.incidents(),
                                                s.waterSources(),
                                                s.unitBoard(),
                                                s.aircraftBoard(),
                                                s.catalog()->cities(),
                                                s.catalog()->cityChoices(),
                                                s.catalog()->incidentTypes(),
                                                s.incidentDetail()->timeline(),
                                                s.incidentDetail()->assignments(),
                                                s.incidentDetail()->notes(),
                                                s.recommendation()};
        for (QAbstractItemModel* m : models) {
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                m, QAbstractItemModelTester::FailureReportingMode::QtTest));
        }
    }
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
};

void load(ConsoleState& s, const t::Snapshot& snap) {
    s.beginSnapshot(snap.begin);
    for (const auto& chunk : snap.chunks) {
        s.addSnapshotChunk(chunk);
    }
    s.endSnapshot(snap.seq);
}

QVariant role(const UnitListModel& m, const char* id, int r) {
    return m.data(m.index(m.rowOf(QString::fromLatin1(id))), r);
}

}  // namespace

class ConsoleStateTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_state = std::make_unique<ConsoleState>();
        m_testers = std::make_unique<Testers>(*m_state);
        m_state->setManualClock(t::kT0Ms);
        m_state->setCatalog(t::catalog());
    }
    void cleanup() {
        m_testers.reset();
        m_state.reset();
    }

    void snapshotFillsEveryModel() {
        ConsoleState& s = *m_state;
        QSignalSpy ready(&s, &ConsoleState::readyChanged);
        load(s, t::snapshot());
        QCOMPARE(ready.count(), 1);
        QVERIFY(s.ready());
        QCOMPARE(s.sessionId(), QStringLiteral("live"));
        QVERIFY(!s.drill());
        QCOMPARE(s.seq(), 100u);
        QCOMPARE(s.stations()->rowCount(), 3);
        QCOMPARE(s.units()->rowCount(), 4);
        QCOMPARE(s.aircraft()->rowCount(), 1);
        QCOMPARE(s.incidents()->rowCount(), 2);
        QCOMPARE(s.waterSources()->rowCount(), 1);

        // A unit's city comes from its station; its fix is a minute old and trusted.
        const UnitListModel& u = *s.units();
        QCOMPARE(role(u, "ty-01-e1", UnitListModel::CityRole).toString(),
                 QStringLiteral("taiyuan"));
        QCOMPARE(role(u, "ty-01-e1", UnitListModel::CityNameRole).toString(),
                 QStringLiteral("太原市"));
        QCOMPARE(role(u, "ty-01-e1", UnitListModel::FixAgeSecondsRole).toDouble(), 60.0);
        QCOMPARE(role(u, "ty-01-e1", UnitListModel::FixStaleRole).toBool(), false);
        QCOMPARE(role(u, "ty-01-e1", UnitListModel::LatitudeRole).toDouble(), 37.8571);
        // No fix at all: shown at the station, and said so.
        QCOMPARE(role(u, "dt-01-e1", UnitListModel::PositionFromStationRole).toBool(), true);
        QCOMPARE(role(u, "dt-01-e1", UnitListModel::LatitudeRole).toDouble(), 40.0768);
        QCOMPARE(role(u, "dt-01-e1", UnitListModel::FixAgeSecondsRole).toDouble(), -1.0);
        QCOMPARE(role(u, "ty-01-l1", UnitListModel::CapabilitiesTextRole).toString(),
                 QStringLiteral("登高平台、水罐消防"));
        QCOMPARE(role(u, "dt-01-e2", UnitListModel::StatusTextRole).toString(),
                 QStringLiteral("Out of service"));  // no translator installed here
    }

    void mapRoleNamesAreThere() {
        const QList<QByteArray> common{"itemId",     "latitude", "longitude", "status",
                                       "headingDeg", "category", "label",     "highlighted"};
        ConsoleState& s = *m_state;
        const QList<QAbstractItemModel*> layers{s.stations(), s.units(), s.aircraft(),
                                                s.incidents(), s.waterSources()};
        for (QAbstractItemModel* m : layers) {
            const auto names = m->roleNames().values();
            for (const QByteArray& name : common) {
                QVERIFY2(names.contains(name), name.constData());
            }
        }
        QVERIFY(s.incidents()->roleNames().values().contains("level"));
        QVERIFY(s.aircraft()->roleNames().values().contains("trail"));
    }

    void snapshotIsStagedUntilItsEnd() {
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        t::Snapshot again = t::snapshot();
        again.chunks[0].mutable_units(0)->set_status(pb::UNIT_STATUS_OUT_OF_SERVICE);
        s.beginSnapshot(again.begin);
        s.addSnapshotChunk(again.chunks[0]);
        s.abortSnapshot();  // the stream broke half-way
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::StatusRole).toInt(),
                 int(pb::UNIT_STATUS_AVAILABLE));
        QCOMPARE(s.seq(), 100u);
    }

    void eventsUpdateRowsInPlace() {
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        QSignalSpy changed(s.units(), &QAbstractItemModel::dataChanged);
        QSignalSpy reset(s.units(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(s.units(), &QAbstractItemModel::rowsInserted);

        pb::Event e = t::event(101, "units_dispatched", "inc-1", t::kT0Ms);
        pb::Unit u = t::unit("ty-01-e1", "迎泽1", "ty-01", "water_tender", {"pumper"},
                             pb::UNIT_STATUS_DISPATCHED);
        u.set_incident_id("inc-1");
        *e.add_units() = u;
        pb::Incident inc = *s.incidents()->find("inc-1");
        inc.set_status(pb::INCIDENT_STATUS_ACTIVE);
        *inc.mutable_first_dispatched() = t::at(t::kT0Ms);
        pb::Assignment* a = inc.add_assignments();
        a->set_unit_id("ty-01-e1");
        *a->mutable_dispatched() = t::at(t::kT0Ms);
        *e.add_incidents() = inc;
        s.applyEvent(e);

        QCOMPARE(s.seq(), 101u);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(changed.count(), 1);
        const int row = s.units()->rowOf(QStringLiteral("ty-01-e1"));
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), row);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), row);
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::IncidentIdRole).toString(),
                 QStringLiteral("inc-1"));
        const IncidentListModel& incidents = *s.incidents();
        const QModelIndex i = incidents.index(incidents.rowOf(QStringLiteral("inc-1")));
        QCOMPARE(i.data(IncidentListModel::ActiveUnitCountRole).toInt(), 1);
        QCOMPARE(i.data(IncidentListModel::StatusRole).toInt(), int(pb::INCIDENT_STATUS_ACTIVE));

        // A new unit from a roster event is one inserted row.
        pb::Event roster = t::event(102, "unit_upserted", "dt-01-e3", t::kT0Ms);
        *roster.add_units() = t::unit("dt-01-e3", "平城3", "dt-01", "water_tender", {"pumper"});
        s.applyEvent(roster);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(s.units()->rowCount(), 5);
        QCOMPARE(reset.count(), 0);
    }

    void positionFixMovesOnlyThatUnit() {
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        QSignalSpy changed(s.units(), &QAbstractItemModel::dataChanged);
        pb::Event e = t::event(101, "position_reported", "ty-01-e1", t::kT0Ms);
        e.mutable_position()->set_unit_id("ty-01-e1");
        *e.mutable_position()->mutable_fix() = t::fix(37.8600, 112.5700, t::kT0Ms - 5000, 45);
        s.applyEvent(e);
        QCOMPARE(changed.count(), 1);
        const auto roles = changed.at(0).at(2).value<QList<int>>();
        QVERIFY(roles.contains(UnitListModel::LatitudeRole));
        QVERIFY(roles.contains(UnitListModel::HeadingDegRole));
        QVERIFY(!roles.contains(UnitListModel::StatusRole));
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::LatitudeRole).toDouble(), 37.86);
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::HeadingDegRole).toDouble(), 45.0);
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::FixAgeSecondsRole).toDouble(), 5.0);

        // An aircraft's fixes build its trail.
        for (int k = 0; k < 3; ++k) {
            pb::Event a = t::event(102 + k, "position_reported", "air-z8-1", t::kT0Ms);
            a.mutable_position()->set_unit_id("air-z8-1");
            a.mutable_position()->set_is_aircraft(true);
            *a.mutable_position()->mutable_fix() =
                t::fix(37.59 + 0.05 * k, 112.43 + 0.05 * k, t::kT0Ms + qint64{k} * 1000);
            s.applyEvent(a);
        }
        const QVariantList trail =
            role(*s.aircraft(), "air-z8-1", UnitListModel::TrailRole).toList();
        QCOMPARE(trail.size(), 3);
        QCOMPARE(trail.last().value<QGeoCoordinate>(), QGeoCoordinate(37.69, 112.53));
        QCOMPARE(s.seq(), 104u);
    }

    void staleFixFallsBackToStation() {
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        s.setStaleAfterSeconds(300);
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::PositionFromStationRole).toBool(),
                 false);
        QSignalSpy changed(s.units(), &QAbstractItemModel::dataChanged);
        s.setManualClock(t::kT0Ms + 300'000);  // the fix is now 6 minutes old
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::FixStaleRole).toBool(), true);
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::PositionFromStationRole).toBool(),
                 true);
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::LatitudeRole).toDouble(), 37.8570);
        bool latitudeChanged = false;
        for (const auto& args : changed) {
            latitudeChanged = latitudeChanged ||
                              args.at(2).value<QList<int>>().contains(UnitListModel::LatitudeRole);
        }
        QVERIFY(latitudeChanged);
    }

    void fixesAgeByTheServersLimit() {
        // The server's catalog names its limit; the console takes no other.
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        pb::Catalog catalog;
        catalog.set_fix_stale_after_s(120);
        s.setCatalog(catalog);
        s.setManualClock(t::kT0Ms + 30'000);  // the fix is 90 s old
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::FixStaleRole).toBool(), false);
        s.setManualClock(t::kT0Ms + 61'000);  // 121 s
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::FixStaleRole).toBool(), true);
        catalog.set_fix_stale_after_s(600);
        s.setCatalog(catalog);
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::FixStaleRole).toBool(), false);
    }

    void removedEntitiesLeave() {
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        QSignalSpy removed(s.units(), &QAbstractItemModel::rowsRemoved);
        pb::Event e = t::event(101, "entity_removed", "dt-01-e2", t::kT0Ms);
        pb::EntityRef* ref = e.add_removed();
        ref->set_kind("unit");
        ref->set_id("dt-01-e2");
        s.applyEvent(e);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(s.units()->rowCount(), 3);
        QCOMPARE(s.units()->rowOf(QStringLiteral("dt-01-e2")), -1);
        QCOMPARE(s.units()->rowOf(QStringLiteral("dt-01-e1")), 2);
    }

    void incidentsAreNewestFirst() {
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        QCOMPARE(s.incidents()->idAt(0), QStringLiteral("inc-2"));
        QCOMPARE(s.incidents()->idAt(1), QStringLiteral("inc-1"));
        pb::Event e = t::event(101, "incident_created", "inc-3", t::kT0Ms);
        *e.add_incidents() =
            t::incident("inc-3", "building_fire", 1, t::kT0Ms, 37.80, 112.55, "taiyuan", "长风街");
        QSignalSpy inserted(s.incidents(), &QAbstractItemModel::rowsInserted);
        s.applyEvent(e);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(s.incidents()->idAt(0), QStringLiteral("inc-3"));
        QCOMPARE(s.incidents()->openCount(), 3);
    }

    void freshSnapshotMergesWithoutReset() {
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        t::Snapshot again = t::snapshot();
        again.begin.set_seq(180);
        again.begin.set_reason("gap");
        again.seq = 180;
        again.chunks[1].mutable_units()->RemoveLast();  // dt-01-e2 is gone
        again.chunks[1].mutable_units(0)->set_status(pb::UNIT_STATUS_EN_ROUTE);
        QSignalSpy reset(s.units(), &QAbstractItemModel::modelReset);
        QSignalSpy removed(s.units(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(s.units(), &QAbstractItemModel::dataChanged);
        QSignalSpy applied(&s, &ConsoleState::snapshotApplied);
        s.units()->setSelected(QStringLiteral("ty-01-e1"), true);
        changed.clear();
        load(s, again);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(changed.count(), 1);  // only dt-01-e1 differs
        QCOMPARE(s.seq(), 180u);
        QCOMPARE(applied.at(0).at(0).toString(), QStringLiteral("gap"));
        QCOMPARE(role(*s.units(), "dt-01-e1", UnitListModel::StatusRole).toInt(),
                 int(pb::UNIT_STATUS_EN_ROUTE));
        QCOMPARE(s.units()->selectedIds(), QStringList{QStringLiteral("ty-01-e1")});
    }

    void boardFilters() {
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        UnitFilterModel& board = *s.unitBoard();
        QCOMPARE(board.count(), 4);
        board.setCity(QStringLiteral("datong"));
        QCOMPARE(board.count(), 2);
        board.setStatus(pb::UNIT_STATUS_AVAILABLE);
        QCOMPARE(board.count(), 1);
        QCOMPARE(board.idAt(0), QStringLiteral("dt-01-e1"));
        board.setStatus(0);
        board.setCity({});
        board.setCapability(QStringLiteral("aerial_ladder"));
        QCOMPARE(board.count(), 1);
        QCOMPARE(board.idAt(0), QStringLiteral("ty-01-l1"));
        board.setCapability({});
        board.setText(QStringLiteral("平城"));
        QCOMPARE(board.count(), 2);
        board.setText(QStringLiteral("yingze"));  // the station's English name
        QCOMPARE(board.count(), 0);               // Chinese display: names are Chinese
        s.setLanguage(QStringLiteral("en"));
        board.setText(QStringLiteral("Engine 迎泽"));
        QCOMPARE(board.count(), 2);
        board.setText({});

        // A status change moves a unit in or out of a status filter by itself.
        board.setStatus(pb::UNIT_STATUS_AVAILABLE);
        QCOMPARE(board.count(), 3);
        pb::Event e = t::event(101, "unit_status_changed", "ty-01-l1", t::kT0Ms);
        *e.add_units() = t::unit("ty-01-l1", "迎泽2", "ty-01", "aerial_platform",
                                 {"aerial_ladder", "pumper"}, pb::UNIT_STATUS_OUT_OF_SERVICE);
        s.applyEvent(e);
        QCOMPARE(board.count(), 2);
    }

    void incidentDetailTimeline() {
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        s.setSelectedIncidentId(QStringLiteral("inc-1"));
        IncidentDetail& d = *s.incidentDetail();
        QVERIFY(d.exists());
        QCOMPARE(d.level(), 2);
        QCOMPARE(d.typeName(), QStringLiteral("建筑火灾"));
        QCOMPARE(d.timeline()->count(), 4);  // received, dispatched, under control, closed
        QCOMPARE(d.timeline()->value(0, "done").toBool(), true);
        QCOMPARE(d.timeline()->value(1, "done").toBool(), false);

        pb::Incident inc = *s.incidents()->find("inc-1");
        inc.set_status(pb::INCIDENT_STATUS_ACTIVE);
        *inc.mutable_first_dispatched() = t::at(t::kT0Ms - 540'000);
        pb::Assignment* a = inc.add_assignments();
        a->set_unit_id("ty-01-e1");
        *a->mutable_dispatched() = t::at(t::kT0Ms - 540'000);
        *a->mutable_en_route() = t::at(t::kT0Ms - 480'000);
        *a->mutable_on_scene() = t::at(t::kT0Ms - 300'000);
        pb::Note* n = inc.add_notes();
        *n->mutable_time() = t::at(t::kT0Ms - 400'000);
        n->set_operator_id("zhang.wei");
        n->set_text("三楼有人员被困");
        pb::Event e = t::event(101, "units_dispatched", "inc-1", t::kT0Ms);
        *e.add_incidents() = inc;
        pb::Unit u = t::unit("ty-01-e1", "迎泽1", "ty-01", "water_tender", {"pumper"},
                             pb::UNIT_STATUS_ON_SCENE);
        u.set_incident_id("inc-1");
        *e.add_units() = u;
        s.applyEvent(e);

        QCOMPARE(d.timeline()->count(), 7);
        QCOMPARE(d.timeline()->value(1, "elapsedSeconds").toDouble(), 60.0);
        QCOMPARE(d.timeline()->value(3, "kind").toString(), QStringLiteral("unit_en_route"));
        QCOMPARE(d.timeline()->value(4, "callsign").toString(), QStringLiteral("迎泽1"));
        QCOMPARE(d.timeline()->value(4, "elapsedSeconds").toDouble(), 300.0);
        QCOMPARE(d.assignments()->count(), 1);
        QCOMPARE(d.assignments()->value(0, "status").toInt(), int(pb::UNIT_STATUS_ON_SCENE));
        QCOMPARE(d.notes()->count(), 1);
        QCOMPARE(d.notes()->value(0, "text").toString(), QStringLiteral("三楼有人员被困"));
        QCOMPARE(d.activeUnitIds(), QStringList{QStringLiteral("ty-01-e1")});
        // The selected incident's units are highlighted on the map.
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::HighlightedRole).toBool(), true);
        QCOMPARE(role(*s.units(), "ty-01-l1", UnitListModel::HighlightedRole).toBool(), false);
    }

    void languageSwitchRenamesInPlace() {
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        QSignalSpy changed(s.stations(), &QAbstractItemModel::dataChanged);
        QSignalSpy reset(s.stations(), &QAbstractItemModel::modelReset);
        const QModelIndex first = s.stations()->index(0);
        QCOMPARE(first.data(StationListModel::NameRole).toString(),
                 QStringLiteral("太原迎泽消防救援站"));
        s.setLanguage(QStringLiteral("en"));
        QCOMPARE(first.data(StationListModel::NameRole).toString(),
                 QStringLiteral("Taiyuan Yingze Station"));
        QCOMPARE(first.data(StationListModel::CityNameRole).toString(), QStringLiteral("Taiyuan"));
        QVERIFY(changed.count() >= 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(s.catalog()->cityChoices()->data(s.catalog()->cityChoices()->index(1),
                                                  CatalogListModel::NameRole),
                 QVariant(QStringLiteral("Taiyuan")));
    }

    void selectionForDispatch() {
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        UnitListModel& u = *s.units();
        QSignalSpy selection(&u, &UnitListModel::selectionChanged);
        u.toggleSelected(QStringLiteral("dt-01-e1"));
        u.toggleSelected(QStringLiteral("ty-01-e1"));
        QCOMPARE(selection.count(), 2);
        // In model order, whatever order they were picked in.
        QCOMPARE(u.selectedIds(),
                 (QStringList{QStringLiteral("ty-01-e1"), QStringLiteral("dt-01-e1")}));
        QCOMPARE(role(u, "dt-01-e1", UnitListModel::HighlightedRole).toBool(), true);
        u.clearSelection();
        QCOMPARE(u.selectedCount(), 0);
    }

    void recommendationHighlightsItsUnits() {
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        RecommendationModel& r = *s.recommendation();
        r.setLoading(QStringLiteral("inc-1"));
        QVERIFY(r.loading());
        QCOMPARE(r.rowCount(), 0);

        pb::Recommendation rec;
        rec.set_incident_id("inc-1");
        rec.set_filled_slots(1);
        rec.set_shortfalls(1);
        rec.set_total_s(395);
        rec.add_unit_ids("ty-01-e1");
        pb::Slot* engine = rec.add_slots();
        engine->set_index(0);
        engine->set_capability("pumper");
        pb::Candidate* pick = engine->mutable_pick();
        pick->set_unit_id("ty-01-e1");
        pick->set_callsign("迎泽1");
        pick->set_position_source(pb::POSITION_SOURCE_LAST_FIX);
        pick->mutable_eta()->set_mode("ground");
        pick->mutable_eta()->set_start_delay_s(80);
        pick->mutable_eta()->set_route_m(4250);
        pick->mutable_eta()->set_speed_kmh(40);
        pick->mutable_eta()->set_total_s(395);
        pick->mutable_eta()->set_great_circle_m(3140);
        engine->mutable_explanation()->set_text("nearest pumper; next is 2 min later");
        engine->mutable_explanation()->set_next_alternative_unit_id("ty-x-9");
        engine->mutable_explanation()->set_margin_s(117);
        pb::Candidate* alternative = engine->add_alternatives();
        alternative->set_unit_id("ty-x-9");
        alternative->set_callsign("迎泽2");
        alternative->mutable_eta()->set_total_s(512);
        pb::Slot* boat = rec.add_slots();
        boat->set_index(1);
        boat->set_capability("water_rescue");
        boat->mutable_shortfall()->set_reason(pb::SHORTFALL_REASON_BEYOND_DISTANCE_CAP);
        boat->mutable_shortfall()->set_text("no water rescue unit within the distance cap");
        boat->mutable_shortfall()->set_beyond_cap(2);
        rec.mutable_coverage()->set_computed(true);
        rec.mutable_coverage()->set_circle_s(300);
        rec.mutable_coverage()->set_stations_affected(1);
        pb::CoverageGap* gap = rec.mutable_coverage()->add_gaps();
        gap->set_station_id("ty-01");
        gap->set_station_name_zh("迎泽站");
        gap->set_station_name_en("Yingze Station");
        gap->add_lost_cover_unit_ids("ty-01-e1");
        gap->set_text("ty-01 迎泽站 would have no unit within 5 min");
        r.setRecommendation(rec);

        QVERIFY(r.loaded());
        QCOMPARE(r.rowCount(), 2);
        const QModelIndex first = r.index(0);
        QCOMPARE(first.data(RecommendationModel::CapabilityNameRole).toString(),
                 QStringLiteral("水罐消防"));
        QCOMPARE(first.data(RecommendationModel::EtaTextRole).toString(),
                 QStringLiteral("6 min 35 s"));
        QCOMPARE(first.data(RecommendationModel::EtaDetailRole).toString(),
                 QStringLiteral("1 min 20 s turnout, 4.3 km by road at 40 km/h"));
        QCOMPARE(first.data(RecommendationModel::AlternativesTextRole).toString(),
                 QStringLiteral("迎泽2 8 min 32 s"));
        QCOMPARE(first.data(RecommendationModel::ShortfallRole).toBool(), false);
        const QModelIndex second = r.index(1);
        QCOMPARE(second.data(RecommendationModel::ShortfallRole).toBool(), true);
        QCOMPARE(second.data(RecommendationModel::ChosenRole).toBool(), false);
        // The texts come from the structured fields, in the display language (the server's
        // English `text` is not shown); no translator is installed here: the English source.
        s.setLanguage(QStringLiteral("en"));
        QCOMPARE(first.data(RecommendationModel::ExplanationRole).toString(),
                 QStringLiteral("Arrives 1 min 57 s before 迎泽2, the next available. 3.1 km in a "
                                "straight line."));
        QCOMPARE(second.data(RecommendationModel::ShortfallTextRole).toString(),
                 QStringLiteral("No unit: no free unit with it within the distance limit (2 "
                                "beyond)."));
        const QString callsign =
            role(*s.units(), "ty-01-e1", UnitListModel::CallsignRole).toString();
        QVERIFY(!callsign.isEmpty());
        QCOMPARE(r.coverageGaps(),
                 QStringList{QStringLiteral("Yingze Station would have no unit within 5 min 0 s "
                                            "(now covered by %1). No unit can move up without "
                                            "opening another gap.")
                                 .arg(callsign)});
        s.setLanguage(QStringLiteral("zh_CN"));
        QVERIFY(r.coverageGaps().constFirst().startsWith(QStringLiteral("迎泽站 ")));
        QVERIFY(r.coverageText().contains(QStringLiteral("5 min 0 s")));

        // Its units stand out on the map until the next answer.
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::RecommendedRole).toBool(), true);
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::HighlightedRole).toBool(), true);
        QCOMPARE(r.chosenUnitIds(), QStringList{QStringLiteral("ty-01-e1")});
        QSignalSpy chosen(&r, &RecommendationModel::chosenChanged);
        r.setChosen(0, false);
        QCOMPARE(chosen.count(), 1);
        QVERIFY(r.chosenUnitIds().isEmpty());
        QCOMPARE(r.unitIds(), QStringList{QStringLiteral("ty-01-e1")});
        r.clear();
        QCOMPARE(role(*s.units(), "ty-01-e1", UnitListModel::RecommendedRole).toBool(), false);
    }

    // The header's time is when the last pick arrives (the picks travel at the same time), not
    // the sum of the arrivals; with a shortfall it speaks only of the filled slots.
    void recommendationHeaderShowsTheLatestArrival() {
        RecommendationModel& r = *m_state->recommendation();
        pb::Recommendation rec;
        rec.set_incident_id("inc-1");
        for (const double eta : {395.0, 1004.0, 610.0}) {
            pb::Slot* slot = rec.add_slots();
            slot->set_index(rec.slots_size() - 1);
            slot->set_capability("pumper");
            slot->mutable_pick()->set_unit_id("u" + std::to_string(rec.slots_size()));
            slot->mutable_pick()->mutable_eta()->set_total_s(eta);
        }
        rec.set_filled_slots(3);
        rec.set_total_s(395.0 + 1004.0 + 610.0);
        rec.set_bottleneck_s(1004.0);
        r.setRecommendation(rec);
        QCOMPARE(r.totalText(),
                 QStringLiteral("3 of 3 slots filled, all on scene within 16 min 44 s"));

        rec.mutable_slots(1)->clear_pick();
        rec.set_filled_slots(2);
        rec.set_shortfalls(1);
        rec.set_total_s(395.0 + 610.0);
        rec.set_bottleneck_s(610.0);
        r.setRecommendation(rec);
        QCOMPARE(r.totalText(),
                 QStringLiteral("2 of 3 slots filled, those on scene within 10 min 10 s"));

        for (pb::Slot& slot : *rec.mutable_slots()) {
            slot.clear_pick();
        }
        rec.set_filled_slots(0);
        rec.set_total_s(0);
        rec.clear_bottleneck_s();
        r.setRecommendation(rec);
        QCOMPARE(r.totalText(), QStringLiteral("0 of 3 slots filled"));
    }

    // A drill seek replaces the state with a fresh snapshot: an answer worked out on the old
    // state ("nothing more is needed") is withdrawn and asked for again.
    void snapshotWithdrawsTheRecommendation() {
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        s.setSelectedIncidentId(QStringLiteral("inc-1"));
        RecommendationModel& r = *s.recommendation();
        r.setLoading(QStringLiteral("inc-1"));
        pb::Recommendation nothingNeeded;
        nothingNeeded.set_incident_id("inc-1");
        r.setRecommendation(nothingNeeded);
        QVERIFY(r.loaded());
        QCOMPARE(r.count(), 0);

        QSignalSpy outdated(&s, &ConsoleState::recommendationOutdated);
        load(s, t::snapshot());
        QCOMPARE(outdated.count(), 1);
        QVERIFY(!r.loaded());
        QVERIFY(r.loading());
        QCOMPARE(r.incidentId(), QStringLiteral("inc-1"));

        // Nothing asked for: nothing to withdraw.
        r.clear();
        load(s, t::snapshot());
        QCOMPARE(outdated.count(), 1);
        QVERIFY(!r.loading());
    }

    // An aircraft the server says is in the air stays where it was last heard however old the
    // fix (never jumping back to its base); a lost one says so, with the fix's age. Its name is
    // its callsign with its registration, on the map and the boards alike.
    void airborneAircraftKeepTheirLastPosition() {
        ConsoleState& s = *m_state;
        t::Snapshot snap = t::snapshot();
        pb::Aircraft* z8 = nullptr;
        for (auto& chunk : snap.chunks) {
            for (pb::Aircraft& a : *chunk.mutable_aircraft()) {
                z8 = &a;
            }
        }
        QVERIFY(z8 != nullptr);
        const std::string id = z8->id();
        z8->set_callsign("尧城01");
        *z8->mutable_last_fix() = t::fix(37.6, 112.4, t::kT0Ms - 20 * 60'000);
        z8->mutable_mission()->set_state(pb::MISSION_STATE_READY);
        *z8->mutable_mission()->mutable_airborne_since() = t::at(t::kT0Ms - 30 * 60'000);
        load(s, snap);
        UnitListModel& aircraft = *s.aircraft();
        const QModelIndex row = aircraft.index(aircraft.rowOf(QString::fromStdString(id)));
        QVERIFY(row.data(UnitListModel::FixStaleRole).toBool());  // 20 min old
        QVERIFY(!row.data(UnitListModel::PositionFromStationRole).toBool());
        QCOMPARE(row.data(UnitListModel::LatitudeRole).toDouble(), 37.6);
        QCOMPARE(row.data(UnitListModel::LongitudeRole).toDouble(), 112.4);
        const QString name = QStringLiteral("%1 %2").arg(
            QString::fromStdString(z8->callsign()), QString::fromStdString(z8->registration()));
        QCOMPARE(row.data(UnitListModel::CallsignRole).toString(), name);
        QCOMPARE(row.data(UnitListModel::LabelRole).toString(), name);

        aircraft.setSignalLost({QString::fromStdString(id)});
        QVERIFY(row.data(UnitListModel::SignalLostRole).toBool());
        s.setLanguage(QStringLiteral("en"));
        QCOMPARE(row.data(UnitListModel::LabelRole).toString(),
                 name + QStringLiteral(" · signal lost, last heard 20 min ago"));

        // On the ground (no take-off time) a stale fix falls back to the base as before.
        z8->mutable_mission()->clear_airborne_since();
        load(s, snap);
        QVERIFY(row.data(UnitListModel::PositionFromStationRole).toBool());
        QVERIFY(!row.data(UnitListModel::SignalLostRole).toBool());
    }

    // Golden output: the whole state after a snapshot and a handful of events.
    void goldenState() {
        ConsoleState& s = *m_state;
        load(s, t::snapshot());
        pb::Event e = t::event(101, "units_dispatched", "inc-2", t::kT0Ms);
        pb::Aircraft z8;
        z8.set_id("air-z8-1");
        z8.set_callsign("B-7101");
        z8.set_registration("B-7101");
        z8.set_aircraft_type("Z-8");
        z8.set_base_station_id("tyc-air");
        z8.set_status(pb::UNIT_STATUS_DISPATCHED);
        z8.set_incident_id("inc-2");
        z8.set_staffing(4);
        *z8.mutable_last_fix() = t::fix(37.59, 112.43, t::kT0Ms - 1000, 0);
        *e.add_aircraft() = z8;
        pb::Incident inc = *s.incidents()->find("inc-2");
        inc.set_status(pb::INCIDENT_STATUS_ACTIVE);
        *inc.mutable_first_dispatched() = t::at(t::kT0Ms);
        pb::Assignment* a = inc.add_assignments();
        a->set_unit_id("air-z8-1");
        *a->mutable_dispatched() = t::at(t::kT0Ms);
        *e.add_incidents() = inc;
        s.applyEvent(e);
        pb::Event p = t::event(102, "position_reported", "air-z8-1", t::kT0Ms + 60'000);
        p.mutable_position()->set_unit_id("air-z8-1");
        p.mutable_position()->set_is_aircraft(true);
        *p.mutable_position()->mutable_fix() = t::fix(37.80, 112.30, t::kT0Ms + 60'000, 330);
        s.applyEvent(p);
        s.setManualClock(t::kT0Ms + 90'000);
        s.setSelectedIncidentId(QStringLiteral("inc-2"));

        QString text;
        text += t::dumpModel(QStringLiteral("stations"), *s.stations());
        text += t::dumpModel(QStringLiteral("units"), *s.units());
        text += t::dumpModel(QStringLiteral("aircraft"), *s.aircraft());
        text += t::dumpModel(QStringLiteral("incidents"), *s.incidents());
        text += t::dumpModel(QStringLiteral("water sources"), *s.waterSources());
        text += t::dumpModel(QStringLiteral("timeline"), *s.incidentDetail()->timeline());
        compareGolden(QStringLiteral("console_state.txt"), text);
    }

private:
    static void compareGolden(const QString& name, const QString& actual) {
        const QString path = QStringLiteral(FLAMEBLUE_GOLDEN_DIR "/") + name;
        if (qEnvironmentVariableIsSet("FLAMEBLUE_UPDATE_GOLDEN")) {
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(actual.toUtf8());
            return;
        }
        QFile in(path);
        QVERIFY2(in.open(QIODevice::ReadOnly),
                 qPrintable(path + " is missing; run with FLAMEBLUE_UPDATE_GOLDEN=1"));
        const QString expected = QString::fromUtf8(in.readAll());
        const QStringList want = expected.split(QLatin1Char('\n'));
        const QStringList got = actual.split(QLatin1Char('\n'));
        for (int i = 0; i < std::min(want.size(), got.size()); ++i) {
            QCOMPARE(got[i], want[i]);  // the first differing line, with its text
        }
        QCOMPARE(got.size(), want.size());
    }

    std::unique_ptr<ConsoleState> m_state;
    std::unique_ptr<Testers> m_testers;
};

QTEST_GUILESS_MAIN(ConsoleStateTest)
#include "console_state_test.moc"

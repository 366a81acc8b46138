// MapView as an item in a real window (Xvfb, OpenGL): camera API against the projection,
// wheel and keyboard zoom, hit-testing, incremental model updates, clustering, toggles,
// base map loading and the click signal.
#include <QPointingDevice>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTest>
#include <QVariantAnimation>
#include <QWheelEvent>

#include <memory>
#include <random>

#include "map/label_atlas.h"
#include "map/map_view.h"
#include "marker_test_model.h"

using flameblue::map::MapView;
using flameblue::map::MarkerLayerKind;
using flameblue::map::test::MarkerTestModel;

namespace {

const QGeoCoordinate kTaiyuan(37.86944, 112.56028);
const QGeoCoordinate kWusuAirport(37.74694, 112.62833);
const QGeoCoordinate kShanxi(37.6, 112.3);

double pixelDistance(const QPointF& a, const QPointF& b) {
    return std::hypot(a.x() - b.x(), a.y() - b.y());
}

// Whether the map's animated zoom (wheel, double click, opening a cluster) is under way. The
// animation is started by the input event itself, so this is known without waiting.
bool zoomAnimationRunning(const MapView* map) {
    const auto* animation = map->findChild<QVariantAnimation*>();
    return animation != nullptr && animation->state() == QAbstractAnimation::Running;
}

}  // namespace

class MapViewTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void defaultsAndLimits();
    void fromAndToCoordinateAgreeWithTheCamera();
    void zoomAtKeepsThePointUnderTheCursor();
    void wheelZoomKeepsThePointUnderTheCursor();
    void keyboardPansAndZooms();
    void fitBoundsShowsTheBox();
    void metersPerPixelFollowsZoom();
    void hitTestingFindsMarkersAndMissesElsewhere();
    void topmostLayerWins();
    void movingARowMovesItsMarker();
    void insertedAndRemovedRowsFollow();
    void modelResetReloads();
    void clustersBelowTheClusterZoomAndKeepsHighlightedApart();
    void layerTogglesHideFromHitTesting();
    void trailsAndHeadingAreRead();
    void basemapLoadsInTheBackground();
    void missingBasemapReportsAnError();
    void clickEmitsLayerAndItem();
    void placingClickOnAClusterOnlyReportsThePlace();
    void pinchZoomsAroundThePinchCentre();
    void pinchMovingCentrePans();
    void hoverReportsTheMarkerUnderTheMouse();
    void unitCallsignsShowAtCityZoomOnly();
    void crowdedCallsignsDoNotOverlap();
    void placeNamesFollowTheLanguage();
    void settingTheCameraStopsAZoomInFlight();
    void labelAtlasForgetsCallsignsNoLongerShown();

private:
    std::unique_ptr<QQuickWindow> m_window;
    MapView* m_map = nullptr;
};

void MapViewTest::init() {
    m_window = std::make_unique<QQuickWindow>();
    m_window->resize(1000, 700);
    m_map = new MapView(m_window->contentItem());
    m_map->setSize(QSizeF(1000, 700));
    m_map->setCenter(kShanxi);
    m_map->setZoomLevel(7);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void MapViewTest::cleanup() {
    m_window.reset();
    m_map = nullptr;
}

void MapViewTest::defaultsAndLimits() {
    QCOMPARE(m_map->minimumZoomLevel(), 5.0);
    QCOMPARE(m_map->maximumZoomLevel(), 18.0);
    QCOMPARE(m_map->bearing(), 0.0);
    m_map->setZoomLevel(2);
    QCOMPARE(m_map->zoomLevel(), 5.0);
    m_map->setZoomLevel(30);
    QCOMPARE(m_map->zoomLevel(), 18.0);
    QVERIFY(m_map->attribution().contains(QStringLiteral("GeoNames")));
    QVERIFY(m_map->attribution().contains(QStringLiteral("DCW via GMT")));
    const QPointF invalid = m_map->fromCoordinate(QGeoCoordinate());
    QVERIFY(std::isnan(invalid.x()));
}

void MapViewTest::fromAndToCoordinateAgreeWithTheCamera() {
    for (int zoom = 5; zoom <= 18; ++zoom) {
        m_map->setZoomLevel(zoom);
        m_map->setCenter(kTaiyuan);
        const QPointF middle = m_map->fromCoordinate(kTaiyuan);
        QVERIFY2(pixelDistance(middle, QPointF(500, 350)) < 1e-6,
                 qPrintable(QString::number(zoom)));
        for (const QPointF p : {QPointF(0, 0), QPointF(999, 699), QPointF(123.5, 456.25)}) {
            const QGeoCoordinate c = m_map->toCoordinate(p);
            QVERIFY(pixelDistance(m_map->fromCoordinate(c), p) < 1.0);
        }
        // A real offset: Wusu airport lies east-south-east of Taiyuan's seat.
        const QPointF airport = m_map->fromCoordinate(kWusuAirport);
        QVERIFY(airport.x() > 500 && airport.y() > 350);
    }
}

void MapViewTest::zoomAtKeepsThePointUnderTheCursor() {
    const QPointF cursor(812, 143);
    const QGeoCoordinate under = m_map->toCoordinate(cursor);
    for (const double zoom : {8.3, 11.0, 15.5, 6.2}) {
        m_map->zoomAt(cursor, zoom);
        QCOMPARE(m_map->zoomLevel(), zoom);
        QVERIFY(pixelDistance(m_map->fromCoordinate(under), cursor) < 0.01);
    }
}

void MapViewTest::wheelZoomKeepsThePointUnderTheCursor() {
    const QPointF cursor(250, 520);
    const QGeoCoordinate under = m_map->toCoordinate(cursor);
    QSignalSpy zoomSpy(m_map, &MapView::zoomLevelChanged);
    for (int i = 0; i < 3; ++i) {
        QWheelEvent wheel(cursor, m_window->mapToGlobal(cursor.toPoint()), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(m_window.get(), &wheel);
    }
    // Three notches of half a level each, animated smoothly (several steps, not one jump).
    QTRY_COMPARE(m_map->zoomLevel(), 8.5);
    QVERIFY(zoomSpy.count() > 3);
    QVERIFY(pixelDistance(m_map->fromCoordinate(under), cursor) < 0.01);
}

void MapViewTest::keyboardPansAndZooms() {
    m_map->forceActiveFocus();
    const QGeoCoordinate before = m_map->center();
    QTest::keyClick(m_window.get(), Qt::Key_Right);
    QVERIFY(m_map->center().longitude() > before.longitude());
    QTest::keyClick(m_window.get(), Qt::Key_Plus);
    QTRY_COMPARE(m_map->zoomLevel(), 8.0);
    QTest::keyClick(m_window.get(), Qt::Key_Minus);
    QTRY_COMPARE(m_map->zoomLevel(), 7.0);
}

void MapViewTest::fitBoundsShowsTheBox() {
    const QGeoCoordinate topLeft(40.75, 110.2);
    const QGeoCoordinate bottomRight(34.55, 114.6);
    m_map->fitBounds(topLeft, bottomRight);
    const QPointF a = m_map->fromCoordinate(topLeft);
    const QPointF b = m_map->fromCoordinate(bottomRight);
    QVERIFY(a.x() >= 0 && a.y() >= 0 && b.x() <= 1000 && b.y() <= 700);
    QVERIFY(b.y() - a.y() > 600);  // fits tightly, not tiny
}

void MapViewTest::metersPerPixelFollowsZoom() {
    m_map->setCenter(kTaiyuan);
    m_map->setZoomLevel(12);
    QVERIFY(std::abs(m_map->metersPerPixel() - 30.17) < 0.1);
    m_map->setZoomLevel(13);
    QVERIFY(std::abs(m_map->metersPerPixel() - 15.08) < 0.1);
}

void MapViewTest::hitTestingFindsMarkersAndMissesElsewhere() {
    MarkerTestModel units;
    units.add(QStringLiteral("TY-E01"), 37.853, 112.579);
    units.add(QStringLiteral("TY-E02"), 37.80, 112.50);
    units.add(QStringLiteral("DT-E01"), 40.09, 113.29);
    m_map->setUnitModel(&units);
    m_map->setCenter(kTaiyuan);
    m_map->setZoomLevel(12);
    for (int row = 0; row < 2; ++row) {
        const QString id = units.item(row)->data(flameblue::map::test::ItemIdRole).toString();
        const QGeoCoordinate c(
            units.item(row)->data(flameblue::map::test::LatitudeRole).toDouble(),
            units.item(row)->data(flameblue::map::test::LongitudeRole).toDouble());
        const QVariantMap hit = m_map->itemAt(m_map->fromCoordinate(c) + QPointF(3, -2));
        QCOMPARE(hit.value(QStringLiteral("layer")).toString(), QStringLiteral("units"));
        QCOMPARE(hit.value(QStringLiteral("itemId")).toString(), id);
        QCOMPARE(hit.value(QStringLiteral("row")).toInt(), row);
    }
    const QPointF far = m_map->fromCoordinate(QGeoCoordinate(37.853, 112.579)) + QPointF(40, 0);
    QVERIFY(m_map->itemAt(far).isEmpty());
    QVERIFY(m_map->itemAt(QPointF(5, 5)).isEmpty());
}

void MapViewTest::topmostLayerWins() {
    MarkerTestModel units;
    MarkerTestModel incidents;
    units.add(QStringLiteral("U1"), 37.853, 112.579);
    incidents.add(QStringLiteral("I1"), 37.853, 112.579, 2, qQNaN(),
                  QStringLiteral("building_fire"));
    m_map->setUnitModel(&units);
    m_map->setIncidentModel(&incidents);
    m_map->setCenter(kTaiyuan);
    m_map->setZoomLevel(13);
    const QVariantMap hit = m_map->itemAt(m_map->fromCoordinate(QGeoCoordinate(37.853, 112.579)));
    QCOMPARE(hit.value(QStringLiteral("layer")).toString(), QStringLiteral("incidents"));
    QCOMPARE(hit.value(QStringLiteral("itemId")).toString(), QStringLiteral("I1"));
}

void MapViewTest::movingARowMovesItsMarker() {
    MarkerTestModel units;
    for (int i = 0; i < 50; ++i) {
        units.add(QStringLiteral("U%1").arg(i), 37.70 + i * 0.004, 112.40 + i * 0.004);
    }
    m_map->setUnitModel(&units);
    m_map->setCenter(kTaiyuan);
    m_map->setZoomLevel(12);
    const QGeoCoordinate before(37.70 + 7 * 0.004, 112.40 + 7 * 0.004);
    const QGeoCoordinate after(37.90, 112.66);
    QCOMPARE(
        m_map->itemAt(m_map->fromCoordinate(before)).value(QStringLiteral("itemId")).toString(),
        QStringLiteral("U7"));
    const std::uint64_t revision = m_map->layer(MarkerLayerKind::Units).mirror().revision();
    units.moveTo(7, after.latitude(), after.longitude());
    QCOMPARE(m_map->layer(MarkerLayerKind::Units).mirror().revision(), revision + 1);
    QCOMPARE(m_map->itemAt(m_map->fromCoordinate(after)).value(QStringLiteral("itemId")).toString(),
             QStringLiteral("U7"));
    QVERIFY(m_map->itemAt(m_map->fromCoordinate(before)).value(QStringLiteral("itemId")) !=
            QStringLiteral("U7"));
}

void MapViewTest::insertedAndRemovedRowsFollow() {
    MarkerTestModel water;
    water.add(QStringLiteral("WS-1"), 37.80, 112.50, 0, qQNaN(), QStringLiteral("hydrant"));
    m_map->setWaterModel(&water);
    m_map->setCenter(kTaiyuan);
    m_map->setZoomLevel(12);
    const QGeoCoordinate c(37.85, 112.55);
    QVERIFY(m_map->itemAt(m_map->fromCoordinate(c)).isEmpty());
    auto* item = new QStandardItem;
    item->setData(QStringLiteral("WS-2"), flameblue::map::test::ItemIdRole);
    item->setData(c.latitude(), flameblue::map::test::LatitudeRole);
    item->setData(c.longitude(), flameblue::map::test::LongitudeRole);
    water.insertRow(0, item);
    QVariantMap hit = m_map->itemAt(m_map->fromCoordinate(c));
    QCOMPARE(hit.value(QStringLiteral("itemId")).toString(), QStringLiteral("WS-2"));
    QCOMPARE(hit.value(QStringLiteral("row")).toInt(), 0);
    QCOMPARE(hit.value(QStringLiteral("layer")).toString(), QStringLiteral("water"));
    // The old row shifted down by one.
    hit = m_map->itemAt(m_map->fromCoordinate(QGeoCoordinate(37.80, 112.50)));
    QCOMPARE(hit.value(QStringLiteral("row")).toInt(), 1);
    water.removeRow(0);
    QVERIFY(m_map->itemAt(m_map->fromCoordinate(c)).isEmpty());
    hit = m_map->itemAt(m_map->fromCoordinate(QGeoCoordinate(37.80, 112.50)));
    QCOMPARE(hit.value(QStringLiteral("row")).toInt(), 0);
}

void MapViewTest::modelResetReloads() {
    MarkerTestModel stations;
    stations.add(QStringLiteral("TY-S01"), 37.853, 112.579, 0, qQNaN(),
                 QStringLiteral("special_service"));
    m_map->setStationModel(&stations);
    QCOMPARE(m_map->layer(MarkerLayerKind::Stations).mirror().records().size(), 1U);
    stations.clear();  // modelReset
    QCOMPARE(m_map->layer(MarkerLayerKind::Stations).mirror().records().size(), 0U);
    m_map->setStationModel(nullptr);
    QCOMPARE(m_map->stationModel(), nullptr);
}

void MapViewTest::clustersBelowTheClusterZoomAndKeepsHighlightedApart() {
    MarkerTestModel units;
    std::mt19937 random(7);
    std::normal_distribution<double> spread(0.0, 0.02);
    for (int i = 0; i < 200; ++i) {
        units.add(QStringLiteral("U%1").arg(i), kTaiyuan.latitude() + spread(random),
                  kTaiyuan.longitude() + spread(random));
    }
    QStandardItem* highlighted = units.add(QStringLiteral("HL"), 38.2, 112.9);
    highlighted->setData(true, flameblue::map::test::HighlightedRole);
    m_map->setUnitModel(&units);
    m_map->setCenter(kShanxi);
    m_map->setZoomLevel(7);
    const auto& drawn = m_map->layer(MarkerLayerKind::Units).drawn(7.0);
    QVERIFY(drawn.size() < 10);
    const QVariantMap cluster = m_map->itemAt(m_map->fromCoordinate(kTaiyuan));
    QCOMPARE(cluster.value(QStringLiteral("layer")).toString(), QStringLiteral("units"));
    QCOMPARE(cluster.value(QStringLiteral("row")).toInt(), -1);
    QVERIFY(cluster.value(QStringLiteral("count")).toInt() > 100);
    const QVariantMap alone = m_map->itemAt(m_map->fromCoordinate(QGeoCoordinate(38.2, 112.9)));
    QCOMPARE(alone.value(QStringLiteral("itemId")).toString(), QStringLiteral("HL"));
    // Above the cluster zoom every unit stands alone.
    m_map->setZoomLevel(9.5);
    QCOMPARE(m_map->layer(MarkerLayerKind::Units).drawn(9.5).size(), 201U);
}

void MapViewTest::layerTogglesHideFromHitTesting() {
    MarkerTestModel units;
    units.add(QStringLiteral("U1"), 37.853, 112.579);
    m_map->setUnitModel(&units);
    m_map->setCenter(kTaiyuan);
    m_map->setZoomLevel(12);
    const QPointF p = m_map->fromCoordinate(QGeoCoordinate(37.853, 112.579));
    QVERIFY(!m_map->itemAt(p).isEmpty());
    QSignalSpy spy(m_map, &MapView::layersChanged);
    m_map->setShowUnits(false);
    QCOMPARE(spy.count(), 1);
    QVERIFY(m_map->itemAt(p).isEmpty());
    m_map->setShowUnits(true);
    QVERIFY(!m_map->itemAt(p).isEmpty());
}

void MapViewTest::trailsAndHeadingAreRead() {
    MarkerTestModel aircraft;
    QStandardItem* plane = aircraft.add(QStringLiteral("B-7101"), 37.9, 112.6, 3, 135.0,
                                        QStringLiteral("helicopter"), QStringLiteral("SX01"));
    plane->setData(MarkerTestModel::trail({{37.80, 112.40}, {37.85, 112.50}, {37.9, 112.6}}),
                   flameblue::map::test::TrailRole);
    aircraft.add(QStringLiteral("B-7102"), 37.5, 112.1);  // heading NaN: unknown
    m_map->setAircraftModel(&aircraft);
    const auto& records = m_map->layer(MarkerLayerKind::Aircraft).mirror().records();
    QCOMPARE(records.size(), 2U);
    QCOMPARE(records[0].trail.size(), 3U);
    QVERIFY(records[0].hasHeading);
    QCOMPARE(records[0].headingDeg, 135.0F);
    QCOMPARE(records[0].label, QStringLiteral("SX01"));
    QVERIFY(!records[1].hasHeading);
    // QPointF(lon, lat) trails work too.
    plane->setData(QVariantList{QPointF(112.0, 37.0), QPointF(112.1, 37.1)},
                   flameblue::map::test::TrailRole);
    QCOMPARE(records[0].trail.size(), 2U);
}

void MapViewTest::basemapLoadsInTheBackground() {
    QSignalSpy spy(m_map, &MapView::basemapLoadedChanged);
    m_map->setBasemapDirectory(QStringLiteral(FLAMEBLUE_BASEMAP_DIR));
    // Setting it does not block: the call returns before the load is done, and the result
    // arrives through the event loop.
    QVERIFY(!m_map->basemapLoaded());
    QCOMPARE(spy.count(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(m_map->basemapLoaded(), 60000);
    QVERIFY(m_map->basemapError().isEmpty());
    QCOMPARE(spy.count(), 1);
}

void MapViewTest::missingBasemapReportsAnError() {
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("does not exist"));
    m_map->setBasemapDirectory(QStringLiteral("/nonexistent/basemap"));
    QTRY_VERIFY(!m_map->basemapError().isEmpty());
    QVERIFY(!m_map->basemapLoaded());
}

void MapViewTest::clickEmitsLayerAndItem() {
    MarkerTestModel incidents;
    incidents.add(QStringLiteral("INC-1"), 37.853, 112.579, 1, qQNaN(),
                  QStringLiteral("building_fire"));
    m_map->setIncidentModel(&incidents);
    m_map->setCenter(kTaiyuan);
    m_map->setZoomLevel(12);
    QSignalSpy spy(m_map, &MapView::clicked);
    const QPoint onMarker = m_map->fromCoordinate(QGeoCoordinate(37.853, 112.579)).toPoint();
    QTest::mouseClick(m_window.get(), Qt::LeftButton, Qt::NoModifier, onMarker);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(1).toString(), QStringLiteral("incidents"));
    QCOMPARE(spy.at(0).at(2).toString(), QStringLiteral("INC-1"));
    const auto c = spy.at(0).at(0).value<QGeoCoordinate>();
    QVERIFY(std::abs(c.latitude() - 37.853) < 0.001);
    QTest::mouseClick(m_window.get(), Qt::LeftButton, Qt::NoModifier, QPoint(20, 20));
    QCOMPARE(spy.count(), 2);
    QVERIFY(spy.at(1).at(1).toString().isEmpty());
    // A drag pans and is no click.
    const QGeoCoordinate before = m_map->center();
    QTest::mousePress(m_window.get(), Qt::LeftButton, Qt::NoModifier, QPoint(500, 300));
    for (int i = 1; i <= 10; ++i) {
        QTest::mouseMove(m_window.get(), QPoint(500 + i * 10, 300));
    }
    QTest::mouseRelease(m_window.get(), Qt::LeftButton, Qt::NoModifier, QPoint(600, 300));
    QCOMPARE(spy.count(), 2);
    QVERIFY(m_map->center().longitude() < before.longitude());
}

void MapViewTest::placingClickOnAClusterOnlyReportsThePlace() {
    MarkerTestModel units;
    std::mt19937 random(11);
    std::normal_distribution<double> spread(0.0, 0.02);
    for (int i = 0; i < 50; ++i) {
        units.add(QStringLiteral("U%1").arg(i), kTaiyuan.latitude() + spread(random),
                  kTaiyuan.longitude() + spread(random));
    }
    m_map->setUnitModel(&units);
    const QPointF onCluster = m_map->fromCoordinate(kTaiyuan);
    QCOMPARE(m_map->itemAt(onCluster).value(QStringLiteral("row")).toInt(), -1);
    QSignalSpy clicks(m_map, &MapView::clicked);
    QSignalSpy zooms(m_map, &MapView::zoomLevelChanged);

    // Placing: the click says where it landed, nothing more; the cluster stays shut.
    m_map->setPlacing(true);
    QCOMPARE(m_map->cursor().shape(), Qt::CrossCursor);
    QTest::mouseClick(m_window.get(), Qt::LeftButton, Qt::NoModifier, onCluster.toPoint());
    QCOMPARE(clicks.count(), 1);
    QVERIFY(clicks.at(0).at(1).toString().isEmpty());
    QVERIFY(clicks.at(0).at(2).toString().isEmpty());
    const auto placed = clicks.at(0).at(0).value<QGeoCoordinate>();
    QVERIFY(pixelDistance(m_map->fromCoordinate(placed), onCluster) < 1.5);
    // A cluster opens up with a zoom animation started by the click itself: none is running.
    QVERIFY(!zoomAnimationRunning(m_map));
    QCOMPARE(zooms.count(), 0);
    QCOMPARE(m_map->zoomLevel(), 7.0);

    // Not placing: the same click hits the cluster and opens it up.
    m_map->setPlacing(false);
    QTest::mouseClick(m_window.get(), Qt::LeftButton, Qt::NoModifier, onCluster.toPoint());
    QCOMPARE(clicks.count(), 2);
    QCOMPARE(clicks.at(1).at(1).toString(), QStringLiteral("units"));
    QVERIFY(zoomAnimationRunning(m_map));
    QTRY_VERIFY_WITH_TIMEOUT(m_map->zoomLevel() > 8.5, 60000);
}

void MapViewTest::pinchZoomsAroundThePinchCentre() {
    QPointingDevice* touch = QTest::createTouchDevice();
    m_map->setCenter(kShanxi);
    m_map->setZoomLevel(8);
    // Off the item's centre, so that zooming around the wrong point would show.
    const QPointF centre(700, 250);
    const QGeoCoordinate under = m_map->toCoordinate(centre);
    QTest::touchEvent(m_window.get(), touch).press(0, QPoint(650, 250)).press(1, QPoint(750, 250));
    // Fingers spread to four times their distance: two zoom levels in, in steps.
    for (int spread = 60; spread <= 200; spread += 20) {
        QTest::touchEvent(m_window.get(), touch)
            .move(0, QPoint(700 - spread, 250))
            .move(1, QPoint(700 + spread, 250));
    }
    QTest::touchEvent(m_window.get(), touch)
        .release(0, QPoint(500, 250))
        .release(1, QPoint(900, 250));
    QVERIFY2(std::abs(m_map->zoomLevel() - 10.0) < 1e-6,
             qPrintable(QString::number(m_map->zoomLevel())));
    QVERIFY(pixelDistance(m_map->fromCoordinate(under), centre) < 1.0);
    // Pinching back in zooms out around the same point.
    QTest::touchEvent(m_window.get(), touch).press(0, QPoint(500, 250)).press(1, QPoint(900, 250));
    QTest::touchEvent(m_window.get(), touch).move(0, QPoint(600, 250)).move(1, QPoint(800, 250));
    QTest::touchEvent(m_window.get(), touch)
        .release(0, QPoint(600, 250))
        .release(1, QPoint(800, 250));
    QVERIFY(std::abs(m_map->zoomLevel() - 9.0) < 1e-6);
    QVERIFY(pixelDistance(m_map->fromCoordinate(under), centre) < 1.0);
}

void MapViewTest::pinchMovingCentrePans() {
    QPointingDevice* touch = QTest::createTouchDevice();
    m_map->setCenter(kShanxi);
    m_map->setZoomLevel(9);
    const QGeoCoordinate under = m_map->toCoordinate(QPointF(400, 300));
    QTest::touchEvent(m_window.get(), touch).press(0, QPoint(350, 300)).press(1, QPoint(450, 300));
    for (int step = 1; step <= 5; ++step) {
        QTest::touchEvent(m_window.get(), touch)
            .move(0, QPoint(350 + step * 20, 300 + step * 10))
            .move(1, QPoint(450 + step * 20, 300 + step * 10));
    }
    QTest::touchEvent(m_window.get(), touch)
        .release(0, QPoint(450, 350))
        .release(1, QPoint(550, 350));
    // Same spread: no zoom; the ground under the fingers followed them.
    QVERIFY(std::abs(m_map->zoomLevel() - 9.0) < 1e-6);
    QVERIFY(pixelDistance(m_map->fromCoordinate(under), QPointF(500, 350)) < 1.0);
}

void MapViewTest::hoverReportsTheMarkerUnderTheMouse() {
    MarkerTestModel units;
    units.add(QStringLiteral("TY-E01"), 37.853, 112.579);
    MarkerTestModel aircraft;
    aircraft.add(QStringLiteral("B-7101"), 37.70, 112.40, 1, 90.0);
    m_map->setUnitModel(&units);
    m_map->setAircraftModel(&aircraft);
    m_map->setCenter(kTaiyuan);
    m_map->setZoomLevel(11);
    QSignalSpy spy(m_map, &MapView::hovered);
    const QPoint onUnit = m_map->fromCoordinate(QGeoCoordinate(37.853, 112.579)).toPoint();
    const QPoint onAircraft = m_map->fromCoordinate(QGeoCoordinate(37.70, 112.40)).toPoint();
    QTest::mouseMove(m_window.get(), QPoint(20, 20));
    QTest::mouseMove(m_window.get(), onUnit + QPoint(2, 1));
    QTRY_VERIFY(!spy.isEmpty());
    QCOMPARE(spy.last().at(0).toString(), QStringLiteral("units"));
    QCOMPARE(spy.last().at(1).toString(), QStringLiteral("TY-E01"));
    QCOMPARE(m_map->cursor().shape(), Qt::PointingHandCursor);
    // Moving within the same marker says nothing new.
    const qsizetype count = spy.size();
    QTest::mouseMove(m_window.get(), onUnit + QPoint(-1, 0));
    QCOMPARE(spy.size(), count);
    QTest::mouseMove(m_window.get(), onAircraft);
    QTRY_COMPARE(spy.size(), count + 1);
    QCOMPARE(spy.last().at(0).toString(), QStringLiteral("aircraft"));
    QCOMPARE(spy.last().at(1).toString(), QStringLiteral("B-7101"));
    // Bare map: nothing hovered.
    QTest::mouseMove(m_window.get(), onAircraft + QPoint(60, -60));
    QTRY_COMPARE(spy.size(), count + 2);
    QVERIFY(spy.last().at(0).toString().isEmpty());
    QVERIFY(spy.last().at(1).toString().isEmpty());
    QCOMPARE(m_map->cursor().shape(), Qt::ArrowCursor);
}

void MapViewTest::unitCallsignsShowAtCityZoomOnly() {
    MarkerTestModel units;
    units.add(QStringLiteral("u1"), 37.853, 112.579, 1, qQNaN(), QString(),
              QStringLiteral("TY-E01"));
    units.add(QStringLiteral("u2"), 37.80, 112.50, 1, qQNaN(), QString(), QStringLiteral("TY-L02"));
    m_map->setUnitModel(&units);
    m_map->setCenter(kTaiyuan);
    m_map->setZoomLevel(12);
    QTRY_VERIFY(m_map->placedLabelTexts().contains(QStringLiteral("TY-E01")));
    QVERIFY(m_map->placedLabelTexts().contains(QStringLiteral("TY-L02")));
    // Province zoom: thousands of units would be unreadable; clusters instead.
    m_map->setZoomLevel(8);
    QTRY_VERIFY(!m_map->placedLabelTexts().contains(QStringLiteral("TY-E01")));
    QVERIFY(!m_map->placedLabelTexts().contains(QStringLiteral("TY-L02")));
}

void MapViewTest::crowdedCallsignsDoNotOverlap() {
    // Forty units at ten stations a few hundred metres apart: labels give way, never overlap,
    // and a recommended (highlighted) unit keeps its label.
    MarkerTestModel units;
    for (int i = 0; i < 40; ++i) {
        units.add(QStringLiteral("u%1").arg(i), 37.85 + 0.003 * (i % 10), 112.56 + 0.002 * (i / 10),
                  1, qQNaN(), QString(), QStringLiteral("TY-E%1").arg(i, 2, 10, QLatin1Char('0')));
    }
    units.item(37)->setData(true, flameblue::map::test::HighlightedRole);
    m_map->setUnitModel(&units);
    m_map->setCenter(QGeoCoordinate(37.86, 112.563));
    m_map->setZoomLevel(13);
    QTRY_VERIFY(!m_map->placedLabelTexts().isEmpty());
    const QStringList placed = m_map->placedLabelTexts();
    QVERIFY(placed.contains(QStringLiteral("TY-E37")));
    QVERIFY2(placed.size() < 40, "every label placed: nothing was decluttered");
    QCOMPARE(QSet<QString>(placed.begin(), placed.end()).size(), placed.size());
}

void MapViewTest::placeNamesFollowTheLanguage() {
    m_map->setBasemapDirectory(QStringLiteral(FLAMEBLUE_BASEMAP_DIR));
    QTRY_VERIFY_WITH_TIMEOUT(m_map->basemapLoaded(), 10000);
    m_map->setCenter(kShanxi);
    m_map->setZoomLevel(7);
    QTRY_VERIFY(m_map->placedLabelTexts().contains(QStringLiteral("太原市")));
    QVERIFY(!m_map->placedLabelTexts().contains(QStringLiteral("Taiyuan")));
    QSignalSpy spy(m_map, &MapView::languageChanged);
    m_map->setLanguage(QStringLiteral("en"));
    QCOMPARE(spy.size(), 1);
    QTRY_VERIFY(m_map->placedLabelTexts().contains(QStringLiteral("Taiyuan")));
    QVERIFY(m_map->placedLabelTexts().contains(QStringLiteral("Datong")));
    QVERIFY(!m_map->placedLabelTexts().contains(QStringLiteral("太原市")));
    m_map->setLanguage(QStringLiteral("zh_CN"));
    QTRY_VERIFY(m_map->placedLabelTexts().contains(QStringLiteral("太原市")));
}

void MapViewTest::settingTheCameraStopsAZoomInFlight() {
    // A wheel notch starts an animated zoom; the application then sets the camera itself
    // (e.g. back to the whole province): the animation must not carry on over it.
    QWheelEvent wheel(QPointF(700, 200), m_window->mapToGlobal(QPointF(700, 200)), QPoint(),
                      QPoint(0, 360), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(m_window.get(), &wheel);
    QVERIFY(zoomAnimationRunning(m_map));
    // Set the camera from the animation's first step: the zoom has moved and is still in flight.
    bool cameraSet = false;
    double zoomInFlight = 0.0;
    const QMetaObject::Connection step = connect(m_map, &MapView::zoomLevelChanged, this, [&] {
        if (cameraSet)
            return;
        cameraSet = true;
        zoomInFlight = m_map->zoomLevel();
        QVERIFY(zoomAnimationRunning(m_map));
        m_map->setCenter(kShanxi);
        m_map->setZoomLevel(7);
    });
    QTRY_VERIFY_WITH_TIMEOUT(cameraSet, 60000);
    disconnect(step);
    QVERIFY2(zoomInFlight > 7.0, qPrintable(QString::number(zoomInFlight)));
    QVERIFY(!zoomAnimationRunning(m_map));  // stopped: it cannot move the camera any more
    QCOMPARE(m_map->zoomLevel(), 7.0);
    QVERIFY(pixelDistance(m_map->fromCoordinate(kShanxi), QPointF(500, 350)) < 1e-6);
}

void MapViewTest::labelAtlasForgetsCallsignsNoLongerShown() {
    // A day of air traffic: 100 callsigns on screen at a time, 3,000 different ones in all.
    using flameblue::map::LabelAtlas;
    using flameblue::map::LabelStyle;
    LabelAtlas atlas;
    const QString city = LabelAtlas::key(LabelStyle::City, QStringLiteral("太原市"));
    int tallest = 0;
    for (int wave = 0; wave < 30; ++wave) {
        QSet<QString> keys{city};
        for (int i = 0; i < 100; ++i) {
            keys.insert(LabelAtlas::key(
                LabelStyle::Callsign,
                QStringLiteral("CES%1").arg(wave * 100 + i, 4, 10, QLatin1Char('0'))));
        }
        QVERIFY(atlas.ensure(keys, 1.0));
        for (const QString& k : keys) {
            QVERIFY2(atlas.find(k) != nullptr, qPrintable(k));
        }
        QVERIFY(atlas.size() <= LabelAtlas::kMaxEntries);
        tallest = std::max(tallest, atlas.image().height());
        QVERIFY(!atlas.ensure(keys, 1.0));  // nothing new: no rebuild
    }
    // Older callsigns went; the image stays the size of about kMaxEntries labels.
    QVERIFY(atlas.find(LabelAtlas::key(LabelStyle::Callsign, QStringLiteral("CES0000"))) ==
            nullptr);
    QVERIFY(atlas.size() < LabelAtlas::kMaxEntries);
    QVERIFY2(tallest < 3000, qPrintable(QString::number(tallest)));
}

QTEST_MAIN(MapViewTest)
#include "map_view_test.moc"

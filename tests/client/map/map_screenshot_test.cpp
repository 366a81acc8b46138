// Renders the real base map with a few hundred synthetic markers at province zoom (7, over
// Shanxi) and city zoom (12, Taiyuan) under Xvfb/OpenGL, writes the PNGs to
// <build>/tests/artifacts and checks they are drawn: colour variance, land fills where Shanxi
// and Hebei are, markers present. Also the raster layer from an XYZ folder and an MBTiles file.
#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <cmath>
#include <memory>
#include <random>

#include "../support/frame_wait.h"
#include "map/map_palette.h"
#include "map/map_view.h"
#include "marker_test_model.h"

using flameblue::map::MapPalette;
using flameblue::map::MapView;
using flameblue::map::test::MarkerTestModel;

namespace {

struct City {
    double lat;
    double lon;
};
// The eleven city seats (data/basemap/city_seats.geojson).
const City kCities[] = {{37.86944, 112.56028}, {40.09361, 113.29139}, {37.8575, 113.56333},
                        {36.18389, 113.10528}, {35.50222, 112.83278}, {39.33009, 112.42653},
                        {37.68403, 112.75471}, {35.02306, 110.99278}, {38.40917, 112.73333},
                        {36.08889, 111.51889}, {37.52356, 111.12796}};
const QStringList kIncidentTypes = {
    QStringLiteral("building_fire"),      QStringLiteral("forest_grassland_fire"),
    QStringLiteral("hazmat_leak"),        QStringLiteral("traffic_accident"),
    QStringLiteral("flood_water_rescue"), QStringLiteral("high_rise_fire")};
const QStringList kStationClasses = {QStringLiteral("special_service"), QStringLiteral("class1"),
                                     QStringLiteral("forest_grassland"),
                                     QStringLiteral("chemical_park"), QStringLiteral("small")};

double colourDistance(QRgb a, QRgb b) {
    return std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) +
           std::abs(qBlue(a) - qBlue(b));
}

double luminanceVariance(const QImage& image) {
    double sum = 0.0;
    double sumSquares = 0.0;
    int n = 0;
    for (int y = 0; y < image.height(); y += 3) {
        for (int x = 0; x < image.width(); x += 3) {
            const double l = qGray(image.pixel(x, y));
            sum += l;
            sumSquares += l * l;
            ++n;
        }
    }
    const double mean = sum / n;
    return sumSquares / n - mean * mean;
}

int countColour(const QImage& image, const QColor& colour, double tolerance) {
    int n = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            if (colourDistance(image.pixel(x, y), colour.rgb()) <= tolerance) {
                ++n;
            }
        }
    }
    return n;
}

QString artifactPath(const QString& name) {
    QDir().mkpath(QStringLiteral(FLAMEBLUE_ARTIFACT_DIR));
    return QStringLiteral(FLAMEBLUE_ARTIFACT_DIR "/") + name;
}

}  // namespace

class MapScreenshotTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void provinceZoom();
    void cityZoom();
    void rasterFromXyzFolder();
    void rasterFromMbTiles();
    void contextTraffic();

private:
    void fillModels();
    QImage grab(const QString& name);

    std::unique_ptr<QQuickWindow> m_window;
    MapView* m_map = nullptr;
    MarkerTestModel m_units;
    MarkerTestModel m_stations;
    MarkerTestModel m_incidents;
    MarkerTestModel m_water;
    MarkerTestModel m_aircraft;
    MarkerTestModel m_traffic;
};

void MapScreenshotTest::initTestCase() {
    m_window = std::make_unique<QQuickWindow>();
    m_window->resize(1280, 800);
    m_map = new MapView(m_window->contentItem());
    m_map->setSize(QSizeF(1280, 800));
    fillModels();
    m_map->setUnitModel(&m_units);
    m_map->setStationModel(&m_stations);
    m_map->setIncidentModel(&m_incidents);
    m_map->setWaterModel(&m_water);
    m_map->setAircraftModel(&m_aircraft);
    m_map->setBasemapDirectory(QStringLiteral(FLAMEBLUE_BASEMAP_DIR));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_map->basemapLoaded(), 10000);
    qInfo("graphics API: %d (OpenGL = %d)",
          static_cast<int>(m_window->rendererInterface()->graphicsApi()),
          static_cast<int>(QSGRendererInterface::OpenGL));
}

void MapScreenshotTest::cleanupTestCase() {
    m_window.reset();
}

void MapScreenshotTest::fillModels() {
    std::mt19937 random(20240611);
    std::normal_distribution<double> near(0.0, 0.05);
    std::uniform_int_distribution<int> status(1, 6);
    std::uniform_real_distribution<double> heading(0.0, 360.0);
    int n = 0;
    for (const City& city : kCities) {
        const int units = n == 0 ? 120 : 25;  // Taiyuan is the busiest
        for (int i = 0; i < units; ++i, ++n) {
            const int s = status(random);
            m_units.add(QStringLiteral("U%1").arg(n), city.lat + near(random),
                        city.lon + near(random), s, s == 3 || s == 5 ? heading(random) : qQNaN(),
                        QStringLiteral("engine"));
        }
        for (int i = 0; i < 4; ++i) {
            m_stations.add(QStringLiteral("S%1-%2").arg(n).arg(i), city.lat + near(random),
                           city.lon + near(random), 0, qQNaN(),
                           kStationClasses[static_cast<int>(random() % kStationClasses.size())]);
            m_water.add(QStringLiteral("W%1-%2").arg(n).arg(i), city.lat + near(random),
                        city.lon + near(random), 0, qQNaN(),
                        i % 2 == 0 ? QStringLiteral("hydrant") : QStringLiteral("reservoir"));
        }
        for (int i = 0; i < 2; ++i) {
            QStandardItem* incident = m_incidents.add(
                QStringLiteral("I%1-%2").arg(n).arg(i), city.lat + near(random),
                city.lon + near(random), 1 + static_cast<int>(random() % 3), qQNaN(),
                kIncidentTypes[static_cast<int>(random() % kIncidentTypes.size())]);
            incident->setData(1 + static_cast<int>(random() % 4), flameblue::map::test::LevelRole);
        }
    }
    // Units recommended for an incident in Taiyuan: highlighted.
    for (int row : {3, 17, 42}) {
        m_units.item(row)->setData(true, flameblue::map::test::HighlightedRole);
    }
    const QStringList callsigns = {QStringLiteral("B-7315"), QStringLiteral("B-70AC"),
                                   QStringLiteral("SX-Y01"), QStringLiteral("B-7611"),
                                   QStringLiteral("SX-H02"), QStringLiteral("B-10GK")};
    for (int i = 0; i < callsigns.size(); ++i) {
        const City& c = kCities[i * 2 % 11];
        const double h = heading(random);
        QList<QGeoCoordinate> trail;
        const double rad = h * M_PI / 180.0;
        for (int k = 12; k >= 0; --k) {
            // Behind the aircraft, curving a little.
            trail.append(QGeoCoordinate(c.lat + 0.12 - std::cos(rad) * k * 0.02 + k * k * 0.0006,
                                        c.lon + 0.15 - std::sin(rad) * k * 0.025));
        }
        QStandardItem* plane =
            m_aircraft.add(callsigns[i], trail.last().latitude(), trail.last().longitude(),
                           i % 2 == 0 ? 3 : 4, h, QStringLiteral("helicopter"), callsigns[i]);
        plane->setData(MarkerTestModel::trail(trail), flameblue::map::test::TrailRole);
    }
}

QImage MapScreenshotTest::grab(const QString& name) {
    if (!flameblue::testing::waitForFrame(m_window.get())) {
        qWarning("no frame drawn before %s", qPrintable(name));
    }
    QImage image = m_window->grabWindow();
    if (!image.save(artifactPath(name))) {
        qWarning("could not write %s", qPrintable(artifactPath(name)));
    }
    return image;
}

void MapScreenshotTest::provinceZoom() {
    m_map->setCenter(QGeoCoordinate(37.6, 112.3));
    m_map->setZoomLevel(7);
    const QImage image = grab(QStringLiteral("map_province_z7.png"));
    QCOMPARE(image.size(), QSize(1280, 800));
    QVERIFY2(luminanceVariance(image) > 50.0, "the image is (nearly) blank");
    const QRgb background = MapPalette::background().rgb();
    // Shanxi land (between Lüliang and Linfen, no city or marker), Hebei land, and Taiyuan.
    const QPoint shanxi = m_map->fromCoordinate(QGeoCoordinate(36.75, 111.35)).toPoint();
    const QPoint hebei = m_map->fromCoordinate(QGeoCoordinate(38.3, 115.3)).toPoint();
    const QPoint taiyuan = m_map->fromCoordinate(QGeoCoordinate(37.86944, 112.56028)).toPoint();
    QVERIFY(colourDistance(image.pixel(shanxi), MapPalette::homeLand().rgb()) < 12);
    QVERIFY(colourDistance(image.pixel(hebei), MapPalette::neighbourLand().rgb()) < 12);
    QVERIFY(colourDistance(image.pixel(taiyuan), background) > 30);
    QVERIFY(colourDistance(image.pixel(shanxi), image.pixel(hebei)) > 15);
    // Unit clusters are drawn, in status colours.
    int statusPixels = 0;
    for (int status = 1; status <= 6; ++status) {
        statusPixels += countColour(image, MapPalette::unitStatusColor(status), 30);
    }
    QVERIFY(statusPixels > 200);
}

void MapScreenshotTest::cityZoom() {
    m_map->setCenter(QGeoCoordinate(37.86944, 112.56028));
    m_map->setZoomLevel(12);
    const QImage image = grab(QStringLiteral("map_city_z12_taiyuan.png"));
    QVERIFY2(luminanceVariance(image) > 50.0, "the image is (nearly) blank");
    // All of Taiyuan's 120 units stand alone at this zoom: many status colours show.
    for (int status = 1; status <= 5; ++status) {
        QVERIFY2(countColour(image, MapPalette::unitStatusColor(status), 30) > 10,
                 qPrintable(QStringLiteral("status %1 not drawn").arg(status)));
    }
    QVERIFY(countColour(image, MapPalette::homeLand(), 6) > 10000);
    m_map->setZoomLevel(9.5);
    grab(QStringLiteral("map_region_z9_5.png"));
}

void MapScreenshotTest::rasterFromXyzFolder() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QColor tileColour(0x33, 0x99, 0x66);
    m_map->setCenter(QGeoCoordinate(37.6, 112.3));
    m_map->setZoomLevel(7);
    // Every zoom-7 tile around Shanxi, solid colour with a darker edge.
    for (int x = 100; x <= 110; ++x) {
        for (int y = 44; y <= 54; ++y) {
            QImage tile(256, 256, QImage::Format_RGB32);
            tile.fill(tileColour);
            QDir().mkpath(dir.path() + QStringLiteral("/7/%1").arg(x));
            QVERIFY(tile.save(dir.path() + QStringLiteral("/7/%1/%2.png").arg(x).arg(y)));
        }
    }
    m_map->setTileSource(QStringLiteral("file://") + dir.path() +
                         QStringLiteral("/{z}/{x}/{y}.png"));
    const QPoint shanxi = m_map->fromCoordinate(QGeoCoordinate(36.75, 111.35)).toPoint();
    QTRY_VERIFY_WITH_TIMEOUT(
        colourDistance(m_window->grabWindow().pixel(shanxi), tileColour.rgb()) < 10, 5000);
    grab(QStringLiteral("map_raster_xyz_z7.png"));
    m_map->setTileSource(QString());
    QTRY_VERIFY(colourDistance(m_window->grabWindow().pixel(shanxi), MapPalette::homeLand().rgb()) <
                12);
}

void MapScreenshotTest::rasterFromMbTiles() {
    QTemporaryDir dir;
    const QString path = dir.path() + QStringLiteral("/test.mbtiles");
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db,
                          "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
                          "tile_row INTEGER, tile_data BLOB)",
                          nullptr, nullptr, nullptr),
             SQLITE_OK);
    const QColor tileColour(0x88, 0x44, 0xaa);
    QImage tile(256, 256, QImage::Format_RGB32);
    tile.fill(tileColour);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    tile.save(&buffer, "PNG");
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO tiles VALUES (?1, ?2, ?3, ?4)", -1, &insert, nullptr);
    for (int x = 100; x <= 110; ++x) {
        for (int y = 44; y <= 54; ++y) {
            sqlite3_bind_int(insert, 1, 7);
            sqlite3_bind_int(insert, 2, x);
            sqlite3_bind_int(insert, 3, (1 << 7) - 1 - y);  // TMS rows
            sqlite3_bind_blob(insert, 4, png.constData(), static_cast<int>(png.size()),
                              SQLITE_TRANSIENT);
            QCOMPARE(sqlite3_step(insert), SQLITE_DONE);
            sqlite3_reset(insert);
        }
    }
    sqlite3_finalize(insert);
    sqlite3_close(db);
    m_map->setCenter(QGeoCoordinate(37.6, 112.3));
    m_map->setZoomLevel(7);
    m_map->setTileSource(path);
    const QPoint shanxi = m_map->fromCoordinate(QGeoCoordinate(36.75, 111.35)).toPoint();
    QTRY_VERIFY_WITH_TIMEOUT(
        colourDistance(m_window->grabWindow().pixel(shanxi), tileColour.rgb()) < 10, 5000);
    m_map->setTileSource(QString());
}

void MapScreenshotTest::contextTraffic() {
    // Airliners around Taiyuan Wusu: off until the layer is switched on, then small grey
    // aircraft with their callsigns, unlike the fleet's status-coloured ones.
    const QStringList callsigns = {QStringLiteral("CES2145"), QStringLiteral("CSN3287"),
                                   QStringLiteral("CCA1502"), QStringLiteral("HXA7781")};
    for (int i = 0; i < callsigns.size(); ++i) {
        m_traffic.add(QStringLiteral("78%1a0").arg(i), 37.70 + 0.06 * i, 112.55 + 0.09 * i, 0,
                      40.0 + 70.0 * i, QStringLiteral("fixed_wing"), callsigns[i]);
    }
    m_map->setTrafficModel(&m_traffic);
    m_map->setCenter(QGeoCoordinate(37.80, 112.68));
    m_map->setZoomLevel(10);
    QVERIFY(!m_map->showTraffic());
    const QImage off = grab(QStringLiteral("map_traffic_off.png"));
    const QColor grey = MapPalette::traffic();
    const int greyBefore = countColour(off, grey, 8);

    m_map->setShowTraffic(true);  // what the layer toggle does
    const QImage on = grab(QStringLiteral("map_traffic_on.png"));
    const int greyAfter = countColour(on, grey, 8);
    QVERIFY2(greyAfter > greyBefore + 40,
             qPrintable(QStringLiteral("grey pixels %1 -> %2").arg(greyBefore).arg(greyAfter)));
    // Each aircraft is drawn where it is.
    for (int i = 0; i < callsigns.size(); ++i) {
        const QPoint p =
            m_map->fromCoordinate(QGeoCoordinate(37.70 + 0.06 * i, 112.55 + 0.09 * i)).toPoint();
        int near = 0;
        for (int dy = -4; dy <= 4; ++dy) {
            for (int dx = -4; dx <= 4; ++dx) {
                near += colourDistance(on.pixel(p.x() + dx, p.y() + dy), grey.rgb()) <= 8 ? 1 : 0;
            }
        }
        QVERIFY2(near > 3, qPrintable(callsigns[i]));
    }
    m_map->setShowTraffic(false);
    const QImage again = grab(QStringLiteral("map_traffic_off_again.png"));
    QCOMPARE(countColour(again, grey, 8), greyBefore);
}

QTEST_MAIN(MapScreenshotTest)
#include "map_screenshot_test.moc"

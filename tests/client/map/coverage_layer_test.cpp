// The coverage layer over the real base map: the Shanxi coverage grid computed by the server's
// own code (every engine of the demo roster in quarters), drawn at province zoom and at city zoom
// over Taiyuan with the first-due areas, then with Taiyuan's Special Service Station 1 emptied.
// Writes the PNGs to <build>/tests/artifacts and checks the bands are drawn where they belong.
#include <QDir>
#include <QImage>
#include <QQuickWindow>
#include <QTest>

#include <cmath>
#include <memory>

#include "../support/frame_wait.h"
#include "data/dataset.h"
#include "dispatch/travel_model_config.h"
#include "map/coverage_layer.h"
#include "map/map_view.h"
#include "reports/coverage_grid.h"

using flameblue::map::CoverageLayer;
using flameblue::map::MapView;
namespace reports = flameblue::reports;
namespace dispatch = flameblue::dispatch;

namespace {

QString artifactPath(const QString& name) {
    QDir().mkpath(QStringLiteral(FLAMEBLUE_ARTIFACT_DIR));
    return QStringLiteral(FLAMEBLUE_ARTIFACT_DIR "/") + name;
}

int countNear(const QImage& image, const QColor& colour, int tolerance) {
    int n = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            const QRgb p = image.pixel(x, y);
            if (std::abs(qRed(p) - colour.red()) + std::abs(qGreen(p) - colour.green()) +
                    std::abs(qBlue(p) - colour.blue()) <=
                tolerance) {
                ++n;
            }
        }
    }
    return n;
}

}  // namespace

class CoverageLayerTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void provinceAndCity();

private:
    void push(const reports::CoverageGrid& grid);
    QImage grab(const QString& name);

    std::unique_ptr<QQuickWindow> m_window;
    MapView* m_map = nullptr;
    CoverageLayer* m_layer = nullptr;
    std::unique_ptr<flameblue::data::Dataset> m_data;
    std::unique_ptr<dispatch::TravelModelConfig> m_config;
};

void CoverageLayerTest::initTestCase() {
    auto data = flameblue::data::loadDataset(FLAMEBLUE_DATA_DIR);
    QVERIFY2(data.has_value(), "the demo data set loads");
    m_data = std::make_unique<flameblue::data::Dataset>(std::move(data).value());
    auto config = dispatch::loadTravelModelConfig(FLAMEBLUE_DATA_DIR, *m_data);
    QVERIFY(config.has_value());
    m_config = std::make_unique<dispatch::TravelModelConfig>(std::move(config).value());

    m_window = std::make_unique<QQuickWindow>();
    m_window->resize(1280, 800);
    m_map = new MapView(m_window->contentItem());
    m_map->setSize(QSizeF(1280, 800));
    m_map->setBasemapDirectory(QStringLiteral(FLAMEBLUE_DATA_DIR "/basemap"));
    m_layer = new CoverageLayer(m_map);
    m_layer->setSize(QSizeF(1280, 800));
    m_layer->setMap(m_map);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_map->basemapLoaded(), 10000);
}

void CoverageLayerTest::push(const reports::CoverageGrid& grid) {
    const reports::ProvinceGrid& g = grid.grid();
    QByteArray bytes(2 * g.rows() * g.cols(), '\xff');
    for (std::size_t c = 0; c < g.size(); ++c) {
        const float t = grid.seconds()[c];
        const auto s = t == reports::CoverageGrid::kUnreached
                           ? 0xFFFE
                           : static_cast<int>(std::min(65533.0, std::ceil(static_cast<double>(t))));
        bytes[static_cast<qsizetype>(2 * g.boxIndex(c))] = static_cast<char>(s & 0xFF);
        bytes[static_cast<qsizetype>(2 * g.boxIndex(c) + 1)] = static_cast<char>(s >> 8);
    }
    m_layer->setGrid(g.rows(), g.cols(), g.minLat(), g.minLon(), g.latStep(), g.lonStep(), bytes);
}

QImage CoverageLayerTest::grab(const QString& name) {
    flameblue::testing::waitForFrame(m_window.get());
    QImage image = m_window->grabWindow();
    image.save(artifactPath(name));
    return image;
}

void CoverageLayerTest::provinceAndCity() {
    const dispatch::GroundTravelModel model(m_config->ground);
    auto province = std::make_shared<const reports::ProvinceGrid>(m_data->serviceArea.rings(), 1.0);
    reports::CoverageGrid grid(
        province, model,
        {m_config->coverage.circleSeconds, m_config->ground.maxDistanceKm * 1000.0});
    std::vector<reports::CoverageUnit> units;
    QVariantList areas;
    for (const auto& u : m_data->units) {
        const auto* station = m_data->findStation(u.spec.stationId);
        const auto& caps = u.spec.capabilities;
        if (!station || u.spec.kind != flameblue::core::UnitKind::Ground ||
            std::find(caps.begin(), caps.end(), m_config->coverage.capability) == caps.end()) {
            continue;
        }
        dispatch::TravelSubject subject;
        subject.unitType = u.spec.unitType;
        subject.stationClass = station->stationClass;
        units.push_back(
            {u.spec.id, station->id, true, station->position, model.startDelaySeconds(subject)});
    }
    for (const auto& s : m_data->stations) {
        if (!m_config->coverage.covers(s.stationClass)) {
            continue;
        }
        dispatch::TravelSubject subject;
        subject.stationClass = s.stationClass;
        QVariantList ring;
        for (const auto& p :
             reports::reachOutline(model, s.position, model.startDelaySeconds(subject),
                                   m_config->coverage.circleSeconds)) {
            ring << QVariantMap{{QStringLiteral("lat"), p.latDeg},
                                {QStringLiteral("lon"), p.lonDeg}};
        }
        areas << QVariant(ring);
    }
    grid.setUnits(units);
    push(grid);
    m_layer->setFirstDueAreas(areas);
    QVERIFY(m_layer->cellCount() > 150000);
    QCOMPARE(m_layer->legend().size(), 7);

    m_map->setCenter(QGeoCoordinate(37.6, 112.3));
    m_map->setZoomLevel(7);
    const QImage province1 = grab(QStringLiteral("coverage_province.png"));
    // Most of the province is far from a station: the slow bands dominate, the circle is small.
    const int slow = countNear(province1, QColor(0xd7, 0x30, 0x27), 90) +
                     countNear(province1, QColor(0xfc, 0x8d, 0x59), 90) +
                     countNear(province1, QColor(0xfe, 0xe0, 0x8b), 90);
    QVERIFY2(slow > 5000, qPrintable(QStringLiteral("slow bands drawn: %1").arg(slow)));

    // Taiyuan at city zoom: the circles around the stations and their outlines.
    m_map->setCenter(QGeoCoordinate(37.83, 112.56));
    m_map->setZoomLevel(11);
    const QImage city = grab(QStringLiteral("coverage_taiyuan.png"));
    const QColor green(0x1a, 0x98, 0x50);
    const int greenBefore = countNear(city, green, 110);
    QVERIFY2(greenBefore > 500, qPrintable(QStringLiteral("circle drawn: %1").arg(greenBefore)));

    // Special Service Station 1 emptied by a big incident: its circle turns slow at once.
    for (const auto& u : std::vector<reports::CoverageUnit>(grid.units())) {
        if (u.stationId == "TY-S01" || u.stationId == "TY-A01" || u.stationId == "TY-A02") {
            auto off = u;
            off.counts = false;
            grid.update(off);
        }
    }
    push(grid);
    const QImage emptied = grab(QStringLiteral("coverage_taiyuan_emptied.png"));
    const int greenAfter = countNear(emptied, green, 110);
    QVERIFY2(greenAfter < greenBefore,
             qPrintable(QStringLiteral("green %1 -> %2").arg(greenBefore).arg(greenAfter)));
}

QTEST_MAIN(CoverageLayerTest)
#include "coverage_layer_test.moc"

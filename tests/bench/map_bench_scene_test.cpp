// map_bench's baseline does the map's work the naive way, no more and no less: the same fleet,
// the same rows moved per frame, the same camera. Runs under Xvfb like the map's own tests.
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QtTest>

#include <memory>
#include <vector>

#include "map_bench_scene.h"

using flameblue::bench::BenchModel;
using flameblue::bench::OneHertzMover;

class MapBenchSceneTest : public QObject {
    Q_OBJECT

private:
    struct Scene {
        BenchModel units;
        BenchModel aircraft;
        QQmlEngine engine;
        std::unique_ptr<QQuickItem> root;
        std::unique_ptr<QObject> layer;
    };

    static std::unique_ptr<Scene> makeScene() {
        auto scene = std::make_unique<Scene>();
        scene->units.reset(flameblue::bench::makeBenchUnits(42));
        scene->aircraft.reset(flameblue::bench::makeBenchAircraft(43));
        QQmlComponent component(&scene->engine);
        component.setData(flameblue::bench::naiveMarkersQml(), QUrl());
        scene->layer.reset(component.createWithInitialProperties(
            {{QStringLiteral("unitModel"), QVariant::fromValue(&scene->units)},
             {QStringLiteral("aircraftModel"), QVariant::fromValue(&scene->aircraft)}}));
        if (!scene->layer) {
            qWarning() << component.errorString();
            return nullptr;
        }
        scene->root = std::make_unique<QQuickItem>();
        qobject_cast<QQuickItem*>(scene->layer.get())->setParentItem(scene->root.get());
        flameblue::bench::setNaiveCamera(*scene->layer, QGeoCoordinate(37.6, 112.3), 8.5, 1280,
                                         800);
        return scene;
    }

    static std::vector<QQuickItem*> dots(const Scene& scene, const char* layer, const char* dot) {
        std::vector<QQuickItem*> out;
        auto* holder = scene.layer->findChild<QQuickItem*>(QLatin1String(layer));
        if (holder) {
            for (QQuickItem* child : holder->childItems()) {
                if (child->objectName() == QLatin1String(dot)) {
                    out.push_back(child);
                }
            }
        }
        return out;
    }

    static std::vector<QPointF> positions(const std::vector<QQuickItem*>& items) {
        std::vector<QPointF> out;
        for (const QQuickItem* item : items) {
            out.push_back(item->position());
        }
        return out;
    }

private slots:
    void drawsTheWholeFleetWhereTheModelPutsIt() {
        auto scene = makeScene();
        QVERIFY(scene);
        const auto units = dots(*scene, "unitLayer", "unitDot");
        QCOMPARE(static_cast<int>(units.size()), flameblue::bench::kMapBenchUnits);
        QCOMPARE(static_cast<int>(dots(*scene, "aircraftLayer", "aircraftDot").size()),
                 flameblue::bench::kMapBenchAircraft);
        // Same Web Mercator as the map: one reference-zoom pixel is 1/(256 * 2^8.5) of the world.
        const double world = 256.0 * std::pow(2.0, flameblue::bench::kNaiveReferenceZoom);
        for (int i : {0, 1234, 4999}) {
            const BenchModel::Row& row = scene->units.row(i);
            QCOMPARE(units[static_cast<size_t>(i)]->x() + 3, (row.lon + 180.0) / 360.0 * world);
        }
    }

    // The map moves about 83 of 5,000 units a frame at 60 frames/s; so must the baseline.
    void eachFrameMovesOnlyTheUnitsWhoseFixCame() {
        auto scene = makeScene();
        QVERIFY(scene);
        const auto units = dots(*scene, "unitLayer", "unitDot");
        OneHertzMover mover(scene->units, false);
        for (int frame = 0; frame < 5; ++frame) {
            const auto before = positions(units);
            const int moved = mover.advance(1.0 / 60.0);
            QCOMPARE(moved, 83);
            const auto after = positions(units);
            int changed = 0;
            for (size_t i = 0; i < units.size(); ++i) {
                changed += before[i] != after[i] ? 1 : 0;
            }
            QCOMPARE(changed, moved);
        }
    }

    // Following the camera is one transform, not a rebinding of every item.
    void theCameraMovesNoItem() {
        auto scene = makeScene();
        QVERIFY(scene);
        const auto units = dots(*scene, "unitLayer", "unitDot");
        const auto before = positions(units);
        flameblue::bench::setNaiveCamera(*scene->layer, QGeoCoordinate(38.1, 112.9), 9.7, 1280,
                                         800);
        QCOMPARE(positions(units), before);
        QCOMPARE(scene->layer->property("cameraScale").toDouble(), std::pow(2.0, 9.7 - 8.5));
    }
};

QTEST_MAIN(MapBenchSceneTest)
#include "map_bench_scene_test.moc"

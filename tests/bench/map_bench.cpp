// Map frame-time benchmark (run under Xvfb with the OpenGL RHI, e.g.
//   xvfb-run -a -s "-screen 0 1600x1000x24" ./map_bench
// ). Prints: start-up to a fully drawn province map, then three ~10 s runs of continuous
// panning and zooming over Shanxi, each frame timed from beforeSynchronizing to frameSwapped
// (sync + render), the interval between frames, and process CPU time per frame (all threads,
// Mesa llvmpipe's rasteriser threads included: robust when other work shares the machine):
//   1. MapView + 5,000 units moving at 1 Hz + 50 aircraft with 20-fix trails (ours),
//   2. the same map with no markers,
//   3. the baseline: the same map with no markers under a naive QML Repeater of one item per
//      unit and aircraft, fed the same data at the same rate (each unit one fix a second, about
//      83 per frame), following the same camera,
// and VmRSS after each. Target: median sync + render <= 16 ms for run 1, start-up <= 2 s.
// The last lines are the machine-readable summary (bench_summary.h).
#include <QElapsedTimer>
#include <QFile>
#include <QGeoCoordinate>
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "bench_summary.h"
#include "map/map_view.h"
#include "map_bench_scene.h"

namespace {

using flameblue::bench::BenchModel;
using flameblue::bench::OneHertzMover;
using flameblue::map::MapView;
// Seconds per run; MAP_BENCH_SECONDS overrides (quick experiments).
const double kRunSeconds = qEnvironmentVariableIsSet("MAP_BENCH_SECONDS")
                               ? qEnvironmentVariable("MAP_BENCH_SECONDS").toDouble()
                               : 10.0;
const QGeoCoordinate kShanxi(37.6, 112.3);

QElapsedTimer g_clock;  // started first thing in main

double nowMs() {
    return static_cast<double>(g_clock.nsecsElapsed()) / 1e6;
}

long vmRssKb() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').first().toLong();
        }
    }
    return -1;
}

struct FrameStats {
    std::vector<double> syncRender;  // beforeSynchronizing -> frameSwapped
    std::vector<double> interval;    // frameSwapped -> next frameSwapped
    double seconds = 0.0;
    double cpuMs = 0.0;  // process CPU time (all threads, llvmpipe's too) over the run
};

double processCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) {
        return 0.0;
    }
    std::sort(v.begin(), v.end());
    const auto i = static_cast<size_t>(std::clamp(p * (v.size() - 1), 0.0, v.size() - 1.0));
    return v[i];
}

// Frame timing hooks; render-thread signals connect directly.
class FrameClock {
public:
    explicit FrameClock(QQuickWindow* window) {
        QObject::connect(
            window, &QQuickWindow::beforeSynchronizing, window, [this] { m_sync.store(nowMs()); },
            Qt::DirectConnection);
        QObject::connect(
            window, &QQuickWindow::frameSwapped, window,
            [this] {
                const double t = nowMs();
                const std::lock_guard lock(m_mutex);
                ++m_frames;
                if (m_recording) {
                    m_stats.syncRender.push_back(t - m_sync.load());
                    if (m_lastSwap > 0.0) {
                        m_stats.interval.push_back(t - m_lastSwap);
                    }
                    m_lastSwap = t;
                }
            },
            Qt::DirectConnection);
    }
    void start() {
        const std::lock_guard lock(m_mutex);
        m_stats = {};
        m_lastSwap = 0.0;
        m_recording = true;
    }
    FrameStats stop() {
        const std::lock_guard lock(m_mutex);
        m_recording = false;
        return m_stats;
    }
    long frames() {
        const std::lock_guard lock(m_mutex);
        return m_frames;
    }

private:
    std::atomic<double> m_sync{0.0};
    double m_lastSwap = 0.0;
    std::mutex m_mutex;
    bool m_recording = false;
    long m_frames = 0;
    FrameStats m_stats;
};

void waitUntil(const std::function<bool()>& done, double timeoutMs) {
    const double end = nowMs() + timeoutMs;
    while (!done() && nowMs() < end) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
}

// Drives the camera (and whatever `perFrame` moves) every frame for kRunSeconds.
FrameStats run(QQuickWindow& window, MapView& map, FrameClock& clock,
               const std::function<void(double)>& perFrame) {
    const double start = nowMs();
    const double cpuStart = processCpuMs();
    clock.start();
    auto connection = QObject::connect(&window, &QQuickWindow::afterAnimating, &map, [&] {
        const double t = (nowMs() - start) / 1000.0;
        // Pan in a 0.6-degree circle while zooming 7..10 and back (crossing the cluster zoom).
        map.setCenter(QGeoCoordinate(kShanxi.latitude() + 0.6 * std::sin(t * 2 * M_PI / 7.0),
                                     kShanxi.longitude() + 0.6 * std::cos(t * 2 * M_PI / 7.0)));
        map.setZoomLevel(8.5 + 1.5 * std::sin(t * 2 * M_PI / 5.0));
        perFrame(t);
        window.update();
    });
    window.update();
    waitUntil([&] { return nowMs() - start >= kRunSeconds * 1000.0; }, kRunSeconds * 1000.0 + 5000);
    QObject::disconnect(connection);
    FrameStats stats = clock.stop();
    stats.seconds = (nowMs() - start) / 1000.0;
    stats.cpuMs = processCpuMs() - cpuStart;
    return stats;
}

void report(const char* name, const FrameStats& s) {
    const double frames = std::max<double>(1.0, static_cast<double>(s.syncRender.size()));
    std::printf(
        "%s\n    frames %zu in %.1f s (%.1f fps)  sync+render median %.2f ms p99 %.2f ms  "
        "frame interval median %.2f ms p99 %.2f ms  CPU %.1f ms/frame  VmRSS %ld MB\n",
        name, s.syncRender.size(), s.seconds, s.syncRender.size() / s.seconds,
        percentile(s.syncRender, 0.5), percentile(s.syncRender, 0.99), percentile(s.interval, 0.5),
        percentile(s.interval, 0.99), s.cpuMs / frames, vmRssKb() / 1024);
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char* argv[]) {
    g_clock.start();
    if (qEnvironmentVariableIsEmpty("QSG_RHI_BACKEND")) {
        qputenv("QSG_RHI_BACKEND", "opengl");
    }
    QGuiApplication app(argc, argv);
    QQuickWindow window;
    window.resize(1280, 800);
    FrameClock clock(&window);
    auto* map = new MapView(window.contentItem());
    map->setSize(QSizeF(1280, 800));
    map->setCenter(kShanxi);
    map->setZoomLevel(7);
    const double loadStart = nowMs();
    map->setBasemapDirectory(QStringLiteral(FLAMEBLUE_BASEMAP_DIR));
    window.show();
    double loadedAt = -1.0;
    QObject::connect(map, &MapView::basemapLoadedChanged, [&] { loadedAt = nowMs(); });
    long framesAtLoad = -1;
    waitUntil(
        [&] {
            if (loadedAt > 0 && framesAtLoad < 0) {
                framesAtLoad = clock.frames();
            }
            return framesAtLoad >= 0 && clock.frames() > framesAtLoad;
        },
        20000);
    const double drawnAt = nowMs();
    if (!map->basemapLoaded()) {
        std::fprintf(stderr, "base map did not load: %s\n", qPrintable(map->basemapError()));
        return 1;
    }
    std::printf("graphics API %d (OpenGL=%d), QSG_RENDER_LOOP=%s, window 1280x800\n",
                static_cast<int>(window.rendererInterface()->graphicsApi()),
                static_cast<int>(QSGRendererInterface::OpenGL),
                qEnvironmentVariableIsEmpty("QSG_RENDER_LOOP")
                    ? "(default)"
                    : qPrintable(qEnvironmentVariable("QSG_RENDER_LOOP")));
    std::printf(
        "start-up: process start to fully drawn province map %.0f ms "
        "(base map load in worker %.0f ms), VmRSS %ld MB\n",
        drawnAt, loadedAt - loadStart, vmRssKb() / 1024);

    BenchModel units;
    BenchModel aircraft;
    units.reset(flameblue::bench::makeBenchUnits(42));
    aircraft.reset(flameblue::bench::makeBenchAircraft(43));
    map->setUnitModel(&units);
    map->setAircraftModel(&aircraft);
    // 1 Hz: each frame moves the units (and aircraft) whose turn has come this second.
    OneHertzMover unitMover(units, false);
    OneHertzMover aircraftMover(aircraft, true);
    double lastT = 0.0;
    const FrameStats ours = run(window, *map, clock, [&](double t) {
        const double dt = t - lastT;
        lastT = t;
        unitMover.advance(dt);
        aircraftMover.advance(dt);
    });
    report("1. MapView + 5,000 units @1 Hz + 50 aircraft w/ trails", ours);
    const double oursMovedPerSecond = static_cast<double>(unitMover.moved()) / ours.seconds;

    if (qEnvironmentVariableIsSet("MAP_BENCH_ONLY_OURS")) {  // for profiling
        return 0;
    }
    map->setUnitModel(nullptr);
    map->setAircraftModel(nullptr);
    if (qEnvironmentVariableIsSet("MAP_BENCH_NO_BASEMAP")) {
        map->setShowBasemap(false);
    }
    const FrameStats empty = run(window, *map, clock, [](double) {});
    report("2. MapView, no markers", empty);

    // The baseline: fresh copies of the same fleet, moved by the same 1 Hz schedule.
    BenchModel naiveUnits;
    BenchModel naiveAircraft;
    naiveUnits.reset(flameblue::bench::makeBenchUnits(42));
    naiveAircraft.reset(flameblue::bench::makeBenchAircraft(43));
    QQmlEngine engine;
    QQmlComponent component(&engine);
    component.setData(flameblue::bench::naiveMarkersQml(), QUrl());
    std::unique_ptr<QObject> naive(component.createWithInitialProperties(
        {{QStringLiteral("unitModel"), QVariant::fromValue(&naiveUnits)},
         {QStringLiteral("aircraftModel"), QVariant::fromValue(&naiveAircraft)}}));
    if (!naive) {
        std::fprintf(stderr, "%s\n", qPrintable(component.errorString()));
        return 1;
    }
    auto* naiveItem = qobject_cast<QQuickItem*>(naive.get());
    naiveItem->setParentItem(window.contentItem());
    naiveItem->setSize(QSizeF(1280, 800));
    OneHertzMover naiveUnitMover(naiveUnits, false);
    OneHertzMover naiveAircraftMover(naiveAircraft, true);
    lastT = 0.0;
    const FrameStats repeater = run(window, *map, clock, [&](double t) {
        const double dt = t - lastT;
        lastT = t;
        naiveUnitMover.advance(dt);
        naiveAircraftMover.advance(dt);
        flameblue::bench::setNaiveCamera(*naiveItem, map->center(), map->zoomLevel(), 1280, 800);
    });
    report("3. baseline: MapView, no markers + naive QML Repeater, same fleet @1 Hz", repeater);
    const double naiveMovedPerSecond =
        static_cast<double>(naiveUnitMover.moved()) / repeater.seconds;
    naive.reset();

    std::printf("unit fixes applied per second: ours %.0f, baseline %.0f\n", oursMovedPerSecond,
                naiveMovedPerSecond);
    const double median = percentile(ours.syncRender, 0.5);
    std::printf(
        "summary: ours median %.2f ms (target <= 16: %s), start-up %.0f ms "
        "(target <= 2000: %s)\n",
        median, median <= 16.0 ? "met" : "MISSED", drawnAt, drawnAt <= 2000.0 ? "met" : "MISSED");

    using flameblue::bench::format;
    using flameblue::bench::summaryLine;
    const auto perFrameCpu = [](const FrameStats& s) {
        return s.cpuMs / std::max<double>(1.0, static_cast<double>(s.syncRender.size()));
    };
    const auto fps = [](const FrameStats& s) {
        return static_cast<double>(s.syncRender.size()) / std::max(s.seconds, 1e-9);
    };
    summaryLine("map_bench", "frame sync+render median, 5,000 units @1 Hz + 50 aircraft",
                format("%.2f ms", median), format("%.2f ms", percentile(repeater.syncRender, 0.5)),
                "<= 16 ms", flameblue::bench::verdict(median <= 16.0));
    summaryLine("map_bench", "frame sync+render p99",
                format("%.2f ms", percentile(ours.syncRender, 0.99)),
                format("%.2f ms", percentile(repeater.syncRender, 0.99)));
    summaryLine("map_bench", "frames per second while panning and zooming",
                format("%.1f fps", fps(ours)), format("%.1f fps", fps(repeater)));
    summaryLine("map_bench", "process CPU per frame", format("%.1f ms", perFrameCpu(ours)),
                format("%.1f ms", perFrameCpu(repeater)));
    summaryLine("map_bench", "unit fixes applied per second (5,000 units at 1 Hz)",
                format("%.0f /s", oursMovedPerSecond), format("%.0f /s", naiveMovedPerSecond));
    summaryLine("map_bench", "start-up to a drawn province map", format("%.0f ms", drawnAt), "-",
                "<= 2000 ms", flameblue::bench::verdict(drawnAt <= 2000.0));
    return 0;
}

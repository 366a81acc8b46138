// Map frame-time benchmark (run under Xvfb with the OpenGL RHI, e.g.
//   xvfb-run -a -s "-screen 0 1600x1000x24" ./map_bench
// ). Prints: start-up to a fully drawn province map, then three ~10 s runs of continuous
// panning and zooming over Shanxi, each frame timed from beforeSynchronizing to frameSwapped
// (sync + render), the interval between frames, and process CPU time per frame (all threads,
// Mesa llvmpipe's rasteriser threads included: robust when other work shares the machine):
//   1. MapView + 5,000 units moving at 1 Hz + 50 aircraft with 20-fix trails (ours),
//   2. the same map with no markers,
//   3. the same map under a naive QML Repeater of 5,000 Rectangle dots moving every frame,
// and VmRSS after each. Target: median sync + render <= 16 ms for run 1, start-up <= 2 s.
#include <QAbstractListModel>
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
#include <random>
#include <vector>

#include "map/map_view.h"

namespace {

using flameblue::map::MapView;

constexpr int kUnits = 5000;
constexpr int kAircraft = 50;
constexpr int kTrailFixes = 20;
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

// A live-model stand-in: rows with the map's role names, moved in place with dataChanged.
class BenchModel : public QAbstractListModel {
public:
    enum Role { ItemId = Qt::UserRole + 1, Lat, Lon, Status, Heading, Label, Trail };
    struct Row {
        QString id;
        double lat;
        double lon;
        int status;
        double heading;
        QVariantList trail;
    };

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    QVariant data(const QModelIndex& index, int role) const override {
        const Row& r = m_rows[static_cast<size_t>(index.row())];
        switch (role) {
            case ItemId:
            case Label:
                return r.id;
            case Lat:
                return r.lat;
            case Lon:
                return r.lon;
            case Status:
                return r.status;
            case Heading:
                return r.heading;
            case Trail:
                return r.trail;
            default:
                return {};
        }
    }
    QHash<int, QByteArray> roleNames() const override {
        return {{ItemId, "itemId"},      {Lat, "latitude"}, {Lon, "longitude"}, {Status, "status"},
                {Heading, "headingDeg"}, {Label, "label"},  {Trail, "trail"}};
    }
    void reset(std::vector<Row> rows) {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    // Moves rows [first, last] a step along their heading, as one position fix each.
    void step(int first, int last, bool keepTrail) {
        if (m_rows.empty() || first > last) {
            return;
        }
        for (int i = first; i <= last; ++i) {
            Row& r = m_rows[static_cast<size_t>(i)];
            const double rad = r.heading * M_PI / 180.0;
            const double speed = keepTrail ? 0.02 : 0.002;  // degrees per fix
            r.lat += std::cos(rad) * speed;
            r.lon += std::sin(rad) * speed;
            r.heading = std::fmod(r.heading + 7.0, 360.0);
            if (keepTrail) {
                r.trail.append(QVariant::fromValue(QGeoCoordinate(r.lat, r.lon)));
                if (r.trail.size() > kTrailFixes) {
                    r.trail.removeFirst();
                }
            }
        }
        emit dataChanged(index(first), index(last));
    }

private:
    std::vector<Row> m_rows;
};

std::vector<BenchModel::Row> makeUnits(std::mt19937& random) {
    // Around the eleven city seats, as real fleets are.
    const double cities[][2] = {{37.869, 112.560}, {40.094, 113.291}, {37.858, 113.563},
                                {36.184, 113.105}, {35.502, 112.833}, {39.330, 112.427},
                                {37.684, 112.755}, {35.023, 110.993}, {38.409, 112.733},
                                {36.089, 111.519}, {37.524, 111.128}};
    std::normal_distribution<double> spread(0.0, 0.12);
    std::uniform_real_distribution<double> heading(0.0, 360.0);
    std::uniform_int_distribution<int> status(1, 6);
    std::vector<BenchModel::Row> rows;
    for (int i = 0; i < kUnits; ++i) {
        const auto& c = cities[i % 11];
        rows.push_back({QStringLiteral("U%1").arg(i),
                        c[0] + spread(random),
                        c[1] + spread(random),
                        status(random),
                        heading(random),
                        {}});
    }
    return rows;
}

std::vector<BenchModel::Row> makeAircraft(std::mt19937& random) {
    std::uniform_real_distribution<double> lat(35.0, 40.0);
    std::uniform_real_distribution<double> lon(110.8, 113.8);
    std::uniform_real_distribution<double> heading(0.0, 360.0);
    std::vector<BenchModel::Row> rows;
    for (int i = 0; i < kAircraft; ++i) {
        BenchModel::Row r{
            QStringLiteral("B-%1").arg(7000 + i), lat(random), lon(random), 3, heading(random), {}};
        for (int k = 0; k < kTrailFixes; ++k) {
            r.trail.append(QVariant::fromValue(QGeoCoordinate(r.lat - (kTrailFixes - k) * 0.01,
                                                              r.lon - (kTrailFixes - k) * 0.01)));
        }
        rows.push_back(r);
    }
    return rows;
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

const char* kNaiveRepeater = R"(
import QtQuick
Item {
    property real t: 0
    anchors.fill: parent
    Repeater {
        model: 5000
        Rectangle {
            width: 6; height: 6; radius: 3
            color: index % 3 == 0 ? "#2e9e44" : (index % 3 == 1 ? "#f26b1d" : "#2f6fd6")
            x: (index * 37) % 1240 + 15 * Math.sin(t + index)
            y: (index * 53) % 780 + 15 * Math.cos(t + index * 0.7)
        }
    }
}
)";

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

    std::mt19937 random(42);
    BenchModel units;
    BenchModel aircraft;
    units.reset(makeUnits(random));
    aircraft.reset(makeAircraft(random));
    map->setUnitModel(&units);
    map->setAircraftModel(&aircraft);
    // 1 Hz: each frame moves the units (and aircraft) whose turn has come this second.
    int nextUnit = 0;
    int nextAircraft = 0;
    double lastT = 0.0;
    const FrameStats ours = run(window, *map, clock, [&](double t) {
        const double dt = std::max(0.0, t - lastT);
        lastT = t;
        auto advance = [dt](BenchModel& model, int& next, int count, bool trail) {
            int todo = std::max(1, static_cast<int>(std::lround(count * dt)));
            while (todo > 0) {
                const int last = std::min(count - 1, next + todo - 1);
                model.step(next, last, trail);
                todo -= last - next + 1;
                next = (last + 1) % count;
            }
        };
        advance(units, nextUnit, kUnits, false);
        advance(aircraft, nextAircraft, kAircraft, true);
    });
    report("1. MapView + 5,000 units @1 Hz + 50 aircraft w/ trails", ours);

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

    QQmlEngine engine;
    QQmlComponent component(&engine);
    component.setData(kNaiveRepeater, QUrl());
    std::unique_ptr<QObject> naive(component.create());
    if (!naive) {
        std::fprintf(stderr, "%s\n", qPrintable(component.errorString()));
        return 1;
    }
    auto* naiveItem = qobject_cast<QQuickItem*>(naive.get());
    naiveItem->setParentItem(window.contentItem());
    const FrameStats repeater =
        run(window, *map, clock, [&](double t) { naiveItem->setProperty("t", t * 3.0); });
    report("3. MapView, no markers + naive QML Repeater of 5,000 dots", repeater);
    naive.reset();

    const double median = percentile(ours.syncRender, 0.5);
    std::printf(
        "summary: ours median %.2f ms (target <= 16: %s), start-up %.0f ms "
        "(target <= 2000: %s)\n",
        median, median <= 16.0 ? "met" : "MISSED", drawnAt, drawnAt <= 2000.0 ? "met" : "MISSED");
    return 0;
}

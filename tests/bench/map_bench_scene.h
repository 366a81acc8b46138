// What map_bench draws, shared with its test: the live-model stand-in, the fleet, the mover that
// sends each unit one fix a second, and the naive baseline (one QML item per marker).
#pragma once

#include <QAbstractListModel>
#include <QGeoCoordinate>
#include <QString>
#include <QVariantList>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace flameblue::bench {

constexpr int kMapBenchUnits = 5000;
constexpr int kMapBenchAircraft = 50;
constexpr int kMapBenchTrailFixes = 20;

// Rows with the map's role names, moved in place with dataChanged as a live model is.
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
    const Row& row(int i) const { return m_rows[static_cast<size_t>(i)]; }
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
                if (r.trail.size() > kMapBenchTrailFixes) {
                    r.trail.removeFirst();
                }
            }
        }
        emit dataChanged(index(first), index(last));
    }

private:
    std::vector<Row> m_rows;
};

// Every row gets one fix a second, in turn: each frame moves the rows whose turn came since the
// last frame (about 83 of 5,000 per frame at 60 frames/s), as AVL at 1 Hz looks to the map.
class OneHertzMover {
public:
    OneHertzMover(BenchModel& model, bool keepTrail) : m_model(model), m_keepTrail(keepTrail) {}

    // Moves the rows due in the last `dtSeconds` (at least one); returns how many it moved.
    int advance(double dtSeconds) {
        const int count = m_model.rowCount();
        if (count == 0) {
            return 0;
        }
        const int due =
            std::max(1, static_cast<int>(std::lround(count * std::max(0.0, dtSeconds))));
        int todo = std::min(due, count);
        const int moved = todo;
        while (todo > 0) {
            const int last = std::min(count - 1, m_next + todo - 1);
            m_model.step(m_next, last, m_keepTrail);
            todo -= last - m_next + 1;
            m_next = (last + 1) % count;
        }
        m_moved += moved;
        return moved;
    }
    long moved() const { return m_moved; }

private:
    BenchModel& m_model;
    bool m_keepTrail;
    int m_next = 0;
    long m_moved = 0;
};

// Units around the eleven city seats, as real fleets are.
inline std::vector<BenchModel::Row> makeBenchUnits(unsigned seed) {
    std::mt19937 random(seed);
    const double cities[][2] = {{37.869, 112.560}, {40.094, 113.291}, {37.858, 113.563},
                                {36.184, 113.105}, {35.502, 112.833}, {39.330, 112.427},
                                {37.684, 112.755}, {35.023, 110.993}, {38.409, 112.733},
                                {36.089, 111.519}, {37.524, 111.128}};
    std::normal_distribution<double> spread(0.0, 0.12);
    std::uniform_real_distribution<double> heading(0.0, 360.0);
    std::uniform_int_distribution<int> status(1, 6);
    std::vector<BenchModel::Row> rows;
    for (int i = 0; i < kMapBenchUnits; ++i) {
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

inline std::vector<BenchModel::Row> makeBenchAircraft(unsigned seed) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> lat(35.0, 40.0);
    std::uniform_real_distribution<double> lon(110.8, 113.8);
    std::uniform_real_distribution<double> heading(0.0, 360.0);
    std::vector<BenchModel::Row> rows;
    for (int i = 0; i < kMapBenchAircraft; ++i) {
        BenchModel::Row r{
            QStringLiteral("B-%1").arg(7000 + i), lat(random), lon(random), 3, heading(random), {}};
        for (int k = 0; k < kMapBenchTrailFixes; ++k) {
            r.trail.append(
                QVariant::fromValue(QGeoCoordinate(r.lat - (kMapBenchTrailFixes - k) * 0.01,
                                                   r.lon - (kMapBenchTrailFixes - k) * 0.01)));
        }
        rows.push_back(r);
    }
    return rows;
}

// Web Mercator zoom the naive layer keeps its item coordinates at; the camera scales from it.
constexpr double kNaiveReferenceZoom = 8.5;

// The naive baseline: a QML Repeater item per unit and per aircraft, bound by role name to the
// same kind of model as the map's layers, so a row's dataChanged moves exactly that item. The
// whole layer follows the camera with one transform (the cheapest way a Repeater can), so dots
// scale with the zoom where the map keeps markers at a constant size, and aircraft have no
// trails: the baseline does no more marker work than the map, only in QML items.
inline const char* naiveMarkersQml() {
    return R"(
import QtQuick
Item {
    id: root
    required property var unitModel
    required property var aircraftModel
    // The camera, set every frame: the view's top-left in reference-zoom pixels and the scale.
    property real originX: 0
    property real originY: 0
    property real cameraScale: 1
    readonly property real worldPixels: 256 * Math.pow(2, 8.5)
    function projectX(lon) { return (lon + 180) / 360 * worldPixels }
    function projectY(lat) {
        const s = Math.sin(lat * Math.PI / 180)
        return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * worldPixels
    }
    Item {
        transform: [
            Translate { x: -root.originX; y: -root.originY },
            Scale { xScale: root.cameraScale; yScale: root.cameraScale }
        ]
        Item {
            objectName: "unitLayer"
            Repeater {
                model: root.unitModel
                delegate: Rectangle {
                    required property real latitude
                    required property real longitude
                    required property int status
                    objectName: "unitDot"
                    x: root.projectX(longitude) - 3
                    y: root.projectY(latitude) - 3
                    width: 6; height: 6; radius: 3
                    color: status === 1 ? "#2e9e44" : (status === 2 ? "#f26b1d" : "#2f6fd6")
                }
            }
        }
        Item {
            objectName: "aircraftLayer"
            Repeater {
                model: root.aircraftModel
                delegate: Rectangle {
                    required property real latitude
                    required property real longitude
                    objectName: "aircraftDot"
                    x: root.projectX(longitude) - 5
                    y: root.projectY(latitude) - 5
                    width: 10; height: 10; radius: 5
                    color: "#c9302c"
                }
            }
        }
    }
}
)";
}

// Points the naive layer's camera at `center` and `zoom` for a view of `size` pixels.
inline void setNaiveCamera(QObject& layer, const QGeoCoordinate& center, double zoom,
                           double widthPixels, double heightPixels) {
    const double world = 256.0 * std::pow(2.0, kNaiveReferenceZoom);
    const double s = std::sin(center.latitude() * M_PI / 180.0);
    const double x = (center.longitude() + 180.0) / 360.0 * world;
    const double y = (0.5 - std::log((1 + s) / (1 - s)) / (4 * M_PI)) * world;
    const double scale = std::pow(2.0, zoom - kNaiveReferenceZoom);
    layer.setProperty("originX", x - widthPixels / 2.0 / scale);
    layer.setProperty("originY", y - heightPixels / 2.0 / scale);
    layer.setProperty("cameraScale", scale);
}

}  // namespace flameblue::bench

#include "map/marker_model_mirror.h"

#include <QGeoCoordinate>
#include <QPointF>
#include <QVariantList>

#include <cmath>

#include "map/map_projection.h"

namespace flameblue::map {

namespace {

bool readCoordinate(const QVariant& value, LonLat& out) {
    if (value.metaType() == QMetaType::fromType<QGeoCoordinate>()) {
        const auto c = value.value<QGeoCoordinate>();
        if (!c.isValid()) {
            return false;
        }
        out = {c.longitude(), c.latitude()};
        return true;
    }
    if (value.canConvert<QPointF>()) {
        const QPointF p = value.toPointF();  // (lon, lat) by contract
        out = {p.x(), p.y()};
        return std::isfinite(p.x()) && std::isfinite(p.y());
    }
    return false;
}

std::vector<WorldPoint> readTrail(const QVariant& value) {
    std::vector<WorldPoint> trail;
    const QVariantList list = value.toList();
    trail.reserve(static_cast<size_t>(list.size()));
    for (const QVariant& v : list) {
        LonLat c;
        if (readCoordinate(v, c)) {
            trail.push_back(MapProjection::toWorld(c));
        }
    }
    return trail;
}

}  // namespace

MarkerModelMirror::MarkerModelMirror(QObject* parent) : QObject(parent) {}

void MarkerModelMirror::setModel(QAbstractItemModel* model) {
    if (m_model == model) {
        return;
    }
    for (const auto& c : m_connections) {
        disconnect(c);
    }
    m_connections.clear();
    m_model = model;
    if (model != nullptr) {
        m_connections = {
            connect(model, &QAbstractItemModel::dataChanged, this,
                    &MarkerModelMirror::onDataChanged),
            connect(model, &QAbstractItemModel::rowsInserted, this,
                    &MarkerModelMirror::onRowsInserted),
            connect(model, &QAbstractItemModel::rowsRemoved, this,
                    &MarkerModelMirror::onRowsRemoved),
            connect(model, &QAbstractItemModel::modelReset, this, &MarkerModelMirror::reload),
            connect(model, &QAbstractItemModel::layoutChanged, this, &MarkerModelMirror::reload),
            connect(model, &QAbstractItemModel::rowsMoved, this, &MarkerModelMirror::reload),
            connect(model, &QObject::destroyed, this, [this] { setModel(nullptr); }),
        };
    }
    reload();
}

void MarkerModelMirror::reload() {
    m_roles = {};
    m_records.clear();
    if (m_model != nullptr) {
        const QHash<int, QByteArray> names = m_model->roleNames();
        for (auto it = names.begin(); it != names.end(); ++it) {
            const QByteArray& name = it.value();
            int* slot = name == "itemId"        ? &m_roles.itemId
                        : name == "latitude"    ? &m_roles.latitude
                        : name == "longitude"   ? &m_roles.longitude
                        : name == "status"      ? &m_roles.status
                        : name == "headingDeg"  ? &m_roles.headingDeg
                        : name == "category"    ? &m_roles.category
                        : name == "label"       ? &m_roles.label
                        : name == "highlighted" ? &m_roles.highlighted
                        : name == "level"       ? &m_roles.level
                        : name == "trail"       ? &m_roles.trail
                                                : nullptr;
            if (slot != nullptr) {
                *slot = it.key();
            }
        }
        const int rows = m_model->rowCount();
        m_records.reserve(static_cast<size_t>(rows));
        for (int row = 0; row < rows; ++row) {
            m_records.push_back(readRow(row));
        }
    }
    touch();
}

MarkerRecord MarkerModelMirror::readRow(int row) const {
    MarkerRecord r;
    const QModelIndex index = m_model->index(row, 0);
    auto value = [&](int role) { return role >= 0 ? m_model->data(index, role) : QVariant(); };
    r.itemId = value(m_roles.itemId).toString();
    r.category = value(m_roles.category).toString();
    r.label = value(m_roles.label).toString();
    r.status = value(m_roles.status).toInt();
    r.level = value(m_roles.level).toInt();
    r.highlighted = value(m_roles.highlighted).toBool();
    bool latOk = false;
    bool lonOk = false;
    const double lat = value(m_roles.latitude).toDouble(&latOk);
    const double lon = value(m_roles.longitude).toDouble(&lonOk);
    r.hasPosition = latOk && lonOk && std::isfinite(lat) && std::isfinite(lon) &&
                    std::abs(lat) <= 90.0 && std::abs(lon) <= 180.0;
    if (r.hasPosition) {
        r.position = MapProjection::toWorld({lon, lat});
    }
    bool headingOk = false;
    const double heading = value(m_roles.headingDeg).toDouble(&headingOk);
    r.hasHeading = headingOk && std::isfinite(heading);
    r.headingDeg = r.hasHeading ? static_cast<float>(heading) : 0.0F;
    if (m_roles.trail >= 0) {
        r.trail = readTrail(value(m_roles.trail));
    }
    return r;
}

void MarkerModelMirror::onDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight) {
    if (m_model == nullptr || topLeft.parent().isValid()) {
        return;
    }
    const int last = std::min(bottomRight.row(), static_cast<int>(m_records.size()) - 1);
    for (int row = std::max(0, topLeft.row()); row <= last; ++row) {
        m_records[static_cast<size_t>(row)] = readRow(row);
    }
    touch();
}

void MarkerModelMirror::onRowsInserted(const QModelIndex& parent, int first, int last) {
    if (m_model == nullptr || parent.isValid() || first > static_cast<int>(m_records.size())) {
        reload();
        return;
    }
    std::vector<MarkerRecord> inserted;
    inserted.reserve(static_cast<size_t>(last) - static_cast<size_t>(first) + 1U);
    for (int row = first; row <= last; ++row) {
        inserted.push_back(readRow(row));
    }
    m_records.insert(m_records.begin() + first, std::make_move_iterator(inserted.begin()),
                     std::make_move_iterator(inserted.end()));
    touch();
}

void MarkerModelMirror::onRowsRemoved(const QModelIndex& parent, int first, int last) {
    if (parent.isValid() || last >= static_cast<int>(m_records.size())) {
        reload();
        return;
    }
    m_records.erase(m_records.begin() + first, m_records.begin() + last + 1);
    touch();
}

void MarkerModelMirror::touch() {
    ++m_revision;
    emit changed();
}

}  // namespace flameblue::map

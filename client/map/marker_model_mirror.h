// Mirrors any QAbstractItemModel into plain marker records, reading roles by name
// ("itemId", "latitude", "longitude", "status", "headingDeg", "category", "label",
// "highlighted", "level", "trail"). Follows the model's signals row by row, so a moving unit
// costs one row read, not a reload.
#pragma once

#include <QAbstractItemModel>
#include <QObject>
#include <QPointer>
#include <QString>

#include <cstdint>
#include <vector>

#include "map/geo_types.h"

namespace flameblue::map {

struct MarkerRecord {
    QString itemId;
    QString category;
    QString label;
    WorldPoint position;
    bool hasPosition = false;  // false: no fix yet, not drawn
    int status = 0;
    int level = 0;
    float headingDeg = 0.0F;
    bool hasHeading = false;
    bool highlighted = false;
    std::vector<WorldPoint> trail;  // oldest first
};

class MarkerModelMirror : public QObject {
    Q_OBJECT

public:
    explicit MarkerModelMirror(QObject* parent = nullptr);

    void setModel(QAbstractItemModel* model);
    QAbstractItemModel* model() const { return m_model; }
    const std::vector<MarkerRecord>& records() const { return m_records; }
    // Bumped on every change: lets caches (clusters, hit-test grids) know they are stale.
    std::uint64_t revision() const { return m_revision; }

signals:
    void changed();

private:
    struct Roles {
        int itemId = -1;
        int latitude = -1;
        int longitude = -1;
        int status = -1;
        int headingDeg = -1;
        int category = -1;
        int label = -1;
        int highlighted = -1;
        int level = -1;
        int trail = -1;
    };

    void reload();
    void onDataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight);
    void onRowsInserted(const QModelIndex& parent, int first, int last);
    void onRowsRemoved(const QModelIndex& parent, int first, int last);
    MarkerRecord readRow(int row) const;
    void touch();

    QPointer<QAbstractItemModel> m_model;
    std::vector<QMetaObject::Connection> m_connections;
    Roles m_roles;
    std::vector<MarkerRecord> m_records;
    std::uint64_t m_revision = 0;
};

}  // namespace flameblue::map

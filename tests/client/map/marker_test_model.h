// A QStandardItemModel with the map's role names, for feeding MapView layers in tests.
#pragma once

#include <QGeoCoordinate>
#include <QStandardItemModel>
#include <QVariantList>

namespace flameblue::map::test {

enum MarkerRole {
    ItemIdRole = Qt::UserRole + 1,
    LatitudeRole,
    LongitudeRole,
    StatusRole,
    HeadingDegRole,
    CategoryRole,
    LabelRole,
    HighlightedRole,
    LevelRole,
    TrailRole,
};

class MarkerTestModel : public QStandardItemModel {
public:
    MarkerTestModel() {
        setItemRoleNames({{ItemIdRole, "itemId"},
                          {LatitudeRole, "latitude"},
                          {LongitudeRole, "longitude"},
                          {StatusRole, "status"},
                          {HeadingDegRole, "headingDeg"},
                          {CategoryRole, "category"},
                          {LabelRole, "label"},
                          {HighlightedRole, "highlighted"},
                          {LevelRole, "level"},
                          {TrailRole, "trail"}});
    }

    QStandardItem* add(const QString& id, double lat, double lon, int status = 1,
                       double headingDeg = qQNaN(), const QString& category = QString(),
                       const QString& label = QString()) {
        auto* item = new QStandardItem;
        item->setData(id, ItemIdRole);
        item->setData(lat, LatitudeRole);
        item->setData(lon, LongitudeRole);
        item->setData(status, StatusRole);
        item->setData(headingDeg, HeadingDegRole);
        item->setData(category, CategoryRole);
        item->setData(label.isEmpty() ? id : label, LabelRole);
        item->setData(false, HighlightedRole);
        item->setData(1, LevelRole);
        appendRow(item);
        return item;
    }

    void moveTo(int row, double lat, double lon) {
        // One dataChanged per row, as a live model sends it.
        QStandardItem* it = item(row);
        QSignalBlocker blocker(this);
        it->setData(lat, LatitudeRole);
        blocker.unblock();
        it->setData(lon, LongitudeRole);
    }

    static QVariantList trail(const QList<QGeoCoordinate>& points) {
        QVariantList list;
        for (const QGeoCoordinate& c : points) {
            list.append(QVariant::fromValue(c));
        }
        return list;
    }
};

}  // namespace flameblue::map::test

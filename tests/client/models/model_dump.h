// Renders a list model as text (every row, every named role, sorted by role name) so that
// model output can be compared with a golden file.
#pragma once

#include <QAbstractItemModel>
#include <QDateTime>
#include <QGeoCoordinate>
#include <QStringList>

#include <algorithm>

namespace flameblue::console::test {

inline QString renderValue(const QVariant& v) {
    if (!v.isValid()) {
        return QStringLiteral("<none>");
    }
    if (v.typeId() == QMetaType::QDateTime) {
        const QDateTime t = v.toDateTime();
        return t.isValid() ? t.toUTC().toString(Qt::ISODate) : QStringLiteral("<none>");
    }
    if (v.typeId() == QMetaType::Double) {
        return QString::number(v.toDouble(), 'f', 5);
    }
    if (v.typeId() == QMetaType::QStringList) {
        return QLatin1Char('[') + v.toStringList().join(QLatin1Char(',')) + QLatin1Char(']');
    }
    if (v.typeId() == QMetaType::QVariantList) {
        QStringList parts;
        for (const QVariant& item : v.toList()) {
            if (item.canConvert<QGeoCoordinate>()) {
                const auto c = item.value<QGeoCoordinate>();
                parts.append(QStringLiteral("(%1 %2)")
                                 .arg(c.latitude(), 0, 'f', 5)
                                 .arg(c.longitude(), 0, 'f', 5));
            } else {
                parts.append(renderValue(item));
            }
        }
        return QLatin1Char('[') + parts.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    return v.toString();
}

inline QString dumpModel(const QString& title, const QAbstractItemModel& model) {
    QString out = QStringLiteral("== %1 (%2 rows)\n").arg(title).arg(model.rowCount());
    const QHash<int, QByteArray> names = model.roleNames();
    QList<QPair<QByteArray, int>> roles;
    for (auto it = names.begin(); it != names.end(); ++it) {
        roles.append({it.value(), it.key()});
    }
    std::sort(roles.begin(), roles.end());
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex i = model.index(row, 0);
        out += QStringLiteral("- row %1\n").arg(row);
        for (const auto& [name, role] : roles) {
            out += QStringLiteral("    %1: %2\n")
                       .arg(QString::fromLatin1(name), renderValue(model.data(i, role)));
        }
    }
    return out;
}

}  // namespace flameblue::console::test

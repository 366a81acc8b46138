// ConsoleState::describeMapItem: the hover card's content, read from the list models' roles so
// that it says exactly what the lists and the board say.
#include <QCoreApplication>

#include <cmath>

#include "models/console_state.h"

namespace flameblue::console {

namespace {

QString text(const QAbstractItemModel& model, int row, int role) {
    return model.index(row, 0).data(role).toString();
}

// Non-empty parts joined by " · ".
QString joined(const QStringList& parts) {
    QStringList kept;
    for (const QString& p : parts) {
        if (!p.trimmed().isEmpty()) {
            kept.append(p);
        }
    }
    return kept.join(QStringLiteral(" · "));
}

QVariantMap card(const QString& title, const QStringList& lines) {
    QStringList kept;
    for (const QString& l : lines) {
        if (!l.trimmed().isEmpty()) {
            kept.append(l);
        }
    }
    return {{QStringLiteral("title"), title}, {QStringLiteral("lines"), kept}};
}

QVariantMap describeUnit(const UnitListModel& m, int row) {
    using R = UnitListModel::Role;
    // The callsign is what the radio says; the full name follows the display language.
    QStringList lines{text(m, row, R::NameRole),
                      joined({text(m, row, R::StatusTextRole), text(m, row, R::UnitTypeNameRole)}),
                      joined({text(m, row, R::StationNameRole), text(m, row, R::CityNameRole)})};
    if (m.aircraft()) {
        const double kmh = m.index(row, 0).data(R::SpeedKmhRole).toDouble();
        if (kmh > 0) {
            lines.append(QCoreApplication::translate("MapItemSummary", "%1 km/h, %2 m")
                             .arg(qRound(kmh))
                             .arg(qRound(m.index(row, 0).data(R::AltitudeMRole).toDouble())));
        }
    }
    lines.append(text(m, row, R::FixAgeTextRole));
    return card(text(m, row, R::CallsignRole), lines);
}

}  // namespace

QVariantMap ConsoleState::describeMapItem(const QString& layer, const QString& itemId) const {
    if (itemId.isEmpty()) {
        return {};
    }
    if (layer == QLatin1String("units") || layer == QLatin1String("aircraft")) {
        const UnitListModel& m = layer == QLatin1String("units") ? m_units : m_aircraft;
        const int row = m.rowOf(itemId);
        return row < 0 ? QVariantMap() : describeUnit(m, row);
    }
    if (layer == QLatin1String("incidents")) {
        using R = IncidentListModel::Role;
        const int row = m_incidents.rowOf(itemId);
        if (row < 0) {
            return {};
        }
        const int level = m_incidents.index(row, 0).data(R::LevelRole).toInt();
        const int units = m_incidents.index(row, 0).data(R::ActiveUnitCountRole).toInt();
        return card(
            joined({text(m_incidents, row, R::TypeNameRole),
                    QCoreApplication::translate("MapItemSummary", "level %1").arg(level)}),
            {text(m_incidents, row, R::AddressRole),
             joined({text(m_incidents, row, R::StatusTextRole),
                     QCoreApplication::translate("MapItemSummary", "%n unit(s)", nullptr, units)}),
             text(m_incidents, row, R::CityNameRole)});
    }
    if (layer == QLatin1String("stations")) {
        using R = StationListModel::Role;
        const int row = m_stations.rowOf(itemId);
        if (row < 0) {
            return {};
        }
        return card(text(m_stations, row, R::NameRole),
                    {joined({text(m_stations, row, R::StationClassNameRole),
                             text(m_stations, row, R::CityNameRole)})});
    }
    if (layer == QLatin1String("water")) {
        using R = WaterSourceListModel::Role;
        const int row = m_waterSources.rowOf(itemId);
        if (row < 0) {
            return {};
        }
        return card(text(m_waterSources, row, R::NameRole),
                    {joined({text(m_waterSources, row, R::KindNameRole),
                             text(m_waterSources, row, R::CityNameRole)})});
    }
    if (layer == QLatin1String("traffic")) {
        using R = TrafficListModel::Role;
        const int row = m_traffic.rowOf(itemId);
        if (row < 0) {
            return {};
        }
        const QModelIndex i = m_traffic.index(row, 0);
        const double kmh = i.data(R::SpeedKmhRole).toDouble();
        const double m = i.data(R::AltitudeMRole).toDouble();
        const QString squawk = i.data(R::SquawkRole).toString();
        return card(text(m_traffic, row, R::CallsignRole),
                    {QCoreApplication::translate("MapItemSummary", "Not a fleet aircraft"),
                     std::isfinite(kmh) && std::isfinite(m)
                         ? QCoreApplication::translate("MapItemSummary", "%1 km/h, %2 m")
                               .arg(qRound(kmh))
                               .arg(qRound(m))
                         : QString(),
                     squawk.isEmpty()
                         ? QString()
                         : QCoreApplication::translate("MapItemSummary", "squawk %1").arg(squawk)});
    }
    return {};
}

}  // namespace flameblue::console

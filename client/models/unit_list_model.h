// Ground units or fleet aircraft (one model class, two instances): what the map draws and the
// unit status board lists. Position fixes update rows in place; an untrusted (stale or missing)
// fix puts the unit at its home station, and the roles say so.
#pragma once

#include <QSet>
#include <QStringList>

#include <optional>
#include <vector>

#include "models/entity_list_model.h"
#include "models/map_roles.h"
#include "models/model_context.h"
#include "models/unit_record.h"

namespace flameblue::console {

class StationListModel;

class UnitListModel : public EntityListModel<UnitRecord> {
    Q_OBJECT
    Q_PROPERTY(int count READ size NOTIFY countChanged)
    Q_PROPERTY(bool aircraft READ aircraft CONSTANT)
    Q_PROPERTY(QStringList selectedIds READ selectedIds NOTIFY selectionChanged)
    Q_PROPERTY(int selectedCount READ selectedCount NOTIFY selectionChanged)

public:
    enum Role {
        // Read by the map.
        ItemIdRole = map_roles::ItemId,
        LatitudeRole = map_roles::Latitude,
        LongitudeRole = map_roles::Longitude,
        StatusRole = map_roles::Status,
        HeadingDegRole = map_roles::HeadingDeg,
        CategoryRole = map_roles::Category,
        LabelRole = map_roles::Label,
        HighlightedRole = map_roles::Highlighted,
        TrailRole = map_roles::FirstModelRole,
        // Read by the status board and details.
        CallsignRole,
        NameRole,
        NameZhRole,
        NameEnRole,
        UnitTypeNameRole,
        StatusTextRole,
        StatusSinceRole,
        StaffingRole,
        CrewCapacityRole,
        StationIdRole,
        StationNameRole,
        CityRole,
        CityNameRole,
        IncidentIdRole,
        CapabilitiesRole,
        CapabilitiesTextRole,
        FixAgeSecondsRole,
        FixAgeTextRole,
        FixStaleRole,
        PositionFromStationRole,
        SpeedKmhRole,
        AltitudeMRole,
        SelectedRole,
        RecommendedRole,
        // Whether the server allows dispatching it, and the statuses it allows setting by hand
        // (flameblue.v1 UnitStatus values, in the duty cycle's order).
        DispatchableRole,
        NextStatusesRole,
        IsAircraftRole,
        RegistrationRole,
        // Aircraft in the air (the server's word), whatever the mission state.
        AirborneRole,
        // Airborne and the server's signal-lost alert is open: the marker stays at the last
        // position heard, its label saying how old it is.
        SignalLostRole,
    };
    Q_ENUM(Role)

    // How many fixes an aircraft's trail keeps.
    static constexpr std::size_t kTrailLength = 120;

    UnitListModel(const ModelContext* context, const StationListModel* stations, bool aircraft,
                  QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool aircraft() const { return m_aircraft; }

    // A position_reported event: only the fix changes.
    bool applyFix(const std::string& unitId, const flameblue::v1::PositionFix& fix);
    // An aircraft's stored track (oldest first) becomes its trail, so that trails show real
    // history after a restart or reconnect; fixes newer than the track stay on its end.
    bool seedTrail(const std::string& unitId, const std::vector<QGeoCoordinate>& history);

    // Selection for multi-unit dispatch from the board.
    Q_INVOKABLE void setSelected(const QString& unitId, bool selected);
    Q_INVOKABLE void toggleSelected(const QString& unitId);
    Q_INVOKABLE void clearSelection();
    Q_INVOKABLE bool isSelected(const QString& unitId) const;
    QStringList selectedIds() const;
    int selectedCount() const { return static_cast<int>(m_selected.size()); }

    // Units on this incident are highlighted (on the map too).
    void setHighlightedIncident(const QString& incidentId);
    // So are the units the recommendation proposes.
    void setRecommended(const QStringList& unitIds);
    // The aircraft whose signal the server reports lost (open signal-lost alerts).
    void setSignalLost(const QStringList& unitIds);

    Q_INVOKABLE QString statusText(int status) const;
    Q_INVOKABLE QString callsignOf(const QString& unitId) const;

    // Names follow the display language and the catalogue.
    void refreshNames();
    // Positions may have moved between fix and station (trust limit or station changed).
    void refreshPositions();
    // The clock moved from `previousNowMs`: fix ages change, some fixes become untrusted.
    void refreshClock(qint64 previousNowMs);

    // "37 s ago", "5 min ago", "2 h ago"; "no fix" when none was ever heard.
    static QString fixAgeText(std::optional<double> seconds);
    std::optional<double> fixAgeSeconds(const UnitRecord& record, qint64 nowMs) const;
    bool positionTrusted(const UnitRecord& record, qint64 nowMs) const;

Q_SIGNALS:
    void countChanged();
    void selectionChanged();

protected:
    void adopt(const UnitRecord* before, UnitRecord& after) override;

private:
    QVariant positionRole(const UnitRecord& record, bool latitude) const;
    QString cityOf(const UnitRecord& record) const;

    const ModelContext* m_context;
    const StationListModel* m_stations;
    bool m_aircraft;
    QSet<QString> m_selected;
    std::string m_highlightedIncident;
    QSet<QString> m_recommended;
    QSet<QString> m_signalLost;
};

}  // namespace flameblue::console

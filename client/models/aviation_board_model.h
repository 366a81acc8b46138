// The aircraft board of the aviation view: one row per fleet aircraft with its mission state,
// flight figures (altitude, ground speed, heading), the live ETA to its incident, flight time
// left (counting down) and the age of its last fix (ticking). Figures come from the server's
// Aviation service; mission changes and fixes from the Subscribe stream update rows at once.
#pragma once

#include <QAbstractListModel>
#include <QHash>
#include <QVariantMap>

#include <optional>
#include <vector>

#include "flameblue/v1/aviation.pb.h"
#include "flameblue/v1/entities.pb.h"

namespace flameblue::console {

class AviationBoardModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        AircraftIdRole = Qt::UserRole + 1,
        RegistrationRole,
        // Callsign with registration, as every view names the aircraft.
        AircraftNameRole,
        TypeNameRole,
        RotorcraftRole,
        MissionStateRole,
        MissionTextRole,
        IncidentIdRole,
        AltitudeMRole,
        GroundSpeedKmhRole,
        HeadingDegRole,
        EtaSecondsRole,
        EtaTextRole,
        EnduranceLeftSecondsRole,
        EnduranceTextRole,
        EnduranceLowRole,
        FixAgeSecondsRole,
        FixAgeTextRole,
        SquawkRole,
        FlightIdRole,
        DropsRole,
        DropsPerHourRole,
        CycleSecondsRole,
        CycleMeasuredRole,
        DipSiteIdRole,
        DipSiteNameRole,
        AlertingRole,
        // In the air (the server's take-off time is set), whatever the mission state.
        AirborneRole,
        // In the air and the server's signal-lost alert is open.
        SignalLostRole,
    };
    Q_ENUM(Role)

    explicit AviationBoardModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return static_cast<int>(m_rows.size()); }

    // The server's figures at `receivedMs`: rows follow the reply (added, updated, removed).
    void applyStatus(const flameblue::v1::ListAircraftStatusReply& reply, qint64 receivedMs);
    // An aircraft copy from an event (mission state, transponder) or a position fix.
    void applyAircraft(const flameblue::v1::Aircraft& aircraft);
    void applyFix(const std::string& aircraftId, const flameblue::v1::PositionFix& fix);
    // The clock moved: countdowns and fix ages change.
    void setNow(qint64 nowMs);
    qint64 nowMs() const { return m_nowMs; }
    // Texts follow the display language ("zh_CN" or "en").
    void setLanguage(const QString& language);
    void refreshTexts();

    // Everything about one aircraft for the detail pane (empty when unknown).
    Q_INVOKABLE QVariantMap details(const QString& aircraftId) const;
    // Aircraft id to its name (callsign with registration), for the alerts.
    QHash<QString, QString> names() const;
    // The aircraft whose signal-lost alert is open.
    QStringList signalLostIds() const;

    static QString missionText(int state);
    // The mission state as the board says it: "Airborne" when the server hears it flying while
    // the state says it is on the ground, "Signal lost" when it is no longer heard in the air.
    static QString missionText(const flameblue::v1::AircraftMission& mission, bool signalLost);
    // "1 h 05 min", "12 min", "45 s"; "—" when unknown.
    static QString durationText(std::optional<double> seconds);

Q_SIGNALS:
    void countChanged();

private:
    struct Row {
        flameblue::v1::AircraftStatus status;
        qint64 statusAtMs = 0;
        qint64 lastFixMs = 0;
    };
    int rowOf(const std::string& id) const;
    std::optional<double> eta(const Row& r) const;
    std::optional<double> enduranceLeft(const Row& r) const;
    std::optional<double> fixAge(const Row& r) const;
    QVariant value(const Row& r, int role) const;
    static bool signalLost(const flameblue::v1::AircraftStatus& s);

    std::vector<Row> m_rows;  // in the server's order (by aircraft id)
    qint64 m_nowMs = 0;
    bool m_chinese = true;
};

}  // namespace flameblue::console

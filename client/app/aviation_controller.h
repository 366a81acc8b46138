// What the aviation view's QML calls: the aircraft board (figures polled from the Aviation
// service, mission changes and fixes from the live stream), the alert banner, the selected
// aircraft's altitude profile, and the coordinator's commands (mission state, acknowledge,
// record a drop). Owned by ConsoleController.
#pragma once

#include <QtQml/qqml.h>
#include <QObject>
#include <QTimer>
#include <QVariantList>

#include <vector>

#include "models/alert_list_model.h"
#include "models/aviation_board_filter.h"
#include "models/aviation_board_model.h"
#include "net/aviation_client.h"
#include "net/dispatch_connection.h"

namespace flameblue::console {

class UnitListModel;

class AviationController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the console controller")
    Q_PROPERTY(flameblue::console::AviationBoardModel* board READ board CONSTANT)
    Q_PROPERTY(flameblue::console::AviationBoardFilter* boardView READ boardView CONSTANT)
    Q_PROPERTY(flameblue::console::AlertListModel* alerts READ alerts CONSTANT)
    Q_PROPERTY(QString selectedAircraftId READ selectedAircraftId WRITE setSelectedAircraftId NOTIFY
                   selectedChanged)
    Q_PROPERTY(QVariantMap selected READ selected NOTIFY selectedChanged)
    // The selected aircraft's altitude over the last hour: points {x: time ms, y: metres}.
    Q_PROPERTY(QVariantList altitudeProfile READ altitudeProfile NOTIFY altitudeProfileChanged)

public:
    AviationController(DispatchConnection* connection, AviationClient::Settings settings,
                       QObject* parent = nullptr);

    AviationBoardModel* board() { return &m_board; }
    AviationBoardFilter* boardView() { return &m_boardView; }
    AlertListModel* alerts() { return &m_alerts; }
    QString selectedAircraftId() const { return m_selectedId; }
    void setSelectedAircraftId(const QString& id);
    QVariantMap selected() const { return m_board.details(m_selectedId); }
    QVariantList altitudeProfile() const { return m_profile; }

    // Trails on the map start from the stored track after every snapshot (a reconnect, a
    // restart), not from the next fix.
    void setTrailTarget(UnitListModel* aircraft) { m_trailTarget = aircraft; }
    // The console failed over to another server of the same log.
    void setServerAddress(const QString& address) { m_client.setServerAddress(address); }

    Q_INVOKABLE int acknowledgeAlert(const QString& alertId);
    Q_INVOKABLE int setMissionState(const QString& aircraftId, int state);
    Q_INVOKABLE int recordDrop(const QString& aircraftId);
    Q_INVOKABLE void refresh();
    // The mission states a coordinator may report next (the server has the last word).
    Q_INVOKABLE QVariantList nextMissionStates(int state) const;
    Q_INVOKABLE QString missionText(int state) const;
    void setNow(qint64 nowMs);
    // The display language changed.
    void setLanguage(const QString& language);

Q_SIGNALS:
    void selectedChanged();
    void altitudeProfileChanged();
    void commandFinished(int requestId, bool ok, const QString& command, const QString& message);

private:
    void onChunk(const flameblue::v1::SnapshotChunk& chunk);
    void onSnapshotEnded();
    void onEvent(const flameblue::v1::Event& event);
    void onStatus(const flameblue::v1::ListAircraftStatusReply& reply);
    void onTrack(int requestId, const flameblue::v1::Track& track);
    void loadProfile();
    void seedTrails();

    AviationClient m_client;
    AviationBoardModel m_board;
    AviationBoardFilter m_boardView;
    AlertListModel m_alerts;
    std::vector<flameblue::v1::Alert> m_stagedAlerts;
    QString m_selectedId;
    QVariantList m_profile;
    int m_profileRequest = 0;
    QHash<int, QString> m_trailRequests;  // request id -> aircraft id
    UnitListModel* m_trailTarget = nullptr;
    QTimer m_tick;
    QTimer m_poll;
    bool m_statusInFlight = false;
};

}  // namespace flameblue::console

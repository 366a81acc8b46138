// The incident a dispatcher has selected: its fields, the timeline of standard timestamps
// (received, dispatched, each unit en route and on scene, under control, closed), the units
// assigned to it and its notes. Follows the incident list as events change it.
#pragma once

#include <QDateTime>
#include <QObject>
#include <QStringList>

#include "flameblue/v1/entities.pb.h"
#include "models/model_context.h"
#include "models/record_list_model.h"

namespace flameblue::console {

class IncidentListModel;
class UnitListModel;

class IncidentDetail : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString incidentId READ incidentId WRITE setIncidentId NOTIFY incidentIdChanged)
    Q_PROPERTY(bool exists READ exists NOTIFY changed)
    Q_PROPERTY(QString type READ type NOTIFY changed)
    Q_PROPERTY(QString typeName READ typeName NOTIFY changed)
    Q_PROPERTY(int level READ level NOTIFY changed)
    Q_PROPERTY(int status READ status NOTIFY changed)
    Q_PROPERTY(QString statusText READ statusText NOTIFY changed)
    Q_PROPERTY(bool open READ open NOTIFY changed)
    // The statuses the server allows next (flameblue.v1 IncidentStatus values).
    Q_PROPERTY(QVariantList nextStatuses READ nextStatuses NOTIFY changed)
    Q_PROPERTY(QString address READ address NOTIFY changed)
    Q_PROPERTY(QString description READ description NOTIFY changed)
    Q_PROPERTY(QString cityName READ cityName NOTIFY changed)
    Q_PROPERTY(double latitude READ latitude NOTIFY changed)
    Q_PROPERTY(double longitude READ longitude NOTIFY changed)
    Q_PROPERTY(QDateTime received READ received NOTIFY changed)
    Q_PROPERTY(QStringList activeUnitIds READ activeUnitIds NOTIFY changed)
    Q_PROPERTY(RecordListModel* timeline READ timeline CONSTANT)
    Q_PROPERTY(RecordListModel* assignments READ assignments CONSTANT)
    Q_PROPERTY(RecordListModel* notes READ notes CONSTANT)

public:
    IncidentDetail(const ModelContext* context, const IncidentListModel* incidents,
                   const UnitListModel* units, const UnitListModel* aircraft,
                   QObject* parent = nullptr);

    QString incidentId() const { return m_incidentId; }
    void setIncidentId(const QString& id);
    bool exists() const { return m_exists; }
    QString type() const;
    QString typeName() const;
    int level() const { return m_incident.level(); }
    int status() const { return m_incident.status(); }
    QString statusText() const;
    bool open() const;
    QVariantList nextStatuses() const;
    QString address() const;
    QString description() const;
    QString cityName() const;
    double latitude() const { return m_incident.position().lat(); }
    double longitude() const { return m_incident.position().lon(); }
    QDateTime received() const;
    QStringList activeUnitIds() const;

    RecordListModel* timeline() { return &m_timeline; }
    RecordListModel* assignments() { return &m_assignments; }
    RecordListModel* notes() { return &m_notes; }

    // Re-reads the incident (and its units' callsigns and statuses).
    void refresh();

Q_SIGNALS:
    void incidentIdChanged();
    void changed();

private:
    void onIncidentRows(int first, int last);
    void onUnitsChanged(const QList<int>& roles);
    QString callsignOf(const std::string& unitId) const;
    int unitStatusOf(const std::string& unitId) const;
    QList<QVariantList> timelineRecords() const;
    QList<QVariantList> assignmentRecords() const;
    QList<QVariantList> noteRecords() const;

    const ModelContext* m_context;
    const IncidentListModel* m_incidents;
    const UnitListModel* m_units;
    const UnitListModel* m_aircraft;
    QString m_incidentId;
    bool m_exists = false;
    flameblue::v1::Incident m_incident;
    RecordListModel m_timeline;
    RecordListModel m_assignments;
    RecordListModel m_notes;
};

}  // namespace flameblue::console

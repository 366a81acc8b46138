#include "models/incident_detail.h"

#include <cmath>

#include "models/catalog.h"
#include "models/incident_list_model.h"
#include "models/unit_list_model.h"

namespace flameblue::console {

namespace pb = ::flameblue::v1;

namespace {
double elapsedSeconds(const pb::Incident& incident, const QDateTime& time) {
    if (!time.isValid() || !incident.has_received()) {
        return -1;
    }
    return static_cast<double>(time.toMSecsSinceEpoch() - toMs(incident.received())) / 1000.0;
}

// "+m:ss" after the alarm, the way response times are read out; empty when not yet.
QString elapsedText(double seconds) {
    if (seconds < 0) {
        return {};
    }
    const qint64 total = std::llround(seconds);
    return QStringLiteral("+%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}
}  // namespace

IncidentDetail::IncidentDetail(const ModelContext* context, const IncidentListModel* incidents,
                               const UnitListModel* units, const UnitListModel* aircraft,
                               QObject* parent)
    : QObject(parent),
      m_context(context),
      m_incidents(incidents),
      m_units(units),
      m_aircraft(aircraft),
      // A timeline entry: what happened (kind, label), to which unit, when, and how long
      // after the alarm was received.
      m_timeline(
          {"kind", "label", "unitId", "callsign", "time", "done", "elapsedSeconds", "elapsedText"}),
      m_assignments({"unitId", "callsign", "status", "statusText", "dispatched", "enRoute",
                     "onScene", "released", "active"}),
      m_notes({"time", "operatorId", "text"}) {
    connect(m_incidents, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex& from, const QModelIndex& to) {
                onIncidentRows(from.row(), to.row());
            });
    connect(m_incidents, &QAbstractItemModel::rowsInserted, this, &IncidentDetail::refresh);
    connect(m_incidents, &QAbstractItemModel::rowsRemoved, this, &IncidentDetail::refresh);
    connect(m_incidents, &QAbstractItemModel::modelReset, this, &IncidentDetail::refresh);
    for (const UnitListModel* model : {m_units, m_aircraft}) {
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex&, const QModelIndex&, const QList<int>& roles) {
                    onUnitsChanged(roles);
                });
    }
}

void IncidentDetail::setIncidentId(const QString& id) {
    if (m_incidentId != id) {
        m_incidentId = id;
        Q_EMIT incidentIdChanged();
        refresh();
    }
}

void IncidentDetail::onIncidentRows(int first, int last) {
    const int row = m_incidents->rowOf(m_incidentId);
    if (row >= first && row <= last) {
        refresh();
    }
}

void IncidentDetail::onUnitsChanged(const QList<int>& roles) {
    // Position fixes arrive many times a second and change nothing shown here.
    const bool relevant = roles.isEmpty() || roles.contains(UnitListModel::StatusRole) ||
                          roles.contains(UnitListModel::StatusTextRole);
    if (relevant && m_exists && !m_incident.assignments().empty()) {
        refresh();
    }
}

void IncidentDetail::refresh() {
    const pb::Incident* found = m_incidents->find(m_incidentId.toStdString());
    m_exists = found != nullptr;
    m_incident = found ? *found : pb::Incident();
    m_timeline.setRecords(timelineRecords());
    m_assignments.setRecords(assignmentRecords());
    m_notes.setRecords(noteRecords());
    Q_EMIT changed();
}

QString IncidentDetail::type() const {
    return QString::fromStdString(m_incident.type());
}

QString IncidentDetail::typeName() const {
    return m_context->catalog
               ? m_context->catalog->name(Catalog::Vocabulary::IncidentType, m_incident.type())
               : type();
}

QString IncidentDetail::statusText() const {
    return m_exists ? m_incidents->statusText(m_incident.status()) : QString();
}

bool IncidentDetail::open() const {
    return m_exists && m_incident.status() != pb::INCIDENT_STATUS_CLOSED;
}

QVariantList IncidentDetail::nextStatuses() const {
    QVariantList out;
    if (m_exists) {
        for (const int s : m_incident.next_statuses())
            out.append(s);
    }
    return out;
}

QString IncidentDetail::address() const {
    return QString::fromStdString(m_incident.address());
}

QString IncidentDetail::description() const {
    return QString::fromStdString(m_incident.description());
}

QString IncidentDetail::cityName() const {
    return m_context->catalog
               ? m_context->catalog->name(Catalog::Vocabulary::City, m_incident.city())
               : QString::fromStdString(m_incident.city());
}

QDateTime IncidentDetail::received() const {
    return toDateTime(m_incident.has_received(), m_incident.received());
}

QStringList IncidentDetail::activeUnitIds() const {
    return IncidentListModel::activeUnitIds(m_incident);
}

QString IncidentDetail::callsignOf(const std::string& unitId) const {
    for (const UnitListModel* model : {m_units, m_aircraft}) {
        if (const UnitRecord* r = model->find(unitId)) {
            return r->displayName();
        }
    }
    return QString::fromStdString(unitId);
}

int IncidentDetail::unitStatusOf(const std::string& unitId) const {
    for (const UnitListModel* model : {m_units, m_aircraft}) {
        if (const UnitRecord* r = model->find(unitId)) {
            return r->unit.status();
        }
    }
    return 0;
}

QList<QVariantList> IncidentDetail::timelineRecords() const {
    QList<QVariantList> records;
    if (!m_exists) {
        return records;
    }
    const pb::Incident& i = m_incident;
    auto add = [&](const char* kind, const QString& label, const std::string& unitId,
                   const QDateTime& time) {
        const double elapsed = elapsedSeconds(i, time);
        records.append({QString::fromLatin1(kind), label, QString::fromStdString(unitId),
                        unitId.empty() ? QString() : callsignOf(unitId), time, time.isValid(),
                        elapsed, elapsedText(elapsed)});
    };
    add("received", tr("Alarm received"), {}, toDateTime(i.has_received(), i.received()));
    add("dispatched", tr("First unit dispatched"), {},
        toDateTime(i.has_first_dispatched(), i.first_dispatched()));
    for (const pb::Assignment& a : i.assignments()) {
        if (a.has_dispatched()) {
            add("unit_dispatched", tr("Dispatched"), a.unit_id(), toDateTime(true, a.dispatched()));
        }
        if (a.has_en_route()) {
            add("unit_en_route", tr("En route"), a.unit_id(), toDateTime(true, a.en_route()));
        }
        if (a.has_on_scene()) {
            add("unit_on_scene", tr("On scene"), a.unit_id(), toDateTime(true, a.on_scene()));
        }
        if (a.has_released()) {
            add("unit_released", tr("Released"), a.unit_id(), toDateTime(true, a.released()));
        }
    }
    add("under_control", tr("Under control"), {},
        toDateTime(i.has_under_control(), i.under_control()));
    add("closed", tr("Closed"), {}, toDateTime(i.has_closed(), i.closed()));
    return records;
}

QList<QVariantList> IncidentDetail::assignmentRecords() const {
    QList<QVariantList> records;
    if (!m_exists) {
        return records;
    }
    for (const pb::Assignment& a : m_incident.assignments()) {
        const int status = unitStatusOf(a.unit_id());
        records.append({QString::fromStdString(a.unit_id()), callsignOf(a.unit_id()),
                        a.has_released() ? 0 : status,
                        a.has_released() ? tr("Released") : m_units->statusText(status),
                        toDateTime(a.has_dispatched(), a.dispatched()),
                        toDateTime(a.has_en_route(), a.en_route()),
                        toDateTime(a.has_on_scene(), a.on_scene()),
                        toDateTime(a.has_released(), a.released()), !a.has_released()});
    }
    return records;
}

QList<QVariantList> IncidentDetail::noteRecords() const {
    QList<QVariantList> records;
    for (const pb::Note& n : m_incident.notes()) {
        records.append({toDateTime(n.has_time(), n.time()), QString::fromStdString(n.operator_id()),
                        QString::fromStdString(n.text())});
    }
    return records;
}

}  // namespace flameblue::console

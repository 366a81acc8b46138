#include "models/alert_list_model.h"

#include <algorithm>

namespace flameblue::console {

namespace pb = flameblue::v1;

AlertListModel::AlertListModel(QObject* parent) : QAbstractListModel(parent) {}

int AlertListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QString AlertListModel::squawkMeaning(int squawk) {
    switch (squawk) {
        case 7500:
            return tr("unlawful interference");
        case 7600:
            return tr("radio failure");
        case 7700:
            return tr("general emergency");
        default:
            return {};
    }
}

QString AlertListModel::kindText(int kind, int squawk) {
    switch (kind) {
        case pb::ALERT_KIND_SIGNAL_LOST:
            return tr("Signal lost");
        case pb::ALERT_KIND_EMERGENCY_SQUAWK:
            return tr("Squawk %1 (%2)").arg(squawk).arg(squawkMeaning(squawk));
        case pb::ALERT_KIND_LOW_ENDURANCE:
            return tr("Low endurance");
        default:
            return tr("Alert");
    }
}

QString AlertListModel::label(const pb::Alert& a) const {
    const QString id = QString::fromStdString(a.aircraft_id());
    return m_labels.value(id, id);
}

QVariant AlertListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= count())
        return {};
    const pb::Alert& a = m_alerts[static_cast<std::size_t>(index.row())];
    switch (role) {
        case AlertIdRole:
            return QString::fromStdString(a.id());
        case KindRole:
            return static_cast<int>(a.kind());
        case KindTextRole:
            return kindText(a.kind(), a.squawk());
        case AircraftIdRole:
            return QString::fromStdString(a.aircraft_id());
        case AircraftLabelRole:
            return label(a);
        case SquawkRole:
            return a.squawk();
        case DetailRole:
            return QString::fromStdString(a.detail());
        case RaisedMsRole:
            return static_cast<qint64>(a.raised().seconds() * 1000 +
                                       a.raised().nanos() / 1'000'000);
        case ActiveRole:
            return a.active();
        case MessageRole:
            return a.active() ? tr("%1: %2").arg(label(a), kindText(a.kind(), a.squawk()))
                              : tr("%1: %2 (over)").arg(label(a), kindText(a.kind(), a.squawk()));
        default:
            return {};
    }
}

QHash<int, QByteArray> AlertListModel::roleNames() const {
    return {{AlertIdRole, "alertId"},
            {KindRole, "kind"},
            {KindTextRole, "kindText"},
            {AircraftIdRole, "aircraftId"},
            {AircraftLabelRole, "aircraftLabel"},
            {SquawkRole, "squawk"},
            {DetailRole, "detail"},
            {RaisedMsRole, "raisedMs"},
            {ActiveRole, "active"},
            {MessageRole, "message"}};
}

void AlertListModel::reset(const std::vector<pb::Alert>& alerts) {
    beginResetModel();
    m_alerts.clear();
    for (const pb::Alert& a : alerts) {
        if (a.on_banner())
            m_alerts.push_back(a);
    }
    std::stable_sort(m_alerts.begin(), m_alerts.end(), [](const pb::Alert& x, const pb::Alert& y) {
        return x.raised().seconds() < y.raised().seconds();
    });
    endResetModel();
    Q_EMIT countChanged();
}

void AlertListModel::apply(const pb::Alert& alert) {
    auto it = std::find_if(m_alerts.begin(), m_alerts.end(),
                           [&](const pb::Alert& a) { return a.id() == alert.id(); });
    const int row = static_cast<int>(it - m_alerts.begin());
    if (it != m_alerts.end() && !alert.on_banner()) {
        beginRemoveRows({}, row, row);
        m_alerts.erase(it);
        endRemoveRows();
        Q_EMIT countChanged();
    } else if (it != m_alerts.end()) {
        *it = alert;
        Q_EMIT dataChanged(index(row), index(row));
    } else if (alert.on_banner()) {
        beginInsertRows({}, count(), count());
        m_alerts.push_back(alert);
        endInsertRows();
        Q_EMIT countChanged();
        Q_EMIT alertRaised(QString::fromStdString(alert.id()));
    }
}

void AlertListModel::setAircraftLabels(const QHash<QString, QString>& labels) {
    if (labels == m_labels)
        return;
    m_labels = labels;
    refreshTexts();
}

void AlertListModel::refreshTexts() {
    if (!m_alerts.empty())
        Q_EMIT dataChanged(index(0), index(count() - 1));
}

}  // namespace flameblue::console

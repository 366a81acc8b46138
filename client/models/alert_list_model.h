// The aviation alerts every console shows on its banner until someone acknowledges them: fed
// from the Subscribe stream (snapshot, then each alert event with the alert as it is now).
#pragma once

#include <QAbstractListModel>
#include <QHash>

#include <vector>

#include "flameblue/v1/aviation_types.pb.h"

namespace flameblue::console {

class AlertListModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        AlertIdRole = Qt::UserRole + 1,
        KindRole,
        KindTextRole,
        AircraftIdRole,
        AircraftLabelRole,
        SquawkRole,
        DetailRole,
        RaisedMsRole,
        ActiveRole,
        MessageRole,
    };
    Q_ENUM(Role)

    explicit AlertListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return static_cast<int>(m_alerts.size()); }

    // A fresh snapshot: these are all the alerts there are.
    void reset(const std::vector<flameblue::v1::Alert>& alerts);
    // An alert as it is after an event: added, updated, or gone from the banner.
    void apply(const flameblue::v1::Alert& alert);
    // Registrations to name aircraft by (id -> registration).
    void setAircraftLabels(const QHash<QString, QString>& labels);
    // Texts follow the display language.
    void refreshTexts();

    static QString kindText(int kind, int squawk);
    static QString squawkMeaning(int squawk);

Q_SIGNALS:
    void countChanged();
    // A new alert arrived (not on a snapshot).
    void alertRaised(const QString& alertId);

private:
    QString label(const flameblue::v1::Alert& a) const;

    std::vector<flameblue::v1::Alert> m_alerts;  // on the banner, oldest first
    QHash<QString, QString> m_labels;
};

}  // namespace flameblue::console

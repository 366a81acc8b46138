// A small list model of records with fixed, named roles, for derived detail lists (an
// incident's timeline, assignments and notes). Replacing the records emits dataChanged for
// the rows that differ and inserts or removes only at the end.
#pragma once

#include <QAbstractListModel>
#include <QByteArray>
#include <QList>
#include <QVariant>

namespace flameblue::console {

class RecordListModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    // `roles` names the fields of every record, in order; role ids start at Qt::UserRole + 1.
    explicit RecordListModel(QList<QByteArray> roles, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return static_cast<int>(m_records.size()); }
    void setRecords(QList<QVariantList> records);
    // The value of a named field, for tests and look-ups.
    QVariant value(int row, const QByteArray& role) const;

Q_SIGNALS:
    void countChanged();

private:
    QList<QByteArray> m_roles;
    QList<QVariantList> m_records;
};

}  // namespace flameblue::console

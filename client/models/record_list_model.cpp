#include "models/record_list_model.h"

namespace flameblue::console {

RecordListModel::RecordListModel(QList<QByteArray> roles, QObject* parent)
    : QAbstractListModel(parent), m_roles(std::move(roles)) {}

int RecordListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : count();
}

QVariant RecordListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const int field = role == Qt::DisplayRole ? 0 : role - Qt::UserRole - 1;
    const QVariantList& record = m_records[index.row()];
    return field >= 0 && field < record.size() ? record[field] : QVariant();
}

QHash<int, QByteArray> RecordListModel::roleNames() const {
    QHash<int, QByteArray> names;
    for (int i = 0; i < m_roles.size(); ++i) {
        names.insert(Qt::UserRole + 1 + i, m_roles[i]);
    }
    return names;
}

QVariant RecordListModel::value(int row, const QByteArray& role) const {
    const int field = static_cast<int>(m_roles.indexOf(role));
    if (row < 0 || row >= count() || field < 0) {
        return {};
    }
    return m_records[row].value(field);
}

void RecordListModel::setRecords(QList<QVariantList> records) {
    const int common = static_cast<int>(std::min(m_records.size(), records.size()));
    for (int row = 0; row < common; ++row) {
        if (m_records[row] != records[row]) {
            m_records[row] = records[row];
            Q_EMIT dataChanged(index(row), index(row));
        }
    }
    if (records.size() > m_records.size()) {
        beginInsertRows({}, common, static_cast<int>(records.size()) - 1);
        for (auto i = common; i < records.size(); ++i) {
            m_records.append(records[i]);
        }
        endInsertRows();
        Q_EMIT countChanged();
    } else if (records.size() < m_records.size()) {
        beginRemoveRows({}, common, static_cast<int>(m_records.size()) - 1);
        m_records.resize(common);
        endRemoveRows();
        Q_EMIT countChanged();
    }
}

}  // namespace flameblue::console

#include "models/report_table_model.h"

#include <utility>

namespace flameblue::console {

ReportTableModel::ReportTableModel(QObject* parent) : QAbstractListModel(parent) {}

int ReportTableModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() || m_phases.empty())
        return 0;
    return static_cast<int>(m_report.groups.size()) + 1;
}

const ReportGroup& ReportTableModel::group(int row) const {
    if (row >= 0 && row < static_cast<int>(m_report.groups.size()))
        return m_report.groups[static_cast<std::size_t>(row)];
    return m_report.total;
}

QVariantMap ReportTableModel::cell(const PhaseFigures* figures) {
    QVariantMap out;
    const bool measured = figures && figures->count > 0;
    out.insert(QStringLiteral("measured"), measured);
    out.insert(QStringLiteral("count"),
               figures ? static_cast<qulonglong>(figures->count) : qulonglong{0});
    out.insert(QStringLiteral("p50"), ReportTexts::duration(figures ? figures->p50 : std::nullopt));
    out.insert(QStringLiteral("p80"), ReportTexts::duration(figures ? figures->p80 : std::nullopt));
    out.insert(QStringLiteral("p90"), ReportTexts::duration(figures ? figures->p90 : std::nullopt));
    out.insert(QStringLiteral("mean"),
               ReportTexts::duration(figures ? figures->mean : std::nullopt));
    out.insert(QStringLiteral("compliance"), figures && figures->threshold
                                                 ? ReportTexts::percent(figures->compliancePercent)
                                                 : QString());
    out.insert(QStringLiteral("complianceLevel"),
               ReportTexts::complianceKey(figures ? figures->compliance() : Compliance::None));
    return out;
}

QVariant ReportTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const bool total = row == static_cast<int>(m_report.groups.size());
    const ReportGroup& g = group(row);
    switch (role) {
        case KeyRole:
            return g.key;
        case LabelRole:
            return total ? m_totalLabel
                         : (static_cast<std::size_t>(row) < m_labels.size()
                                ? m_labels[static_cast<std::size_t>(row)].display
                                : g.key);
        case IncidentsRole:
            return static_cast<qulonglong>(g.incidents);
        case ResponsesRole:
            return static_cast<qulonglong>(g.responses);
        case TotalRole:
            return total;
        case CellsRole: {
            QVariantList cells;
            for (ReportPhase p : m_phases)
                cells.push_back(cell(g.figures(p)));
            return cells;
        }
        default:
            return {};
    }
}

QHash<int, QByteArray> ReportTableModel::roleNames() const {
    return {{KeyRole, "key"},
            {LabelRole, "label"},
            {IncidentsRole, "incidents"},
            {ResponsesRole, "responses"},
            {TotalRole, "total"},
            {CellsRole, "cells"}};
}

QVariantList ReportTableModel::columns() const {
    QVariantList out;
    for (ReportPhase p : m_phases) {
        const PhaseFigures* f = m_report.total.figures(p);
        QVariantMap c;
        c.insert(QStringLiteral("phase"), static_cast<int>(p));
        c.insert(QStringLiteral("name"), ReportTexts::phaseName(p));
        c.insert(QStringLiteral("threshold"), f ? ReportTexts::threshold(f->threshold) : QString());
        out.push_back(c);
    }
    return out;
}

void ReportTableModel::setReport(PhaseReport report, std::vector<ReportPhase> phases,
                                 std::vector<Label> labels, QString totalLabel) {
    beginResetModel();
    m_report = std::move(report);
    m_phases = std::move(phases);
    m_labels = std::move(labels);
    m_totalLabel = std::move(totalLabel);
    endResetModel();
    Q_EMIT changed();
}

void ReportTableModel::retranslate(std::vector<Label> labels, QString totalLabel) {
    m_labels = std::move(labels);
    m_totalLabel = std::move(totalLabel);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    Q_EMIT changed();
}

void ReportTableModel::clear() {
    beginResetModel();
    m_report = {};
    m_phases.clear();
    m_labels.clear();
    endResetModel();
    Q_EMIT changed();
}

}  // namespace flameblue::console

// The Reports view's table: one row per group (and the total last), one cell per phase shown,
// each with its fractiles, compliance (coloured against the threshold's fractile) and count.
#pragma once

#include <QAbstractListModel>
#include <QStringList>
#include <QVariantList>

#include <vector>

#include "models/phase_report.h"

namespace flameblue::console {

class ReportTableModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY changed)
    Q_PROPERTY(int groupCount READ groupCount NOTIFY changed)
    // The phases shown, in order: {phase, name, threshold}.
    Q_PROPERTY(QVariantList columns READ columns NOTIFY changed)

public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        LabelRole,
        IncidentsRole,
        ResponsesRole,
        TotalRole,
        // One map per column: p50, p80, p90, mean, compliance (texts), complianceLevel ("met",
        // "near", "missed", "none"), count, measured (bool).
        CellsRole,
    };
    Q_ENUM(Role)

    // The group's name in the display language and in each of the two (for bilingual
    // exports).
    struct Label {
        QString display;
        QString zh;
        QString en;
    };

    explicit ReportTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // A new report; `phases` are the columns, `labels` one per group of the report.
    void setReport(PhaseReport report, std::vector<ReportPhase> phases, std::vector<Label> labels,
                   QString totalLabel);
    // Texts again in the display language.
    void retranslate(std::vector<Label> labels, QString totalLabel);
    void clear();

    int count() const { return rowCount(); }
    int groupCount() const { return static_cast<int>(m_report.groups.size()); }
    QVariantList columns() const;

    const PhaseReport& report() const { return m_report; }
    const std::vector<ReportPhase>& phases() const { return m_phases; }
    const std::vector<Label>& labels() const { return m_labels; }
    QString totalLabel() const { return m_totalLabel; }
    // The row's group (the total for the last row).
    const ReportGroup& group(int row) const;

    // One cell as the view shows it.
    static QVariantMap cell(const PhaseFigures* figures);

Q_SIGNALS:
    void changed();

private:
    PhaseReport m_report;
    std::vector<ReportPhase> m_phases;
    std::vector<Label> m_labels;
    QString m_totalLabel;
};

}  // namespace flameblue::console

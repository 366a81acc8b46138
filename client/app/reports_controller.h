// What the Reports view's QML calls: the query (time range, grouping, phase), the Reports
// service's answer as the table and as chart data (p90 per group against the threshold, the
// fractile table, the trend by day or month), and the exports (CSV, HTML, PDF). Owned by
// ConsoleController.
#pragma once

#include <QtQml/qqml.h>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QVariantList>

#include <memory>
#include <optional>
#include <vector>

#include "app/reports_export.h"
#include "models/phase_report.h"
#include "models/report_table_model.h"
#include "net/reports_client.h"

namespace flameblue::console {

class ConsoleState;

class ReportsController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the console controller")
    Q_PROPERTY(flameblue::console::ReportTableModel* table READ table CONSTANT)
    // 0 last 24 hours, 1 last 7 days, 2 last 30 days, 3 this year, 4 custom.
    Q_PROPERTY(int rangePreset READ rangePreset WRITE setRangePreset NOTIFY queryChanged)
    // The custom range, "yyyy-MM-dd HH:mm" (or "yyyy-MM-dd") in the display zone.
    Q_PROPERTY(QString customFrom READ customFrom WRITE setCustomFrom NOTIFY queryChanged)
    Q_PROPERTY(QString customTo READ customTo WRITE setCustomTo NOTIFY queryChanged)
    // A ReportGrouping value.
    Q_PROPERTY(int grouping READ grouping WRITE setGrouping NOTIFY queryChanged)
    // A ReportPhase value, or 0 for every phase.
    Q_PROPERTY(int phase READ phase WRITE setPhase NOTIFY queryChanged)
    // Choices for the pickers, in the display language: [{value, name}].
    Q_PROPERTY(QVariantList rangePresets READ rangePresets NOTIFY languageChanged)
    Q_PROPERTY(QVariantList groupings READ groupings NOTIFY languageChanged)
    Q_PROPERTY(QVariantList phases READ phases NOTIFY languageChanged)

    Q_PROPERTY(bool loading READ loading NOTIFY stateChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY stateChanged)
    Q_PROPERTY(QString error READ error NOTIFY stateChanged)
    Q_PROPERTY(QString summary READ summary NOTIFY reportChanged)

    // The charts' phase (the one chosen, or first arrival / turnout when all are shown).
    Q_PROPERTY(int chartPhase READ chartPhase NOTIFY reportChanged)
    Q_PROPERTY(QString chartPhaseName READ chartPhaseName NOTIFY reportChanged)
    // p90 per group in minutes: [{label, value, measured, level}] (level as the table's).
    Q_PROPERTY(QVariantList bars READ bars NOTIFY reportChanged)
    // The chart phase's threshold in minutes and its fractile; -1 without one.
    Q_PROPERTY(double thresholdMinutes READ thresholdMinutes NOTIFY reportChanged)
    Q_PROPERTY(double thresholdFractile READ thresholdFractile NOTIFY reportChanged)
    // Cumulative percent per minute: [{label, points: [percent within 1, 2, ... minutes]}],
    // all incidents first, then the groups with the most cases.
    Q_PROPERTY(QVariantList fractileLines READ fractileLines NOTIFY reportChanged)
    // p90 (minutes) and compliance per day or month: [{label, value, compliance}].
    Q_PROPERTY(QVariantList trend READ trend NOTIFY reportChanged)
    Q_PROPERTY(bool trendByMonth READ trendByMonth NOTIFY reportChanged)

public:
    enum RangePreset { Last24Hours, Last7Days, Last30Days, ThisYear, Custom };
    Q_ENUM(RangePreset)

    static constexpr int kFractileLineGroups = 5;
    static constexpr int kTableMinutes = 20;
    static constexpr qint64 kTrendByDayMaxDays = 62;

    ReportsController(ConsoleState* state, ReportsClient::Settings settings,
                      QObject* parent = nullptr);
    ~ReportsController() override;

    ReportTableModel* table() { return &m_table; }
    int rangePreset() const { return m_rangePreset; }
    void setRangePreset(int preset);
    QString customFrom() const { return m_customFrom; }
    void setCustomFrom(const QString& text);
    QString customTo() const { return m_customTo; }
    void setCustomTo(const QString& text);
    int grouping() const { return static_cast<int>(m_grouping); }
    void setGrouping(int grouping);
    int phase() const { return m_phase; }
    void setPhase(int phase);
    QVariantList rangePresets() const;
    QVariantList groupings() const;
    QVariantList phases() const;

    bool loading() const { return m_mainRequest != 0 || m_trendRequest != 0; }
    bool loaded() const { return m_loaded; }
    QString error() const { return m_error; }
    QString summary() const;
    int chartPhase() const { return static_cast<int>(m_chartPhase); }
    QString chartPhaseName() const { return ReportTexts::phaseName(m_chartPhase); }
    QVariantList bars() const;
    double thresholdMinutes() const;
    double thresholdFractile() const;
    QVariantList fractileLines() const;
    QVariantList trend() const;
    bool trendByMonth() const { return m_trendByMonth; }

    // Asks the server for the report the query describes.
    Q_INVOKABLE void refresh();
    // Where an export goes unless the user says otherwise ("csv", "html", "pdf"), as a URL.
    Q_INVOKABLE QUrl suggestedFile(const QString& format) const;
    // Writes the report shown: "csv" (the table), "html" or "pdf" (with the charts, grabbed
    // from the given chart items). exportFinished tells how it went.
    Q_INVOKABLE void exportReport(const QUrl& file, const QString& format,
                                  const QVariantList& charts);
    // The date-time text in the display zone, for the custom range fields.
    Q_INVOKABLE QString rangeFieldText(qint64 ms) const;

    // The charts' titles: 0 p90 per group, 1 fractile table, 2 trend.
    Q_INVOKABLE QString chartTitle(int chart) const;

    // The display language changed: names and labels again.
    void retranslate();
    // The query's range, in ms since the epoch (0: open), or nullopt with the reason.
    std::optional<std::pair<qint64, qint64>> range(QString* why) const;

Q_SIGNALS:
    void queryChanged();
    void languageChanged();
    void stateChanged();
    void reportChanged();
    // `message` names the file written, or says why nothing was.
    void exportFinished(bool ok, const QString& message, const QString& path);

private:
    void onReport(int requestId, const PhaseReport& report);
    void onFailed(int requestId, int code, const QString& message);
    std::vector<ReportTableModel::Label> labels(const PhaseReport& report,
                                                ReportGrouping grouping) const;
    ReportTableModel::Label label(const QString& key, ReportGrouping grouping) const;
    QString trendLabel(const QString& key) const;
    QString rangeText() const;
    void setError(const QString& error);
    void writeExport(const QString& path, const QString& format, const std::vector<QImage>& images);

    ConsoleState* m_state;
    ReportsClient m_client;
    ReportExport m_export;
    ReportTableModel m_table;

    int m_rangePreset = Last7Days;
    QString m_customFrom;
    QString m_customTo;
    ReportGrouping m_grouping = ReportGrouping::City;
    int m_phase = 0;

    // The report shown and the query it answers.
    ReportGrouping m_shownGrouping = ReportGrouping::City;
    ReportPhase m_chartPhase = ReportPhase::FirstArrival;
    qint64 m_shownFromMs = 0;
    qint64 m_shownToMs = 0;
    PhaseReport m_trendReport;
    bool m_trendByMonth = false;
    // The query asked and not yet answered.
    ReportGrouping m_pendingGrouping = ReportGrouping::City;
    ReportPhase m_pendingChartPhase = ReportPhase::FirstArrival;
    bool m_pendingTrendByMonth = false;
    qint64 m_pendingFromMs = 0;
    qint64 m_pendingToMs = 0;
    int m_mainRequest = 0;
    int m_trendRequest = 0;
    bool m_loaded = false;
    QString m_error;
};

}  // namespace flameblue::console

// A response-time report as the console holds it: per group (city, station, unit, incident
// type, level, hour, day or month) and phase, the fractiles, the compliance with the phase's
// threshold and the fractile table (cumulative percent within each minute). Console types only:
// client/net maps the Reports service's reply into these.
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QVector>

#include <optional>
#include <vector>

namespace flameblue::console {

// The measured steps, numbered as the Reports service numbers them.
enum class ReportPhase {
    CallProcessing = 1,
    Turnout = 2,
    Travel = 3,
    FirstUnitTravel = 4,
    FullFirstAlarm = 5,
    FirstArrival = 6,
    AlarmToFirstArrival = 7,
    UnderControl = 8,
    Closed = 9,
};
inline constexpr int kFirstReportPhase = 1;
inline constexpr int kLastReportPhase = 9;

// How incidents are grouped, numbered as the Reports service numbers them.
enum class ReportGrouping {
    Province = 0,
    City = 1,
    Station = 2,
    Unit = 3,
    IncidentType = 4,
    Level = 5,
    HourOfDay = 6,
    Month = 7,
    Day = 8,
};

// How a compliance figure compares with its threshold's fractile (e.g. 90 % within 60 s).
enum class Compliance {
    None,    // no threshold, or nothing measured
    Met,     // reaches the fractile
    Near,    // within kNearPoints percentage points below it
    Missed,  // further below
};
inline constexpr double kNearPoints = 10.0;

struct PhaseThreshold {
    double seconds = 0;
    double fractile = 0;  // percent of cases
};

struct PhaseFigures {
    ReportPhase phase = ReportPhase::CallProcessing;
    quint64 count = 0;
    std::optional<double> p50;  // seconds; absent when nothing was measured
    std::optional<double> p80;
    std::optional<double> p90;
    std::optional<double> mean;
    std::optional<PhaseThreshold> threshold;
    std::optional<double> compliancePercent;
    bool compliant = false;
    // cumulativePercent[m] = percent of cases within m + 1 whole minutes.
    QVector<double> cumulativePercent;

    Compliance compliance() const;
};

struct ReportGroup {
    QString key;  // as the server names the group (city id, "07", "2026-03", ...)
    quint64 incidents = 0;
    quint64 responses = 0;
    std::vector<PhaseFigures> phases;

    // The figures of a phase, or null when the report has none for it.
    const PhaseFigures* figures(ReportPhase phase) const;
};

struct PhaseReport {
    std::vector<ReportGroup> groups;  // ordered by key
    ReportGroup total;
    QString thresholdSource;
    QString thresholdSourceZh;  // empty when the server's thresholds give none
    quint64 asOfSeq = 0;
};

// What to ask for. Times in milliseconds since the epoch; 0 leaves that end open.
struct PhaseReportQuery {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    ReportGrouping grouping = ReportGrouping::City;
    std::vector<ReportPhase> phases;  // empty: every phase
    int utcOffsetMinutes = 480;
    int tableMinutes = 15;
};

// Texts for reports, in the display language (tr) or in both.
class ReportTexts {
    Q_DECLARE_TR_FUNCTIONS(flameblue::console::ReportTexts)

public:
    // "1:05", "12:00", "135:20": whole minutes and seconds (rounded); "–" when absent.
    static QString duration(std::optional<double> seconds);
    // "87.5 %"; "–" when absent.
    static QString percent(std::optional<double> percent);
    // "≤ 1:00 for 90 %"; empty without a threshold.
    static QString threshold(const std::optional<PhaseThreshold>& threshold);
    static QString phaseName(ReportPhase phase);
    static QString groupingName(ReportGrouping grouping);
    // The untranslated source texts, for looking them up in another language's catalogue.
    static const char* phaseSource(ReportPhase phase);
    static const char* groupingSource(ReportGrouping grouping);
    // The name "compliance" takes for colours: "met", "near", "missed" or "none".
    static QString complianceKey(Compliance compliance);
};

}  // namespace flameblue::console

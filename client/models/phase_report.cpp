#include "models/phase_report.h"

#include <algorithm>
#include <cmath>

namespace flameblue::console {

namespace {
constexpr const char* kDash = "\u2013";
constexpr int kSecondsPerMinute = 60;
}  // namespace

Compliance PhaseFigures::compliance() const {
    if (!threshold || !compliancePercent || count == 0)
        return Compliance::None;
    if (*compliancePercent >= threshold->fractile)
        return Compliance::Met;
    if (*compliancePercent >= threshold->fractile - kNearPoints)
        return Compliance::Near;
    return Compliance::Missed;
}

const PhaseFigures* ReportGroup::figures(ReportPhase phase) const {
    for (const PhaseFigures& f : phases) {
        if (f.phase == phase)
            return &f;
    }
    return nullptr;
}

QString ReportTexts::duration(std::optional<double> seconds) {
    if (!seconds || !std::isfinite(*seconds))
        return QString::fromUtf8(kDash);
    const auto total = static_cast<qint64>(std::llround(std::max(0.0, *seconds)));
    return QStringLiteral("%1:%2")
        .arg(total / kSecondsPerMinute)
        .arg(total % kSecondsPerMinute, 2, 10, QLatin1Char('0'));
}

QString ReportTexts::percent(std::optional<double> percent) {
    if (!percent || !std::isfinite(*percent))
        return QString::fromUtf8(kDash);
    return tr("%1 %").arg(*percent, 0, 'f', 1);
}

QString ReportTexts::threshold(const std::optional<PhaseThreshold>& threshold) {
    if (!threshold)
        return {};
    return tr("≤ %1 for %2 %")
        .arg(duration(threshold->seconds))
        .arg(threshold->fractile, 0, 'g', 3);
}

const char* ReportTexts::phaseSource(ReportPhase phase) {
    switch (phase) {
        case ReportPhase::CallProcessing:
            return QT_TR_NOOP("Call processing");
        case ReportPhase::Turnout:
            return QT_TR_NOOP("Turnout");
        case ReportPhase::Travel:
            return QT_TR_NOOP("Travel");
        case ReportPhase::FirstUnitTravel:
            return QT_TR_NOOP("First unit travel");
        case ReportPhase::FullFirstAlarm:
            return QT_TR_NOOP("Full first alarm");
        case ReportPhase::FirstArrival:
            return QT_TR_NOOP("First arrival");
        case ReportPhase::AlarmToFirstArrival:
            return QT_TR_NOOP("Alarm to first arrival");
        case ReportPhase::UnderControl:
            return QT_TR_NOOP("Under control");
        case ReportPhase::Closed:
            return QT_TR_NOOP("Closed");
    }
    return "";
}

const char* ReportTexts::groupingSource(ReportGrouping grouping) {
    switch (grouping) {
        case ReportGrouping::Province:
            return QT_TR_NOOP("Province");
        case ReportGrouping::City:
            return QT_TR_NOOP("City");
        case ReportGrouping::Station:
            return QT_TR_NOOP("Station");
        case ReportGrouping::Unit:
            return QT_TR_NOOP("Unit");
        case ReportGrouping::IncidentType:
            return QT_TR_NOOP("Incident type");
        case ReportGrouping::Level:
            return QT_TR_NOOP("Level");
        case ReportGrouping::HourOfDay:
            return QT_TR_NOOP("Hour of day");
        case ReportGrouping::Month:
            return QT_TR_NOOP("Month");
        case ReportGrouping::Day:
            return QT_TR_NOOP("Day");
    }
    return "";
}

QString ReportTexts::phaseName(ReportPhase phase) {
    return tr(phaseSource(phase));
}

QString ReportTexts::groupingName(ReportGrouping grouping) {
    return tr(groupingSource(grouping));
}

QString ReportTexts::complianceKey(Compliance compliance) {
    switch (compliance) {
        case Compliance::Met:
            return QStringLiteral("met");
        case Compliance::Near:
            return QStringLiteral("near");
        case Compliance::Missed:
            return QStringLiteral("missed");
        case Compliance::None:
            break;
    }
    return QStringLiteral("none");
}

}  // namespace flameblue::console

#include "models/recommendation_model.h"

#include <cmath>

#include "models/catalog.h"

namespace flameblue::console {

namespace pb = ::flameblue::v1;

namespace {
constexpr double kSecondsPerMinute = 60;
constexpr double kMetersPerKm = 1000;
constexpr int kAlternativesShown = 2;
}  // namespace

RecommendationModel::RecommendationModel(const ModelContext* context, QObject* parent)
    : QAbstractListModel(parent), m_context(context) {}

int RecommendationModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_recommendation.slots_size();
}

QString RecommendationModel::durationText(double seconds) {
    if (seconds < 0) {
        return {};
    }
    const qint64 total = std::llround(seconds);
    if (total < static_cast<qint64>(kSecondsPerMinute)) {
        return tr("%1 s").arg(total);
    }
    return tr("%1 min %2 s").arg(total / 60).arg(total % 60);
}

QString RecommendationModel::etaDetail(const pb::TravelEstimate& eta) const {
    const QString km = QString::number(eta.route_m() / kMetersPerKm, 'f', 1);
    const QString speed = QString::number(std::lround(eta.speed_kmh()));
    if (eta.mode() == "air") {
        return tr("%1 to launch, %2 km at %3 km/h")
            .arg(durationText(eta.start_delay_s()), km, speed);
    }
    return tr("%1 turnout, %2 km by road at %3 km/h")
        .arg(durationText(eta.start_delay_s()), km, speed);
}

QString RecommendationModel::positionSourceText(const pb::Candidate& candidate) const {
    switch (candidate.position_source()) {
        case pb::POSITION_SOURCE_LAST_FIX:
            return tr("from its last position");
        case pb::POSITION_SOURCE_HOME_STATION:
            return tr("from its station");
        case pb::POSITION_SOURCE_HOME_STATION_STALE_FIX:
            return tr("from its station (last position too old)");
        default:
            return {};
    }
}

QString RecommendationModel::alternativesText(const pb::Slot& slot) const {
    QStringList parts;
    for (const pb::Candidate& c : slot.alternatives()) {
        if (parts.size() == kAlternativesShown) {
            break;
        }
        parts.append(
            QStringLiteral("%1 %2").arg(callsignOf(c.unit_id()), durationText(c.eta().total_s())));
    }
    return parts.join(listSeparator());
}

QVariant RecommendationModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const pb::Slot& slot = m_recommendation.slots(index.row());
    const pb::Candidate& pick = slot.pick();
    const bool filled = !pick.unit_id().empty();
    switch (role) {
        case SlotIndexRole:
            return slot.index();
        case CapabilityRole:
            return QString::fromStdString(slot.capability());
        case Qt::DisplayRole:
        case CapabilityNameRole:
            return capabilityName(slot.capability());
        case AirRole:
            return slot.air();
        case NoteRole:
            return QString::fromStdString(slot.note());
        case UnitIdRole:
            return QString::fromStdString(pick.unit_id());
        case CallsignRole:
            return filled ? callsignOf(pick.unit_id()) : QString();
        case UnitNameRole:
            return m_context->pick(pick.name_zh(), pick.name_en());
        case IsAircraftRole:
            return pick.is_aircraft();
        case EtaSecondsRole:
            return filled ? pick.eta().total_s() : -1.0;
        case EtaTextRole:
            return filled ? durationText(pick.eta().total_s()) : QString();
        case EtaDetailRole:
            return filled ? etaDetail(pick.eta()) : QString();
        case PositionSourceTextRole:
            return filled ? positionSourceText(pick) : QString();
        case ExplanationRole:
            return filled ? explanationText(slot) : QString();
        case LateRole:
            return slot.explanation().late();
        case ShortfallRole:
            return !filled || slot.has_shortfall();
        case ShortfallTextRole:
            return shortfallText(slot);
        case AlternativesTextRole:
            return alternativesText(slot);
        case ChosenRole:
            return filled && m_chosen[static_cast<std::size_t>(index.row())];
        default:
            return {};
    }
}

QHash<int, QByteArray> RecommendationModel::roleNames() const {
    return {
        {SlotIndexRole, "slotIndex"},
        {CapabilityRole, "capability"},
        {CapabilityNameRole, "capabilityName"},
        {AirRole, "air"},
        {NoteRole, "note"},
        {UnitIdRole, "unitId"},
        {CallsignRole, "callsign"},
        {UnitNameRole, "unitName"},
        {IsAircraftRole, "isAircraft"},
        {EtaSecondsRole, "etaSeconds"},
        {EtaTextRole, "etaText"},
        {EtaDetailRole, "etaDetail"},
        {PositionSourceTextRole, "positionSourceText"},
        {ExplanationRole, "explanation"},
        {LateRole, "late"},
        {ShortfallRole, "shortfall"},
        {ShortfallTextRole, "shortfallText"},
        {AlternativesTextRole, "alternativesText"},
        {ChosenRole, "chosen"},
    };
}

void RecommendationModel::setLoading(const QString& incidentId) {
    beginResetModel();
    m_incidentId = incidentId;
    m_recommendation.Clear();
    m_chosen.clear();
    m_loaded = false;
    m_loading = true;
    m_error.clear();
    endResetModel();
    Q_EMIT changed();
    Q_EMIT chosenChanged();
}

void RecommendationModel::setRecommendation(const pb::Recommendation& recommendation) {
    // A fresh answer replaces the old one as a whole: a reset on request, not per event.
    beginResetModel();
    m_recommendation = recommendation;
    m_incidentId = QString::fromStdString(recommendation.incident_id());
    m_chosen.assign(static_cast<std::size_t>(recommendation.slots_size()), true);
    m_loaded = true;
    m_loading = false;
    m_error.clear();
    endResetModel();
    Q_EMIT changed();
    Q_EMIT chosenChanged();
}

void RecommendationModel::setError(const QString& message) {
    m_loading = false;
    m_error = message;
    Q_EMIT changed();
}

void RecommendationModel::clear() {
    setLoading({});
    m_loading = false;
    Q_EMIT changed();
}

void RecommendationModel::refreshNames() {
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    }
    Q_EMIT changed();
}

void RecommendationModel::setChosen(int row, bool chosen) {
    if (row < 0 || row >= rowCount() || m_chosen[static_cast<std::size_t>(row)] == chosen) {
        return;
    }
    m_chosen[static_cast<std::size_t>(row)] = chosen;
    Q_EMIT dataChanged(index(row), index(row), {ChosenRole});
    Q_EMIT chosenChanged();
}

QString RecommendationModel::totalText() const {
    if (!m_loaded || m_recommendation.slots_size() == 0) {
        return {};
    }
    // The latest first arrival over the picks (the server's bottleneck), never the sum of the
    // arrivals: the picks travel at the same time.
    const int filled = m_recommendation.filled_slots();
    const int slots = m_recommendation.slots_size();
    if (filled == 0 || !m_recommendation.has_bottleneck_s()) {
        return tr("%1 of %2 slots filled").arg(filled).arg(slots);
    }
    const QString latest = durationText(m_recommendation.bottleneck_s());
    if (filled == slots) {
        return tr("%1 of %2 slots filled, all on scene within %3")
            .arg(filled)
            .arg(slots)
            .arg(latest);
    }
    return tr("%1 of %2 slots filled, those on scene within %3").arg(filled).arg(slots).arg(latest);
}

QString RecommendationModel::coverageText() const {
    const pb::CoverageImpact& c = m_recommendation.coverage();
    if (!m_loaded || !c.computed()) {
        return {};
    }
    if (c.stations_affected() == 0) {
        return tr("Coverage: every station area keeps a unit within %1.")
            .arg(durationText(c.circle_s()));
    }
    return tr("Coverage: %n station area(s) would lose their unit within %1.", nullptr,
              c.stations_affected())
        .arg(durationText(c.circle_s()));
}

QStringList RecommendationModel::coverageGaps() const {
    QStringList gaps;
    for (const pb::CoverageGap& g : m_recommendation.coverage().gaps()) {
        gaps.append(gapText(g, m_recommendation.coverage().circle_s()));
    }
    return gaps;
}

QStringList RecommendationModel::unitIds() const {
    QStringList ids;
    for (const std::string& id : m_recommendation.unit_ids()) {
        ids.append(QString::fromStdString(id));
    }
    return ids;
}

QStringList RecommendationModel::chosenUnitIds() const {
    QStringList ids;
    for (int row = 0; row < rowCount(); ++row) {
        const std::string& id = m_recommendation.slots(row).pick().unit_id();
        if (!id.empty() && m_chosen[static_cast<std::size_t>(row)]) {
            ids.append(QString::fromStdString(id));
        }
    }
    return ids;
}

}  // namespace flameblue::console

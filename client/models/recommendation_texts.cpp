// RecommendationModel's explanations in the display language. The server explains in English
// (its `text` fields, for logs and tools); the console composes the same facts from the
// structured fields of the Recommendation so that a Chinese desk reads Chinese.
#include <cmath>

#include "models/catalog.h"
#include "models/recommendation_model.h"
#include "models/station_list_model.h"
#include "models/unit_list_model.h"

namespace flameblue::console {

namespace pb = ::flameblue::v1;

namespace {
constexpr double kMetersPerKm = 1000;
constexpr double kOneDecimalBelowKm = 10;
constexpr double kSameTimeSeconds = 0.5;
constexpr double kNoMountainFactor = 1.0;
}  // namespace

void RecommendationModel::setLookups(const UnitListModel* units, const UnitListModel* aircraft,
                                     const StationListModel* stations) {
    m_units = units;
    m_aircraft = aircraft;
    m_stations = stations;
}

QString RecommendationModel::distanceText(double meters) {
    if (meters < kMetersPerKm) {
        return tr("%1 m").arg(std::lround(meters));
    }
    const double km = meters / kMetersPerKm;
    return tr("%1 km").arg(QString::number(km, 'f', km < kOneDecimalBelowKm ? 1 : 0));
}

QString RecommendationModel::listSeparator() const {
    return m_context->english ? QStringLiteral(", ") : QStringLiteral("、");
}

QString RecommendationModel::sentenceSeparator() const {
    // Chinese sentences end in a full-width stop and follow each other without a space.
    return m_context->english ? QStringLiteral(" ") : QString();
}

QString RecommendationModel::capabilityName(const std::string& capability) const {
    return m_context->catalog
               ? m_context->catalog->name(Catalog::Vocabulary::Capability, capability)
               : QString::fromStdString(capability);
}

QString RecommendationModel::callsignOf(const std::string& unitId) const {
    for (const UnitListModel* model : {m_units, m_aircraft}) {
        if (model == nullptr) {
            continue;
        }
        if (const int row = model->rowOf(unitId); row >= 0) {
            return model->index(row).data(UnitListModel::CallsignRole).toString();
        }
    }
    for (const pb::Slot& s : m_recommendation.slots()) {
        if (s.pick().unit_id() == unitId) {
            return QString::fromStdString(s.pick().callsign());
        }
        for (const pb::Candidate& c : s.alternatives()) {
            if (c.unit_id() == unitId) {
                return QString::fromStdString(c.callsign());
            }
        }
        if (s.shortfall().best_partial().unit_id() == unitId) {
            return QString::fromStdString(s.shortfall().best_partial().callsign());
        }
    }
    for (const pb::CoverageGap& g : m_recommendation.coverage().gaps()) {
        if (g.move_up().unit_id() == unitId) {
            return QString::fromStdString(g.move_up().callsign());
        }
    }
    return QString::fromStdString(unitId);
}

QString RecommendationModel::stationNameOf(const std::string& stationId) const {
    if (m_stations != nullptr) {
        if (const int row = m_stations->rowOf(stationId); row >= 0) {
            return m_stations->index(row).data(StationListModel::NameRole).toString();
        }
    }
    return QString::fromStdString(stationId);
}

QString RecommendationModel::airText(const pb::Candidate& pick) const {
    QStringList parts;
    if (pick.has_water_drop()) {
        const pb::WaterDropPlan& w = pick.water_drop();
        if (w.dip_site_id().empty()) {
            parts.append(tr("No dip site is known, so no drop cycle."));
        } else {
            QString drop =
                tr("Dips at %1 (%2 from the fire): a drop every %3, %4 drops/h, first drop "
                   "after %5")
                    .arg(m_context->pick(w.dip_site_name_zh(), w.dip_site_name_en()),
                         distanceText(w.dip_to_fire_m()), durationText(w.cycle_s()),
                         QString::number(w.drops_per_hour(), 'f', 1),
                         durationText(w.first_drop_s()));
            if (w.has_drops_within_endurance()) {
                drop += tr(", %n drop(s) within endurance", nullptr, w.drops_within_endurance());
            }
            parts.append(drop + tr("."));
        }
    }
    const pb::EnduranceCheck& e = pick.endurance();
    if (!e.known()) {
        parts.append(tr("Endurance unknown for its type."));
    } else {
        parts.append(tr("Endurance allows %1 over the scene (out %2, back %3, reserve %4).")
                         .arg(durationText(std::max(0.0, e.working_s())),
                              durationText(e.transit_out_s()), durationText(e.return_s()),
                              durationText(e.reserve_s())));
    }
    return parts.join(sentenceSeparator());
}

QString RecommendationModel::explanationText(const pb::Slot& slot) const {
    const pb::Candidate& pick = slot.pick();
    const pb::PickExplanation& e = slot.explanation();
    QStringList parts;
    // Why this unit first: the panel shows two lines, the rest on hover.
    if (!e.next_alternative_unit_id().empty() && e.margin_s() < kSameTimeSeconds) {
        parts.append(tr("%1, the next available, would arrive at the same time.")
                         .arg(callsignOf(e.next_alternative_unit_id())));
    } else if (!e.next_alternative_unit_id().empty()) {
        parts.append(
            tr("Arrives %1 before %2, the next available.")
                .arg(durationText(e.margin_s()), callsignOf(e.next_alternative_unit_id())));
    } else {
        parts.append(tr("No other free unit for this slot is within reach."));
    }
    if (!e.faster_unit_id().empty() && e.has_faster_unit_slot_index() &&
        e.faster_unit_slot_index() >= 0 &&
        e.faster_unit_slot_index() < m_recommendation.slots_size()) {
        const pb::Slot& other = m_recommendation.slots(e.faster_unit_slot_index());
        parts.append(
            tr("%1 would arrive %2 sooner but is sent for slot %3 (%4).")
                .arg(callsignOf(e.faster_unit_id()), durationText(e.faster_unit_seconds_sooner()),
                     QString::number(other.index() + 1), capabilityName(other.capability())));
    }
    if (e.late()) {
        parts.append(tr("Later than the run card's target of %1 by %2.")
                         .arg(durationText(slot.max_arrival_s()), durationText(e.late_by_s())));
    }
    if (pick.air_substitute()) {
        QString reason;
        switch (slot.aviation()) {
            case pb::AVIATION_REASON_PLAN_ASKS_FOR_AIR:
                reason = tr("the run card asks for aircraft");
                break;
            case pb::AVIATION_REASON_INCIDENT_TYPE:
                reason = tr("aircraft always compete for this incident type");
                break;
            case pb::AVIATION_REASON_GROUND_BEYOND_THRESHOLD:
                reason = tr("the best ground arrival is beyond the aviation threshold");
                break;
            default:
                break;
        }
        parts.append(tr("An aircraft with %1 stands in for %2 (%3).")
                         .arg(capabilityName(pick.capability_used()),
                              capabilityName(slot.capability()), reason));
    }
    const pb::TravelEstimate& eta = pick.eta();
    parts.append(tr("%1 in a straight line.").arg(distanceText(eta.great_circle_m())));
    if (eta.mountain_factor() > kNoMountainFactor) {
        parts.append(tr("Mountain roads: travel time x%1.")
                         .arg(QString::number(eta.mountain_factor(), 'f', 2)));
    }
    if (pick.is_aircraft()) {
        parts.append(airText(pick));
    }
    return parts.join(sentenceSeparator());
}

QString RecommendationModel::shortfallText(const pb::Slot& slot) const {
    if (!slot.has_shortfall()) {
        return slot.pick().unit_id().empty() ? tr("No unit could be found for this slot.")
                                             : QString();
    }
    const pb::Shortfall& s = slot.shortfall();
    QString reason;
    switch (s.reason()) {
        case pb::SHORTFALL_REASON_NO_UNIT_WITH_CAPABILITY:
            reason = tr("no unit anywhere has %1").arg(capabilityName(slot.capability()));
            break;
        case pb::SHORTFALL_REASON_ALL_COMMITTED:
            reason = tr("all %1 units with it are committed (%2) or out of service (%3)")
                         .arg(s.units_with_capability())
                         .arg(s.committed())
                         .arg(s.out_of_service());
            break;
        case pb::SHORTFALL_REASON_ALL_STALE:
            reason = tr("the free units with it can only be placed by stale positions (%1)")
                         .arg(s.stale());
            break;
        case pb::SHORTFALL_REASON_UNDERSTAFFED:
            reason = tr("the free units with it are understaffed (%1)").arg(s.understaffed());
            break;
        case pb::SHORTFALL_REASON_BEYOND_DISTANCE_CAP:
            reason = tr("no free unit with it within the distance limit (%1 beyond)")
                         .arg(s.beyond_cap());
            break;
        case pb::SHORTFALL_REASON_BEYOND_ENDURANCE:
            reason = tr("no aircraft with it has the endurance for the round trip with reserve");
            break;
        case pb::SHORTFALL_REASON_TAKEN_BY_OTHER_SLOTS:
            reason = tr("every free unit with it (%1) is needed for other slots of this plan")
                         .arg(s.taken_by_other_slots());
            break;
        default:
            reason = tr("no suitable unit");
            break;
    }
    QString out = tr("No unit: %1.").arg(reason);
    if (s.has_best_partial() && !s.best_partial().unit_id().empty()) {
        const pb::Candidate& c = s.best_partial();
        out += sentenceSeparator() + tr("Closest: %1, %2 away, would arrive in %3.")
                                         .arg(callsignOf(c.unit_id()),
                                              distanceText(c.eta().great_circle_m()),
                                              durationText(c.eta().total_s()));
    }
    return out;
}

QString RecommendationModel::gapText(const pb::CoverageGap& gap, double circleSeconds) const {
    QStringList covering;
    for (const std::string& id : gap.lost_cover_unit_ids()) {
        covering.append(callsignOf(id));
    }
    QString out = tr("%1 would have no unit within %2 (now covered by %3).")
                      .arg(m_context->pick(gap.station_name_zh(), gap.station_name_en()),
                           durationText(circleSeconds), covering.join(listSeparator()));
    if (gap.has_move_up() && !gap.move_up().unit_id().empty()) {
        const pb::MoveUp& m = gap.move_up();
        out += sentenceSeparator() +
               tr("Move up %1 from %2 to %3: %4, %5.")
                   .arg(callsignOf(m.unit_id()), stationNameOf(m.from_station_id()),
                        stationNameOf(m.to_station_id()), distanceText(m.eta().great_circle_m()),
                        durationText(m.eta().total_s()));
    } else if (!gap.covered_by_move_up_of_unit_id().empty()) {
        out += sentenceSeparator() + tr("Covered by the move-up of %1.")
                                         .arg(callsignOf(gap.covered_by_move_up_of_unit_id()));
    } else {
        out += sentenceSeparator() + tr("No unit can move up without opening another gap.");
    }
    return out;
}

}  // namespace flameblue::console

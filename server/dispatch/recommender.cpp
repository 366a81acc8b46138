#include "dispatch/recommender.h"

#include <algorithm>
#include <map>
#include <utility>

#include "core/decide.h"
#include "dispatch/assignment.h"
#include "dispatch/candidate_search.h"
#include "dispatch/coverage.h"
#include "dispatch/explain.h"

namespace flameblue::dispatch {

namespace {

// The incident or draft a request is about, checked.
struct Subject {
    const core::Incident* incident = nullptr;
    std::string type;
    int level = 0;
    core::LatLon position;
    core::TimeMs now = 0;
};

core::Result<Subject> resolve(const ResponsePlans& plans, const UnitIndex& index,
                              const core::State& state, const RecommendRequest& req) {
    Subject s;
    if (req.incidentId) {
        if (req.incidentId->empty()) {
            return core::invalidArgument("incident_id: expected an incident id, got \"\"");
        }
        s.incident = state.incident(*req.incidentId);
        if (s.incident == nullptr) {
            return core::notFound("incident_id: no incident \"" + *req.incidentId + "\"");
        }
        if (s.incident->status == core::IncidentStatus::Closed) {
            return core::failedPrecondition("incident \"" + *req.incidentId +
                                            "\" is closed: nothing to recommend");
        }
    }
    s.type = !req.type.empty() ? req.type : (s.incident ? s.incident->type : std::string());
    if (plans.find(s.type) == nullptr) {
        std::string known;
        for (const auto& p : plans.plans) {
            known += (known.empty() ? "" : ", ") + p.incidentType;
        }
        return core::invalidArgument((s.type.empty()
                                          ? std::string("type: required for a draft")
                                          : "type: unknown incident type \"" + s.type + "\"") +
                                     " (expected one of " + known + ")");
    }
    s.level = req.level != 0 ? req.level : (s.incident ? s.incident->level : 0);
    if (s.level < core::kMinIncidentLevel || s.level > core::kMaxIncidentLevel) {
        return core::invalidArgument(
            "level: expected an integer in [" + std::to_string(core::kMinIncidentLevel) + ", " +
            std::to_string(core::kMaxIncidentLevel) + "], got " + std::to_string(req.level));
    }
    if (!req.position && s.incident == nullptr) {
        return core::invalidArgument("position: required for a draft");
    }
    s.position = req.position.value_or(s.incident ? s.incident->position : core::LatLon{});
    if (auto ok = core::validatePosition(s.position, "position"); !ok) {
        return ok.error();
    }
    if (req.now < 0) {
        return core::invalidArgument("now: expected milliseconds since 1970, got " +
                                     std::to_string(req.now));
    }
    s.now = req.now != 0 ? req.now : index.builtAt();
    return s;
}

// Escalation: which slots units already on the incident fill (a maximum matching, so that a
// ladder that is also an engine does not leave the ladder slot open).
class CoverMatcher {
public:
    CoverMatcher(const std::vector<SlotSpec>& slots, std::vector<const core::Unit*> units,
                 const AviationConfig& aviation)
        : m_slots(slots),
          m_units(std::move(units)),
          m_aviation(aviation),
          m_slotOfUnit(m_units.size(), -1) {}

    // unitForSlot[s] is the index in `units`, or -1.
    std::vector<int> run() {
        for (std::size_t s = 0; s < m_slots.size(); ++s) {
            m_visited.assign(m_units.size(), false);
            augment(static_cast<int>(s));
        }
        std::vector<int> unitForSlot(m_slots.size(), -1);
        for (std::size_t u = 0; u < m_units.size(); ++u) {
            if (m_slotOfUnit[u] >= 0) {
                unitForSlot[static_cast<std::size_t>(m_slotOfUnit[u])] = static_cast<int>(u);
            }
        }
        return unitForSlot;
    }

private:
    bool fits(const core::Unit& u, const SlotSpec& slot) const {
        const auto& caps = u.spec.capabilities;
        const bool aircraft = u.spec.kind == core::UnitKind::Aircraft;
        if (slot.air && !aircraft) {
            return false;
        }
        if (std::find(caps.begin(), caps.end(), slot.capability) != caps.end()) {
            return true;
        }
        const std::string_view eq = m_aviation.airEquivalent(slot.capability);
        return aircraft && !eq.empty() && std::find(caps.begin(), caps.end(), eq) != caps.end();
    }

    bool augment(int slot) {
        for (std::size_t u = 0; u < m_units.size(); ++u) {
            if (m_visited[u] || !fits(*m_units[u], m_slots[static_cast<std::size_t>(slot)])) {
                continue;
            }
            m_visited[u] = true;
            if (m_slotOfUnit[u] < 0 || augment(m_slotOfUnit[u])) {
                m_slotOfUnit[u] = slot;
                return true;
            }
        }
        return false;
    }

    const std::vector<SlotSpec>& m_slots;
    std::vector<const core::Unit*> m_units;
    const AviationConfig& m_aviation;
    std::vector<int> m_slotOfUnit;
    std::vector<bool> m_visited;
};

// Fills `rec.alreadyCovered`, returns the slots still to fill and the units on the incident.
std::vector<SlotSpec> splitCovered(const std::vector<SlotSpec>& slots, const Subject& s,
                                   const core::State& state, const UnitIndex& index,
                                   const AviationConfig& aviation, Recommendation& rec,
                                   std::vector<std::uint32_t>& onIncident) {
    if (s.incident == nullptr) {
        return slots;
    }
    std::vector<const core::Unit*> units;
    for (const auto& a : s.incident->assignments) {
        const core::Unit* u = a.active() ? state.unit(a.unitId) : nullptr;
        if (u == nullptr) {
            continue;
        }
        units.push_back(u);
        if (const auto i = index.find(a.unitId)) {
            onIncident.push_back(*i);
        }
    }
    std::sort(onIncident.begin(), onIncident.end());
    const std::vector<int> cover = CoverMatcher(slots, units, aviation).run();
    std::vector<SlotSpec> open;
    for (std::size_t k = 0; k < slots.size(); ++k) {
        if (cover[k] >= 0) {
            rec.alreadyCovered.push_back(
                {slots[k], units[static_cast<std::size_t>(cover[k])]->spec.id});
        } else {
            open.push_back(slots[k]);
        }
    }
    return open;
}

using SearchKey = std::pair<std::string, bool>;  // capability, air slot

struct Plan {
    std::vector<SlotSpec> slots;
    std::vector<const SlotCandidates*> candidates;  // per slot
    std::map<SearchKey, SlotCandidates> searches;
    AssignmentProblem problem;
    std::vector<std::uint32_t> unitOfColumn;
};

// Tie-breaks of under a second between assignments equal on arrival times: an earlier slot of
// the run card (the first-due engine) is filled first and gets the earlier arrival, and a plain
// unit goes before a specialist that is just as fast. The fill bonus outweighs the time weight
// for any arrival under a day.
constexpr double kEarlierSlotTimeWeight = 1e-6;
constexpr double kEarlierSlotFillSeconds = 0.5;
constexpr double kPerCapabilitySeconds = 1e-3;

void buildProblem(const RequestContext& ctx, const std::string& type, std::size_t k, Plan& plan) {
    std::map<std::uint32_t, int> columnOfUnit;
    plan.problem.slots.resize(plan.slots.size());
    const auto n = static_cast<double>(plan.slots.size());
    for (std::size_t i = 0; i < plan.slots.size(); ++i) {
        const SlotSpec& slot = plan.slots[i];
        const SearchKey key{slot.capability, slot.air};
        auto it = plan.searches.find(key);
        if (it == plan.searches.end()) {
            it = plan.searches.emplace(key, findCandidates(ctx, slot, type, k)).first;
        }
        plan.candidates.push_back(&it->second);
        for (const Evaluation& e : it->second.ranked) {
            const auto [col, added] =
                columnOfUnit.emplace(e.unit, static_cast<int>(plan.unitOfColumn.size()));
            if (added) {
                plan.unitOfColumn.push_back(e.unit);
            }
            const double weight = (n - static_cast<double>(i)) / n;
            const auto caps = static_cast<double>(ctx.index.unit(e.unit).capabilities.size());
            plan.problem.slots[i].push_back(
                {col->second, e.etaSeconds,
                 weight * (kEarlierSlotTimeWeight * e.etaSeconds - kEarlierSlotFillSeconds) +
                     kPerCapabilitySeconds * caps});
        }
    }
    plan.problem.unitCount = static_cast<int>(plan.unitOfColumn.size());
}

// The pick's explanation and alternatives; `slotOfUnit` maps picked unit -> slot position.
void explainPick(const RequestContext& ctx, const SlotCandidates& cands, const Evaluation& pick,
                 const std::map<std::uint32_t, int>& slotOfUnit, std::size_t alternatives,
                 SlotRecommendation& out) {
    PickExplanation& e = out.explanation;
    for (const Evaluation& other : cands.ranked) {
        if (other.unit == pick.unit) {
            continue;
        }
        const auto taken = slotOfUnit.find(other.unit);
        if (taken != slotOfUnit.end()) {
            if (!e.fasterUnitId && other.etaSeconds < pick.etaSeconds) {
                e.fasterUnitId = std::string(ctx.index.unit(other.unit).id);
                e.fasterUnitSlotIndex = taken->second;
                e.fasterUnitSecondsSooner = pick.etaSeconds - other.etaSeconds;
            }
            continue;
        }
        if (out.alternatives.size() < alternatives) {
            out.alternatives.push_back(describeCandidate(ctx, other));
        }
    }
    if (!out.alternatives.empty()) {
        e.nextAlternativeUnitId = out.alternatives.front().unitId;
        e.marginSeconds = out.alternatives.front().eta.totalSeconds - pick.etaSeconds;
    }
    if (out.slot.maxArrivalSeconds && pick.etaSeconds > *out.slot.maxArrivalSeconds) {
        e.late = true;
        e.lateBySeconds = pick.etaSeconds - *out.slot.maxArrivalSeconds;
    }
}

// Turns the assignment into the recommendation's slots: picks with their explanations and
// alternatives, shortfalls with their reasons. Returns the picked unit indices.
std::vector<std::uint32_t> writeSlots(const RequestContext& ctx, const Plan& plan,
                                      const AssignmentResult& assigned, std::size_t alternatives,
                                      Recommendation& rec) {
    std::map<std::uint32_t, int> slotOfUnit;
    for (std::size_t i = 0; i < plan.slots.size(); ++i) {
        if (assigned.unitForSlot[i] >= 0) {
            slotOfUnit.emplace(plan.unitOfColumn[static_cast<std::size_t>(assigned.unitForSlot[i])],
                               static_cast<int>(i));
        }
    }
    std::vector<std::uint32_t> picked;
    for (std::size_t i = 0; i < plan.slots.size(); ++i) {
        SlotRecommendation out;
        out.slot = plan.slots[i];
        const SlotCandidates& cands = *plan.candidates[i];
        out.aviation = cands.aviation;
        if (assigned.unitForSlot[i] < 0) {
            out.shortfall = diagnoseShortfall(ctx, out.slot, cands);
            ++rec.shortfalls;
            rec.slots.push_back(std::move(out));
            continue;
        }
        const std::uint32_t unit =
            plan.unitOfColumn[static_cast<std::size_t>(assigned.unitForSlot[i])];
        const auto pick = std::find_if(cands.ranked.begin(), cands.ranked.end(),
                                       [&](const Evaluation& e) { return e.unit == unit; });
        out.pick = describeCandidate(ctx, *pick);
        explainPick(ctx, cands, *pick, slotOfUnit, alternatives, out);
        picked.push_back(unit);
        rec.unitIds.push_back(out.pick->unitId);
        ++rec.filledSlots;
        rec.slots.push_back(std::move(out));
    }
    for (auto& slot : rec.slots) {
        if (slot.pick) {
            slot.explanation.text = describePick(slot, slot.explanation, rec.slots);
        }
    }
    return picked;
}

}  // namespace

Recommender::Recommender(const data::Dataset& dataset, ResponsePlans plans,
                         TravelModelConfig config)
    : m_plans(std::move(plans)),
      m_config(std::move(config)),
      m_aircraftTypes(dataset.aircraftTypes),
      m_ground(m_config.ground),
      m_air(m_config.air, dataset.launchDelayHotMin, dataset.launchDelayNormalMin,
            dataset.aircraftTypes) {
    for (const auto& u : dataset.units) {
        if (!u.readiness.empty()) {
            m_readiness.emplace(u.spec.id, u.readiness);
        }
    }
}

core::Result<Recommender> Recommender::load(const std::filesystem::path& dir,
                                            const data::Dataset& dataset) {
    auto plans = loadResponsePlans(dir, dataset);
    auto config = loadTravelModelConfig(dir, dataset);
    if (!plans.ok() || !config.ok()) {
        std::string message;
        for (const core::Error* e :
             {plans.ok() ? nullptr : &plans.error(), config.ok() ? nullptr : &config.error()}) {
            if (e != nullptr) {
                message += (message.empty() ? "" : "\n") + e->message;
            }
        }
        return core::invalidArgument(message);
    }
    return Recommender(dataset, std::move(plans).value(), std::move(config).value());
}

std::shared_ptr<UnitIndex> Recommender::index(const core::State& state, core::TimeMs now) const {
    const IndexContext context{
        m_ground, m_air, m_config,
        [this](const core::Id& id) {
            const auto it = m_readiness.find(id);
            return it == m_readiness.end() ? std::string_view() : std::string_view(it->second);
        },
        [this](std::string_view type) -> const data::AircraftType* {
            const auto it = std::find_if(m_aircraftTypes.begin(), m_aircraftTypes.end(),
                                         [&](const data::AircraftType& t) { return t.id == type; });
            return it == m_aircraftTypes.end() ? nullptr : &*it;
        }};
    return UnitIndex::build(state, now, context);
}

core::Result<Recommendation> Recommender::recommend(const core::State& state,
                                                    const RecommendRequest& request) const {
    const auto ix = index(state, request.now != 0 ? request.now : state.lastEventTime());
    return recommend(*ix, state, request);
}

core::Result<Recommendation> Recommender::recommend(const UnitIndex& index,
                                                    const core::State& state,
                                                    const RecommendRequest& request) const {
    auto subject = resolve(m_plans, index, state, request);
    if (!subject.ok()) {
        return subject.error();
    }
    const Subject& s = *subject;
    Recommendation rec;
    if (s.incident != nullptr) {
        rec.incidentId = s.incident->id;
    }
    rec.incidentType = s.type;
    rec.level = s.level;
    rec.position = s.position;
    rec.now = s.now;
    rec.stateSeq = index.stateSeq();

    RequestContext ctx{index, m_ground, m_air, m_config, s.position, s.now, {}, nullptr};
    ctx.dipSite = index.nearestDipSite(s.position);
    Plan plan;
    plan.slots = splitCovered(m_plans.slotsFor(s.type, s.level), s, state, index, m_config.aviation,
                              rec, ctx.onIncident);
    const auto alternatives = static_cast<std::size_t>(m_config.assignment.alternativesPerSlot);
    // Keeping slots + alternatives per slot keeps the assignment exact: a slot can lose at most
    // one candidate to each other slot.
    const std::size_t k =
        std::max<std::size_t>(static_cast<std::size_t>(m_config.assignment.candidatesPerSlot),
                              plan.slots.size() + alternatives);
    buildProblem(ctx, s.type, k, plan);
    const AssignmentResult assigned = assignOptimal(plan.problem);

    const std::vector<std::uint32_t> picked = writeSlots(ctx, plan, assigned, alternatives, rec);
    rec.bottleneckSeconds = assigned.bottleneckSeconds;
    rec.totalSeconds = assigned.totalSeconds;
    if (request.includeCoverage) {
        rec.coverage = assessCoverage(ctx, picked);
    }
    return rec;
}

}  // namespace flameblue::dispatch

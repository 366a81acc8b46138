#include "dispatch/response_plans.h"

#include <algorithm>
#include <set>

#include "core/entities.h"
#include "data/json_reader.h"

namespace flameblue::dispatch {

namespace {

using data::Problems;
using data::RecordReader;

// Large enough for any real run card; a bigger number is a typo.
constexpr int kMaxCountPerLine = 50;
constexpr double kMaxArrivalMinutes = 24.0 * 60.0;

std::optional<PlanLine> readLine(const std::string& where, std::size_t number,
                                 const nlohmann::json& record, const data::Dataset& dataset,
                                 Problems& problems) {
    RecordReader r(where, number, record, problems);
    if (!r.isObject()) {
        return std::nullopt;
    }
    auto capability = r.requiredString("capability");
    if (capability && !dataset.hasCapability(*capability)) {
        r.fail("capability", "unknown capability \"" + *capability + "\" (not in " +
                                 std::string(data::kCapabilitiesFile) + ")");
        capability.reset();
    }
    const auto count = r.requiredInt("count", 1, kMaxCountPerLine);
    const auto maxArrival = r.optionalNumber("max_arrival_min", 0.1, kMaxArrivalMinutes);
    const bool maxArrivalOk = !r.has("max_arrival_min") || maxArrival.has_value();
    std::optional<bool> air = false;
    if (r.has("air")) {
        air = r.requiredBool("air");
    }
    const auto note = r.optionalString("note");
    const bool noteOk = !r.has("note") || note.has_value();
    if (!capability || !count || !maxArrivalOk || !air || !noteOk) {
        return std::nullopt;
    }
    return PlanLine{*capability, *count, maxArrival, *air, note.value_or("")};
}

// Reads one entry of a plan's "levels" into `plan`; false when anything in it is wrong.
// `seen[level]` records the levels already given.
bool readLevel(const std::string& prefix, std::size_t number, const nlohmann::json& record,
               const data::Dataset& dataset, Problems& problems, std::vector<bool>& seen,
               ResponsePlan& plan) {
    RecordReader r(prefix + ": levels", number, record, problems);
    if (!r.isObject()) {
        return false;
    }
    const auto level = r.requiredInt("level", core::kMinIncidentLevel, core::kMaxIncidentLevel);
    if (!level) {
        return false;
    }
    if (seen[*level]) {
        r.fail("level", "level " + std::to_string(*level) + " is given twice");
        return false;
    }
    seen[*level] = true;
    const auto adds = record.find("adds");
    if (adds == record.end() || !adds->is_array()) {
        r.fail("adds", "expected an array of slots (may be empty)");
        return false;
    }
    bool ok = true;
    const std::string where = prefix + ": level " + std::to_string(*level) + ": adds";
    for (std::size_t j = 0; j < adds->size(); ++j) {
        auto line = readLine(where, j + 1, (*adds)[j], dataset, problems);
        if (line) {
            plan.addsByLevel[*level - 1].push_back(std::move(*line));
        } else {
            ok = false;
        }
    }
    return ok;
}

std::optional<ResponsePlan> readPlan(std::size_t number, const nlohmann::json& record,
                                     const data::Dataset& dataset, Problems& problems) {
    // Messages name the plan by its number and, when it can be read, its incident type.
    std::string prefix = std::string(kResponsePlansFile) + ": plan " + std::to_string(number);
    if (record.is_object()) {
        const auto t = record.find("incident_type");
        if (t != record.end() && t->is_string() && !t->get_ref<const std::string&>().empty()) {
            prefix += " (" + t->get<std::string>() + ")";
        }
    }
    RecordReader r(prefix, record, problems);
    if (!r.isObject()) {
        return std::nullopt;
    }
    auto type = r.requiredString("incident_type");
    if (type && !dataset.hasIncidentType(*type)) {
        r.fail("incident_type", "unknown incident type \"" + *type + "\" (not in " +
                                    std::string(data::kIncidentTypesFile) + ")");
        type.reset();
    }
    const auto levels = record.find("levels");
    if (levels == record.end() || !levels->is_array()) {
        r.fail("levels", "expected an array of levels 1.." +
                             std::to_string(core::kMaxIncidentLevel) + ", got " +
                             (levels == record.end() ? "nothing" : data::describeValue(*levels)));
        return std::nullopt;
    }
    ResponsePlan plan;
    plan.addsByLevel.resize(core::kMaxIncidentLevel);
    std::vector<bool> seen(core::kMaxIncidentLevel + 1, false);
    bool ok = type.has_value();
    for (std::size_t i = 0; i < levels->size(); ++i) {
        ok = readLevel(prefix, i + 1, (*levels)[i], dataset, problems, seen, plan) && ok;
    }
    for (int level = core::kMinIncidentLevel; level <= core::kMaxIncidentLevel; ++level) {
        if (!seen[level]) {
            r.fail("levels", "level " + std::to_string(level) +
                                 " is missing (give every level 1.." +
                                 std::to_string(core::kMaxIncidentLevel) +
                                 "; \"adds\": [] when a level adds nothing)");
            ok = false;
        }
    }
    if (ok && plan.addsByLevel[0].empty()) {
        r.fail("levels", "level 1 adds no slot: an alarm must send at least one unit");
        ok = false;
    }
    if (!ok) {
        return std::nullopt;
    }
    plan.incidentType = *type;
    return plan;
}

}  // namespace

const ResponsePlan* ResponsePlans::find(std::string_view incidentType) const {
    const auto it = std::find_if(plans.begin(), plans.end(), [&](const ResponsePlan& p) {
        return p.incidentType == incidentType;
    });
    return it == plans.end() ? nullptr : &*it;
}

std::vector<SlotSpec> ResponsePlans::slotsFor(std::string_view incidentType, int level) const {
    std::vector<SlotSpec> out;
    const ResponsePlan* plan = find(incidentType);
    if (plan == nullptr) {
        return out;
    }
    const int top = std::min<int>(level, static_cast<int>(plan->addsByLevel.size()));
    for (int l = 1; l <= top; ++l) {
        for (const PlanLine& line : plan->addsByLevel[l - 1]) {
            for (int k = 1; k <= line.count; ++k) {
                SlotSpec s;
                s.index = static_cast<int>(out.size());
                s.capability = line.capability;
                s.level = l;
                s.ordinal = k;
                s.air = line.air;
                if (line.maxArrivalMinutes) {
                    s.maxArrivalSeconds = *line.maxArrivalMinutes * 60.0;
                }
                s.note = line.note;
                out.push_back(std::move(s));
            }
        }
    }
    return out;
}

core::Result<ResponsePlans> loadResponsePlans(const std::filesystem::path& dir,
                                              const data::Dataset& dataset) {
    Problems problems;
    ResponsePlans out;
    const auto doc = data::readJsonFile(dir, kResponsePlansFile, problems);
    const nlohmann::json* records =
        doc ? data::recordArray(*doc, kResponsePlansFile, "plans", problems) : nullptr;
    if (records != nullptr) {
        std::set<std::string> typesSeen;
        for (std::size_t i = 0; i < records->size(); ++i) {
            auto plan = readPlan(i + 1, (*records)[i], dataset, problems);
            if (!plan) {
                continue;
            }
            if (!typesSeen.insert(plan->incidentType).second) {
                problems.add(std::string(kResponsePlansFile) + ": plan " + std::to_string(i + 1) +
                             ": field \"incident_type\": a plan for \"" + plan->incidentType +
                             "\" is already given");
                continue;
            }
            out.plans.push_back(std::move(*plan));
        }
        if (problems.empty()) {
            for (const auto& type : dataset.incidentTypes) {
                if (!typesSeen.contains(type.id)) {
                    problems.add(std::string(kResponsePlansFile) +
                                 ": no plan for incident type \"" + type.id + "\" (every type in " +
                                 std::string(data::kIncidentTypesFile) + " needs one)");
                }
            }
        }
    }
    if (!problems.empty()) {
        const auto n = problems.size();
        return core::invalidArgument(
            "response plans \"" + (dir / kResponsePlansFile).string() + "\": " + std::to_string(n) +
            (n == 1 ? " problem" : " problems") + "\n" + problems.joined());
    }
    return out;
}

}  // namespace flameblue::dispatch

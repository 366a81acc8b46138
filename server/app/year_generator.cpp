#include "app/year_generator.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <ctime>
#include <numeric>
#include <optional>
#include <queue>
#include <random>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "app/roster_sync.h"
#include "core/decide.h"
#include "core/geo.h"
#include "dispatch/ground_travel_model.h"
#include "dispatch/response_plans.h"
#include "dispatch/travel_model_config.h"

namespace flameblue::app {

namespace {

constexpr core::TimeMs kSecond = 1000;
constexpr core::TimeMs kMinute = 60 * kSecond;
constexpr core::TimeMs kHour = 60 * kMinute;
constexpr core::TimeMs kDay = 24 * kHour;
constexpr core::TimeMs kChinaOffset = 8 * kHour;
constexpr std::size_t kAppendBatch = 20'000;
// Units further than this (straight line) are not sent by the generated dispatchers.
constexpr double kMaxSendMeters = 80'000.0;
// A dispatch that finds no unit at all is tried again this often, at most this many times.
constexpr core::TimeMs kRedispatchAfter = 2 * kMinute;
constexpr int kMaxDispatchAttempts = 30;

// What a type of incident is like: where it happens (station classes), how long it takes to
// bring under control, what the caller says.
struct TypeProfile {
    std::string_view type;
    double controlMinutes;  // median, level 1, from the first arrival
    std::string_view description;
};
constexpr std::array<TypeProfile, 12> kProfiles = {{
    {"building_fire", 25, "报警人称楼内冒烟起火，有人员被困可能"},
    {"high_rise_fire", 45, "报警人称高层住宅中部楼层起火，楼道有烟"},
    {"underground_rail_fire", 60, "报警人称地下车库内有车辆起火，烟雾较大"},
    {"chemical_fire", 90, "园区企业报告储罐区起火，有爆燃声"},
    {"hazmat_leak", 60, "企业报告危险化学品管线泄漏，现场有刺激性气味"},
    {"forest_grassland_fire", 180, "护林员报告山坡林地起火，火线向上蔓延"},
    {"flood_water_rescue", 90, "报警人称道路积水，有车辆和人员被困"},
    {"geological_disaster", 120, "报警人称山体滑坡，有房屋被掩埋"},
    {"earthquake", 240, "地震后有房屋倒塌，请求救援"},
    {"mountain_rescue", 120, "登山人员迷路受伤，请求救援"},
    {"traffic_accident", 20, "报警人称两车相撞，有人员被困车内"},
    {"other_rescue", 15, "报警人称有人员被困，请求救援"},
}};

const TypeProfile* profileOf(std::string_view type) {
    for (const TypeProfile& p : kProfiles) {
        if (p.type == type) {
            return &p;
        }
    }
    return nullptr;
}

constexpr std::array<std::string_view, 10> kStreets = {
    "迎宾路", "建设路", "解放路", "新华街", "胜利街",
    "府西街", "滨河路", "工业路", "长治路", "朝阳街",
};

// Day of year 0..364 of a China Standard Time date, and its month 1..12.
struct CivilDate {
    int month = 1;
    int weekday = 0;  // 0 Sunday
};
CivilDate civilDate(core::TimeMs utcMs) {
    const auto secs = static_cast<std::time_t>((utcMs + kChinaOffset) / kSecond);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    return {tm.tm_mon + 1, tm.tm_wday};
}
int hourOfDay(core::TimeMs utcMs) {
    return static_cast<int>(((utcMs + kChinaOffset) % kDay + kDay) % kDay / kHour);
}

// Alarms by hour of day (China Standard Time): few at night, most in the afternoon and evening.
constexpr std::array<double, 24> kHourWeights = {
    0.45, 0.35, 0.28, 0.24, 0.24, 0.30, 0.48, 0.75, 0.95, 1.05, 1.15, 1.25,
    1.25, 1.20, 1.25, 1.30, 1.35, 1.40, 1.45, 1.40, 1.25, 1.05, 0.80, 0.60,
};

// Forest and grassland fires: the spring season (March to May, grave-sweeping in early April),
// a smaller autumn one; floods and water rescue in the rainy summer.
double forestSeason(int month) {
    switch (month) {
        case 3:
            return 4.0;
        case 4:
            return 6.0;
        case 5:
            return 3.0;
        case 2:
        case 10:
        case 11:
            return 1.2;
        case 6:
        case 7:
        case 8:
            return 0.15;
        default:
            return 0.5;
    }
}
double floodSeason(int month) {
    switch (month) {
        case 7:
        case 8:
            return 6.0;
        case 6:
        case 9:
            return 2.0;
        default:
            return 0.1;
    }
}

// The incident types a station's first-due area produces, by the station's class (its
// specialisation), before the season.
std::vector<std::pair<std::string_view, double>> typeMix(const std::string& stationClass,
                                                         bool citySeatArea) {
    if (stationClass == "chemical_park") {
        return {{"chemical_fire", 10},    {"hazmat_leak", 14},  {"building_fire", 24},
                {"traffic_accident", 30}, {"other_rescue", 20}, {"geological_disaster", 2}};
    }
    if (stationClass == "forest_grassland") {
        return {{"forest_grassland_fire", 45}, {"mountain_rescue", 12}, {"building_fire", 12},
                {"traffic_accident", 15},      {"other_rescue", 12},    {"geological_disaster", 4}};
    }
    if (stationClass == "township" || stationClass == "small" || stationClass == "volunteer") {
        return {{"building_fire", 30},     {"traffic_accident", 28},
                {"other_rescue", 22},      {"forest_grassland_fire", 10},
                {"flood_water_rescue", 4}, {"geological_disaster", 3},
                {"mountain_rescue", 3}};
    }
    std::vector<std::pair<std::string_view, double>> mix = {
        {"building_fire", 34},      {"traffic_accident", 26},  {"other_rescue", 26},
        {"hazmat_leak", 2},         {"flood_water_rescue", 3}, {"forest_grassland_fire", 2},
        {"geological_disaster", 1}, {"earthquake", 0.05}};
    if (citySeatArea) {
        mix.emplace_back("high_rise_fire", 8);
        mix.emplace_back("underground_rail_fire", 1.5);
    }
    return mix;
}

// How many incidents a station's area has, relative to others: city-centre stations are busiest.
double stationWeight(const core::Station& s) {
    static const std::unordered_map<std::string_view, double> byClass = {
        {"special_service", 3.0},  {"class1", 3.0},
        {"class2", 2.0},           {"small", 1.0},
        {"township", 0.6},         {"chemical_park", 1.2},
        {"forest_grassland", 0.9}, {"volunteer", 0.3},
    };
    const auto it = byClass.find(s.stationClass);
    if (it == byClass.end()) {
        return 0.0;  // logistics, reserve depots and the aviation base have no area of their own
    }
    return it->second * (s.city == "taiyuan" ? 1.6 : 1.0);
}

// Alarm levels: most incidents stay at the first level.
int drawLevel(std::string_view type, std::mt19937_64& rng) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    const double x = u(rng);
    if (type == "traffic_accident" || type == "other_rescue") {
        return x < 0.3 ? 1 : (x < 0.85 ? 2 : (x < 0.97 ? 3 : 4));
    }
    if (type == "earthquake" || type == "chemical_fire") {
        return x < 0.25 ? 1 : (x < 0.65 ? 2 : (x < 0.88 ? 3 : (x < 0.97 ? 4 : 5)));
    }
    return x < 0.35 ? 1 : (x < 0.78 ? 2 : (x < 0.95 ? 3 : (x < 0.99 ? 4 : 5)));
}

double lognormal(std::mt19937_64& rng, double median, double sigma) {
    std::normal_distribution<double> n(0.0, sigma);
    return median * std::exp(n(rng));
}

struct StationInfo {
    const core::Station* station = nullptr;
    std::vector<std::size_t> units;  // ground units, indices into the data set's units
    double weight = 0.0;
    bool citySeatArea = false;
};

struct PlannedIncident {
    core::TimeMs alarm = 0;
    std::size_t station = 0;
    std::string type;
    int level = 1;
    core::LatLon position;
    std::string address;
    // Filled as it happens.
    core::Id id;
    std::string operatorId;
    std::string origin;
    int dispatchAttempts = 0;
    bool firstArrived = false;
    bool underControl = false;
    bool closed = false;
    core::TimeMs lastArrival = 0;
    std::vector<std::size_t> responses;
};

struct Response {
    std::size_t incident = 0;
    std::size_t unit = 0;  // index into the data set's units
    double travelSeconds = 0.0;
    bool calledOff = false;
};

enum class ActionKind : std::uint8_t {
    Create,
    Dispatch,
    EnRoute,
    OnScene,
    CallOff,
    UnderControl,
    Close,
    Available,
};

struct Action {
    core::TimeMs at = 0;
    std::uint64_t order = 0;  // ties keep the order they were planned in
    ActionKind kind = ActionKind::Create;
    std::size_t subject = 0;  // incident (Create ... Close) or response
    bool operator>(const Action& o) const { return at != o.at ? at > o.at : order > o.order; }
};

// The command path of one session without a server around it: each command is decided against
// the state as it stands, its events stamped with the simulated clock, applied and appended to
// the log in order, in large transactions.
class CommandPath {
public:
    CommandPath(store::EventStore& store, core::Reference reference, const YearOptions& options,
                const YearProgress& progress)
        : m_store(store),
          m_reference(std::move(reference)),
          m_options(options),
          m_progress(progress) {}

    core::Result<std::vector<core::Event>> run(const core::CommandContext& ctx,
                                               const core::Command& command) {
        auto decided = core::decide(m_state, m_reference, ctx, command);
        if (!decided) {
            return decided.error();
        }
        return stage(ctx, std::move(decided).value());
    }

    core::Result<std::vector<core::Event>> stage(const core::CommandContext& ctx,
                                                 std::vector<core::EventPayload> payloads) {
        std::vector<core::Event> out;
        out.reserve(payloads.size());
        for (core::EventPayload& payload : payloads) {
            core::Event event;
            event.seq = m_state.lastSeq() + 1;
            event.time = std::max(ctx.now, m_state.lastEventTime());
            event.operatorId = ctx.operatorId;
            event.origin = ctx.origin;
            event.payload = std::move(payload);
            m_state.apply(event);
            m_pending.push_back(event);
            out.push_back(std::move(event));
        }
        if (m_pending.size() >= kAppendBatch) {
            if (auto st = flush(); !st) {
                return st.error();
            }
        }
        return out;
    }

    core::Status flush() {
        if (m_pending.empty()) {
            return core::Ok{};
        }
        if (auto st = m_store.append(std::span<const core::Event>(m_pending)); !st) {
            return st;
        }
        m_written += m_pending.size();
        m_sinceSnapshot += m_pending.size();
        const core::TimeMs reached = m_pending.back().time;
        m_pending.clear();
        if (m_sinceSnapshot >= m_options.snapshotEveryEvents) {
            if (auto st = m_store.saveSnapshot(m_state); !st) {
                return st;
            }
            m_sinceSnapshot = 0;
        }
        if (m_progress) {
            m_progress(m_written, reached);
        }
        return core::Ok{};
    }

    core::Status finish() {
        if (auto st = flush(); !st) {
            return st;
        }
        return m_store.saveSnapshot(m_state);
    }

    const core::State& state() const { return m_state; }
    std::uint64_t written() const { return m_written; }

private:
    store::EventStore& m_store;
    core::Reference m_reference;
    const YearOptions& m_options;
    const YearProgress& m_progress;
    core::State m_state;
    std::vector<core::Event> m_pending;
    std::uint64_t m_written = 0;
    std::uint64_t m_sinceSnapshot = 0;
};

core::TimeMs defaultStart(int days) {
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    const core::TimeMs todayMidnight = (now + kChinaOffset) / kDay * kDay - kChinaOffset;
    // The period ends a day before today, so that the last incidents are over before now.
    return todayMidnight - static_cast<core::TimeMs>(days + 1) * kDay;
}

class YearSimulation {
public:
    YearSimulation(const data::Dataset& dataset, const dispatch::ResponsePlans& plans,
                   const dispatch::GroundTravelModel& travel, CommandPath& path,
                   const YearOptions& options)
        : m_dataset(dataset),
          m_plans(plans),
          m_travel(travel),
          m_path(path),
          m_options(options),
          m_rng(options.seed) {}

    core::Result<YearSummary> run(core::TimeMs start) {
        indexStations();
        planIncidents(start);
        for (std::size_t i = 0; i < m_incidents.size(); ++i) {
            const core::TimeMs entry =
                std::uniform_int_distribution<core::TimeMs>(8 * kSecond, 35 * kSecond)(m_rng);
            schedule(m_incidents[i].alarm + entry, ActionKind::Create, i);
        }
        while (!m_queue.empty()) {
            const Action a = m_queue.top();
            m_queue.pop();
            if (auto st = perform(a); !st) {
                return st.error();
            }
        }
        if (auto st = m_path.finish(); !st) {
            return st.error();
        }
        m_summary.events = m_path.written();
        if (!m_incidents.empty()) {
            m_summary.firstAlarm = m_incidents.front().alarm;
            m_summary.lastAlarm = m_incidents.back().alarm;
        }
        return m_summary;
    }

private:
    void indexStations() {
        std::unordered_map<core::Id, std::size_t> byId;
        for (const core::Station& s : m_dataset.stations) {
            byId.emplace(s.id, m_stations.size());
            StationInfo info;
            info.station = &s;
            info.weight = stationWeight(s);
            for (const data::City& c : m_dataset.cities) {
                if (c.id == s.city && core::greatCircleMeters(c.seat, s.position) < 15'000.0) {
                    info.citySeatArea = true;
                }
            }
            m_stations.push_back(std::move(info));
        }
        for (std::size_t u = 0; u < m_dataset.units.size(); ++u) {
            const core::UnitSpec& spec = m_dataset.units[u].spec;
            if (spec.kind != core::UnitKind::Ground) {
                continue;
            }
            if (const auto it = byId.find(spec.stationId); it != byId.end()) {
                m_stations[it->second].units.push_back(u);
                m_stationOfUnit.emplace(u, it->second);
            }
        }
    }

    void planIncidents(core::TimeMs start) {
        const int days = std::max(1, m_options.days);
        // Days: busier in the spring fire season and the summer.
        std::vector<double> dayWeights(static_cast<std::size_t>(days));
        for (int d = 0; d < days; ++d) {
            const CivilDate date = civilDate(start + d * kDay + 12 * kHour);
            const double weekend = (date.weekday == 0 || date.weekday == 6) ? 1.06 : 1.0;
            dayWeights[static_cast<std::size_t>(d)] =
                weekend * (1.0 + 0.08 * forestSeason(date.month) + 0.05 * floodSeason(date.month));
        }
        std::discrete_distribution<int> dayDist(dayWeights.begin(), dayWeights.end());
        std::discrete_distribution<int> hourDist(kHourWeights.begin(), kHourWeights.end());
        std::vector<double> stationWeights;
        stationWeights.reserve(m_stations.size());
        for (const StationInfo& s : m_stations) {
            stationWeights.push_back(s.weight);
        }
        std::discrete_distribution<std::size_t> stationDist(stationWeights.begin(),
                                                            stationWeights.end());
        std::uniform_real_distribution<double> unit01(0.0, 1.0);
        m_incidents.reserve(m_options.incidents);
        for (std::size_t i = 0; i < m_options.incidents; ++i) {
            PlannedIncident inc;
            const int day = dayDist(m_rng);
            const int hour = hourDist(m_rng);
            const core::TimeMs second =
                std::uniform_int_distribution<core::TimeMs>(0, kHour - 1)(m_rng);
            // Hours are China Standard Time: day d starts at `start`, a CST midnight.
            inc.alarm = start + day * kDay + hour * kHour + second;
            inc.station = stationDist(m_rng);
            const StationInfo& st = m_stations[inc.station];
            const int month = civilDate(inc.alarm).month;
            auto mix = typeMix(st.station->stationClass, st.citySeatArea);
            std::vector<double> w;
            w.reserve(mix.size());
            for (const auto& [type, weight] : mix) {
                double seasonal = weight;
                if (type == "forest_grassland_fire") {
                    seasonal *= forestSeason(month);
                } else if (type == "flood_water_rescue") {
                    seasonal *= floodSeason(month);
                }
                w.push_back(seasonal);
            }
            std::discrete_distribution<std::size_t> typeDist(w.begin(), w.end());
            inc.type = std::string(mix[typeDist(m_rng)].first);
            inc.level = drawLevel(inc.type, m_rng);
            // Somewhere in the station's area: most alarms close by, some far out.
            for (int attempt = 0; attempt < 20; ++attempt) {
                const double meters = std::min(25'000.0, 400.0 + lognormal(m_rng, 2'500.0, 0.8));
                const core::LatLon p =
                    core::destination(st.station->position, unit01(m_rng) * 360.0, meters);
                if (referenceInArea(p)) {
                    inc.position = p;
                    break;
                }
            }
            if (inc.position == core::LatLon{}) {
                inc.position = st.station->position;
            }
            inc.address = st.station->county;
            inc.address += kStreets[static_cast<std::size_t>(unit01(m_rng) * kStreets.size()) %
                                    kStreets.size()];
            inc.address += std::to_string(1 + static_cast<int>(unit01(m_rng) * 300));
            inc.address += "号";
            m_incidents.push_back(std::move(inc));
        }
        std::stable_sort(
            m_incidents.begin(), m_incidents.end(),
            [](const PlannedIncident& a, const PlannedIncident& b) { return a.alarm < b.alarm; });
    }

    bool referenceInArea(const core::LatLon& p) const {
        return m_dataset.serviceArea.empty() || m_area.inServiceArea(p);
    }

    void schedule(core::TimeMs at, ActionKind kind, std::size_t subject) {
        m_queue.push(Action{at, m_order++, kind, subject});
    }

    core::CommandContext dispatcherCtx(const PlannedIncident& inc, core::TimeMs now) const {
        const std::string& city = m_stations[inc.station].station->city;
        return {city + "-dispatcher", city + "-119-console", now};
    }
    core::CommandContext crewCtx(std::size_t unit, core::TimeMs now) const {
        return {m_dataset.units[unit].spec.id, "crew-terminal", now};
    }

    // The command is expected to be accepted: a refusal means the simulation and the state
    // disagree, which is an error of the generator, reported with the command's reason.
    static core::Status expect(const core::Result<std::vector<core::Event>>& r) {
        if (!r) {
            return core::Status(r.error());
        }
        return core::Ok{};
    }

    core::Status perform(const Action& a) {
        switch (a.kind) {
            case ActionKind::Create:
                return create(a.at, a.subject);
            case ActionKind::Dispatch:
                return dispatchUnits(a.at, a.subject);
            case ActionKind::EnRoute:
                return unitStatus(a.at, a.subject, core::UnitStatus::Dispatched,
                                  core::UnitStatus::EnRoute);
            case ActionKind::OnScene:
                return onScene(a.at, a.subject);
            case ActionKind::CallOff:
                return callOff(a.at, a.subject);
            case ActionKind::UnderControl:
                return underControl(a.at, a.subject);
            case ActionKind::Close:
                return close(a.at, a.subject);
            case ActionKind::Available:
                return available(a.at, a.subject);
        }
        return core::Ok{};
    }

    core::Status create(core::TimeMs now, std::size_t i) {
        PlannedIncident& inc = m_incidents[i];
        core::CreateIncident c;
        c.type = inc.type;
        c.level = inc.level;
        c.position = inc.position;
        c.address = inc.address;
        const TypeProfile* profile = profileOf(inc.type);
        c.description = profile ? std::string(profile->description) : std::string();
        c.received = inc.alarm;
        const core::CommandContext ctx = dispatcherCtx(inc, now);
        auto r = m_path.run(ctx, c);
        if (!r) {
            return core::Status(r.error());
        }
        inc.id = std::get<core::IncidentCreated>(r->front().payload).id;
        ++m_summary.incidents;
        schedule(now + static_cast<core::TimeMs>(lognormal(m_rng, 24.0, 0.55) * kSecond),
                 ActionKind::Dispatch, i);
        return core::Ok{};
    }

    static bool hasCapability(const core::UnitSpec& spec, const std::string& capability) {
        return std::binary_search(spec.capabilities.begin(), spec.capabilities.end(), capability);
    }

    core::Status dispatchUnits(core::TimeMs now, std::size_t i) {
        PlannedIncident& inc = m_incidents[i];
        ++inc.dispatchAttempts;
        // Stations nearest first.
        std::vector<std::pair<double, std::size_t>> near;
        near.reserve(m_stations.size());
        for (std::size_t s = 0; s < m_stations.size(); ++s) {
            if (m_stations[s].units.empty()) {
                continue;
            }
            const double d = core::greatCircleMeters(inc.position, m_stations[s].station->position);
            if (d <= kMaxSendMeters) {
                near.emplace_back(d, s);
            }
        }
        std::sort(near.begin(), near.end());
        const core::State& state = m_path.state();
        std::vector<std::size_t> picks;
        std::vector<bool> mobile;  // re-tasked on the way home: crew aboard
        std::size_t unfilled = 0;
        for (const dispatch::SlotSpec& slot : m_plans.slotsFor(inc.type, inc.level)) {
            if (slot.air) {
                continue;  // aircraft are tasked by the aviation coordinators, not simulated here
            }
            bool filled = false;
            for (const auto& [d, s] : near) {
                for (std::size_t u : m_stations[s].units) {
                    const core::UnitSpec& spec = m_dataset.units[u].spec;
                    if (!hasCapability(spec, slot.capability) ||
                        std::find(picks.begin(), picks.end(), u) != picks.end()) {
                        continue;
                    }
                    // Units in quarters, and units driving home that can be re-tasked.
                    const core::Unit* unit = state.unit(spec.id);
                    if (unit && (unit->status == core::UnitStatus::Available ||
                                 unit->status == core::UnitStatus::Returning)) {
                        picks.push_back(u);
                        mobile.push_back(unit->status == core::UnitStatus::Returning);
                        filled = true;
                        break;
                    }
                }
                if (filled) {
                    break;
                }
            }
            if (!filled) {
                ++unfilled;
            }
        }
        if (picks.empty()) {
            if (inc.dispatchAttempts < kMaxDispatchAttempts) {
                schedule(now + kRedispatchAfter, ActionKind::Dispatch, i);
                return core::Ok{};
            }
            // Nobody could go: the call is closed without a response (handled by others).
            m_summary.slotsUnfilled += unfilled;
            inc.closed = true;
            return expect(
                m_path.run(dispatcherCtx(inc, now),
                           core::SetIncidentStatus{inc.id, core::IncidentStatus::Closed}));
        }
        m_summary.slotsUnfilled += unfilled;
        core::DispatchUnits cmd;
        cmd.incidentId = inc.id;
        for (std::size_t u : picks) {
            cmd.unitIds.push_back(m_dataset.units[u].spec.id);
        }
        if (auto st = expect(m_path.run(dispatcherCtx(inc, now), cmd)); !st) {
            return st;
        }
        const bool firstDispatch = inc.responses.empty();
        const double hourFactor = trafficFactor(now);
        std::uniform_real_distribution<double> unit01(0.0, 1.0);
        for (std::size_t k = 0; k < picks.size(); ++k) {
            const std::size_t u = picks[k];
            const StationInfo& home = m_stations[m_stationOfUnit.at(u)];
            const core::UnitSpec& spec = m_dataset.units[u].spec;
            dispatch::TravelSubject subject;
            subject.kind = spec.kind;
            subject.unitType = spec.unitType;
            subject.stationClass = home.station->stationClass;
            // On the road home: it is taken to start from its station, with the crew aboard.
            subject.mobile = mobile[k];
            const double turnout =
                std::max(15.0, lognormal(m_rng, m_travel.startDelaySeconds(subject) * 0.8, 0.3));
            const double gc = core::greatCircleMeters(home.station->position, inc.position);
            const double travel =
                std::max(20.0, lognormal(m_rng,
                                         m_travel.movingSeconds(subject, home.station->position,
                                                                inc.position, gc) *
                                             hourFactor,
                                         0.22));
            Response r;
            r.incident = i;
            r.unit = u;
            r.travelSeconds = travel;
            const std::size_t index = m_responses.size();
            m_responses.push_back(r);
            m_lastResponse[u] = index;
            inc.responses.push_back(index);
            ++m_summary.unitResponses;
            const core::TimeMs enRoute = now + static_cast<core::TimeMs>(turnout * kSecond);
            const core::TimeMs onScene = enRoute + static_cast<core::TimeMs>(travel * kSecond);
            schedule(enRoute, ActionKind::EnRoute, index);
            if (!(firstDispatch && k == 0) && unit01(m_rng) < m_options.callOffShare) {
                // Called off on the way: the first units found it smaller than reported.
                schedule(enRoute + static_cast<core::TimeMs>(travel * 0.5 * kSecond),
                         ActionKind::CallOff, index);
                continue;
            }
            schedule(onScene, ActionKind::OnScene, index);
            inc.lastArrival = std::max(inc.lastArrival, onScene);
        }
        return core::Ok{};
    }

    static double trafficFactor(core::TimeMs now) {
        const int h = hourOfDay(now);
        if ((h >= 7 && h <= 9) || (h >= 17 && h <= 19)) {
            return 1.2;
        }
        if (h >= 23 || h <= 5) {
            return 0.85;
        }
        return 1.0;
    }

    // A crew's status report, when the unit is still where the plan expects it.
    core::Status unitStatus(core::TimeMs now, std::size_t index, core::UnitStatus expected,
                            core::UnitStatus next) {
        const Response& r = m_responses[index];
        const PlannedIncident& inc = m_incidents[r.incident];
        const core::UnitSpec& spec = m_dataset.units[r.unit].spec;
        const core::Unit* unit = m_path.state().unit(spec.id);
        if (!unit || unit->status != expected || unit->incidentId != inc.id) {
            return core::Ok{};  // the incident was closed or the unit released meanwhile
        }
        return expect(m_path.run(crewCtx(r.unit, now), core::SetUnitStatus{spec.id, next, {}}));
    }

    core::Status onScene(core::TimeMs now, std::size_t index) {
        if (auto st = unitStatus(now, index, core::UnitStatus::EnRoute, core::UnitStatus::OnScene);
            !st) {
            return st;
        }
        const Response& r = m_responses[index];
        PlannedIncident& inc = m_incidents[r.incident];
        if (inc.firstArrived || inc.closed) {
            return core::Ok{};
        }
        inc.firstArrived = true;
        const TypeProfile* profile = profileOf(inc.type);
        const double median = (profile ? profile->controlMinutes : 30.0) *
                              (1.0 + 0.6 * static_cast<double>(inc.level - 1));
        const auto control = static_cast<core::TimeMs>(lognormal(m_rng, median, 0.5) * kMinute);
        schedule(now + std::max(2 * kMinute, control), ActionKind::UnderControl, r.incident);
        return core::Ok{};
    }

    core::Status callOff(core::TimeMs now, std::size_t index) {
        Response& r = m_responses[index];
        const PlannedIncident& inc = m_incidents[r.incident];
        const core::UnitSpec& spec = m_dataset.units[r.unit].spec;
        const core::Unit* unit = m_path.state().unit(spec.id);
        if (!unit || unit->incidentId != inc.id || inc.closed) {
            return core::Ok{};
        }
        r.calledOff = true;
        ++m_summary.calledOff;
        return expect(m_path.run(dispatcherCtx(inc, now), core::ReleaseUnits{inc.id, {spec.id}}));
    }

    core::Status underControl(core::TimeMs now, std::size_t i) {
        PlannedIncident& inc = m_incidents[i];
        if (inc.closed) {
            return core::Ok{};
        }
        inc.underControl = true;
        if (auto st = expect(
                m_path.run(dispatcherCtx(inc, now),
                           core::SetIncidentStatus{inc.id, core::IncidentStatus::UnderControl}));
            !st) {
            return st;
        }
        const core::TimeMs wrapUp =
            static_cast<core::TimeMs>(lognormal(m_rng, 12.0, 0.6) * kMinute);
        schedule(std::max(now + wrapUp, inc.lastArrival + 5 * kMinute), ActionKind::Close, i);
        return core::Ok{};
    }

    core::Status close(core::TimeMs now, std::size_t i) {
        PlannedIncident& inc = m_incidents[i];
        if (inc.closed) {
            return core::Ok{};
        }
        inc.closed = true;
        if (auto st =
                expect(m_path.run(dispatcherCtx(inc, now),
                                  core::SetIncidentStatus{inc.id, core::IncidentStatus::Closed}));
            !st) {
            return st;
        }
        // The units drive home and report available on arrival.
        for (std::size_t index : inc.responses) {
            const Response& r = m_responses[index];
            const core::Unit* unit = m_path.state().unit(m_dataset.units[r.unit].spec.id);
            if (unit && unit->status == core::UnitStatus::Returning && unit->incidentId.empty()) {
                const double back = lognormal(m_rng, r.travelSeconds * 1.1, 0.15);
                schedule(now + static_cast<core::TimeMs>(back * kSecond), ActionKind::Available,
                         index);
            }
        }
        return core::Ok{};
    }

    core::Status available(core::TimeMs now, std::size_t index) {
        const Response& r = m_responses[index];
        const core::UnitSpec& spec = m_dataset.units[r.unit].spec;
        const core::Unit* unit = m_path.state().unit(spec.id);
        const auto latest = m_lastResponse.find(r.unit);
        if (!unit || unit->status != core::UnitStatus::Returning ||
            latest == m_lastResponse.end() || latest->second != index) {
            return core::Ok{};  // sent elsewhere on its way home: that response brings it back
        }
        return expect(m_path.run(crewCtx(r.unit, now),
                                 core::SetUnitStatus{spec.id, core::UnitStatus::Available, {}}));
    }

public:
    void setArea(core::Reference area) { m_area = std::move(area); }

private:
    const data::Dataset& m_dataset;
    const dispatch::ResponsePlans& m_plans;
    const dispatch::GroundTravelModel& m_travel;
    CommandPath& m_path;
    const YearOptions& m_options;
    std::mt19937_64 m_rng;
    core::Reference m_area;
    std::vector<StationInfo> m_stations;
    std::unordered_map<std::size_t, std::size_t> m_stationOfUnit;
    std::unordered_map<std::size_t, std::size_t> m_lastResponse;  // unit -> its latest response
    std::vector<PlannedIncident> m_incidents;
    std::vector<Response> m_responses;
    std::priority_queue<Action, std::vector<Action>, std::greater<>> m_queue;
    std::uint64_t m_order = 0;
    YearSummary m_summary;
};

}  // namespace

core::Result<YearSummary> generateYear(const std::filesystem::path& dataDir,
                                       const data::Dataset& dataset, store::EventStore& store,
                                       const YearOptions& options, const YearProgress& progress) {
    if (store.lastSeq() != 0) {
        return core::failedPrecondition("the event log already holds " +
                                        std::to_string(store.lastSeq()) +
                                        " events; expected an empty one");
    }
    if (options.days < 1 || options.days > 3660) {
        return core::invalidArgument("days: " + std::to_string(options.days) +
                                     "; expected 1..3660");
    }
    auto plans = dispatch::loadResponsePlans(dataDir, dataset);
    if (!plans) {
        return plans.error();
    }
    auto config = dispatch::loadTravelModelConfig(dataDir, dataset);
    if (!config) {
        return config.error();
    }
    const dispatch::GroundTravelModel travel(config->ground);
    const core::TimeMs start = options.start != 0 ? options.start : defaultStart(options.days);
    CommandPath path(store, referenceFrom(dataset), options, progress);
    // The roster as the server writes it at its first start, a day before the first alarm.
    auto roster = rosterChanges(dataset, path.state());
    if (auto r = path.stage({"system", "roster", start - kDay}, std::move(roster)); !r) {
        return r.error();
    }
    YearSimulation sim(dataset, plans.value(), travel, path, options);
    sim.setArea(referenceFrom(dataset));
    return sim.run(start);
}

core::Result<YearSummary> generateStateDir(const std::filesystem::path& dataDir,
                                           const std::filesystem::path& stateDir,
                                           const YearOptions& options,
                                           const YearProgress& progress) {
    auto dataset = data::loadDataset(dataDir.string());
    if (!dataset) {
        return core::invalidArgument("the data set in " + dataDir.string() +
                                     " has errors: " + dataset.error().message);
    }
    std::error_code ec;
    std::filesystem::create_directories(stateDir, ec);
    if (ec) {
        return core::invalidArgument("state directory " + stateDir.string() +
                                     ": cannot create it: " + ec.message());
    }
    const auto file = stateDir / "live.db";
    store::SqliteOptions sqlite;
    // The log is written in large transactions and synced once at the end; an interrupted run
    // leaves a log to delete, not a live one to keep.
    sqlite.fullSync = false;
    auto store = store::openSqliteStore(file, sqlite);
    if (!store) {
        return store.error();
    }
    if ((*store)->lastSeq() != 0) {
        return core::failedPrecondition("state directory " + stateDir.string() +
                                        " already holds an event log of " +
                                        std::to_string((*store)->lastSeq()) +
                                        " events; it is left as it is. Choose an empty "
                                        "directory");
    }
    return generateYear(dataDir, *dataset, **store, options, progress);
}

}  // namespace flameblue::app

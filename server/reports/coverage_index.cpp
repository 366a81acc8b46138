#include "reports/coverage_index.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>

#include "core/status_machine.h"

namespace flameblue::reports {

namespace {

constexpr double kMsPerSecond = 1000.0;
constexpr std::string_view kPlacesFile = "coverage_places.json";

CoverageStation stationOf(const core::Station& s, const dispatch::GroundTravelModel& model) {
    CoverageStation out;
    out.id = s.id;
    out.nameZh = s.nameZh;
    out.nameEn = s.nameEn;
    out.stationClass = s.stationClass;
    out.city = s.city;
    out.position = s.position;
    dispatch::TravelSubject subject;
    subject.stationClass = out.stationClass;
    out.turnoutSeconds = model.startDelaySeconds(subject);
    return out;
}

bool slower(double a, double b) {
    return a > b;
}

}  // namespace

core::Result<std::vector<CoveragePlace>> loadCoveragePlaces(const std::filesystem::path& dataDir,
                                                            const data::Dataset& dataset) {
    std::vector<CoveragePlace> places;
    for (const auto& c : dataset.cities) {
        places.push_back({c.id, c.nameZh, c.nameEn, "city_seat", c.seat});
    }
    const auto file = dataDir / kPlacesFile;
    if (!std::filesystem::exists(file)) {
        return places;
    }
    try {
        std::ifstream in(file);
        const auto j = nlohmann::json::parse(in);
        for (const auto& p : j.at("places")) {
            CoveragePlace place;
            place.id = p.at("id").get<std::string>();
            place.nameZh = p.value("name_zh", place.id);
            place.nameEn = p.value("name_en", place.id);
            place.kind = p.value("kind", std::string("township"));
            place.position = {p.at("lat").get<double>(), p.at("lon").get<double>()};
            if (!core::isValidPosition(place.position)) {
                return core::invalidArgument(file.string() + ": place \"" + place.id +
                                             "\" has no valid position");
            }
            places.push_back(std::move(place));
        }
    } catch (const std::exception& e) {
        return core::invalidArgument(file.string() + ": " + e.what());
    }
    return places;
}

CoverageIndex::CoverageIndex(const data::Dataset& dataset, dispatch::TravelModelConfig config,
                             std::vector<CoveragePlace> places, double cellKm)
    : m_config(std::move(config)),
      m_model(m_config.ground),
      m_places(std::move(places)),
      m_provinceGrid(std::make_shared<const ProvinceGrid>(dataset.serviceArea.rings(), cellKm)),
      m_grid(m_provinceGrid, m_model,
             CoverageSettings{m_config.coverage.circleSeconds,
                              m_config.ground.maxDistanceKm * 1000.0}) {}

CoverageIndex::~CoverageIndex() {
    stop();
}

core::Result<std::unique_ptr<CoverageIndex>> CoverageIndex::load(
    const std::filesystem::path& dataDir, const data::Dataset& dataset, double cellKm) {
    auto config = dispatch::loadTravelModelConfig(dataDir, dataset);
    if (!config) {
        return config.error();
    }
    auto places = loadCoveragePlaces(dataDir, dataset);
    if (!places) {
        return places.error();
    }
    return std::make_unique<CoverageIndex>(dataset, std::move(config).value(),
                                           std::move(places).value(), cellKm);
}

CoverageUnit CoverageIndex::unitOf(const core::Unit& u, const core::State& s,
                                   core::TimeMs now) const {
    CoverageUnit out;
    out.id = u.spec.id;
    out.stationId = u.spec.stationId;
    const core::Station* home = s.station(u.spec.stationId);
    const auto& caps = u.spec.capabilities;
    const bool suitable =
        u.spec.kind == core::UnitKind::Ground &&
        std::find(caps.begin(), caps.end(), m_config.coverage.capability) != caps.end();
    const bool usable = u.status != core::UnitStatus::OutOfService &&
                        core::canDispatchFrom(u.status) &&
                        u.staffing >= m_config.staffing.minFor(u.spec.unitType);
    const bool returning = u.status == core::UnitStatus::Returning;
    bool mobile = returning;
    bool known = home != nullptr;
    if (home) {
        out.position = home->position;
    }
    if (u.lastFix &&
        static_cast<double>(now - u.lastFix->fixTime) / kMsPerSecond <= m_config.staleFixSeconds) {
        const bool atHome = home && core::greatCircleMeters(u.lastFix->position, home->position) <=
                                        m_config.ground.atStationRadiusMeters;
        if (!atHome) {
            out.position = u.lastFix->position;
            mobile = true;
            known = true;
        }
    }
    out.counts = suitable && usable && known;
    if (out.counts) {
        dispatch::TravelSubject subject;
        subject.unitType = u.spec.unitType;
        subject.stationClass = home ? std::string_view(home->stationClass) : std::string_view();
        subject.mobile = mobile;
        out.startDelaySeconds = m_model.startDelaySeconds(subject);
    }
    return out;
}

void CoverageIndex::start(const core::State& state) {
    const core::TimeMs now = std::max<core::TimeMs>(state.lastEventTime(), 0);
    std::vector<CoverageUnit> units;
    for (const auto& [id, u] : state.units()) {
        units.push_back(unitOf(u, state, now));
    }
    {
        std::lock_guard lock(m_mutex);
        m_stations.clear();
        for (const auto& [id, s] : state.stations()) {
            if (m_config.coverage.covers(s.stationClass)) {
                m_stations.emplace(id, stationOf(s, m_model));
            }
        }
        m_grid.setUnits(std::move(units));
        m_seq = state.lastSeq();
        ++m_version;
    }
    std::lock_guard lock(m_pendingMutex);
    m_stop = false;
    if (!m_worker.joinable()) {
        m_worker = std::thread([this] { run(); });
    }
}

void CoverageIndex::stop() {
    {
        std::lock_guard lock(m_pendingMutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_worker.joinable()) {
        m_worker.join();
    }
}

void CoverageIndex::stage(const core::Event& event, const core::State& after,
                          const core::Affected& affected) {
    std::lock_guard lock(m_pendingMutex);
    for (const auto& id : affected.units) {
        if (const core::Unit* u = after.unit(id)) {
            m_pendingUnits[id] = unitOf(*u, after, event.time);
        }
    }
    for (const auto& id : affected.stations) {
        const core::Station* s = after.station(id);
        if (s && m_config.coverage.covers(s->stationClass)) {
            m_pendingStations[id] = stationOf(*s, m_model);
        } else {
            m_pendingStations[id] = std::nullopt;
        }
    }
    for (const auto& r : affected.removed) {
        if (r.kind == core::EntityKind::Unit) {
            CoverageUnit gone;
            gone.id = r.id;
            m_pendingUnits[r.id] = gone;
        } else if (r.kind == core::EntityKind::Station) {
            m_pendingStations[r.id] = std::nullopt;
        }
    }
    m_pendingSeq = event.seq;
}

void CoverageIndex::commit() {
    {
        std::lock_guard lock(m_pendingMutex);
        ++m_queued;
    }
    m_wake.notify_one();
}

void CoverageIndex::run() {
    for (;;) {
        std::map<std::string, CoverageUnit> units;
        std::map<std::string, std::optional<CoverageStation>> stations;
        std::uint64_t seq = 0;
        std::uint64_t batches = 0;
        {
            std::unique_lock lock(m_pendingMutex);
            m_wake.wait(lock, [&] { return m_stop || m_queued != m_applied; });
            if (m_stop) {
                return;
            }
            units.swap(m_pendingUnits);
            stations.swap(m_pendingStations);
            seq = m_pendingSeq;
            batches = m_queued;
        }
        {
            std::lock_guard lock(m_mutex);
            bool changed = false;
            for (const auto& [id, u] : units) {
                const auto known = m_grid.findUnit(id);
                if (known && m_grid.units()[*known] == u) {
                    continue;
                }
                if (!known && !u.counts) {
                    continue;
                }
                m_grid.update(u);
                changed = true;
            }
            for (const auto& [id, s] : stations) {
                if (s) {
                    m_stations[id] = *s;
                } else {
                    m_stations.erase(id);
                }
                changed = true;
            }
            if (changed) {
                ++m_version;
            }
            m_seq = std::max(m_seq, seq);
            m_applied = batches;
        }
        m_settled.notify_all();
    }
}

std::uint64_t CoverageIndex::version() const {
    std::lock_guard lock(m_mutex);
    return m_version;
}

void CoverageIndex::settle() {
    std::uint64_t target = 0;
    {
        std::lock_guard lock(m_pendingMutex);
        target = m_queued;
    }
    std::unique_lock lock(m_mutex);
    m_settled.wait(lock, [&] { return m_applied >= target || !m_worker.joinable(); });
}

CoverageSummary CoverageIndex::summarize(const CoverageGrid& grid, std::uint64_t version,
                                         std::uint64_t seq) const {
    CoverageSummary s;
    s.version = version;
    s.asOfSeq = seq;
    s.circleSeconds = m_config.coverage.circleSeconds;
    s.capability = m_config.coverage.capability;
    s.cellKm = grid.grid().cellKm();
    s.cells = grid.grid().size();
    s.coveredCells = grid.coveredCells();
    s.unreachedCells = static_cast<std::size_t>(
        std::count(grid.seconds().begin(), grid.seconds().end(), CoverageGrid::kUnreached));
    s.countingUnits = static_cast<std::size_t>(std::count_if(
        grid.units().begin(), grid.units().end(), [](const CoverageUnit& u) { return u.counts; }));
    s.places = m_places.size();
    auto unitName = [&](std::int32_t u) {
        return u >= 0 ? grid.units()[static_cast<std::size_t>(u)].id : std::string();
    };
    for (const auto& p : m_places) {
        const auto [t, u] = grid.firstArrival(p.position);
        if (t <= s.circleSeconds) {
            ++s.placesCovered;
        } else {
            s.placesOutside.push_back({p, t, unitName(u)});
        }
    }
    std::stable_sort(s.placesOutside.begin(), s.placesOutside.end(),
                     [](const auto& a, const auto& b) { return slower(a.seconds, b.seconds); });
    for (const auto& [id, st] : m_stations) {
        const auto [t, u] = grid.firstArrival(st.position);
        if (t > s.circleSeconds) {
            s.stationGaps.push_back({st, t, unitName(u)});
        }
    }
    std::stable_sort(s.stationGaps.begin(), s.stationGaps.end(),
                     [](const auto& a, const auto& b) { return slower(a.seconds, b.seconds); });
    s.shareBasis =
        "grid cells (area) inside the province outline and the listed places (city seats" +
        std::string(m_places.size() > 11 ? " and the places of coverage_places.json" : "") +
        "); no population or built-up-area data is bundled";
    return s;
}

CoverageSummary CoverageIndex::summary() const {
    std::lock_guard lock(m_mutex);
    return summarize(m_grid, m_version, m_seq);
}

CoverageIndex::GridPicture CoverageIndex::picture() const {
    std::lock_guard lock(m_mutex);
    const ProvinceGrid& g = m_grid.grid();
    GridPicture p;
    p.version = m_version;
    p.rows = g.rows();
    p.cols = g.cols();
    p.minLat = g.minLat();
    p.minLon = g.minLon();
    p.latStep = g.latStep();
    p.lonStep = g.lonStep();
    p.seconds.assign(static_cast<std::size_t>(g.rows()) * static_cast<std::size_t>(g.cols()),
                     0xFFFF);
    for (std::size_t c = 0; c < g.size(); ++c) {
        const float t = m_grid.seconds()[c];
        p.seconds[g.boxIndex(c)] =
            t == CoverageGrid::kUnreached
                ? std::uint16_t{0xFFFE}
                : static_cast<std::uint16_t>(std::min(65533.0, std::ceil(static_cast<double>(t))));
    }
    return p;
}

std::vector<std::pair<CoverageStation, std::vector<core::LatLon>>> CoverageIndex::firstDueAreas()
    const {
    std::vector<CoverageStation> stations;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& [id, s] : m_stations) {
            stations.push_back(s);
        }
    }
    std::vector<std::pair<CoverageStation, std::vector<core::LatLon>>> out;
    for (auto& s : stations) {
        auto ring =
            reachOutline(m_model, s.position, s.turnoutSeconds, m_config.coverage.circleSeconds);
        out.emplace_back(std::move(s), std::move(ring));
    }
    return out;
}

core::Result<ClosureAnswer> CoverageIndex::closeStations(
    const std::vector<std::string>& stationIds) const {
    std::optional<CoverageGrid> grid;
    ClosureAnswer answer;
    {
        std::lock_guard lock(m_mutex);
        grid.emplace(m_grid);
        answer.before = summarize(m_grid, m_version, m_seq);
    }
    const std::set<std::string> closing(stationIds.begin(), stationIds.end());
    std::set<std::string> known;
    for (const auto& u : grid->units()) {
        known.insert(u.stationId);
    }
    for (const auto& id : stationIds) {
        if (!known.contains(id)) {
            return core::notFound("station_ids: station \"" + id +
                                  "\" has no unit that counts for coverage or is unknown");
        }
    }
    const std::vector<float> before = grid->seconds();
    for (const auto& u : std::vector<CoverageUnit>(grid->units())) {
        if (closing.contains(u.stationId) && u.counts) {
            CoverageUnit off = u;
            off.counts = false;
            grid->update(off);
            answer.unitIds.push_back(u.id);
        }
    }
    answer.stationIds = stationIds;
    answer.after = summarize(*grid, answer.before.version, answer.before.asOfSeq);
    const auto circle = static_cast<float>(m_config.coverage.circleSeconds);
    for (std::size_t c = 0; c < before.size(); ++c) {
        const float after = grid->seconds()[c];
        if (before[c] <= circle && after > circle) {
            ++answer.cellsLost;
        }
        if (after > before[c]) {
            answer.worstIncreaseSeconds =
                std::max(answer.worstIncreaseSeconds, after == CoverageGrid::kUnreached
                                                          ? std::numeric_limits<double>::infinity()
                                                          : static_cast<double>(after - before[c]));
        }
    }
    return answer;
}

double CoverageIndex::startDelayFor(SiteKind kind) const {
    dispatch::TravelSubject subject;
    switch (kind) {
        case SiteKind::Mobile:
            subject.mobile = true;
            break;
        case SiteKind::Modular:
            subject.stationClass = "small";
            break;
        case SiteKind::Fixed:
            break;
    }
    return m_model.startDelaySeconds(subject);
}

core::Result<PlacementAnswer> CoverageIndex::place(PlacementOptions options, SiteKind kind,
                                                   const std::vector<std::string>& closed) const {
    std::optional<CoverageGrid> grid;
    {
        std::lock_guard lock(m_mutex);
        grid.emplace(m_grid);
    }
    for (const auto& id : closed) {
        bool any = false;
        for (const auto& u : std::vector<CoverageUnit>(grid->units())) {
            if (u.stationId == id) {
                any = true;
                if (u.counts) {
                    CoverageUnit off = u;
                    off.counts = false;
                    grid->update(off);
                }
            }
        }
        if (!any) {
            return core::notFound("closed_station_ids: station \"" + id + "\" has no unit");
        }
    }
    options.startDelaySeconds = startDelayFor(kind);
    return placeSites(*grid, m_places, options);
}

}  // namespace flameblue::reports

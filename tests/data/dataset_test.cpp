#include "data/dataset.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/geo.h"

namespace fs = std::filesystem;
using flameblue::core::ErrorCode;
using flameblue::core::LatLon;
using flameblue::core::UnitKind;
using flameblue::data::Dataset;
using flameblue::data::loadDataset;
using nlohmann::json;

namespace {

const fs::path kDataDir = FLAMEBLUE_DATA_DIR;

const std::vector<std::string> kCityIds = {"taiyuan",  "datong",   "yangquan", "changzhi",
                                           "jincheng", "shuozhou", "jinzhong", "yuncheng",
                                           "xinzhou",  "linfen",   "lvliang"};

const std::vector<std::string> kDataFiles = {
    "cities.json",         "station_classes.json", "capabilities.json", "unit_types.json",
    "aircraft_types.json", "incident_types.json",  "stations.json",     "units.json",
    "aircraft.json",       "water_sources.json",   "service_area.json"};

json readJsonFile(const fs::path& p) {
    std::ifstream in(p);
    return json::parse(in);
}

// The bundled data set, loaded once for the read-only tests.
const Dataset& bundled() {
    static const Dataset ds = [] {
        auto r = loadDataset(kDataDir);
        if (!r.ok()) {
            ADD_FAILURE() << r.error().message;
            return Dataset{};
        }
        return std::move(r).value();
    }();
    return ds;
}

std::set<std::string> citiesWithCapability(const Dataset& ds, const std::string& cap) {
    std::set<std::string> out;
    for (const auto& u : ds.units) {
        const auto& caps = u.spec.capabilities;
        if (std::find(caps.begin(), caps.end(), cap) == caps.end()) {
            continue;
        }
        if (const auto* s = ds.findStation(u.spec.stationId)) {
            out.insert(s->city);
        }
    }
    return out;
}

bool stationHasCapability(const Dataset& ds, const std::string& stationId, const std::string& cap) {
    for (const auto* u : ds.unitsAt(stationId)) {
        const auto& caps = u->spec.capabilities;
        if (std::find(caps.begin(), caps.end(), cap) != caps.end()) {
            return true;
        }
    }
    return false;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

// A writable copy of the bundled data set in a fresh temp directory, removed afterwards.
class TempDataDir {
public:
    TempDataDir() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        std::random_device rd;
        m_dir = fs::temp_directory_path() /
                ("flameblue_data_test_" + std::string(info ? info->name() : "x") + "_" +
                 std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(m_dir);
        for (const auto& f : kDataFiles) {
            fs::copy_file(kDataDir / f, m_dir / f);
        }
        fs::create_directories(m_dir / "basemap");
        fs::copy_file(kDataDir / "basemap" / "province_outlines.geojson",
                      m_dir / "basemap" / "province_outlines.geojson");
    }
    ~TempDataDir() {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
    TempDataDir(const TempDataDir&) = delete;
    TempDataDir& operator=(const TempDataDir&) = delete;

    const fs::path& path() const { return m_dir; }
    json read(const std::string& file) const { return readJsonFile(m_dir / file); }
    void write(const std::string& file, const json& j) const { writeText(file, j.dump(2)); }
    void writeText(const std::string& file, const std::string& text) const {
        std::ofstream out(m_dir / file, std::ios::binary | std::ios::trunc);
        out << text;
    }
    void edit(const std::string& file, const std::function<void(json&)>& change) const {
        json j = read(file);
        change(j);
        write(file, j);
    }
    void remove(const std::string& file) const { fs::remove(m_dir / file); }

private:
    fs::path m_dir;
};

// Loads `dir`, expects an InvalidArgument error, and returns its message.
std::string loadError(const TempDataDir& dir) {
    auto r = loadDataset(dir.path());
    EXPECT_FALSE(r.ok()) << "expected the broken data set to be refused";
    if (r.ok()) {
        return {};
    }
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    return r.error().message;
}

// True when one line of `message` contains every one of `parts` (file, record and field must
// be reported together, not scattered over the report).
bool hasLineWith(const std::string& message, const std::vector<std::string>& parts) {
    for (const auto& line : lines(message)) {
        const bool all = std::all_of(parts.begin(), parts.end(), [&](const std::string& p) {
            return line.find(p) != std::string::npos;
        });
        if (all) {
            return true;
        }
    }
    return false;
}

}  // namespace

// ------------------------------------------------------------------------ the bundled data set

TEST(BundledDataset, LoadsWithoutProblems) {
    auto r = loadDataset(kDataDir);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_GE(r->stations.size(), 70u);
    EXPECT_LE(r->stations.size(), 110u);
    EXPECT_GE(r->waterSources.size(), 30u);
}

TEST(BundledDataset, HasElevenCitiesWithSeatsFromTheBaseMap) {
    const auto& ds = bundled();
    ASSERT_EQ(ds.cities.size(), 11u);
    for (const auto& id : kCityIds) {
        EXPECT_NE(ds.findCity(id), nullptr) << id;
    }
    const json seats = readJsonFile(kDataDir / "basemap" / "city_seats.geojson");
    for (const auto& f : seats["features"]) {
        const std::string adcode = f["properties"]["adcode"];
        const auto it = std::find_if(ds.cities.begin(), ds.cities.end(),
                                     [&](const auto& c) { return c.adcode == adcode; });
        ASSERT_NE(it, ds.cities.end()) << adcode;
        EXPECT_DOUBLE_EQ(it->seat.lonDeg, f["geometry"]["coordinates"][0].get<double>());
        EXPECT_DOUBLE_EQ(it->seat.latDeg, f["geometry"]["coordinates"][1].get<double>());
        EXPECT_EQ(it->nameZh, f["properties"]["name_zh"].get<std::string>());
    }
}

TEST(BundledDataset, CatalogsHoldThePlannedTags) {
    const auto& ds = bundled();
    for (const auto* id :
         {"class1", "class2", "small", "special_service", "chemical_park", "township", "volunteer",
          "forest_grassland", "logistics", "aviation_base", "reserve_depot"}) {
        EXPECT_TRUE(ds.hasStationClass(id)) << id;
    }
    for (const auto* id : {"fire_suppression",
                           "water_supply",
                           "aerial_ladder",
                           "high_rise",
                           "rescue",
                           "hazmat",
                           "petrochemical",
                           "foam",
                           "mountain_rescue",
                           "water_rescue",
                           "geological_rescue",
                           "forest_fire",
                           "ems_support",
                           "life_support",
                           "command",
                           "smoke_exhaust",
                           "drainage",
                           "rail_transit",
                           "underground",
                           "robot",
                           "water_mist",
                           "high_expansion_foam",
                           "logistics",
                           "air_water_drop",
                           "air_rescue",
                           "air_transport",
                           "air_recon"}) {
        EXPECT_TRUE(ds.hasCapability(id)) << id;
    }
    for (const auto* id : {"engine",
                           "tanker",
                           "aerial_ladder",
                           "rescue",
                           "hazmat",
                           "foam",
                           "command",
                           "forest_team",
                           "water_rescue_team",
                           "mountain_rescue_team",
                           "smoke_exhaust",
                           "drainage",
                           "road_rail",
                           "robot",
                           "water_mist",
                           "high_expansion_foam",
                           "logistics",
                           "ambulance_support",
                           "helicopter",
                           "fixed_wing"}) {
        EXPECT_TRUE(ds.hasUnitType(id)) << id;
    }
    for (const auto* id :
         {"building_fire", "high_rise_fire", "underground_rail_fire", "chemical_fire",
          "hazmat_leak", "forest_grassland_fire", "flood_water_rescue", "geological_disaster",
          "earthquake", "mountain_rescue", "traffic_accident", "other_rescue"}) {
        EXPECT_TRUE(ds.hasIncidentType(id)) << id;
    }
    EXPECT_FALSE(ds.hasIncidentType("alien_landing"));
    const auto aircraftKinds = std::count_if(ds.unitTypes.begin(), ds.unitTypes.end(),
                                             [](const auto& t) { return t.kind == "aircraft"; });
    EXPECT_EQ(aircraftKinds, 2);
}

TEST(BundledDataset, EveryCityHasStationsAndEveryClassAppears) {
    const auto& ds = bundled();
    std::map<std::string, int> perCity;
    std::map<std::string, int> perClass;
    for (const auto& s : ds.stations) {
        ++perCity[s.city];
        ++perClass[s.stationClass];
        EXPECT_TRUE(s.illustrative) << s.id;
    }
    for (const auto& id : kCityIds) {
        EXPECT_GE(perCity[id], 5) << id;
    }
    for (const auto& c : ds.stationClasses) {
        EXPECT_GE(perClass[c.id], 1) << c.id;
    }
    // The plan's depots: one provincial plus Shuozhou, Jinzhong and Linfen.
    std::set<std::string> depotCities;
    for (const auto& s : ds.stations) {
        if (s.stationClass == "reserve_depot") {
            depotCities.insert(s.city);
        }
    }
    EXPECT_EQ(depotCities, (std::set<std::string>{"taiyuan", "shuozhou", "jinzhong", "linfen"}));
}

TEST(BundledDataset, StationsLieNearTheirCityAndAreNotStacked) {
    const auto& ds = bundled();
    int within60 = 0;
    for (const auto& s : ds.stations) {
        const auto* city = ds.findCity(s.city);
        ASSERT_NE(city, nullptr) << s.id;
        EXPECT_GE(s.position.latDeg, 34.0) << s.id;
        EXPECT_LE(s.position.latDeg, 41.5) << s.id;
        EXPECT_GE(s.position.lonDeg, 110.0) << s.id;
        EXPECT_LE(s.position.lonDeg, 115.0) << s.id;
        const double km = flameblue::core::distanceMeters(s.position, city->seat) / 1000.0;
        // Far counties (Xinzhou's Fanshi) are ~110 km out; a wrong city code would be 200+.
        EXPECT_LT(km, 120.0) << s.id << " is " << km << " km from " << s.city;
        within60 += km <= 60.0 ? 1 : 0;
    }
    EXPECT_GT(within60, static_cast<int>(ds.stations.size()) / 2);
    for (std::size_t i = 0; i < ds.stations.size(); ++i) {
        for (std::size_t j = i + 1; j < ds.stations.size(); ++j) {
            const double m = flameblue::core::greatCircleMeters(ds.stations[i].position,
                                                                ds.stations[j].position);
            EXPECT_GT(m, 1000.0) << ds.stations[i].id << " and " << ds.stations[j].id;
        }
    }
    // Every city seat has at least three urban stations (class 1/2, small, special service).
    for (const auto& id : kCityIds) {
        int urban = 0;
        for (const auto& s : ds.stations) {
            const bool urbanClass = s.stationClass == "class1" || s.stationClass == "class2" ||
                                    s.stationClass == "small" ||
                                    s.stationClass == "special_service";
            if (s.city == id && urbanClass &&
                flameblue::core::distanceMeters(s.position, ds.findCity(id)->seat) < 15000.0) {
                ++urban;
            }
        }
        EXPECT_GE(urban, 3) << id;
    }
}

TEST(BundledDataset, CapabilitiesFollowTheCitySpecialisations) {
    const auto& ds = bundled();
    const auto has = [](const std::set<std::string>& got, std::set<std::string> want) {
        return std::includes(got.begin(), got.end(), want.begin(), want.end());
    };
    EXPECT_TRUE(
        has(citiesWithCapability(ds, "mountain_rescue"), {"taiyuan", "xinzhou", "jincheng"}));
    EXPECT_TRUE(has(citiesWithCapability(ds, "water_rescue"), {"taiyuan", "datong", "linfen"}));
    EXPECT_TRUE(
        has(citiesWithCapability(ds, "geological_rescue"), {"taiyuan", "datong", "changzhi"}));
    EXPECT_TRUE(has(citiesWithCapability(ds, "life_support"),
                    {"taiyuan", "shuozhou", "jincheng", "linfen"}));
    EXPECT_EQ(citiesWithCapability(ds, "petrochemical"), std::set<std::string>{"lvliang"});
    const std::set<std::string> all(kCityIds.begin(), kCityIds.end());
    EXPECT_EQ(citiesWithCapability(ds, "high_rise"), all);
    EXPECT_EQ(citiesWithCapability(ds, "aerial_ladder"), all);
    EXPECT_EQ(citiesWithCapability(ds, "fire_suppression"), all);

    for (const auto& s : ds.stations) {
        if (s.stationClass == "forest_grassland") {
            EXPECT_TRUE(stationHasCapability(ds, s.id, "forest_fire")) << s.id;
        }
        if (s.stationClass == "chemical_park") {
            EXPECT_TRUE(stationHasCapability(ds, s.id, "hazmat")) << s.id;
            EXPECT_TRUE(stationHasCapability(ds, s.id, "foam")) << s.id;
        }
        EXPECT_FALSE(ds.unitsAt(s.id).empty()) << s.id << " has no units";
    }

    // Taiyuan's rail transit and underground equipment sits at its special-service stations.
    for (const auto* cap : {"rail_transit", "drainage", "smoke_exhaust", "high_expansion_foam",
                            "robot", "water_mist", "underground"}) {
        bool found = false;
        for (const auto& s : ds.stations) {
            if (s.city == "taiyuan" && s.stationClass == "special_service" &&
                stationHasCapability(ds, s.id, cap)) {
                found = true;
            }
        }
        EXPECT_TRUE(found) << cap;
    }
}

TEST(BundledDataset, GroundUnitsHaveSaneCrewsAndSortedCapabilities) {
    const auto& ds = bundled();
    int ground = 0;
    int belowCapacity = 0;
    int understaffed = 0;
    std::set<std::string> ids;
    for (const auto& u : ds.units) {
        EXPECT_TRUE(ids.insert(u.spec.id).second) << u.spec.id;
        EXPECT_TRUE(std::is_sorted(u.spec.capabilities.begin(), u.spec.capabilities.end()));
        EXPECT_EQ(std::adjacent_find(u.spec.capabilities.begin(), u.spec.capabilities.end()),
                  u.spec.capabilities.end());
        EXPECT_GE(u.staffing, 0);
        EXPECT_LE(u.staffing, u.spec.crewCapacity);
        EXPECT_NE(ds.findStation(u.spec.stationId), nullptr) << u.spec.id;
        if (u.spec.kind != UnitKind::Ground) {
            continue;
        }
        ++ground;
        belowCapacity += u.staffing < u.spec.crewCapacity ? 1 : 0;
        understaffed += u.staffing <= 2 && u.spec.crewCapacity >= 5 ? 1 : 0;
        EXPECT_TRUE(u.readiness.empty());
        EXPECT_TRUE(u.spec.icao24.empty());
    }
    EXPECT_GE(ground, 250);
    EXPECT_LE(ground, 400);
    EXPECT_GE(belowCapacity, 20);
    EXPECT_GE(understaffed, 2);
    // Ground units come first, aircraft after them.
    const auto firstAir = std::find_if(ds.units.begin(), ds.units.end(), [](const auto& u) {
        return u.spec.kind == UnitKind::Aircraft;
    });
    EXPECT_TRUE(std::all_of(firstAir, ds.units.end(),
                            [](const auto& u) { return u.spec.kind == UnitKind::Aircraft; }));
}

// What a run card slot asks for is what a dispatcher means by it: an engine slot
// (fire_suppression, also the 5-minute coverage capability) takes engines and foam tenders, never
// a robot, an aerial platform or a specialist vehicle; robots are their own capability.
TEST(BundledDataset, UnitTypesCarryOnlyTheCapabilitiesTheyProvide) {
    const auto& ds = bundled();
    std::map<std::string, std::set<std::string>> provides;
    for (const auto& t : ds.unitTypes) {
        EXPECT_FALSE(t.capabilities.empty()) << t.id;
        provides[t.id].insert(t.capabilities.begin(), t.capabilities.end());
    }
    const std::map<std::string, std::set<std::string>> expected = {
        {"engine", {"fire_suppression", "water_supply", "petrochemical"}},
        {"tanker", {"water_supply"}},
        {"aerial_ladder", {"aerial_ladder", "high_rise"}},
        {"rescue", {"rescue", "geological_rescue"}},
        {"hazmat", {"hazmat", "petrochemical"}},
        {"foam", {"fire_suppression", "foam", "petrochemical"}},
        {"command", {"command"}},
        {"forest_team", {"forest_fire"}},
        {"water_rescue_team", {"water_rescue"}},
        {"mountain_rescue_team", {"mountain_rescue"}},
        {"smoke_exhaust", {"smoke_exhaust", "underground"}},
        {"drainage", {"drainage", "underground"}},
        {"road_rail", {"rail_transit", "smoke_exhaust", "underground"}},
        {"robot", {"robot", "underground"}},
        {"water_mist", {"water_mist", "underground"}},
        {"high_expansion_foam", {"high_expansion_foam", "underground"}},
        {"logistics", {"logistics"}},
        {"ambulance_support", {"ems_support", "life_support"}},
        {"helicopter", {"air_water_drop", "air_rescue", "air_transport", "air_recon"}},
        {"fixed_wing", {"air_water_drop", "air_transport", "air_recon"}},
    };
    EXPECT_EQ(provides, expected);
    std::set<std::string> engineSlotTypes;
    for (const auto& u : ds.units) {
        const auto& caps = u.spec.capabilities;
        for (const auto& c : caps) {
            EXPECT_TRUE(provides[u.spec.unitType].contains(c))
                << u.spec.id << " (" << u.spec.unitType << ") carries " << c;
        }
        if (std::find(caps.begin(), caps.end(), "fire_suppression") != caps.end()) {
            engineSlotTypes.insert(u.spec.unitType);
        }
    }
    EXPECT_EQ(engineSlotTypes, (std::set<std::string>{"engine", "foam"}));
}

TEST(BundledDataset, ServiceAreaIsTheShanxiOutline) {
    const auto& ds = bundled();
    const auto& area = ds.serviceArea;
    ASSERT_FALSE(area.empty());
    EXPECT_EQ(area.name(), "Shanxi (山西省)");
    EXPECT_DOUBLE_EQ(area.marginMeters(), 1000.0);
    // Every place of the roster lies in it.
    for (const auto& s : ds.stations) {
        EXPECT_TRUE(area.contains(s.position)) << s.id;
    }
    for (const auto& w : ds.waterSources) {
        EXPECT_TRUE(area.contains(w.position)) << w.id;
    }
    // Neighbouring capitals and the null island do not.
    EXPECT_FALSE(area.contains({39.9042, 116.4074}));  // Beijing
    EXPECT_FALSE(area.contains({38.0428, 114.5149}));  // Shijiazhuang
    EXPECT_FALSE(area.contains({34.3416, 108.9398}));  // Xi'an
    EXPECT_FALSE(area.contains({0.0, 0.0}));
}

TEST(BundledDataset, AircraftAreRealTypesBasedAtYaocheng) {
    const auto& ds = bundled();
    const auto* base = ds.findStation("AV-YC");
    ASSERT_NE(base, nullptr);
    EXPECT_EQ(base->stationClass, "aviation_base");
    EXPECT_TRUE(ds.isApproximatePosition("AV-YC"));
    EXPECT_FALSE(ds.isApproximatePosition("TY-S01"));
    const json airports = readJsonFile(kDataDir / "basemap" / "airports.geojson");
    for (const auto& f : airports["features"]) {
        if (f["properties"].value("iata", "") == "TYC") {
            const LatLon yaocheng{f["geometry"]["coordinates"][1].get<double>(),
                                  f["geometry"]["coordinates"][0].get<double>()};
            EXPECT_LT(flameblue::core::distanceMeters(base->position, yaocheng), 100.0);
        }
    }

    std::set<std::string> types;
    std::set<std::string> icao;
    int atBase = 0;
    for (const auto* u : ds.unitsAt("AV-YC")) {
        if (u->spec.kind != UnitKind::Aircraft) {
            continue;
        }
        ++atBase;
        types.insert(u->spec.aircraftType);
        const auto* t = ds.findAircraftType(u->spec.aircraftType);
        ASSERT_NE(t, nullptr) << u->spec.id;
        EXPECT_EQ(u->spec.unitType, t->category == "rotorcraft" ? "helicopter" : "fixed_wing");
        ASSERT_EQ(u->spec.icao24.size(), 6u);
        EXPECT_EQ(u->spec.icao24.find_first_not_of("0123456789abcdef"), std::string::npos);
        EXPECT_TRUE(icao.insert(u->spec.icao24).second) << u->spec.icao24;
        EXPECT_FALSE(u->spec.registration.empty());
        EXPECT_TRUE(u->readiness == "hot_standby" || u->readiness == "normal") << u->readiness;
        EXPECT_TRUE(ds.launchDelayMin(u->readiness).has_value());
    }
    EXPECT_GE(atBase, 4);
    EXPECT_GE(types.size(), 4u);
    for (const auto* t : {"z8", "ac313", "bell412"}) {
        EXPECT_TRUE(types.contains(t)) << t;
    }

    EXPECT_DOUBLE_EQ(*ds.launchDelayMin("hot_standby"), 5.0);
    EXPECT_DOUBLE_EQ(*ds.launchDelayMin("normal"), 20.0);
    EXPECT_FALSE(ds.launchDelayMin("asleep").has_value());

    const auto* z8 = ds.findAircraftType("z8");
    ASSERT_NE(z8, nullptr);
    EXPECT_DOUBLE_EQ(z8->cruiseKmh, 266.0);
    EXPECT_DOUBLE_EQ(*z8->enduranceMin, 151.0);
    EXPECT_DOUBLE_EQ(*z8->waterTonnes, 2.6);
    EXPECT_DOUBLE_EQ(*z8->bucketKmh, 150.0);
    const auto* ka32 = ds.findAircraftType("ka32");
    ASSERT_NE(ka32, nullptr);
    EXPECT_DOUBLE_EQ(*ka32->maxKmh, 260.0);
    EXPECT_DOUBLE_EQ(*ka32->waterTonnes, 5.3);
    const auto* aw139 = ds.findAircraftType("aw139");
    ASSERT_NE(aw139, nullptr);
    EXPECT_FALSE(aw139->waterTonnes.has_value());
    for (const auto& t : ds.aircraftTypes) {
        EXPECT_DOUBLE_EQ(t.reserveMin, 30.0) << t.id;
        EXPECT_FALSE(t.source.empty()) << t.id;
    }
}

TEST(BundledDataset, WaterSourcesIncludeDipSitesButNotTheSaltLake) {
    const auto& ds = bundled();
    int dips = 0;
    std::set<std::string> cities;
    for (const auto& w : ds.waterSources) {
        dips += w.dipSite ? 1 : 0;
        cities.insert(w.city);
        if (w.kind == "hydrant" || w.kind == "tank") {
            EXPECT_FALSE(w.dipSite) << w.id;
        }
    }
    EXPECT_GE(dips, 10);
    EXPECT_EQ(cities.size(), 11u);
    const auto byName = [&](const std::string& zh) {
        return std::find_if(ds.waterSources.begin(), ds.waterSources.end(),
                            [&](const auto& w) { return w.nameZh == zh; });
    };
    const auto fenhe = byName("汾河水库");
    ASSERT_NE(fenhe, ds.waterSources.end());
    EXPECT_TRUE(fenhe->dipSite);
    const auto salt = byName("运城盐湖");
    ASSERT_NE(salt, ds.waterSources.end());
    EXPECT_FALSE(salt->dipSite);
}

// ------------------------------------------------------------------------ broken copies

TEST(DatasetErrors, CopyOfBundledSetLoads) {
    TempDataDir dir;
    auto r = loadDataset(dir.path());
    ASSERT_TRUE(r.ok()) << r.error().message;
}

TEST(DatasetErrors, BadLatitudeNamesFileRecordAndField) {
    TempDataDir dir;
    std::string id;
    dir.edit("stations.json", [&](json& j) {
        j["stations"][11]["lat"] = 200;
        id = j["stations"][11]["id"];
    });
    const auto msg = loadError(dir);
    EXPECT_TRUE(hasLineWith(msg, {"stations.json: record 12 (id \"" + id +
                                  "\"): field \"lat\": expected a number in [-90, 90], got 200"}))
        << msg;
}

TEST(DatasetErrors, PositionOutsideShanxiIsRefused) {
    TempDataDir dir;
    dir.edit("water_sources.json", [](json& j) { j["water_sources"][0]["lon"] = 116.4; });
    const auto msg = loadError(dir);
    EXPECT_TRUE(
        hasLineWith(msg, {"water_sources.json: record 1", "field \"lon\"", "Shanxi box", "116.4"}))
        << msg;
}

TEST(DatasetErrors, UnknownCapability) {
    TempDataDir dir;
    dir.edit("units.json",
             [](json& j) { j["units"][0]["capabilities"].push_back("laser_cannon"); });
    const auto msg = loadError(dir);
    EXPECT_TRUE(hasLineWith(msg, {"units.json: record 1 (id \"TY-S01-E1\")",
                                  "field \"capabilities\"", "unknown capability \"laser_cannon\""}))
        << msg;
}

TEST(DatasetErrors, DuplicateIds) {
    TempDataDir dir;
    dir.edit("units.json", [](json& j) { j["units"][1]["id"] = j["units"][0]["id"]; });
    dir.edit("aircraft.json", [](json& j) { j["aircraft"][0]["id"] = "TY-S01-E1"; });
    dir.edit("stations.json", [](json& j) { j["stations"][2]["id"] = j["stations"][1]["id"]; });
    const auto msg = loadError(dir);
    EXPECT_TRUE(hasLineWith(msg, {"units.json: record 2 (id \"TY-S01-E1\")", "field \"id\"",
                                  "duplicate id \"TY-S01-E1\"", "units.json: record 1"}))
        << msg;
    // Units and aircraft share one id space.
    EXPECT_TRUE(hasLineWith(
        msg, {"aircraft.json: record 1 (id \"TY-S01-E1\")", "field \"id\"", "duplicate id"}))
        << msg;
    EXPECT_TRUE(hasLineWith(msg, {"stations.json: record 3", "field \"id\"", "duplicate id"}))
        << msg;
}

TEST(DatasetErrors, MalformedJsonReportsBytePositionWithoutKnockOnErrors) {
    TempDataDir dir;
    dir.writeText("cities.json", "{\n  \"cities\": [\n    {\"id\": \"taiyuan\",}\n  ]\n}\n");
    const auto msg = loadError(dir);
    EXPECT_TRUE(hasLineWith(msg, {"cities.json: not valid JSON (at byte", "parse error"})) << msg;
    // Stations and water sources refer to cities; they must not each be reported as unknown.
    EXPECT_NE(msg.find(": 1 problem\n"), std::string::npos) << msg;
}

TEST(DatasetErrors, MissingFile) {
    TempDataDir dir;
    dir.remove("water_sources.json");
    const auto msg = loadError(dir);
    EXPECT_TRUE(hasLineWith(msg, {"water_sources.json: file not found"})) << msg;
}

TEST(DatasetErrors, CapabilityTheUnitTypeDoesNotProvide) {
    TempDataDir dir;
    std::string id;
    dir.edit("units.json", [&](json& j) {
        for (auto& u : j["units"]) {
            if (u["type"] == "robot") {
                u["capabilities"] = {"fire_suppression", "robot", "underground"};
                id = u["id"];
                break;
            }
        }
    });
    ASSERT_FALSE(id.empty());
    const auto msg = loadError(dir);
    EXPECT_TRUE(hasLineWith(msg, {"units.json: record", "(id \"" + id + "\")",
                                  "field \"capabilities\": capability \"fire_suppression\" is "
                                  "not one a unit of type \"robot\" provides (unit_types.json "
                                  "lists: robot, underground)"}))
        << msg;
}

TEST(DatasetErrors, ServiceAreaProblemsNameTheFileAndField) {
    {
        TempDataDir dir;
        dir.edit("service_area.json", [](json& j) { j["outline_feature"] = "Atlantis"; });
        const auto msg = loadError(dir);
        EXPECT_TRUE(hasLineWith(msg, {"service_area.json: outline_file "
                                      "\"basemap/province_outlines.geojson\": no feature with "
                                      "\"name\": \"Atlantis\""}))
            << msg;
    }
    {
        TempDataDir dir;
        dir.edit("service_area.json", [](json& j) { j["margin_m"] = -5; });
        const auto msg = loadError(dir);
        EXPECT_TRUE(hasLineWith(msg, {"service_area.json", "margin_m", "-5"})) << msg;
    }
    {
        TempDataDir dir;
        dir.remove("service_area.json");
        const auto msg = loadError(dir);
        EXPECT_TRUE(hasLineWith(msg, {"service_area.json: file not found"})) << msg;
    }
}

TEST(DatasetErrors, StaffingAboveCrewCapacity) {
    TempDataDir dir;
    std::string id;
    int capacity = 0;
    dir.edit("units.json", [&](json& j) {
        j["units"][2]["staffing"] = 99;
        id = j["units"][2]["id"];
        capacity = j["units"][2]["crew_capacity"];
    });
    dir.edit("aircraft.json", [](json& j) { j["aircraft"][0]["staffing"] = -1; });
    const auto msg = loadError(dir);
    EXPECT_TRUE(hasLineWith(msg, {"units.json: record 3 (id \"" + id + "\")",
                                  "field \"staffing\": expected an integer in [0, crew_capacity " +
                                      std::to_string(capacity) + "], got 99"}))
        << msg;
    EXPECT_TRUE(hasLineWith(msg, {"aircraft.json: record 1", "field \"staffing\"", "got -1"}))
        << msg;
}

TEST(DatasetErrors, CollectsEveryProblemNotJustTheFirst) {
    TempDataDir dir;
    dir.edit("stations.json", [](json& j) {
        j["stations"][0]["lat"] = "north";
        j["stations"][1]["city"] = "beijing";
        j["stations"][2].erase("name_zh");
        j["stations"][3]["class"] = "castle";
    });
    dir.edit("units.json", [](json& j) {
        j["units"][0]["station"] = "NOWHERE";
        j["units"][1]["type"] = "helicopter";
        j["units"][2]["crew_capacity"] = 2.5;
        j["units"][3]["name_en"] = "";
    });
    const auto r = loadDataset(dir.path());
    ASSERT_FALSE(r.ok());
    const auto& msg = r.error().message;
    EXPECT_TRUE(hasLineWith(msg, {"stations.json: record 1", "field \"lat\"",
                                  "expected a number in [-90, 90], got \"north\""}))
        << msg;
    EXPECT_TRUE(hasLineWith(msg, {"stations.json: record 2", "field \"city\"",
                                  "unknown city \"beijing\" (not in cities.json)"}))
        << msg;
    EXPECT_TRUE(hasLineWith(msg, {"stations.json: record 3", "field \"name_zh\": missing"})) << msg;
    EXPECT_TRUE(hasLineWith(
        msg, {"stations.json: record 4", "field \"class\"", "unknown station class \"castle\""}))
        << msg;
    EXPECT_TRUE(hasLineWith(
        msg, {"units.json: record 1", "field \"station\"", "unknown station \"NOWHERE\""}))
        << msg;
    EXPECT_TRUE(hasLineWith(msg, {"units.json: record 2", "field \"type\"", "for aircraft"}))
        << msg;
    EXPECT_TRUE(hasLineWith(
        msg, {"units.json: record 3", "field \"crew_capacity\"", "expected an integer", "got 2.5"}))
        << msg;
    EXPECT_TRUE(hasLineWith(msg, {"units.json: record 4", "field \"name_en\"",
                                  "expected a non-empty string, got \"\""}))
        << msg;
    // A unit at the now-unknown station is not reported twice; 8 problems, 8 lines + summary.
    EXPECT_EQ(lines(msg).size(), 9u) << msg;
    EXPECT_NE(msg.find(": 8 problems"), std::string::npos) << msg;
}

TEST(DatasetErrors, AircraftChecks) {
    TempDataDir dir;
    dir.edit("aircraft.json", [](json& j) {
        j["aircraft"][0]["icao24"] = "78xyz1";
        j["aircraft"][1]["type"] = "concorde";
        j["aircraft"][2]["readiness"] = "asleep";
        j["aircraft"][3]["icao24"] = "780E45";  // the same address as record 5, in upper case
        j["aircraft"][5]["base"] = "NOWHERE";
    });
    dir.edit("aircraft_types.json", [](json& j) { j["aircraft_types"][7]["cruise_kmh"] = 0; });
    const auto msg = loadError(dir);
    EXPECT_TRUE(hasLineWith(
        msg, {"aircraft.json: record 1", "field \"icao24\"", "6 hexadecimal digits", "\"78xyz1\""}))
        << msg;
    EXPECT_TRUE(hasLineWith(
        msg, {"aircraft.json: record 2", "field \"type\"", "unknown aircraft type \"concorde\""}))
        << msg;
    EXPECT_TRUE(hasLineWith(
        msg, {"aircraft.json: record 3", "field \"readiness\"", "unknown readiness \"asleep\""}))
        << msg;
    EXPECT_TRUE(hasLineWith(msg, {"aircraft.json: record 5", "field \"icao24\"",
                                  "duplicate ICAO address \"780e45\"", "aircraft.json: record 4"}))
        << msg;
    EXPECT_TRUE(hasLineWith(
        msg, {"aircraft.json: record 6", "field \"base\"", "unknown station \"NOWHERE\""}))
        << msg;
    EXPECT_TRUE(hasLineWith(msg, {"aircraft_types.json: record 8", "field \"cruise_kmh\"",
                                  "expected a number > 0, got 0"}))
        << msg;
}

TEST(DatasetErrors, Icao24IsNormalisedToLowerCase) {
    TempDataDir dir;
    dir.edit("aircraft.json", [](json& j) { j["aircraft"][0]["icao24"] = "780ABC"; });
    auto r = loadDataset(dir.path());
    ASSERT_TRUE(r.ok()) << r.error().message;
    const auto* u = r->findUnit("AV-Z8-01");
    ASSERT_NE(u, nullptr);
    EXPECT_EQ(u->spec.icao24, "780abc");
    EXPECT_EQ(u->spec.kind, UnitKind::Aircraft);
    EXPECT_EQ(u->spec.unitType, "helicopter");
    EXPECT_EQ(u->spec.aircraftType, "z8");
    EXPECT_EQ(u->spec.stationId, "AV-YC");
}

TEST(DatasetErrors, WrongShapesAreReported) {
    TempDataDir dir;
    dir.write("incident_types.json", json::array());
    dir.edit("water_sources.json", [](json& j) {
        j["water_sources"][0] = "not a record";
        j["water_sources"][1]["dip_site"] = "yes";
        j["water_sources"][2]["kind"] = "ocean";
    });
    dir.edit("units.json", [](json& j) { j["units"][0]["capabilities"] = "fire_suppression"; });
    const auto msg = loadError(dir);
    EXPECT_TRUE(hasLineWith(msg, {"incident_types.json: expected a JSON object"})) << msg;
    EXPECT_TRUE(hasLineWith(msg, {"water_sources.json: record 1: expected a JSON object"})) << msg;
    EXPECT_TRUE(hasLineWith(msg, {"water_sources.json: record 2", "field \"dip_site\"",
                                  "expected true or false, got \"yes\""}))
        << msg;
    EXPECT_TRUE(hasLineWith(msg, {"water_sources.json: record 3", "field \"kind\"", "ocean"}))
        << msg;
    EXPECT_TRUE(hasLineWith(msg, {"units.json: record 1", "field \"capabilities\"",
                                  "expected an array of non-empty strings"}))
        << msg;
}

TEST(DatasetErrors, RealRosterCanSayItIsNotIllustrative) {
    TempDataDir dir;
    dir.edit("stations.json", [](json& j) { j["illustrative"] = false; });
    auto r = loadDataset(dir.path());
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_FALSE(r->stations.empty());
    EXPECT_TRUE(std::none_of(r->stations.begin(), r->stations.end(),
                             [](const auto& s) { return s.illustrative; }));
}

TEST(DatasetErrors, DuplicateCapabilitiesAreMergedAndSorted) {
    TempDataDir dir;
    dir.edit("units.json", [](json& j) {
        j["units"][0]["capabilities"] = {"water_supply", "fire_suppression", "water_supply"};
    });
    auto r = loadDataset(dir.path());
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->findUnit("TY-S01-E1")->spec.capabilities,
              (std::vector<std::string>{"fire_suppression", "water_supply"}));
}

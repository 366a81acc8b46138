#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <set>

#include <nlohmann/json.hpp>

#include "dispatch/response_plans.h"
#include "dispatch/travel_model_config.h"
#include "dispatch_world.h"

namespace flameblue::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::multiset<std::string> capabilities(const std::vector<dispatch::SlotSpec>& slots) {
    std::multiset<std::string> out;
    for (const auto& s : slots) {
        out.insert(s.capability);
    }
    return out;
}

TEST(ResponsePlans, EveryIncidentTypeHasFiveLevelsThatOnlyAdd) {
    const auto& plans = shanxiRecommender().plans();
    for (const auto& type : shanxi().incidentTypes) {
        SCOPED_TRACE(type.id);
        ASSERT_NE(plans.find(type.id), nullptr);
        std::vector<dispatch::SlotSpec> previous;
        for (int level = 1; level <= 5; ++level) {
            const auto slots = plans.slotsFor(type.id, level);
            EXPECT_GT(slots.size(), previous.size()) << "level " << level;
            // Escalation keeps every slot of the level below, in the same order.
            for (std::size_t i = 0; i < previous.size(); ++i) {
                EXPECT_EQ(slots[i].capability, previous[i].capability);
                EXPECT_EQ(slots[i].level, previous[i].level);
            }
            previous = slots;
        }
    }
}

TEST(ResponsePlans, RunCardsAskForTheRightSpecialists) {
    const auto& plans = shanxiRecommender().plans();
    const auto has = [&](const char* type, int level, const char* cap) {
        return capabilities(plans.slotsFor(type, level)).contains(cap);
    };
    const auto building = capabilities(plans.slotsFor("building_fire", 1));
    EXPECT_EQ(building.count("fire_suppression"), 2U);
    EXPECT_EQ(building.count("water_supply"), 1U);
    EXPECT_TRUE(has("building_fire", 2, "aerial_ladder"));
    EXPECT_TRUE(has("building_fire", 2, "command"));
    EXPECT_TRUE(has("high_rise_fire", 1, "high_rise"));
    for (const char* cap : {"rail_transit", "underground", "smoke_exhaust", "drainage"}) {
        EXPECT_TRUE(has("underground_rail_fire", 2, cap)) << cap;
    }
    for (const char* cap : {"petrochemical", "foam", "hazmat"}) {
        EXPECT_TRUE(has("chemical_fire", 1, cap)) << cap;
    }
    EXPECT_TRUE(has("hazmat_leak", 1, "hazmat"));
    EXPECT_TRUE(has("flood_water_rescue", 1, "water_rescue"));
    EXPECT_TRUE(has("flood_water_rescue", 1, "drainage"));
    EXPECT_TRUE(has("geological_disaster", 1, "geological_rescue"));
    EXPECT_TRUE(has("earthquake", 1, "life_support"));
    EXPECT_TRUE(has("traffic_accident", 1, "rescue"));
    EXPECT_TRUE(has("traffic_accident", 1, "fire_suppression"));
    const auto forest = plans.slotsFor("forest_grassland_fire", 1);
    EXPECT_TRUE(std::any_of(forest.begin(), forest.end(), [](const dispatch::SlotSpec& s) {
        return s.air && s.capability == "air_water_drop";
    }));
    const auto mountain = plans.slotsFor("mountain_rescue", 1);
    EXPECT_TRUE(std::any_of(mountain.begin(), mountain.end(), [](const dispatch::SlotSpec& s) {
        return s.air && s.capability == "air_rescue";
    }));
    // The first-due engine carries the 5-minute target.
    const auto first = plans.slotsFor("building_fire", 1).front();
    ASSERT_TRUE(first.maxArrivalSeconds);
    EXPECT_EQ(*first.maxArrivalSeconds, 300.0);
}

TEST(TravelModelConfig, BundledValuesAreTheDocumentedDefaults) {
    const auto& c = shanxiRecommender().config();
    EXPECT_EQ(c.ground.defaultTurnoutSeconds, 80.0);
    EXPECT_EQ(c.staleFixSeconds, 300.0);
    EXPECT_EQ(c.aviation.thresholdMinutes, 30.0);
    EXPECT_TRUE(c.aviation.forces("forest_grassland_fire"));
    EXPECT_TRUE(c.aviation.forces("mountain_rescue"));
    EXPECT_FALSE(c.aviation.forces("building_fire"));
    EXPECT_EQ(c.coverage.circleSeconds, 300.0);
    EXPECT_EQ(c.coverage.capability, "fire_suppression");
    EXPECT_EQ(c.air.dipSeconds, 30.0);
    EXPECT_EQ(c.air.manoeuvreSeconds, 60.0);
    EXPECT_EQ(c.ground.mountainZones.size(), 3U);
}

// A directory holding edited copies of the two dispatch files, removed afterwards.
class EditedFiles {
public:
    EditedFiles() {
        std::random_device rd;
        m_dir = fs::temp_directory_path() /
                ("flameblue_dispatch_test_" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(m_dir);
        for (const char* f : {"response_plans.json", "travel_model.json"}) {
            fs::copy_file(fs::path(FLAMEBLUE_DATA_DIR) / f, m_dir / f);
        }
    }
    ~EditedFiles() {
        std::error_code ec;
        fs::remove_all(m_dir, ec);
    }
    EditedFiles(const EditedFiles&) = delete;
    EditedFiles& operator=(const EditedFiles&) = delete;

    void edit(const char* file, const std::function<void(json&)>& change) const {
        json j;
        {
            std::ifstream in(m_dir / file);
            j = json::parse(in);
        }
        change(j);
        std::ofstream(m_dir / file, std::ios::trunc) << j.dump(2);
    }
    const fs::path& dir() const { return m_dir; }

private:
    fs::path m_dir;
};

TEST(ResponsePlans, ProblemsNameFileRecordAndField) {
    EditedFiles files;
    files.edit("response_plans.json", [](json& j) {
        j["plans"][0]["levels"][0]["adds"][1]["capability"] = "warp_drive";
        j["plans"][1]["levels"][2]["adds"][0]["count"] = 0;
        j["plans"][2]["levels"].erase(4);
    });
    const auto r = dispatch::loadResponsePlans(files.dir(), shanxi());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, core::ErrorCode::InvalidArgument);
    const std::string& m = r.error().message;
    EXPECT_NE(m.find("3 problems"), std::string::npos) << m;
    EXPECT_NE(m.find("response_plans.json: plan 1 (building_fire): level 1: adds: record 2: "
                     "field \"capability\": unknown capability \"warp_drive\""),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("response_plans.json: plan 2 (high_rise_fire): level 3: adds: record 1: "
                     "field \"count\": expected an integer in [1, 50], got 0"),
              std::string::npos)
        << m;
    EXPECT_NE(m.find("response_plans.json: plan 3 (underground_rail_fire): field \"levels\": "
                     "level 5 is missing"),
              std::string::npos)
        << m;
}

TEST(ResponsePlans, EveryIncidentTypeNeedsAPlan) {
    EditedFiles files;
    files.edit("response_plans.json", [](json& j) { j["plans"].erase(11); });
    const auto r = dispatch::loadResponsePlans(files.dir(), shanxi());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("no plan for incident type \"other_rescue\""),
              std::string::npos)
        << r.error().message;
}

TEST(TravelModelConfig, ProblemsNameSectionAndField) {
    EditedFiles files;
    files.edit("travel_model.json", [](json& j) {
        j["position"].erase("stale_fix_s");
        j["ground"]["turnout_s"]["by_unit_type"]["hovercraft"] = 60;
        j["ground"]["speed_bands"][1]["up_to_km"] = 2;
        j["ground"]["mountain_zones"][0]["polygon"][2] = json::array({37.0});
        j["aviation"]["forced_incident_types"].push_back("alien_landing");
    });
    const auto r = dispatch::loadTravelModelConfig(files.dir(), shanxi());
    ASSERT_FALSE(r.ok());
    const std::string& m = r.error().message;
    for (const char* expected :
         {"travel_model.json: position: field \"stale_fix_s\": missing",
          "travel_model.json: ground.turnout_s: field \"by_unit_type\": unknown unit type "
          "\"hovercraft\"",
          "travel_model.json: ground.speed_bands: record 2: field \"up_to_km\": expected more "
          "than the previous band's 4 km, got 2",
          "travel_model.json: ground.mountain_zones: record 1 (id \"luliang\"): field "
          "\"polygon\": point 3",
          "travel_model.json: aviation: field \"forced_incident_types\": unknown incident type "
          "\"alien_landing\""}) {
        EXPECT_NE(m.find(expected), std::string::npos) << expected << "\n" << m;
    }
}

TEST(TravelModelConfig, MissingFileIsReported) {
    const auto r =
        dispatch::loadTravelModelConfig(fs::temp_directory_path() / "no-such-dir-fb", shanxi());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("travel_model.json: file not found"), std::string::npos);
}

}  // namespace
}  // namespace flameblue::testing

// A run card slot means what a dispatcher means by it: the units that fill it, and the units
// proposed to move up and cover a station, are of the types a dispatcher would send.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "dispatch_world.h"

namespace flameblue::testing {
namespace {

// Taiyuan Special Service Station 1: engines, an aerial platform, the road-rail truck, the
// water mist unit and both firefighting robots are in quarters here.
const core::LatLon kTaiyuanSpecialStation1{37.853, 112.579};

std::string typeOf(const std::string& unitId) {
    const data::RosterUnit* u = shanxi().findUnit(unitId);
    return u != nullptr ? u->spec.unitType : std::string("?");
}

// The unit types a dispatcher sends for a slot of each capability that several types carry.
const std::map<std::string, std::set<std::string>>& acceptedTypes() {
    static const std::map<std::string, std::set<std::string>> table = {
        {"fire_suppression", {"engine", "foam"}},
        {"water_supply", {"engine", "tanker"}},
        {"aerial_ladder", {"aerial_ladder"}},
        {"high_rise", {"aerial_ladder"}},
        {"rescue", {"rescue"}},
        {"foam", {"foam"}},
        {"robot", {"robot"}},
        {"smoke_exhaust", {"smoke_exhaust", "road_rail"}},
    };
    return table;
}

void checkSlotsAndMoveUps(const core::State& state, const std::string& type,
                          const std::string& where, const core::LatLon& at);

TEST(SlotMeaning, EngineSlotsAndMoveUpsNeverTakeRobotsOrSpecialists) {
    core::State state = shanxiState();
    // At every Taiyuan station (where the robots and specialist vehicles are), every level.
    std::vector<std::pair<std::string, core::LatLon>> places;
    for (const auto& st : shanxi().stations) {
        if (st.city == "taiyuan") {
            places.emplace_back(st.id, st.position);
        }
    }
    ASSERT_GE(places.size(), 5U);
    for (const auto& [where, at] : places) {
        for (const std::string& type : {std::string("building_fire"), std::string("high_rise_fire"),
                                        std::string("underground_rail_fire")}) {
            checkSlotsAndMoveUps(state, type, where, at);
        }
    }
}

void checkSlotsAndMoveUps(const core::State& state, const std::string& type,
                          const std::string& where, const core::LatLon& at) {
    for (int level = 1; level <= 5; ++level) {
        const auto r = shanxiRecommender().recommend(state, draft(type, level, at, nowOf(state)));
        ASSERT_TRUE(r.ok()) << r.error().message;
        SCOPED_TRACE(type + " level " + std::to_string(level) + " at " + where + "\n" + dump(*r));
        for (const auto& s : r->slots) {
            if (!s.pick || s.pick->airSubstitute) {
                continue;
            }
            const auto accepted = acceptedTypes().find(s.slot.capability);
            if (accepted == acceptedTypes().end()) {
                continue;
            }
            EXPECT_TRUE(accepted->second.contains(typeOf(s.pick->unitId)))
                << "slot " << s.slot.index + 1 << " (" << s.slot.capability << ") got "
                << s.pick->unitId << ", a " << typeOf(s.pick->unitId);
        }
        for (const auto& g : r->coverage.gaps) {
            if (g.moveUp) {
                const std::string t = typeOf(g.moveUp->unitId);
                EXPECT_TRUE(t == "engine" || t == "foam")
                    << g.moveUp->unitId << ", a " << t << ", proposed to cover " << g.stationId;
            }
        }
    }
}

TEST(SlotMeaning, RobotsStillFillTheSlotsThatAskForRobots) {
    core::State state = shanxiState();
    const auto r = shanxiRecommender().recommend(
        state, draft("underground_rail_fire", 3, kTaiyuanSpecialStation1, nowOf(state)));
    ASSERT_TRUE(r.ok()) << r.error().message;
    SCOPED_TRACE(dump(*r));
    int robotSlots = 0;
    for (const auto& s : r->slots) {
        if (s.slot.capability == "robot") {
            ++robotSlots;
            ASSERT_TRUE(s.pick.has_value());
            EXPECT_EQ(typeOf(s.pick->unitId), "robot");
        }
    }
    EXPECT_EQ(robotSlots, 1);
}

}  // namespace
}  // namespace flameblue::testing

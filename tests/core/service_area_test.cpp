// The service area with the bundled Shanxi outline: what decide() accepts as an incident's place.

#include <gtest/gtest.h>

#include <memory>

#include "../support/test_world.h"
#include "core/decide.h"
#include "data/dataset.h"

using namespace flameblue::core;
using namespace flameblue::testing;

namespace {

const flameblue::data::Dataset& bundled() {
    static const flameblue::data::Dataset ds = [] {
        auto r = flameblue::data::loadDataset(FLAMEBLUE_DATA_DIR);
        if (!r.ok()) {
            ADD_FAILURE() << r.error().message;
            return flameblue::data::Dataset{};
        }
        return std::move(r).value();
    }();
    return ds;
}

// Beijing, Tiananmen; and Shijiazhuang, Hebei's capital east of the Taihang.
constexpr LatLon kBeijing{39.9042, 116.4074};
constexpr LatLon kShijiazhuang{38.0428, 114.5149};

class ServiceAreaTest : public ::testing::Test {
protected:
    void SetUp() override {
        ref.incidentTypes = {"building_fire", "forest_grassland_fire"};
        for (const auto& c : bundled().cities) {
            ref.citySeats.push_back({c.id, c.seat});
        }
        ref.serviceArea = std::make_shared<const ServiceArea>(bundled().serviceArea);
        applyAll(state, rosterEvents());
    }

    Result<std::vector<EventPayload>> run(const Command& c) { return decide(state, ref, ctx, c); }

    // The first point on the way from `inside` along `bearingDeg` where the outline ends,
    // to a metre.
    LatLon border(const LatLon& inside, double bearingDeg) const {
        double lo = 0, hi = 400'000;
        while (hi - lo > 1.0) {
            const double mid = (lo + hi) / 2;
            if (ref.serviceArea->metersOutside(destination(inside, bearingDeg, mid)) > 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return destination(inside, bearingDeg, hi);
    }

    State state;
    Reference ref;
    CommandContext ctx{"dispatcher-1", "console-a", kT0 + 60'000};
};

TEST_F(ServiceAreaTest, OutlineIsShanxiWithTheMarginFromTheDataFile) {
    const ServiceArea& area = *ref.serviceArea;
    ASSERT_FALSE(area.empty());
    EXPECT_EQ(area.name(), "Shanxi (山西省)");
    EXPECT_DOUBLE_EQ(area.marginMeters(), 1000.0);
    for (const auto& c : bundled().cities) {
        EXPECT_TRUE(area.contains(c.seat)) << c.id;
        EXPECT_EQ(area.metersOutside(c.seat), 0.0) << c.id;
    }
    for (const LatLon p : {kBeijing, kShijiazhuang, LatLon{34.3416, 108.9398} /* Xi'an */,
                           LatLon{34.7466, 113.6254} /* Zhengzhou */,
                           LatLon{40.8414, 111.7519} /* Hohhot */, LatLon{0.0, 0.0}}) {
        EXPECT_FALSE(area.contains(p)) << p.latDeg << ", " << p.lonDeg;
    }
}

TEST_F(ServiceAreaTest, IncidentOutsideTheProvinceIsRefusedWithTheDistance) {
    auto r = run(CreateIncident{"building_fire", 1, kBeijing, "天安门", "", {}});
    ASSERT_FALSE(r.ok()) << "Beijing was accepted as a Shanxi incident";
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    const std::string& m = r.error().message;
    EXPECT_EQ(m.rfind("position: (39.9042, 116.407) lies ", 0), 0U) << m;
    EXPECT_NE(m.find(" km outside the Shanxi (山西省) service area (margin 1000 m); expected a "
                     "position inside it, or mutual_aid set"),
              std::string::npos)
        << m;

    const Id fire = [&] {
        auto ok = run(CreateIncident{"building_fire", 1, taiyuanCentre(), "", "", {}});
        EXPECT_TRUE(ok.ok());
        applyAll(state, *ok, ctx.now);
        return state.incidents().rbegin()->first;
    }();
    auto moved = run(UpdateIncident{fire, {}, {}, kShijiazhuang, {}, {}});
    ASSERT_FALSE(moved.ok()) << "an incident was moved to Hebei";
    EXPECT_NE(moved.error().message.find("outside the Shanxi"), std::string::npos);
}

TEST_F(ServiceAreaTest, AFewHundredMetresOverTheDrawnBorderIsStillOurs) {
    // East from Yangquan towards Hebei, north from Datong towards Inner Mongolia.
    for (const auto& [from, bearing] :
         {std::pair{LatLon{37.8575, 113.5633}, 90.0}, std::pair{LatLon{40.0936, 113.2914}, 0.0}}) {
        const LatLon edge = border(from, bearing);
        const LatLon near = destination(edge, bearing, 400);
        const LatLon far = destination(edge, bearing, 3000);
        EXPECT_GT(ref.serviceArea->metersOutside(near), 0.0);
        EXPECT_TRUE(run(CreateIncident{"building_fire", 1, near, "", "", {}}).ok());
        EXPECT_GT(ref.serviceArea->metersOutside(far), 1000.0);
        EXPECT_FALSE(run(CreateIncident{"building_fire", 1, far, "", "", {}}).ok());
    }
}

TEST_F(ServiceAreaTest, MutualAidLetsAnOutsidePositionInAndSaysSo) {
    CreateIncident c{"forest_grassland_fire", 2, kShijiazhuang, "", "", {}};
    c.mutualAid = true;
    auto r = run(c);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->size(), 2U);
    const auto& created = std::get<IncidentCreated>(r->at(0));
    // Handled by the nearest Shanxi city seat: Yangquan is about 85 km west of Shijiazhuang.
    EXPECT_EQ(created.city, "yangquan");
    const auto& note = std::get<NoteAdded>(r->at(1));
    EXPECT_EQ(note.incidentId, created.id);
    EXPECT_EQ(note.text.rfind("跨省增援 / cross-province mutual aid: (38.0428, 114.515) lies ", 0),
              0U)
        << note.text;
    EXPECT_NE(note.text.find("handled by \"yangquan\", the nearest city seat"), std::string::npos);
    applyAll(state, *r, ctx.now);
    const Incident* inc = state.incident(created.id);
    ASSERT_NE(inc, nullptr);
    ASSERT_EQ(inc->notes.size(), 1U);

    // Inside the province the flag changes nothing: no note.
    CreateIncident inside{"building_fire", 1, taiyuanCentre(), "", "", {}};
    inside.mutualAid = true;
    auto plain = run(inside);
    ASSERT_TRUE(plain.ok());
    EXPECT_EQ(plain->size(), 1U);
    EXPECT_EQ(std::get<IncidentCreated>(plain->front()).city, "taiyuan");

    // Moving an incident out needs the flag as well.
    UpdateIncident move{created.id, {}, {}, kBeijing, {}, {}};
    EXPECT_FALSE(run(move).ok());
    move.mutualAid = true;
    auto moved = run(move);
    ASSERT_TRUE(moved.ok()) << moved.error().message;
    ASSERT_EQ(moved->size(), 2U);
    EXPECT_EQ(std::get<IncidentUpdated>(moved->at(0)).city, "datong");
    EXPECT_NE(std::get<NoteAdded>(moved->at(1)).text.find("mutual aid"), std::string::npos);
}

TEST_F(ServiceAreaTest, DraftPositionsAreCheckedTheSameWay) {
    EXPECT_TRUE(validateIncidentPosition(ref, taiyuanCentre(), false, "position").ok());
    const auto outside = validateIncidentPosition(ref, kBeijing, false, "position");
    ASSERT_FALSE(outside.ok());
    EXPECT_NE(outside.error().message.find("mutual_aid"), std::string::npos);
    EXPECT_TRUE(validateIncidentPosition(ref, kBeijing, true, "position").ok());
    EXPECT_FALSE(validateIncidentPosition(ref, {0.0, 0.0}, true, "position").ok());
}

}  // namespace

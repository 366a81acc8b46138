#pragma once

// The bundled Shanxi data set as a live state, and the recommender loaded from data/.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/state.h"
#include "data/dataset.h"
#include "dispatch/recommender.h"
#include "support/test_world.h"

namespace flameblue::testing {

inline const data::Dataset& shanxi() {
    static const data::Dataset ds = [] {
        auto r = data::loadDataset(FLAMEBLUE_DATA_DIR);
        if (!r.ok()) {
            ADD_FAILURE() << r.error().message;
            return data::Dataset{};
        }
        return std::move(r).value();
    }();
    return ds;
}

inline const dispatch::Recommender& shanxiRecommender() {
    static const dispatch::Recommender rec = [] {
        auto r = dispatch::Recommender::load(FLAMEBLUE_DATA_DIR, shanxi());
        if (!r.ok()) {
            ADD_FAILURE() << r.error().message;
            return dispatch::Recommender(shanxi(), {}, {});
        }
        return std::move(r).value();
    }();
    return rec;
}

// The roster as the server loads it: stations, units and aircraft, water sources.
inline std::vector<core::EventPayload> shanxiRoster() {
    const data::Dataset& ds = shanxi();
    std::vector<core::EventPayload> out;
    for (const auto& s : ds.stations) {
        out.emplace_back(core::StationUpserted{s});
    }
    for (const auto& u : ds.units) {
        out.emplace_back(core::UnitUpserted{u.spec, u.staffing});
    }
    for (const auto& w : ds.waterSources) {
        out.emplace_back(core::WaterSourceUpserted{w});
    }
    return out;
}

inline core::State shanxiState() {
    core::State s;
    applyAll(s, shanxiRoster());
    return s;
}

// One more event, a second after the last.
inline void applyOne(core::State& s, core::EventPayload p) {
    applyAll(s, {std::move(p)}, s.lastEventTime() + 1000);
}

inline core::TimeMs nowOf(const core::State& s) {
    return s.lastEventTime() + 1000;
}

inline dispatch::RecommendRequest draft(const std::string& type, int level, core::LatLon p,
                                        core::TimeMs now) {
    dispatch::RecommendRequest r;
    r.type = type;
    r.level = level;
    r.position = p;
    r.now = now;
    return r;
}

inline bool unitHas(const std::string& unitId, const std::string& cap) {
    const data::RosterUnit* u = shanxi().findUnit(unitId);
    return u != nullptr && std::find(u->spec.capabilities.begin(), u->spec.capabilities.end(),
                                     cap) != u->spec.capabilities.end();
}

inline bool hasCapability(const dispatch::CandidateUnit& c, const std::string& cap) {
    return unitHas(c.unitId, cap);
}

}  // namespace flameblue::testing

namespace flameblue::testing {

// The recommendation as a dispatcher reads it, for failure messages.
inline std::string dump(const dispatch::Recommendation& r) {
    std::string out = r.incidentType + " L" + std::to_string(r.level) + "\n";
    for (const auto& c : r.alreadyCovered) {
        out += "  covered slot " + std::to_string(c.slot.index + 1) + " (" + c.slot.capability +
               ") by " + c.unitId + "\n";
    }
    for (const auto& s : r.slots) {
        out += "  " + (s.pick ? s.explanation.text : s.shortfall->text) + "\n";
        for (const auto& a : s.alternatives) {
            out += "      alt " + a.unitId + " " + std::to_string(a.eta.totalSeconds) + " s\n";
        }
    }
    for (const auto& g : r.coverage.gaps) {
        out += "  gap: " + g.text + "\n";
    }
    return out;
}

}  // namespace flameblue::testing

// The generated year of province operation: deterministic for a seed, written through the
// command path, shaped like the province (seasons, hours, specialisations), and the reports over
// it give the figures worked out here independently from the raw events. Then the EIDO export
// of its incidents against the JSON Schema of what is emitted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>

#include "app/eido_catalog.h"
#include "app/year_generator.h"
#include "data/dataset.h"
#include "json_schema_check.h"
#include "reports/eido_export.h"
#include "reports/phase_log.h"
#include "reports/report.h"
#include "store/event_store.h"

namespace {

using namespace flameblue;
using core::TimeMs;

// 2026-03-01T00:00:00+08:00.
constexpr TimeMs kMarch1 = 1772294400000LL;
// 2025-01-01T00:00:00+08:00.
constexpr TimeMs kJan1 = 1735660800000LL;
constexpr TimeMs kHourMs = 3600LL * 1000;

const data::Dataset& dataset() {
    static const data::Dataset d = [] {
        auto loaded = data::loadDataset(FLAMEBLUE_DATA_DIR);
        EXPECT_TRUE(loaded) << loaded.error().message;
        return std::move(loaded).value();
    }();
    return d;
}

struct Generated {
    std::unique_ptr<store::EventStore> store;
    app::YearSummary summary;
    std::vector<core::Event> events;
};

Generated generate(std::size_t incidents, int days, TimeMs start, std::uint64_t seed) {
    Generated g;
    g.store = store::makeMemoryStore();
    app::YearOptions options;
    options.incidents = incidents;
    options.days = days;
    options.start = start;
    options.seed = seed;
    auto summary = app::generateYear(FLAMEBLUE_DATA_DIR, dataset(), *g.store, options);
    EXPECT_TRUE(summary) << summary.error().message;
    if (summary) {
        g.summary = *summary;
    }
    g.store->scan(0, g.store->lastSeq(), [&](const core::Event& e) {
        g.events.push_back(e);
        return true;
    });
    return g;
}

const Generated& spring() {
    static const Generated g = generate(2000, 45, kMarch1, 7);
    return g;
}

double nearestRank(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto rank =
        static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
    return v[std::max<std::size_t>(rank, 1) - 1];
}

TEST(YearGenerator, WritesEveryIncidentThroughTheCommandPathInTimeOrder) {
    const Generated& g = spring();
    EXPECT_EQ(g.summary.incidents, 2000u);
    EXPECT_EQ(g.summary.events, g.events.size());
    std::size_t created = 0;
    std::size_t dispatchedUnits = 0;
    for (std::size_t i = 0; i < g.events.size(); ++i) {
        EXPECT_EQ(g.events[i].seq, i + 1);
        if (i > 0) {
            ASSERT_GE(g.events[i].time, g.events[i - 1].time) << "seq " << g.events[i].seq;
        }
        if (const auto* c = std::get_if<core::IncidentCreated>(&g.events[i].payload)) {
            ++created;
            EXPECT_GE(c->received, kMarch1);
            EXPECT_LT(c->received, kMarch1 + 45 * 24 * kHourMs);
            // Entered after the call came in, as a call-taker does.
            EXPECT_GT(g.events[i].time, c->received);
            EXPECT_FALSE(c->city.empty());
        }
        if (const auto* d = std::get_if<core::UnitsDispatched>(&g.events[i].payload)) {
            dispatchedUnits += d->unitIds.size();
        }
    }
    EXPECT_EQ(created, 2000u);
    EXPECT_EQ(dispatchedUnits, g.summary.unitResponses);
    // Run cards send more than one unit to most incidents.
    EXPECT_GE(static_cast<double>(g.summary.unitResponses) / 2000.0, 3.0);
    // Everything is over: every incident closed, every unit back in service.
    auto state = store::recoverState(*g.store);
    ASSERT_TRUE(state);
    for (const auto& [id, inc] : state->incidents()) {
        EXPECT_EQ(inc.status, core::IncidentStatus::Closed) << id;
    }
    for (const auto& [id, unit] : state->units()) {
        EXPECT_EQ(unit.status, core::UnitStatus::Available) << id;
    }
}

TEST(YearGenerator, TheSameSeedGivesTheSameLogAndAnotherSeedAnother) {
    const Generated a = generate(300, 10, kMarch1, 11);
    const Generated b = generate(300, 10, kMarch1, 11);
    const Generated c = generate(300, 10, kMarch1, 12);
    ASSERT_EQ(a.events.size(), b.events.size());
    EXPECT_TRUE(a.events == b.events);
    EXPECT_FALSE(a.events == c.events);
}

TEST(YearGenerator, RefusesALogThatIsNotEmptyAndLeavesItAsItWas) {
    const Generated a = generate(50, 2, kMarch1, 1);
    const std::uint64_t before = a.store->lastSeq();
    app::YearOptions options;
    options.incidents = 10;
    options.start = kMarch1;
    auto again = app::generateYear(FLAMEBLUE_DATA_DIR, dataset(), *a.store, options);
    ASSERT_FALSE(again);
    EXPECT_NE(again.error().message.find("already holds"), std::string::npos);
    EXPECT_EQ(a.store->lastSeq(), before);
}

TEST(YearGenerator, SeasonsHoursAndSpecialisationsShowInTheYear) {
    const Generated g = generate(6000, 365, kJan1, 3);
    std::map<int, int> forestByMonth;
    std::map<int, int> byHour;
    std::map<std::string, int> chemicalByCity;
    std::map<std::string, int> allByCity;
    for (const core::Event& e : g.events) {
        const auto* c = std::get_if<core::IncidentCreated>(&e.payload);
        if (!c) {
            continue;
        }
        const TimeMs local = c->received + 8 * kHourMs;
        const auto secs = static_cast<std::time_t>(local / 1000);
        std::tm tm{};
        gmtime_r(&secs, &tm);
        if (c->type == "forest_grassland_fire") {
            ++forestByMonth[tm.tm_mon + 1];
        }
        ++byHour[tm.tm_hour];
        ++allByCity[c->city];
        if (c->type == "chemical_fire" || c->type == "hazmat_leak") {
            ++chemicalByCity[c->city];
        }
    }
    // Spring fire season: April has several times the forest fires of July.
    EXPECT_GT(forestByMonth[4], 4 * std::max(1, forestByMonth[7]));
    EXPECT_GT(forestByMonth[3] + forestByMonth[4] + forestByMonth[5],
              forestByMonth[6] + forestByMonth[7] + forestByMonth[8] + forestByMonth[9]);
    // Busier by day than at night.
    EXPECT_GT(byHour[17], 3 * std::max(1, byHour[3]));
    // Chemical incidents come from the cities with chemical parks.
    std::set<std::string> parkCities;
    for (const core::Station& s : dataset().stations) {
        if (s.stationClass == "chemical_park") {
            parkCities.insert(s.city);
        }
    }
    // Chemical incidents are more frequent in the cities with chemical parks (whose other
    // stations dilute the share).
    double parkChemical = 0, parkAll = 0, otherChemical = 0, otherAll = 0;
    for (const auto& [city, n] : allByCity) {
        const bool park = parkCities.contains(city);
        (park ? parkAll : otherAll) += n;
        (park ? parkChemical : otherChemical) += chemicalByCity[city];
    }
    ASSERT_GT(parkAll, 0);
    ASSERT_GT(otherAll, 0);
    ASSERT_GT(parkChemical, 0);
    EXPECT_GT(parkChemical / parkAll, 1.3 * otherChemical / otherAll);
}

// The figures worked out from the raw events, without the phase log.
struct Independent {
    std::vector<double> callProcessing;
    std::vector<double> turnout;
    std::vector<double> firstArrival;
    std::map<std::string, std::size_t> incidentsByCity;
};

Independent workOut(const std::vector<core::Event>& events) {
    Independent out;
    struct Inc {
        TimeMs received = 0;
        TimeMs firstDispatch = 0;
        TimeMs firstOnScene = 0;
    };
    std::unordered_map<core::Id, Inc> incidents;
    std::vector<core::Id> order;
    struct Open {
        core::Id incident;
        TimeMs dispatched = 0;
        bool enRoute = false;
    };
    std::unordered_map<core::Id, Open> open;  // unit -> its response in progress
    for (const core::Event& e : events) {
        if (const auto* c = std::get_if<core::IncidentCreated>(&e.payload)) {
            incidents[c->id].received = c->received;
            order.push_back(c->id);
            ++out.incidentsByCity[c->city];
        } else if (const auto* d = std::get_if<core::UnitsDispatched>(&e.payload)) {
            Inc& inc = incidents[d->incidentId];
            if (inc.firstDispatch == 0) {
                inc.firstDispatch = e.time;
            }
            for (const core::Id& u : d->unitIds) {
                open[u] = Open{d->incidentId, e.time, false};
            }
        } else if (const auto* s = std::get_if<core::UnitStatusChanged>(&e.payload)) {
            auto it = open.find(s->unitId);
            if (it == open.end()) {
                continue;
            }
            if (s->status == core::UnitStatus::EnRoute && !it->second.enRoute) {
                it->second.enRoute = true;
                out.turnout.push_back(static_cast<double>(e.time - it->second.dispatched) / 1000);
            } else if (s->status == core::UnitStatus::OnScene) {
                Inc& inc = incidents[it->second.incident];
                if (inc.firstOnScene == 0) {
                    inc.firstOnScene = e.time;
                }
            } else if (s->status == core::UnitStatus::Available ||
                       s->status == core::UnitStatus::Returning) {
                open.erase(it);
            }
        } else if (const auto* r = std::get_if<core::UnitsReleased>(&e.payload)) {
            for (const core::Id& u : r->unitIds) {
                open.erase(u);
            }
        }
    }
    for (const core::Id& id : order) {
        const Inc& inc = incidents[id];
        if (inc.firstDispatch != 0) {
            out.callProcessing.push_back(static_cast<double>(inc.firstDispatch - inc.received) /
                                         1000);
        }
        if (inc.firstOnScene != 0) {
            out.firstArrival.push_back(static_cast<double>(inc.firstOnScene - inc.firstDispatch) /
                                       1000);
        }
    }
    return out;
}

const reports::PhaseFigures& figures(const reports::ReportGroup& g, reports::Phase p) {
    for (const auto& f : g.phases) {
        if (f.phase == p) {
            return f;
        }
    }
    throw std::runtime_error("phase missing");
}

TEST(YearGenerator, ReportsOverTheGeneratedLogGiveTheFiguresWorkedOutFromItsEvents) {
    const Generated& g = spring();
    reports::PhaseLog log;
    for (const core::Event& e : g.events) {
        log.apply(e);
    }
    const Independent known = workOut(g.events);
    ASSERT_FALSE(known.callProcessing.empty());
    ASSERT_FALSE(known.turnout.empty());
    ASSERT_FALSE(known.firstArrival.empty());

    reports::ReportQuery q;
    q.groupBy = reports::GroupBy::Province;
    const reports::Report province = computeReport(log, q, reports::Thresholds{});
    EXPECT_EQ(province.total.incidents, 2000u);
    EXPECT_EQ(province.total.responses, g.summary.unitResponses);
    const struct {
        reports::Phase phase;
        const std::vector<double>* values;
    } checks[] = {
        {reports::Phase::CallProcessing, &known.callProcessing},
        {reports::Phase::Turnout, &known.turnout},
        {reports::Phase::FirstArrival, &known.firstArrival},
    };
    for (const auto& c : checks) {
        const auto& f = figures(province.total, c.phase);
        SCOPED_TRACE(reports::toString(c.phase));
        EXPECT_EQ(f.count, c.values->size());
        ASSERT_TRUE(f.p50 && f.p90);
        EXPECT_NEAR(*f.p50, nearestRank(*c.values, 50), 1e-9);
        EXPECT_NEAR(*f.p80, nearestRank(*c.values, 80), 1e-9);
        EXPECT_NEAR(*f.p90, nearestRank(*c.values, 90), 1e-9);
    }
    // Plausible figures, not only consistent ones: call processing around a minute, turnouts
    // of a minute or two, the first unit there within minutes.
    EXPECT_GT(nearestRank(known.callProcessing, 50), 20.0);
    EXPECT_LT(nearestRank(known.callProcessing, 90), 180.0);
    EXPECT_LT(nearestRank(known.turnout, 50), 150.0);
    EXPECT_LT(nearestRank(known.firstArrival, 50), 900.0);

    q.groupBy = reports::GroupBy::City;
    const reports::Report byCity = computeReport(log, q, reports::Thresholds{});
    ASSERT_EQ(byCity.groups.size(), known.incidentsByCity.size());
    for (const reports::ReportGroup& group : byCity.groups) {
        EXPECT_EQ(group.incidents, known.incidentsByCity.at(group.key)) << group.key;
    }
}

// Every {"$ref": id} of the document names a component's "$id" in it.
std::vector<std::string> danglingReferences(const nlohmann::json& doc) {
    std::set<std::string> ids;
    std::vector<std::string> refs;
    std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& v) {
        if (v.is_object()) {
            if (v.contains("$id") && v["$id"].is_string())
                ids.insert(v["$id"].get<std::string>());
            if (v.contains("$ref") && v["$ref"].is_string())
                refs.push_back(v["$ref"].get<std::string>());
        }
        if (v.is_structured()) {
            for (const auto& child : v)
                walk(child);
        }
    };
    walk(doc);
    std::vector<std::string> dangling;
    for (const std::string& r : refs) {
        if (!ids.contains(r))
            dangling.push_back(r);
    }
    return dangling;
}

nlohmann::json schema() {
    std::ifstream in(std::filesystem::path(FLAMEBLUE_DATA_DIR) / "schema" /
                     "eido_incident.schema.json");
    return nlohmann::json::parse(in);
}

TEST(EidoExport, EveryGeneratedIncidentConformsToTheSchemaWithItsWholeTimeline) {
    const Generated& g = spring();
    auto state = store::recoverState(*g.store);
    ASSERT_TRUE(state);
    const jsonschema::SchemaCheck check(schema());
    const auto catalog = app::eidoCatalogFrom(dataset());
    std::size_t checked = 0;
    for (const auto& [id, inc] : state->incidents()) {
        if (checked++ % 25 != 0) {
            continue;  // every 25th incident of the 2000
        }
        const nlohmann::json doc = reports::eidoIncident(inc, *state, catalog, kMarch1);
        const auto errors = check.errors(doc);
        EXPECT_TRUE(errors.empty()) << id << ": " << errors.front();
        EXPECT_TRUE(danglingReferences(doc).empty()) << id;
        // The timeline: one resource per unit sent, each with its status history.
        ASSERT_EQ(doc["emergencyResourceComponent"].size(), inc.assignments.size());
        for (std::size_t i = 0; i < inc.assignments.size(); ++i) {
            const auto& a = inc.assignments[i];
            const auto& r = doc["emergencyResourceComponent"][i];
            EXPECT_EQ(r["emergencyResourceIdentifier"], a.unitId);
            const std::size_t steps =
                1 + (a.enRoute ? 1 : 0) + (a.onScene ? 1 : 0) + (a.released ? 1 : 0);
            EXPECT_EQ(r["unitStatusInternal"].size(), steps);
            EXPECT_EQ(r["notesReference"].size(), steps);
        }
        EXPECT_EQ(doc["incidentComponent"]["internalIncidentId"], id);
        EXPECT_EQ(doc["incidentComponent"]["incidentTrackingIdentifier"],
                  "urn:emergency:uid:incidentid:" + id + ":cad.fire119.shanxi.cn");
        EXPECT_EQ(doc["locationComponent"][0]["locationByValue"]["geoJson"]["coordinates"][0],
                  inc.position.lonDeg);
    }
}

TEST(EidoExport, TheSchemaCheckFailsOnAMissingRequiredFieldOrAWrongValue) {
    const Generated& g = spring();
    auto state = store::recoverState(*g.store);
    ASSERT_TRUE(state);
    const auto& [id, inc] = *state->incidents().begin();
    const nlohmann::json good =
        reports::eidoIncident(inc, *state, app::eidoCatalogFrom(dataset()), kMarch1);
    const jsonschema::SchemaCheck check(schema());
    ASSERT_TRUE(check.errors(good).empty());

    nlohmann::json noTracking = good;
    noTracking["incidentComponent"].erase("incidentTrackingIdentifier");
    const auto e1 = check.errors(noTracking);
    ASSERT_EQ(e1.size(), 1u);
    EXPECT_NE(e1[0].find("incidentTrackingIdentifier"), std::string::npos);

    nlohmann::json noResourceStatus = good;
    noResourceStatus["emergencyResourceComponent"][0].erase("primaryUnitStatusRegistryText");
    EXPECT_FALSE(check.errors(noResourceStatus).empty());

    nlohmann::json badTime = good;
    badTime["lastUpdateTimestamp"] = "2026-03-01 08:00";
    EXPECT_FALSE(check.errors(badTime).empty());

    nlohmann::json badPoint = good;
    badPoint["locationComponent"][0]["locationByValue"]["geoJson"]["type"] = "Polygon";
    EXPECT_FALSE(check.errors(badPoint).empty());
}

TEST(EidoExport, AnUnknownIncidentIsNotFoundByName) {
    core::State empty;
    auto r = reports::exportEido(empty, "INC-20260301-9999", {}, kMarch1);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, core::ErrorCode::NotFound);
    EXPECT_NE(r.error().message.find("INC-20260301-9999"), std::string::npos);
}

TEST(EidoExport, TimestampsCarryTheChinaStandardTimeOffset) {
    EXPECT_EQ(reports::nenaTimestamp(kMarch1), "2026-03-01T00:00:00.000+08:00");
    EXPECT_EQ(reports::nenaTimestamp(kMarch1 + 90'123), "2026-03-01T00:01:30.123+08:00");
}

}  // namespace

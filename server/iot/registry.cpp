#include "iot/registry.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/validation.h"

namespace flameblue::iot {

namespace {

using nlohmann::json;

const std::set<std::string> kKinds = {"high_rise", "petrochemical", "hospital", "school",
                                      "heritage"};

class Reader {
public:
    Reader(std::vector<std::string>& problems, std::string where)
        : m_problems(problems), m_where(std::move(where)) {}

    std::string str(const json& o, const char* field, bool required = true) {
        auto it = o.find(field);
        if (it == o.end() || !it->is_string() || (required && it->get<std::string>().empty())) {
            if (required || it != o.end())
                problem(field, "expected a non-empty string");
            return {};
        }
        std::string s = it->get<std::string>();
        if (auto st = core::validateText(s, 1024, false, field); !st)
            problem(field, st.error().message);
        return s;
    }
    double num(const json& o, const char* field) {
        auto it = o.find(field);
        if (it == o.end() || !it->is_number() || !std::isfinite(it->get<double>())) {
            problem(field, "expected a number");
            return 0.0;
        }
        return it->get<double>();
    }
    void problem(const char* field, const std::string& what) {
        std::string line = m_where;
        line += ": field \"";
        line += field;
        line += "\": ";
        line += what;
        m_problems.push_back(std::move(line));
    }

private:
    std::vector<std::string>& m_problems;
    std::string m_where;
};

}  // namespace

const Device* Registry::device(const core::Id& id) const {
    auto it = m_devices.find(id);
    return it == m_devices.end() ? nullptr : &it->second;
}

Recommendation Registry::recommendationFor(const std::string& kind) const {
    auto it = m_recommendations.find(kind);
    return it == m_recommendations.end() ? Recommendation{"building_fire", 1} : it->second;
}

core::Result<Registry> Registry::load(const std::filesystem::path& file,
                                      const std::set<std::string>& cities,
                                      const std::set<std::string>& incidentTypes,
                                      const std::set<std::string>& waterSources) {
    const std::string name = file.filename().string();
    std::ifstream in(file);
    if (!in) {
        return core::invalidArgument(name + ": cannot be read");
    }
    std::stringstream buf;
    buf << in.rdbuf();
    json doc = json::parse(buf.str(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        return core::invalidArgument(name + ": not a JSON object");
    }
    std::vector<std::string> problems;
    Registry r;
    if (auto recs = doc.find("recommendations"); recs != doc.end() && recs->is_object()) {
        for (const auto& [kind, rec] : recs->items()) {
            std::string where = name;
            where += ": recommendation \"";
            where += kind;
            where += "\"";
            Reader rd(problems, std::move(where));
            Recommendation x;
            x.incidentType = rd.str(rec, "incident_type");
            x.level = static_cast<int>(rd.num(rec, "level"));
            if (!x.incidentType.empty() && !incidentTypes.contains(x.incidentType))
                rd.problem("incident_type", "unknown incident type \"" + x.incidentType + "\"");
            if (x.level < core::kMinIncidentLevel || x.level > core::kMaxIncidentLevel)
                rd.problem("level", "expected 1 to 5");
            r.m_recommendations[kind] = x;
        }
    }
    auto buildings = doc.find("buildings");
    if (buildings == doc.end() || !buildings->is_array()) {
        return core::invalidArgument(name + ": \"buildings\" must be an array");
    }
    std::set<std::string> buildingIds;
    std::size_t n = 0;
    for (const json& b : *buildings) {
        ++n;
        Reader rd(problems, name + ": building " + std::to_string(n));
        if (!b.is_object()) {
            rd.problem("building", "expected an object");
            continue;
        }
        core::BuildingCard c;
        c.id = rd.str(b, "id");
        if (!c.id.empty() && !buildingIds.insert(c.id).second)
            rd.problem("id", "\"" + c.id + "\" is used twice");
        c.nameZh = rd.str(b, "name_zh");
        c.nameEn = rd.str(b, "name_en");
        c.kind = rd.str(b, "kind");
        if (!c.kind.empty() && !kKinds.contains(c.kind))
            rd.problem("kind", "\"" + c.kind +
                                   "\": expected high_rise, petrochemical, hospital, school or "
                                   "heritage");
        c.city = rd.str(b, "city");
        if (!c.city.empty() && !cities.contains(c.city))
            rd.problem("city", "unknown city \"" + c.city + "\"");
        c.address = rd.str(b, "address", false);
        c.position = {rd.num(b, "lat"), rd.num(b, "lon")};
        if (auto st = core::validatePosition(c.position, "lat/lon"); !st)
            rd.problem("lat", st.error().message);
        c.floors = static_cast<int>(rd.num(b, "floors"));
        if (auto it = b.find("contacts"); it != b.end() && it->is_array()) {
            for (const json& x : *it) {
                if (x.is_string())
                    c.contacts.push_back(x.get<std::string>());
            }
        }
        c.preplanZh = rd.str(b, "preplan_zh", false);
        c.preplanEn = rd.str(b, "preplan_en", false);
        const std::size_t index = r.m_buildings.size();
        if (auto it = b.find("devices"); it != b.end() && it->is_array()) {
            for (const json& d : *it) {
                Device dev;
                dev.id = rd.str(d, "id");
                dev.zone = rd.str(d, "zone", false);
                dev.building = index;
                if (dev.id.empty())
                    continue;
                if (!r.m_devices.emplace(dev.id, dev).second)
                    rd.problem("devices", "device \"" + dev.id + "\" is used twice");
                else
                    ++r.m_panels;
            }
        } else {
            rd.problem("devices", "expected an array of panel devices");
        }
        r.m_buildings.push_back(std::move(c));
    }
    if (auto sensors = doc.find("water_sensors"); sensors != doc.end() && sensors->is_array()) {
        n = 0;
        for (const json& s : *sensors) {
            ++n;
            Reader rd(problems, name + ": water sensor " + std::to_string(n));
            Device dev;
            dev.water = true;
            dev.id = rd.str(s, "device");
            dev.sensor.device = dev.id;
            dev.sensor.sourceId = rd.str(s, "source");
            dev.sensor.quantity = rd.str(s, "quantity");
            dev.sensor.minimum = rd.num(s, "minimum");
            if (!dev.sensor.sourceId.empty() && !waterSources.contains(dev.sensor.sourceId))
                rd.problem("source", "unknown water source \"" + dev.sensor.sourceId + "\"");
            if (dev.sensor.quantity != "pressure_kpa" && dev.sensor.quantity != "level_m")
                rd.problem("quantity", "expected pressure_kpa or level_m");
            if (!dev.id.empty() && !r.m_devices.emplace(dev.id, dev).second)
                rd.problem("device", "device \"" + dev.id + "\" is used twice");
        }
    }
    if (!problems.empty()) {
        std::string all;
        for (const auto& p : problems) {
            if (!all.empty())
                all += "\n";
            all += p;
        }
        return core::invalidArgument(all);
    }
    return r;
}

}  // namespace flameblue::iot

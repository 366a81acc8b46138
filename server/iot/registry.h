#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/iot.h"
#include "core/result.h"

namespace flameblue::iot {

// What the run card recommends for an alarm in a building of one kind.
struct Recommendation {
    std::string incidentType;
    int level = 1;
};

struct WaterSensor {
    core::Id device;
    core::Id sourceId;
    std::string quantity;  // "pressure_kpa" or "level_m"
    double minimum = 0.0;  // below it the source is out of service
};

// A device the intake accepts messages from: a panel (detector) in a building, or a water sensor.
struct Device {
    core::Id id;
    std::string zone;          // panels: where it is in the building
    std::size_t building = 0;  // panels: index into buildings()
    bool water = false;
    WaterSensor sensor;  // water sensors
};

// The monitored buildings (key fire-safety units) with their panels, and the water sensors,
// from buildings.json.
class Registry {
public:
    // Checks every record: unique ids, known cities, incident types and water sources, positions
    // in the region, sizes. All problems are reported at once, one a line.
    static core::Result<Registry> load(const std::filesystem::path& file,
                                       const std::set<std::string>& cities,
                                       const std::set<std::string>& incidentTypes,
                                       const std::set<std::string>& waterSources);

    const std::vector<core::BuildingCard>& buildings() const { return m_buildings; }
    const Device* device(const core::Id& id) const;
    std::size_t deviceCount() const { return m_devices.size(); }
    std::size_t panelCount() const { return m_panels; }
    std::size_t sensorCount() const { return m_devices.size() - m_panels; }
    Recommendation recommendationFor(const std::string& kind) const;

private:
    std::vector<core::BuildingCard> m_buildings;
    std::unordered_map<core::Id, Device> m_devices;
    std::map<std::string, Recommendation> m_recommendations;
    std::size_t m_panels = 0;
};

}  // namespace flameblue::iot

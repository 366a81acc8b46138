// Reads the bundled GeoJSON base map (province_outlines, rivers, lakes, city_seats, airports)
// into BasemapData. Blocking: run it off the GUI thread.
#pragma once

#include <QString>

#include <memory>

#include "map/basemap_data.h"

namespace flameblue::map {

// The province that gets the "home" fill and the strong border (property "name").
inline constexpr const char* kHomeProvinceName = "Shanxi";

std::shared_ptr<const BasemapData> loadBasemap(const QString& directory);

}  // namespace flameblue::map

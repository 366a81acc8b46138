// How the vector base map looks: rivers by class, lake shores, neighbour borders, Shanxi's
// border with a soft halo, city seats and airports with their Chinese names.
#pragma once

#include <vector>

#include "map/basemap_data.h"
#include "map/colored_mesh.h"
#include "map/label_placement.h"

namespace flameblue::map {

class MapProjection;

// Lines of `lod` that cross the view, in screen pixels.
void paintBasemapLines(const BasemapLod& lod, const MapProjection& projection, ColoredMesh& mesh);
// City seat dots and airport symbols.
void paintBasemapPlaces(const BasemapData& data, const MapProjection& projection,
                        ColoredMesh& mesh);
// Their names in English or Chinese (the other when one is missing), in drawing priority
// order (cities first).
void appendBasemapLabels(const BasemapData& data, const MapProjection& projection, bool english,
                         std::vector<LabelPlacement>& labels);

}  // namespace flameblue::map

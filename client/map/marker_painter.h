// How each live layer looks: units as status-coloured discs with a heading wedge, aircraft as
// plane silhouettes with fading trails, incidents as diamonds sized by level, stations as
// squares by class, water sources as small blue symbols, clusters as discs with a count.
#pragma once

#include <vector>

#include "map/colored_mesh.h"
#include "map/label_placement.h"
#include "map/marker_layer.h"

namespace flameblue::map {

class MapProjection;

// Appends the layer's visible markers (and, for aircraft, their trails to `trails`).
void paintMarkerLayer(MarkerLayer& layer, const MapProjection& projection, ColoredMesh& mesh,
                      ColoredMesh& trails);

// Cluster counts and aircraft callsigns for the layer (drawn by the label node).
void appendMarkerLabels(MarkerLayer& layer, const MapProjection& projection,
                        std::vector<LabelPlacement>& labels);

}  // namespace flameblue::map

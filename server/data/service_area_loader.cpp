// The service area pass of the loader: service_area.json and the province outline it names.

#include <string>
#include <vector>

#include "data/load_context.h"

namespace flameblue::data::detail {

namespace {

constexpr double kMaxMarginM = 50'000.0;

using Ring = core::ServiceArea::Ring;

// A GeoJSON ring ([[lon, lat], ...]) or nullopt when it is not one.
std::optional<Ring> readRing(const nlohmann::json& j) {
    if (!j.is_array() || j.size() < 4) {
        return std::nullopt;
    }
    Ring ring;
    ring.reserve(j.size());
    for (const auto& pt : j) {
        if (!pt.is_array() || pt.size() < 2 || !pt[0].is_number() || !pt[1].is_number()) {
            return std::nullopt;
        }
        const core::LatLon p{pt[1].get<double>(), pt[0].get<double>()};
        if (!core::isValidPosition(p)) {
            return std::nullopt;
        }
        ring.push_back(p);
    }
    return ring;
}

// Every ring of a Polygon or MultiPolygon geometry; false when the geometry is neither.
bool readRings(const nlohmann::json& geometry, std::vector<Ring>& out) {
    if (!geometry.is_object() || !geometry.contains("type") || !geometry.contains("coordinates")) {
        return false;
    }
    const auto& type = geometry["type"];
    const auto& coords = geometry["coordinates"];
    std::vector<const nlohmann::json*> polygons;
    if (type == "Polygon" && coords.is_array()) {
        polygons.push_back(&coords);
    } else if (type == "MultiPolygon" && coords.is_array()) {
        for (const auto& poly : coords) {
            polygons.push_back(&poly);
        }
    } else {
        return false;
    }
    for (const auto* poly : polygons) {
        if (!poly->is_array() || poly->empty()) {
            return false;
        }
        for (const auto& r : *poly) {
            auto ring = readRing(r);
            if (!ring) {
                return false;
            }
            out.push_back(std::move(*ring));
        }
    }
    return !out.empty();
}

}  // namespace

void loadServiceArea(LoadContext& ctx, Dataset& out) {
    const auto doc = readJsonFile(ctx.dir, kServiceAreaFile, ctx.problems);
    if (!doc) {
        return;
    }
    RecordReader top(kServiceAreaFile, *doc, ctx.problems);
    if (!top.isObject()) {
        return;
    }
    const auto nameZh = top.requiredString("name_zh");
    const auto nameEn = top.requiredString("name_en");
    const auto file = top.requiredString("outline_file");
    const auto feature = top.requiredString("outline_feature");
    const auto margin = top.requiredNumber("margin_m", 0.0, kMaxMarginM);
    if (!(nameZh && nameEn && file && feature && margin)) {
        return;
    }
    const std::string where = std::string(kServiceAreaFile) + ": outline_file \"" + *file + "\"";
    const auto outline = readJsonFile(ctx.dir, *file, ctx.problems);
    if (!outline) {
        return;
    }
    if (!outline->is_object() || !outline->contains("features") ||
        !(*outline)["features"].is_array()) {
        ctx.problems.add(where + ": expected a GeoJSON FeatureCollection");
        return;
    }
    std::vector<Ring> rings;
    bool found = false;
    for (const auto& f : (*outline)["features"]) {
        if (!f.is_object() || !f.contains("properties") || !f["properties"].is_object()) {
            continue;
        }
        const auto& props = f["properties"];
        if (!props.contains("name") || props["name"] != *feature) {
            continue;
        }
        found = true;
        if (!f.contains("geometry") || !readRings(f["geometry"], rings)) {
            ctx.problems.add(where + ": feature \"" + *feature +
                             "\": expected a Polygon or MultiPolygon of [lon, lat] rings");
            return;
        }
    }
    if (!found) {
        ctx.problems.add(where + ": no feature with \"name\": \"" + *feature +
                         "\" (field outline_feature)");
        return;
    }
    out.serviceArea = core::ServiceArea(*nameEn + " (" + *nameZh + ")", std::move(rings), *margin);
}

}  // namespace flameblue::data::detail

#include "api/coverage_service.h"

#include <cmath>

#include "api/auth.h"

namespace flameblue::api {

namespace pb = ::flameblue::v1;

namespace {

constexpr int kMaxSites = 20;
constexpr double kDefaultTimeLimitSeconds = 8.0;
constexpr double kMaxTimeLimitSeconds = 60.0;

void toProto(const core::LatLon& p, pb::CoveragePoint* out) {
    out->set_lat(p.latDeg);
    out->set_lon(p.lonDeg);
}

const char* statusName(reports::ExactStatus s) {
    switch (s) {
        case reports::ExactStatus::NotRun:
            return "not_run";
        case reports::ExactStatus::Optimal:
            return "optimal";
        case reports::ExactStatus::OptimalOverSubset:
            return "optimal_over_subset";
        case reports::ExactStatus::TimeLimit:
            return "time_limit";
        case reports::ExactStatus::Failed:
            return "failed";
    }
    return "failed";
}

void toProto(const reports::ProposedSite& s, pb::ProposedSite* out) {
    toProto(s.position, out->mutable_position());
    out->set_gain(s.gain);
    out->set_cells(s.cells);
    for (const auto& id : s.places) {
        out->add_place_ids(id);
    }
}

}  // namespace

void toProto(const reports::CoverageSummary& s, pb::CoverageSummary* out) {
    out->set_version(s.version);
    out->set_as_of_seq(s.asOfSeq);
    out->set_circle_s(s.circleSeconds);
    out->set_capability(s.capability);
    out->set_cell_km(s.cellKm);
    out->set_cells(s.cells);
    out->set_covered_cells(s.coveredCells);
    out->set_covered_share(
        s.cells ? static_cast<double>(s.coveredCells) / static_cast<double>(s.cells) : 0.0);
    out->set_unreached_cells(s.unreachedCells);
    out->set_counting_units(s.countingUnits);
    out->set_places(s.places);
    out->set_places_covered(s.placesCovered);
    out->set_places_share(
        s.places ? static_cast<double>(s.placesCovered) / static_cast<double>(s.places) : 0.0);
    for (const auto& p : s.placesOutside) {
        auto* o = out->add_places_outside();
        o->set_id(p.place.id);
        o->set_name_zh(p.place.nameZh);
        o->set_name_en(p.place.nameEn);
        o->set_kind(p.place.kind);
        toProto(p.place.position, o->mutable_position());
        if (std::isfinite(p.seconds)) {
            o->set_first_arrival_s(p.seconds);
        }
        o->set_first_unit_id(p.unitId);
    }
    for (const auto& g : s.stationGaps) {
        auto* o = out->add_station_gaps();
        o->set_station_id(g.station.id);
        o->set_name_zh(g.station.nameZh);
        o->set_name_en(g.station.nameEn);
        o->set_station_class(g.station.stationClass);
        o->set_city(g.station.city);
        toProto(g.station.position, o->mutable_position());
        if (std::isfinite(g.seconds)) {
            o->set_first_arrival_s(g.seconds);
        }
        o->set_first_unit_id(g.unitId);
    }
    out->set_share_basis(s.shareBasis);
}

CoverageService::CoverageService(reports::CoverageIndex& index) : m_index(index) {}

grpc::ServerUnaryReactor* CoverageService::GetCoverage(grpc::CallbackServerContext* ctx,
                                                       const pb::CoverageRequest* req,
                                                       pb::CoverageReply* out) {
    auto* reactor = ctx->DefaultReactor();
    const std::uint64_t version = m_index.version();
    out->set_version(version);
    if (req->known_version() != 0 && req->known_version() == version) {
        out->set_unchanged(true);
        reactor->Finish(grpc::Status::OK);
        return reactor;
    }
    toProto(m_index.summary(), out->mutable_summary());
    if (req->include_grid()) {
        const auto picture = m_index.picture();
        auto* g = out->mutable_grid();
        g->set_rows(picture.rows);
        g->set_cols(picture.cols);
        g->set_min_lat(picture.minLat);
        g->set_min_lon(picture.minLon);
        g->set_lat_step(picture.latStep);
        g->set_lon_step(picture.lonStep);
        std::string bytes(picture.seconds.size() * 2, '\0');
        for (std::size_t i = 0; i < picture.seconds.size(); ++i) {
            bytes[2 * i] = static_cast<char>(picture.seconds[i] & 0xFF);
            bytes[2 * i + 1] = static_cast<char>(picture.seconds[i] >> 8);
        }
        g->set_seconds(std::move(bytes));
        out->set_version(picture.version);
        out->mutable_summary()->set_version(picture.version);
    }
    if (req->include_first_due_areas()) {
        for (const auto& [station, ring] : m_index.firstDueAreas()) {
            auto* a = out->add_first_due_areas();
            a->set_station_id(station.id);
            a->set_name_zh(station.nameZh);
            a->set_name_en(station.nameEn);
            toProto(station.position, a->mutable_position());
            a->set_turnout_s(station.turnoutSeconds);
            for (const auto& p : ring) {
                toProto(p, a->add_outline());
            }
        }
    }
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

grpc::ServerUnaryReactor* CoverageService::PlaceStations(grpc::CallbackServerContext* ctx,
                                                         const pb::PlaceStationsRequest* req,
                                                         pb::PlaceStationsReply* out) {
    auto* reactor = ctx->DefaultReactor();
    auto refuse = [&](const std::string& why) {
        reactor->Finish(toGrpc(core::invalidArgument(why)));
        return reactor;
    };
    if (req->k() < 1 || req->k() > kMaxSites) {
        return refuse("k: " + std::to_string(req->k()) + " is outside 1.." +
                      std::to_string(kMaxSites));
    }
    if (!pb::SiteKind_IsValid(req->kind())) {
        return refuse("kind: unknown site kind " + std::to_string(req->kind()));
    }
    if (req->has_candidate_stride() &&
        (req->candidate_stride() < 1 || req->candidate_stride() > 50)) {
        return refuse("candidate_stride: " + std::to_string(req->candidate_stride()) +
                      " is outside 1..50");
    }
    if (!std::isfinite(req->place_weight()) || req->place_weight() < 0.0) {
        return refuse("place_weight: must be 0 or more");
    }
    if (req->has_exact_time_limit_s() &&
        !(req->exact_time_limit_s() > 0.0 && req->exact_time_limit_s() <= kMaxTimeLimitSeconds)) {
        return refuse("exact_time_limit_s: must be more than 0 and at most 60");
    }
    reports::PlacementOptions o;
    o.k = req->k();
    o.candidateStride = req->has_candidate_stride() ? req->candidate_stride() : 1;
    o.placeWeight = req->place_weight();
    o.exact = req->exact();
    o.exactTimeLimitSeconds =
        req->has_exact_time_limit_s() ? req->exact_time_limit_s() : kDefaultTimeLimitSeconds;
    const std::vector<std::string> closed(req->closed_station_ids().begin(),
                                          req->closed_station_ids().end());
    const std::uint64_t version = m_index.version();
    auto answer = m_index.place(o, static_cast<reports::SiteKind>(req->kind()), closed);
    if (!answer) {
        reactor->Finish(toGrpc(answer.error()));
        return reactor;
    }
    out->set_candidates(answer->candidates);
    out->set_demand(answer->demand);
    for (const auto& s : answer->greedy) {
        toProto(s, out->add_greedy());
    }
    out->set_greedy_value(answer->greedyValue);
    out->set_upper_bound(answer->upperBound);
    out->set_exact_status(statusName(answer->exactStatus));
    for (const auto& s : answer->exact) {
        toProto(s, out->add_exact());
    }
    out->set_exact_value(answer->exactValue);
    out->set_exact_candidates(answer->exactCandidates);
    out->set_proven_optimal(answer->provenOptimal);
    out->set_exact_note(answer->exactNote);
    out->set_greedy_s(answer->greedySeconds);
    out->set_exact_s(answer->exactSeconds);
    out->set_version(version);
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

grpc::ServerUnaryReactor* CoverageService::StationClosure(grpc::CallbackServerContext* ctx,
                                                          const pb::StationClosureRequest* req,
                                                          pb::StationClosureReply* out) {
    auto* reactor = ctx->DefaultReactor();
    if (req->station_ids().empty()) {
        reactor->Finish(toGrpc(core::invalidArgument("station_ids: name at least one station")));
        return reactor;
    }
    const std::vector<std::string> ids(req->station_ids().begin(), req->station_ids().end());
    auto answer = m_index.closeStations(ids);
    if (!answer) {
        reactor->Finish(toGrpc(answer.error()));
        return reactor;
    }
    for (const auto& u : answer->unitIds) {
        out->add_unit_ids(u);
    }
    toProto(answer->before, out->mutable_before());
    toProto(answer->after, out->mutable_after());
    out->set_cells_lost(answer->cellsLost);
    if (std::isfinite(answer->worstIncreaseSeconds)) {
        out->set_worst_increase_s(answer->worstIncreaseSeconds);
    }
    reactor->Finish(grpc::Status::OK);
    return reactor;
}

}  // namespace flameblue::api

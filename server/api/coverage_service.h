#pragma once

#include <grpcpp/grpcpp.h>

#include "flameblue/v1/reports.grpc.pb.h"
#include "reports/coverage_index.h"

namespace flameblue::api {

// The Coverage service over the live coverage index (reports.proto, "Coverage"). Placement and
// closure questions work on a copy of the grid, off the index's lock.
class CoverageService final : public ::flameblue::v1::Coverage::CallbackService {
public:
    explicit CoverageService(reports::CoverageIndex& index);

    grpc::ServerUnaryReactor* GetCoverage(grpc::CallbackServerContext* ctx,
                                          const ::flameblue::v1::CoverageRequest* req,
                                          ::flameblue::v1::CoverageReply* out) override;
    grpc::ServerUnaryReactor* PlaceStations(grpc::CallbackServerContext* ctx,
                                            const ::flameblue::v1::PlaceStationsRequest* req,
                                            ::flameblue::v1::PlaceStationsReply* out) override;
    grpc::ServerUnaryReactor* StationClosure(grpc::CallbackServerContext* ctx,
                                             const ::flameblue::v1::StationClosureRequest* req,
                                             ::flameblue::v1::StationClosureReply* out) override;

private:
    reports::CoverageIndex& m_index;
};

void toProto(const reports::CoverageSummary& s, ::flameblue::v1::CoverageSummary* out);

}  // namespace flameblue::api

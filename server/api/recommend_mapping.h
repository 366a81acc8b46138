#pragma once

#include "dispatch/recommendation.h"
#include "flameblue/v1/recommend.pb.h"

namespace flameblue::api {

void toProto(const dispatch::Recommendation& r, flameblue::v1::Recommendation* out);

}  // namespace flameblue::api

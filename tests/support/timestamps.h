// Wire timestamps relative to now, for tests that report what happened a while ago.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <chrono>

namespace flameblue::testing {

inline google::protobuf::Timestamp secondsAgo(int s) {
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count() -
                    s * 1000LL;
    google::protobuf::Timestamp t;
    t.set_seconds(ms / 1000);
    t.set_nanos(static_cast<int>(ms % 1000) * 1'000'000);
    return t;
}

}  // namespace flameblue::testing

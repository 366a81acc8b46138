#pragma once

#include <string_view>

namespace flameblue::common {

// Whether "host:port" (or a bare host) names this machine: localhost, 127.0.0.0/8 or ::1, the
// IPv6 form in brackets ("[::1]:50051") or bare ("::1"). Names that merely resolve to loopback
// elsewhere do not count: the rule decides when clear-text credentials may be sent.
bool isLoopbackAddress(std::string_view hostPort);

}  // namespace flameblue::common

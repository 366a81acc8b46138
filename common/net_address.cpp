#include "common/net_address.h"

#include <algorithm>

namespace flameblue::common {

namespace {
std::string_view hostOf(std::string_view hostPort) {
    if (!hostPort.empty() && hostPort.front() == '[') {
        const auto close = hostPort.find(']');
        return close == std::string_view::npos ? std::string_view{} : hostPort.substr(1, close - 1);
    }
    // Two or more colons without brackets: a bare IPv6 address, no port.
    if (std::count(hostPort.begin(), hostPort.end(), ':') > 1)
        return hostPort;
    return hostPort.substr(0, hostPort.rfind(':'));
}
}  // namespace

bool isLoopbackAddress(std::string_view hostPort) {
    const std::string_view host = hostOf(hostPort);
    return host == "localhost" || host == "::1" || host.starts_with("127.");
}

}  // namespace flameblue::common

#include "cot/cot_endpoint.h"

#include <charconv>

namespace flameblue::cot {

std::string CotEndpoint::describe() const {
    const bool v6 = host.find(':') != std::string::npos;
    return std::string(protocol == Protocol::Tcp ? "tcp://" : "udp://") +
           (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

core::Result<CotEndpoint> parseCotEndpoint(std::string_view url) {
    CotEndpoint e;
    if (url.starts_with("tcp://")) {
        e.protocol = CotEndpoint::Protocol::Tcp;
    } else if (url.starts_with("udp://")) {
        e.protocol = CotEndpoint::Protocol::Udp;
    } else {
        return core::invalidArgument("expected tcp://HOST:PORT or udp://HOST:PORT");
    }
    std::string_view rest = url.substr(6);
    std::string_view portText;
    if (rest.starts_with('[')) {
        const auto close = rest.find(']');
        if (close == std::string_view::npos || close + 1 >= rest.size() || rest[close + 1] != ':')
            return core::invalidArgument("expected [IPV6]:PORT after the scheme");
        e.host = std::string(rest.substr(1, close - 1));
        portText = rest.substr(close + 2);
    } else {
        const auto colon = rest.rfind(':');
        if (colon == std::string_view::npos)
            return core::invalidArgument("a port is required (HOST:PORT)");
        e.host = std::string(rest.substr(0, colon));
        portText = rest.substr(colon + 1);
    }
    auto [ptr, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), e.port);
    if (e.host.empty() || ec != std::errc() || ptr != portText.data() + portText.size() ||
        e.port <= 0 || e.port > 65535) {
        return core::invalidArgument("expected HOST:PORT with a port from 1 to 65535");
    }
    return e;
}

}  // namespace flameblue::cot

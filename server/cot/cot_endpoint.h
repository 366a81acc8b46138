#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace flameblue::cot {

// Where Cursor-on-Target events go: a TAK server's or a TAK client's TCP or UDP input.
struct CotEndpoint {
    enum class Protocol { Tcp, Udp };
    Protocol protocol = Protocol::Udp;
    std::string host;
    int port = 0;

    std::string describe() const;
};

// "tcp://HOST:PORT" or "udp://HOST:PORT" (IPv6 hosts in brackets).
core::Result<CotEndpoint> parseCotEndpoint(std::string_view url);

}  // namespace flameblue::cot

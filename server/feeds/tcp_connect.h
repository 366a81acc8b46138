#pragma once

#include <chrono>
#include <string>

namespace flameblue::feeds {

// Opens a TCP connection to host:port, giving up after `timeout` (a receiver that does not
// answer must not hold a feed's thread for the kernel's two minutes of SYN retries). Returns the
// socket, blocking unless `nonBlocking`, or -1 with `error` saying why.
int connectTcp(const std::string& host, int port, std::chrono::milliseconds timeout,
               std::string& error, bool nonBlocking = false);

}  // namespace flameblue::feeds

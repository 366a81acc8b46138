#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.h"

namespace flameblue::feeds {

// An http:// URL as a receiver serves aircraft.json, e.g.
// http://192.168.1.20:8080/data/aircraft.json.
struct HttpUrl {
    std::string host;
    int port = 80;
    std::string target = "/";  // path and query
};

// Accepts http://HOST[:PORT][/PATH]; IPv6 hosts in brackets. https is refused with a reason.
core::Result<HttpUrl> parseHttpUrl(std::string_view url);

struct HttpGetOptions {
    double timeoutSeconds = 5.0;  // for the whole exchange: connect, send, read
    std::size_t maxBodyBytes = std::size_t{16} * 1024 * 1024;
};

// A plain HTTP/1.1 GET (Connection: close) for small JSON documents on a local network. Returns
// the body of a 200 answer, de-chunked; anything else (refused, timed out, another status, a
// malformed or oversized answer) is an error that says which.
core::Result<std::string> httpGet(const HttpUrl& url, const HttpGetOptions& options);

// Splits a raw HTTP/1.x response into its body: status 200 required; Content-Length and chunked
// transfer coding understood. `complete` says whether the whole body has arrived; `untilClose`
// that the answer gave no length, so the body ends when the server closes the connection.
core::Result<std::string> httpResponseBody(std::string_view raw, std::size_t maxBodyBytes,
                                           bool& complete, bool& untilClose);

}  // namespace flameblue::feeds

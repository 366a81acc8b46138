#include "feeds/http_get.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <optional>

#include "feeds/tcp_connect.h"

namespace flameblue::feeds {

namespace {

constexpr std::size_t kMaxHeaderBytes = std::size_t{64} * 1024;

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// Decodes a chunked body; nullopt while incomplete, an error for a malformed one.
core::Result<std::optional<std::string>> dechunk(std::string_view in, std::size_t maxBodyBytes) {
    std::string out;
    for (;;) {
        const std::size_t eol = in.find("\r\n");
        if (eol == std::string_view::npos) {
            if (in.size() > 64)
                return core::invalidArgument("HTTP: malformed chunk size line");
            return std::optional<std::string>();
        }
        std::string_view sizeText = in.substr(0, eol);
        sizeText = trim(sizeText.substr(0, sizeText.find(';')));  // chunk extensions
        std::size_t size = 0;
        auto [ptr, ec] =
            std::from_chars(sizeText.data(), sizeText.data() + sizeText.size(), size, 16);
        if (sizeText.empty() || ec != std::errc() || ptr != sizeText.data() + sizeText.size())
            return core::invalidArgument("HTTP: malformed chunk size");
        in.remove_prefix(eol + 2);
        if (size == 0)
            return std::optional<std::string>(std::move(out));  // trailers are not needed
        if (size > maxBodyBytes || out.size() + size > maxBodyBytes)
            return core::invalidArgument("HTTP: body larger than the limit");
        if (in.size() < size + 2)
            return std::optional<std::string>();
        if (in.substr(size, 2) != "\r\n")
            return core::invalidArgument("HTTP: chunk not followed by CRLF");
        out.append(in.substr(0, size));
        in.remove_prefix(size + 2);
    }
}

}  // namespace

core::Result<HttpUrl> parseHttpUrl(std::string_view url) {
    constexpr std::string_view kScheme = "http://";
    if (url.size() < kScheme.size() || !iequals(url.substr(0, kScheme.size()), kScheme)) {
        if (url.starts_with("https://"))
            return core::invalidArgument(
                "\"" + std::string(url) +
                "\": https is not supported, use http on the local network");
        return core::invalidArgument("\"" + std::string(url) +
                                     "\": expected http://HOST[:PORT]/PATH");
    }
    std::string_view rest = url.substr(kScheme.size());
    const std::size_t slash = rest.find('/');
    std::string_view authority = rest.substr(0, slash);
    HttpUrl out;
    out.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
    std::string_view portText;
    if (authority.starts_with('[')) {
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos)
            return core::invalidArgument("\"" + std::string(url) + "\": unclosed [ in the host");
        out.host = std::string(authority.substr(1, close - 1));
        if (close + 1 < authority.size()) {
            if (authority[close + 1] != ':')
                return core::invalidArgument("\"" + std::string(url) + "\": malformed host");
            portText = authority.substr(close + 2);
        }
    } else {
        const std::size_t colon = authority.rfind(':');
        out.host = std::string(authority.substr(0, colon));
        if (colon != std::string_view::npos)
            portText = authority.substr(colon + 1);
    }
    if (out.host.empty() || out.host.find_first_of(" @\r\n") != std::string::npos)
        return core::invalidArgument("\"" + std::string(url) + "\": host missing or malformed");
    if (!portText.empty() || authority.ends_with(':')) {
        int port = 0;
        auto [ptr, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), port);
        if (ec != std::errc() || ptr != portText.data() + portText.size() || port <= 0 ||
            port > 65535) {
            return core::invalidArgument("\"" + std::string(url) + "\": port must be 1 to 65535");
        }
        out.port = port;
    }
    if (out.target.find_first_of(" \r\n") != std::string::npos)
        return core::invalidArgument("\"" + std::string(url) + "\": spaces in the path");
    return out;
}

core::Result<std::string> httpResponseBody(std::string_view raw, std::size_t maxBodyBytes,
                                           bool& complete, bool& untilClose) {
    complete = false;
    untilClose = false;
    const std::size_t headerEnd = raw.find("\r\n\r\n");
    if (headerEnd == std::string_view::npos) {
        if (raw.size() > kMaxHeaderBytes)
            return core::invalidArgument("HTTP: header larger than 64 KiB");
        if (raw.size() >= 5 && !raw.starts_with("HTTP/"))
            return core::invalidArgument("HTTP: the answer is not HTTP");
        return std::string();
    }
    std::string_view head = raw.substr(0, headerEnd);
    std::string_view body = raw.substr(headerEnd + 4);
    const std::size_t firstEol = head.find("\r\n");
    const std::string_view statusLine = head.substr(0, firstEol);
    if (!statusLine.starts_with("HTTP/1.") || statusLine.size() < 12 || statusLine[8] != ' ')
        return core::invalidArgument("HTTP: malformed status line");
    const std::string_view code = statusLine.substr(9, 3);
    if (code != "200") {
        return core::failedPrecondition("HTTP status " + std::string(trim(statusLine.substr(9))));
    }
    std::optional<std::size_t> contentLength;
    bool chunked = false;
    std::string_view headers =
        firstEol == std::string_view::npos ? std::string_view() : head.substr(firstEol + 2);
    while (!headers.empty()) {
        const std::size_t eol = headers.find("\r\n");
        const std::string_view line = headers.substr(0, eol);
        headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return core::invalidArgument("HTTP: malformed header line");
        const std::string_view name = trim(line.substr(0, colon));
        const std::string_view value = trim(line.substr(colon + 1));
        if (iequals(name, "content-length")) {
            std::size_t n = 0;
            auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc() || ptr != value.data() + value.size())
                return core::invalidArgument("HTTP: malformed Content-Length");
            contentLength = n;
        } else if (iequals(name, "transfer-encoding")) {
            chunked = value.find("chunked") != std::string_view::npos;
        }
    }
    if (chunked) {
        auto decoded = dechunk(body, maxBodyBytes);
        if (!decoded)
            return decoded.error();
        if (!decoded->has_value())
            return std::string();
        complete = true;
        return std::move(**decoded);
    }
    if (contentLength) {
        if (*contentLength > maxBodyBytes)
            return core::invalidArgument("HTTP: body larger than the limit (" +
                                         std::to_string(*contentLength) + " bytes)");
        if (body.size() < *contentLength)
            return std::string();
        complete = true;
        return std::string(body.substr(0, *contentLength));
    }
    if (body.size() > maxBodyBytes)
        return core::invalidArgument("HTTP: body larger than the limit");
    // Without a length the body ends when the server closes.
    untilClose = true;
    return std::string(body);
}

core::Result<std::string> httpGet(const HttpUrl& url, const HttpGetOptions& options) {
    const auto deadline =
        std::chrono::steady_clock::now() +
        std::chrono::milliseconds(static_cast<std::int64_t>(options.timeoutSeconds * 1000));
    std::string error;
    const int fd = connectTcp(url.host, url.port,
                              std::chrono::duration_cast<std::chrono::milliseconds>(
                                  deadline - std::chrono::steady_clock::now()),
                              error, true);
    if (fd < 0)
        return core::failedPrecondition("HTTP " + url.host + ":" + std::to_string(url.port) + ": " +
                                        error);
    const bool ipv6 = url.host.find(':') != std::string::npos;
    std::string request = "GET " + url.target +
                          " HTTP/1.1\r\nHost: " + (ipv6 ? "[" + url.host + "]" : url.host) + ":" +
                          std::to_string(url.port) +
                          "\r\nAccept: application/json\r\nUser-Agent: flameblue\r\n"
                          "Connection: close\r\n\r\n";
    std::string raw;
    std::size_t sent = 0;
    core::Result<std::string> result = core::failedPrecondition("HTTP: timed out");
    const std::size_t limit = options.maxBodyBytes + kMaxHeaderBytes;
    char buffer[64 * 1024];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            break;
        pollfd p{fd, static_cast<short>(sent < request.size() ? POLLOUT : POLLIN), 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0)
            break;
        if (sent < request.size()) {
            const ssize_t n =
                ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
            if (n < 0 && errno != EAGAIN) {
                result = core::failedPrecondition("HTTP: the connection was closed while sending");
                break;
            }
            sent += static_cast<std::size_t>(std::max<ssize_t>(n, 0));
            continue;
        }
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        const bool closed = n <= 0;
        if (!closed)
            raw.append(buffer, static_cast<std::size_t>(n));
        bool complete = false;
        bool untilClose = false;
        auto body = httpResponseBody(raw, options.maxBodyBytes, complete, untilClose);
        if (!body) {
            result = body.error();
            break;
        }
        if (complete) {
            result = std::move(body);
            break;
        }
        if (closed) {
            if (untilClose)
                result = std::move(body);
            else
                result = core::failedPrecondition(
                    "HTTP: the connection closed before the answer was complete");
            break;
        }
        if (raw.size() > limit) {
            result = core::invalidArgument("HTTP: answer larger than the limit");
            break;
        }
    }
    ::close(fd);
    return result;
}

}  // namespace flameblue::feeds

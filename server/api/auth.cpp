#include "api/auth.h"

#include <fstream>
#include <optional>
#include <sstream>

#include "core/validation.h"

namespace flameblue::api {

namespace {
constexpr std::size_t kMaxIdentityBytes = 64;

std::string metadata(const grpc::CallbackServerContext& ctx, const char* key) {
    const auto& md = ctx.client_metadata();
    auto it = md.find(key);
    return it == md.end() ? std::string() : std::string(it->second.data(), it->second.size());
}

bool printable(const std::string& s) {
    for (unsigned char c : s) {
        if (c < 0x20 || c == 0x7F)
            return false;
    }
    return true;
}

int hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Names that are not printable ASCII travel percent-encoded (the console and the drill tool do
// so); the decoded text is what a person reads, so that is what is checked.
std::optional<std::string> percentDecoded(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (i + 2 >= s.size())
            return std::nullopt;
        const int hi = hexValue(s[i + 1]);
        const int lo = hexValue(s[i + 2]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

// An identity from the metadata: at most 64 printable bytes, and as decoded valid UTF-8 with no
// control character. Blank is refused by the caller where a name is required.
core::Status checkIdentity(const char* key, const std::string& value) {
    const std::string k(key);
    if (value.size() > kMaxIdentityBytes || !printable(value)) {
        return core::invalidArgument(k + ": at most " + std::to_string(kMaxIdentityBytes) +
                                     " printable ASCII bytes (others percent-encoded), got " +
                                     std::to_string(value.size()) + " bytes");
    }
    const auto decoded = percentDecoded(value);
    if (!decoded) {
        return core::invalidArgument(k + ": \"" + value +
                                     "\" has a broken percent-encoding; expected %XX with two "
                                     "hexadecimal digits");
    }
    if (auto st = core::validateText(*decoded, kMaxIdentityBytes, false, key); !st) {
        return st.error();
    }
    return core::Ok{};
}
}  // namespace

core::Result<Caller> Authenticator::identify(const grpc::CallbackServerContext& ctx) const {
    Caller caller;
    caller.origin = metadata(ctx, kConsoleKey);
    if (caller.origin.empty()) {
        caller.origin = ctx.peer();
    }
    if (auto st = checkIdentity(kConsoleKey, caller.origin); !st) {
        return st.error();
    }
    if (usesTokens()) {
        const std::string auth = metadata(ctx, "authorization");
        const std::string prefix = "Bearer ";
        if (auth.rfind(prefix, 0) != 0) {
            return core::Error{core::ErrorCode::Unauthenticated,
                               "authorization: a bearer token is required"};
        }
        auto it = m_tokens.find(auth.substr(prefix.size()));
        if (it == m_tokens.end()) {
            return core::Error{core::ErrorCode::Unauthenticated,
                               "authorization: unknown operator token"};
        }
        caller.operatorId = it->second;
        return caller;
    }
    caller.operatorId = metadata(ctx, kOperatorKey);
    const auto decoded = percentDecoded(caller.operatorId);
    if (caller.operatorId.empty() || (decoded && core::isBlank(*decoded))) {
        return core::Error{core::ErrorCode::Unauthenticated,
                           std::string(kOperatorKey) +
                               (caller.operatorId.empty() ? ": missing" : ": blank") +
                               "; every command must name its operator"};
    }
    if (auto st = checkIdentity(kOperatorKey, caller.operatorId); !st) {
        return st.error();
    }
    return caller;
}

core::Result<std::map<std::string, std::string>> loadOperatorTokens(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        return core::invalidArgument("operators file " + path + ": cannot be read");
    }
    std::map<std::string, std::string> tokens;
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (auto hash = line.find('#'); hash != std::string::npos)
            line.resize(hash);
        std::istringstream fields(line);
        std::string op, token, extra;
        if (!(fields >> op))
            continue;
        if (!(fields >> token) || (fields >> extra)) {
            return core::invalidArgument("operators file " + path + ": line " +
                                         std::to_string(lineNo) +
                                         ": expected \"operator-id token\"");
        }
        if (token.size() < 16) {
            return core::invalidArgument("operators file " + path + ": line " +
                                         std::to_string(lineNo) +
                                         ": token shorter than 16 characters");
        }
        tokens[token] = op;
    }
    if (tokens.empty()) {
        return core::invalidArgument("operators file " + path + ": no operator tokens");
    }
    return tokens;
}

grpc::Status toGrpc(const core::Error& e) {
    grpc::StatusCode code = grpc::StatusCode::INTERNAL;
    switch (e.code) {
        case core::ErrorCode::InvalidArgument:
            code = grpc::StatusCode::INVALID_ARGUMENT;
            break;
        case core::ErrorCode::NotFound:
            code = grpc::StatusCode::NOT_FOUND;
            break;
        case core::ErrorCode::FailedPrecondition:
            code = grpc::StatusCode::FAILED_PRECONDITION;
            break;
        case core::ErrorCode::AlreadyExists:
            code = grpc::StatusCode::ALREADY_EXISTS;
            break;
        case core::ErrorCode::Unauthenticated:
            code = grpc::StatusCode::UNAUTHENTICATED;
            break;
        case core::ErrorCode::Internal:
            code = grpc::StatusCode::INTERNAL;
            break;
        case core::ErrorCode::Unavailable:
            code = grpc::StatusCode::UNAVAILABLE;
            break;
        case core::ErrorCode::Conflict:
            code = grpc::StatusCode::ABORTED;
            break;
    }
    return {code, e.message};
}

}  // namespace flameblue::api

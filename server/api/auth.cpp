#include "api/auth.h"

#include <fstream>
#include <sstream>

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
}  // namespace

core::Result<Caller> Authenticator::identify(const grpc::CallbackServerContext& ctx) const {
    Caller caller;
    caller.origin = metadata(ctx, kConsoleKey);
    if (caller.origin.empty()) {
        caller.origin = ctx.peer();
    }
    if (caller.origin.size() > kMaxIdentityBytes || !printable(caller.origin)) {
        return core::invalidArgument(std::string(kConsoleKey) + ": at most 64 printable bytes");
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
    if (caller.operatorId.empty()) {
        return core::invalidArgument(std::string(kOperatorKey) +
                                     ": every command must name its operator");
    }
    if (caller.operatorId.size() > kMaxIdentityBytes || !printable(caller.operatorId)) {
        return core::invalidArgument(std::string(kOperatorKey) + ": at most 64 printable bytes");
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

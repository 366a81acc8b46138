#pragma once

#include <grpcpp/grpcpp.h>

#include <map>
#include <string>

#include "core/result.h"

namespace flameblue::api {

// Who is calling. Lands in every event a command produces.
struct Caller {
    std::string operatorId;
    std::string origin;  // console name, or the peer address when none was given
};

// Resolves the caller of a request. On loopback the operator names itself in the
// "x-flameblue-operator" metadata; when tokens are configured (required off loopback), the
// "authorization: Bearer <token>" metadata must match an operator's token.
class Authenticator {
public:
    static constexpr const char* kOperatorKey = "x-flameblue-operator";
    static constexpr const char* kConsoleKey = "x-flameblue-console";

    Authenticator() = default;
    explicit Authenticator(std::map<std::string, std::string> tokenToOperator)
        : m_tokens(std::move(tokenToOperator)) {}

    bool usesTokens() const { return !m_tokens.empty(); }
    core::Result<Caller> identify(const grpc::CallbackServerContext& ctx) const;

private:
    std::map<std::string, std::string> m_tokens;
};

// Reads an operators file: one "operator-id token" pair per line; '#' starts a comment.
core::Result<std::map<std::string, std::string>> loadOperatorTokens(const std::string& path);

grpc::Status toGrpc(const core::Error& e);

}  // namespace flameblue::api

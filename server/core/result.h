#pragma once

#include <string>
#include <utility>
#include <variant>

namespace flameblue::core {

// Why a command or an input was refused. Maps one-to-one onto gRPC status codes at the API edge.
enum class ErrorCode {
    InvalidArgument,
    NotFound,
    FailedPrecondition,
    AlreadyExists,
    Unauthenticated,
    // The caller is known but its roles or scope do not allow this.
    PermissionDenied,
    // A per-operator or per-address limit is reached (command rate, subscriptions, drills).
    ResourceExhausted,
    Internal,
    // The event store cannot be reached (a database that is down); nothing was written. Retry.
    Unavailable,
    // The event log's head is not where the writer expected it: another writer appended first.
    Conflict,
};

struct Error {
    ErrorCode code = ErrorCode::InvalidArgument;
    std::string message;  // names the field, the value and what was expected
};

inline Error invalidArgument(std::string m) {
    return {ErrorCode::InvalidArgument, std::move(m)};
}
inline Error notFound(std::string m) {
    return {ErrorCode::NotFound, std::move(m)};
}
inline Error failedPrecondition(std::string m) {
    return {ErrorCode::FailedPrecondition, std::move(m)};
}
inline Error unavailable(std::string m) {
    return {ErrorCode::Unavailable, std::move(m)};
}
inline Error permissionDenied(std::string m) {
    return {ErrorCode::PermissionDenied, std::move(m)};
}
inline Error conflict(std::string m) {
    return {ErrorCode::Conflict, std::move(m)};
}

// A value or an error; the C++20 stand-in for std::expected. Dropping one unread is a
// compile warning: an error nobody looked at is an error lost.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}      // NOLINT(google-explicit-constructor)
    Result(Error error) : m_v(std::move(error)) {}  // NOLINT(google-explicit-constructor)

    bool ok() const { return std::holds_alternative<T>(m_v); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<T>(m_v); }
    T& value() & { return std::get<T>(m_v); }
    T&& value() && { return std::get<T>(std::move(m_v)); }
    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }
    const Error& error() const { return std::get<Error>(m_v); }

private:
    std::variant<T, Error> m_v;
};

struct Ok {};
using Status = Result<Ok>;

}  // namespace flameblue::core

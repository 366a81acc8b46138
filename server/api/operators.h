#pragma once

// Operators, their roles and scopes, and their tokens as the operators file keeps them: hashed
// (Argon2id, libsodium's crypto_pwhash_str), never in clear.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace flameblue::api {

enum class Role : std::uint8_t {
    Dispatcher,  // call-taker and dispatcher: incidents, units, alarm drafts, mutual aid
    Aviation,    // aviation coordinator: aircraft missions, drops, aviation alerts
    Instructor,  // drill instructor
    Supervisor,  // everything a dispatcher and a coordinator may, reports, the audit trail
    Viewer,      // reads only
    Admin,       // the audit trail and the operators
};

inline constexpr Role kAllRoles[] = {Role::Dispatcher, Role::Aviation, Role::Instructor,
                                     Role::Supervisor, Role::Viewer,   Role::Admin};

const char* roleName(Role r);
std::optional<Role> roleFromName(std::string_view name);
// "dispatcher,viewer"
std::string roleList(const std::set<Role>& roles);

// Where an operator may act: the whole province, or the listed cities (catalogue city ids).
struct Scope {
    bool province = true;
    std::set<std::string> cities;

    bool covers(const std::string& city) const { return province || cities.contains(city); }
    std::string describe() const;  // "province" or "TY,DT"
};

struct OperatorRecord {
    std::string id;
    std::string tokenId;    // public part of the token, for lookup
    std::string tokenHash;  // crypto_pwhash_str of the whole token
    std::set<Role> roles;
    Scope scope;
    std::optional<std::int64_t> expiresMs;  // Unix ms; none: never
    bool revoked = false;
    std::string certName;  // client certificate common name mapped to this operator (mTLS)
};

// Constant-time equality: every byte of equal-length inputs is looked at whatever differs.
bool constantTimeEqual(std::string_view a, std::string_view b);

// A new random token "fb1.<token-id>.<secret>" (token id 16 hex digits, secret 256 bits).
struct NewToken {
    std::string token;
    std::string tokenId;
    std::string hash;
};
core::Result<NewToken> generateToken();
// The token id of a presented token, or empty when it is not of the form above.
std::string tokenIdOf(std::string_view token);
// True when `token` matches the stored Argon2id `hash`.
bool verifyTokenHash(const std::string& hash, std::string_view token);

// Reads an operators file. One operator a line:
//   ID TOKEN-ID HASH roles=R1,R2 scope=province|CITY,CITY [expires=YYYY-MM-DDTHH:MM:SSZ]
//   [revoked] [cert=COMMON-NAME]
// '#' starts a comment. Duplicate operator ids, token ids or certificate names are refused;
// a line with a clear-text token ("ID TOKEN") is refused with how to convert it.
core::Result<std::vector<OperatorRecord>> loadOperatorsFile(const std::string& path);
// Writes the file atomically (a temporary file renamed over it), mode 0600.
core::Status saveOperatorsFile(const std::string& path, const std::vector<OperatorRecord>& ops);
std::string formatOperatorLine(const OperatorRecord& op);

// Parses "province" or "TY,DT".
core::Result<Scope> parseScope(const std::string& text);
core::Result<std::set<Role>> parseRoles(const std::string& text);

}  // namespace flameblue::api

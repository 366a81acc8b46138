#include "api/operators.h"

#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

#include "common/iso_time.h"

namespace flameblue::api {

namespace {

bool sodiumReady() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

std::string hex(const unsigned char* data, std::size_t n) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out += kDigits[data[i] >> 4];
        out += kDigits[data[i] & 0x0F];
    }
    return out;
}

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, sep))
        parts.push_back(part);
    return parts;
}

bool validOperatorId(const std::string& id) {
    if (id.empty() || id.size() > 64)
        return false;
    for (unsigned char c : id) {
        if (c <= 0x20 || c == 0x7F || c == '#')
            return false;
    }
    return true;
}

}  // namespace

const char* roleName(Role r) {
    switch (r) {
        case Role::Dispatcher:
            return "dispatcher";
        case Role::Aviation:
            return "aviation";
        case Role::Instructor:
            return "instructor";
        case Role::Supervisor:
            return "supervisor";
        case Role::Viewer:
            return "viewer";
        case Role::Admin:
            return "admin";
    }
    return "?";
}

std::optional<Role> roleFromName(std::string_view name) {
    for (Role r : kAllRoles) {
        if (name == roleName(r))
            return r;
    }
    return std::nullopt;
}

std::string roleList(const std::set<Role>& roles) {
    std::string out;
    for (Role r : roles) {
        if (!out.empty())
            out += ',';
        out += roleName(r);
    }
    return out;
}

std::string Scope::describe() const {
    if (province)
        return "province";
    std::string out;
    for (const auto& c : cities) {
        if (!out.empty())
            out += ',';
        out += c;
    }
    return out;
}

bool constantTimeEqual(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    if (a.empty())
        return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

core::Result<NewToken> generateToken() {
    if (!sodiumReady())
        return core::Error{core::ErrorCode::Internal, "libsodium cannot be initialised"};
    std::array<unsigned char, 8> id{};
    std::array<unsigned char, 32> secret{};
    randombytes_buf(id.data(), id.size());
    randombytes_buf(secret.data(), secret.size());
    NewToken t;
    t.tokenId = hex(id.data(), id.size());
    t.token = "fb1." + t.tokenId + "." + hex(secret.data(), secret.size());
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str(out.data(), t.token.data(), t.token.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        return core::Error{core::ErrorCode::Internal, "token hashing ran out of memory"};
    }
    t.hash = out.data();
    sodium_memzero(secret.data(), secret.size());
    return t;
}

std::string tokenIdOf(std::string_view token) {
    if (token.size() != 4 + 16 + 1 + 64 || token.substr(0, 4) != "fb1." || token[20] != '.')
        return {};
    return std::string(token.substr(4, 16));
}

bool verifyTokenHash(const std::string& hash, std::string_view token) {
    if (!sodiumReady())
        return false;
    return crypto_pwhash_str_verify(hash.c_str(), token.data(), token.size()) == 0;
}

core::Result<Scope> parseScope(const std::string& text) {
    Scope s;
    if (text == "province")
        return s;
    s.province = false;
    for (const auto& c : split(text, ',')) {
        if (c.empty() || c.size() > 16) {
            return core::invalidArgument("scope \"" + text +
                                         "\": expected \"province\" or city ids separated by "
                                         "commas");
        }
        s.cities.insert(c);
    }
    if (s.cities.empty())
        return core::invalidArgument("scope: expected \"province\" or at least one city id");
    return s;
}

core::Result<std::set<Role>> parseRoles(const std::string& text) {
    std::set<Role> roles;
    for (const auto& name : split(text, ',')) {
        auto r = roleFromName(name);
        if (!r) {
            std::string known;
            for (Role k : kAllRoles)
                known += std::string(known.empty() ? "" : ", ") + roleName(k);
            std::string m = "role \"";
            m += name;
            m += "\": unknown; expected one of ";
            m += known;
            return core::invalidArgument(m);
        }
        roles.insert(*r);
    }
    if (roles.empty())
        return core::invalidArgument("roles: at least one role is required");
    return roles;
}

std::string formatOperatorLine(const OperatorRecord& op) {
    std::string line = op.id + " " + op.tokenId + " " + op.tokenHash +
                       " roles=" + roleList(op.roles) + " scope=" + op.scope.describe();
    if (op.expiresMs)
        line += " expires=" + common::formatUtcIso(*op.expiresMs);
    if (op.revoked)
        line += " revoked";
    if (!op.certName.empty())
        line += " cert=" + op.certName;
    return line;
}

core::Result<std::vector<OperatorRecord>> loadOperatorsFile(const std::string& path) {
    std::ifstream in(path);
    if (!in)
        return core::invalidArgument("operators file " + path + ": cannot be read");
    std::vector<OperatorRecord> ops;
    std::map<std::string, int> ids;
    std::map<std::string, int> tokenIds;
    std::map<std::string, int> certs;
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        const std::string where = "operators file " + path + ": line " + std::to_string(lineNo);
        if (auto hash = line.find('#'); hash != std::string::npos)
            line.resize(hash);
        std::istringstream fields(line);
        std::vector<std::string> f;
        for (std::string w; fields >> w;)
            f.push_back(w);
        if (f.empty())
            continue;
        if (f.size() == 2) {
            return core::invalidArgument(
                where + ": operator \"" + f[0] +
                "\" has a clear-text token; tokens are kept hashed: add the operator with "
                "flameblue-admin add (it prints a new token)");
        }
        if (f.size() < 5) {
            return core::invalidArgument(where +
                                         ": expected \"ID TOKEN-ID HASH roles=... scope=...\"");
        }
        OperatorRecord op;
        op.id = f[0];
        op.tokenId = f[1];
        op.tokenHash = f[2];
        if (!validOperatorId(op.id)) {
            return core::invalidArgument(where + ": operator id \"" + op.id +
                                         "\": at most 64 printable characters, no spaces or #");
        }
        if (op.tokenId.size() != 16 || op.tokenHash.rfind("$argon2", 0) != 0) {
            return core::invalidArgument(where + ": operator \"" + op.id +
                                         "\": expected a 16-digit token id and an Argon2 hash");
        }
        bool haveRoles = false;
        bool haveScope = false;
        for (std::size_t i = 3; i < f.size(); ++i) {
            const std::string& w = f[i];
            if (w.rfind("roles=", 0) == 0) {
                auto roles = parseRoles(w.substr(6));
                if (!roles)
                    return core::invalidArgument(where + ": " + roles.error().message);
                op.roles = *roles;
                haveRoles = true;
            } else if (w.rfind("scope=", 0) == 0) {
                auto scope = parseScope(w.substr(6));
                if (!scope)
                    return core::invalidArgument(where + ": " + scope.error().message);
                op.scope = *scope;
                haveScope = true;
            } else if (w.rfind("expires=", 0) == 0) {
                op.expiresMs = common::parseIsoTime(w.substr(8));
                if (!op.expiresMs) {
                    std::string m = where;
                    m += ": \"";
                    m += w;
                    m += "\": expected expires=YYYY-MM-DDTHH:MM:SSZ";
                    return core::invalidArgument(m);
                }
            } else if (w == "revoked") {
                op.revoked = true;
            } else if (w.rfind("cert=", 0) == 0 && w.size() > 5) {
                op.certName = w.substr(5);
            } else {
                std::string m = where;
                m += ": \"";
                m += w;
                m += "\": unknown field; expected roles=, scope=, expires=, revoked or cert=";
                return core::invalidArgument(m);
            }
        }
        if (!haveRoles || !haveScope) {
            return core::invalidArgument(where + ": operator \"" + op.id +
                                         "\": roles= and scope= are required");
        }
        if (auto [it, fresh] = ids.emplace(op.id, lineNo); !fresh) {
            return core::invalidArgument(where + ": operator \"" + op.id +
                                         "\" is already on line " + std::to_string(it->second));
        }
        if (auto [it, fresh] = tokenIds.emplace(op.tokenId, lineNo); !fresh) {
            return core::invalidArgument(where + ": token id " + op.tokenId +
                                         " is already on line " + std::to_string(it->second));
        }
        if (!op.certName.empty()) {
            if (auto [it, fresh] = certs.emplace(op.certName, lineNo); !fresh) {
                return core::invalidArgument(where + ": certificate name \"" + op.certName +
                                             "\" is already on line " + std::to_string(it->second));
            }
        }
        ops.push_back(std::move(op));
    }
    return ops;
}

core::Status saveOperatorsFile(const std::string& path, const std::vector<OperatorRecord>& ops) {
    const std::string tmp = path + ".tmp";
    {
        const mode_t old = ::umask(077);
        std::ofstream out(tmp, std::ios::trunc);
        ::umask(old);
        if (!out)
            return core::invalidArgument("operators file " + tmp + ": cannot be written");
        out << "# Flameblue operators (flameblue-admin edits this file; tokens are hashed)\n"
            << "# ID TOKEN-ID HASH roles=R,... scope=province|CITY,... [expires=UTC] [revoked] "
               "[cert=CN]\n";
        for (const auto& op : ops)
            out << formatOperatorLine(op) << "\n";
        out.flush();
        if (!out)
            return core::invalidArgument("operators file " + tmp + ": cannot be written");
    }
    ::chmod(tmp.c_str(), 0600);
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
        return core::invalidArgument("operators file " + path + ": cannot be replaced");
    return core::Ok{};
}

}  // namespace flameblue::api

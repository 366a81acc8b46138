// flameblue-admin: adds, lists, changes, revokes and rotates the operators of a Flameblue server
// (the operators file; the server reloads it when it changes).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/operators.h"
#include "app/options.h"
#include "common/iso_time.h"

namespace {

using namespace flameblue;

std::string usage() {
    return "Usage: flameblue-admin [--file FILE] COMMAND [ARGS]\n"
           "Manages the operators of a Flameblue server: their roles, scopes and tokens. Tokens\n"
           "are stored hashed (Argon2id); a new token is shown once. The server reloads the file\n"
           "when it changes.\n\n"
           "Commands:\n"
           "  add ID --roles R,... [--scope S] [--expires UTC] [--cert CN] [--token-out FILE]\n"
           "                     a new operator with a new token\n"
           "  list               every operator: roles, scope, expiry, state, certificate\n"
           "  set ID [--roles R,...] [--scope S] [--expires UTC|never] [--cert CN|none]\n"
           "                     changes an operator (its token stays)\n"
           "  revoke ID          the operator's token stops working (within a second)\n"
           "  rotate ID [--token-out FILE]\n"
           "                     a new token for the operator; the old one stops working\n"
           "  remove ID          deletes the operator\n\n"
           "Options:\n"
           "  --file FILE        the operators file (default: operators in the server's default\n"
           "                     state directory, $XDG_STATE_HOME/flameblue or\n"
           "                     ~/.local/state/flameblue)\n"
           "  --roles R,...      dispatcher, aviation, instructor, supervisor, viewer, admin\n"
           "  --scope S          province (default) or city ids separated by commas, e.g. TY,DT\n"
           "  --expires UTC      the token's expiry, YYYY-MM-DDTHH:MM:SSZ\n"
           "  --cert CN          a client certificate common name that signs this operator in\n"
           "                     (mutual TLS)\n"
           "  --token-out FILE   write the new token to FILE (mode 0600) instead of printing it\n"
           "  -h, --help         print this help and exit\n\n"
           "Exit status: 0 done, 1 refused (with the reason), 2 bad command line.\n";
}

struct Args {
    std::string file;
    std::string command;
    std::string id;
    std::optional<std::string> roles, scope, expires, cert, tokenOut;
};

int bad(const std::string& why) {
    std::cerr << "flameblue-admin: " << why << " (see --help)\n";
    return 2;
}

int fail(const std::string& why) {
    std::cerr << "flameblue-admin: " << why << "\n";
    return 1;
}

bool writeToken(const std::string& path, const std::string& token) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    ::fchmod(fd, 0600);
    const std::string line = token + "\n";
    const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    ::close(fd);
    return ok;
}

int giveToken(const Args& a, const std::string& id, const std::string& token) {
    if (a.tokenOut) {
        if (!writeToken(*a.tokenOut, token))
            return fail("--token-out " + *a.tokenOut + ": cannot be written");
        std::cout << "Token of operator \"" << id << "\" written to " << *a.tokenOut << "\n";
    } else {
        std::cout << "Token of operator \"" << id << "\" (shown once; give it to the operator):\n"
                  << token << "\n";
    }
    return 0;
}

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Applies --roles, --scope, --expires and --cert; an error names the option.
std::optional<std::string> apply(const Args& a, api::OperatorRecord& op) {
    if (a.roles) {
        auto r = api::parseRoles(*a.roles);
        if (!r)
            return "--roles: " + r.error().message;
        op.roles = *r;
    }
    if (a.scope) {
        auto s = api::parseScope(*a.scope);
        if (!s)
            return "--scope: " + s.error().message;
        op.scope = *s;
    }
    if (a.expires) {
        if (*a.expires == "never") {
            op.expiresMs.reset();
        } else {
            auto t = common::parseIsoTime(*a.expires);
            if (!t)
                return "--expires " + *a.expires + ": expected YYYY-MM-DDTHH:MM:SSZ or never";
            op.expiresMs = *t;
        }
    }
    if (a.cert) {
        if (*a.cert == "none") {
            op.certName.clear();
        } else if (a.cert->empty() || a.cert->find_first_of(" \t#") != std::string::npos) {
            return "--cert \"" + *a.cert + "\": a common name without spaces or #";
        } else {
            op.certName = *a.cert;
        }
    }
    return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
    Args a;
    std::vector<std::string> positional;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](std::optional<std::string>& out) {
            if (i + 1 >= argc)
                return false;
            out = argv[++i];
            return true;
        };
        if (arg == "-h" || arg == "--help") {
            std::cout << usage();
            return 0;
        }
        if (arg == "--file") {
            std::optional<std::string> v;
            if (!value(v))
                return bad(arg + ": a value is required");
            a.file = *v;
        } else if (arg == "--roles" || arg == "--scope" || arg == "--expires" || arg == "--cert" ||
                   arg == "--token-out") {
            auto& slot = arg == "--roles"     ? a.roles
                         : arg == "--scope"   ? a.scope
                         : arg == "--expires" ? a.expires
                         : arg == "--cert"    ? a.cert
                                              : a.tokenOut;
            if (!value(slot))
                return bad(arg + ": a value is required");
        } else if (arg.rfind("--", 0) == 0) {
            return bad(arg + ": unknown option");
        } else {
            positional.push_back(arg);
        }
    }
    if (positional.empty())
        return bad("a command is required: add, list, set, revoke, rotate or remove");
    a.command = positional[0];
    const bool needsId = a.command != "list";
    if (a.command != "add" && a.command != "list" && a.command != "set" && a.command != "revoke" &&
        a.command != "rotate" && a.command != "remove") {
        return bad("\"" + a.command + "\": unknown command");
    }
    if (positional.size() != (needsId ? 2U : 1U)) {
        return bad(a.command + (needsId ? ": expects one operator id" : ": takes no arguments"));
    }
    if (needsId)
        a.id = positional[1];
    if (a.file.empty())
        a.file = (std::filesystem::path(app::defaultStateDir()) / "operators").string();

    std::vector<api::OperatorRecord> ops;
    if (std::filesystem::exists(a.file)) {
        auto loaded = api::loadOperatorsFile(a.file);
        if (!loaded)
            return fail(loaded.error().message);
        ops = std::move(loaded).value();
    } else if (a.command != "add") {
        return fail("operators file " + a.file + ": no such file");
    }
    auto find = [&]() {
        return std::find_if(ops.begin(), ops.end(),
                            [&](const api::OperatorRecord& o) { return o.id == a.id; });
    };
    auto save = [&]() -> int {
        if (auto st = api::saveOperatorsFile(a.file, ops); !st)
            return fail(st.error().message);
        return 0;
    };

    if (a.command == "list") {
        const std::int64_t now = nowMs();
        for (const auto& o : ops) {
            const char* state = o.revoked                              ? "revoked"
                                : (o.expiresMs && now >= *o.expiresMs) ? "expired"
                                                                       : "active";
            std::cout << o.id << "\troles=" << api::roleList(o.roles)
                      << "\tscope=" << o.scope.describe() << "\texpires="
                      << (o.expiresMs ? common::formatUtcIso(*o.expiresMs) : std::string("never"))
                      << "\t" << state << (o.certName.empty() ? "" : "\tcert=" + o.certName)
                      << "\n";
        }
        return 0;
    }
    if (a.command == "add") {
        if (find() != ops.end())
            return fail("operator \"" + a.id + "\" already exists; use set or rotate");
        if (a.id.empty() || a.id.size() > 64 || a.id.find_first_of(" \t#") != std::string::npos)
            return bad("operator id \"" + a.id + "\": at most 64 characters, no spaces or #");
        if (!a.roles)
            return bad("add: --roles is required");
        api::OperatorRecord op;
        op.id = a.id;
        if (auto why = apply(a, op))
            return bad(*why);
        for (const auto& o : ops) {
            if (!op.certName.empty() && o.certName == op.certName)
                return fail("--cert " + op.certName + ": operator \"" + o.id + "\" has it");
        }
        auto token = api::generateToken();
        if (!token)
            return fail(token.error().message);
        op.tokenId = token->tokenId;
        op.tokenHash = token->hash;
        ops.push_back(op);
        if (int rc = save())
            return rc;
        std::cout << "Added operator \"" << op.id << "\": roles " << api::roleList(op.roles)
                  << ", scope " << op.scope.describe() << "\n";
        return giveToken(a, op.id, token->token);
    }
    auto it = find();
    if (it == ops.end())
        return fail("no operator \"" + a.id + "\" in " + a.file);
    if (a.command == "set") {
        if (!a.roles && !a.scope && !a.expires && !a.cert)
            return bad("set: nothing to change; give --roles, --scope, --expires or --cert");
        if (auto why = apply(a, *it))
            return bad(*why);
        for (const auto& o : ops) {
            if (&o != &*it && !it->certName.empty() && o.certName == it->certName)
                return fail("--cert " + it->certName + ": operator \"" + o.id + "\" has it");
        }
        if (int rc = save())
            return rc;
        std::cout << "Operator \"" << it->id << "\": roles " << api::roleList(it->roles)
                  << ", scope " << it->scope.describe() << "\n";
        return 0;
    }
    if (a.command == "revoke") {
        if (it->revoked)
            return fail("operator \"" + a.id + "\" is already revoked");
        it->revoked = true;
        if (int rc = save())
            return rc;
        std::cout << "Revoked the token of operator \"" << a.id << "\"\n";
        return 0;
    }
    if (a.command == "rotate") {
        auto token = api::generateToken();
        if (!token)
            return fail(token.error().message);
        it->tokenId = token->tokenId;
        it->tokenHash = token->hash;
        const bool wasRevoked = it->revoked;
        it->revoked = false;
        if (int rc = save())
            return rc;
        std::cout << "New token for operator \"" << a.id << "\"; the old one no longer works"
                  << (wasRevoked ? " (the operator was revoked and is active again)" : "") << "\n";
        return giveToken(a, a.id, token->token);
    }
    // remove
    const std::string id = it->id;
    ops.erase(it);
    if (int rc = save())
        return rc;
    std::cout << "Removed operator \"" << id << "\"\n";
    return 0;
}

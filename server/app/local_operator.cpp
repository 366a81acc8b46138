#include "app/local_operator.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "api/operators.h"

namespace flameblue::app {

namespace {

std::string localOperatorId() {
    std::string id;
    if (const char* user = std::getenv("USER"); user && *user)
        id = user;
    for (char& c : id) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == '#' || c == 0x7F)
            c = '_';
    }
    if (id.empty() || id.size() > 64)
        id = "operator";
    return id;
}

core::Status writeSecret(const std::string& path, const std::string& text) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return core::invalidArgument("token file " + path + ": cannot be written");
    ::fchmod(fd, 0600);
    const std::string line = text + "\n";
    const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    ::close(fd);
    if (!ok)
        return core::invalidArgument("token file " + path + ": cannot be written");
    return core::Ok{};
}

}  // namespace

std::string localTokenFile(const std::string& stateDir) {
    return (std::filesystem::path(stateDir) / "token").string();
}

core::Result<std::string> ensureLocalOperator(const std::string& stateDir) {
    const std::string file = (std::filesystem::path(stateDir) / "operators").string();
    const std::string tokenFile = localTokenFile(stateDir);
    if (std::filesystem::exists(file)) {
        std::cout << "Operators: " << file
                  << (std::filesystem::exists(tokenFile)
                          ? " (the local operator's token is in " + tokenFile + ")"
                          : std::string())
                  << "\n";
        return file;
    }
    auto token = api::generateToken();
    if (!token)
        return token.error();
    api::OperatorRecord op;
    op.id = localOperatorId();
    op.tokenId = token->tokenId;
    op.tokenHash = token->hash;
    op.roles = {std::begin(api::kAllRoles), std::end(api::kAllRoles)};
    if (auto st = writeSecret(tokenFile, token->token); !st)
        return st.error();
    if (auto st = api::saveOperatorsFile(file, {op}); !st)
        return st.error();
    std::cout << "Created the operators file " << file << " with operator \"" << op.id
              << "\" (every role, the whole province)\n"
              << "  its token is in " << tokenFile
              << " (mode 0600); consoles on this machine use it. Add operators with "
                 "flameblue-admin.\n";
    return file;
}

}  // namespace flameblue::app

#include "api/auth.h"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <optional>
#include <shared_mutex>
#include <sstream>
#include <thread>

#include "api/audit.h"
#include "common/iso_time.h"
#include "core/validation.h"

namespace flameblue::api {

namespace {
constexpr std::size_t kMaxIdentityBytes = 64;

std::int64_t nowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

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

// "ipv4:127.0.0.1:5678" -> "ipv4:127.0.0.1", "ipv6:[::1]:5678" -> "ipv6:[::1]"
std::string peerAddress(const std::string& peer) {
    const auto colon = peer.rfind(':');
    const auto first = peer.find(':');
    if (colon == std::string::npos || colon == first)
        return peer;
    return peer.substr(0, colon);
}

core::Error permissionDenied(std::string m) {
    return {core::ErrorCode::PermissionDenied, std::move(m)};
}

std::set<Role> allRoles() {
    return {std::begin(kAllRoles), std::end(kAllRoles)};
}

std::map<std::string, AccessRule> buildRules() {
    const std::set<Role> all = allRoles();
    const std::set<Role> dispatch = {Role::Dispatcher, Role::Supervisor};
    const std::set<Role> field = {Role::Dispatcher, Role::Aviation, Role::Supervisor};
    const std::set<Role> aviation = {Role::Aviation, Role::Supervisor};
    const std::set<Role> instructor = {Role::Instructor};
    const std::set<Role> drillReaders = {Role::Instructor, Role::Supervisor};
    const std::set<Role> reports = {Role::Supervisor, Role::Viewer, Role::Admin};
    const std::set<Role> audit = {Role::Supervisor, Role::Admin};
    std::map<std::string, AccessRule> r;
    auto add = [&r](const char* service, std::initializer_list<const char*> methods,
                    const std::set<Role>& roles, bool command) {
        for (const char* m : methods)
            r[rpcName(service, m)] = AccessRule{roles, command};
    };
    const char* d = "flameblue.v1.Dispatch";
    add(d,
        {"CreateIncident", "UpdateIncident", "SetIncidentStatus", "ConfirmAlarmDraft",
         "DismissAlarmDraft", "ReleaseUnits", "AnswerMutualAid"},
        dispatch, true);
    add(d, {"AddNote", "DispatchUnits", "SetUnitStatus", "ReportPositions", "RequestMutualAid"},
        field, true);
    add(d,
        {"GetIncident", "GetUnit", "GetAircraft", "GetStation", "ListIncidents", "ListUnits",
         "ListAircraft", "ListStations", "ListWaterSources", "GetCatalog", "Recommend", "Subscribe",
         "ListMutualAidRequests"},
        all, false);
    const char* a = "flameblue.v1.Aviation";
    add(a, {"SetMissionState", "AcknowledgeAlert", "RecordDrop"}, aviation, true);
    add(a, {"GetTrack", "ListAlerts", "GetAircraftStatus", "ListAircraftStatus"}, all, false);
    const char* dr = "flameblue.v1.Drills";
    add(dr,
        {"CreateDrill", "Play", "Pause", "SetSpeed", "Step", "Seek", "HandOver", "ReleaseControl",
         "EndDrill"},
        instructor, true);
    add(dr, {"ListDrills", "ListScenarios", "GetAfterActionReport"}, drillReaders, false);
    add(dr, {"GetPlaybackState"}, all, false);
    add("flameblue.v1.Reports", {"PhaseReport", "ExportIncident"}, reports, false);
    add("flameblue.v1.Coverage", {"GetCoverage"}, all, false);
    add("flameblue.v1.Coverage", {"PlaceStations", "StationClosure"}, reports, false);
    add("flameblue.v1.Traffic", {"ListTraffic", "WatchTraffic", "ListFeeds"}, all, false);
    add("flameblue.v1.Audit", {"QueryAudit"}, audit, false);
    return r;
}

}  // namespace

std::string rpcName(std::string_view service, std::string_view method) {
    std::string s = "/";
    s += service;
    s += '/';
    s += method;
    return s;
}

const std::map<std::string, AccessRule>& accessRules() {
    static const std::map<std::string, AccessRule> rules = buildRules();
    return rules;
}

// ---------------------------------------------------------------------------------------------
// OperatorDirectory

struct OperatorDirectory::State {
    mutable std::shared_mutex mutex;
    std::map<std::string, OperatorRecord> byTokenId;
    std::map<std::string, std::string> tokenIdByCert;
    // Tokens verified since the last load: token id -> BLAKE2b of the token, so that a token is
    // run through Argon2 once, and afterwards compared in constant time.
    mutable std::mutex cacheMutex;
    mutable std::map<std::string, std::string> verified;
    // The file as last seen: modification time and size.
    std::int64_t mtimeNs = -1;
    std::int64_t fileSize = -1;
    std::uint64_t inode = 0;

    std::thread watcher;
    std::mutex stopMutex;
    std::condition_variable stopCv;
    bool stop = false;
};

namespace {
std::string digest(std::string_view token) {
    std::array<unsigned char, crypto_generichash_BYTES> out{};
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), nullptr, 0);
    return {reinterpret_cast<const char*>(out.data()), out.size()};
}

bool statFile(const std::string& path, std::int64_t& mtimeNs, std::int64_t& size,
              std::uint64_t& inode) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return false;
    mtimeNs = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    size = st.st_size;
    inode = st.st_ino;
    return true;
}
}  // namespace

OperatorDirectory::OperatorDirectory(std::string path, Log log)
    : m_path(std::move(path)), m_log(std::move(log)), m_state(std::make_unique<State>()) {}

OperatorDirectory::~OperatorDirectory() {
    {
        std::lock_guard lock(m_state->stopMutex);
        m_state->stop = true;
    }
    m_state->stopCv.notify_all();
    if (m_state->watcher.joinable())
        m_state->watcher.join();
}

core::Result<std::shared_ptr<OperatorDirectory>> OperatorDirectory::open(const std::string& path,
                                                                         Log log) {
    if (sodium_init() < 0)
        return core::Error{core::ErrorCode::Internal, "libsodium cannot be initialised"};
    std::shared_ptr<OperatorDirectory> d(new OperatorDirectory(path, std::move(log)));
    if (auto st = d->reload(); !st)
        return st.error();
    return d;
}

core::Status OperatorDirectory::reload() {
    std::int64_t mtime = -1;
    std::int64_t size = -1;
    std::uint64_t inode = 0;
    statFile(m_path, mtime, size, inode);
    auto loaded = loadOperatorsFile(m_path);
    {
        std::unique_lock lock(m_state->mutex);
        m_state->mtimeNs = mtime;
        m_state->fileSize = size;
        m_state->inode = inode;
        if (!loaded)
            return loaded.error();
        m_state->byTokenId.clear();
        m_state->tokenIdByCert.clear();
        for (auto& op : *loaded) {
            if (!op.certName.empty())
                m_state->tokenIdByCert[op.certName] = op.tokenId;
            m_state->byTokenId[op.tokenId] = std::move(op);
        }
    }
    std::lock_guard cache(m_state->cacheMutex);
    m_state->verified.clear();
    return core::Ok{};
}

void OperatorDirectory::watch(int periodMs) {
    State* s = m_state.get();
    s->watcher = std::thread([this, s, periodMs] {
        std::unique_lock lock(s->stopMutex);
        while (!s->stopCv.wait_for(lock, std::chrono::milliseconds(periodMs),
                                   [s] { return s->stop; })) {
            std::int64_t mtime = -1;
            std::int64_t size = -1;
            std::uint64_t inode = 0;
            statFile(m_path, mtime, size, inode);
            bool changed = false;
            {
                std::shared_lock read(s->mutex);
                changed = mtime != s->mtimeNs || size != s->fileSize || inode != s->inode;
            }
            if (!changed)
                continue;
            auto st = reload();
            if (m_log) {
                m_log(st ? "Operators reloaded from " + m_path + ": " +
                               std::to_string(this->size()) + " operators"
                         : "Operators file changed but not reloaded (the operators loaded before "
                           "stay in force): " +
                               st.error().message);
            }
        }
    });
}

std::size_t OperatorDirectory::size() const {
    std::shared_lock lock(m_state->mutex);
    return m_state->byTokenId.size();
}

core::Result<OperatorDirectory::Identity> OperatorDirectory::admitted(const OperatorRecord& op,
                                                                      std::int64_t now) const {
    if (op.revoked) {
        return core::Error{core::ErrorCode::Unauthenticated,
                           "authorization: the token of operator \"" + op.id + "\" is revoked"};
    }
    if (op.expiresMs && now >= *op.expiresMs) {
        return core::Error{core::ErrorCode::Unauthenticated,
                           "authorization: the token of operator \"" + op.id + "\" expired at " +
                               common::formatUtcIso(*op.expiresMs)};
    }
    return Identity{op.id, op.roles, op.scope};
}

core::Result<OperatorDirectory::Identity> OperatorDirectory::byToken(std::string_view token,
                                                                     std::int64_t now) const {
    const std::string tokenId = tokenIdOf(token);
    const core::Error unknown{core::ErrorCode::Unauthenticated,
                              "authorization: unknown operator token"};
    if (tokenId.empty())
        return unknown;
    OperatorRecord op;
    {
        std::shared_lock lock(m_state->mutex);
        auto it = m_state->byTokenId.find(tokenId);
        if (it == m_state->byTokenId.end())
            return unknown;
        op = it->second;
    }
    const std::string presented = digest(token);
    bool known = false;
    {
        std::lock_guard cache(m_state->cacheMutex);
        if (auto it = m_state->verified.find(tokenId); it != m_state->verified.end())
            known = constantTimeEqual(it->second, presented);
    }
    if (!known) {
        if (!verifyTokenHash(op.tokenHash, token))
            return unknown;
        std::lock_guard cache(m_state->cacheMutex);
        m_state->verified[tokenId] = presented;
    }
    return admitted(op, now);
}

core::Result<OperatorDirectory::Identity> OperatorDirectory::byCertificate(
    const std::string& commonName, std::int64_t now) const {
    std::shared_lock lock(m_state->mutex);
    auto it = m_state->tokenIdByCert.find(commonName);
    if (it == m_state->tokenIdByCert.end()) {
        return core::Error{core::ErrorCode::Unauthenticated,
                           "client certificate \"" + commonName + "\": no operator has it"};
    }
    return admitted(m_state->byTokenId.at(it->second), now);
}

// ---------------------------------------------------------------------------------------------
// Authenticator

struct Authenticator::Shared {
    std::shared_ptr<OperatorDirectory> operators;
    std::shared_ptr<AuditLog> audit;
    mutable std::mutex mutex;
    AccessLimits limits;
    std::set<std::string> instructors;

    struct Bucket {
        double tokens = 0;
        std::int64_t atMs = 0;
    };
    mutable std::map<std::string, Bucket> buckets;
    // Open streams by "kind operator" and by client address.
    mutable std::map<std::string, int> streamsByOperator;
    mutable std::map<std::string, int> streamsByAddress;
};

Authenticator::Authenticator() : m_s(std::make_shared<Shared>()) {}

Authenticator::Authenticator(std::shared_ptr<OperatorDirectory> operators, AccessLimits limits)
    : m_s(std::make_shared<Shared>()) {
    m_s->operators = std::move(operators);
    m_s->limits = limits;
}

bool Authenticator::usesTokens() const {
    return m_s->operators != nullptr;
}

core::Status Authenticator::reloadOperators() const {
    if (!m_s->operators)
        return core::failedPrecondition("no operators file: the server runs with --insecure-dev");
    return m_s->operators->reload();
}

void Authenticator::addInstructors(const std::set<std::string>& ids) {
    std::lock_guard lock(m_s->mutex);
    m_s->instructors.insert(ids.begin(), ids.end());
}

void Authenticator::setAudit(std::shared_ptr<AuditLog> audit) {
    m_s->audit = std::move(audit);
}

std::shared_ptr<AuditLog> Authenticator::audit() const {
    return m_s->audit;
}

std::optional<Caller> Authenticator::admit(grpc::CallbackServerContext* ctx,
                                           grpc::ServerUnaryReactor* reactor,
                                           std::string_view method) const {
    auto who = authorize(*ctx, method);
    if (!who) {
        reactor->Finish(toGrpc(who.error()));
        return std::nullopt;
    }
    return std::move(who).value();
}

const AccessLimits& Authenticator::limits() const {
    return m_s->limits;
}

void Authenticator::setLimits(AccessLimits limits) {
    std::lock_guard lock(m_s->mutex);
    m_s->limits = limits;
}

CallInfo CallInfo::of(const grpc::CallbackServerContext& ctx) {
    CallInfo c;
    c.operatorName = metadata(ctx, Authenticator::kOperatorKey);
    c.console = metadata(ctx, Authenticator::kConsoleKey);
    c.role = metadata(ctx, Authenticator::kRoleKey);
    c.authorization = metadata(ctx, "authorization");
    c.peer = ctx.peer();
    if (auto ac = ctx.auth_context(); ac && ac->IsPeerAuthenticated()) {
        const auto names = ac->FindPropertyValues("x509_common_name");
        if (!names.empty())
            c.certCommonName.assign(names.front().data(), names.front().size());
    }
    return c;
}

core::Result<Caller> Authenticator::identify(const grpc::CallbackServerContext& ctx) const {
    return identify(CallInfo::of(ctx));
}

core::Result<Caller> Authenticator::authorize(const grpc::CallbackServerContext& ctx,
                                              std::string_view method) const {
    return authorize(CallInfo::of(ctx), method);
}

core::Result<Caller> Authenticator::identify(const CallInfo& call) const {
    Caller caller;
    caller.peer = peerAddress(call.peer);
    caller.origin = call.console;
    if (caller.origin.empty()) {
        caller.origin = call.peer;
    }
    if (auto st = checkIdentity(kConsoleKey, caller.origin); !st) {
        return st.error();
    }
    if (usesTokens()) {
        const std::string& auth = call.authorization;
        const std::string prefix = "Bearer ";
        std::optional<core::Result<OperatorDirectory::Identity>> who;
        if (auth.rfind(prefix, 0) == 0) {
            who = m_s->operators->byToken(std::string_view(auth).substr(prefix.size()), nowMs());
        } else if (!call.certCommonName.empty()) {
            who = m_s->operators->byCertificate(call.certCommonName, nowMs());
        }
        if (!who) {
            return core::Error{core::ErrorCode::Unauthenticated,
                               "authorization: a bearer token is required (or a client "
                               "certificate mapped to an operator)"};
        }
        if (!*who)
            return who->error();
        caller.operatorId = (*who)->id;
        caller.roles = (*who)->roles;
        caller.scope = (*who)->scope;
        std::lock_guard lock(m_s->mutex);
        if (m_s->instructors.contains(caller.operatorId))
            caller.roles.insert(Role::Instructor);
        return caller;
    }
    caller.operatorId = call.operatorName;
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
    caller.roles = allRoles();
    caller.roles.erase(Role::Instructor);
    if (call.role == "instructor")
        caller.roles.insert(Role::Instructor);
    return caller;
}

core::Result<Caller> Authenticator::authorize(const CallInfo& call, std::string_view method) const {
    const auto& rules = accessRules();
    auto rule = rules.find(std::string(method));
    if (rule == rules.end()) {
        return core::Error{core::ErrorCode::Internal,
                           std::string(method) + ": no access rule; refused"};
    }
    // On --insecure-dev, reads need no name (as on loopback before operators existed).
    if (insecureDev() && !rule->second.command && call.operatorName.empty()) {
        Caller anonymous;
        anonymous.peer = peerAddress(call.peer);
        anonymous.origin = call.console.empty() ? call.peer : call.console;
        anonymous.roles = allRoles();
        anonymous.roles.erase(Role::Instructor);
        if (call.role == "instructor")
            anonymous.roles.insert(Role::Instructor);
        if (!rule->second.roles.empty() &&
            std::none_of(rule->second.roles.begin(), rule->second.roles.end(),
                         [&](Role r) { return anonymous.has(r); })) {
            core::Error e = permissionDenied(
                std::string(method) + ": needs the role " + roleList(rule->second.roles) +
                (rule->second.roles.contains(Role::Instructor)
                     ? std::string("; on --insecure-dev claim it with ") + kRoleKey + ": instructor"
                     : std::string()));
            recordError(anonymous, method, e);
            return e;
        }
        return anonymous;
    }
    auto who = identify(call);
    if (!who) {
        Caller unknown;
        unknown.peer = peerAddress(call.peer);
        unknown.origin = call.console;
        recordError(unknown, method, who.error());
        return who;
    }
    const Caller& caller = *who;
    const auto& roles = rule->second.roles;
    if (std::none_of(roles.begin(), roles.end(), [&](Role r) { return caller.has(r); })) {
        std::string need;
        for (Role r : roles)
            need += std::string(need.empty() ? "" : " or ") + roleName(r);
        core::Error e = permissionDenied(
            std::string(method) + ": operator \"" + caller.operatorId + "\" (roles " +
            (caller.roles.empty() ? std::string("none") : roleList(caller.roles)) + ") needs the " +
            need + " role" +
            (insecureDev() && roles.contains(Role::Instructor)
                 ? std::string("; on --insecure-dev claim it with ") + kRoleKey + ": instructor"
                 : std::string()));
        recordError(caller, method, e);
        return e;
    }
    if (rule->second.command) {
        if (auto limited = rateLimited(caller, method)) {
            recordError(caller, method, *limited);
            return *limited;
        }
    }
    return who;
}

std::optional<core::Error> Authenticator::rateLimited(const Caller& caller,
                                                      std::string_view method) const {
    std::lock_guard lock(m_s->mutex);
    const AccessLimits& l = m_s->limits;
    if (l.commandsPerSecond <= 0)
        return std::nullopt;
    const std::int64_t now = nowMs();
    auto [it, fresh] = m_s->buckets.try_emplace(caller.operatorId);
    Shared::Bucket& b = it->second;
    if (fresh) {
        b.tokens = l.commandBurst;
        b.atMs = now;
    }
    b.tokens = std::min(l.commandBurst, b.tokens + static_cast<double>(now - b.atMs) / 1000.0 *
                                                       l.commandsPerSecond);
    b.atMs = now;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return std::nullopt;
    }
    const double wait = (1.0 - b.tokens) / l.commandsPerSecond;
    std::ostringstream m;
    m << method << ": operator \"" << caller.operatorId << "\" sent more than "
      << l.commandsPerSecond << " commands a second (burst " << l.commandBurst << "); retry in ";
    m.precision(2);
    m << std::fixed << wait << " s";
    return core::Error{core::ErrorCode::ResourceExhausted, m.str()};
}

void Authenticator::record(const Caller& caller, std::string_view method,
                           const grpc::Status& outcome, const std::string& subject) const {
    if (!m_s->audit)
        return;
    AuditEntry e;
    e.timeMs = nowMs();
    e.operatorId = caller.operatorId;
    e.console = caller.origin;
    e.peer = caller.peer;
    e.method = std::string(method);
    e.code = static_cast<int>(outcome.error_code());
    e.message = outcome.error_message();
    e.subject = subject;
    m_s->audit->add(std::move(e));
}

void Authenticator::recordError(const Caller& caller, std::string_view method, const core::Error& e,
                                const std::string& subject) const {
    record(caller, method, toGrpc(e), subject);
}

core::Result<Authenticator::Slot> Authenticator::openStream(const Caller& caller,
                                                            const std::string& kind,
                                                            int perOperatorCap) const {
    std::lock_guard lock(m_s->mutex);
    const std::string opKey = kind + " " + caller.operatorId;
    const int byAddress = m_s->streamsByAddress[caller.peer];
    if (m_s->limits.maxStreamsPerAddress > 0 && byAddress >= m_s->limits.maxStreamsPerAddress) {
        return core::Error{core::ErrorCode::ResourceExhausted,
                           kind + ": client address " + caller.peer + " already has " +
                               std::to_string(byAddress) + " open streams (at most " +
                               std::to_string(m_s->limits.maxStreamsPerAddress) + ")"};
    }
    const int byOperator = m_s->streamsByOperator[opKey];
    if (perOperatorCap > 0 && !caller.operatorId.empty() && byOperator >= perOperatorCap) {
        return core::Error{core::ErrorCode::ResourceExhausted,
                           kind + ": operator \"" + caller.operatorId + "\" already has " +
                               std::to_string(byOperator) + " open (at most " +
                               std::to_string(perOperatorCap) + ")"};
    }
    ++m_s->streamsByAddress[caller.peer];
    ++m_s->streamsByOperator[opKey];
    std::weak_ptr<Shared> weak = m_s;
    auto release = [weak, peer = caller.peer, opKey](void*) {
        if (auto s = weak.lock()) {
            std::lock_guard lock(s->mutex);
            if (--s->streamsByAddress[peer] <= 0)
                s->streamsByAddress.erase(peer);
            if (--s->streamsByOperator[opKey] <= 0)
                s->streamsByOperator.erase(opKey);
        }
    };
    return Slot(static_cast<void*>(nullptr), release);
}

core::Status Authenticator::checkDrillCap(const Caller& caller, int openByOperator) const {
    const int cap = limits().maxDrillsPerOperator;
    if (cap > 0 && openByOperator >= cap) {
        return core::Error{core::ErrorCode::ResourceExhausted,
                           "drills: operator \"" + caller.operatorId + "\" already runs " +
                               std::to_string(openByOperator) + " drills (at most " +
                               std::to_string(cap) + "); end one first"};
    }
    return core::Ok{};
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
        case core::ErrorCode::PermissionDenied:
            code = grpc::StatusCode::PERMISSION_DENIED;
            break;
        case core::ErrorCode::ResourceExhausted:
            code = grpc::StatusCode::RESOURCE_EXHAUSTED;
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

#pragma once

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "api/operators.h"
#include "core/result.h"

namespace flameblue::api {

class AuditLog;

// Who is calling, as authenticated: lands in every event a command produces.
struct Caller {
    std::string operatorId;
    std::string origin;  // console name, or the peer address when none was given
    std::string peer;    // the client's address (without its port)
    std::set<Role> roles;
    Scope scope;

    bool has(Role r) const { return roles.contains(r); }
};

// What each RPC needs: the roles that may call it (any one of them), and whether it is a
// command (rate-limited, audited with its outcome, and naming its operator even on
// --insecure-dev).
struct AccessRule {
    std::set<Role> roles;
    bool command = false;
};
// Every RPC the server serves, by full method name "/flameblue.v1.Dispatch/CreateIncident".
// An RPC without a rule is refused.
const std::map<std::string, AccessRule>& accessRules();
// "/" + service + "/" + method
std::string rpcName(std::string_view service, std::string_view method);

struct AccessLimits {
    // Commands per operator: a token bucket of `commandBurst` refilled at `commandsPerSecond`.
    double commandsPerSecond = 20.0;
    double commandBurst = 40.0;
    int maxSubscriptionsPerOperator = 16;
    int maxDrillsPerOperator = 4;
    // Open streams (subscriptions, traffic watches, position reports) from one client address.
    int maxStreamsPerAddress = 64;
};

// The operators file, reloaded on request (SIGHUP) or when it changes on disk. A file that does
// not load keeps the operators loaded before, and says why through `log`.
class OperatorDirectory {
public:
    using Log = std::function<void(const std::string&)>;
    static core::Result<std::shared_ptr<OperatorDirectory>> open(const std::string& path, Log log);
    ~OperatorDirectory();

    core::Status reload();
    // Watches the file (checked every `periodMs`) and reloads it when it changes.
    void watch(int periodMs = 200);

    struct Identity {
        std::string id;
        std::set<Role> roles;
        Scope scope;
    };
    core::Result<Identity> byToken(std::string_view token, std::int64_t nowMs) const;
    core::Result<Identity> byCertificate(const std::string& commonName, std::int64_t nowMs) const;
    const std::string& path() const { return m_path; }
    std::size_t size() const;

private:
    OperatorDirectory(std::string path, Log log);
    core::Result<Identity> admitted(const OperatorRecord& op, std::int64_t nowMs) const;

    struct State;
    std::string m_path;
    Log m_log;
    std::unique_ptr<State> m_state;
};

// What the authenticator looks at in a call.
struct CallInfo {
    std::string operatorName;    // x-flameblue-operator
    std::string console;         // x-flameblue-console
    std::string role;            // x-flameblue-role
    std::string authorization;   // authorization
    std::string peer;            // "ipv4:127.0.0.1:5678"
    std::string certCommonName;  // of a verified client certificate
    static CallInfo of(const grpc::CallbackServerContext& ctx);
};

// Resolves and checks the caller of every RPC. With an operator directory, callers present
// "authorization: Bearer <token>" (or a client certificate mapped to an operator); on
// --insecure-dev they name themselves in "x-flameblue-operator" and hold every role but the
// instructor's, which they claim with "x-flameblue-role: instructor". Copies share one state.
class Authenticator {
public:
    static constexpr const char* kOperatorKey = "x-flameblue-operator";
    static constexpr const char* kConsoleKey = "x-flameblue-console";
    static constexpr const char* kRoleKey = "x-flameblue-role";

    // Self-declared identities (--insecure-dev).
    Authenticator();
    Authenticator(std::shared_ptr<OperatorDirectory> operators, AccessLimits limits);

    bool usesTokens() const;
    // Reads the operators file again (SIGHUP); on an error the operators loaded before stay.
    core::Status reloadOperators() const;
    bool insecureDev() const { return !usesTokens(); }
    // Operators named here hold the instructor role as well (--instructors FILE).
    void addInstructors(const std::set<std::string>& ids);
    void setAudit(std::shared_ptr<AuditLog> audit);
    std::shared_ptr<AuditLog> audit() const;
    const AccessLimits& limits() const;
    void setLimits(AccessLimits limits);

    // Checks the caller of a unary RPC; a refusal finishes `reactor` and gives nullopt.
    std::optional<Caller> admit(grpc::CallbackServerContext* ctx, grpc::ServerUnaryReactor* reactor,
                                std::string_view method) const;

    // Authentication only.
    core::Result<Caller> identify(const grpc::CallbackServerContext& ctx) const;
    core::Result<Caller> identify(const CallInfo& call) const;
    // Authentication, the RPC's role rule, and for commands the operator's rate limit. A refusal
    // is written to the audit trail.
    core::Result<Caller> authorize(const grpc::CallbackServerContext& ctx,
                                   std::string_view method) const;
    core::Result<Caller> authorize(const CallInfo& call, std::string_view method) const;
    // Records a command's outcome in the audit trail.
    void record(const Caller& caller, std::string_view method, const grpc::Status& outcome,
                const std::string& subject = {}) const;
    void recordError(const Caller& caller, std::string_view method, const core::Error& e,
                     const std::string& subject = {}) const;

    // A slot for an open stream; the slot is given back when the handle is destroyed.
    // `perOperatorCap` limits streams of this `kind` per operator (0: no limit).
    using Slot = std::shared_ptr<void>;
    core::Result<Slot> openStream(const Caller& caller, const std::string& kind,
                                  int perOperatorCap) const;
    // Drills started by this operator and still open, counted by the caller's hook.
    core::Status checkDrillCap(const Caller& caller, int openByOperator) const;

private:
    std::optional<core::Error> rateLimited(const Caller& caller, std::string_view method) const;

    struct Shared;
    std::shared_ptr<Shared> m_s;
};

grpc::Status toGrpc(const core::Error& e);

}  // namespace flameblue::api

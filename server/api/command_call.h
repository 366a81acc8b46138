// The steps every unary call on a session shares, for the Dispatch and Aviation services alike.
#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>

#include "api/auth.h"
#include "api/session_registry.h"
#include "core/commands.h"
#include "core/result.h"
#include "flameblue/v1/dispatch.pb.h"
#include "session/session.h"

namespace flameblue::api {

// Signs in the caller of a unary RPC and finds the session `ref` names; on a refusal `reactor`
// is finished with it and false returned.
bool admitToSession(const Authenticator& auth, SessionRegistry& sessions,
                    grpc::CallbackServerContext* ctx, grpc::ServerUnaryReactor* reactor,
                    const v1::SessionRef& ref, const std::string& method, Caller& caller,
                    SessionHandle& handle);

// Adds to a command's reply what the committed command changed (on the session's thread).
using ReplyFiller = std::function<void(const session::CommandOutcome&, v1::CommandReply*)>;

// Submits one command for an admitted caller, within the caller's cities, audits its outcome and
// finishes `reactor`: refused with the reason, or OK with the events' seqs (and what `fill`
// adds). A command that did not parse (`command` holds the error) is audited and refused alike.
void submitCommand(const Authenticator& auth, session::Session& session, const Caller& caller,
                   const std::string& method, const std::string& subject,
                   core::Result<core::Command> command, grpc::ServerUnaryReactor* reactor,
                   v1::CommandReply* reply, ReplyFiller fill = {});

}  // namespace flameblue::api

#include "api/command_call.h"

#include <utility>
#include <vector>

#include "api/mapping.h"

namespace flameblue::api {

bool admitToSession(const Authenticator& auth, SessionRegistry& sessions,
                    grpc::CallbackServerContext* ctx, grpc::ServerUnaryReactor* reactor,
                    const v1::SessionRef& ref, const std::string& method, Caller& caller,
                    SessionHandle& handle) {
    auto who = auth.admit(ctx, reactor, method);
    if (!who)
        return false;
    caller = std::move(*who);
    if (!sessions.find(ref.id(), handle)) {
        reactor->Finish(
            grpc::Status(grpc::StatusCode::NOT_FOUND, "session: no session \"" + ref.id() + "\""));
        return false;
    }
    return true;
}

void submitCommand(const Authenticator& auth, session::Session& session, const Caller& caller,
                   const std::string& method, const std::string& subject,
                   core::Result<core::Command> command, grpc::ServerUnaryReactor* reactor,
                   v1::CommandReply* reply, ReplyFiller fill) {
    if (!command) {
        auth.recordError(caller, method, command.error(), subject);
        reactor->Finish(toGrpc(command.error()));
        return;
    }
    std::vector<core::Command> commands{std::move(command).value()};
    core::CommandContext context{caller.operatorId, caller.origin, 0, std::nullopt};
    if (!caller.scope.province)
        context.cities = caller.scope.cities;
    session.submit(std::move(context), std::move(commands),
                   [reactor, reply, auth, caller, method, subject,
                    fill = std::move(fill)](std::vector<session::CommandResult> results) {
                       const session::CommandResult& r = results.front();
                       if (!r) {
                           auth.recordError(caller, method, r.error(), subject);
                           reactor->Finish(toGrpc(r.error()));
                           return;
                       }
                       auth.record(caller, method, grpc::Status::OK, subject);
                       reply->set_first_seq(r->firstSeq);
                       reply->set_last_seq(r->lastSeq);
                       if (fill)
                           fill(*r, reply);
                       reactor->Finish(grpc::Status::OK);
                   });
}

}  // namespace flameblue::api

// A unary call through the gRPC callback API whose completion runs on the Qt thread.
#pragma once

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "flameblue/v1/dispatch.grpc.pb.h"
#include "net/qt_poster.h"
#include "net/server_link_net.h"

namespace flameblue::console {

template <typename Request, typename Reply>
struct UnaryCall {
    std::shared_ptr<flameblue::v1::Dispatch::Stub> stub;  // kept alive for the whole call
    grpc::ClientContext context;
    Request request;
    Reply reply;
};

// `method(async, context, request, reply, callback)` starts the call on the stub's async
// interface; `done` receives the status and the reply on the poster's thread (never once the
// poster's object is gone).
template <typename Request, typename Reply, typename Method>
void startUnaryCall(std::shared_ptr<flameblue::v1::Dispatch::Stub> stub,
                    std::shared_ptr<QtPoster> poster, Method method, Request request,
                    const Metadata& metadata, std::chrono::milliseconds deadline,
                    std::function<void(const grpc::Status&, Reply&&)> done) {
    auto call = std::make_shared<UnaryCall<Request, Reply>>();
    call->stub = std::move(stub);
    call->request = std::move(request);
    for (const auto& [key, value] : metadata) {
        call->context.AddMetadata(key, value);
    }
    call->context.set_deadline(std::chrono::system_clock::now() + deadline);
    auto* async = call->stub->async();
    // The call (its context holds the channel) goes with the work to the poster's thread, to be
    // released there and not on the gRPC callback thread (see SubscribeStream::OnDone).
    method(async, &call->context, &call->request, &call->reply,
           [call, poster = std::move(poster),
            done = std::move(done)](const grpc::Status& status) mutable {
               poster->post([call = std::move(call), status, done = std::move(done)]() mutable {
                   done(status, std::move(call->reply));
               });
           });
}

}  // namespace flameblue::console

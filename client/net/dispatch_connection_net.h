// What DispatchConnection's source files share and its header hides: the gRPC side.
#pragma once

#include <grpcpp/grpcpp.h>

#include <QString>

#include <memory>

#include "flameblue/v1/dispatch.grpc.pb.h"
#include "net/dispatch_connection.h"
#include "net/unary_call.h"

namespace flameblue::console {

class SubscribeStream;

struct DispatchConnection::Net {
    std::shared_ptr<grpc::Channel> channel;
    std::shared_ptr<flameblue::v1::Dispatch::Stub> stub;
    std::shared_ptr<SubscribeStream> stream;
    Metadata metadata;
};

inline QString statusMessage(const grpc::Status& status) {
    return QString::fromStdString(status.error_message());
}

}  // namespace flameblue::console

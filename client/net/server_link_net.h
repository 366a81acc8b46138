#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "net/server_link.h"

namespace flameblue::console {

using Metadata = std::vector<std::pair<std::string, std::string>>;

// gRPC metadata values must be printable ASCII: other bytes (a Chinese operator name) are
// percent-encoded, which keeps the audit log readable and reversible.
std::string metadataValue(const QString& text);
// The operator, the console and the token, as every call carries them.
Metadata identityMetadata(const ServerLink& link);
// A channel to the server with the link's credentials; `args` may carry more settings.
std::shared_ptr<grpc::Channel> makeChannel(const ServerLink& link,
                                           grpc::ChannelArguments args = {});

}  // namespace flameblue::console

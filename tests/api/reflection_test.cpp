// Ordinary gRPC tooling discovers the API: server reflection lists the Dispatch service and
// serves its descriptors.
#include <google/protobuf/descriptor.pb.h>
#include <gtest/gtest.h>

#include "../support/live_server.h"
#include "reflection_subset.pb.h"

namespace refl = flameblue::testing::reflection;

namespace {
// The reflection service as any gRPC tool calls it; the stub is spelled out because the gRPC
// packages ship the service but not its client headers.
std::unique_ptr<
    grpc::ClientReaderWriter<refl::ServerReflectionRequest, refl::ServerReflectionResponse>>
openReflection(grpc::Channel* channel, grpc::ClientContext* ctx) {
    static const grpc::internal::RpcMethod method(
        "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
        grpc::internal::RpcMethod::BIDI_STREAMING);
    return std::unique_ptr<
        grpc::ClientReaderWriter<refl::ServerReflectionRequest, refl::ServerReflectionResponse>>(
        grpc::internal::ClientReaderWriterFactory<refl::ServerReflectionRequest,
                                                  refl::ServerReflectionResponse>::Create(channel,
                                                                                          method,
                                                                                          ctx));
}
}  // namespace

TEST(Reflection, ListsTheDispatchServiceAndServesItsDescriptor) {
    flameblue::testing::LiveServer live;
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    auto stream = openReflection(live.channel().get(), &ctx);

    refl::ServerReflectionRequest list;
    list.set_list_services("*");
    ASSERT_TRUE(stream->Write(list));
    refl::ServerReflectionResponse reply;
    ASSERT_TRUE(stream->Read(&reply));
    std::vector<std::string> services;
    for (const auto& s : reply.list_services_response().service())
        services.push_back(s.name());
    EXPECT_NE(std::find(services.begin(), services.end(), "flameblue.v1.Dispatch"), services.end());
    EXPECT_NE(std::find(services.begin(), services.end(), "grpc.health.v1.Health"), services.end());

    refl::ServerReflectionRequest symbol;
    symbol.set_file_containing_symbol("flameblue.v1.Dispatch");
    ASSERT_TRUE(stream->Write(symbol));
    ASSERT_TRUE(stream->Read(&reply));
    ASSERT_GT(reply.file_descriptor_response().file_descriptor_proto_size(), 0);
    google::protobuf::FileDescriptorProto file;
    ASSERT_TRUE(file.ParseFromString(reply.file_descriptor_response().file_descriptor_proto(0)));
    EXPECT_EQ(file.name(), "flameblue/v1/dispatch.proto");
    ASSERT_GT(file.service_size(), 0);
    EXPECT_EQ(file.service(0).name(), "Dispatch");
    stream->WritesDone();
    EXPECT_TRUE(stream->Finish().ok());
}

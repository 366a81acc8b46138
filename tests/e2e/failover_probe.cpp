// A command-line client for fail-over drills outside the test suite (scripts/patroni-failover.sh):
//
//   failover_probe --server HOST:PORT --seconds N --out FILE
//       creates incidents for N seconds as fast as the server answers; writes each acknowledged
//       incident id to FILE as it is acknowledged, and prints the longest time no command was
//       accepted (the write gap of a fail-over).
//   failover_probe --server HOST:PORT --check FILE
//       reads every id of FILE back from the server; exit code 0 only when all are there.
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>

#include "flameblue/v1/dispatch.grpc.pb.h"

namespace {

namespace pb = ::flameblue::v1;
using Clock = std::chrono::steady_clock;

int usage() {
    std::fprintf(stderr,
                 "usage: failover_probe --server HOST:PORT (--seconds N --out FILE | --check "
                 "FILE)\n");
    return 2;
}

void identify(grpc::ClientContext& ctx) {
    ctx.AddMetadata("x-flameblue-operator", "failover-probe");
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
}

int burst(pb::Dispatch::Stub& stub, double seconds, const std::string& out) {
    std::ofstream ids(out, std::ios::trunc);
    if (!ids) {
        std::fprintf(stderr, "failover_probe: cannot write %s\n", out.c_str());
        return 2;
    }
    const auto start = Clock::now();
    auto lastOk = start;
    double longestGap = 0.0;
    int acknowledged = 0;
    int refused = 0;
    std::string lastRefusal;
    for (int n = 1; std::chrono::duration<double>(Clock::now() - start).count() < seconds; ++n) {
        grpc::ClientContext ctx;
        identify(ctx);
        pb::CreateIncidentRequest r;
        r.set_type("building_fire");
        r.set_level(1);
        r.mutable_position()->set_lat(37.85);
        r.mutable_position()->set_lon(112.55);
        r.set_address("fail-over probe " + std::to_string(n));
        pb::CommandReply reply;
        const grpc::Status st = stub.CreateIncident(&ctx, r, &reply);
        const auto now = Clock::now();
        if (st.ok()) {
            ids << reply.incident().id() << '\n' << std::flush;
            longestGap = std::max(longestGap, std::chrono::duration<double>(now - lastOk).count());
            lastOk = now;
            ++acknowledged;
        } else {
            ++refused;
            lastRefusal = st.error_message();
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    std::printf(
        "failover_probe: %d acknowledged, %d refused (last: %s); longest time without "
        "an accepted command %.1f s\n",
        acknowledged, refused, lastRefusal.empty() ? "-" : lastRefusal.c_str(), longestGap);
    return acknowledged > 0 ? 0 : 1;
}

int check(pb::Dispatch::Stub& stub, const std::string& in) {
    std::ifstream ids(in);
    if (!ids) {
        std::fprintf(stderr, "failover_probe: cannot read %s\n", in.c_str());
        return 2;
    }
    int found = 0;
    int missing = 0;
    for (std::string id; std::getline(ids, id);) {
        if (id.empty())
            continue;
        grpc::ClientContext ctx;
        identify(ctx);
        pb::GetRequest get;
        get.set_id(id);
        pb::Incident incident;
        if (stub.GetIncident(&ctx, get, &incident).ok()) {
            ++found;
        } else {
            ++missing;
            std::printf("failover_probe: acknowledged incident %s is missing\n", id.c_str());
        }
    }
    std::printf("failover_probe: %d acknowledged incidents found, %d missing\n", found, missing);
    return missing == 0 && found > 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    std::string server;
    std::string out;
    std::string in;
    double seconds = 0.0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--server")
            server = argv[i + 1];
        else if (a == "--out")
            out = argv[i + 1];
        else if (a == "--check")
            in = argv[i + 1];
        else if (a == "--seconds")
            seconds = std::atof(argv[i + 1]);
        else
            return usage();
    }
    if (server.empty() || (in.empty() == (out.empty() || seconds <= 0.0)))
        return usage();
    auto stub =
        pb::Dispatch::NewStub(grpc::CreateChannel(server, grpc::InsecureChannelCredentials()));
    return in.empty() ? burst(*stub, seconds, out) : check(*stub, in);
}
